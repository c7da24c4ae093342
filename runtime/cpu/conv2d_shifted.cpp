// The direct convolution of planes as wide as each other, with AVX-512.
//
// Why not im2col and a GEMM here: with few channels (16 to 64 in the
// target networks) the column matrix is nine times the input, and writing
// it, then OpenBLAS's packing of it, cost as much as the GEMM itself. Here
// a kernel place (a tap) reads input position p + shift for output
// position p of the flattened plane, so a register tile loads its inputs
// straight from the plane, one unaligned load per 16 positions. Lanes
// whose input lies in the padding (or would wrap onto a neighbouring row)
// are masked off by a table built once per call; a masked load does not
// touch the memory of the lanes it leaves out. The weight gradient runs on
// channels-last copies of each sample instead (see FilterGradientTiles).
#include "conv_shifted.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <type_traits>

#include <immintrin.h>

#include "conv_internal.h"
#include "parallel.h"
#include "scratch.h"

namespace axtrt {
namespace {

constexpr int64_t kLanes = 16; // floats per AVX-512 register

// A register tile is up to 8 channels by up to 3 vectors or taps: 24
// accumulators, the 3 vectors they share and one more within the 32
// registers. For the sums, 8 output channels by 3 vectors of positions:
// each input vector feeds 8 multiply-adds, each broadcast weight 3. For
// the weight gradient, 8 input channels by 3 taps, each accumulator 16
// output channels: each output-gradient vector feeds 24 multiply-adds, each
// broadcast input one.
constexpr int kTileChannels = 8;
constexpr int kTileWidth = 3;

// What the tiles share: per tap the element offset of its input from the
// output position, and per vector of output positions and tap the lanes
// whose input is inside the plane (both zero for a tap that reads only
// padding); the lanes of the last vector that are inside the plane.
struct Tables {
  const ShiftedPlaneConv *conv;
  int64_t taps, vectors;
  const int64_t *shifts; // [taps]
  const uint16_t *masks; // [vectors][taps]
  uint16_t lastLanes;

