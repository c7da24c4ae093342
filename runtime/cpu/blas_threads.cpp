// The runtime's thread count. The kernels split their work over threads of
// their own (parallel.h) and call BLAS single-threaded: OpenBLAS's own
// workers spin (sched_yield) for a while after each call, and next to our
// threads they oversubscribed the cores (docs/benchmarks.md, CNN training
// step, has the measurement).
#include "axtrt/matmul.h"

#include "parallel.h"

extern "C" void axtrt_set_num_threads(int n) { axtrt::setKernelThreads(n); }

extern "C" int axtrt_get_num_threads(void) { return axtrt::kernelThreads(); }
