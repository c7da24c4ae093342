//===- QuantizeTest.cpp - compressed saved activations --------------------===//
#include "axtrt/quantize.h"
#include "PackedReader.h"
#include "axtrt/matmul.h" // axtrt_set_num_threads
#include "axtrt/philox.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using axt_test::Packed;

const int kAllBits[] = {1, 2, 3, 4, 8};
const float kNaN = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();

Packed quantize(const std::vector<float> &x, int bits, int64_t group,
                int rounding = AXTRT_ROUND_STOCHASTIC, uint64_t seed = 1,
                uint64_t stream = 0) {
  Packed p{{}, int64_t(x.size()), group, bits};
  int64_t size = axtrt_packed_size_bytes(p.n, bits, group);
  EXPECT_GE(size, 0);
  // Garbage in the output: the kernel must write every byte.
  p.bytes.assign(size_t(size), 0xA5);
  EXPECT_EQ(axtrt_quantize_f32(x.data(), p.n, bits, group, rounding, seed,
                               stream, p.bytes.data()),
            0);
  return p;
}

std::vector<float> dequantize(const Packed &p) {
  std::vector<float> y(size_t(p.n), -12345.0f);
  EXPECT_EQ(axtrt_dequantize_f32(p.bytes.data(), p.n, p.bits, p.group,
                                 y.data()),
            0);
  return y;
}

// Halves in numeric order (-0 and +0 share a key), infinities included.
int halfKey(uint16_t h) { return (h & 0x8000) ? -int(h & 0x7FFF) : int(h); }
uint16_t halfOfKey(int key) {
  return key < 0 ? uint16_t(0x8000 | -key) : uint16_t(key);
}
float nextHalfUp(float h) {
  return axtrt_f16_to_f32(halfOfKey(halfKey(axtrt_f32_to_f16_down(h)) + 1));
}

// --- f16 conversions.

TEST(QuantizeF16, HalfToFloatIsExactForEveryHalf) {
  for (uint32_t h = 0; h < 0x10000; ++h) {
    int e = (h >> 10) & 0x1F, m = h & 0x3FF;
    float got = axtrt_f16_to_f32(uint16_t(h));
    if (e == 0x1F && m != 0) {
      EXPECT_TRUE(std::isnan(got)) << h;
      continue;
    }
    double mag = e == 0x1F ? HUGE_VAL
                 : e == 0  ? std::ldexp(double(m), -24)
                           : std::ldexp(double(1024 + m), e - 25);
    float want = float(std::copysign(mag, (h & 0x8000) ? -1.0 : 1.0));
    ASSERT_EQ(std::memcmp(&got, &want, sizeof got), 0) << std::hex << h;
    // Every half converts back to itself in both directions.
    ASSERT_EQ(axtrt_f32_to_f16_down(got), h) << std::hex << h;
    ASSERT_EQ(axtrt_f32_to_f16_up(got), h) << std::hex << h;
  }
}

TEST(QuantizeF16, DirectedRoundingEdgeCases) {
  struct Case {
    float x;
    uint16_t down, up;
  };
  const Case cases[] = {
      {1.0f, 0x3C00, 0x3C00},
      {1.0f + 0x1p-11f, 0x3C00, 0x3C01},
      {-1.0f - 0x1p-11f, 0xBC01, 0xBC00},
      {2.0f - 0x1p-12f, 0x3FFF, 0x4000}, // carry into the exponent
      {0.1f, 0x2E66, 0x2E67},
      {-0.1f, 0xAE67, 0xAE66},
      {65504.0f, 0x7BFF, 0x7BFF},
      {65505.0f, 0x7BFF, 0x7C00}, // overflow: largest finite or +inf
      {-65505.0f, 0xFC00, 0xFBFF},
      {1e10f, 0x7BFF, 0x7C00},
      {FLT_MAX, 0x7BFF, 0x7C00},
      {-FLT_MAX, 0xFC00, 0xFBFF},
      {kInf, 0x7C00, 0x7C00},
      {-kInf, 0xFC00, 0xFC00},
      {0x1p-14f, 0x0400, 0x0400},          // smallest normal
      {0x1p-14f - 0x1p-24f, 0x03FF, 0x03FF}, // largest subnormal
      {0x1p-14f - 0x1p-30f, 0x03FF, 0x0400},
      {0x1p-24f, 0x0001, 0x0001}, // smallest subnormal
      {0x1p-25f, 0x0000, 0x0001},
      {1.5f * 0x1p-24f, 0x0001, 0x0002},
      {-0x1p-25f, 0x8001, 0x8000},
      {std::numeric_limits<float>::denorm_min(), 0x0000, 0x0001},
      {-std::numeric_limits<float>::denorm_min(), 0x8001, 0x8000},
      {0.0f, 0x0000, 0x0000},
      {-0.0f, 0x8000, 0x8000},
      {kNaN, 0x7E00, 0x7E00},
  };
  for (const Case &c : cases) {
    EXPECT_EQ(axtrt_f32_to_f16_down(c.x), c.down) << c.x;
    EXPECT_EQ(axtrt_f32_to_f16_up(c.x), c.up) << c.x;
  }
}

