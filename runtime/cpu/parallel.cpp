// Splitting a kernel's work over threads of our own.
//
// Why not leave threading to OpenBLAS: the convolution is a series of
// GEMMs, each fed by an im2col on the calling thread. With OpenBLAS's
// threads, every GEMM is a fork/join and the second core reads what the
// first just wrote; on the 2-core target the ResNet-8 convolutions took
// 22 ms that way against 14 ms on one thread. Giving each thread its own
// samples (im2col and a single-threaded GEMM on data in its own cache)
// took 7.9 ms.
#include "parallel.h"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

#include <cblas.h>
#include <unistd.h>

namespace axtrt {
namespace {

// Helper threads that sleep between jobs: starting threads for every call
// costs about 0.1 ms each on the target VM, waking one about 0.015 ms. The
// pool lives as long as the process (its threads end with it): a forked
// child could not even destroy it, since it copies the parent's waiters.
class Pool {
public:
  // Whether this is the process that started the threads.
  bool usable() const { return getpid() == owner; }

  // Runs parts 1..n-1 on helpers and part 0 here. Helpers that cannot be
  // started leave their part to this thread.
  void run(int n, void (*body)(void *, int), void *context) {
    int have;
    {
      std::unique_lock<std::mutex> lock(mutex);
      try {
        while (int(helpers.size()) < n - 1)
          helpers.emplace_back(&Pool::loop, this, int(helpers.size()) + 1,
                               generation);
      } catch (const std::exception &) {
        // Out of threads or memory: use those there are.
      }
      have = std::min<int>(n, int(helpers.size()) + 1);
      job = body;
      jobContext = context;
      jobThreads = have;
      pending = have - 1;
      ++generation;
    }
    wake.notify_all();
    body(context, 0);
    for (int i = have; i < n; ++i)
      body(context, i);
    std::unique_lock<std::mutex> lock(mutex);
    done.wait(lock, [&] { return pending == 0; });
    job = nullptr;
  }

private:
  // Helper `index` runs body(index) of each job after generation `seen`.
  void loop(int index, uint64_t seen) {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      wake.wait(lock, [&] { return generation != seen; });
      seen = generation;
      if (index >= jobThreads)
        continue;
      void (*body)(void *, int) = job;
      void *context = jobContext;
      lock.unlock();
      body(context, index);
      lock.lock();
      if (--pending == 0)
        done.notify_one();
    }
  }

  std::mutex mutex;
  std::condition_variable wake, done;
  std::vector<std::thread> helpers;
  void (*job)(void *, int) = nullptr;
  void *jobContext = nullptr;
  int jobThreads = 0, pending = 0;
  uint64_t generation = 0;
  const pid_t owner = getpid();
};

// Held while the BLAS thread count is lowered and the pool is in use, so
// that concurrent callers neither restore each other's values nor share
// the pool.
std::mutex busy;

} // namespace

bool runOnThreads(int n, void (*body)(void *, int), void *context) {
  if (n < 2)
    return false;
  std::unique_lock<std::mutex> lock(busy, std::try_to_lock);
  if (!lock.owns_lock())
    return false;
  static Pool *pool = new (std::nothrow) Pool; // never destroyed, see Pool
  if (!pool || !pool->usable())
    return false;
  const int saved = openblas_get_num_threads();
  openblas_set_num_threads(1);
  pool->run(n, body, context);
  openblas_set_num_threads(saved);
  return true;
}

} // namespace axtrt
