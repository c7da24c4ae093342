// The 2-D convolution with padding and its two gradients, a sample at a
// time: y through im2col and one GEMM, dx through one GEMM and col2im, dw
// through im2col and one GEMM. Unlike the convolutions that would express
// them (on a padded copy of x; a stride-1 correlation of the zero-spread,
// padded dy with the flipped filter; a correlation of the transposed input
// with the transposed dy), they copy nothing but one column matrix per GEMM,
// read the padding as zeros without storing it, and skip the spread's zeros.
#include "axtrt/conv.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <vector>

#include <cblas.h>

#include "conv_internal.h"
#include "conv_shifted.h"
#include "parallel.h"
#include "scratch.h"

namespace axtrt {
namespace {

struct Shape {
  int64_t N, C, H, W, F, KH, KW, OH, OW;
  int64_t strideH, strideW, padH, padW, dilationH, dilationW;
  int64_t K() const { return C * KH * KW; }
  int64_t P() const { return OH * OW; }
};

// Fills s from x [N,C,H,W], w [F,C,KH,KW] and y [N,F,OH,OW] (x, w, y as in
// the forward convolution). False if they disagree, a parameter is out of
// range, there is nothing to compute or a size is beyond BLAS's int.
bool shapeOf(const Tensor4 &x, const Tensor4 &w, const Tensor4 &y,
             int64_t strideH, int64_t strideW, int64_t padH, int64_t padW,
             int64_t dilationH, int64_t dilationW, Shape &s) {
  if (!operandsAgree(x, w, y, strideH, strideW, dilationH, dilationW) ||
      padH < 0 || padW < 0)
    return false;
  s = {x.size[0], x.size[1], x.size[2], x.size[3], w.size[0],
       w.size[2], w.size[3], y.size[2], y.size[3], strideH,
       strideW,   padH,      padW,      dilationH, dilationW};
  int64_t k, p, reach;
  // Every index the loops form must fit: the products below, and the input
  // positions oh*stride + kh*dilation.
  return !__builtin_mul_overflow(s.C, s.KH, &k) &&
         !__builtin_mul_overflow(k, s.KW, &k) && k <= INT_MAX &&
         !__builtin_mul_overflow(s.OH, s.OW, &p) && p <= INT_MAX &&
         s.F <= INT_MAX && !__builtin_mul_overflow(k, s.OW, &reach) &&
         !__builtin_mul_overflow(s.OH, strideH, &reach) &&
         !__builtin_mul_overflow(s.KH, dilationH, &reach) &&
         !__builtin_mul_overflow(s.OW, strideW, &reach) &&
         !__builtin_mul_overflow(s.KW, dilationW, &reach);
}

// The outputs o in [0, out) whose input o*stride + offset is in [0, in).
void validRange(int64_t out, int64_t in, int64_t stride, int64_t offset,
                int64_t &lo, int64_t &hi) {
  lo = offset >= 0 ? 0 : ceilDiv(-offset, stride);
  hi = offset >= in ? 0 : (in - 1 - offset) / stride + 1;
  lo = std::min(lo, out);
  hi = std::clamp(hi, lo, out);
}

// Calls fn(k, oh, ow0, ow1, ih, iw0) for every row k = (c*KH + kh)*KW + kw
// of the column matrix of sample rows [oh0, oh1) and every oh there whose
// input row ih is inside x: columns [ow0, ow1) of that row read input
// columns iw0, iw0 + strideW, ...; the other columns read padding.
template <typename Fn>
void forEachRun(const Shape &s, int64_t oh0, int64_t oh1, Fn fn) {
  for (int64_t c = 0, k = 0; c < s.C; ++c)
    for (int64_t kh = 0; kh < s.KH; ++kh)
      for (int64_t kw = 0; kw < s.KW; ++kw, ++k) {
        const int64_t offsetW = kw * s.dilationW - s.padW;
        int64_t ow0, ow1;
        validRange(s.OW, s.W, s.strideW, offsetW, ow0, ow1);
        for (int64_t oh = oh0; oh < oh1; ++oh) {
          const int64_t ih = oh * s.strideH - s.padH + kh * s.dilationH;
          fn(c, k, oh, ow0, ow1, ih, ow0 * s.strideW + offsetW);
        }
      }
}

// Whether t's planes (x or dx) are the column matrix's rows shifted: with
// stride 1 and an output as wide as the input, output position
// j = oh*OW + ow of row (c, kh, kw) reads input position j + shift of
// plane c, for a shift that depends only on (kh, kw), wherever both the
// row and the column of that input are inside the plane. Each row then
// moves as one block instead of OH runs of OW elements.
bool isShiftedPlane(const Shape &s, const Tensor4 &t) {
  return s.strideH == 1 && s.strideW == 1 && s.OW == s.W &&
         planeIsContiguous(s.H, s.W, t.stride[2], t.stride[3]);
}

// Row k = (c, kh, kw) of the column matrix of output rows [oh0, oh1), in
// the shifted case: output position j reads input j + shift; rows
// [rowLo, rowHi) and columns [ow0, ow1) read inside the plane; positions
// [a, b) are the rows' span, cut to where j + shift stays in the plane (so
// the block can be moved whole: what it takes from outside the valid
// columns is fixed up after).
struct ShiftedRow {
  int64_t c, k, shift, rowLo, rowHi, ow0, ow1, a, b;
};

template <typename Fn>
void forEachShiftedRow(const Shape &s, int64_t oh0, int64_t oh1, Fn fn) {
  const int64_t plane = s.H * s.W;
  for (int64_t c = 0, k = 0; c < s.C; ++c)
    for (int64_t kh = 0; kh < s.KH; ++kh)
      for (int64_t kw = 0; kw < s.KW; ++kw, ++k) {
        ShiftedRow r;
        r.c = c;
        r.k = k;
        const int64_t offsetH = kh * s.dilationH - s.padH;
        const int64_t offsetW = kw * s.dilationW - s.padW;
        r.shift = offsetH * s.W + offsetW;
        validRange(s.OH, s.H, 1, offsetH, r.rowLo, r.rowHi);
        r.rowLo = std::clamp(r.rowLo, oh0, oh1);
        r.rowHi = std::clamp(r.rowHi, r.rowLo, oh1);
        validRange(s.OW, s.W, 1, offsetW, r.ow0, r.ow1);
        const int64_t spanLo = r.rowLo * s.W, spanHi = r.rowHi * s.W;
        r.a = std::clamp(-r.shift, spanLo, spanHi);
        r.b = std::clamp(plane - r.shift, r.a, spanHi);
        fn(r);
      }
}

// Sets row[(oh - oh0)*W + ow] to 0 for the rows of r and its columns
// outside [ow0, ow1): positions whose input is padding.
// A column at a time: there are few (padding columns, one for a 3x3
// kernel), and a fill per row would be a memset call for one element.
void zeroPaddingColumns(float *row, int64_t oh0, const Shape &s,
                        const ShiftedRow &r) {
  float *first = row + (r.rowLo - oh0) * s.W;
  auto zeroColumn = [&](int64_t ow) {
    for (int64_t oh = r.rowLo; oh < r.rowHi; ++oh)
      first[(oh - r.rowLo) * s.W + ow] = 0.0f;
  };
  for (int64_t ow = 0; ow < r.ow0; ++ow)
    zeroColumn(ow);
  for (int64_t ow = r.ow1; ow < s.W; ++ow)
    zeroColumn(ow);
}

// col[k][(oh - oh0)*OW + ow] = x[n, c, ih, iw], or 0 in the padding.
void im2col(const Tensor4 &x, const Shape &s, int64_t n, int64_t oh0,
            int64_t oh1, float *col) {
  const int64_t cols = (oh1 - oh0) * s.OW;
  if (isShiftedPlane(s, x)) {
    const int64_t first = oh0 * s.W; // plane position of the chunk's start
    forEachShiftedRow(s, oh0, oh1, [&](const ShiftedRow &r) {
      float *row = col + r.k * cols;
      const float *plane = x.data + n * x.stride[0] + r.c * x.stride[1];
      std::fill(row, row + (r.a - first), 0.0f);
      std::copy(plane + (r.a + r.shift), plane + (r.b + r.shift),
                row + (r.a - first));
      std::fill(row + (r.b - first), row + cols, 0.0f);
      zeroPaddingColumns(row, oh0, s, r);
    });
    return;
  }
  const int64_t step = s.strideW * x.stride[3];
  forEachRun(s, oh0, oh1,
             [&](int64_t c, int64_t k, int64_t oh, int64_t ow0, int64_t ow1,
                 int64_t ih, int64_t iw0) {
               float *dst = col + k * cols + (oh - oh0) * s.OW;
               if (ih < 0 || ih >= s.H || ow0 == ow1) {
                 std::fill(dst, dst + s.OW, 0.0f);
                 return;
               }
               // One pass over the row: the padding on either side is an
               // element or two, and a fill would be a memset call.
               const float *src = x.data + n * x.stride[0] + c * x.stride[1] +
                                  ih * x.stride[2] + iw0 * x.stride[3];
               for (int64_t ow = 0; ow < s.OW; ++ow)
                 dst[ow] =
                     ow >= ow0 && ow < ow1 ? src[(ow - ow0) * step] : 0.0f;
             });
}

// dx[n, c, ih, iw] += col[k][(oh - oh0)*OW + ow]; padding is dropped. May
// overwrite col.
void col2im(float *col, const Shape &s, int64_t n, int64_t oh0, int64_t oh1,
            const Tensor4 &dx) {
  const int64_t cols = (oh1 - oh0) * s.OW;
  if (isShiftedPlane(s, dx)) {
    const int64_t first = oh0 * s.W;
    forEachShiftedRow(s, oh0, oh1, [&](const ShiftedRow &r) {
      float *row = col + r.k * cols;
      // What lands on padding columns would wrap onto a neighbouring row's
      // edge: add zeros there instead.
      zeroPaddingColumns(row, oh0, s, r);
      const float *src = row + (r.a - first);
      float *dst =
          dx.data + n * dx.stride[0] + r.c * dx.stride[1] + (r.a + r.shift);
      for (int64_t j = 0, m = r.b - r.a; j < m; ++j)
        dst[j] += src[j];
    });
    return;
  }
  const int64_t step = s.strideW * dx.stride[3];
  forEachRun(s, oh0, oh1,
             [&](int64_t c, int64_t k, int64_t oh, int64_t ow0, int64_t ow1,
                 int64_t ih, int64_t iw0) {
               if (ih < 0 || ih >= s.H)
                 return;
               const float *src = col + k * cols + (oh - oh0) * s.OW;
               float *dst = dx.data + n * dx.stride[0] + c * dx.stride[1] +
                            ih * dx.stride[2] + iw0 * dx.stride[3];
               if (step == 1) // a constant step lets it vectorize
                 for (int64_t ow = ow0; ow < ow1; ++ow)
                   dst[ow - ow0] += src[ow];
               else
                 for (int64_t ow = ow0; ow < ow1; ++ow, dst += step)
                   *dst += src[ow];
             });
}

// A [rows, cols] matrix view for BLAS: rows along dimension `rowDim` of
// sample n of t, columns over its last two dimensions from row `first` of
// the plane; packed into `buffer` when the plane is not contiguous.
const float *matrixOf(const Tensor4 &t, int64_t n, int rowDim, int64_t first,
                      int64_t planeRows, int64_t cols, float *buffer,
                      int64_t &ld) {
  const int64_t rows = t.size[rowDim];
  const int64_t width = t.size[3];
  const bool contiguous =
      planeIsContiguous(t.size[2], width, t.stride[2], t.stride[3]) &&
      (rows == 1 || (t.stride[rowDim] >= cols && t.stride[rowDim] <= INT_MAX));
  if (contiguous) {
    ld = rows == 1 ? cols : t.stride[rowDim];
    return t.data + n * t.stride[0] + first * t.stride[2];
  }
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t h = 0; h < planeRows; ++h)
      for (int64_t w = 0; w < width; ++w)
        buffer[r * cols + h * width + w] =
            t.data[n * t.stride[0] + r * t.stride[rowDim] +
                   (first + h) * t.stride[2] + w * t.stride[3]];
  ld = cols;
  return buffer;
}

// w as a row-major [F, K] matrix: itself if its strides allow, else packed.
const float *filterMatrix(const Tensor4 &w, const Shape &s, float *buffer,
                          int64_t &ld) {
  const int64_t KK = s.KH * s.KW, K = s.K();
  if (planeIsContiguous(s.KH, s.KW, w.stride[2], w.stride[3]) &&
      (s.C == 1 || w.stride[1] == KK) &&
      (s.F == 1 || (w.stride[0] >= K && w.stride[0] <= INT_MAX))) {
    ld = s.F == 1 ? K : w.stride[0];
    return w.data;
  }
  float *dst = buffer;
  for (int64_t f = 0; f < s.F; ++f)
    for (int64_t c = 0; c < s.C; ++c)
      for (int64_t kh = 0; kh < s.KH; ++kh)
        for (int64_t kw = 0; kw < s.KW; ++kw)
          *dst++ = w.data[f * w.stride[0] + c * w.stride[1] + kh * w.stride[2] +
                          kw * w.stride[3]];
  ld = K;
  return buffer;
}

// How the samples are cut: rows of a sample's output plane per GEMM, and
// the number of threads (each takes a contiguous share of the samples).
struct Plan {
  int64_t chunkRows;
  int threads;
};

Plan plan(const Shape &s) {
  Plan p;
  p.chunkRows =
      std::clamp<int64_t>(kColBudget / std::max<int64_t>(s.K() * s.OW, 1), 1,
                          std::max<int64_t>(s.OH, 1));
  p.threads = threadsFor(
      double(s.N) * double(s.P()) * double(s.F) * double(s.K()), s.N);
  return p;
}

// Calls fn(n, f, oh, ow, c, kh, kw, ih, iw) for every product of the
// forward convolution whose input position (ih, iw) is inside x: the plain
// loops for when the GEMM path cannot run.
template <typename Fn> void forEachProduct(const Shape &s, Fn fn) {
  for (int64_t n = 0; n < s.N; ++n)
    for (int64_t f = 0; f < s.F; ++f)
      for (int64_t oh = 0; oh < s.OH; ++oh)
        for (int64_t ow = 0; ow < s.OW; ++ow)
          for (int64_t c = 0; c < s.C; ++c)
            for (int64_t kh = 0; kh < s.KH; ++kh)
              for (int64_t kw = 0; kw < s.KW; ++kw) {
                const int64_t ih = oh * s.strideH - s.padH + kh * s.dilationH;
                const int64_t iw = ow * s.strideW - s.padW + kw * s.dilationW;
                if (ih >= 0 && ih < s.H && iw >= 0 && iw < s.W)
                  fn(n, f, oh, ow, c, kh, kw, ih, iw);
              }
}

// Sets t[n, :, :, :] of a strided 4-D view to zero.
void zeroSample(const Tensor4 &t, int64_t n) {
  for (int64_t c = 0; c < t.size[1]; ++c)
    for (int64_t h = 0; h < t.size[2]; ++h) {
      float *row = t.data + n * t.stride[0] + c * t.stride[1] + h * t.stride[2];
      if (t.stride[3] == 1)
        std::fill(row, row + t.size[3], 0.0f);
      else
        for (int64_t w = 0; w < t.size[3]; ++w)
          row[w * t.stride[3]] = 0.0f;
    }
}

// Whether y's sample n, rows [oh0, oh1), can be a GEMM's output as it is:
// [F, (oh1 - oh0)*OW] with leading dimension y.stride[1]. Sets c and ldc.
bool outputMatrix(const Tensor4 &y, const Shape &s, int64_t n, int64_t oh0,
                  int64_t cols, float *&c, int64_t &ldc) {
  if (!planeIsContiguous(s.OH, s.OW, y.stride[2], y.stride[3]) ||
      (s.F > 1 && (y.stride[1] < cols || y.stride[1] > INT_MAX)))
    return false;
  c = y.data + n * y.stride[0] + oh0 * s.OW;
  ldc = s.F > 1 ? y.stride[1] : cols;
  return true;
}

// The frame of the forward and input-gradient kernels: w as an [F, K]
// matrix a (lda), and per thread a column matrix col and an [F, cols]
// buffer; the samples are shared out over the threads, and for each of a
// thread's samples n, startSample(n) runs, then chunk(a, lda, n, oh0, oh1,
// cols, col, buffer) for each of its chunks of output rows [oh0, oh1).
template <typename StartFn, typename ChunkFn>
bool forEachSampleChunk(const Tensor4 &w, const Shape &s, StartFn startSample,
                        ChunkFn chunk) {
  const Plan p = plan(s);
  const int64_t K = s.K(), maxCols = p.chunkRows * s.OW;
  const int64_t wSize = roundUp(s.F * K);
  const int64_t perThread = roundUp(K * maxCols) + roundUp(s.F * maxCols);
  float *scratch = scratchFloats(size_t(wSize + p.threads * perThread));
  if (!scratch)
    return false;
  int64_t lda;
  const float *a = filterMatrix(w, s, scratch, lda);
  auto body = [&](int t) {
    float *col = scratch + wSize + t * perThread;
    float *buffer = col + roundUp(K * maxCols);
    int64_t n0, n1;
    shareOf(s.N, p.threads, t, n0, n1);
    for (int64_t n = n0; n < n1; ++n) {
      startSample(n);
      for (int64_t oh0 = 0; oh0 < s.OH; oh0 += p.chunkRows) {
        const int64_t oh1 = std::min(s.OH, oh0 + p.chunkRows);
        chunk(a, lda, n, oh0, oh1, (oh1 - oh0) * s.OW, col, buffer);
      }
    }
  };
  runAllParts(p.threads, body);
  return true;
}

// Whether the direct kernel beats im2col and a GEMM on c: where it has a
// full register tile of channels on both sides. With one input channel
// (ResNet-8's first layer) the sums' stores outweigh 9 multiply-adds per
// output, and one output channel leaves a tile 1/8 full (measured by
// benchmarks/conv_layers.py, docs/benchmarks.md).
constexpr int64_t kDirectMinChannels = 8;

bool directPays(const ShiftedPlaneConv &c) {
  return c.in.channels >= kDirectMinChannels &&
         c.out.channels >= kDirectMinChannels;
}

// The forward convolution as the direct kernel's sums (conv_shifted.h),
// x's planes to y's, where that kernel applies: stride 1, an output as wide
// as the input and contiguous planes. The gradients use the same
// description (transposed, or with y holding dy).
bool asShiftedPlanes(const Shape &s, const Tensor4 &x, const Tensor4 &w,
                     const Tensor4 &y, ShiftedPlaneConv &c) {
  if (!isShiftedPlane(s, x) ||
      !planeIsContiguous(s.OH, s.OW, y.stride[2], y.stride[3]))
    return false;
  c.in = {x.data, x.stride[0], x.stride[1], s.C, s.H};
  c.out = {y.data, y.stride[0], y.stride[1], s.F, s.OH};
  c.samples = s.N;
  c.width = s.W;
  c.weights = w.data;
  c.wInput = w.stride[1];
  c.wOutput = w.stride[0];
  c.wRow = w.stride[2];
  c.wCol = w.stride[3];
  c.kernelRows = s.KH;
  c.kernelCols = s.KW;
  c.rowBase = -s.padH;
  c.rowStep = s.dilationH;
  c.colBase = -s.padW;
  c.colStep = s.dilationW;
  return true;
}

bool forward(const Tensor4 &x, const Tensor4 &w, const Tensor4 &y,
             const Shape &s) {
  ShiftedPlaneConv direct;
  if (asShiftedPlanes(s, x, w, y, direct) && directPays(direct) &&
      runShiftedPlaneConv(direct))
    return true;
  return forEachSampleChunk(
      w, s, [](int64_t) {},
      [&](const float *a, int64_t lda, int64_t n, int64_t oh0, int64_t oh1,
          int64_t cols, float *col, float *buffer) {
        im2col(x, s, n, oh0, oh1, col);
        float *c;
        int64_t ldc;
        const bool direct = outputMatrix(y, s, n, oh0, cols, c, ldc);
        if (!direct) {
          c = buffer;
          ldc = cols;
        }
        // y_n [F, cols] = w [F, K] * col [K, cols]
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(s.F),
                    int(cols), int(s.K()), 1.0f, a, int(lda), col, int(cols),
                    0.0f, c, int(ldc));
        if (!direct)
          for (int64_t f = 0; f < s.F; ++f)
            for (int64_t j = 0; j < cols; ++j)
              at(y, n, f, oh0 + j / s.OW, j % s.OW) = buffer[f * cols + j];
      });
}

