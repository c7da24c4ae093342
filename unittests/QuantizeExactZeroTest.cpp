//===- QuantizeExactZeroTest.cpp - codes that keep a ReLU mask ------------===//
//
// The exact-zero layout of axtrt/quantize.h: code 0 for zeros, the non-zero
// elements over codes 1 .. B, and the mask read back from the codes.
//
//===----------------------------------------------------------------------===//
#include "PackedReader.h"
#include "axtrt/philox.h"
#include "axtrt/quantize.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using axt_test::Packed;

const int kBits[] = {2, 3, 4, 8};
const float kNaN = std::numeric_limits<float>::quiet_NaN();

Packed quantizeExactZero(const std::vector<float> &x, int bits, int64_t group,
                         int rounding = AXTRT_ROUND_STOCHASTIC,
                         uint64_t seed = 1, uint64_t stream = 0) {
  Packed p{{}, int64_t(x.size()), group, bits};
  p.bytes.assign(size_t(axtrt_packed_size_bytes(p.n, bits, group)), 0xA5);
  EXPECT_EQ(axtrt_quantize_exact_zero_f32(x.data(), p.n, bits, group,
                                          rounding, seed, stream,
                                          p.bytes.data()),
            0);
  return p;
}

// Runs a decoding kernel of the packed buffer into a fresh vector (filled
// with garbage first: the kernel must write every element).
using DecodeKernel = int32_t (*)(const uint8_t *, int64_t, int32_t, int64_t,
                                 float *);
std::vector<float> decode(DecodeKernel kernel, const Packed &p) {
  std::vector<float> y(size_t(p.n), -12345.0f);
  EXPECT_EQ(kernel(p.bytes.data(), p.n, p.bits, p.group, y.data()), 0);
  return y;
}

std::vector<float> dequantizeExactZero(const Packed &p) {
  return decode(axtrt_dequantize_exact_zero_f32, p);
}

std::vector<float> maskFromCodes(const Packed &p) {
  return decode(axtrt_unpack_mask_from_codes_f32, p);
}

// ReLU outputs: about half zeros (both signs), the rest spread over
// (0, scale], n not a multiple of the group nor of 8.
std::vector<float> reluLike(int64_t n, float scale, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> d(0.0f, scale);
  std::vector<float> x(static_cast<size_t>(n));
  for (float &v : x) {
    v = d(rng);
    v = v > 0 ? v : (rng() % 2 ? 0.0f : -0.0f);
  }
  return x;
}

TEST(QuantizeExactZero, ZerosKeepCodeZeroAndTheMaskIsTheNonZeros) {
  for (int bits : kBits)
    for (int64_t group : {256, 100, 7})
      for (int rounding : {AXTRT_ROUND_STOCHASTIC, AXTRT_ROUND_NEAREST}) {
        SCOPED_TRACE("bits " + std::to_string(bits) + ", group " +
                     std::to_string(group) + ", rounding " +
                     std::to_string(rounding));
        std::vector<float> x = reluLike(1003, 2.0f, unsigned(bits + group));
        // Tiny positives must stay non-zero, however they round.
        x[1] = 1e-30f;
        x[2] = std::numeric_limits<float>::denorm_min();
        Packed p = quantizeExactZero(x, bits, group, rounding, 7, 3);
        std::vector<float> y = dequantizeExactZero(p);
        std::vector<float> m = maskFromCodes(p);
        for (int64_t i = 0; i < p.n; ++i) {
          const float xi = x[size_t(i)];
          const int64_t g = i / group;
          ASSERT_EQ(m[size_t(i)], xi != 0.0f ? 1.0f : 0.0f) << i;
          if (xi == 0.0f) {
            ASSERT_EQ(p.code(i), 0) << i;
            ASSERT_EQ(y[size_t(i)], 0.0f) << i;
            continue;
          }
          ASSERT_GE(p.code(i), 1) << i;
          ASSERT_LE(p.code(i), p.maxCode()) << i;
          ASSERT_EQ(y[size_t(i)], p.lo(g) + float(p.code(i) - 1) * p.step(g))
              << i;
          // Within one step of x (half a step when rounding to nearest).
          const double bound = rounding == AXTRT_ROUND_NEAREST
                                   ? 0.5 * p.step(g) * (1 + 1e-5)
                                   : p.step(g);
          ASSERT_LE(std::fabs(double(y[size_t(i)]) - xi),
                    p.step(g) == 0 ? std::fabs(xi - p.lo(g)) : bound)
              << i;
        }
      }
}

