//===- ArenaBranchAndBound.cpp - exact arena placement, time-limited ------===//
//
// Branch and bound over placements, after MiniMalloc (Moffitt, ASPLOS
// 2023). Any plan can be pushed down, buffer by buffer in order of offset,
// until each buffer sits at 0 or on the top of a buffer it meets in time;
// heights only fall. So the search looks for such plans only, and builds
// them from the bottom up.
//
// The time axis is cut into sections (between consecutive starts and
// ends). Each section has a floor, below which no buffer still to place
// that spans it can lie. At each node the lowest floor f, among sections
// some unplaced buffer spans, is where the next decision happens:
//  - either some buffer spanning that section lies at f: one whose floors
//    are all f (the highest of its floors is where it would go) is placed
//    there, and the floors of its sections rise to its top;
//  - or none does: the section's floor rises to the lowest offset one of
//    them can still take. For a buffer whose floors reach above f, that is
//    its highest floor; for one at f, it must rest on some buffer still to
//    place, so at least f plus the smallest size still to place.
// Both branches keep every plan that satisfies the floors, so when the
// search runs out of branches the best plan found is proven optimal.
//
// Pruning keeps only what cannot lose the optimum: a buffer that no longer
// fits under the best height found so far (floors only rise) ends the
// branch; the buffers spanning one section stack above its floor, so floor
// plus their sum bounds the height from below; of identical buffers (size
// and live range), the lower index is placed first.
//
//===----------------------------------------------------------------------===//
#include "axt/Analysis/ArenaPlanner.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <tuple>

using namespace mlir::axt;

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kNone = std::numeric_limits<size_t>::max();

/// A buffer to place, over sections [first, last) of the time axis.
struct Item {
  size_t buffer; // index into the caller's buffers
  int64_t size;
  size_t first, last;
  size_t twin; // the previous identical item, or kNone
};

class BranchAndBound {
public:
  BranchAndBound(std::vector<Item> items, size_t sections, int64_t best,
                 Clock::time_point deadline)
      : items(std::move(items)), floors(sections, 0), remaining(sections, 0),
        spanning(sections), placed(this->items.size(), false),
        offsets(this->items.size(), 0), best(best), deadline(deadline) {
    for (size_t i = 0; i < this->items.size(); ++i)
      for (size_t s = this->items[i].first; s < this->items[i].last; ++s) {
        remaining[s] += this->items[i].size;
        spanning[s].push_back(i);
      }
  }

  /// Searches; true when it ran out of branches (the best is optimal).
  bool run() {
    visit(0, 0);
    return !timedOut;
  }

  bool improved() const { return !bestOffsets.empty(); }
  int64_t bestHeight() const { return best; }
  const std::vector<int64_t> &bestItemOffsets() const { return bestOffsets; }

private:
  int64_t highestFloor(const Item &item) const {
    int64_t top = 0;
    for (size_t s = item.first; s < item.last; ++s)
      top = std::max(top, floors[s]);
    return top;
  }