TEST(QuantizeF16, DirectedRoundingBracketsRandomFloats) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> wide(-70000.0f, 70000.0f),
      small(-1e-3f, 1e-3f);
  for (int i = 0; i < 600000; ++i) {
    float x;
    if (i % 3 == 0) {
      uint32_t b = rng();
      std::memcpy(&x, &b, sizeof x);
      if (std::isnan(x))
        continue;
    } else {
      x = i % 3 == 1 ? wide(rng) : small(rng);
    }
    uint16_t d = axtrt_f32_to_f16_down(x), u = axtrt_f32_to_f16_up(x);
    float df = axtrt_f16_to_f32(d), uf = axtrt_f16_to_f32(u);
    ASSERT_LE(df, x) << x;
    ASSERT_GE(uf, x) << x;
    // Equal exactly when x is a half, else neighbours.
    int gap = halfKey(u) - halfKey(d);
    ASSERT_EQ(gap, df == x ? 0 : 1) << x;
  }
}

// --- Layout.

TEST(QuantizeLayout, PackedSizeIsGroupsTimesCodeBytesPlusParameters) {
  for (int bits : kAllBits)
    for (int64_t group : {1, 3, 7, 8, 64, 100, 256})
      for (int64_t n : {0, 1, 7, 8, 9, 255, 256, 1000}) {
        int64_t groups = (n + group - 1) / group;
        EXPECT_EQ(axtrt_packed_size_bytes(n, bits, group),
                  groups * ((group * bits + 7) / 8 + 4))
            << n << " " << bits << " " << group;
      }
  // 2 bits, groups of 256: 64 code bytes + 4 parameter bytes per 1 KiB.
  const int64_t n = 256 * 100000;
  double ratio = 4.0 * n / double(axtrt_packed_size_bytes(n, 2, 256));
  EXPECT_NEAR(ratio, 32.0 / (2 + 32.0 / 256), 1e-9);
  EXPECT_NEAR(ratio, 15.06, 0.005);
  EXPECT_EQ(axtrt_mask_size_bytes(0), 0);
  EXPECT_EQ(axtrt_mask_size_bytes(1), 1);
  EXPECT_EQ(axtrt_mask_size_bytes(8), 1);
  EXPECT_EQ(axtrt_mask_size_bytes(9), 2);
}

TEST(QuantizeLayout, ThreeBitCodesStraddleBytes) {
  // Group 0: lo = 0, step = 7/7 = 1, codes 0 1 5 7 in 12 bits:
  // bits 0-2 = 000, 3-5 = 100, 6-8 = 101, 9-11 = 111 (LSB first)
  // -> byte 0 = 0b01001000, byte 1 = 0b00001111.
  // Group 1 (partial): constant 3.5 (f16 0x4300), step 0, code 0.
  Packed p = quantize({0.0f, 1.0f, 5.0f, 7.0f, 3.5f}, 3, 4,
                      AXTRT_ROUND_NEAREST);
  const std::vector<uint8_t> want = {0x48, 0x0F, 0x00, 0x00, // codes
                                     0x00, 0x00, 0x00, 0x3C, // lo 0, step 1
                                     0x00, 0x43, 0x00, 0x00}; // lo 3.5, 0
  EXPECT_EQ(p.bytes, want);
  EXPECT_EQ(dequantize(p), (std::vector<float>{0, 1, 5, 7, 3.5f}));
}

TEST(QuantizeLayout, TwoBitCodes) {
  // lo = -1 (0xBC00), step = 3/3 = 1 (0x3C00); codes 3 0 1 2 | 2 3.
  Packed p = quantize({2.0f, -1.0f, 0.0f, 1.0f, 1.0f, 2.0f}, 2, 6,
                      AXTRT_ROUND_NEAREST);
  const std::vector<uint8_t> want = {0x93, 0x0E, 0x00, 0xBC, 0x00, 0x3C};
  EXPECT_EQ(p.bytes, want);
}

// --- Quantization properties over a variety of inputs.

struct Input {
  std::string name;
  std::vector<float> x;
  int64_t group;
};