bool backwardInput(const Tensor4 &dy, const Tensor4 &w, const Tensor4 &dx,
                   const Shape &s) {
  ShiftedPlaneConv direct;
  if (asShiftedPlanes(s, dx, w, dy, direct) && directPays(transposed(direct)) &&
      runShiftedPlaneConv(transposed(direct)))
    return true;
  return forEachSampleChunk(
      w, s, [&](int64_t n) { zeroSample(dx, n); },
      [&](const float *a, int64_t lda, int64_t n, int64_t oh0, int64_t oh1,
          int64_t cols, float *col, float *buffer) {
        int64_t ldb;
        const float *b = matrixOf(dy, n, 1, oh0, oh1 - oh0, cols, buffer, ldb);
        // col[K, cols] = w^T [K, F] * dy_n [F, cols]
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(s.K()),
                    int(cols), int(s.F), 1.0f, a, int(lda), b, int(ldb), 0.0f,
                    col, int(cols));
        col2im(col, s, n, oh0, oh1, dx);
      });
}

bool backwardFilter(const Tensor4 &x, const Tensor4 &dy, const Tensor4 &dw,
                    const Shape &s) {
  ShiftedPlaneConv direct;
  if (asShiftedPlanes(s, x, dw, dy, direct) && directPays(direct) &&
      runShiftedPlaneConvWeightGradient(direct, dw.data))
    return true;
  const Plan p = plan(s);
  const int64_t K = s.K(), maxCols = p.chunkRows * s.OW;
  const int64_t sumSize = roundUp(s.F * K);
  const int64_t perThread =
      sumSize + roundUp(K * maxCols) + roundUp(s.F * maxCols);
  float *scratch = scratchFloats(size_t(p.threads * perThread));
  if (!scratch)
    return false;
  auto body = [&](int t) {
    float *sum = scratch + t * perThread;
    float *col = sum + sumSize;
    float *packed = col + roundUp(K * maxCols);
    std::fill(sum, sum + s.F * K, 0.0f);
    int64_t n0, n1;
    shareOf(s.N, p.threads, t, n0, n1);
    for (int64_t n = n0; n < n1; ++n)
      for (int64_t oh0 = 0; oh0 < s.OH; oh0 += p.chunkRows) {
        const int64_t oh1 = std::min(s.OH, oh0 + p.chunkRows);
        const int64_t cols = (oh1 - oh0) * s.OW;
        im2col(x, s, n, oh0, oh1, col);
        int64_t lda;
        const float *a = matrixOf(dy, n, 1, oh0, oh1 - oh0, cols, packed, lda);
        // sum[F, K] += dy_n [F, cols] * col^T [cols, K]
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(s.F), int(K),
                    int(cols), 1.0f, a, int(lda), col, int(cols), 1.0f, sum,
                    int(K));
      }
  };
  runAllParts(p.threads, body);
  // dw = the partial sums, added in thread order.
  for (int64_t f = 0, i = 0; f < s.F; ++f)
    for (int64_t c = 0; c < s.C; ++c)
      for (int64_t kh = 0; kh < s.KH; ++kh)
        for (int64_t kw = 0; kw < s.KW; ++kw, ++i) {
          float total = scratch[i];
          for (int t = 1; t < p.threads; ++t)
            total += scratch[t * perThread + i];
          at(dw, f, c, kh, kw) = total;
        }
  return true;
}

