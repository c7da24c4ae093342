//===- ArenaPlannerTest.cpp - buffers in one arena ------------------------===//
#include "axt/Analysis/ArenaPlanner.h"

#include <gtest/gtest.h>

#include <random>

namespace {

using mlir::axt::ArenaPlan;
using mlir::axt::computeLoad;
using mlir::axt::planArena;
using mlir::axt::PlannedBuffer;

/// No two buffers live at the same point overlap, offsets are aligned and
/// inside the arena, and the arena holds at least LOAD.
void expectValid(const std::vector<PlannedBuffer> &buffers,
                 const ArenaPlan &plan, int64_t alignment) {
  ASSERT_EQ(plan.offsets.size(), buffers.size());
  auto size = [&](size_t i) {
    return (buffers[i].size + alignment - 1) / alignment * alignment;
  };
  for (size_t i = 0; i < buffers.size(); ++i) {
    EXPECT_EQ(plan.offsets[i] % alignment, 0);
    EXPECT_GE(plan.offsets[i], 0);
    EXPECT_LE(plan.offsets[i] + size(i), plan.height);
    for (size_t j = i + 1; j < buffers.size(); ++j) {
      const bool together = buffers[i].start <= buffers[j].end &&
                            buffers[j].start <= buffers[i].end;
      const bool apart = plan.offsets[i] + size(i) <= plan.offsets[j] ||
                         plan.offsets[j] + size(j) <= plan.offsets[i];
      if (together && size(i) > 0 && size(j) > 0) {
        ASSERT_TRUE(apart) << "buffers " << i << " and " << j;
      }
    }
  }
  EXPECT_GE(plan.height, plan.load);
}

TEST(ArenaPlanner, RandomInstancesAreValid) {
  std::mt19937 rng(3);
  double worst = 1;
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 1 + int(rng() % 60), points = 1 + int(rng() % 40);
    std::vector<PlannedBuffer> buffers(static_cast<size_t>(n));
    for (PlannedBuffer &b : buffers) {
      b.size = int64_t(rng() % 5000);
      b.start = int64_t(rng() % points);
      b.end = b.start + int64_t(rng() % 10);
    }
    const int64_t alignment = int64_t(1) << (rng() % 7);
    ArenaPlan plan = planArena(buffers, alignment);
    expectValid(buffers, plan, alignment);
    if (plan.load > 0)
      worst = std::max(worst, double(plan.height) / double(plan.load));
  }
  // Best fit over four orders stays near LOAD on these instances.
  EXPECT_LT(worst, 1.5);
}

// The local search over orders keeps plans valid, never returns a higher
// arena than best fit alone, and closes part of the gap to LOAD.
TEST(ArenaPlanner, SearchNeverWorseAndOftenBetter) {
  std::mt19937 rng(5);
  int gaps = 0, improved = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const int n = 10 + int(rng() % 30), points = 1 + int(rng() % 20);
    std::vector<PlannedBuffer> buffers(static_cast<size_t>(n));
    for (PlannedBuffer &b : buffers) {
      b.size = 64 * int64_t(1 + rng() % 100);
      b.start = int64_t(rng() % points);
      b.end = b.start + int64_t(rng() % 8);
    }
    ArenaPlan plain = planArena(buffers, 64);
    ArenaPlan searched = planArena(buffers, 64, /*searchMilliseconds=*/20);
    expectValid(buffers, searched, 64);
    EXPECT_LE(searched.height, plain.height);
    if (plain.height > plain.load) {
      ++gaps;
      improved += searched.height < plain.height;
    }
  }
  ASSERT_GT(gaps, 5);
  EXPECT_GT(improved, 0) << "of " << gaps << " instances above LOAD";
}

TEST(ArenaPlanner, BuffersApartInTimeShareMemory) {
  std::vector<PlannedBuffer> buffers = {{1000, 0, 1}, {640, 2, 3},
                                        {1000, 4, 5}};
  ArenaPlan plan = planArena(buffers, 64);
  EXPECT_EQ(plan.height, 1024);
  EXPECT_EQ(plan.load, 1024);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{0, 0, 0}));
}

// Buffers of one size: placing them by start time is interval-graph
// colouring, which needs no more slots than buffers live at once, so the
// planner meets LOAD exactly.
TEST(ArenaPlanner, EqualSizesMeetLoad) {
  std::mt19937 rng(11);
  std::vector<PlannedBuffer> buffers;
  for (int i = 0; i < 50; ++i) {
    const int64_t start = int64_t(rng() % 30);
    buffers.push_back({256, start, start + int64_t(rng() % 6)});
  }
  ArenaPlan plan = planArena(buffers, 64);
  expectValid(buffers, plan, 64);
  EXPECT_EQ(plan.height, plan.load);
}

TEST(ArenaPlanner, LoadIsTheLargestLiveSum) {
  EXPECT_EQ(computeLoad({{10, 0, 2}, {20, 1, 1}, {5, 2, 4}, {7, 3, 3}}), 30);
  EXPECT_EQ(computeLoad({}), 0);
}

} // namespace
