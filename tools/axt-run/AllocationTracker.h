//===- AllocationTracker.h - the heap use of compiled code ------*- C++ -*-===//
//
// The JIT-compiled step allocates its buffers with malloc and frees them
// with free (MLIR's memref lowering). axt-run binds those two names, for
// the compiled code only, to these functions, which forward to the C
// library and count the bytes requested: what is live, its peak since the
// last reset, and the total, so that a step's measured memory can be set
// against the memory model's.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_TOOLS_AXTRUN_ALLOCATIONTRACKER_H
#define AXT_TOOLS_AXTRUN_ALLOCATIONTRACKER_H

#include <cstddef>
#include <cstdint>

namespace axt {

struct AllocationStats {
  int64_t live = 0;  // bytes allocated and not yet freed
  int64_t peak = 0;  // the most live bytes since the last reset
  int64_t total = 0; // bytes allocated since the last reset
  int64_t count = 0; // allocations since the last reset
};

/// malloc and free for compiled code.
void *trackedMalloc(size_t size);
void trackedFree(void *pointer);

/// The counts so far; reset starts the peak and total from what is live.
AllocationStats allocationStats();
void resetAllocationStats();

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_ALLOCATIONTRACKER_H
