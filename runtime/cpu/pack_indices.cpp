// Bit packing of small integers (max-pool positions), see pack_indices.h.
#include "axtrt/pack_indices.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <type_traits>

#include "parallel.h"

namespace {

[[noreturn]] void die(const char *entry, const char *message) {
  std::fprintf(stderr, "axtrt: %s: %s\n", entry, message);
  std::abort();
}

template <typename M> auto &at(const M *m, int64_t i) {
  return m->aligned[m->offset + i * m->strides[0]];
}

void check(const char *entry, int64_t n, int32_t bits, int64_t bytes) {
  if (bits < 1 || bits > 16)
    die(entry, "bits must be in [1, 16]");
  if (bytes < axtrt_indices_size_bytes(n, bits))
    die(entry, "packed buffer too small");
}

bool unitStrides(const axtrt_memref1d_i32 *values,
                 const axtrt_memref1d_u8 *bytes) {
  return (values->sizes[0] < 2 || values->strides[0] == 1) &&
         (bytes->sizes[0] < 2 || bytes->strides[0] == 1);
}

// The fast paths: contiguous buffers and bits dividing 8, so that every
// byte holds 8 / bits whole values (max-pool windows of 2, 4, 16 or 256).
// Byte b holds values b * 8 / Bits onwards, the first in its low bits; the
// byte ranges of the threads never share a byte. Only the last byte may
// hold fewer than 8 / Bits values; the others take the loops whose trip
// count is a constant, which the compiler unrolls.
template <int Bits> uint8_t packByte(const int32_t *v, int count) {
  constexpr uint32_t mask = (1u << Bits) - 1;
  uint32_t byte = 0;
  for (int k = 0; k < count; ++k)
    byte |= (static_cast<uint32_t>(v[k]) & mask) << (k * Bits);
  return static_cast<uint8_t>(byte);
}

template <int Bits> void unpackByte(uint32_t byte, int32_t *v, int count) {
  constexpr uint32_t mask = (1u << Bits) - 1;
  for (int k = 0; k < count; ++k)
    v[k] = static_cast<int32_t>((byte >> (k * Bits)) & mask);
}

template <int Bits>
void packBytes(const int32_t *in, int64_t n, uint8_t *out, int64_t first,
               int64_t last) {
  constexpr int perByte = 8 / Bits;
  for (int64_t b = first; b < last; ++b) {
    const int64_t count = std::min<int64_t>(perByte, n - b * perByte);
    const int32_t *v = in + b * perByte;
    out[b] = count == perByte ? packByte<Bits>(v, perByte)
                              : packByte<Bits>(v, int(count));
  }
}

template <int Bits>
void unpackBytes(const uint8_t *in, int64_t n, int32_t *out, int64_t first,
                 int64_t last) {
  constexpr int perByte = 8 / Bits;
  for (int64_t b = first; b < last; ++b) {
    const int64_t count = std::min<int64_t>(perByte, n - b * perByte);
    int32_t *v = out + b * perByte;
    if (count == perByte)
      unpackByte<Bits>(in[b], v, perByte);
    else
      unpackByte<Bits>(in[b], v, int(count));
  }
}

// Calls fn(std::integral_constant<int, bits>()); bits is 1, 2, 4 or 8.
template <typename Fn> void withBits(int32_t bits, Fn fn) {
  switch (bits) {
  case 1:
    return fn(std::integral_constant<int, 1>());
  case 2:
    return fn(std::integral_constant<int, 2>());
  case 4:
    return fn(std::integral_constant<int, 4>());
  default:
    return fn(std::integral_constant<int, 8>());
  }
}

// The bytes of n values split over threads; bits divides 8.
void packWholeBytes(const int32_t *in, int64_t n, int32_t bits, uint8_t *out) {
  axtrt::forEachRange(axtrt_indices_size_bytes(n, bits), 8 / bits,
                      [&](int64_t first, int64_t last) {
                        withBits(bits, [&](auto b) {
                          packBytes<decltype(b)::value>(in, n, out, first,
                                                        last);
                        });
                      });
}

void unpackWholeBytes(const uint8_t *in, int64_t n, int32_t bits,
                      int32_t *out) {
  axtrt::forEachRange(axtrt_indices_size_bytes(n, bits), 8 / bits,
                      [&](int64_t first, int64_t last) {
                        withBits(bits, [&](auto b) {
                          unpackBytes<decltype(b)::value>(in, n, out, first,
                                                          last);
                        });
                      });
}

} // namespace

extern "C" {

int64_t axtrt_indices_size_bytes(int64_t n, int32_t bits) {
  if (n < 0 || bits < 1 || bits > 16)
    return -1;
  return (n * bits + 7) / 8;
}

void _mlir_ciface_axtrt_pack_indices_i32(axtrt_memref1d_i32 *in,
                                         axtrt_memref1d_u8 *out,
                                         int32_t bits) {
  const int64_t n = in->sizes[0], bytes = out->sizes[0];
  check("axtrt_pack_indices_i32", n, bits, bytes);
  if (8 % bits == 0 && unitStrides(in, out)) {
    packWholeBytes(in->aligned + in->offset, n, bits,
                   out->aligned + out->offset);
    return;
  }
  const int64_t used = axtrt_indices_size_bytes(n, bits);
  for (int64_t b = 0; b < used; ++b)
    at(out, b) = 0;
  const uint32_t mask = (1u << bits) - 1;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t v = static_cast<uint32_t>(at(in, i)) & mask;
    for (int64_t bit = i * bits; v; ++bit, v >>= 1)
      at(out, bit / 8) |= static_cast<uint8_t>((v & 1u) << (bit % 8));
  }
}

void _mlir_ciface_axtrt_unpack_indices_i32(axtrt_memref1d_u8 *in,
                                           axtrt_memref1d_i32 *out,
                                           int32_t bits) {
  const int64_t n = out->sizes[0], bytes = in->sizes[0];
  check("axtrt_unpack_indices_i32", n, bits, bytes);
  if (8 % bits == 0 && unitStrides(out, in)) {
    unpackWholeBytes(in->aligned + in->offset, n, bits,
                     out->aligned + out->offset);
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    uint32_t v = 0;
    for (int32_t k = 0; k < bits; ++k) {
      int64_t bit = i * bits + k;
      v |= static_cast<uint32_t>((at(in, bit / 8) >> (bit % 8)) & 1u) << k;
    }
    at(out, i) = static_cast<int32_t>(v);
  }
}

} // extern "C"
