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
#include <atomic>
#include <chrono>
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

// How long a thread spins for the next job (a helper) or for the helpers
// to finish (the caller) before it sleeps: a training step calls kernels
// back to back, and waking a sleeping thread costs about 0.015 ms, as much
// as a small GEMM. Spinning threads are ours only (BLAS runs
// single-threaded), so they do not crowd out the threads doing the work.
// 2 ms covers the compiled code that runs between two kernels of a step
// (on one thread); with 0.1 ms the helpers slept through it, and LeNet-5's
// step took 4.4 ms instead of 4.15 ms (A/B commands in docs/benchmarks.md,
// CNN training step). The cost is a helper core busy for up to 2 ms after
// the step's last kernel.
constexpr std::chrono::microseconds kSpinTime{2000};

inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

// Spins until done() or kSpinTime has passed; returns done().
template <typename Done> bool spinUntil(Done done) {
  const auto deadline = std::chrono::steady_clock::now() + kSpinTime;
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (done())
        return true;
      cpuRelax();
    }
    if (std::chrono::steady_clock::now() >= deadline)
      return done();
  }
}

// Helper threads that spin, then sleep, between jobs: starting threads for
// every call costs about 0.1 ms each on the target VM. The pool lives as
// long as the process (its threads end with it): a forked child could not
// even destroy it, since it copies the parent's waiters.
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
                               generation.load());
      } catch (const std::exception &) {
        // Out of threads or memory: use those there are.
      }
      have = std::min<int>(n, int(helpers.size()) + 1);
      job = body;
      jobContext = context;
      jobThreads = have;
      pending.store(have - 1);
      generation.fetch_add(1, std::memory_order_release);
    }
    wake.notify_all();
    body(context, 0);
    for (int i = have; i < n; ++i)
      body(context, i);
    if (!spinUntil(
            [&] { return pending.load(std::memory_order_acquire) == 0; })) {
      std::unique_lock<std::mutex> lock(mutex);
      done.wait(lock, [&] { return pending.load() == 0; });
    }
    std::unique_lock<std::mutex> lock(mutex);
    job = nullptr;
  }

private:
  // Helper `index` runs body(index) of each job after generation `seen`.
  void loop(int index, uint64_t seen) {
    for (;;) {
      spinUntil(
          [&] { return generation.load(std::memory_order_acquire) != seen; });
      std::unique_lock<std::mutex> lock(mutex);
      wake.wait(lock, [&] { return generation.load() != seen; });
      seen = generation.load();
      if (index >= jobThreads)
        continue;
      void (*body)(void *, int) = job;
      void *context = jobContext;
      lock.unlock();
      body(context, index);
      // The caller checks `pending` under the mutex before it sleeps, so
      // the notification cannot fall between its check and its wait.
      if (pending.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        std::lock_guard<std::mutex> guard(mutex);
        done.notify_one();
      }
    }
  }

  std::mutex mutex;
  std::condition_variable wake, done;
  std::vector<std::thread> helpers;
  void (*job)(void *, int) = nullptr;
  void *jobContext = nullptr;
  int jobThreads = 0;
  std::atomic<int> pending{0};
  std::atomic<uint64_t> generation{0};
  const pid_t owner = getpid();
};

// Held while the pool is in use, so that concurrent callers do not share
// it.
std::mutex busy;

std::atomic<int> threadCount{0}; // 0: not set yet

int availableCores() {
  int n = openblas_get_num_procs();
  if (n < 1)
    n = int(std::thread::hardware_concurrency());
  return std::max(n, 1);
}

} // namespace

void setKernelThreads(int n) {
  openblas_set_num_threads(1);
  threadCount = n > 0 ? n : availableCores();
}

int kernelThreads() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (threadCount == 0)
      setKernelThreads(0);
  });
  return threadCount;
}

bool runOnThreads(int n, void (*body)(void *, int), void *context) {
  if (n < 2)
    return false;
  std::unique_lock<std::mutex> lock(busy, std::try_to_lock);
  if (!lock.owns_lock())
    return false;
  static Pool *pool = new (std::nothrow) Pool; // never destroyed, see Pool
  if (!pool || !pool->usable())
    return false;
  pool->run(n, body, context);
  return true;
}

} // namespace axtrt
