//===- PackIndicesTest.cpp - bit packing of max-pool positions ------------===//
#include "axtrt/pack_indices.h"

#include "axtrt/matmul.h" // axtrt_set_num_threads

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace {

axtrt_memref1d_i32 view(std::vector<int32_t> &v, int64_t stride = 1) {
  return {v.data(), v.data(), 0, {int64_t(v.size()) / stride}, {stride}};
}
axtrt_memref1d_u8 view(std::vector<uint8_t> &v) {
  return {v.data(), v.data(), 0, {int64_t(v.size())}, {1}};
}

TEST(PackIndices, SizeIsCeilOfBits) {
  EXPECT_EQ(axtrt_indices_size_bytes(0, 2), 0);
  EXPECT_EQ(axtrt_indices_size_bytes(4, 2), 1);
  EXPECT_EQ(axtrt_indices_size_bytes(5, 2), 2);
  EXPECT_EQ(axtrt_indices_size_bytes(8, 3), 3);
  EXPECT_EQ(axtrt_indices_size_bytes(3, 16), 6);
  EXPECT_EQ(axtrt_indices_size_bytes(3, 0), -1);
  EXPECT_EQ(axtrt_indices_size_bytes(3, 17), -1);
  EXPECT_EQ(axtrt_indices_size_bytes(-1, 2), -1);
}

TEST(PackIndices, BitLayoutIsLsbFirst) {
  std::vector<int32_t> in{1, 2, 3, 0, 2};
  std::vector<uint8_t> out(2, 0xff);
  auto i = view(in);
  auto o = view(out);
  _mlir_ciface_axtrt_pack_indices_i32(&i, &o, 2);
  // 1 | 2<<2 | 3<<4 | 0<<6 = 0x39; then 2, unused bits cleared.
  EXPECT_EQ(out[0], 0x39);
  EXPECT_EQ(out[1], 0x02);
}

TEST(PackIndices, RoundTripEveryWidthAndStride) {
  for (int32_t bits = 1; bits <= 16; ++bits)
    for (int64_t n : {0, 1, 7, 8, 9, 100, 1001}) {
      std::vector<int32_t> in(2 * n), back(n, -1);
      for (int64_t k = 0; k < 2 * n; ++k)
        in[k] = int32_t((k * 2654435761u) % (1u << bits));
      std::vector<uint8_t> packed(axtrt_indices_size_bytes(n, bits) + 1);
      auto i = view(in, 2); // every other value: a strided view
      auto p = view(packed);
      _mlir_ciface_axtrt_pack_indices_i32(&i, &p, bits);
      auto b = view(back);
      _mlir_ciface_axtrt_unpack_indices_i32(&p, &b, bits);
      for (int64_t k = 0; k < n; ++k)
        ASSERT_EQ(back[k], in[2 * k]) << "bits " << bits << " n " << n;
    }
}

// Contiguous buffers take whole-byte paths for widths dividing 8: they give
// the bytes of the general (strided) path, and unpack them back.
TEST(PackIndices, ContiguousPathsMatchStridedOnes) {
  // Three kernel threads, so that the largest size is split on any machine.
  const int saved = axtrt_get_num_threads();
  axtrt_set_num_threads(3);
  // 400003: large enough to be split over threads.
  for (int32_t bits : {1, 2, 3, 4, 8})
    for (int64_t n : {1, 3, 8, 13, 1001, 400003}) {
      std::vector<int32_t> in(n), spread(2 * n, -7), back(n, -1);
      for (int64_t k = 0; k < n; ++k)
        spread[2 * k] = in[k] = int32_t((k * 40503u + 7) % (1u << bits));
      const int64_t size = axtrt_indices_size_bytes(n, bits);
      std::vector<uint8_t> fast(size, 0xAA), general(size, 0x55);
      auto i = view(in), s = view(spread, 2);
      auto f = view(fast), g = view(general);
      _mlir_ciface_axtrt_pack_indices_i32(&i, &f, bits);
      _mlir_ciface_axtrt_pack_indices_i32(&s, &g, bits);
      ASSERT_EQ(fast, general) << "bits " << bits << " n " << n;
      auto b = view(back);
      _mlir_ciface_axtrt_unpack_indices_i32(&f, &b, bits);
      ASSERT_EQ(back, in) << "bits " << bits << " n " << n;
    }
  axtrt_set_num_threads(saved);
}

TEST(PackIndicesDeathTest, RejectsBadBitsAndSmallBuffers) {
  std::vector<int32_t> in(9, 1);
  std::vector<uint8_t> small(2);
  auto i = view(in);
  auto s = view(small);
  EXPECT_DEATH(_mlir_ciface_axtrt_pack_indices_i32(&i, &s, 2),
               "packed buffer too small");
  EXPECT_DEATH(_mlir_ciface_axtrt_pack_indices_i32(&i, &s, 0),
               "bits must be in");
}

} // namespace