// lo is at most the smallest non-zero element, and the top code reaches the
// largest: lo + (B - 1) * step >= max.
TEST(QuantizeExactZero, RangeIsThatOfTheNonZeroElements) {
  for (int bits : kBits) {
    std::vector<float> x = reluLike(512, 3.0f, 11);
    Packed p = quantizeExactZero(x, bits, 256);
    for (int64_t g = 0; g < p.numGroups(); ++g) {
      float mn = INFINITY, mx = -INFINITY;
      for (int64_t j = 0; j < p.count(g); ++j) {
        float v = x[size_t(g * 256 + j)];
        if (v != 0.0f) {
          mn = std::min(mn, v);
          mx = std::max(mx, v);
        }
      }
      EXPECT_LE(p.lo(g), mn);
      EXPECT_GE(double(p.lo(g)) + (p.maxCode() - 1) * double(p.step(g)),
                double(mx));
      // Tight: the next f16 step below would not reach the maximum.
      EXPECT_GT(p.lo(g), mn - 0.01f * std::fabs(mn) - 1e-7f);
    }
  }
}

TEST(QuantizeExactZero, GroupsOfZerosAndConstantGroups) {
  // Group 0: zeros only; group 1: zeros and a constant 0.75 (an f16);
  // group 2: a constant 1.3 (not an f16) without zeros.
  std::vector<float> x(24, 0.0f);
  for (int j = 8; j < 16; j += 2)
    x[size_t(j)] = 0.75f;
  for (int j = 16; j < 24; ++j)
    x[size_t(j)] = 1.3f;
  Packed p = quantizeExactZero(x, 2, 8);
  std::vector<float> y = dequantizeExactZero(p);
  std::vector<float> m = maskFromCodes(p);
  EXPECT_EQ(p.loBits(0), 0);
  EXPECT_EQ(p.stepBits(0), 0);
  for (int j = 0; j < 24; ++j) {
    const int want = x[size_t(j)] == 0.0f ? 0 : 1;
    EXPECT_EQ(p.code(j), want) << j;
    EXPECT_EQ(m[size_t(j)], float(want)) << j;
  }
  EXPECT_EQ(p.stepBits(1), 0);
  EXPECT_EQ(y[8], 0.75f);
  EXPECT_EQ(y[9], 0.0f);
  // A constant that is not an f16 comes back as the f16 just below it.
  EXPECT_EQ(y[16], p.lo(2));
  EXPECT_LE(y[16], 1.3f);
  EXPECT_GT(y[16], 1.299f);
}

// The codes are exactly those of the specification, element by element.
TEST(QuantizeExactZero, MatchesScalarReference) {
  for (int bits : kBits)
    for (int rounding : {AXTRT_ROUND_STOCHASTIC, AXTRT_ROUND_NEAREST}) {
      std::vector<float> x = reluLike(777, 1.5f, unsigned(3 * bits));
      const uint64_t seed = 42, stream = 9;
      Packed p = quantizeExactZero(x, bits, 64, rounding, seed, stream);
      for (int64_t i = 0; i < p.n; ++i) {
        const float xi = x[size_t(i)];
        int want = 0;
        if (xi != 0.0f) {
          const float lo = p.lo(i / 64), step = p.step(i / 64);
          const float u = rounding == AXTRT_ROUND_NEAREST
                              ? 0.5f
                              : axtrt_random_uniform(seed, stream, uint64_t(i));
          const float v = step == 0 ? 0.0f : (xi - lo) / step;
          const float q = std::min(std::max(std::floor(v + u), 0.0f),
                                   float(p.maxCode() - 1));
          want = 1 + int(q);
        }
        ASSERT_EQ(p.code(i), want)
            << "bits " << bits << ", rounding " << rounding << ", " << i;
      }
    }
}

