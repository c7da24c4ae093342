/* Compressed saved activations: ActNN-style per-group quantization of f32
   tensors to b-bit codes, and 1-bit masks, for the CPU runtime.

   Quantization of n f32 values (flat, row-major) with b bits, b in
   {1, 2, 3, 4, 8}, and group size G >= 1: consecutive groups of G elements,
   the last one holding n - (numGroups-1)*G elements; B = 2^b - 1.
   Per group, with mn and mx its minimum and maximum:
     lo   = mn as IEEE half (f16), rounded toward -infinity;
     step = the smallest f16 >= (mx - lo)/B, i.e. (mx - lo)/B rounded toward
            +infinity, with lo + B*step >= mx holding exactly (the quotient is
            checked in exact arithmetic, not just as the float quotient);
            step = 0 when mx == mn (a constant group then dequantizes to lo
            exactly: lo is mn itself when mn is an f16, else the f16 just
            below it).
   Element x (flat index i in the whole tensor) gets the code
     v = step == 0 ? 0 : (x - lo) / step          (float arithmetic)
     q = clamp(floor(v + u), 0, B)
   with u = axtrt_random_uniform(seed, stream, i) for stochastic rounding
   (unbiased: E[x^] = x) or u = 0.5 for rounding to nearest. The stochastic
   codes of element i depend only on (seed, stream, i) and its group's
   parameters. Dequantization: x^ = lo + q*step (float arithmetic).

   Non-finite values: a group holding a NaN or an infinity, or whose lo or
   step is not a finite f16 (its range exceeds f16's), or that is constant
   beyond f16's largest value 65504, is invalid: it is stored with
   step = f16 NaN (0x7E00), lo = 0 and all codes 0, and dequantizes to NaN
   for every element, so that the training step's non-finite loss check
   catches it. Other groups are unaffected.

   Packed layout (bytes), total numGroups * (bytesPerGroup + 4):
     codes:  numGroups blocks of bytesPerGroup = ceil(G*b/8) bytes (a partial
             last group still takes a full block). Within a group, code j
             occupies bits [j*b, (j+1)*b) of the group's bit stream, bit k of
             which is bit k % 8 (least significant first) of byte k / 8 of
             the block; so 3-bit codes straddle bytes. Unused bits are 0.
     params: numGroups pairs (lo, step), each a little-endian f16 (2 bytes),
             lo first.
   Masks: bit i (least significant first, in byte i / 8) is x[i] > 0 (NaN
   gives 0); ceil(n/8) bytes, unused bits 0.

   Exact-zero layout (b >= 2; the same bytes and sizes): code 0 is reserved
   for elements equal to zero (+0 or -0), so that the codes also hold the
   mask x != 0. Per group, mn and mx are taken over the non-zero elements,
   lo and step are chosen as above for codes 0 .. B-1, and a non-zero x gets
     q = 1 + clamp(floor(v + u), 0, B - 1),   v as above
   (v = 0 when step == 0: a constant non-zero range gives code 1).
   Dequantization: x^ = q == 0 ? 0 : lo + (q - 1)*step. A group of zeros
   only has lo = step = 0 and all codes 0. Invalid groups are as above (all
   codes 0: their mask is empty; they dequantize to NaN).

   The plain kernels return 0 on success and non-zero, writing nothing, for
   invalid arguments: bits not in {1, 2, 3, 4, 8}, group < 1, n < 0, a null
   pointer while n > 0, rounding not 0 or 1, or a packed size beyond int64.
   Buffers must not overlap. Single-threaded. */
#ifndef AXTRT_QUANTIZE_H
#define AXTRT_QUANTIZE_H

#include <stdint.h>

#include "axtrt/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Rounding modes of axtrt_quantize_f32. */
#define AXTRT_ROUND_STOCHASTIC 0
#define AXTRT_ROUND_NEAREST 1

/* Bytes of the packed buffer for n values; -1 for invalid arguments. */
AXTRT_API int64_t axtrt_packed_size_bytes(int64_t n, int32_t bits,
                                          int64_t group);
/* Bytes of a mask of n values, ceil(n/8); -1 if n < 0. */
AXTRT_API int64_t axtrt_mask_size_bytes(int64_t n);

/* Quantizes x[0..n) into out[0..axtrt_packed_size_bytes(n, bits, group)). */
AXTRT_API int32_t axtrt_quantize_f32(const float *x, int64_t n, int32_t bits,
                                     int64_t group, int32_t rounding,
                                     uint64_t seed, uint64_t stream,
                                     uint8_t *out);
