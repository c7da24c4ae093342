// Per-thread scratch memory for the compute kernels.
#include "scratch.h"

#include <cstdint>
#include <cstdlib>

namespace axtrt {
namespace {

struct Buffer {
  float *data = nullptr;
  std::size_t capacity = 0; // in floats
  ~Buffer() { std::free(data); }
};

thread_local Buffer buffer;

} // namespace

float *scratchFloats(std::size_t n) {
  if (n <= buffer.capacity)
    return buffer.data;
  if (n > SIZE_MAX / sizeof(float) - 16)
    return nullptr;
  // Round up to whole cache lines; grow by at least half so that slowly
  // increasing requests do not reallocate every time.
  std::size_t want = (n + 15) / 16 * 16;
  std::size_t grown = buffer.capacity + buffer.capacity / 2;
  if (grown > want && grown <= SIZE_MAX / sizeof(float))
    want = grown;
  // Free first: the old contents are not kept, and this lowers the peak.
  std::free(buffer.data);
  buffer.data = nullptr;
  buffer.capacity = 0;
  void *p = nullptr;
  if (posix_memalign(&p, 64, want * sizeof(float)) != 0) {
    want = (n + 15) / 16 * 16; // the extra growth may be what failed
    if (posix_memalign(&p, 64, want * sizeof(float)) != 0)
      return nullptr;
  }
  buffer.data = static_cast<float *>(p);
  buffer.capacity = want;
  return buffer.data;
}

} // namespace axtrt