std::vector<Input> inputs() {
  std::mt19937 rng(3);
  auto fill = [&](int64_t n, float a, float b) {
    std::uniform_real_distribution<float> d(a, b);
    std::vector<float> x(static_cast<size_t>(n));
    for (float &v : x)
      v = d(rng);
    return x;
  };
  std::vector<Input> in;
  std::normal_distribution<float> normal;
  std::vector<float> gauss(1000);
  for (float &v : gauss)
    v = normal(rng);
  in.push_back({"gaussian", gauss, 64});
  in.push_back({"negative range, partial group", fill(777, -5, -3), 100});
  in.push_back({"tiny range", fill(515, 1.0f, 1.0f + 1e-6f), 128});
  in.push_back({"tiny values", fill(300, 1e-7f, 3e-7f), 32});
  in.push_back({"wide range", fill(600, -30000, 30000), 50});
  std::vector<float> ints;
  for (int i = 0; i < 67; ++i)
    ints.push_back(float(i % 8)); // max hit exactly, repeatedly
  in.push_back({"integers", ints, 8});
  in.push_back({"groups of 5, n = 13", fill(13, -1, 1), 5});
  in.push_back({"one element", {0.25f}, 1});
  in.push_back({"group larger than n", fill(10, 0, 1), 300});
  in.push_back({"several chunks per group", fill(2500, -2, 3), 1000});
  in.push_back({"groups of 257", fill(1100, -1, 1), 257});
  in.push_back({"empty", {}, 16});
  return in;
}

TEST(Quantize, ParametersAreTightF16Bounds) {
  for (const Input &in : inputs())
    for (int bits : kAllBits) {
      Packed p = quantize(in.x, bits, in.group);
      for (int64_t g = 0; g < p.numGroups(); ++g) {
        float mn = kInf, mx = -kInf;
        for (int64_t j = 0; j < p.count(g); ++j) {
          mn = std::min(mn, in.x[size_t(g * in.group + j)]);
          mx = std::max(mx, in.x[size_t(g * in.group + j)]);
        }
        SCOPED_TRACE(in.name + ", bits " + std::to_string(bits) +
                     ", group " + std::to_string(g));
        float lo = p.lo(g), step = p.step(g);
        // lo is the largest half <= mn.
        EXPECT_LE(lo, mn);
        EXPECT_GT(nextHalfUp(lo), mn);
        if (mn == mx) {
          EXPECT_EQ(p.stepBits(g), 0);
          continue;
        }
        // step is the smallest half with lo + B*step >= mx (exact in
        // double), and code B dequantizes to at least mx in float.
        const int b = p.maxCode();
        EXPECT_GE(double(lo) + b * double(step), double(mx));
        ASSERT_GT(p.stepBits(g), 0);
        float below = axtrt_f16_to_f32(uint16_t(p.stepBits(g) - 1));
        EXPECT_LT(double(lo) + b * double(below), double(mx));
        EXPECT_GE(lo + float(b) * step, mx);
      }
    }
}

// Groups where the float quotient (mx - lo)/B rounds down onto a half
// that does not cover mx: {lo, mx} with mx = the float below B and
// lo = -(B - mx) - 2^-24, so mx - lo = B + 2^-24 rounds to B in float while
// step must exceed 1. Code B must still reach mx.
TEST(Quantize, StepCoversMaxExactly) {
  for (int bits : kAllBits) {
    const float b = float((1 << bits) - 1);
    const float mx = std::nextafter(b, 0.0f);
    const float lo = -(b - mx) - 0x1p-24f;
    ASSERT_EQ(axtrt_f16_to_f32(axtrt_f32_to_f16_down(lo)), lo);
    ASSERT_EQ(mx - lo, b); // the float difference falls short
    std::vector<float> x = {lo, mx, mx, lo, mx};
    for (int rounding : {AXTRT_ROUND_STOCHASTIC, AXTRT_ROUND_NEAREST}) {
      Packed p = quantize(x, bits, 8, rounding);
      EXPECT_EQ(p.lo(0), lo);
      EXPECT_EQ(p.step(0), 1.0f + 0x1p-10f) << bits;
      std::vector<float> y = dequantize(p);
      EXPECT_GE(lo + b * p.step(0), mx);
      for (size_t i = 0; i < x.size(); ++i)
        EXPECT_LT(std::fabs(y[i] - x[i]), p.step(0)) << bits;
    }
  }
}