/* Dequantizes a packed buffer of n values into x[0..n). Invalid groups
   (step not a finite f16, or lo not finite) give NaN. */
AXTRT_API int32_t axtrt_dequantize_f32(const uint8_t *in, int64_t n,
                                       int32_t bits, int64_t group, float *x);
/* The same in the exact-zero layout; bits must be at least 2. */
AXTRT_API int32_t axtrt_quantize_exact_zero_f32(const float *x, int64_t n,
                                                int32_t bits, int64_t group,
                                                int32_t rounding,
                                                uint64_t seed, uint64_t stream,
                                                uint8_t *out);
AXTRT_API int32_t axtrt_dequantize_exact_zero_f32(const uint8_t *in,
                                                  int64_t n, int32_t bits,
                                                  int64_t group, float *x);
/* out[i] = 1.0f where the code of element i of an exact-zero packed buffer
   is not 0 (x[i] was non-zero, in a valid group), else 0.0f. */
AXTRT_API int32_t axtrt_unpack_mask_from_codes_f32(const uint8_t *in,
                                                   int64_t n, int32_t bits,
                                                   int64_t group, float *out);
/* out[0..ceil(n/8)) = the mask x > 0. */
AXTRT_API int32_t axtrt_pack_mask_f32(const float *x, int64_t n,
                                      uint8_t *out);
/* out[i] = 1.0f if bit i of the mask is set, else 0.0f. */
AXTRT_API int32_t axtrt_unpack_mask_f32(const uint8_t *in, int64_t n,
                                        float *out);

/* f32 -> f16 rounded toward -infinity / +infinity, and f16 -> f32 (exact).
   Overflow gives the largest finite half or infinity as the direction
   demands (down(70000) = 65504, up(70000) = +inf); NaN gives 0x7E00. */
AXTRT_API uint16_t axtrt_f32_to_f16_down(float x);
AXTRT_API uint16_t axtrt_f32_to_f16_up(float x);
AXTRT_API float axtrt_f16_to_f32(uint16_t h);

/* Same layouts as MLIR's descriptors for memref<?xf32> and memref<?xi8>
   (StridedMemRefType<T, 1>): element i is aligned[offset + i*strides[0]]. */
typedef struct axtrt_memref1d_f32 {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} axtrt_memref1d_f32;

typedef struct axtrt_memref1d_i8 {
  uint8_t *allocated;
  uint8_t *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} axtrt_memref1d_i8;

/* The kernels above through MLIR's C interface (llvm.emit_c_interface), for
   JIT-compiled code. n is the size of the f32 memref; the i8 memref must
   hold at least the packed (or mask) size. Unit strides are the fast path;
   other strides go through a contiguous copy. Invalid arguments or a too
   small i8 buffer print a message to stderr and abort. */
AXTRT_API void _mlir_ciface_axtrt_quantize_f32(axtrt_memref1d_f32 *x,
                                               axtrt_memref1d_i8 *out,
                                               int32_t bits, int64_t group,
                                               int32_t rounding, int64_t seed,
                                               int64_t stream);
AXTRT_API void _mlir_ciface_axtrt_dequantize_f32(axtrt_memref1d_i8 *in,
                                                 axtrt_memref1d_f32 *x,
                                                 int32_t bits, int64_t group);
AXTRT_API void _mlir_ciface_axtrt_quantize_exact_zero_f32(
    axtrt_memref1d_f32 *x, axtrt_memref1d_i8 *out, int32_t bits, int64_t group,
    int32_t rounding, int64_t seed, int64_t stream);
AXTRT_API void _mlir_ciface_axtrt_dequantize_exact_zero_f32(
    axtrt_memref1d_i8 *in, axtrt_memref1d_f32 *x, int32_t bits, int64_t group);
AXTRT_API void _mlir_ciface_axtrt_unpack_mask_from_codes_f32(
    axtrt_memref1d_i8 *in, axtrt_memref1d_f32 *out, int32_t bits,
    int64_t group);
AXTRT_API void _mlir_ciface_axtrt_pack_mask_f32(axtrt_memref1d_f32 *x,
                                                axtrt_memref1d_i8 *out);
AXTRT_API void _mlir_ciface_axtrt_unpack_mask_f32(axtrt_memref1d_i8 *in,
                                                  axtrt_memref1d_f32 *out);

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_QUANTIZE_H */
