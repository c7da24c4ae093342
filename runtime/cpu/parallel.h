// Splitting a kernel's work over threads of our own.
#ifndef AXTRT_CPU_PARALLEL_H
#define AXTRT_CPU_PARALLEL_H

namespace axtrt {

// Runs body(context, 0), ..., body(context, n - 1) concurrently, index 0 on
// the calling thread and the others on helper threads kept for later calls,
// with BLAS limited to one thread meanwhile (each part's BLAS calls run on
// its own core). Returns false without running anything when n < 2 or when
// another call is under way (the BLAS thread count is global state); the
// caller then does the work serially. A part whose helper cannot be started
// runs on the caller afterwards. Allocates only to start helpers (on first
// use) and never throws; body must not throw.
bool runOnThreads(int n, void (*body)(void *context, int index), void *context);

// The same for a callable taking the index.
template <typename Body> bool runOnThreads(int n, Body &body) {
  return runOnThreads(
      n,
      [](void *context, int index) { (*static_cast<Body *>(context))(index); },
      &body);
}

} // namespace axtrt

#endif // AXTRT_CPU_PARALLEL_H
