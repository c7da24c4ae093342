// C += A * B on strided 2-D memref views, through cblas_sgemm when the
// views are plain (possibly transposed) matrices.
#include "axtrt/matmul.h"

#include <algorithm>
#include <climits>

#include <cblas.h>

#include "parallel.h"

namespace {

struct View {
  float *data; // aligned + offset
  int64_t rows, cols, s0, s1;
};

View viewOf(const axtrt_memref2d_f32 *m) {
  return {m->aligned + m->offset, m->sizes[0], m->sizes[1], m->strides[0],
          m->strides[1]};
}

// Leading dimension under which cblas can read the view as a row-major
// matrix, or -1 if it cannot. A stride along a dimension of size 1 is never
// used, so it may be anything; cblas still wants ld >= max(1, cols).
int64_t rowMajorLd(int64_t rows, int64_t cols, int64_t s0, int64_t s1) {
  if (cols > 1 && s1 != 1)
    return -1;
  int64_t ld = rows > 1 ? s0 : std::max<int64_t>(1, cols);
  if (ld < std::max<int64_t>(1, cols) || ld > INT_MAX)
    return -1; // overlapping or negative rows, or too big for a BLAS int
  return ld;
}

int64_t rowMajorLd(const View &v) { return rowMajorLd(v.rows, v.cols, v.s0, v.s1); }
// Column-major is row-major with the roles of the dimensions swapped.
int64_t colMajorLd(const View &v) { return rowMajorLd(v.cols, v.rows, v.s1, v.s0); }

// Chooses how cblas reads an input given the storage order picked for C.
bool blasOperand(const View &v, bool rowMajorC, CBLAS_TRANSPOSE &trans,
                 int64_t &ld) {
  int64_t same = rowMajorC ? rowMajorLd(v) : colMajorLd(v);
  int64_t other = rowMajorC ? colMajorLd(v) : rowMajorLd(v);
  if (same >= 0) {
    trans = CblasNoTrans;
    ld = same;
    return true;
  }
  if (other >= 0) {
    trans = CblasTrans;
    ld = other;
    return true;
  }
  return false;
}

// How cblas_sgemm reads the three views.
struct BlasCall {
  bool rowMajorC;
  CBLAS_TRANSPOSE transA, transB;
  int64_t lda, ldb, ldc;
};

bool planBlas(const View &a, const View &b, const View &c, BlasCall &call) {
  if (c.rows > INT_MAX || c.cols > INT_MAX || a.cols > INT_MAX)
    return false;
  call.ldc = rowMajorLd(c);
  call.rowMajorC = call.ldc >= 0;
  if (!call.rowMajorC && (call.ldc = colMajorLd(c)) < 0)
    return false;
  return blasOperand(a, call.rowMajorC, call.transA, call.lda) &&
         blasOperand(b, call.rowMajorC, call.transB, call.ldb);
}

// C[r0:r1, c0:c1] += A[r0:r1, :] * B[:, c0:c1].
void runBlas(const BlasCall &call, const View &a, const View &b, const View &c,
             int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
  cblas_sgemm(call.rowMajorC ? CblasRowMajor : CblasColMajor, call.transA,
              call.transB, int(r1 - r0), int(c1 - c0), int(a.cols), 1.0f,
              a.data + r0 * a.s0, int(call.lda), b.data + c0 * b.s1,
              int(call.ldb), 1.0f, c.data + r0 * c.s0 + c0 * c.s1,
              int(call.ldc));
}

// C += A * B through BLAS, C's rows or columns (the longer side) shared out
// over the runtime's threads. False, before writing anything, if BLAS
// cannot read the views.
bool tryBlas(const View &a, const View &b, const View &c) {
  BlasCall call;
  if (!planBlas(a, b, c, call))
    return false;
  const bool byRows = c.rows >= c.cols;
  const int64_t side = byRows ? c.rows : c.cols;
  const int threads =
      axtrt::threadsFor(double(c.rows) * double(c.cols) * double(a.cols), side);
  auto part = [&](int t) {
    const int64_t lo = side * t / threads, hi = side * (t + 1) / threads;
    if (byRows)
      runBlas(call, a, b, c, lo, hi, 0, c.cols);
    else
      runBlas(call, a, b, c, 0, c.rows, lo, hi);
  };
  axtrt::runAllParts(threads, part);
  return true;
}

// Any strides at all; accumulates in double so it is no less accurate than
// the BLAS path.
void naive(const View &a, const View &b, const View &c) {
  for (int64_t i = 0; i < c.rows; ++i)
    for (int64_t j = 0; j < c.cols; ++j) {
      double acc = 0.0;
      for (int64_t k = 0; k < a.cols; ++k)
        acc += double(a.data[i * a.s0 + k * a.s1]) *
               double(b.data[k * b.s0 + j * b.s1]);
      float &out = c.data[i * c.s0 + j * c.s1];
      out = float(double(out) + acc);
    }
}

} // namespace

extern "C" void _mlir_ciface_axtrt_matmul_f32(axtrt_memref2d_f32 *a,
                                              axtrt_memref2d_f32 *b,
                                              axtrt_memref2d_f32 *c) {
  if (!a || !b || !c)
    return;
  View va = viewOf(a), vb = viewOf(b), vc = viewOf(c);
  // Nothing to add for an empty C or an empty reduction; cblas would also
  // reject the leading dimensions of some empty views.
  if (vc.rows <= 0 || vc.cols <= 0 || va.cols <= 0)
    return;
  if (!tryBlas(va, vb, vc))
    naive(va, vb, vc);
}