// Stochastic rounding over codes 1 .. B is unbiased, with the variance
// step^2 f (1 - f) of a Bernoulli step, step = range / (B - 1).
TEST(QuantizeExactZero, StochasticRoundingIsUnbiasedWithBernoulliVariance) {
  const int bits = 2, n = 256, draws = 100000;
  // Non-zero elements over [0.25, 3] with both ends present (f16 values):
  // lo = 0.25, step = 2.75 / 2 whatever the tracked elements are.
  std::vector<float> x = reluLike(n, 1.0f, 5);
  for (float &v : x)
    v = v == 0.0f ? v : std::min(std::max(v, 0.25f), 3.0f);
  x[0] = 0.25f;
  x[1] = 3.0f;
  Packed p0 = quantizeExactZero(x, bits, n);
  const double lo = p0.lo(0), step = p0.step(0);
  ASSERT_EQ(lo, 0.25);
  ASSERT_EQ(step, 1.375);
  // Tracked non-zero elements moved to chosen fractions of a step.
  std::vector<int> tracked;
  for (int i = 2; i < n && tracked.size() < 5; ++i)
    if (x[size_t(i)] != 0.0f)
      tracked.push_back(i);
  ASSERT_EQ(tracked.size(), 5u);
  const double fractions[] = {0.5, 0.1, 0.9, 0.3, 0.75};
  for (size_t t = 0; t < tracked.size(); ++t)
    x[size_t(tracked[t])] = float(lo + (t % 2 + fractions[t]) * step);
  std::vector<double> sum(5, 0), sumSquares(5, 0);
  std::vector<uint8_t> buf(p0.bytes.size());
  std::vector<float> y(n);
  for (int d = 0; d < draws; ++d) {
    ASSERT_EQ(axtrt_quantize_exact_zero_f32(x.data(), n, bits, n,
                                            AXTRT_ROUND_STOCHASTIC,
                                            500 + uint64_t(d), 3, buf.data()),
              0);
    ASSERT_EQ(axtrt_dequantize_exact_zero_f32(buf.data(), n, bits, n,
                                              y.data()),
              0);
    for (size_t t = 0; t < tracked.size(); ++t) {
      const double e = double(y[size_t(tracked[t])]) - x[size_t(tracked[t])];
      sum[t] += e;
      sumSquares[t] += e * e;
    }
  }
  EXPECT_EQ(quantizeExactZero(x, bits, n).step(0), p0.step(0));
  for (size_t t = 0; t < tracked.size(); ++t) {
    const double v = (x[size_t(tracked[t])] - lo) / step;
    const double f = v - std::floor(v);
    const double expected = step * step * f * (1 - f);
    const double mean = sum[t] / draws;
    EXPECT_NEAR(mean, 0.0, 3 * std::sqrt(expected / draws)) << "f = " << f;
    EXPECT_NEAR(sumSquares[t] / draws - mean * mean, expected, 0.05 * expected)
        << "f = " << f;
  }
}

TEST(QuantizeExactZero, NonFiniteGroupsHaveNoMaskAndDequantizeToNaN) {
  std::vector<float> x = {0.5f, 0.0f, kNaN, 2.0f, 1.0f, 0.0f, 3.0f, 0.25f};
  Packed p = quantizeExactZero(x, 2, 4);
  std::vector<float> y = dequantizeExactZero(p);
  std::vector<float> m = maskFromCodes(p);
  for (int j = 0; j < 4; ++j) {
    EXPECT_TRUE(std::isnan(y[size_t(j)])) << j;
    EXPECT_EQ(m[size_t(j)], 0.0f) << j;
    EXPECT_EQ(p.code(j), 0) << j;
  }
  for (int j = 4; j < 8; ++j)
    EXPECT_EQ(m[size_t(j)], x[size_t(j)] != 0.0f ? 1.0f : 0.0f) << j;
}

TEST(QuantizeExactZero, OneBitIsRejected) {
  float x[4] = {0, 1, 2, 3};
  uint8_t out[64];
  EXPECT_NE(axtrt_quantize_exact_zero_f32(x, 4, 1, 4, 0, 0, 0, out), 0);
  EXPECT_NE(axtrt_unpack_mask_from_codes_f32(out, 4, 1, 4, x), 0);
  EXPECT_NE(axtrt_quantize_exact_zero_f32(x, 4, 5, 4, 0, 0, 0, out), 0);
  EXPECT_NE(axtrt_dequantize_exact_zero_f32(out, 4, 2, 0, x), 0);
}

TEST(QuantizeExactZero, EntryPointsMatchPlainKernels) {
  std::vector<float> x = reluLike(300, 1.0f, 8);
  const int bits = 2;
  const int64_t n = int64_t(x.size()), group = 64;
  Packed want = quantizeExactZero(x, bits, group, AXTRT_ROUND_STOCHASTIC, 4, 6);
  std::vector<uint8_t> buf(want.bytes.size(), 0xEE);
  axtrt_memref1d_f32 xv{x.data(), x.data(), 0, {n}, {1}};
  axtrt_memref1d_i8 bv{buf.data(), buf.data(), 0, {int64_t(buf.size())}, {1}};
  _mlir_ciface_axtrt_quantize_exact_zero_f32(&xv, &bv, bits, group,
                                             AXTRT_ROUND_STOCHASTIC, 4, 6);
  EXPECT_EQ(buf, want.bytes);
  std::vector<float> y(static_cast<size_t>(n)), m(static_cast<size_t>(n));
  axtrt_memref1d_f32 yv{y.data(), y.data(), 0, {n}, {1}};
  axtrt_memref1d_f32 mv{m.data(), m.data(), 0, {n}, {1}};
  _mlir_ciface_axtrt_dequantize_exact_zero_f32(&bv, &yv, bits, group);
  _mlir_ciface_axtrt_unpack_mask_from_codes_f32(&bv, &mv, bits, group);
  EXPECT_EQ(y, dequantizeExactZero(want));
  EXPECT_EQ(m, maskFromCodes(want));
}

} // namespace
