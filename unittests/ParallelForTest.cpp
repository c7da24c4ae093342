// axtrt_parallel_for: the entry point outlined compiled loops run through.
#include "axtrt/matmul.h"
#include "axtrt/parallel_for.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace {

// What one loop body saw: its ranges (each once, from whichever thread)
// and how often it ran each iteration.
struct Recorder {
  explicit Recorder(int64_t end) : visits(size_t(end)) {}
  std::mutex mutex;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  std::vector<std::thread::id> threads;
  std::vector<std::atomic<int>> visits;

  static void body(void *context, int64_t begin, int64_t end) {
    auto *self = static_cast<Recorder *>(context);
    {
      std::lock_guard<std::mutex> lock(self->mutex);
      self->ranges.emplace_back(begin, end);
      self->threads.push_back(std::this_thread::get_id());
    }
    for (int64_t i = begin; i < end; ++i)
      self->visits[size_t(i)].fetch_add(1);
  }

  std::vector<std::pair<int64_t, int64_t>> sortedRanges() {
    auto sorted = ranges;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }
};

// Sets the kernel threads for one test and restores them after.
struct KernelThreads {
  explicit KernelThreads(int n) : saved(axtrt_get_num_threads()) {
    axtrt_set_num_threads(n);
  }
  ~KernelThreads() { axtrt_set_num_threads(saved); }
  int saved;
};

} // namespace

// Every iteration of [begin, end) runs exactly once, in one range per
// thread, consecutive, split between iterations only.
TEST(ParallelFor, CoversTheRangeOnceInOneRangePerThread) {
  KernelThreads threads(3);
  const int64_t begin = 5, end = 905;
  Recorder recorder(end);
  axtrt_parallel_for(&Recorder::body, &recorder, begin, end,
                     /*elements_per_iteration=*/1000);
  for (int64_t i = 0; i < end; ++i)
    EXPECT_EQ(recorder.visits[size_t(i)].load(), i < begin ? 0 : 1) << i;
  auto ranges = recorder.sortedRanges();
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(ranges.front().first, begin);
  EXPECT_EQ(ranges.back().second, end);
  for (size_t r = 1; r < ranges.size(); ++r)
    EXPECT_EQ(ranges[r].first, ranges[r - 1].second);
  for (auto [first, last] : ranges)
    EXPECT_EQ(last - first, 300);
  // On the caller and two others.
  std::sort(recorder.threads.begin(), recorder.threads.end());
  EXPECT_EQ(std::unique(recorder.threads.begin(), recorder.threads.end()) -
                recorder.threads.begin(),
            3);
}

// Below AXTRT_PARALLEL_MIN_ELEMENTS in all, one range on the calling
// thread; at the threshold, split. No more ranges than iterations.
TEST(ParallelFor, SmallLoopsStayOnTheCallingThread) {
  KernelThreads threads(4);
  const int64_t per = 1000;
  const int64_t below = (AXTRT_PARALLEL_MIN_ELEMENTS - 1) / per;
  Recorder small(below);
  axtrt_parallel_for(&Recorder::body, &small, 0, below, per);
  ASSERT_EQ(small.ranges.size(), 1u);
  EXPECT_EQ(small.ranges[0], std::make_pair(int64_t(0), below));
  EXPECT_EQ(small.threads[0], std::this_thread::get_id());

  Recorder two(2);
  axtrt_parallel_for(&Recorder::body, &two, 0, 2, AXTRT_PARALLEL_MIN_ELEMENTS);
  EXPECT_EQ(two.sortedRanges(),
            (std::vector<std::pair<int64_t, int64_t>>{{0, 1}, {1, 2}}));

  // A work estimate of 0 counts as 1 element per iteration.
  Recorder unknown(1000);
  axtrt_parallel_for(&Recorder::body, &unknown, 0, 1000, 0);
  EXPECT_EQ(unknown.ranges.size(), 1u);
}

// Empty and inverted ranges run nothing.
TEST(ParallelFor, EmptyRangesRunNothing) {
  Recorder recorder(8);
  axtrt_parallel_for(&Recorder::body, &recorder, 4, 4, 1 << 20);
  axtrt_parallel_for(&Recorder::body, &recorder, 6, 2, 1 << 20);
  EXPECT_TRUE(recorder.ranges.empty());
}

// A loop body that itself calls axtrt_parallel_for runs the inner loop as
// one range on its own thread: the threads are taken by the outer loop.
TEST(ParallelFor, NestedCallsRunSerially) {
  KernelThreads threads(2);
  struct Outer {
    std::atomic<int64_t> innerIterations{0};
    std::atomic<int> innerRanges{0};
    static void inner(void *context, int64_t begin, int64_t end) {
      auto *self = static_cast<Outer *>(context);
      self->innerRanges.fetch_add(1);
      self->innerIterations.fetch_add(end - begin);
    }
    static void outer(void *context, int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i)
        axtrt_parallel_for(&inner, context, 0, 100, 1 << 20);
    }
  } state;
  axtrt_parallel_for(&Outer::outer, &state, 0, 4, 1 << 20);
  EXPECT_EQ(state.innerIterations.load(), 400);
  EXPECT_EQ(state.innerRanges.load(), 4);
}
