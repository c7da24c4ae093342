/* Small non-negative integers (max-pool argmax positions) packed into a few
   bits each, for the values a training step keeps for its backward pass. */
#ifndef AXTRT_PACK_INDICES_H
#define AXTRT_PACK_INDICES_H

#include <stdint.h>

#include "axtrt/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Layout: value i occupies bits [i*bits, (i+1)*bits) of a bit stream whose
   bit k is bit k % 8 (least significant first) of byte k / 8;
   ceil(n * bits / 8) bytes, unused bits 0. bits is 1 to 16; only the low
   `bits` bits of each value are kept (the compiler packs values it knows to
   be in [0, 2^bits)). */
AXTRT_API int64_t axtrt_indices_size_bytes(int64_t n, int32_t bits);

typedef struct axtrt_memref1d_i32 {
  int32_t *allocated;
  int32_t *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} axtrt_memref1d_i32;

typedef struct axtrt_memref1d_u8 {
  uint8_t *allocated;
  uint8_t *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} axtrt_memref1d_u8;

/* Packs the values of `in` (n = its size) into `out`; any strides. Aborts
   with a message for bits outside [1, 16] or a too small `out`. */
AXTRT_API void _mlir_ciface_axtrt_pack_indices_i32(axtrt_memref1d_i32 *in,
                                                   axtrt_memref1d_u8 *out,
                                                   int32_t bits);
/* Unpacks n = `out`'s size values from `in`. */
AXTRT_API void _mlir_ciface_axtrt_unpack_indices_i32(axtrt_memref1d_u8 *in,
                                                     axtrt_memref1d_i32 *out,
                                                     int32_t bits);

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_PACK_INDICES_H */
