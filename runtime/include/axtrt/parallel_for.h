/* Loops of JIT-compiled code split over the runtime's threads. */
#ifndef AXTRT_PARALLEL_FOR_H
#define AXTRT_PARALLEL_FOR_H

#include <stdint.h>

#include "axtrt/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Loops of fewer elements run on the calling thread only: below this, the
   work takes less time than handing half of it to another thread. The
   compiler does not outline smaller loops (axt-outline-parallel-loops). */
#define AXTRT_PARALLEL_MIN_ELEMENTS 65536

/* A loop body over the iterations [begin, end). */
typedef void (*axtrt_loop_range_fn)(void *context, int64_t begin, int64_t end);

/* Runs body(context, b, e) over consecutive ranges [b, e) that together
   cover [begin, end) exactly once, one range per kernel thread, or the
   whole range on the calling thread when the loop has fewer than
   AXTRT_PARALLEL_MIN_ELEMENTS elements (`elements_per_iteration` each) or
   the threads are busy. Returns when every range is done. The iterations
   must be independent. */
AXTRT_API void axtrt_parallel_for(axtrt_loop_range_fn body, void *context,
                                  int64_t begin, int64_t end,
                                  int64_t elements_per_iteration);

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_PARALLEL_FOR_H */
