// Strided 4-D views with their own storage, for the convolution kernels'
// tests: any dimension order, padding, offsets and negative strides, with a
// sentinel outside the view to catch stray writes.
#ifndef AXT_UNITTESTS_STRIDEDTENSOR_H
#define AXT_UNITTESTS_STRIDEDTENSOR_H

#include "axtrt/conv.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace strided {

using Dims = std::array<int64_t, 4>;

// Fills storage outside the view, so stray writes are detected.
constexpr float kSentinel = -12345.0f;

// A strided 4-D view into its own storage, like an MLIR memref.
struct Tensor {
  Dims size{}, stride{};
  int64_t offset = 0;
  std::vector<float> storage;

  int64_t index(int64_t i, int64_t j, int64_t k, int64_t l) const {
    return offset + i * stride[0] + j * stride[1] + k * stride[2] +
           l * stride[3];
  }
  float &at(int64_t i, int64_t j, int64_t k, int64_t l) {
    return storage[index(i, j, k, l)];
  }
  float at(int64_t i, int64_t j, int64_t k, int64_t l) const {
    return storage[index(i, j, k, l)];
  }
  int64_t elements() const { return size[0] * size[1] * size[2] * size[3]; }
  template <typename Fn> void forEach(Fn fn) const {
    for (int64_t i = 0; i < size[0]; ++i)
      for (int64_t j = 0; j < size[1]; ++j)
        for (int64_t k = 0; k < size[2]; ++k)
          for (int64_t l = 0; l < size[3]; ++l)
            fn(i, j, k, l);
  }
  axtrt_memref4d_f32 desc() {
    // allocated differs from aligned in real memrefs; the kernel must only
    // use aligned + offset. An empty view may have no storage at all.
    float *data = storage.empty() ? nullptr : storage.data();
    return {nullptr,
            data,
            offset,
            {size[0], size[1], size[2], size[3]},
            {stride[0], stride[1], stride[2], stride[3]}};
  }
};

// Memory layout of a view: the order of its dimensions from outermost to
// innermost in storage, padding after each dimension, a leading offset and
// dimensions stored reversed (negative strides).
struct Layout {
  std::array<int, 4> order{0, 1, 2, 3};
  Dims pad{};
  int64_t offset = 0;
  std::array<bool, 4> reversed{};
};

inline Layout contiguous() { return {}; }

// Builds a view of the given sizes and layout; elements get random values
// in [-1, 1], everything else the sentinel.
inline Tensor makeTensor(const Dims &size, const Layout &layout,
                         std::mt19937 &rng) {
  Tensor t;
  t.size = size;
  int64_t step = 1;
  for (int pos = 3; pos >= 0; --pos) {
    int d = layout.order[pos];
    t.stride[d] = layout.reversed[d] ? -step : step;
    step *= size[d] + layout.pad[d];
  }
  int64_t lo = 0, hi = 0;
  for (int d = 0; d < 4; ++d)
    if (size[d] > 1)
      (t.stride[d] < 0 ? lo : hi) += (size[d] - 1) * t.stride[d];
  t.offset = layout.offset - lo;
  t.storage.assign(size_t(t.offset + hi + 3), kSentinel);
  if (t.elements() == 0 && layout.offset == 0)
    t.storage.clear(); // as for a real empty memref
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  t.forEach([&](int64_t i, int64_t j, int64_t k, int64_t l) {
    t.at(i, j, k, l) = dist(rng);
  });
  return t;
}

inline std::string describe(const char *name, const Tensor &t) {
  std::string s = std::string(name) + "[";
  for (int d = 0; d < 4; ++d)
    s += std::to_string(t.size[d]) + (d < 3 ? "x" : "");
  s += " strides";
  for (int d = 0; d < 4; ++d)
    s += " " + std::to_string(t.stride[d]);
  return s + " offset " + std::to_string(t.offset) + "] ";
}

inline Layout randomLayout(std::mt19937 &rng, bool allowReversed) {
  Layout l;
  std::shuffle(l.order.begin(), l.order.end(), rng);
  for (int d = 0; d < 4; ++d) {
    l.pad[d] = rng() % 3 == 0 ? int64_t(rng() % 4) : 0;
    l.reversed[d] = allowReversed && rng() % 5 == 0;
  }
  l.offset = rng() % 7;
  return l;
}

} // namespace strided

#endif // AXT_UNITTESTS_STRIDEDTENSOR_H
