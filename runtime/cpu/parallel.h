// Splitting a kernel's work over threads of our own.
#ifndef AXTRT_CPU_PARALLEL_H
#define AXTRT_CPU_PARALLEL_H

#include <algorithm>
#include <cstdint>

namespace axtrt {

// Kernels use threads of their own only above this many multiply-adds:
// waking a helper costs about as much as 0.5 M of them.
constexpr double kParallelMinMacs = 2e6;
// At most this many threads of our own per kernel.
constexpr int kMaxThreads = 64;

// The number of threads kernels may use (at least 1): set by
// setKernelThreads, n <= 0 meaning one per available core (the default).
// The first call of either also makes BLAS single-threaded for good.
int kernelThreads();
void setKernelThreads(int n);

// Memory-bound kernels (bit packing, quantization: a few operations per
// element) use threads of our own only from this many elements on, where
// the work takes longer than handing half of it to a helper.
constexpr int64_t kParallelMinElements = 1 << 16;

// Threads for `work` that splits into `parts` independent parts: 1 below
// `minimum` (in the units of `work`), else as many as the kernels may use
// (at most kMaxThreads), but no more than the parts.
inline int threadsAbove(double work, double minimum, int64_t parts) {
  if (work < minimum || parts < 2)
    return 1;
  return int(std::min<int64_t>(std::min(kernelThreads(), kMaxThreads), parts));
}

// Threads for a kernel of `macs` multiply-adds in `parts` parts.
inline int threadsFor(double macs, int64_t parts) {
  return threadsAbove(macs, kParallelMinMacs, parts);
}

// Runs body(context, 0), ..., body(context, n - 1) concurrently, index 0 on
// the calling thread and the others on helper threads kept for later calls
// (each part's single-threaded BLAS calls run on its own core). Returns
// false without running anything when n < 2 or when another call is using
// the helpers; the caller then does the work serially. A part whose helper
// cannot be started runs on the caller afterwards. Allocates only to start
// helpers (on first use) and never throws; body must not throw.
bool runOnThreads(int n, void (*body)(void *context, int index), void *context);

// The same for a callable taking the index.
template <typename Body> bool runOnThreads(int n, Body &body) {
  return runOnThreads(
      n,
      [](void *context, int index) { (*static_cast<Body *>(context))(index); },
      &body);
}

// Runs body(0), ..., body(n - 1): on threads of our own if it can, else one
// after the other on the calling thread, in index order. Parts that each
// write their own results give the same results either way.
template <typename Body> void runAllParts(int n, Body &body) {
  if (n < 2 || !runOnThreads(n, body))
    for (int i = 0; i < n; ++i)
      body(i);
}

// Runs body(begin, end) over consecutive ranges that cover [0, units), one
// per thread; or body(0, units) once on the calling thread, below
// kParallelMinElements elements (`unitElements` per unit) or when the
// helpers are in use. The ranges only split between units, so a body that
// writes each unit's own results gives the same results either way.
template <typename Body>
void forEachRange(int64_t units, int64_t unitElements, Body &&body) {
  const int threads = threadsAbove(double(units) * double(unitElements),
                                   double(kParallelMinElements), units);
  auto part = [&](int index) {
    body(units * index / threads, units * (index + 1) / threads);
  };
  if (threads < 2 || !runOnThreads(threads, part))
    body(int64_t(0), units);
}

} // namespace axtrt

#endif // AXTRT_CPU_PARALLEL_H
