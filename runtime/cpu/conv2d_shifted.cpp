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
// touch the memory of the lanes it leaves out.
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

// A register tile is up to 8 output channels by up to 3 vectors (output)
// or taps (weight gradient): 24 accumulators, the 3 vectors they share and
// one more within the 32 registers. Each shared vector feeds 8
// multiply-adds, each per-channel vector 3.
constexpr int kTileChannels = 8;
constexpr int kTileWidth = 3;

// What the tiles share: per tap the element offset of its input from the
// output position, and per vector of output positions and tap the lanes
// whose input is inside the plane (both zero for a tap that reads only
// padding); the lanes of the last vector that are inside the plane.
struct Tables {
  const ShiftedPlaneConv *conv;
  int64_t taps, plane, vectors;
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

// The sum of v's lanes: each step adds v to v with halves, quarters, pairs
// and neighbours swapped. (GCC 12 warns about an uninitialized placeholder
// in the headers of _mm512_reduce_add_ps and of the unmasked f32x4
// shuffle; the masked shuffle with every lane set has none.)
__attribute__((target("avx512f"))) inline float lanesSum(__m512 v) {
  v = _mm512_add_ps(
      v, _mm512_mask_shuffle_f32x4(v, 0xFFFF, v, v, _MM_SHUFFLE(1, 0, 3, 2)));
  v = _mm512_add_ps(
      v, _mm512_mask_shuffle_f32x4(v, 0xFFFF, v, v, _MM_SHUFFLE(2, 3, 0, 1)));
  v = _mm512_add_ps(v, _mm512_shuffle_ps(v, v, _MM_SHUFFLE(1, 0, 3, 2)));
  v = _mm512_add_ps(v, _mm512_shuffle_ps(v, v, _MM_SHUFFLE(2, 3, 0, 1)));
  return _mm512_cvtss_f32(v);
}

// d = base + k*step if that does not overflow and some output position in
// [0, outSize) then reads inside [0, inSize); else false.
bool liveOffset(int64_t base, int64_t step, int64_t k, int64_t outSize,
                int64_t inSize, int64_t &d) {
  return !__builtin_mul_overflow(k, step, &d) &&
         !__builtin_add_overflow(d, base, &d) && d > -outSize && d < inSize;
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

// The number of floats buildTables needs, or false if a size is out of
// range.
bool tableFloats(const ShiftedPlaneConv &c, int64_t &floats) {
  const int64_t sizes[] = {c.samples,    c.in.channels, c.out.channels,
                           c.in.rows,    c.out.rows,    c.width,
                           c.kernelRows, c.kernelCols};
  for (int64_t s : sizes)
    if (s < 1)
      return false;
  int64_t inPlane, outPlane, taps, masks;
  if (__builtin_mul_overflow(c.in.rows, c.width, &inPlane) ||
      __builtin_mul_overflow(c.out.rows, c.width, &outPlane) ||
      inPlane > INT32_MAX || outPlane > INT32_MAX ||
      __builtin_mul_overflow(c.kernelRows, c.kernelCols, &taps) ||
      taps > INT32_MAX ||
      __builtin_mul_overflow(ceilDiv(outPlane, kLanes), taps, &masks) ||
      masks > (INT64_MAX >> 4))
    return false;
  floats = roundUp(2 * taps) + roundUp(masks / 2 + 1);
  return true;
}

// Fills the tables into `scratch` (tableFloats of them).
Tables buildTables(const ShiftedPlaneConv &c, float *scratch) {
  Tables tb;
  tb.conv = &c;
  tb.taps = c.kernelRows * c.kernelCols;
  tb.plane = c.out.rows * c.width;
  tb.vectors = ceilDiv(tb.plane, kLanes);
  auto *shifts = reinterpret_cast<int64_t *>(scratch);
  auto *masks = reinterpret_cast<uint16_t *>(scratch + roundUp(2 * tb.taps));
  for (int64_t kh = 0, t = 0; kh < c.kernelRows; ++kh)
    for (int64_t kw = 0; kw < c.kernelCols; ++kw, ++t) {
      int64_t dr, dc;
      // A live tap's offsets are below the planes' int32 sizes, so its
      // shift (and its byte offset) cannot overflow.
      const bool live =
          liveOffset(c.rowBase, c.rowStep, kh, c.out.rows, c.in.rows, dr) &&
          liveOffset(c.colBase, c.colStep, kw, c.width, c.width, dc);
      shifts[t] = live ? dr * c.width + dc : 0;
      for (int64_t v = 0; v < tb.vectors; ++v)
        masks[v * tb.taps + t] = live ? laneMask(c, v, dr, dc) : 0;
    }
  tb.shifts = shifts;
  tb.masks = masks;
  const int64_t tail = tb.plane - (tb.vectors - 1) * kLanes;
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
#pragma GCC unroll 8
    for (int f = 0; f < FB; ++f)
#pragma GCC unroll 4
      for (int b = 0; b < PB; ++b)
        acc[f][b] = _mm512_setzero_ps();
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

// The weight gradient over samples [n0, n1) for one input channel, a tile
// of FB output channels by TB taps at a time: each tile sums the products
// of the output gradients (conv.out) and the tap's inputs over every
// position of those samples, then adds its lanes' total to
// sums[(o*inputs + i)*taps + t].
struct GradientTiles {
  const Tables &tb;
  int64_t n0, n1, i;
  float *sums;

  template <int FB, int TB>
  __attribute__((target("avx512f"))) void run(int64_t o0, int64_t t0) const {
    const ShiftedPlaneConv &c = *tb.conv;
    const int64_t T = tb.taps;
    __m512 acc[FB][TB];
#pragma GCC unroll 8
    for (int f = 0; f < FB; ++f)
#pragma GCC unroll 4
      for (int b = 0; b < TB; ++b)
        acc[f][b] = _mm512_setzero_ps();
    for (int64_t n = n0; n < n1; ++n) {
      const auto first = reinterpret_cast<uintptr_t>(
          c.in.data + n * c.in.sampleStride + i * c.in.channelStride);
      const float *grad =
          c.out.data + n * c.out.sampleStride + o0 * c.out.channelStride;
      for (int64_t v = 0; v < tb.vectors; ++v) {
        __m512 x[TB];
#pragma GCC unroll 4
        for (int b = 0; b < TB; ++b)
          x[b] = _mm512_maskz_loadu_ps(tb.masks[v * T + t0 + b],
                                       tb.tapInput(first, v, t0 + b));
        // Lanes past the plane are masked here too: the inputs there are
        // zero, but what lies past the gradient may be NaN.
        const __mmask16 inside = tb.lanes(v);
#pragma GCC unroll 8
        for (int f = 0; f < FB; ++f) {
          const __m512 g = _mm512_maskz_loadu_ps(
              inside, grad + f * c.out.channelStride + v * kLanes);
#pragma GCC unroll 4
          for (int b = 0; b < TB; ++b)
            acc[f][b] = _mm512_fmadd_ps(g, x[b], acc[f][b]);
        }
      }
    }
#pragma GCC unroll 8
    for (int f = 0; f < FB; ++f)
#pragma GCC unroll 4
      for (int b = 0; b < TB; ++b)
        sums[((o0 + f) * c.in.channels + i) * T + t0 + b] +=
            lanesSum(acc[f][b]);
  }
};

// Floats of the output gradient a block of output channels may take in
// L1 while a gradient tile sweeps its samples: 16 KB.
constexpr int64_t kGradientBlockFloats = 4096;

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
  int64_t tables, weightCount;
  if (!shiftedPlaneConvAvailable() || !tableFloats(c, tables) ||
      __builtin_mul_overflow(c.in.channels, c.kernelRows * c.kernelCols,
                             &weightCount) ||
      __builtin_mul_overflow(weightCount, c.out.channels, &weightCount) ||
      weightCount > (INT64_MAX >> 4))
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
    const int64_t n0 = c.samples * t / threads;
    const int64_t n1 = c.samples * (t + 1) / threads;
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
  int64_t tables, sumCount;
  if (!shiftedPlaneConvAvailable() || !tableFloats(c, tables) ||
      __builtin_mul_overflow(c.in.channels, c.kernelRows * c.kernelCols,
                             &sumCount) ||
      __builtin_mul_overflow(sumCount, c.out.channels, &sumCount) ||
      sumCount > (INT64_MAX >> 4) / kMaxThreads)
    return false;
  const int64_t taps = c.kernelRows * c.kernelCols;
  const int threads = threadsOf(c);
  const int64_t perThread = roundUp(sumCount);
  float *scratch = scratchFloats(size_t(tables + threads * perThread));
  if (!scratch)
    return false;
  const Tables tb = buildTables(c, scratch);
  float *sums = scratch + tables;
  // Samples per sweep: the output gradient of a block of 8 channels stays
  // in L1 while the tiles of every input and tap sweep it, and each tile's
  // reduction to one number is spread over at least that many vectors.
  const int64_t batch = std::max<int64_t>(
      1, kGradientBlockFloats / (kTileChannels * tb.vectors * kLanes));

  auto body = [&](int t) {
    float *mine = sums + t * perThread;
    std::fill(mine, mine + sumCount, 0.0f);
    const int64_t n0 = c.samples * t / threads;
    const int64_t n1 = c.samples * (t + 1) / threads;
    // Channel blocks outside, inputs inside: the block's output gradient
    // stays in L1 for every input and tap.
    for (int64_t b0 = n0; b0 < n1; b0 += batch)
      forEachChannelBlock(c.out.channels, [&](auto channels, int64_t o0) {
        for (int64_t i = 0; i < c.in.channels; ++i) {
          const GradientTiles tiles{tb, b0, std::min(n1, b0 + batch), i, mine};
          for (int64_t t0 = 0, width; t0 < taps; t0 += width) {
            width = nextTileWidth(taps - t0);
            runTile<decltype(channels)::value>(tiles, o0, t0, width);
          }
        }
      });
  };
  runAllParts(threads, body);
  // The partial sums, added in thread order.
  for (int64_t o = 0, s = 0; o < c.out.channels; ++o)
    for (int64_t i = 0; i < c.in.channels; ++i)
      for (int64_t kh = 0; kh < c.kernelRows; ++kh)
        for (int64_t kw = 0; kw < c.kernelCols; ++kw, ++s) {
          float total = sums[s];
          for (int t = 1; t < threads; ++t)
            total += sums[t * perThread + s];
          gradient[i * c.wInput + o * c.wOutput + kh * c.wRow + kw * c.wCol] =
              total;
        }
  return true;
}

} // namespace axtrt
