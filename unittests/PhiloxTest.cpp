//===- PhiloxTest.cpp - the counter-based generator ------------------------===//
#include "axtrt/philox.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <set>

namespace {

std::array<uint32_t, 4> philox(std::array<uint32_t, 4> counter,
                               std::array<uint32_t, 2> key) {
  std::array<uint32_t, 4> out;
  axtrt_philox4x32_10(counter.data(), key.data(), out.data());
  return out;
}

// Known answers of Random123's kat_vectors for philox4x32 with 10 rounds.
TEST(Philox, KnownAnswerVectors) {
  EXPECT_EQ(philox({0, 0, 0, 0}, {0, 0}),
            (std::array<uint32_t, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c,
                                     0x9b00dbd8}));
  EXPECT_EQ(philox({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
                   {0xffffffff, 0xffffffff}),
            (std::array<uint32_t, 4>{0x408f276d, 0x41c83b0e, 0xa20bc7c6,
                                     0x6d5451fd}));
  EXPECT_EQ(philox({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                   {0xa4093822, 0x299f31d0}),
            (std::array<uint32_t, 4>{0xd16cfe09, 0x94fdcceb, 0x5001e420,
                                     0x24126ea1}));
}

TEST(Philox, ElementsAreTheWordsOfTheirBlock) {
  const uint64_t seed = 0x123456789abcdefull, stream = 7;
  for (uint64_t block : {0ull, 1ull, 5ull, 1ull << 33}) {
    uint32_t words[4];
    axtrt_random_block(seed, stream, block, words);
    for (uint64_t w = 0; w < 4; ++w)
      EXPECT_EQ(axtrt_random_uniform(seed, stream, 4 * block + w),
                axtrt_uniform_from_word(words[w]));
  }
}

TEST(Philox, UniformIsInUnitIntervalWithTheRightMoments) {
  const int n = 200000;
  double sum = 0, sumSquares = 0;
  for (int i = 0; i < n; ++i) {
    float u = axtrt_random_uniform(42, 3, i);
    ASSERT_GE(u, 0.0f);
    ASSERT_LT(u, 1.0f);
    sum += u;
    sumSquares += double(u) * u;
  }
  double mean = sum / n, variance = sumSquares / n - mean * mean;
  // U[0,1): mean 1/2 (sd of the estimate sqrt(1/12/n) ~ 6.5e-4), var 1/12.
  EXPECT_NEAR(mean, 0.5, 4 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(variance, 1.0 / 12, 0.002);
  EXPECT_EQ(axtrt_uniform_from_word(0xffffffffu), 16777215.0f / 16777216.0f);
  EXPECT_EQ(axtrt_uniform_from_word(0xffu), 0.0f);
}

TEST(Philox, SeedsAndStreamsGiveDifferentSequences) {
  std::set<float> firsts;
  for (uint64_t seed = 0; seed < 4; ++seed)
    for (uint64_t stream = 0; stream < 4; ++stream)
      firsts.insert(axtrt_random_uniform(seed, stream, 0));
  EXPECT_EQ(firsts.size(), 16u);
  // High halves of the seed, stream and index matter too.
  EXPECT_NE(axtrt_random_uniform(1ull << 40, 0, 0),
            axtrt_random_uniform(0, 0, 0));
  EXPECT_NE(axtrt_random_uniform(0, 1ull << 40, 0),
            axtrt_random_uniform(0, 0, 0));
  EXPECT_NE(axtrt_random_uniform(0, 0, 1ull << 40),
            axtrt_random_uniform(0, 0, 0));
}

} // namespace
