//===- ArenaPlanner.h - offsets of buffers in one arena ---------*- C++ -*-===//
//
// Static memory planning: buffers with sizes and live ranges (inclusive op
// indices) get offsets in one arena such that no two buffers live at the
// same time overlap. The height of the arena is at least LOAD, the largest
// sum of sizes live at one point. planArena places buffers one at a time,
// each at the lowest-waste gap among the already placed buffers it meets
// in time (best fit), in several orders (by size, by size times lifetime,
// by start), and keeps the lowest arena; TFLite's and XLA's planners land
// within a few percent of LOAD this way on training graphs. Optionally a
// local search over orders, then an exact branch and bound, both limited
// in time, close the rest (ArenaBranchAndBound.cpp).
//
// Plain C++ (no LLVM): the memory report uses it, and so do its unit tests.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_ANALYSIS_ARENAPLANNER_H
#define AXT_ANALYSIS_ARENAPLANNER_H

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::axt {

struct PlannedBuffer {
  int64_t size = 0;  // bytes, >= 0
  int64_t start = 0; // first point it is live
  int64_t end = 0;   // last point it is live (>= start)
};

struct ArenaPlan {
  std::vector<int64_t> offsets; // one per buffer, aligned
  int64_t height = 0;           // bytes of the arena
  int64_t load = 0;             // LOAD of the (aligned) sizes
  std::string order;            // which placement order won
  bool optimal = false;         // proven: height == load, or exact search
                                // ran out of branches
};

/// Plans `buffers` with offsets and sizes rounded up to `alignment` (a
/// power of two). With `searchMilliseconds` > 0, then searches orders
/// locally for a lower arena for up to that long; with
/// `exactMilliseconds` > 0, then runs refineArenaExactly for up to that
/// long. Both stop at LOAD, which no plan can beat. With either, the
/// result depends on the machine's speed; without, plans are reproducible.
ArenaPlan planArena(const std::vector<PlannedBuffer> &buffers,
                    int64_t alignment = 64, double searchMilliseconds = 0,
                    double exactMilliseconds = 0);

/// Branch and bound for a lower arena than `plan`'s, a valid plan of
/// `buffers` (sizes as given, so already aligned), for up to
/// `milliseconds`. Keeps the lowest plan it finds, and sets `optimal` when
/// the search finishes, which proves it the lowest of all.
void refineArenaExactly(const std::vector<PlannedBuffer> &buffers,
                        ArenaPlan &plan, double milliseconds);

/// LOAD of `buffers` (sizes as given).
int64_t computeLoad(const std::vector<PlannedBuffer> &buffers);

} // namespace mlir::axt

#endif // AXT_ANALYSIS_ARENAPLANNER_H