// Views of the three descriptors and their shape, as in shapeOf: x-like
// (x or dx), w-like (w or dw) and y-like (y or dy). False if one is missing or
// they do not make a convolution.
bool convOperands(const axtrt_memref4d_f32 *x, const axtrt_memref4d_f32 *w,
                  const axtrt_memref4d_f32 *y, int64_t strideH, int64_t strideW,
                  int64_t padH, int64_t padW, int64_t dilationH,
                  int64_t dilationW, Tensor4 &tx, Tensor4 &tw, Tensor4 &ty,
                  Shape &s) {
  if (!x || !w || !y)
    return false;
  tx = tensorOf(x);
  tw = tensorOf(w);
  ty = tensorOf(y);
  return shapeOf(tx, tw, ty, strideH, strideW, padH, padW, dilationH, dilationW,
                 s);
}

// The plain-loop fallback of the three kernels: zeroes the first `slices`
// slices of `out` along its dimension 0, then calls accumulate(n, f, oh,
// ow, c, kh, kw, ih, iw) for every product (forEachProduct). Needs no
// memory.
template <typename Fn>
void zeroThenAccumulate(const Tensor4 &out, int64_t slices, const Shape &s,
                        Fn accumulate) {
  for (int64_t i = 0; i < slices; ++i)
    zeroSample(out, i);
  forEachProduct(s, accumulate);
}

} // namespace
} // namespace axtrt

