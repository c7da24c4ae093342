/* Counter-based random numbers: Philox4x32-10 (Salmon, Moraes, Dror & Shaw,
   "Parallel random numbers: as easy as 1, 2, 3", SC 2011).

   AXT keys every random number by (seed, stream, element index), with no
   hidden state, so that generated code and runtime kernels draw the same
   numbers for the same element. Element `index` of stream `stream` under
   `seed` is word `index % 4` of
     philox4x32_10(counter = {block lo, block hi, stream lo, stream hi},
                   key = {seed lo, seed hi}),   block = index / 4,
   and its uniform variate is (word >> 8) * 2^-24, in [0, 1).
   The lowering of axt.dropout builds exactly this computation in IR
   (lib/Conversion/AxtToLinalg/Philox.cpp). */
#ifndef AXTRT_PHILOX_H
#define AXTRT_PHILOX_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The round multipliers, the Weyl key increments and the round count. */
#define AXTRT_PHILOX_M0 0xD2511F53u
#define AXTRT_PHILOX_M1 0xCD9E8D57u
#define AXTRT_PHILOX_W0 0x9E3779B9u
#define AXTRT_PHILOX_W1 0xBB67AE85u
#define AXTRT_PHILOX_ROUNDS 10

/* Philox4x32 with 10 rounds: `out` = the four words for `counter`, `key`. */
static inline void axtrt_philox4x32_10(const uint32_t counter[4],
                                       const uint32_t key[2],
                                       uint32_t out[4]) {
  uint32_t c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3];
  uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < AXTRT_PHILOX_ROUNDS; ++round) {
    uint64_t p0 = (uint64_t)AXTRT_PHILOX_M0 * c0;
    uint64_t p1 = (uint64_t)AXTRT_PHILOX_M1 * c2;
    uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
    uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
    c1 = (uint32_t)p1;
    c3 = (uint32_t)p0;
    c0 = n0;
    c2 = n2;
    k0 += AXTRT_PHILOX_W0;
    k1 += AXTRT_PHILOX_W1;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/* The four random words of block `block` (elements 4*block .. 4*block+3). */
static inline void axtrt_random_block(uint64_t seed, uint64_t stream,
                                      uint64_t block, uint32_t out[4]) {
  const uint32_t counter[4] = {(uint32_t)block, (uint32_t)(block >> 32),
                               (uint32_t)stream, (uint32_t)(stream >> 32)};
  const uint32_t key[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};
  axtrt_philox4x32_10(counter, key, out);
}

/* A 32-bit word as a uniform variate in [0, 1): its top 24 bits, which a
   float holds exactly. */
static inline float axtrt_uniform_from_word(uint32_t word) {
  return (float)(word >> 8) * (1.0f / 16777216.0f);
}

/* The uniform variate of element `index` of `stream` under `seed`. */
static inline float axtrt_random_uniform(uint64_t seed, uint64_t stream,
                                         uint64_t index) {
  uint32_t words[4];
  axtrt_random_block(seed, stream, index / 4, words);
  return axtrt_uniform_from_word(words[index % 4]);
}

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_PHILOX_H */
