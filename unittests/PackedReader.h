//===- PackedReader.h - an independent reader of packed buffers -*- C++ -*-===//
//
// Reads the packed format of axtrt/quantize.h bit by bit, from the
// specification, for the tests to check the kernels' bytes against.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_UNITTESTS_PACKEDREADER_H
#define AXT_UNITTESTS_PACKEDREADER_H

#include "axtrt/quantize.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace axt_test {

struct Packed {
  std::vector<uint8_t> bytes;
  int64_t n, group;
  int bits;

  int64_t numGroups() const { return (n + group - 1) / group; }
  int64_t bytesPerGroup() const { return (group * bits + 7) / 8; }
  int64_t count(int64_t g) const { return std::min(group, n - g * group); }
  bool bit(int64_t g, int64_t k) const {
    return (bytes[size_t(g * bytesPerGroup() + k / 8)] >> (k % 8)) & 1;
  }
  int code(int64_t i) const {
    int64_t g = i / group, j = i % group;
    int c = 0;
    for (int t = 0; t < bits; ++t)
      c |= int(bit(g, j * bits + t)) << t;
    return c;
  }
  uint16_t half(int64_t g, int which) const {
    size_t at = size_t(numGroups() * bytesPerGroup() + 4 * g + 2 * which);
    return uint16_t(bytes[at] | bytes[at + 1] << 8);
  }
  uint16_t loBits(int64_t g) const { return half(g, 0); }
  uint16_t stepBits(int64_t g) const { return half(g, 1); }
  float lo(int64_t g) const { return axtrt_f16_to_f32(loBits(g)); }
  float step(int64_t g) const { return axtrt_f16_to_f32(stepBits(g)); }
  int maxCode() const { return (1 << bits) - 1; }
};

} // namespace axt_test

#endif // AXT_UNITTESTS_PACKEDREADER_H
