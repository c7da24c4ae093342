// Splitting a kernel's work over threads of our own.
//
// Why not leave threading to OpenBLAS: the convolution is a series of
// GEMMs, each fed by an im2col on the calling thread. With OpenBLAS's
// threads, every GEMM is a fork/join and the second core reads what the
// first just wrote; on the 2-core target that was slower than one thread.
// Giving each thread its own samples (im2col and a single-threaded GEMM on
// data in its own cache) scales instead.
#include "parallel.h"

#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include <cblas.h>

namespace axtrt {
namespace {

// Held while the BLAS thread count is lowered, so that concurrent callers do
// not restore each other's values.
std::mutex blasThreadsMutex;

} // namespace

bool runOnThreads(int n, const std::function<void(int)> &body) {
  if (n < 2)
    return false;
  std::unique_lock<std::mutex> lock(blasThreadsMutex, std::try_to_lock);
  if (!lock.owns_lock())
    return false;
  const int saved = openblas_get_num_threads();
  openblas_set_num_threads(1);
  std::vector<std::thread> helpers;
  int started = 1;
  try {
    helpers.reserve(size_t(n - 1));
    for (; started < n; ++started)
      helpers.emplace_back(body, started);
  } catch (const std::exception &) {
    // Out of threads or memory: the rest runs here, below.
  }
  body(0);
  for (int i = started; i < n; ++i)
    body(i);
  for (std::thread &t : helpers)
    t.join();
  openblas_set_num_threads(saved);
  return true;
}

} // namespace axtrt
