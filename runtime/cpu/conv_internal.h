// Pieces of the convolution kernel shared between its source files.
#ifndef AXTRT_CPU_CONV_INTERNAL_H
#define AXTRT_CPU_CONV_INTERNAL_H

#include <cstdint>

#include "axtrt/conv.h"

namespace axtrt {

// A strided 4-D view; data already includes the descriptor's offset.
struct Tensor4 {
  float *data;
  int64_t size[4];
  int64_t stride[4];
};

// Column-matrix floats per GEMM (512 KB): stays in a core's L2 cache (1 MB
// on the target, AMD EPYC) next to the GEMM's own packed panels.
constexpr int64_t kColBudget = 1 << 17;

inline int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }
// n rounded up to 16 floats (64 bytes), so that scratch areas stay aligned.
inline int64_t roundUp(int64_t n) { return (n + 15) / 16 * 16; }

// Samples [n0, n1) of thread t out of `threads`: the kernels give each
// thread a fixed share, so that a thread finds in its cache the samples it
// wrote in the layer before.
inline void shareOf(int64_t N, int threads, int t, int64_t &n0, int64_t &n1) {
  n0 = N * t / threads;
  n1 = N * (t + 1) / threads;
}

// The view of a memref descriptor.
inline Tensor4 tensorOf(const axtrt_memref4d_f32 *m) {
  Tensor4 t;
  t.data = m->aligned + m->offset;
  for (int i = 0; i < 4; ++i) {
    t.size[i] = m->sizes[i];
    t.stride[i] = m->strides[i];
  }
  return t;
}

// Element (i, j, k, l) of t.
inline float &at(const Tensor4 &t, int64_t i, int64_t j, int64_t k, int64_t l) {
  return t.data[i * t.stride[0] + j * t.stride[1] + k * t.stride[2] +
                l * t.stride[3]];
}

// Whether x [N,C,H,W], w [F,C,KH,KW] and y [N,F,OH,OW] have sizes that make
// a convolution (all >= 0, and N, C and F agreeing), and the window
// parameters are valid (strides and dilations >= 1).
inline bool operandsAgree(const Tensor4 &x, const Tensor4 &w, const Tensor4 &y,
                          int64_t strideH, int64_t strideW, int64_t dilationH,
                          int64_t dilationW) {
  for (int i = 0; i < 4; ++i)
    if (x.size[i] < 0 || w.size[i] < 0 || y.size[i] < 0)
      return false;
  return w.size[1] == x.size[1] && y.size[0] == x.size[0] &&
         y.size[1] == w.size[0] && strideH >= 1 && strideW >= 1 &&
         dilationH >= 1 && dilationW >= 1;
}

// Sizes of a validated convolution: x [N,C,H,W], w [F,C,KH,KW],
// y [N,F,OH,OW]; all positive, and every input position it reads is inside x.
struct ConvShape {
  int64_t N, C, H, W, F, KH, KW, OH, OW;
  int64_t strideH, strideW, dilationH, dilationW;
};

// Whether element (i, j) of a rows x cols plane with these strides is at
// i*cols + j. A stride of a dimension of size 1 is never used.
inline bool planeIsContiguous(int64_t rows, int64_t cols, int64_t rowStride,
                              int64_t colStride) {
  return (cols <= 1 || colStride == 1) && (rows <= 1 || rowStride == cols);
}

// The output rows (n, oh) are numbered r = n*OH + oh; the kernel works on
// ranges [r0, r1) of them, and on ranges [c0, c1) of the input channels.
// Column j = (r - r0)*OW + ow of a column matrix is output position
// (n, oh, ow), and its row k = ((c - c0)*KH + kh)*KW + kw holds
// x[n, c, oh*sh + kh*dh, ow*sw + kw*dw].

// Writes that column matrix to col, row-major ([k][j]): copies runs of OW
// elements, for when the output rows are long.
void im2colRows(const Tensor4 &x, const ConvShape &s, int64_t r0, int64_t r1,
                int64_t c0, int64_t c1, float *col);

// Writes its transpose to colT, row-major ([j][k]): copies runs of KW
// elements, for when the kernel rows are long (as in the convolution that
// computes a filter gradient, whose "kernel" is the output gradient).
void im2colPositions(const Tensor4 &x, const ConvShape &s, int64_t r0,
                     int64_t r1, int64_t c0, int64_t c1, float *colT);

// y[n, f, oh, ow] += t[f*tStrideF + j*tStrideJ] for the output positions j
// of rows [r0, r1): t is a GEMM result, [F, cols] or its transpose.
void addRows(const float *t, int64_t tStrideF, int64_t tStrideJ,
             const Tensor4 &y, const ConvShape &s, int64_t r0, int64_t r1);

// The convolution as plain loops accumulating in double: needs no memory,
// for when the BLAS path cannot be used.
void convNaive(const Tensor4 &x, const Tensor4 &w, const Tensor4 &y,
               const ConvShape &s);

} // namespace axtrt

#endif // AXTRT_CPU_CONV_INTERNAL_H