  // The lanes of vector v inside the plane.
  __mmask16 lanes(int64_t v) const {
    return v + 1 == vectors ? lastLanes : __mmask16(0xFFFF);
  }
  // Where vector v of tap t reads in plane `first` (integer arithmetic: it
  // may lie outside the plane, in lanes that are masked off).
  const void *tapInput(uintptr_t first, int64_t v, int64_t t) const {
    return reinterpret_cast<const void *>(
        first + intptr_t(v * kLanes + shifts[t]) * intptr_t(sizeof(float)));
  }
};

// d = base + k*step if that does not overflow and some output position in
// [0, outSize) then reads inside [0, inSize); else false.
bool liveOffset(int64_t base, int64_t step, int64_t k, int64_t outSize,
                int64_t inSize, int64_t &d) {
  return !__builtin_mul_overflow(k, step, &d) &&
         !__builtin_add_overflow(d, base, &d) && d > -outSize && d < inSize;
}

// Calls fn(t, dr, dc) for every tap t = kh*kernelCols + kw that some output
// position reads inside the input plane with, at row offset dr and column
// offset dc (its other positions read padding).
template <typename Fn> void forEachLiveTap(const ShiftedPlaneConv &c, Fn fn) {
  for (int64_t kh = 0, t = 0; kh < c.kernelRows; ++kh)
    for (int64_t kw = 0; kw < c.kernelCols; ++kw, ++t) {
      int64_t dr, dc;
      if (liveOffset(c.rowBase, c.rowStep, kh, c.out.rows, c.in.rows, dr) &&
          liveOffset(c.colBase, c.colStep, kw, c.width, c.width, dc))
        fn(t, dr, dc);
    }
}

// Lanes of vector v whose output position reads an input inside the plane
// for the tap at row offset dr, column offset dc.
uint16_t laneMask(const ShiftedPlaneConv &c, int64_t v, int64_t dr,
                  int64_t dc) {
  const int64_t plane = c.out.rows * c.width;
  uint16_t mask = 0;
  for (int64_t lane = 0; lane < kLanes; ++lane) {
    const int64_t p = v * kLanes + lane;
    if (p >= plane)
      break;
    const int64_t r = p / c.width + dr, col = p % c.width + dc;
    if (r >= 0 && r < c.in.rows && col >= 0 && col < c.width)
      mask |= uint16_t(1u << lane);
  }
  return mask;
}

// Whether every size is >= 1, each plane at most INT32_MAX elements and
// the kernel at most INT32_MAX places, so that no index the kernels form
// overflows (the counts of their scratch floats are checked where formed).
bool sizesInRange(const ShiftedPlaneConv &c) {
  const int64_t sizes[] = {c.samples,    c.in.channels, c.out.channels,
                           c.in.rows,    c.out.rows,    c.width,
                           c.kernelRows, c.kernelCols};
  for (int64_t s : sizes)
    if (s < 1)
      return false;
  int64_t inPlane, outPlane, taps;
  return !__builtin_mul_overflow(c.in.rows, c.width, &inPlane) &&
         !__builtin_mul_overflow(c.out.rows, c.width, &outPlane) &&
         inPlane <= INT32_MAX && outPlane <= INT32_MAX &&
         !__builtin_mul_overflow(c.kernelRows, c.kernelCols, &taps) &&
         taps <= INT32_MAX;
}

// The floats buildTables needs, for sizes in range: 2^31 vectors by 2^31
// taps at most, so the product fits.
int64_t tableFloats(const ShiftedPlaneConv &c) {
  const int64_t taps = c.kernelRows * c.kernelCols;
  const int64_t masks = ceilDiv(c.out.rows * c.width, kLanes) * taps;
  return roundUp(2 * taps) + roundUp(masks / 2 + 1);
}

// Fills the tables into `scratch` (tableFloats(c) of them).
Tables buildTables(const ShiftedPlaneConv &c, float *scratch) {
  Tables tb;
  tb.conv = &c;
  tb.taps = c.kernelRows * c.kernelCols;
  const int64_t plane = c.out.rows * c.width;
  tb.vectors = ceilDiv(plane, kLanes);
  auto *shifts = reinterpret_cast<int64_t *>(scratch);
  auto *masks = reinterpret_cast<uint16_t *>(scratch + roundUp(2 * tb.taps));
  // Taps that read only padding keep shift and masks 0.
  std::fill(shifts, shifts + tb.taps, 0);
  std::fill(masks, masks + tb.vectors * tb.taps, 0);
  // A live tap's offsets are below the planes' int32 sizes, so its shift
  // (and its byte offset) cannot overflow.
  forEachLiveTap(c, [&](int64_t t, int64_t dr, int64_t dc) {
    shifts[t] = dr * c.width + dc;
    for (int64_t v = 0; v < tb.vectors; ++v)
      masks[v * tb.taps + t] = laneMask(c, v, dr, dc);
  });
  tb.shifts = shifts;
  tb.masks = masks;
  const int64_t tail = plane - (tb.vectors - 1) * kLanes;
  tb.lastLanes = uint16_t((1u << tail) - 1u);
  return tb;
}

// Calls kernel.template run<FB, WB>(o0, j): WB = width, 1 <= width <=
// kTileWidth.
template <int FB, typename Kernel>
void runTile(const Kernel &kernel, int64_t o0, int64_t j, int64_t width) {
  static_assert(kTileWidth == 3, "one case per tile width");
  switch (width) {
  case 3:
    return kernel.template run<FB, 3>(o0, j);
  case 2:
    return kernel.template run<FB, 2>(o0, j);
  default:
    return kernel.template run<FB, 1>(o0, j);
  }
}

// The width of the next tile when `left` vectors or taps remain: 3, but 2
// and 2 for the last 4, so that no tile of 1 (a third as efficient) is
// left over unless there is only one.
int64_t nextTileWidth(int64_t left) {
  static_assert(kTileWidth == 3, "tiles of 3, then of 2");
  return left == 4 ? 2 : std::min<int64_t>(3, left);
}

// Calls fn(std::integral_constant<int, FB>(), o0) for blocks of output
// channels [o0, o0 + FB) that cover [0, outputs): FB = 8 while 8 are left,
// then 4, 2 and 1.
template <typename Fn> void forEachChannelBlock(int64_t outputs, Fn fn) {
  static_assert(kTileChannels == 8, "one case per tile height");
  int64_t o0 = 0;
  for (; o0 + 8 <= outputs; o0 += 8)
    fn(std::integral_constant<int, 8>(), o0);
  if (outputs - o0 >= 4) {
    fn(std::integral_constant<int, 4>(), o0);
    o0 += 4;
  }
  if (outputs - o0 >= 2) {
    fn(std::integral_constant<int, 2>(), o0);
    o0 += 2;
  }
  if (outputs - o0 >= 1)
    fn(std::integral_constant<int, 1>(), o0);
}

// Sets a register tile's accumulators to zero.
template <int R, int C>
__attribute__((target("avx512f"))) inline void zeroTile(__m512 (&acc)[R][C]) {
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 4
    for (int c = 0; c < C; ++c)
      acc[r][c] = _mm512_setzero_ps();
}

// The output of one sample, a tile of FB output channels by PB vectors of
// positions at a time: each tile sums over every input and tap, then is
// stored. weights is packed [inputs][taps][outputs], so that a tile's
// weights for one input and tap are adjacent.
struct OutputTiles {
  const Tables &tb;
  const float *weights;
  const float *in; // the sample's inputs
  float *out;      // the sample's outputs

