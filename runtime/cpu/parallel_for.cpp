// Outlined loops of JIT-compiled code (axt-dispatch-parallel-loops) run
// here, on the threads the runtime's kernels use.
#include "axtrt/parallel_for.h"

#include "parallel.h"

#include <algorithm>

static_assert(AXTRT_PARALLEL_MIN_ELEMENTS == axtrt::kParallelMinElements,
              "the compiler's and the kernels' thresholds differ");

extern "C" void axtrt_parallel_for(axtrt_loop_range_fn body, void *context,
                                   int64_t begin, int64_t end,
                                   int64_t elements_per_iteration) {
  if (end <= begin)
    return;
  axtrt::forEachRange(end - begin, std::max<int64_t>(elements_per_iteration, 1),
                      [&](int64_t first, int64_t last) {
                        body(context, begin + first, begin + last);
                      });
}
