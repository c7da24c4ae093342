//===- BitAllocationTest.cpp - exact mixed-precision allocation -----------===//
//
// allocateBits (lib/Transforms/BitAllocation.cpp) against brute force over
// every combination of widths on small random instances.
//
//===----------------------------------------------------------------------===//
#include "axt/Transforms/BitAllocation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace {

using mlir::axt::allocateBits;
using mlir::axt::BitAllocation;
using mlir::axt::StashCost;

// The least variance over all combinations within the budget (infinity if
// none fits).
double bruteForce(const std::vector<StashCost> &stashes, double budget) {
  double total = 0;
  for (const StashCost &s : stashes)
    total += double(s.elements);
  double best = std::numeric_limits<double>::infinity();
  std::vector<size_t> pick(stashes.size(), 0);
  while (true) {
    double bits = 0, variance = 0;
    for (size_t l = 0; l < stashes.size(); ++l) {
      const unsigned b = stashes[l].bits[pick[l]];
      bits += double(stashes[l].elements) * b;
      variance +=
          mlir::axt::quantizationVariance(stashes[l].sensitivity, b, stashes[l].exactZero);
    }
    if (bits <= budget * total * (1 + 1e-12))
      best = std::min(best, variance);
    size_t l = 0;
    while (l < stashes.size() && ++pick[l] == stashes[l].bits.size())
      pick[l++] = 0;
    if (l == stashes.size())
      return best;
  }
}

TEST(BitAllocation, EqualsBruteForceOnRandomInstances) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> count(1, 6), size(1, 400);
  std::lognormal_distribution<double> sensitivity(0.0, 2.0);
  std::uniform_real_distribution<double> budget(1.0, 5.0);
  const std::vector<unsigned> widths = {1, 2, 3, 4, 8};
  int feasible = 0;
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<StashCost> stashes(size_t(count(rng)));
    for (StashCost &s : stashes) {
      s.elements = size(rng) * (rng() % 2 ? 256 : 1);
      s.sensitivity = rng() % 7 == 0 ? 0.0 : sensitivity(rng);
      // Some stashes have exact-zero codes: 2 bits or more, one level
      // fewer.
      s.bits = widths;
      if (rng() % 3 == 0) {
        s.bits.erase(s.bits.begin());
        s.exactZero = true;
      }
    }
    const double b = budget(rng);
    const double want = bruteForce(stashes, b);
    BitAllocation got;
    std::string error;
    const bool ok = allocateBits(stashes, b, got, error);
    ASSERT_EQ(ok, std::isfinite(want)) << "trial " << trial << ": " << error;
    if (!ok)
      continue;
    ++feasible;
    EXPECT_TRUE(got.exact);
    EXPECT_NEAR(got.variance, want, 1e-12 * std::max(1.0, want))
        << "trial " << trial;
    EXPECT_LE(got.averageBits, b * (1 + 1e-12)) << "trial " << trial;
    // The reported variance is that of the widths returned.
    double variance = 0;
    for (size_t l = 0; l < stashes.size(); ++l) {
      EXPECT_NE(std::find(stashes[l].bits.begin(), stashes[l].bits.end(),
                          got.bits[l]),
                stashes[l].bits.end());
      variance += mlir::axt::quantizationVariance(stashes[l].sensitivity,
                                            got.bits[l], stashes[l].exactZero);
    }
    EXPECT_NEAR(variance, got.variance, 1e-12 * std::max(1.0, variance));
  }
  EXPECT_GT(feasible, 300);
}

// Where greedy is not optimal: sizes 4, 1, 1 with sensitivities 5, 10, 2
// and 3 bits per element on average (18 bits). Raising one width at a time
// by the most variance saved per extra bit ends at (2, 4, 4), variance
// 5/9 + 12/225 = 0.609; the optimum is (3, 3, 3), 17/49 = 0.347.
TEST(BitAllocation, BeatsGreedyWhereGreedyIsSuboptimal) {
  std::vector<StashCost> stashes = {{4, 5.0, {1, 2, 3, 4, 8}},
                                    {1, 10.0, {1, 2, 3, 4, 8}},
                                    {1, 2.0, {1, 2, 3, 4, 8}}};
  BitAllocation got;
  std::string error;
  ASSERT_TRUE(allocateBits(stashes, 3.0, got, error)) << error;
  EXPECT_EQ(got.bits, (std::vector<unsigned>{3, 3, 3}));
  EXPECT_NEAR(got.variance, 17.0 / 49.0, 1e-12);
}