  template <int FB, int PB>
  __attribute__((target("avx512f"))) void run(int64_t o0, int64_t v0) const {
    const ShiftedPlaneConv &c = *tb.conv;
    const int64_t T = tb.taps, O = c.out.channels;
    __m512 acc[FB][PB];
    zeroTile(acc);
    for (int64_t i = 0; i < c.in.channels; ++i) {
      const auto first =
          reinterpret_cast<uintptr_t>(in + i * c.in.channelStride);
      const float *w = weights + i * T * O + o0;
      for (int64_t t = 0; t < T; ++t, w += O) {
        __m512 x[PB];
#pragma GCC unroll 4
        for (int b = 0; b < PB; ++b)
          x[b] = _mm512_maskz_loadu_ps(tb.masks[(v0 + b) * T + t],
                                       tb.tapInput(first, v0 + b, t));
#pragma GCC unroll 8
        for (int f = 0; f < FB; ++f) {
          const __m512 weight = _mm512_set1_ps(w[f]);
#pragma GCC unroll 4
          for (int b = 0; b < PB; ++b)
            acc[f][b] = _mm512_fmadd_ps(weight, x[b], acc[f][b]);
        }
      }
    }
#pragma GCC unroll 8
    for (int f = 0; f < FB; ++f)
#pragma GCC unroll 4
      for (int b = 0; b < PB; ++b)
        _mm512_mask_storeu_ps(out + (o0 + f) * c.out.channelStride +
                                  (v0 + b) * kLanes,
                              tb.lanes(v0 + b), acc[f][b]);
  }
};

// The weight gradient of one sample, for 16 output channels from o0: a
// tile of IB inputs by TB taps at a time, each accumulator holding 16
// output channels, so that every product is a broadcast input times a
// vector of output gradients and no lanes need summing. The inputs are
// channels-last with zero borders (x), so that a tap's IB inputs are
// adjacent and no position needs a mask; the output gradient is
// channels-last (g), 16 channels to a vector.
struct FilterGradientTiles {
  const float *x;        // [padded rows][padded cols][inputs]
  const float *g;        // [positions][gStride]
  const int64_t *shifts; // per live tap: its input's offset in x
  const int64_t *tapOf;  // per live tap: its index in the kernel
  int64_t inputs, taps, rows, width, xRowStride, gStride, o0;
  float *sums; // [inputs][taps][gStride], this thread's

