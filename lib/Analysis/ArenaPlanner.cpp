//===- ArenaPlanner.cpp - offsets of buffers in one arena -----------------===//
#include "axt/Analysis/ArenaPlanner.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <numeric>
#include <random>

using namespace mlir::axt;

int64_t mlir::axt::computeLoad(const std::vector<PlannedBuffer> &buffers) {
  // Sweep over start and end+1 events.
  std::map<int64_t, int64_t> delta;
  for (const PlannedBuffer &b : buffers) {
    delta[b.start] += b.size;
    delta[b.end + 1] -= b.size;
  }
  int64_t live = 0, load = 0;
  for (const auto &[point, change] : delta) {
    live += change;
    load = std::max(load, live);
  }
  return load;
}

namespace {

/// Best-fit placement in the order `order`: each buffer goes into the
/// smallest gap, among the placed buffers live at the same time, that
/// holds it (the lowest such gap on ties), else on top of them.
int64_t placeInOrder(const std::vector<PlannedBuffer> &buffers,
                     const std::vector<size_t> &order, bool firstFit,
                     std::vector<int64_t> &offsets) {
  offsets.assign(buffers.size(), -1);
  std::vector<size_t> placed;
  int64_t height = 0;
  std::vector<std::pair<int64_t, int64_t>> busy; // [offset, offset + size)
  for (size_t i : order) {
    const PlannedBuffer &b = buffers[i];
    busy.clear();
    for (size_t j : placed) {
      const PlannedBuffer &o = buffers[j];
      if (o.start <= b.end && b.start <= o.end && o.size > 0)
        busy.push_back({offsets[j], offsets[j] + o.size});
    }
    std::sort(busy.begin(), busy.end());
    int64_t best = -1, bestWaste = 0, cursor = 0;
    for (const auto &[lo, hi] : busy) {
      if (lo - cursor >= b.size) {
        const int64_t waste = lo - cursor - b.size;
        if (best < 0 || (!firstFit && waste < bestWaste)) {
          best = cursor;
          bestWaste = waste;
        }
      }
      cursor = std::max(cursor, hi);
    }
    if (best < 0)
      best = cursor;
    offsets[i] = best;
    placed.push_back(i);
    height = std::max(height, best + b.size);
  }
  return height;
}

/// Local search over orders from `bestOrder`, for up to `milliseconds`:
/// move one buffer to another place in the order, keep the move if best
/// fit then needs no more height (sideways moves let it cross plateaus).
/// It stops early at LOAD, which no plan can beat.
void searchOrdersLocally(const std::vector<PlannedBuffer> &aligned,
                         const std::vector<size_t> &bestOrder, ArenaPlan &plan,
                         double milliseconds, std::mt19937_64 &rng) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::microseconds(int64_t(milliseconds * 1000));
  std::vector<size_t> current = bestOrder;
  std::vector<int64_t> offsets;
  int64_t currentHeight = placeInOrder(aligned, current, false, offsets);
  std::uniform_int_distribution<size_t> pick(0, aligned.size() - 1);
  while (plan.height > plan.load &&
         std::chrono::steady_clock::now() < deadline) {
    std::vector<size_t> candidate = current;
    const size_t from = pick(rng), to = pick(rng);
    const size_t moved = candidate[from];
    candidate.erase(candidate.begin() + from);
    candidate.insert(candidate.begin() + to, moved);
    const int64_t height = placeInOrder(aligned, candidate, false, offsets);
    if (height > currentHeight)
      continue;
    current.swap(candidate);
    currentHeight = height;
    if (height < plan.height) {
      plan.height = height;
      plan.offsets = offsets;
      plan.order = "local search";
    }
  }
}

} // namespace

ArenaPlan mlir::axt::planArena(const std::vector<PlannedBuffer> &buffers,
                               int64_t alignment, double searchMilliseconds,
                               double exactMilliseconds) {
  std::vector<PlannedBuffer> aligned = buffers;
  for (PlannedBuffer &b : aligned)
    b.size = (b.size + alignment - 1) / alignment * alignment;
  ArenaPlan plan;
  plan.load = computeLoad(aligned);
  std::vector<size_t> base(aligned.size());
  std::iota(base.begin(), base.end(), size_t(0));
  auto lifetime = [&](size_t i) { return aligned[i].end - aligned[i].start + 1; };
  struct Order {
    const char *name;
    std::function<bool(size_t, size_t)> before;
  };
  const Order orders[] = {
      {"size", [&](size_t a, size_t b) { return aligned[a].size > aligned[b].size; }},
      {"size x lifetime",
       [&](size_t a, size_t b) {
         return double(aligned[a].size) * double(lifetime(a)) >
                double(aligned[b].size) * double(lifetime(b));
       }},
      {"lifetime", [&](size_t a, size_t b) { return lifetime(a) > lifetime(b); }},
      {"start", [&](size_t a, size_t b) { return aligned[a].start < aligned[b].start; }},
      {"end", [&](size_t a, size_t b) { return aligned[a].end < aligned[b].end; }},
      {"size, then start",
       [&](size_t a, size_t b) {
         return aligned[a].size != aligned[b].size
                    ? aligned[a].size > aligned[b].size
                    : aligned[a].start < aligned[b].start;
       }},
  };
  std::vector<int64_t> offsets;
  std::vector<size_t> bestOrder = base;
  for (const Order &o : orders)
    for (bool firstFit : {false, true}) {
      std::vector<size_t> order = base;
      std::stable_sort(order.begin(), order.end(), o.before);
      const int64_t height = placeInOrder(aligned, order, firstFit, offsets);
      if (plan.order.empty() || height < plan.height) {
        plan.height = height;
        plan.offsets = offsets;
        plan.order = std::string(o.name) + (firstFit ? ", first fit" : "");
        bestOrder = order;
      }
    }
  // Then sizes perturbed at random (a fixed seed: plans are reproducible),
  // as many tries as about 10^8 pair checks allow.
  const double n = double(std::max<size_t>(aligned.size(), 1));
  const int tries = int(std::min(64.0, 1e8 / (n * n)));
  std::mt19937_64 rng(0x5eed);
  std::uniform_real_distribution<double> noise(1.0, 1.5);
  std::vector<double> key(aligned.size());
  for (int t = 0; t < tries && plan.height > plan.load; ++t) {
    for (size_t i = 0; i < aligned.size(); ++i)
      key[i] = double(aligned[i].size) * noise(rng);
    std::vector<size_t> order = base;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return key[a] > key[b]; });
    const int64_t height = placeInOrder(aligned, order, false, offsets);
    if (height < plan.height) {
      plan.height = height;
      plan.offsets = offsets;
      plan.order = "size, perturbed";
      bestOrder = order;
    }
  }
  // Then, within their time limits, a local search over orders and an
  // exact search.
  if (searchMilliseconds > 0 && aligned.size() >= 2)
    searchOrdersLocally(aligned, bestOrder, plan, searchMilliseconds, rng);
  refineArenaExactly(aligned, plan, exactMilliseconds);
  return plan;
}