// Where v = B exactly, v + u rounds up to B + 1 in float for u close enough
// to 1; the code must still be B. Finds such elements and puts the maximum
// there.
TEST(Quantize, MaxCodeIsClampedWhenVPlusURoundsUp) {
  const uint64_t seed = 21, stream = 4;
  for (int bits : {8, 4}) {
    const float b = float((1 << bits) - 1);
    std::vector<uint64_t> hits;
    for (uint64_t block = 0; hits.size() < 3 && block < (1u << 22); ++block) {
      uint32_t w[4];
      axtrt_random_block(seed, stream, block, w);
      for (uint64_t t = 0; t < 4; ++t)
        if (b + axtrt_uniform_from_word(w[t]) >= b + 1)
          hits.push_back(4 * block + t);
    }
    ASSERT_FALSE(hits.empty()) << bits;
    // lo = 0, step = 1: v = B exactly at the maximum.
    std::vector<float> x(size_t(hits.back() + 2), 0.0f);
    for (uint64_t i : hits)
      x[size_t(i)] = b;
    Packed p = quantize(x, bits, 256, AXTRT_ROUND_STOCHASTIC, seed, stream);
    std::vector<float> y = dequantize(p);
    for (uint64_t i : hits) {
      ASSERT_EQ(p.step(i / 256), 1.0f);
      EXPECT_EQ(p.code(int64_t(i)), int(b)) << i;
      EXPECT_EQ(y[size_t(i)], b) << i;
      // The neighbours' codes are intact.
      EXPECT_EQ(p.code(int64_t(i + 1)), 0) << i;
    }
  }
}

// The codes are exactly those of the specification evaluated element by
// element with axtrt_random_uniform.
TEST(Quantize, MatchesScalarReference) {
  for (const Input &in : inputs())
    for (int bits : kAllBits)
      for (int rounding : {AXTRT_ROUND_STOCHASTIC, AXTRT_ROUND_NEAREST}) {
        const uint64_t seed = 99, stream = 5;
        Packed p = quantize(in.x, bits, in.group, rounding, seed, stream);
        for (int64_t i = 0; i < p.n; ++i) {
          int64_t g = i / in.group;
          float lo = p.lo(g), step = p.step(g);
          float u = rounding == AXTRT_ROUND_NEAREST
                        ? 0.5f
                        : axtrt_random_uniform(seed, stream, uint64_t(i));
          float v = step == 0 ? 0.0f : (in.x[size_t(i)] - lo) / step;
          float q = std::floor(v + u);
          q = std::min(std::max(q, 0.0f), float(p.maxCode()));
          ASSERT_EQ(p.code(i), int(q))
              << in.name << ", bits " << bits << ", rounding " << rounding
              << ", element " << i;
        }
      }
}

TEST(Quantize, CodesInRangeAndErrorsBounded) {
  for (const Input &in : inputs())
    for (int bits : kAllBits)
      for (int rounding : {AXTRT_ROUND_STOCHASTIC, AXTRT_ROUND_NEAREST})
        for (uint64_t seed : {0ull, 1ull, 0xDEADBEEFull}) {
          SCOPED_TRACE(in.name + ", bits " + std::to_string(bits) +
                       ", rounding " + std::to_string(rounding));
          Packed p = quantize(in.x, bits, in.group, rounding, seed);
          EXPECT_EQ(int64_t(p.bytes.size()),
                    p.numGroups() * (p.bytesPerGroup() + 4));
          std::vector<float> y = dequantize(p);
          for (int64_t g = 0; g < p.numGroups(); ++g) {
            // Bits past the group's last code are zero: a code that
            // overflowed its field would show here or in a neighbour.
            for (int64_t k = p.count(g) * bits; k < p.bytesPerGroup() * 8; ++k)
              ASSERT_FALSE(p.bit(g, k)) << "group " << g << " bit " << k;
            float lo = p.lo(g), step = p.step(g);
            float top = lo + float(p.maxCode()) * step;
            for (int64_t j = 0; j < p.count(g); ++j) {
              int64_t i = g * in.group + j;
              float x = in.x[size_t(i)], xh = y[size_t(i)];
              ASSERT_LE(p.code(i), p.maxCode());
              ASSERT_EQ(xh, lo + float(p.code(i)) * step);
              ASSERT_GE(xh, lo);
              ASSERT_LE(xh, top);
              // Float rounding of v and of lo + q*step.
              float tol = 4 * FLT_EPSILON * std::max(std::fabs(x), top);
              if (rounding == AXTRT_ROUND_NEAREST)
                ASSERT_LE(std::fabs(xh - x), step / 2 + tol) << i;
              else
                ASSERT_LT(std::fabs(xh - x), step + tol) << i;
            }
          }
        }
}

TEST(Quantize, EmptyTensor) {
  EXPECT_EQ(axtrt_packed_size_bytes(0, 3, 8), 0);
  EXPECT_EQ(axtrt_quantize_f32(nullptr, 0, 3, 8, 0, 1, 2, nullptr), 0);
  EXPECT_EQ(axtrt_dequantize_f32(nullptr, 0, 3, 8, nullptr), 0);
  EXPECT_EQ(axtrt_pack_mask_f32(nullptr, 0, nullptr), 0);
  EXPECT_EQ(axtrt_unpack_mask_f32(nullptr, 0, nullptr), 0);
}

