//===- HostTensor.h - owning host tensors and memref descriptors -*- C++ -*-===//
//
// Plain C++ (no MLIR headers): the runner's buffers, and the descriptors
// that MLIR's C interface expects for them.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_TOOLS_AXTRUN_HOSTTENSOR_H
#define AXT_TOOLS_AXTRUN_HOSTTENSOR_H

#include <cstdint>
#include <string>
#include <vector>

namespace axt {

/// Product of `shape` (1 for a scalar).
int64_t numElements(const std::vector<int64_t> &shape);

/// "64x784" (or "scalar").
std::string formatShape(const std::vector<int64_t> &shape);

/// A dense row-major tensor that owns its elements.
template <typename T> struct HostTensor {
  std::vector<int64_t> shape;
  std::vector<T> data;

  HostTensor() = default;
  explicit HostTensor(std::vector<int64_t> s)
      : shape(std::move(s)), data(numElements(shape)) {}
  int64_t size() const { return static_cast<int64_t>(data.size()); }
};

/// The descriptor of a ranked memref with an identity layout, laid out as
/// MLIR's `StridedMemRefType<T, rank>`: allocated and aligned pointers, the
/// offset, the sizes and the strides, all 64-bit.
class MemRefDescriptor {
public:
  template <typename T>
  explicit MemRefDescriptor(HostTensor<T> &tensor)
      : MemRefDescriptor(tensor.data.data(), tensor.shape) {}
  MemRefDescriptor(void *data, const std::vector<int64_t> &shape);

  /// What a `_mlir_ciface_` function takes for a memref argument.
  void *get() { return words.data(); }

private:
  std::vector<int64_t> words;
};

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_HOSTTENSOR_H
