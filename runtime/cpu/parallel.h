// Splitting a kernel's work over threads of our own.
#ifndef AXTRT_CPU_PARALLEL_H
#define AXTRT_CPU_PARALLEL_H

#include <functional>

namespace axtrt {

// Runs body(0), ..., body(n - 1) concurrently, body(0) on the calling
// thread and the others on helper threads kept for later calls, with BLAS
// limited to one thread meanwhile (each body's BLAS calls run on its own
// core). Returns false without running anything when n < 2 or when another
// call is under way (the BLAS thread count is global state); the caller
// then does the work serially. A part whose helper cannot be started runs
// on the caller afterwards. body must not throw.
bool runOnThreads(int n, const std::function<void(int)> &body);

} // namespace axtrt

#endif // AXTRT_CPU_PARALLEL_H