  void visit(size_t count, int64_t height) {
    if (timedOut)
      return;
    if (++nodes % 256 == 0 && Clock::now() > deadline) {
      timedOut = true;
      return;
    }
    if (count == items.size()) {
      // Only plans lower than the best reach here.
      best = height;
      bestOffsets = offsets;
      return;
    }
    // The lowest floor among sections still to fill, and the bound.
    size_t lowest = kNone;
    for (size_t s = 0; s < floors.size(); ++s) {
      if (remaining[s] == 0)
        continue;
      if (floors[s] + remaining[s] >= best)
        return;
      if (lowest == kNone || floors[s] < floors[lowest])
        lowest = s;
    }
    const int64_t floor = floors[lowest];
    // Buffers that may lie at `floor`, largest first; and the lowest
    // offset above it that one of the others can take.
    std::vector<std::pair<int64_t, size_t>> atFloor;
    int64_t raiseTo = std::numeric_limits<int64_t>::max();
    bool someAtFloor = false;
    for (size_t i : spanning[lowest]) {
      if (placed[i])
        continue;
      const Item &item = items[i];
      const int64_t offset = highestFloor(item);
      if (offset + item.size >= best)
        return; // it can never fit under the best height any more
      if (offset > floor) {
        raiseTo = std::min(raiseTo, offset);
        continue;
      }
      someAtFloor = true;
      if (item.twin == kNone || placed[item.twin])
        atFloor.push_back({-item.size, i});
    }
    if (someAtFloor)
      raiseTo = std::min(raiseTo, floor + smallestUnplacedSize());
    std::sort(atFloor.begin(), atFloor.end());
    for (const auto &[negSize, i] : atFloor) {
      const Item &item = items[i];
      for (size_t s = item.first; s < item.last; ++s) {
        floors[s] = floor + item.size;
        remaining[s] -= item.size;
      }
      placed[i] = true;
      offsets[i] = floor;
      visit(count + 1, std::max(height, floor + item.size));
      placed[i] = false;
      for (size_t s = item.first; s < item.last; ++s) {
        floors[s] = floor;
        remaining[s] += item.size;
      }
      if (timedOut || floor + item.size >= best)
        return;
    }
    // Nothing lies at `floor` in this section.
    floors[lowest] = raiseTo;
    visit(count, height);
    floors[lowest] = floor;
  }

  int64_t smallestUnplacedSize() const {
    int64_t smallest = std::numeric_limits<int64_t>::max();
    for (size_t i = 0; i < items.size(); ++i)
      if (!placed[i])
        smallest = std::min(smallest, items[i].size);
    return smallest;
  }

  std::vector<Item> items;
  std::vector<int64_t> floors, remaining;
  std::vector<std::vector<size_t>> spanning; // items over each section
  std::vector<bool> placed;
  std::vector<int64_t> offsets, bestOffsets;
  int64_t best;
  Clock::time_point deadline;
  uint64_t nodes = 0;
  bool timedOut = false;
};

} // namespace

void mlir::axt::refineArenaExactly(const std::vector<PlannedBuffer> &buffers,
                                   ArenaPlan &plan, double milliseconds) {
  if (plan.height <= plan.load) {
    plan.optimal = true;
    return;
  }
  if (milliseconds <= 0)
    return;
  const Clock::time_point deadline =
      Clock::now() + std::chrono::microseconds(int64_t(milliseconds * 1000));
  // Sections: the spans between consecutive starts and ends + 1.
  std::vector<int64_t> points;
  for (const PlannedBuffer &b : buffers)
    if (b.size > 0) {
      points.push_back(b.start);
      points.push_back(b.end + 1);
    }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  auto section = [&](int64_t point) {
    return size_t(std::lower_bound(points.begin(), points.end(), point) -
                  points.begin());
  };
  std::vector<Item> items;
  std::map<std::tuple<int64_t, size_t, size_t>, size_t> lastOfKind;
  for (size_t i = 0; i < buffers.size(); ++i) {
    const PlannedBuffer &b = buffers[i];
    if (b.size <= 0)
      continue;
    Item item{i, b.size, section(b.start), section(b.end + 1), kNone};
    auto [it, inserted] =
        lastOfKind.try_emplace({item.size, item.first, item.last}, 0);
    if (!inserted)
      item.twin = it->second;
    it->second = items.size();
    items.push_back(item);
  }
  BranchAndBound search(items, points.size(), plan.height, deadline);
  const bool exhausted = search.run();
  if (search.improved()) {
    plan.height = search.bestHeight();
    plan.offsets.assign(buffers.size(), 0);
    for (size_t i = 0; i < items.size(); ++i)
      plan.offsets[items[i].buffer] = search.bestItemOffsets()[i];
    plan.order = "branch and bound";
  }
  plan.optimal = exhausted || plan.height <= plan.load;
}