TEST(BitAllocation, WideBudgetGivesTheWidestBits) {
  std::vector<StashCost> stashes = {{784, 1.0, {1, 2, 3, 4, 8}},
                                    {256, 5.0, {2, 3, 4, 8}}};
  BitAllocation got;
  std::string error;
  ASSERT_TRUE(allocateBits(stashes, 8.0, got, error)) << error;
  EXPECT_EQ(got.bits, (std::vector<unsigned>{8, 8}));
  EXPECT_DOUBLE_EQ(got.averageBits, 8.0);
}

TEST(BitAllocation, ZeroSensitivityTakesTheNarrowestBits) {
  std::vector<StashCost> stashes = {{1000, 0.0, {1, 2, 4, 8}},
                                    {1000, 3.0, {2, 4, 8}}};
  BitAllocation got;
  std::string error;
  ASSERT_TRUE(allocateBits(stashes, 4.5, got, error)) << error;
  EXPECT_EQ(got.bits, (std::vector<unsigned>{1, 8}));
}

TEST(BitAllocation, RejectsBudgetsBelowTheNarrowestWidths) {
  std::vector<StashCost> stashes = {{100, 1.0, {2, 4}}, {100, 1.0, {1, 2}}};
  BitAllocation got;
  std::string error;
  EXPECT_FALSE(allocateBits(stashes, 1.4, got, error));
  EXPECT_NE(error.find("below what the narrowest widths take (1.5"),
            std::string::npos)
      << error;
  EXPECT_TRUE(allocateBits(stashes, 1.5, got, error)) << error;
  EXPECT_EQ(got.bits, (std::vector<unsigned>{2, 1}));
}

TEST(BitAllocation, ExactZeroCodesHaveOneIntervalFewer) {
  EXPECT_DOUBLE_EQ(mlir::axt::quantizationVariance(9.0, 2), 1.0);
  EXPECT_DOUBLE_EQ(mlir::axt::quantizationVariance(4.0, 2, true), 1.0);
  EXPECT_DOUBLE_EQ(mlir::axt::quantizationVariance(196.0, 4, true), 1.0);
  BitAllocation got;
  std::string error;
  StashCost exact{10, 1.0, {1, 2}, true};
  EXPECT_FALSE(allocateBits({exact}, 2.0, got, error));
}

TEST(BitAllocation, RejectsInvalidArguments) {
  BitAllocation got;
  std::string error;
  EXPECT_FALSE(allocateBits({{10, 1.0, {2}}}, 0.0, got, error));
  EXPECT_FALSE(allocateBits({{10, 1.0, {2}}}, NAN, got, error));
  EXPECT_FALSE(allocateBits({{0, 1.0, {2}}}, 2.0, got, error));
  EXPECT_FALSE(allocateBits({{10, -1.0, {2}}}, 2.0, got, error));
  EXPECT_FALSE(allocateBits({{10, INFINITY, {2}}}, 2.0, got, error));
  EXPECT_FALSE(allocateBits({{10, 1.0, {}}}, 2.0, got, error));
  EXPECT_FALSE(allocateBits({{10, 1.0, {0}}}, 2.0, got, error));
  EXPECT_TRUE(allocateBits({}, 2.0, got, error));
}

// Sizes whose table would be too large are counted in coarser units: the
// result still meets the budget, and is flagged as not exact.
TEST(BitAllocation, HugeInstancesStayWithinTheBudget) {
  std::vector<StashCost> stashes;
  for (int l = 0; l < 100; ++l)
    stashes.push_back({int64_t(802816) * (l % 4 + 1) + l, 1.0 + l,
                       {1, 2, 3, 4, 8}});
  BitAllocation got;
  std::string error;
  ASSERT_TRUE(allocateBits(stashes, 2.0, got, error)) << error;
  EXPECT_FALSE(got.exact);
  EXPECT_LE(got.averageBits, 2.0);
  EXPECT_GT(got.averageBits, 1.9);
}

} // namespace
