// Per-thread scratch memory for the compute kernels.
#ifndef AXTRT_CPU_SCRATCH_H
#define AXTRT_CPU_SCRATCH_H

#include <cstddef>

namespace axtrt {

// Returns a 64-byte aligned buffer of at least n floats owned by the calling
// thread, or nullptr if it cannot be allocated. The buffer is reused (and
// grown as needed) across calls, so a kernel called once per training step
// does not allocate every time; its contents are unspecified and it stays
// valid until the thread's next call. Freed when the thread exits.
float *scratchFloats(std::size_t n);

} // namespace axtrt

#endif // AXTRT_CPU_SCRATCH_H