TEST(Quantize, ConstantGroupsDequantizeToLo) {
  for (int bits : kAllBits)
    for (int rounding : {AXTRT_ROUND_STOCHASTIC, AXTRT_ROUND_NEAREST}) {
      // Halves come back exactly.
      for (float c : {0.0f, 0.75f, -3.5f, 65504.0f, 0x1p-24f, -1024.0f}) {
        Packed p = quantize(std::vector<float>(37, c), bits, 16, rounding);
        for (int64_t g = 0; g < p.numGroups(); ++g)
          EXPECT_EQ(p.stepBits(g), 0);
        for (float y : dequantize(p))
          ASSERT_EQ(y, c);
      }
      // Others come back as the half just below.
      for (float c : {0.1f, -0.1f, 1e-6f, 3.14159f, -60000.5f}) {
        Packed p = quantize(std::vector<float>(20, c), bits, 16, rounding);
        float lo = axtrt_f16_to_f32(axtrt_f32_to_f16_down(c));
        EXPECT_LT(lo, c);
        EXPECT_GT(nextHalfUp(lo), c);
        for (int64_t i = 0; i < p.n; ++i)
          ASSERT_EQ(p.code(i), 0);
        for (float y : dequantize(p))
          ASSERT_EQ(y, lo);
      }
    }
}

TEST(Quantize, NearestIsDeterministic) {
  std::vector<float> x = inputs()[0].x;
  for (int bits : kAllBits) {
    Packed a = quantize(x, bits, 64, AXTRT_ROUND_NEAREST, 1, 2);
    Packed b = quantize(x, bits, 64, AXTRT_ROUND_NEAREST, 77, 3);
    EXPECT_EQ(a.bytes, b.bytes);
  }
}

TEST(Quantize, NonFiniteGroupsDequantizeToNaN) {
  // Groups of 8: fine, NaN, +inf, -inf, range beyond f16 steps, lo beyond
  // f16, a constant beyond f16, and a partial fine group.
  const int64_t G = 8;
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> d(-1, 1);
  std::vector<float> clean(8 * 7 + 3);
  for (float &v : clean)
    v = d(rng);
  std::vector<float> x = clean;
  x[1 * G + 3] = kNaN;
  x[2 * G + 7] = kInf;
  x[3 * G + 0] = -kInf;
  x[4 * G + 2] = 1e8f;
  x[5 * G + 5] = -1e5f;
  for (int64_t j = 0; j < G; ++j)
    x[size_t(6 * G + j)] = 1e30f;
  const std::vector<int64_t> bad = {1, 2, 3, 4, 5, 6};
  for (int bits : kAllBits) {
    Packed p = quantize(x, bits, G), c = quantize(clean, bits, G);
    std::vector<float> y = dequantize(p), yc = dequantize(c);
    for (int64_t g = 0; g < p.numGroups(); ++g) {
      bool isBad = std::count(bad.begin(), bad.end(), g) != 0;
      SCOPED_TRACE("bits " + std::to_string(bits) + ", group " +
                   std::to_string(g));
      if (isBad) {
        EXPECT_EQ(p.stepBits(g), 0x7E00);
        EXPECT_EQ(p.loBits(g), 0);
      } else {
        EXPECT_EQ(p.stepBits(g), c.stepBits(g));
        EXPECT_EQ(p.loBits(g), c.loBits(g));
      }
      for (int64_t j = 0; j < p.count(g); ++j) {
        size_t i = size_t(g * G + j);
        if (isBad) {
          EXPECT_EQ(p.code(int64_t(i)), 0);
          EXPECT_TRUE(std::isnan(y[i]));
        } else {
          EXPECT_EQ(p.code(int64_t(i)), c.code(int64_t(i)));
          EXPECT_EQ(y[i], yc[i]);
        }
      }
    }
  }
}

// --- Reproducibility.

TEST(Quantize, SameSeedAndStreamGiveIdenticalBytes) {
  std::vector<float> x = inputs()[0].x;
  for (int bits : kAllBits)
    EXPECT_EQ(quantize(x, bits, 64, 0, 5, 9).bytes,
              quantize(x, bits, 64, 0, 5, 9).bytes);
}

TEST(Quantize, DifferentSeedsOrStreamsGiveDifferentCodes) {
  std::vector<float> x = inputs()[0].x;
  Packed a = quantize(x, 2, 64, 0, 5, 9), b = quantize(x, 2, 64, 0, 6, 9),
         c = quantize(x, 2, 64, 0, 5, 10);
  int diffSeed = 0, diffStream = 0;
  for (int64_t i = 0; i < a.n; ++i) {
    diffSeed += a.code(i) != b.code(i);
    diffStream += a.code(i) != c.code(i);
  }
  // Two independent draws disagree with probability 2f(1-f), ~1/3 on
  // average over f.
  EXPECT_GT(diffSeed, a.n / 5);
  EXPECT_GT(diffStream, a.n / 5);
}