  template <int IB, int TB>
  __attribute__((target("avx512f"))) void run(int64_t i0, int64_t l0) const {
    __m512 acc[IB][TB];
    zeroTile(acc);
    for (int64_t r = 0; r < rows; ++r) {
      const float *gr = g + r * width * gStride + o0;
      const float *xt[TB];
#pragma GCC unroll 4
      for (int b = 0; b < TB; ++b)
        xt[b] = x + r * xRowStride + shifts[l0 + b] + i0;
      for (int64_t col = 0; col < width; ++col) {
        const __m512 grad = _mm512_loadu_ps(gr + col * gStride);
#pragma GCC unroll 4
        for (int b = 0; b < TB; ++b)
#pragma GCC unroll 8
          for (int a = 0; a < IB; ++a)
            acc[a][b] = _mm512_fmadd_ps(
                grad, _mm512_set1_ps(xt[b][col * inputs + a]), acc[a][b]);
      }
    }
#pragma GCC unroll 8
    for (int a = 0; a < IB; ++a)
#pragma GCC unroll 4
      for (int b = 0; b < TB; ++b) {
        float *s = sums + ((i0 + a) * taps + tapOf[l0 + b]) * gStride + o0;
        _mm512_storeu_ps(s, _mm512_add_ps(_mm512_loadu_ps(s), acc[a][b]));
      }
  }
};

std::atomic<bool> enabled{true};

// Threads for c's multiply-adds, split by samples.
int threadsOf(const ShiftedPlaneConv &c) {
  return threadsFor(double(c.samples) * double(c.out.channels) *
                        double(c.out.rows) * double(c.width) *
                        double(c.in.channels) * double(c.kernelRows) *
                        double(c.kernelCols),
                    c.samples);
}

} // namespace

bool shiftedPlaneConvAvailable() {
  return enabled.load(std::memory_order_relaxed) &&
         __builtin_cpu_supports("avx512f");
}

bool setShiftedPlaneConvEnabled(bool enable) {
  return enabled.exchange(enable);
}

bool runShiftedPlaneConv(const ShiftedPlaneConv &c) {
  if (!shiftedPlaneConvAvailable() || !sizesInRange(c))
    return false;
  const int64_t tables = tableFloats(c);
  int64_t weightCount;
  if (__builtin_mul_overflow(c.in.channels, c.kernelRows * c.kernelCols,
                             &weightCount) ||
      __builtin_mul_overflow(weightCount, c.out.channels, &weightCount) ||
      weightCount > (INT64_MAX >> 4) - tables)
    return false;
  float *scratch = scratchFloats(size_t(tables + roundUp(weightCount)));
  if (!scratch)
    return false;
  const Tables tb = buildTables(c, scratch);
  float *weights = scratch + tables;
  for (int64_t i = 0; i < c.in.channels; ++i)
    for (int64_t kh = 0, t = 0; kh < c.kernelRows; ++kh)
      for (int64_t kw = 0; kw < c.kernelCols; ++kw, ++t)
        for (int64_t o = 0; o < c.out.channels; ++o)
          weights[(i * tb.taps + t) * c.out.channels + o] =
              c.weights[i * c.wInput + o * c.wOutput + kh * c.wRow +
                        kw * c.wCol];

  const int threads = threadsOf(c);
  auto body = [&](int t) {
    int64_t n0, n1;
    shareOf(c.samples, threads, t, n0, n1);
    for (int64_t n = n0; n < n1; ++n) {
      const OutputTiles tiles{tb, weights, c.in.data + n * c.in.sampleStride,
                              c.out.data + n * c.out.sampleStride};
      // Vectors outside, channels inside: a tile's inputs stay in L1 for
      // every block of output channels.
      for (int64_t v0 = 0, width; v0 < tb.vectors; v0 += width) {
        width = nextTileWidth(tb.vectors - v0);
        forEachChannelBlock(c.out.channels, [&](auto channels, int64_t o0) {
          runTile<decltype(channels)::value>(tiles, o0, v0, width);
        });
      }
    }
  };
  runAllParts(threads, body);
  return true;
}

bool runShiftedPlaneConvWeightGradient(const ShiftedPlaneConv &c,
                                       float *gradient) {
  if (!shiftedPlaneConvAvailable() || !sizesInRange(c))
    return false;
  const int64_t taps = c.kernelRows * c.kernelCols;
  const int64_t I = c.in.channels, O = c.out.channels;
  // The zero borders that keep the live taps' inputs inside x.
  int64_t top = 0, bottom = 0, left = 0, right = 0;
  forEachLiveTap(c, [&](int64_t, int64_t dr, int64_t dc) {
    top = std::max(top, -dr);
    bottom = std::max(bottom, c.out.rows - c.in.rows + dr);
    left = std::max(left, -dc);
    right = std::max(right, dc);
  });
  // Live taps read inside the planes from some output position, so the
  // borders are below the planes' int32 sizes.
  const int64_t xRows = top + c.in.rows + bottom,
                xCols = left + c.width + right;
  const int64_t gStride = roundUp(O);
  const int64_t plane = c.out.rows * c.width;
  int64_t sumCount, xCount, gCount, perThread, total;
  const int threads = threadsOf(c);
  if (__builtin_mul_overflow(I, taps, &sumCount) ||
      __builtin_mul_overflow(sumCount, gStride, &sumCount) ||
      __builtin_mul_overflow(xRows, xCols, &xCount) ||
      __builtin_mul_overflow(xCount, I, &xCount) ||
      __builtin_mul_overflow(plane, gStride, &gCount) ||
      __builtin_add_overflow(sumCount, roundUp(xCount) + gCount, &perThread) ||
      __builtin_mul_overflow(perThread, int64_t(threads), &total) ||
      total > (INT64_MAX >> 4) - 4 * taps)
    return false;
  float *scratch = scratchFloats(size_t(4 * taps + total));
  if (!scratch)
    return false;
  // Per live tap: its index in the kernel, and its input's offset in x from
  // output position (0, 0).
  auto *tapOf = reinterpret_cast<int64_t *>(scratch);
  int64_t *shifts = tapOf + taps;
  float *threadScratch = scratch + 4 * taps;
  int64_t live = 0;
  forEachLiveTap(c, [&](int64_t t, int64_t dr, int64_t dc) {
    tapOf[live] = t;
    shifts[live++] = ((dr + top) * xCols + dc + left) * I;
  });

  auto body = [&](int t) {
    float *sums = threadScratch + t * perThread;
    float *x = sums + sumCount;
    float *g = x + roundUp(xCount);
    // Zeros for the sums, x's borders and the lanes of g past O, for good.
    std::fill(sums, sums + perThread, 0.0f);
    FilterGradientTiles tiles{x,          g,       shifts,    tapOf,   I, taps,
                              c.out.rows, c.width, xCols * I, gStride, 0, sums};
    int64_t n0, n1;
    shareOf(c.samples, threads, t, n0, n1);
    for (int64_t n = n0; n < n1; ++n) {
      const float *xn = c.in.data + n * c.in.sampleStride;
      for (int64_t i = 0; i < I; ++i)
        for (int64_t r = 0; r < c.in.rows; ++r)
          for (int64_t col = 0; col < c.width; ++col)
            x[((r + top) * xCols + col + left) * I + i] =
                xn[i * c.in.channelStride + r * c.width + col];
      const float *gn = c.out.data + n * c.out.sampleStride;
      for (int64_t o = 0; o < O; ++o)
        for (int64_t p = 0; p < plane; ++p)
          g[p * gStride + o] = gn[o * c.out.channelStride + p];
      for (tiles.o0 = 0; tiles.o0 < O; tiles.o0 += kLanes)
        forEachChannelBlock(I, [&](auto block, int64_t i0) {
          for (int64_t l0 = 0, width; l0 < live; l0 += width) {
            width = nextTileWidth(live - l0);
            runTile<decltype(block)::value>(tiles, i0, l0, width);
          }
        });
    }
  };
  runAllParts(threads, body);
  // The partial sums, added in thread order.
  for (int64_t i = 0; i < I; ++i)
    for (int64_t kh = 0, t = 0; kh < c.kernelRows; ++kh)
      for (int64_t kw = 0; kw < c.kernelCols; ++kw, ++t)
        for (int64_t o = 0; o < O; ++o) {
          const int64_t s = (i * taps + t) * gStride + o;
          float sum = threadScratch[s];
          for (int th = 1; th < threads; ++th)
            sum += threadScratch[th * perThread + s];
          gradient[i * c.wInput + o * c.wOutput + kh * c.wRow + kw * c.wCol] =
              sum;
        }
  return true;
}

} // namespace axtrt