extern "C" void _mlir_ciface_axtrt_conv2d_forward_f32(
    axtrt_memref4d_f32 *x, axtrt_memref4d_f32 *w, axtrt_memref4d_f32 *y,
    int64_t stride_h, int64_t stride_w, int64_t pad_h, int64_t pad_w,
    int64_t dilation_h, int64_t dilation_w) {
  using namespace axtrt;
  Tensor4 tx, tw, ty;
  Shape s;
  if (!convOperands(x, w, y, stride_h, stride_w, pad_h, pad_w, dilation_h,
                    dilation_w, tx, tw, ty, s))
    return;
  if (s.N == 0 || s.F == 0 || s.OH == 0 || s.OW == 0)
    return;
  if (s.K() > 0 && s.H > 0 && s.W > 0 && forward(tx, tw, ty, s))
    return;
  // Nothing to sum (y is zero), or no scratch memory: plain loops.
  zeroThenAccumulate(
      ty, s.N, s,
      [&](int64_t n, int64_t f, int64_t oh, int64_t ow, int64_t c, int64_t kh,
          int64_t kw, int64_t ih, int64_t iw) {
        at(ty, n, f, oh, ow) += at(tx, n, c, ih, iw) * at(tw, f, c, kh, kw);
      });
}

extern "C" void _mlir_ciface_axtrt_conv2d_backward_input_f32(
    axtrt_memref4d_f32 *dy, axtrt_memref4d_f32 *w, axtrt_memref4d_f32 *dx,
    int64_t stride_h, int64_t stride_w, int64_t pad_h, int64_t pad_w,
    int64_t dilation_h, int64_t dilation_w) {
  using namespace axtrt;
  Tensor4 tdx, tw, tdy;
  Shape s;
  if (!convOperands(dx, w, dy, stride_h, stride_w, pad_h, pad_w, dilation_h,
                    dilation_w, tdx, tw, tdy, s))
    return;
  if (s.N == 0 || s.C == 0 || s.H == 0 || s.W == 0)
    return;
  if (s.F == 0 || s.KH == 0 || s.KW == 0 || s.OH == 0 || s.OW == 0 ||
      !backwardInput(tdy, tw, tdx, s)) {
    // Nothing flows back (or no scratch memory): plain loops.
    zeroThenAccumulate(
        tdx, s.N, s,
        [&](int64_t n, int64_t f, int64_t oh, int64_t ow, int64_t c, int64_t kh,
            int64_t kw, int64_t ih, int64_t iw) {
          at(tdx, n, c, ih, iw) += at(tdy, n, f, oh, ow) * at(tw, f, c, kh, kw);
        });
  }
}

