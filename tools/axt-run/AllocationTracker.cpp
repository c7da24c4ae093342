//===- AllocationTracker.cpp - the heap use of compiled code --------------===//
#include "AllocationTracker.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

using namespace axt;

namespace {

struct Tracker {
  std::mutex mutex;
  std::unordered_map<void *, size_t> sizes;
  AllocationStats stats;
};

Tracker &tracker() {
  static Tracker *t = new Tracker; // never destroyed: frees may come late
  return *t;
}

} // namespace

void *axt::trackedMalloc(size_t size) {
  void *pointer = std::malloc(size);
  if (!pointer)
    return nullptr;
  Tracker &t = tracker();
  std::lock_guard<std::mutex> lock(t.mutex);
  t.sizes[pointer] = size;
  t.stats.live += int64_t(size);
  t.stats.total += int64_t(size);
  t.stats.count += 1;
  t.stats.peak = std::max(t.stats.peak, t.stats.live);
  return pointer;
}

void axt::trackedFree(void *pointer) {
  if (pointer) {
    Tracker &t = tracker();
    std::lock_guard<std::mutex> lock(t.mutex);
    auto it = t.sizes.find(pointer);
    if (it != t.sizes.end()) {
      t.stats.live -= int64_t(it->second);
      t.sizes.erase(it);
    }
  }
  std::free(pointer);
}

AllocationStats axt::allocationStats() {
  Tracker &t = tracker();
  std::lock_guard<std::mutex> lock(t.mutex);
  return t.stats;
}

void axt::resetAllocationStats() {
  Tracker &t = tracker();
  std::lock_guard<std::mutex> lock(t.mutex);
  t.stats.peak = t.stats.live;
  t.stats.total = 0;
  t.stats.count = 0;
}
