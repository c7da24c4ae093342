// y += conv2d(x, w) on strided NCHW / FCHW memref views, as im2col followed
// by cblas_sgemm.
#include "axtrt/conv.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <cstddef>

#include <cblas.h>

#include "conv_internal.h"
#include "parallel.h"
#include "scratch.h"

namespace axtrt {
namespace {

// Tuning, measured on LeNet-5 and ResNet-8 layers at batch 64 on 2 cores
// (AMD EPYC, OpenBLAS 0.3.21 with its Haswell kernels).
// GEMMs accumulate straight into y, a sample at a time, when a sample has
// at least this many output positions; smaller samples are batched into
// one GEMM whose result is added into y after.
constexpr int64_t kDirectMinP = 512;
// GEMMs get at least this many columns (output positions), if there are
// that many, before the input channels are split to stay within budget.
constexpr int64_t kMinCols = 512;
// w is packed by several threads from this many floats on.
constexpr int64_t kParallelMinPack = 1 << 16;

// Whether an input of `in` elements holds every position a convolution with
// `out` outputs reads: (out-1)*stride + (k-1)*dilation < in, without overflow.
bool fits(int64_t in, int64_t out, int64_t k, int64_t stride,
          int64_t dilation) {
  int64_t a, b, last;
  return !__builtin_mul_overflow(out - 1, stride, &a) &&
         !__builtin_mul_overflow(k - 1, dilation, &b) &&
         !__builtin_add_overflow(a, b, &last) && last < in;
}

// Fills s. False when there is nothing to add (an empty output or sum) or
// the operands do not make a valid convolution; y is then left alone.
bool shapeOf(const Tensor4 &x, const Tensor4 &w, const Tensor4 &y,
             int64_t strideH, int64_t strideW, int64_t dilationH,
             int64_t dilationW, ConvShape &s) {
  if (!operandsAgree(x, w, y, strideH, strideW, dilationH, dilationW))
    return false;
  s = {x.size[0], x.size[1], x.size[2], x.size[3], w.size[0],
       w.size[2], w.size[3], y.size[2], y.size[3], strideH,
       strideW,   dilationH, dilationW};
  if (s.N == 0 || s.F == 0 || s.OH == 0 || s.OW == 0 || s.C == 0 || s.KH == 0 ||
      s.KW == 0)
    return false;
  // The kernel multiplies these; only zero strides could make them overflow.
  int64_t k, rows, cols;
  if (__builtin_mul_overflow(s.C, s.KH, &k) ||
      __builtin_mul_overflow(k, s.KW, &k) ||
      __builtin_mul_overflow(s.N, s.OH, &rows) ||
      __builtin_mul_overflow(rows, s.OW, &cols))
    return false;
  return fits(s.H, s.OH, s.KH, strideH, dilationH) &&
         fits(s.W, s.OW, s.KW, strideW, dilationW);
}

enum class Split {
  Serial,    // one thread of ours (BLAS may still use several)
  Rows,      // threads take chunks of output rows
  Reduction, // threads take chunks of input channels, results summed
};

// How the convolution is cut into GEMMs.
struct Plan {
  bool packW;            // w copied into a row-major [F, K] matrix
  bool direct;           // GEMMs accumulate into y, one sample at a time
  bool noIm2col;         // 1x1: x itself is the column matrix
  bool positionMajor;    // the column matrix transposed (im2colPositions)
  bool tTransposed;      // GEMM results kept as [cols, F]
  int64_t chunkRows;     // output rows (n, oh) per GEMM
  int64_t chunkChannels; // input channels per GEMM
  int64_t numRowChunks, numChannelChunks;
  Split split;
  int threads;
};

void countChunks(const ConvShape &s, Plan &p) {
  p.numRowChunks = p.chunkRows >= s.OH ? ceilDiv(s.N * s.OH, p.chunkRows)
                                       : s.N * ceilDiv(s.OH, p.chunkRows);
  p.numChannelChunks = ceilDiv(s.C, p.chunkChannels);
}

// Rounds a chunk count up to a multiple of `threads` while the chunks are
// few, so that the threads get equal shares.
int64_t balancedCount(int64_t count, int threads) {
  return count < 4 * threads ? ceilDiv(count, threads) * threads : count;
}

Plan plan(const Tensor4 &x, const Tensor4 &w, const Tensor4 &y,
          const ConvShape &s, int threads) {
  const int64_t KK = s.KH * s.KW, K = s.C * KK, P = s.OH * s.OW;
  Plan p;
  // w as a row-major [F, K] matrix, if its strides allow it.
  const bool wFlat = planeIsContiguous(s.KH, s.KW, w.stride[2], w.stride[3]) &&
                     (s.C == 1 || w.stride[1] == KK);
  p.packW = !wFlat || (s.F > 1 && (w.stride[0] < K || w.stride[0] > INT_MAX));
  // A sample's output plane as a row-major [F, P] matrix, so that the GEMM
  // can accumulate into y directly; worth it when the samples are big
  // enough for a good GEMM, otherwise several samples go into one GEMM
  // whose result is added into y after.
  p.direct = planeIsContiguous(s.OH, s.OW, y.stride[2], y.stride[3]) &&
             (s.F == 1 || (y.stride[1] >= P && y.stride[1] <= INT_MAX)) &&
             P >= kDirectMinP;
  // A 1x1 convolution whose input positions form a sample's [C, P] matrix.
  p.noIm2col = p.direct && s.KH == 1 && s.KW == 1 &&
               planeIsContiguous(s.OH, s.OW, s.strideH * x.stride[2],
                                 s.strideW * x.stride[3]) &&
               (s.C == 1 || (x.stride[1] >= P && x.stride[1] <= INT_MAX));
  // im2col copies runs of OW or of KW elements; the longer the better.
  p.positionMajor = s.KW > s.OW;
  // With the columns transposed, OpenBLAS is faster (by 15-20% on filter
  // gradients) at computing the result's transpose, [cols, F] = colT * w^T,
  // than at packing colT as a transposed operand. Only possible through a
  // temporary.
  p.tTransposed = p.positionMajor && !p.direct;

  const int64_t maxRows = p.direct ? s.OH : s.N * s.OH;
  if (p.noIm2col) {
    p.chunkRows = std::min<int64_t>(maxRows, INT_MAX / s.OW);
    p.chunkChannels = s.C;
  } else {
    // Rows: all the budget takes with every channel, but enough for
    // kMinCols columns; then channels: all that then fit in the budget.
    int64_t rows =
        std::max<int64_t>(kColBudget / (K * s.OW), ceilDiv(kMinCols, s.OW));
    rows = std::min(rows, maxRows);
    if (!p.direct && rows >= s.OH)
      rows -= rows % s.OH; // whole samples, for longer runs in addRows
    p.chunkRows = std::clamp<int64_t>(rows, 1, INT_MAX / s.OW);
    p.chunkChannels =
        std::clamp<int64_t>(kColBudget / (KK * p.chunkRows * s.OW), 1, s.C);
  }
  countChunks(s, p);

  // Threads of our own for convolutions big enough to repay waking them.
  p.split = Split::Serial;
  p.threads = 1;
  const double macs = double(s.N) * double(P) * double(s.F) * double(K);
  if (threads < 2 || macs < kParallelMinMacs)
    return p;
  const int64_t rows = s.N * s.OH;
  if (p.numRowChunks >= threads || rows >= 4 * threads) {
    // Threads take chunks of rows: more, smaller chunks if need be, and
    // equal shares when there are few.
    p.split = Split::Rows;
    if (p.direct) {
      if (p.numRowChunks < threads) // fewer samples than threads
        p.chunkRows =
            std::min(p.chunkRows, ceilDiv(s.OH, ceilDiv(threads, s.N)));
    } else {
      const int64_t count =
          balancedCount(std::max<int64_t>(p.numRowChunks, threads), threads);
      p.chunkRows =
          s.N >= count ? s.OH * ceilDiv(s.N, count) : ceilDiv(rows, count);
    }
    if (!p.noIm2col) // smaller chunks may take more channels
      p.chunkChannels =
          std::clamp<int64_t>(kColBudget / (KK * p.chunkRows * s.OW), 1, s.C);
  } else if (!p.direct && s.C >= 2) {
    // Few output positions (as in a filter gradient): split the sum.
    p.split = Split::Reduction;
    const int64_t count =
        balancedCount(std::max<int64_t>(p.numChannelChunks, threads), threads);
    p.chunkChannels = ceilDiv(s.C, std::min(s.C, count));
  } else {
    return p;
  }
  countChunks(s, p);
  p.threads = int(std::min<int64_t>(
      threads, p.split == Split::Rows ? p.numRowChunks : p.numChannelChunks));
  return p;
}

// im2col + sgemm. False, before writing anything, if a size is beyond what
// BLAS takes or scratch memory cannot be had.
bool convGemm(const Tensor4 &x, const Tensor4 &w, const Tensor4 &y,
              const ConvShape &s) {
  const int64_t KK = s.KH * s.KW, K = s.C * KK;
  if (s.F > INT_MAX || K > INT_MAX || s.OW > INT_MAX)
    return false;
  const Plan p = plan(x, w, y, s, std::min(kernelThreads(), kMaxThreads));
  const int64_t maxCols = p.chunkRows * s.OW;

  // One scratch allocation: the packed w, then for each thread a column
  // matrix and a GEMM result.
  const int64_t aSize = p.packW ? roundUp(s.F * K) : 0;
  const int64_t colSize =
      p.noIm2col ? 0 : roundUp(p.chunkChannels * KK * maxCols);
  const int64_t tSize = p.direct ? 0 : roundUp(s.F * maxCols);
  const int64_t perThread = colSize + tSize;
  float *scratch = scratchFloats(size_t(aSize + p.threads * perThread));
  if (!scratch)
    return false;

  const float *a = w.data;
  int64_t lda = s.F == 1 ? K : w.stride[0];
  if (p.packW) {
    // Rows [f0, f1) of the packed matrix.
    auto pack = [&](int64_t f0, int64_t f1) {
      float *dst = scratch + f0 * K;
      for (int64_t f = f0; f < f1; ++f)
        for (int64_t c = 0; c < s.C; ++c)
          for (int64_t kh = 0; kh < s.KH; ++kh)
            for (int64_t kw = 0; kw < s.KW; ++kw)
              *dst++ = w.data[f * w.stride[0] + c * w.stride[1] +
                              kh * w.stride[2] + kw * w.stride[3]];
    };
    // A filter gradient's "kernel" is the whole output gradient (as big as
    // the column matrices): shared out too.
    const int threads = s.F * K >= kParallelMinPack ? p.threads : 1;
    const int64_t share = ceilDiv(s.F, threads);
    auto packShare = [&](int thread) {
      pack(std::min(s.F, thread * share), std::min(s.F, (thread + 1) * share));
    };
    runAllParts(threads, packShare);
    a = scratch;
    lda = K;
  }
  auto colOf = [&](int thread) { return scratch + aSize + thread * perThread; };
  auto tOf = [&](int thread) { return colOf(thread) + colSize; };

  // out[F, cols] = beta*out + w[:, channels c0..c1] * columns(rows r0..r1),
  // or out[cols, F] (its transpose) when tTransposed.
  auto gemm = [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1, float *col,
                  float *out, int64_t ldOut, float beta) {
    const int64_t cols = (r1 - r0) * s.OW, kc = (c1 - c0) * KK;
    const float *wc = a + c0 * KK;
    if (p.noIm2col) {
      const float *b = x.data + (r0 / s.OH) * x.stride[0] +
                       (r0 % s.OH) * s.strideH * x.stride[2];
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(s.F),
                  int(cols), int(kc), 1.0f, wc, int(lda), b,
                  int(s.C == 1 ? cols : x.stride[1]), beta, out, int(ldOut));
    } else if (!p.positionMajor) {
      im2colRows(x, s, r0, r1, c0, c1, col);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(s.F),
                  int(cols), int(kc), 1.0f, wc, int(lda), col, int(cols), beta,
                  out, int(ldOut));
    } else {
      im2colPositions(x, s, r0, r1, c0, c1, col); // [cols, kc]
      if (p.tTransposed)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(cols),
                    int(s.F), int(kc), 1.0f, col, int(kc), wc, int(lda), beta,
                    out, int(ldOut));
      else
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(s.F),
                    int(cols), int(kc), 1.0f, wc, int(lda), col, int(kc), beta,
                    out, int(ldOut));
    }
  };
  // The GEMM result t of rows [r0, r1), into y.
  auto ldT = [&](int64_t cols) { return p.tTransposed ? s.F : cols; };
  auto addT = [&](const float *t, int64_t cols, int64_t r0, int64_t r1) {
    if (p.tTransposed)
      addRows(t, 1, s.F, y, s, r0, r1);
    else
      addRows(t, cols, 1, y, s, r0, r1);
  };
  auto rowChunk = [&](int64_t i, int64_t &r0, int64_t &r1) {
    if (p.chunkRows >= s.OH) { // whole samples
      r0 = i * p.chunkRows;
      r1 = std::min(s.N * s.OH, r0 + p.chunkRows);
      return;
    }
    const int64_t pieces = ceilDiv(s.OH, p.chunkRows);
    const int64_t n = i / pieces, oh = (i % pieces) * p.chunkRows;
    r0 = n * s.OH + oh;
    r1 = n * s.OH + std::min(s.OH, oh + p.chunkRows);
  };
  auto channels = [&](int64_t j, int64_t &c0, int64_t &c1) {
    c0 = j * p.chunkChannels;
    c1 = std::min(s.C, c0 + p.chunkChannels);
  };
  // All channels of row chunk i, into y.
  auto fullChunk = [&](int64_t i, int thread) {
    int64_t r0, r1, c0, c1;
    rowChunk(i, r0, r1);
    const int64_t cols = (r1 - r0) * s.OW;
    for (int64_t j = 0; j < p.numChannelChunks; ++j) {
      channels(j, c0, c1);
      if (p.direct) {
        float *out = y.data + (r0 / s.OH) * y.stride[0] + (r0 % s.OH) * s.OW;
        gemm(r0, r1, c0, c1, colOf(thread), out, s.F == 1 ? cols : y.stride[1],
             1.0f);
      } else {
        gemm(r0, r1, c0, c1, colOf(thread), tOf(thread), ldT(cols),
             j == 0 ? 0.0f : 1.0f);
      }
    }
    if (!p.direct)
      addT(tOf(thread), cols, r0, r1);
  };

  if (p.split != Split::Reduction) {
    std::atomic<int64_t> next{0};
    auto body = [&](int thread) {
      for (int64_t i; (i = next++) < p.numRowChunks;)
        fullChunk(i, thread);
    };
    runAllParts(p.threads, body);
    return true;
  }
  // Split::Reduction: each thread sums a fixed set of channel chunks (j ≡
  // thread mod threads, in order) into its own result; the results are then
  // added into y in thread order. The fixed assignment keeps the summation
  // order, hence the result, independent of thread timing.
  for (int64_t i = 0; i < p.numRowChunks; ++i) {
    int64_t r0, r1;
    rowChunk(i, r0, r1);
    const int64_t cols = (r1 - r0) * s.OW;
    std::array<char, kMaxThreads> used{};
    auto body = [&](int thread) {
      for (int64_t j = thread; j < p.numChannelChunks; j += p.threads) {
        int64_t c0, c1;
        channels(j, c0, c1);
        gemm(r0, r1, c0, c1, colOf(thread), tOf(thread), ldT(cols),
             used[thread] ? 1.0f : 0.0f);
        used[thread] = 1;
      }
    };
    runAllParts(p.threads, body);
    for (int thread = 0; thread < p.threads; ++thread)
      if (used[thread])
        addT(tOf(thread), cols, r0, r1);
  }
  return true;
}

} // namespace
} // namespace axtrt

extern "C" void _mlir_ciface_axtrt_conv2d_nchw_fchw_f32(
    axtrt_memref4d_f32 *x, axtrt_memref4d_f32 *w, axtrt_memref4d_f32 *y,
    int64_t stride_h, int64_t stride_w, int64_t dilation_h,
    int64_t dilation_w) {
  using namespace axtrt;
  if (!x || !w || !y)
    return;
  Tensor4 tx = tensorOf(x), tw = tensorOf(w), ty = tensorOf(y);
  ConvShape s;
  if (!shapeOf(tx, tw, ty, stride_h, stride_w, dilation_h, dilation_w, s))
    return;
  if (!convGemm(tx, tw, ty, s))
    convNaive(tx, tw, ty, s);
}