extern "C" void _mlir_ciface_axtrt_conv2d_backward_filter_f32(
    axtrt_memref4d_f32 *x, axtrt_memref4d_f32 *dy, axtrt_memref4d_f32 *dw,
    int64_t stride_h, int64_t stride_w, int64_t pad_h, int64_t pad_w,
    int64_t dilation_h, int64_t dilation_w) {
  using namespace axtrt;
  Tensor4 tx, tdw, tdy;
  Shape s;
  if (!convOperands(x, dw, dy, stride_h, stride_w, pad_h, pad_w, dilation_h,
                    dilation_w, tx, tdw, tdy, s))
    return;
  if (s.F == 0 || s.C == 0 || s.KH == 0 || s.KW == 0)
    return;
  if (s.N > 0 && s.OH > 0 && s.OW > 0 && backwardFilter(tx, tdy, tdw, s))
    return;
  // No samples or positions (dw is zero), or no scratch memory: plain loops
  // (accumulating in float: they must not allocate).
  zeroThenAccumulate(
      tdw, s.F, s,
      [&](int64_t n, int64_t f, int64_t oh, int64_t ow, int64_t c, int64_t kh,
          int64_t kw, int64_t ih, int64_t iw) {
        at(tdw, f, c, kh, kw) += at(tdy, n, f, oh, ow) * at(tx, n, c, ih, iw);
      });
}