TEST(Quantize, CodesDependOnlyOnSeedStreamAndIndex) {
  // Groups of 60 split Philox blocks of 4 between groups, and a prefix
  // shares the full groups it has in common with the whole tensor.
  std::vector<float> x = inputs()[0].x;
  std::vector<float> prefix(x.begin(), x.begin() + 700);
  const int64_t G = 60, common = 700 / G;
  for (int bits : kAllBits) {
    Packed whole = quantize(x, bits, G, 0, 3, 4),
           part = quantize(prefix, bits, G, 0, 3, 4);
    for (int64_t g = 0; g < common; ++g) {
      EXPECT_EQ(whole.loBits(g), part.loBits(g));
      EXPECT_EQ(whole.stepBits(g), part.stepBits(g));
      for (int64_t k = 0; k < whole.bytesPerGroup(); ++k)
        EXPECT_EQ(whole.bytes[size_t(g * whole.bytesPerGroup() + k)],
                  part.bytes[size_t(g * part.bytesPerGroup() + k)]);
    }
  }
}

// --- Statistics of stochastic rounding.

// A group of 256 values over [-0.7, 1.3] at 2 bits, with a few tracked
// elements placed at chosen fractions f of a step, quantized with `draws`
// different seeds; returns per tracked element the mean of x^ - x, its
// variance, and the expected variance step^2 f(1-f).
struct Stats {
  double f, mean, variance, expectedVariance, sigma;
};

std::vector<Stats> stochasticStats(int draws) {
  const int bits = 2, n = 256;
  std::vector<float> x(n);
  for (int i = 0; i < n; ++i)
    x[size_t(i)] = -0.7f + 2.0f * float(i) / (n - 1);
  Packed p0 = quantize(x, bits, n);
  const double lo = p0.lo(0), step = p0.step(0);
  const int tracked[] = {10, 50, 100, 150, 200, 240};
  const double fractions[] = {0.5, 0.1, 0.9, 0.3, 0.5, 0.75};
  std::vector<double> fs;
  for (int t = 0; t < 6; ++t) {
    int k = int((x[size_t(tracked[t])] - lo) / step);
    x[size_t(tracked[t])] = float(lo + (k + fractions[t]) * step);
    double v = (x[size_t(tracked[t])] - lo) / step;
    fs.push_back(v - std::floor(v));
  }
  std::vector<double> sum(6, 0), sumSquares(6, 0);
  std::vector<uint8_t> buf(size_t(axtrt_packed_size_bytes(n, bits, n)));
  std::vector<float> y(n);
  for (int d = 0; d < draws; ++d) {
    axtrt_quantize_f32(x.data(), n, bits, n, AXTRT_ROUND_STOCHASTIC,
                       1000 + uint64_t(d), 17, buf.data());
    axtrt_dequantize_f32(buf.data(), n, bits, n, y.data());
    for (int t = 0; t < 6; ++t) {
      double e = double(y[size_t(tracked[t])]) - x[size_t(tracked[t])];
      sum[size_t(t)] += e;
      sumSquares[size_t(t)] += e * e;
    }
  }
  // The parameters depend on min and max only, which the tracked elements
  // do not change.
  Packed p1 = quantize(x, bits, n);
  EXPECT_EQ(p1.lo(0), p0.lo(0));
  EXPECT_EQ(p1.step(0), p0.step(0));
  std::vector<Stats> stats;
  for (size_t t = 0; t < 6; ++t) {
    double mean = sum[t] / draws;
    double expected = step * step * fs[t] * (1 - fs[t]);
    stats.push_back({fs[t], mean, sumSquares[t] / draws - mean * mean,
                     expected, std::sqrt(expected)});
  }
  return stats;
}

constexpr int kDraws = 100000;

TEST(QuantizeStochastic, IsUnbiased) {
  for (const Stats &s : stochasticStats(kDraws))
    EXPECT_NEAR(s.mean, 0.0, 3 * s.sigma / std::sqrt(double(kDraws)))
        << "f = " << s.f;
}

TEST(QuantizeStochastic, HasTheVarianceOfABernoulliStep) {
  for (const Stats &s : stochasticStats(kDraws)) {
    EXPECT_GT(s.f, 0.05);
    EXPECT_NEAR(s.variance, s.expectedVariance, 0.05 * s.expectedVariance)
        << "f = " << s.f;
  }
}

