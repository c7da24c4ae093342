//===- HostTensor.cpp - owning host tensors and memref descriptors --------===//
#include "HostTensor.h"

#include <cstring>

using namespace axt;

int64_t axt::numElements(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string axt::formatShape(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? "x" : "") + std::to_string(shape[i]);
  return text;
}

MemRefDescriptor::MemRefDescriptor(void *data,
                                   const std::vector<int64_t> &shape) {
  static_assert(sizeof(void *) == sizeof(int64_t), "64-bit hosts only");
  int64_t pointer;
  std::memcpy(&pointer, &data, sizeof(pointer));
  words = {pointer, pointer, /*offset=*/0};
  words.insert(words.end(), shape.begin(), shape.end());
  std::vector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  words.insert(words.end(), strides.begin(), strides.end());
}