// Large tensors are split over threads by groups (masks by bytes); any
// split gives the bytes of a single thread, and the values decode back the
// same.
TEST(Quantize, ThreadSplitsGiveTheBytesOfOneThread) {
  const int saved = axtrt_get_num_threads();
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> d(-1, 1);
  std::vector<float> x(300001);
  for (float &v : x)
    v = d(rng) > 0.3f ? d(rng) : 0.0f;
  const int64_t n = int64_t(x.size());
  for (int64_t group : {256, 120, 7})
    for (bool exactZero : {false, true}) {
      const int64_t size = axtrt_packed_size_bytes(n, 2, group);
      std::vector<std::vector<uint8_t>> bytes;
      std::vector<std::vector<float>> values;
      for (int threads : {1, 2, 5}) {
        axtrt_set_num_threads(threads);
        std::vector<uint8_t> b(size_t(size), 0xA5);
        std::vector<float> y(x.size(), -1.0f);
        if (exactZero) {
          ASSERT_EQ(axtrt_quantize_exact_zero_f32(x.data(), n, 2, group,
                                                  AXTRT_ROUND_STOCHASTIC, 3, 4,
                                                  b.data()),
                    0);
          ASSERT_EQ(
              axtrt_dequantize_exact_zero_f32(b.data(), n, 2, group, y.data()),
              0);
        } else {
          ASSERT_EQ(axtrt_quantize_f32(x.data(), n, 2, group,
                                       AXTRT_ROUND_STOCHASTIC, 3, 4, b.data()),
                    0);
          ASSERT_EQ(axtrt_dequantize_f32(b.data(), n, 2, group, y.data()), 0);
        }
        bytes.push_back(b);
        values.push_back(y);
      }
      for (size_t k = 1; k < bytes.size(); ++k) {
        EXPECT_EQ(bytes[k], bytes[0]) << "group " << group;
        EXPECT_EQ(values[k], values[0]) << "group " << group;
      }
    }
  axtrt_set_num_threads(saved);
}

// --- Masks.

TEST(QuantizeMask, BitLayout) {
  const std::vector<float> x = {1,    -1,   0,     2,    kNaN, 3,    -0.0f,
                                5,    0.1f, 0.0f,  kNaN, -0.0f, 4};
  std::vector<uint8_t> m(2, 0xFF);
  ASSERT_EQ(axtrt_pack_mask_f32(x.data(), int64_t(x.size()), m.data()), 0);
  EXPECT_EQ(m[0], 0xA9); // elements 0, 3, 5, 7
  EXPECT_EQ(m[1], 0x11); // elements 8, 12; unused bits cleared
}

TEST(QuantizeMask, RoundTrip) {
  // Three kernel threads, so that the largest size is split on any machine.
  const int saved = axtrt_get_num_threads();
  axtrt_set_num_threads(3);
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> d(-1, 1);
  // 300001: large enough to be split over threads.
  for (int64_t n : {1, 7, 8, 9, 63, 64, 1001, 300001}) {
    std::vector<float> x(static_cast<size_t>(n));
    for (float &v : x)
      v = d(rng);
    x[0] = kNaN;
    std::vector<uint8_t> m(size_t(axtrt_mask_size_bytes(n)));
    ASSERT_EQ(axtrt_pack_mask_f32(x.data(), n, m.data()), 0);
    std::vector<float> y(size_t(n), 7.0f);
    ASSERT_EQ(axtrt_unpack_mask_f32(m.data(), n, y.data()), 0);
    for (int64_t i = 0; i < n; ++i)
      ASSERT_EQ(y[size_t(i)], x[size_t(i)] > 0 ? 1.0f : 0.0f) << i;
    if (n % 8) {
      EXPECT_EQ(m.back() >> (n % 8), 0); // unused bits
    }
  }
  axtrt_set_num_threads(saved);
}

// --- Arguments and the MLIR entry points.

TEST(Quantize, InvalidArgumentsAreRejected) {
  float x[4] = {1, 2, 3, 4};
  uint8_t out[64];
  for (int bits : {-1, 0, 5, 6, 7, 9, 16}) {
    EXPECT_NE(axtrt_quantize_f32(x, 4, bits, 4, 0, 0, 0, out), 0) << bits;
    EXPECT_NE(axtrt_dequantize_f32(out, 4, bits, 4, x), 0) << bits;
    EXPECT_EQ(axtrt_packed_size_bytes(4, bits, 4), -1) << bits;
  }
  for (int64_t group : {0, -1}) {
    EXPECT_NE(axtrt_quantize_f32(x, 4, 2, group, 0, 0, 0, out), 0);
    EXPECT_NE(axtrt_dequantize_f32(out, 4, 2, group, x), 0);
    EXPECT_EQ(axtrt_packed_size_bytes(4, 2, group), -1);
  }
  EXPECT_NE(axtrt_quantize_f32(x, -1, 2, 4, 0, 0, 0, out), 0);
  EXPECT_NE(axtrt_dequantize_f32(out, -1, 2, 4, x), 0);
  EXPECT_EQ(axtrt_packed_size_bytes(-1, 2, 4), -1);
  EXPECT_NE(axtrt_quantize_f32(x, 4, 2, 4, 2, 0, 0, out), 0);
  EXPECT_NE(axtrt_quantize_f32(x, 4, 2, 4, -1, 0, 0, out), 0);
  EXPECT_NE(axtrt_quantize_f32(nullptr, 4, 2, 4, 0, 0, 0, out), 0);
  EXPECT_NE(axtrt_quantize_f32(x, 4, 2, 4, 0, 0, 0, nullptr), 0);
  EXPECT_NE(axtrt_dequantize_f32(nullptr, 4, 2, 4, x), 0);
  EXPECT_NE(axtrt_dequantize_f32(out, 4, 2, 4, nullptr), 0);
  // A packed size beyond int64.
  const int64_t big = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(axtrt_packed_size_bytes(big, 8, 1), -1);
  EXPECT_NE(axtrt_quantize_f32(x, big, 8, 1, 0, 0, 0, out), 0);
  EXPECT_NE(axtrt_pack_mask_f32(x, -1, out), 0);
  EXPECT_NE(axtrt_pack_mask_f32(nullptr, 4, out), 0);
  EXPECT_NE(axtrt_pack_mask_f32(x, 4, nullptr), 0);
  EXPECT_NE(axtrt_unpack_mask_f32(out, -1, x), 0);
  EXPECT_NE(axtrt_unpack_mask_f32(nullptr, 4, x), 0);
  EXPECT_NE(axtrt_unpack_mask_f32(out, 4, nullptr), 0);
  EXPECT_EQ(axtrt_mask_size_bytes(-1), -1);
}

axtrt_memref1d_f32 view(std::vector<float> &v, int64_t offset, int64_t size,
                        int64_t stride) {
  return {v.data(), v.data(), offset, {size}, {stride}};
}
axtrt_memref1d_i8 view(std::vector<uint8_t> &v, int64_t offset, int64_t size,
                       int64_t stride) {
  return {v.data(), v.data(), offset, {size}, {stride}};
}

TEST(QuantizeMemref, EntryPointsMatchPlainKernels) {
  const std::vector<float> x = inputs()[0].x; // 1000 values
  const int64_t n = int64_t(x.size()), bits = 3, G = 64;
  Packed want = quantize(x, bits, G, 0, 8, 9);
  const int64_t size = int64_t(want.bytes.size());
  for (int64_t stride : {1, 2}) {
    SCOPED_TRACE("stride " + std::to_string(stride));
    // Views at offset 3 with the given stride over padded storage.
    std::vector<float> xs(size_t(3 + n * stride), 0.0f);
    for (int64_t i = 0; i < n; ++i)
      xs[size_t(3 + i * stride)] = x[size_t(i)];
    std::vector<uint8_t> buf(size_t(3 + size * stride), 0xEE);
    axtrt_memref1d_f32 xv = view(xs, 3, n, stride);
    axtrt_memref1d_i8 bv = view(buf, 3, size, stride);
    _mlir_ciface_axtrt_quantize_f32(&xv, &bv, bits, G, 0, 8, 9);
    for (int64_t k = 0; k < size; ++k)
      ASSERT_EQ(buf[size_t(3 + k * stride)], want.bytes[size_t(k)]) << k;
    EXPECT_EQ(buf[0], 0xEE);

    std::vector<float> ys(xs.size(), -1.0f);
    axtrt_memref1d_f32 yv = view(ys, 3, n, stride);
    _mlir_ciface_axtrt_dequantize_f32(&bv, &yv, bits, G);
    std::vector<float> y = dequantize(want);
    for (int64_t i = 0; i < n; ++i)
      ASSERT_EQ(ys[size_t(3 + i * stride)], y[size_t(i)]) << i;
    EXPECT_EQ(ys[0], -1.0f);

    std::vector<uint8_t> mask(size_t(3 + axtrt_mask_size_bytes(n) * stride));
    axtrt_memref1d_i8 mv =
        view(mask, 3, axtrt_mask_size_bytes(n), stride);
    _mlir_ciface_axtrt_pack_mask_f32(&xv, &mv);
    _mlir_ciface_axtrt_unpack_mask_f32(&mv, &yv);
    for (int64_t i = 0; i < n; ++i)
      ASSERT_EQ(ys[size_t(3 + i * stride)], x[size_t(i)] > 0 ? 1.0f : 0.0f);
  }
}

TEST(QuantizeMemrefDeathTest, TooSmallBufferAborts) {
  std::vector<float> x(100, 1.0f);
  std::vector<uint8_t> buf(10);
  axtrt_memref1d_f32 xv = view(x, 0, 100, 1);
  axtrt_memref1d_i8 bv = view(buf, 0, 10, 1);
  EXPECT_DEATH(_mlir_ciface_axtrt_quantize_f32(&xv, &bv, 2, 64, 0, 0, 0),
               "too small");
  EXPECT_DEATH(_mlir_ciface_axtrt_quantize_f32(&xv, &bv, 5, 64, 0, 0, 0),
               "bits");
}

} // namespace
