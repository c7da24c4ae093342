// Per-group b-bit quantization of f32 tensors and 1-bit masks (compressed
// saved activations); the format is specified in axtrt/quantize.h.
#include "axtrt/quantize.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "axtrt/philox.h"
#include "error.h"
#include "parallel.h"

#if defined(__GNUC__) && defined(__SSE2__) &&                                  \
    (defined(__x86_64__) || defined(__i386__))
#define AXTRT_QUANTIZE_X86 1
#include <immintrin.h>
#else
#define AXTRT_QUANTIZE_X86 0
#endif

// Forces a body into its caller, so that it is compiled for the caller's
// target (the AVX2 kernels below inline the portable loops).
#define AXTRT_INLINE inline __attribute__((always_inline))

namespace axtrt {
namespace {

constexpr uint16_t kHalfInf = 0x7C00;
constexpr uint16_t kHalfNaN = 0x7E00;

// Groups are processed in chunks of this many elements: a multiple of 8, so
// that every chunk starts on a byte boundary of the group's bit stream for
// every b, and small enough for the scratch arrays to stay on the stack.
constexpr int64_t kChunk = 256;

uint32_t bitsOf(float x) {
  uint32_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

float floatOf(uint32_t b) {
  float x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

// The f16 magnitude (15 bits) of the f32 magnitude `abs` (bits, not NaN),
// truncated or rounded away from zero.
uint16_t halfMagnitude(uint32_t abs, bool away) {
  if (abs >= 0x7F800000u)
    return kHalfInf;
  int32_t e = int32_t(abs >> 23);
  uint32_t m = abs & 0x7FFFFFu;
  if (e == 0) // zero or an f32 subnormal, far below f16's smallest 2^-24
    return (away && m != 0) ? 1 : 0;
  int32_t exp = e - 127;
  if (exp > 15)
    return away ? kHalfInf : 0x7BFF;
  uint32_t h, rem;
  if (exp >= -14) { // normal half: keep the top 10 mantissa bits
    h = (uint32_t(exp + 15) << 10) | (m >> 13);
    rem = m & 0x1FFFu;
  } else { // subnormal half: the significand in units of 2^-24
    uint32_t sig = m | 0x800000u;
    int shift = -(exp + 1); // >= 14
    h = shift >= 24 ? 0 : sig >> shift;
    rem = shift >= 24 ? sig : sig & ((1u << shift) - 1);
  }
  // A carry out of the mantissa correctly moves to the next exponent,
  // up to infinity.
  return uint16_t(h + (away && rem != 0 ? 1 : 0));
}

bool halfIsFinite(uint16_t h) { return (h & kHalfInf) != kHalfInf; }

// lo + B*step >= mx, exactly: f16 values are multiples of 2^-24 below 2^16
// and B*step has at most 19 significant bits, so the double sum (a multiple
// of 2^-24 below 2^25) has no rounding error.
bool coversMax(float lo, uint16_t step, int32_t maxCode, float mx) {
  return double(lo) + double(maxCode) * double(axtrt_f16_to_f32(step)) >=
         double(mx);
}

struct GroupParams {
  bool valid;
  uint16_t lo, step;
  float loF, stepF;
  // Whether the range is that of at least one element (not so for an
  // exact-zero group of zeros only).
  bool hasRange;
};

// One pass over the group for min, max and non-finite values, in eight
// lanes of independent accumulators (a single accumulator is a sequential
// reduction the compiler may not reorder): lane l takes the elements j with
// j % 8 == l. A scan sets the lanes from the whole units of 8 elements
// and returns how many elements it took; the lanes then take the rest and
// are reduced in lane order, so that every scan gives the same min and max,
// down to which of -0 and +0 they are.
using ScanFn = int64_t (*)(const float *x, int64_t count, float mnL[8],
                           float mxL[8], uint32_t badL[8]);

AXTRT_INLINE bool isNonFinite(float v) {
  return (bitsOf(v) & 0x7F800000u) == 0x7F800000u;
}

// With SkipZeros, the scans leave out elements equal to zero (either sign):
// the range of an exact-zero group is that of its non-zero elements.
#if !AXTRT_QUANTIZE_X86
template <bool SkipZeros>
int64_t scanPortable(const float *x, int64_t count, float mnL[8], float mxL[8],
                     uint32_t badL[8]) {
  for (int l = 0; l < 8; ++l) {
    mnL[l] = std::numeric_limits<float>::infinity();
    mxL[l] = -std::numeric_limits<float>::infinity();
    badL[l] = 0;
  }
  int64_t j = 0;
  for (; j + 8 <= count; j += 8)
    for (int l = 0; l < 8; ++l) {
      float v = x[j + l];
      if (SkipZeros && v == 0.0f)
        continue;
      mnL[l] = v < mnL[l] ? v : mnL[l];
      mxL[l] = v > mxL[l] ? v : mxL[l];
      badL[l] |= uint32_t(isNonFinite(v));
    }
  return j;
}
#else
// GCC does not vectorize scanPortable (its vector min/max patterns do not
// promise the ternaries' results on signed zeros). minps(v, m) is exactly
// v < m ? v : m and maxps(v, m) is v > m ? v : m, so the lanes hold the
// same values. Zeros to skip are replaced by +inf for the minimum and -inf
// for the maximum, which change neither.
template <bool SkipZeros>
int64_t scanSse2(const float *x, int64_t count, float mnL[8], float mxL[8],
                 uint32_t badL[8]) {
  const float inf = std::numeric_limits<float>::infinity();
  __m128 mn0 = _mm_set1_ps(inf), mn1 = mn0;
  __m128 mx0 = _mm_set1_ps(-inf), mx1 = mx0;
  __m128i bad0 = _mm_setzero_si128(), bad1 = bad0;
  const __m128i expMask = _mm_set1_epi32(0x7F800000);
  int64_t j = 0;
  for (; j + 8 <= count; j += 8) {
    const __m128 a = _mm_loadu_ps(x + j), b = _mm_loadu_ps(x + j + 4);
    if constexpr (SkipZeros) {
      const __m128 zero = _mm_setzero_ps(), pinf = _mm_set1_ps(inf),
                   ninf = _mm_set1_ps(-inf);
      const __m128 za = _mm_cmpeq_ps(a, zero), zb = _mm_cmpeq_ps(b, zero);
      auto select = [](__m128 z, __m128 ifZero, __m128 v) {
        return _mm_or_ps(_mm_and_ps(z, ifZero), _mm_andnot_ps(z, v));
      };
      mn0 = _mm_min_ps(select(za, pinf, a), mn0);
      mn1 = _mm_min_ps(select(zb, pinf, b), mn1);
      mx0 = _mm_max_ps(select(za, ninf, a), mx0);
      mx1 = _mm_max_ps(select(zb, ninf, b), mx1);
    } else {
      mn0 = _mm_min_ps(a, mn0);
      mn1 = _mm_min_ps(b, mn1);
      mx0 = _mm_max_ps(a, mx0);
      mx1 = _mm_max_ps(b, mx1);
    }
    const __m128i ea = _mm_and_si128(_mm_castps_si128(a), expMask);
    const __m128i eb = _mm_and_si128(_mm_castps_si128(b), expMask);
    bad0 = _mm_or_si128(bad0, _mm_cmpeq_epi32(ea, expMask));
    bad1 = _mm_or_si128(bad1, _mm_cmpeq_epi32(eb, expMask));
  }
  _mm_storeu_ps(mnL, mn0);
  _mm_storeu_ps(mnL + 4, mn1);
  _mm_storeu_ps(mxL, mx0);
  _mm_storeu_ps(mxL + 4, mx1);
  _mm_storeu_si128(reinterpret_cast<__m128i *>(badL), bad0);
  _mm_storeu_si128(reinterpret_cast<__m128i *>(badL + 4), bad1);
  return j;
}

// The same with one register per accumulator. A value is non-finite iff
// its magnitude bits are at least those of infinity, so an unsigned
// maximum of them replaces the compare-and-or.
template <bool SkipZeros>
__attribute__((target("avx2"))) int64_t scanAvx2(const float *x, int64_t count,
                                                 float mnL[8], float mxL[8],
                                                 uint32_t badL[8]) {
  const float inf = std::numeric_limits<float>::infinity();
  __m256 mn = _mm256_set1_ps(inf), mx = _mm256_set1_ps(-inf);
  __m256i mag = _mm256_setzero_si256();
  const __m256i absMask = _mm256_set1_epi32(0x7FFFFFFF);
  int64_t j = 0;
  for (; j + 8 <= count; j += 8) {
    const __m256 v = _mm256_loadu_ps(x + j);
    if constexpr (SkipZeros) {
      const __m256 z = _mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_EQ_OQ);
      mn = _mm256_min_ps(_mm256_blendv_ps(v, _mm256_set1_ps(inf), z), mn);
      mx = _mm256_max_ps(_mm256_blendv_ps(v, _mm256_set1_ps(-inf), z), mx);
    } else {
      mn = _mm256_min_ps(v, mn);
      mx = _mm256_max_ps(v, mx);
    }
    mag = _mm256_max_epu32(mag,
                           _mm256_and_si256(_mm256_castps_si256(v), absMask));
  }
  _mm256_storeu_ps(mnL, mn);
  _mm256_storeu_ps(mxL, mx);
  uint32_t magL[8];
  _mm256_storeu_si256(reinterpret_cast<__m256i *>(magL), mag);
  for (int l = 0; l < 8; ++l)
    badL[l] = uint32_t(magL[l] >= 0x7F800000u);
  return j;
}
#endif

// The group's lo and step over codes 0 .. maxCode; with skipZeros over its
// non-zero elements only, `scan` skipping zeros too.
GroupParams chooseParams(const float *x, int64_t count, int32_t maxCode,
                         ScanFn scan, bool skipZeros) {
  float mnL[8], mxL[8];
  uint32_t badL[8];
  int64_t j = scan(x, count, mnL, mxL, badL);
  for (int l = 0; j < count; ++j, ++l) {
    float v = x[j];
    if (skipZeros && v == 0.0f)
      continue;
    mnL[l] = v < mnL[l] ? v : mnL[l];
    mxL[l] = v > mxL[l] ? v : mxL[l];
    badL[l] |= uint32_t(isNonFinite(v));
  }
  float mn = mnL[0], mx = mxL[0];
  uint32_t bad = badL[0];
  for (int l = 1; l < 8; ++l) {
    mn = std::min(mn, mnL[l]);
    mx = std::max(mx, mxL[l]);
    bad |= badL[l];
  }
  const GroupParams invalid{false, 0, kHalfNaN, 0.0f, 0.0f, false};
  if (bad)
    return invalid;
  if (mn > mx) // nothing but zeros to skip
    return {true, 0, 0, 0.0f, 0.0f, false};
  uint16_t lo = axtrt_f32_to_f16_down(mn);
  if (!halfIsFinite(lo))
    return invalid;
  float loF = axtrt_f16_to_f32(lo);
  uint16_t step = 0;
  if (mx == mn) {
    // step = 0 would silently clamp a constant beyond 65504 to 65504.
    if (!halfIsFinite(axtrt_f32_to_f16_up(mn)))
      return invalid;
  } else {
    // The float estimate never overshoots (B*h is a float for every half h,
    // and rounding is monotone), but it may fall short by rounding
    // mx - lo down, e.g. mx = 3 - 2^-22, lo = -5*2^-24 at B = 3.
    step = axtrt_f32_to_f16_up((mx - loF) / float(maxCode));
    while (step < kHalfInf && !coversMax(loF, step, maxCode, mx))
      ++step;
    if (!halfIsFinite(step))
      return invalid;
  }
  return {true, lo, step, loF, axtrt_f16_to_f32(step), true};
}

// Philox blocks per step of the generators below.
constexpr int kStepBlocks = 32;

// Uniform variates of the 4*kStepBlocks*steps elements from 4*block on.
using UniformsFn = void (*)(uint64_t seed, uint64_t stream, uint64_t block,
                            int64_t steps, float *u);

#if !AXTRT_QUANTIZE_X86
void uniformsScalar(uint64_t seed, uint64_t stream, uint64_t block,
                    int64_t steps, float *u) {
  for (int64_t b = 0; b < kStepBlocks * steps; ++b) {
    uint32_t words[4];
    axtrt_random_block(seed, stream, block + uint64_t(b), words);
    for (int w = 0; w < 4; ++w)
      u[4 * b + w] = axtrt_uniform_from_word(words[w]);
  }
}
#else
// Philox4x32-10 with one block per 128-bit lane, as {c0, c1, c2, c3}: the
// even-lane multiply gives the 64-bit products p0 = M0*c0 in words 0-1 and
// p1 = M1*c2 in words 2-3; reversing the words gives {hi p1, lo p1, hi p0,
// lo p0}, and the 64-bit shift gives {c1, 0, c3, 0}, so one round is
//   c = reverse(mul(c, M)) ^ (c >> 32) ^ {k0, 0, k1, 0}.
// A round's operations depend on each other, so 8 registers run at once
// to keep the vector units busy.
// The uniforms: word >> 8 is below 2^24, so the conversion is exact.
void uniformsSse2(uint64_t seed, uint64_t stream, uint64_t block, int64_t steps,
                  float *u) {
  const __m128i mult =
      _mm_set_epi32(0, int(AXTRT_PHILOX_M1), 0, int(AXTRT_PHILOX_M0));
  const __m128i weyl =
      _mm_set_epi32(0, int(AXTRT_PHILOX_W1), 0, int(AXTRT_PHILOX_W0));
  const __m128i key0 = _mm_set_epi32(0, int(seed >> 32), 0, int(seed));
  const __m128 scale = _mm_set1_ps(1.0f / 16777216.0f);
  for (int64_t s = 0; s < steps * kStepBlocks / 8; ++s, block += 8, u += 32) {
    __m128i c[8];
    for (int i = 0; i < 8; ++i)
      c[i] = _mm_set_epi64x(int64_t(stream), int64_t(block + uint64_t(i)));
    __m128i key = key0;
    for (int r = 0; r < AXTRT_PHILOX_ROUNDS; ++r) {
      for (int i = 0; i < 8; ++i) {
        const __m128i p = _mm_mul_epu32(c[i], mult);
        c[i] = _mm_xor_si128(_mm_shuffle_epi32(p, 0x1B),
                             _mm_xor_si128(_mm_srli_epi64(c[i], 32), key));
      }
      key = _mm_add_epi32(key, weyl);
    }
    for (int i = 0; i < 8; ++i)
      _mm_storeu_ps(
          u + 4 * i,
          _mm_mul_ps(_mm_cvtepi32_ps(_mm_srli_epi32(c[i], 8)), scale));
  }
}

// The same with two blocks per 256-bit register.
__attribute__((target("avx2"))) void uniformsAvx2(uint64_t seed,
                                                  uint64_t stream,
                                                  uint64_t block, int64_t steps,
                                                  float *u) {
  const __m256i mult =
      _mm256_set_epi32(0, int(AXTRT_PHILOX_M1), 0, int(AXTRT_PHILOX_M0), 0,
                       int(AXTRT_PHILOX_M1), 0, int(AXTRT_PHILOX_M0));
  const __m256i weyl =
      _mm256_set_epi32(0, int(AXTRT_PHILOX_W1), 0, int(AXTRT_PHILOX_W0), 0,
                       int(AXTRT_PHILOX_W1), 0, int(AXTRT_PHILOX_W0));
  const __m256i key0 = _mm256_set_epi32(0, int(seed >> 32), 0, int(seed), 0,
                                        int(seed >> 32), 0, int(seed));
  const __m256 scale = _mm256_set1_ps(1.0f / 16777216.0f);
  for (int64_t s = 0; s < steps * kStepBlocks / 16; ++s, block += 16, u += 64) {
    __m256i c[8];
    for (int i = 0; i < 8; ++i)
      c[i] = _mm256_set_epi64x(int64_t(stream), int64_t(block + 2 * i + 1),
                               int64_t(stream), int64_t(block + 2 * i));
    __m256i key = key0;
    for (int r = 0; r < AXTRT_PHILOX_ROUNDS; ++r) {
      for (int i = 0; i < 8; ++i) {
        const __m256i p = _mm256_mul_epu32(c[i], mult);
        c[i] = _mm256_xor_si256(
            _mm256_shuffle_epi32(p, 0x1B),
            _mm256_xor_si256(_mm256_srli_epi64(c[i], 32), key));
      }
      key = _mm256_add_epi32(key, weyl);
    }
    for (int i = 0; i < 8; ++i)
      _mm256_storeu_ps(
          u + 8 * i,
          _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_srli_epi32(c[i], 8)), scale));
  }
}

// The same with four blocks per 512-bit register and a three-way XOR.
// GCC 12 warns about its own AVX-512 intrinsics (their deliberately
// undefined pass-through operands, GCC bug 105593).
#if !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
__attribute__((target("avx512f"))) void
uniformsAvx512(uint64_t seed, uint64_t stream, uint64_t block, int64_t steps,
               float *u) {
  const __m512i mult =
      _mm512_set4_epi32(0, int(AXTRT_PHILOX_M1), 0, int(AXTRT_PHILOX_M0));
  const __m512i weyl =
      _mm512_set4_epi32(0, int(AXTRT_PHILOX_W1), 0, int(AXTRT_PHILOX_W0));
  const __m512i key0 = _mm512_set4_epi32(0, int(seed >> 32), 0, int(seed));
  const __m512 scale = _mm512_set1_ps(1.0f / 16777216.0f);
  static_assert(kStepBlocks == 32, "8 registers of 4 blocks");
  for (int64_t s = 0; s < steps; ++s, block += 32, u += 128) {
    __m512i c[8];
    for (int i = 0; i < 8; ++i)
      c[i] = _mm512_set_epi64(int64_t(stream), int64_t(block + 4 * i + 3),
                              int64_t(stream), int64_t(block + 4 * i + 2),
                              int64_t(stream), int64_t(block + 4 * i + 1),
                              int64_t(stream), int64_t(block + 4 * i));
    __m512i key = key0;
    for (int r = 0; r < AXTRT_PHILOX_ROUNDS; ++r) {
      for (int i = 0; i < 8; ++i) {
        const __m512i p = _mm512_mul_epu32(c[i], mult);
        // 0x96 is the truth table of a ^ b ^ c.
        c[i] =
            _mm512_ternarylogic_epi32(_mm512_shuffle_epi32(p, _MM_PERM_ABCD),
                                      _mm512_srli_epi64(c[i], 32), key, 0x96);
      }
      key = _mm512_add_epi32(key, weyl);
    }
    for (int i = 0; i < 8; ++i)
      _mm512_storeu_ps(
          u + 16 * i,
          _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_srli_epi32(c[i], 8)), scale));
  }
}
#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

// Uniform variates of consecutive flat indices. quantize asks for them in
// increasing order, so variates generated past a request are kept for the
// next one: each Philox block is drawn once even when groups or chunks
// split it.
class Uniforms {
public:
  Uniforms(uint64_t seed, uint64_t stream, UniformsFn gen)
      : seed_(seed), stream_(stream), gen_(gen) {}

  // The variates of elements first .. first+count-1, count <= kChunk.
  const float *get(uint64_t first, int64_t count) {
    const uint64_t last = first + uint64_t(count);
    if (first < begin_ || first > end_) {
      begin_ = end_ = first & ~uint64_t(3);
    } else if (last > end_) { // drop what lies before first's block
      const uint64_t keep = first & ~uint64_t(3);
      std::memmove(buf_, buf_ + (keep - begin_),
                   size_t(end_ - keep) * sizeof(float));
      begin_ = keep;
    }
    if (last > end_) {
      const uint64_t perStep = 4 * kStepBlocks;
      const uint64_t steps = (last - end_ + perStep - 1) / perStep;
      gen_(seed_, stream_, end_ / 4, int64_t(steps), buf_ + (end_ - begin_));
      end_ += perStep * steps;
    }
    return buf_ + (first - begin_);
  }

private:
  uint64_t seed_, stream_;
  UniformsFn gen_;
  uint64_t begin_ = 0, end_ = 0; // buf_ holds the variates of [begin_, end_)
  // At most 3 elements before a request, the request and less than one
  // step after it.
  float buf_[kChunk + 3 + 4 * kStepBlocks];
};

// Codes of one chunk. v >= 0 because x >= mn >= lo and float subtraction
// is monotone, so truncation is floor; clamping first keeps the conversion
// in range (and floor(clamp(t)) == clamp(floor(t)) for an integer bound).
// ExactZero: zeros get code 0 and the others 1 + their code over
// 0 .. maxCode (v >= 0 holds for them, the range being theirs).
template <bool Stochastic, bool ExactZero>
AXTRT_INLINE void computeCodes(const float *x, const float *u, int64_t count,
                               float lo, float step, float maxCode,
                               uint8_t *q) {
  for (int64_t j = 0; j < count; ++j) {
    float v = (x[j] - lo) / step;
    float t;
    if constexpr (Stochastic)
      t = v + u[j];
    else
      t = v + 0.5f;
    t = t > maxCode ? maxCode : t;
    t = t < 0.0f ? 0.0f : t;
    if constexpr (ExactZero)
      q[j] = x[j] == 0.0f ? uint8_t(0) : uint8_t(1 + int32_t(t));
    else
      q[j] = uint8_t(int32_t(t));
  }
}

// Packs count codes (a multiple of 8) into count*bits/8 bytes.
AXTRT_INLINE void packCodes(const uint8_t *q, int64_t count, int32_t bits,
                            uint8_t *out) {
  int64_t bytes = count / 8 * bits;
  switch (bits) {
  case 8:
    std::memcpy(out, q, size_t(bytes));
    return;
  case 4:
    for (int64_t j = 0; j < bytes; ++j)
      out[j] = uint8_t(q[2 * j] | q[2 * j + 1] << 4);
    return;
  case 2:
    for (int64_t j = 0; j < bytes; ++j)
      out[j] = uint8_t(q[4 * j] | q[4 * j + 1] << 2 | q[4 * j + 2] << 4 |
                       q[4 * j + 3] << 6);
    return;
  case 1:
    for (int64_t j = 0; j < bytes; ++j) {
      const uint8_t *c = q + 8 * j;
      out[j] = uint8_t(c[0] | c[1] << 1 | c[2] << 2 | c[3] << 3 | c[4] << 4 |
                       c[5] << 5 | c[6] << 6 | c[7] << 7);
    }
    return;
  default: // 3 bits: 8 codes make `bits` whole bytes
    for (int64_t unit = 0; unit < count / 8; ++unit) {
      uint64_t w = 0;
      for (int t = 0; t < 8; ++t)
        w |= uint64_t(q[8 * unit + t]) << (t * bits);
      for (int b = 0; b < bits; ++b)
        out[unit * bits + b] = uint8_t(w >> (8 * b));
    }
  }
}

// Packs the codes of one chunk of len <= kChunk elements into
// ceil(len/8)*bits bytes of `packed`; u holds the chunk's uniform variates,
// or is null for rounding to nearest. With exactZero, code 0 is for zeros
// (and step may be +inf: a constant non-zero range, all codes 1).
using EncodeFn = void (*)(const float *x, const float *u, int64_t len, float lo,
                          float step, int32_t bits, bool exactZero,
                          uint8_t *packed);

AXTRT_INLINE void encodeChunkBody(const float *x, const float *u, int64_t len,
                                  float lo, float step, int32_t bits,
                                  bool exactZero, uint8_t *packed) {
  uint8_t q[kChunk];
  const float maxCode = float((1 << bits) - 1 - (exactZero ? 1 : 0));
  if (exactZero && u)
    computeCodes<true, true>(x, u, len, lo, step, maxCode, q);
  else if (exactZero)
    computeCodes<false, true>(x, nullptr, len, lo, step, maxCode, q);
  else if (u)
    computeCodes<true, false>(x, u, len, lo, step, maxCode, q);
  else
    computeCodes<false, false>(x, nullptr, len, lo, step, maxCode, q);
  // Zero codes pad the chunk to whole bytes, giving zero unused bits.
  const int64_t padded = (len + 7) / 8 * 8;
  std::fill(q + len, q + padded, uint8_t(0));
  packCodes(q, padded, bits, packed);
}

void encodeChunk(const float *x, const float *u, int64_t len, float lo,
                 float step, int32_t bits, bool exactZero, uint8_t *packed) {
  encodeChunkBody(x, u, len, lo, step, bits, exactZero, packed);
}

#if AXTRT_QUANTIZE_X86
// encodeChunkBody 32 elements at a time, packing in registers. The clamps
// are minps(t, B) and maxps(t, 0): t is never NaN (x, lo and step are
// finite, step > 0), and they differ from the ternaries only in which of
// equal values (or of -0 and +0) they return, which converts to the same
// code. The codes are in [0, 255], so the saturating packs are exact; they
// work within 128-bit halves, and the permutation restores the order.
// 3-bit codes, which straddle bytes, and the last len % 32 elements take
// the portable loops (32 codes fill whole bytes for every b). ExactZero:
// 1 is added to the clamped t, and zeros' t replaced by 0.
template <bool Stochastic, bool ExactZero>
__attribute__((target("avx2"))) void
encodeAvx2(const float *x, const float *u, int64_t len, float lo, float step,
           int32_t bits, uint8_t *packed) {
  const __m256 lov = _mm256_set1_ps(lo), stepv = _mm256_set1_ps(step);
  const __m256 maxv =
      _mm256_set1_ps(float((1 << bits) - 1 - (ExactZero ? 1 : 0)));
  const __m256 zero = _mm256_setzero_ps(), half = _mm256_set1_ps(0.5f);
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  int64_t j = 0;
  for (; bits != 3 && j + 32 <= len; j += 32) {
    __m256i c[4];
    for (int k = 0; k < 4; ++k) {
      const __m256 xv = _mm256_loadu_ps(x + j + 8 * k);
      const __m256 v = _mm256_div_ps(_mm256_sub_ps(xv, lov), stepv);
      __m256 t;
      if constexpr (Stochastic)
        t = _mm256_add_ps(v, _mm256_loadu_ps(u + j + 8 * k));
      else
        t = _mm256_add_ps(v, half);
      t = _mm256_max_ps(_mm256_min_ps(t, maxv), zero);
      if constexpr (ExactZero)
        t = _mm256_andnot_ps(_mm256_cmp_ps(xv, zero, _CMP_EQ_OQ),
                             _mm256_add_ps(t, one));
      c[k] = _mm256_cvttps_epi32(t);
    }
    const __m256i q = _mm256_permutevar8x32_epi32(
        _mm256_packus_epi16(_mm256_packs_epi32(c[0], c[1]),
                            _mm256_packs_epi32(c[2], c[3])),
        order);
    uint8_t *o = packed + j / 8 * bits;
    switch (bits) {
    case 8:
      _mm256_storeu_si256(reinterpret_cast<__m256i *>(o), q);
      break;
    case 4: { // pairs q0 + 16*q1 as 16-bit words, then narrowed to bytes
      const __m256i w = _mm256_maddubs_epi16(q, _mm256_set1_epi16(0x1001));
      _mm_storeu_si128(reinterpret_cast<__m128i *>(o),
                       _mm_packus_epi16(_mm256_castsi256_si128(w),
                                        _mm256_extracti128_si256(w, 1)));
      break;
    }
    case 2: { // pairs q0 + 4*q1, then pairs of those w0 + 16*w1
      const __m256i w = _mm256_maddubs_epi16(q, _mm256_set1_epi16(0x0401));
      const __m256i d = _mm256_madd_epi16(w, _mm256_set1_epi32(0x00100001));
      const __m128i h = _mm_packs_epi32(_mm256_castsi256_si128(d),
                                        _mm256_extracti128_si256(d, 1));
      _mm_storel_epi64(reinterpret_cast<__m128i *>(o), _mm_packus_epi16(h, h));
      break;
    }
    default: { // 1 bit: each code's bit moved to its byte's sign bit
      const int m = _mm256_movemask_epi8(_mm256_slli_epi16(q, 7));
      for (int b = 0; b < 4; ++b)
        o[b] = uint8_t(uint32_t(m) >> (8 * b));
    }
    }
  }
  if (j < len)
    encodeChunkBody(x + j, Stochastic ? u + j : nullptr, len - j, lo, step,
                    bits, ExactZero, packed + j / 8 * bits);
}

__attribute__((target("avx2"))) void
encodeChunkAvx2(const float *x, const float *u, int64_t len, float lo,
                float step, int32_t bits, bool exactZero, uint8_t *packed) {
  if (exactZero && u)
    encodeAvx2<true, true>(x, u, len, lo, step, bits, packed);
  else if (exactZero)
    encodeAvx2<false, true>(x, nullptr, len, lo, step, bits, packed);
  else if (u)
    encodeAvx2<true, false>(x, u, len, lo, step, bits, packed);
  else
    encodeAvx2<false, false>(x, nullptr, len, lo, step, bits, packed);
}
#endif

struct Kernels {
  ScanFn scan, scanNonzero;
  UniformsFn uniforms;
  EncodeFn encode;
};

// The library is built for the baseline ISA (SSE2 on x86-64); AVX2 and
// AVX-512 kernels are chosen at run time. All of them give the same bytes.
Kernels selectKernels() {
#if AXTRT_QUANTIZE_X86
  __builtin_cpu_init();
  if (!__builtin_cpu_supports("avx2"))
    return {scanSse2<false>, scanSse2<true>, uniformsSse2, encodeChunk};
  if (__builtin_cpu_supports("avx512f"))
    return {scanAvx2<false>, scanAvx2<true>, uniformsAvx512, encodeChunkAvx2};
  return {scanAvx2<false>, scanAvx2<true>, uniformsAvx2, encodeChunkAvx2};
#else
  return {scanPortable<false>, scanPortable<true>, uniformsScalar,
          encodeChunk};
#endif
}

struct Layout {
  int64_t numGroups, bytesPerGroup, total;
};

bool validBits(int32_t bits) {
  return bits == 1 || bits == 2 || bits == 3 || bits == 4 || bits == 8;
}

// The packed layout, or false if its size exceeds int64.
bool layoutOf(int64_t n, int32_t bits, int64_t group, Layout &layout) {
  const int64_t maxI64 = std::numeric_limits<int64_t>::max();
  layout.numGroups = n / group + (n % group != 0);
  // ceil(group*bits/8) without overflowing group*bits.
  layout.bytesPerGroup = group / 8 * bits + ((group % 8) * bits + 7) / 8;
  if (layout.numGroups > 0 &&
      layout.bytesPerGroup > maxI64 / layout.numGroups - 4)
    return false;
  layout.total = layout.numGroups * (layout.bytesPerGroup + 4);
  return true;
}

int checkArgs(const void *a, const void *b, int64_t n, int32_t bits,
              int64_t group, Layout &layout, char *err, size_t errlen) {
  if (n < 0)
    return fail(err, errlen, "invalid argument: n = %lld < 0", (long long)n);
  if (!validBits(bits))
    return fail(err, errlen, "invalid argument: bits = %d not in {1,2,3,4,8}",
                int(bits));
  if (group < 1)
    return fail(err, errlen, "invalid argument: group = %lld < 1",
                (long long)group);
  if (n > 0 && (!a || !b))
    return fail(err, errlen, "invalid argument: null buffer");
  if (!layoutOf(n, bits, group, layout))
    return fail(err, errlen, "invalid argument: packed size exceeds int64");
  return 0;
}

void storeHalf(uint8_t *p, uint16_t h) {
  p[0] = uint8_t(h);
  p[1] = uint8_t(h >> 8);
}

uint16_t loadHalf(const uint8_t *p) { return uint16_t(p[0] | p[1] << 8); }

// What every group of one quantize call shares.
struct Encoding {
  const float *x;
  int64_t n, group;
  int32_t bits, maxCode;
  bool exactZero, stochastic;
  int64_t bytesPerGroup;
  const Kernels *kernels;
  uint8_t *out, *params;
};

// Quantizes group g into its block and its two parameters; `uniforms` is
// the calling thread's generator, `packed` its scratch of kChunk bytes.
void quantizeGroup(const Encoding &e, int64_t g, Uniforms &uniforms,
                   uint8_t *packed) {
  const int64_t start = g * e.group, count = std::min(e.group, e.n - start);
  const int64_t bpg = e.bytesPerGroup;
  const int32_t bits = e.bits;
  uint8_t *codes = e.out + g * bpg;
  GroupParams p = chooseParams(
      e.x + start, count, e.maxCode,
      e.exactZero ? e.kernels->scanNonzero : e.kernels->scan, e.exactZero);
  storeHalf(e.params + 4 * g, p.lo);
  storeHalf(e.params + 4 * g + 2, p.step);
  // A constant exact-zero range still needs its zeros told apart: with
  // step = +inf every non-zero element's v is 0, its code 1.
  const float stepF = (e.exactZero && p.step == 0)
                          ? std::numeric_limits<float>::infinity()
                          : p.stepF;
  int64_t written = 0;
  if (p.valid && p.hasRange && (e.exactZero || p.step != 0)) {
    for (int64_t c = 0; c < count; c += kChunk) {
      const int64_t len = std::min(kChunk, count - c);
      const float *u =
          e.stochastic ? uniforms.get(uint64_t(start + c), len) : nullptr;
      const int64_t offset = c / 8 * bits;
      const int64_t full = (len + 7) / 8 * bits;
      // The padding of a group's last chunk may not fit in its block.
      if (full <= bpg - offset) {
        e.kernels->encode(e.x + start + c, u, len, p.loF, stepF, bits,
                          e.exactZero, codes + offset);
        written = offset + full;
      } else {
        e.kernels->encode(e.x + start + c, u, len, p.loF, stepF, bits,
                          e.exactZero, packed);
        std::memcpy(codes + offset, packed, size_t(bpg - offset));
        written = bpg;
      }
    }
  }
  // Invalid and constant groups have all codes 0 (but exact-zero ones
  // with non-zero elements); so do the bytes of a partial last group past
  // its elements.
  if (written < bpg)
    std::memset(codes + written, 0, size_t(bpg - written));
}

int quantize(const float *x, int64_t n, int32_t bits, int64_t group,
             bool exactZero, int32_t rounding, uint64_t seed, uint64_t stream,
             uint8_t *out, char *err, size_t errlen) {
  Layout layout{};
  if (int rc = checkArgs(x, out, n, bits, group, layout, err, errlen))
    return rc;
  if (rounding != AXTRT_ROUND_STOCHASTIC && rounding != AXTRT_ROUND_NEAREST)
    return fail(err, errlen, "invalid argument: rounding = %d", int(rounding));
  if (exactZero && bits < 2)
    return fail(err, errlen, "invalid argument: exact zero needs bits >= 2");
  static const Kernels kernels = selectKernels();
  const int64_t bpg = layout.bytesPerGroup;
  // Exact zero: the non-zero elements' range spans codes 1 .. 2^b - 1.
  const Encoding e{x,
                   n,
                   group,
                   bits,
                   (1 << bits) - 1 - (exactZero ? 1 : 0),
                   exactZero,
                   rounding == AXTRT_ROUND_STOCHASTIC,
                   bpg,
                   &kernels,
                   out,
                   out + layout.numGroups * bpg};
  // Groups are independent, and each element's variate depends only on its
  // index: any split of the groups gives the same codes.
  forEachRange(layout.numGroups, group, [&](int64_t first, int64_t last) {
    Uniforms uniforms(seed, stream, kernels.uniforms);
    uint8_t packed[kChunk];
    for (int64_t g = first; g < last; ++g)
      quantizeGroup(e, g, uniforms, packed);
  });
  return 0;
}

// What a decoder writes for code q of a group with parameters lo, step.
enum class Decode { Plain, ExactZero, Mask };

AXTRT_INLINE float decodedValue(Decode mode, uint32_t q, float lo,
                                float step) {
  switch (mode) {
  case Decode::Plain:
    return lo + float(q) * step;
  case Decode::ExactZero:
    return q ? lo + float(q - 1) * step : 0.0f;
  default:
    return q ? 1.0f : 0.0f;
  }
}

// Code j of a group whose block (bpg bytes) starts at `block`: bits
// [j*bits, (j+1)*bits) of its bit stream, within two bytes for bits <= 8.
AXTRT_INLINE uint32_t codeAt(const uint8_t *block, int64_t bpg, int64_t j,
                             int32_t bits) {
  const int64_t bit = j * bits, byte = bit / 8;
  uint32_t w = block[byte];
  if (byte + 1 < bpg)
    w |= uint32_t(block[byte + 1]) << 8;
  return (w >> (bit % 8)) & ((1u << bits) - 1);
}

// Decodes the first elements of a group into y and returns how many (the
// caller decodes the rest with codeAt).
using DecodeFn = int64_t (*)(const uint8_t *block, int64_t bpg,
                             int64_t count, int32_t bits, float lo,
                             float step, Decode mode, float *y);

int64_t decodeNone(const uint8_t *, int64_t, int64_t, int32_t, float, float,
                   Decode, float *) {
  return 0;
}

#if AXTRT_QUANTIZE_X86
// Eight codes at a time: they fill `bits` whole bytes, read as one word
// (bits <= 4) that each lane shifts by its code's offset, or widened byte
// by byte (8 bits). The arithmetic is decodedValue's, operation for
// operation (no fused multiply-add), so the values are the same.
template <Decode Mode>
__attribute__((target("avx2"))) int64_t
decodeAvx2(const uint8_t *block, int64_t bpg, int64_t count, int32_t bits,
           float lo, float step, float *y) {
  const __m256i shifts = _mm256_mullo_epi32(
      _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(bits));
  const __m256i mask = _mm256_set1_epi32((1 << bits) - 1);
  const __m256 lov = _mm256_set1_ps(lo), stepv = _mm256_set1_ps(step);
  const __m256 one = _mm256_set1_ps(1.0f);
  int64_t j = 0;
  for (; j + 8 <= count; j += 8) {
    __m256i q;
    if (bits == 8) {
      q = _mm256_cvtepu8_epi32(
          _mm_loadl_epi64(reinterpret_cast<const __m128i *>(block + j)));
    } else {
      // A whole word where the block has one (a fixed-size load), else
      // just the `bits` bytes of these codes.
      const int64_t at = j / 8 * bits;
      uint32_t w = 0;
      if (at + 4 <= bpg)
        std::memcpy(&w, block + at, 4);
      else
        std::memcpy(&w, block + at, size_t(bits));
      w &= uint32_t(uint64_t(1) << (8 * bits)) - 1;
      q = _mm256_and_si256(_mm256_srlv_epi32(_mm256_set1_epi32(int(w)), shifts),
                           mask);
    }
    const __m256 qf = _mm256_cvtepi32_ps(q);
    const __m256 zero =
        _mm256_castsi256_ps(_mm256_cmpeq_epi32(q, _mm256_setzero_si256()));
    __m256 v;
    if constexpr (Mode == Decode::Plain)
      v = _mm256_add_ps(lov, _mm256_mul_ps(qf, stepv));
    else if constexpr (Mode == Decode::ExactZero)
      v = _mm256_andnot_ps(
          zero, _mm256_add_ps(lov, _mm256_mul_ps(_mm256_sub_ps(qf, one), stepv)));
    else
      v = _mm256_andnot_ps(zero, one);
    _mm256_storeu_ps(y + j, v);
  }
  return j;
}

__attribute__((target("avx2"))) int64_t
decodeGroupAvx2(const uint8_t *block, int64_t bpg, int64_t count, int32_t bits,
                float lo, float step, Decode mode, float *y) {
  switch (mode) {
  case Decode::Plain:
    return decodeAvx2<Decode::Plain>(block, bpg, count, bits, lo, step, y);
  case Decode::ExactZero:
    return decodeAvx2<Decode::ExactZero>(block, bpg, count, bits, lo, step,
                                         y);
  default:
    return decodeAvx2<Decode::Mask>(block, bpg, count, bits, lo, step, y);
  }
}
#endif

DecodeFn selectDecoder() {
#if AXTRT_QUANTIZE_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2"))
    return decodeGroupAvx2;
#endif
  return decodeNone;
}

// Decodes a packed buffer (valid arguments) group by group. Invalid groups
// give NaN, or an empty mask.
void decode(const uint8_t *in, int64_t n, int32_t bits, int64_t group,
            const Layout &layout, Decode mode, float *y) {
  static const DecodeFn decoder = selectDecoder();
  const int64_t bpg = layout.bytesPerGroup;
  const uint8_t *params = in + layout.numGroups * bpg;
  forEachRange(layout.numGroups, group, [&](int64_t first, int64_t last) {
    for (int64_t g = first; g < last; ++g) {
      const int64_t start = g * group, count = std::min(group, n - start);
      const uint8_t *block = in + g * bpg;
      const uint16_t lo = loadHalf(params + 4 * g),
                     step = loadHalf(params + 4 * g + 2);
      float *out = y + start;
      if (!halfIsFinite(lo) || !halfIsFinite(step)) {
        std::fill(out, out + count,
                  mode == Decode::Mask
                      ? 0.0f
                      : std::numeric_limits<float>::quiet_NaN());
        continue;
      }
      const float loF = axtrt_f16_to_f32(lo), stepF = axtrt_f16_to_f32(step);
      for (int64_t j = decoder(block, bpg, count, bits, loF, stepF, mode, out);
           j < count; ++j)
        out[j] = decodedValue(mode, codeAt(block, bpg, j, bits), loF, stepF);
    }
  });
}

int dequantize(const uint8_t *in, int64_t n, int32_t bits, int64_t group,
               bool exactZero, float *x, char *err, size_t errlen) {
  Layout layout{};
  if (int rc = checkArgs(in, x, n, bits, group, layout, err, errlen))
    return rc;
  decode(in, n, bits, group, layout,
         exactZero ? Decode::ExactZero : Decode::Plain, x);
  return 0;
}

int unpackMaskFromCodes(const uint8_t *in, int64_t n, int32_t bits,
                        int64_t group, float *out, char *err, size_t errlen) {
  Layout layout{};
  if (int rc = checkArgs(in, out, n, bits, group, layout, err, errlen))
    return rc;
  if (bits < 2)
    return fail(err, errlen, "invalid argument: exact zero needs bits >= 2");
  decode(in, n, bits, group, layout, Decode::Mask, out);
  return 0;
}

// The mask byte of 8 floats: bit k set where v[k] > 0 (false for NaN, as
// required), and its inverse, 8 floats of 1.0 or 0.0.
#if AXTRT_QUANTIZE_X86
AXTRT_INLINE uint8_t maskByte(const float *v) {
  const __m128 zero = _mm_setzero_ps();
  return uint8_t(_mm_movemask_ps(_mm_cmpgt_ps(_mm_loadu_ps(v), zero)) |
                 _mm_movemask_ps(_mm_cmpgt_ps(_mm_loadu_ps(v + 4), zero)) << 4);
}

AXTRT_INLINE void unmaskByte(uint8_t byte, float *v) {
  const __m128i bits = _mm_set_epi32(8, 4, 2, 1);
  const __m128 one = _mm_set1_ps(1.0f);
  const __m128i low = _mm_set1_epi32(byte & 15),
                high = _mm_set1_epi32(byte >> 4);
  _mm_storeu_ps(v, _mm_and_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(
                                  _mm_and_si128(low, bits), bits)),
                              one));
  _mm_storeu_ps(v + 4, _mm_and_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(
                                      _mm_and_si128(high, bits), bits)),
                                  one));
}
#else
AXTRT_INLINE uint8_t maskByte(const float *v) {
  return uint8_t((v[0] > 0) | (v[1] > 0) << 1 | (v[2] > 0) << 2 |
                 (v[3] > 0) << 3 | (v[4] > 0) << 4 | (v[5] > 0) << 5 |
                 (v[6] > 0) << 6 | (v[7] > 0) << 7);
}

AXTRT_INLINE void unmaskByte(uint8_t byte, float *v) {
  for (int k = 0; k < 8; ++k)
    v[k] = float((byte >> k) & 1);
}
#endif

int packMask(const float *x, int64_t n, uint8_t *out, char *err,
             size_t errlen) {
  if (n < 0)
    return fail(err, errlen, "invalid argument: n = %lld < 0", (long long)n);
  if (n > 0 && (!x || !out))
    return fail(err, errlen, "invalid argument: null buffer");
  const int64_t whole = n / 8;
  forEachRange(whole, 8, [&](int64_t first, int64_t last) {
    for (int64_t j = first; j < last; ++j)
      out[j] = maskByte(x + 8 * j);
  });
  if (n % 8) {
    uint8_t b = 0;
    for (int64_t i = 8 * whole; i < n; ++i)
      b |= uint8_t((x[i] > 0) << (i % 8));
    out[whole] = b;
  }
  return 0;
}

int unpackMask(const uint8_t *in, int64_t n, float *out, char *err,
               size_t errlen) {
  if (n < 0)
    return fail(err, errlen, "invalid argument: n = %lld < 0", (long long)n);
  if (n > 0 && (!in || !out))
    return fail(err, errlen, "invalid argument: null buffer");
  const int64_t whole = n / 8;
  forEachRange(whole, 8, [&](int64_t first, int64_t last) {
    for (int64_t j = first; j < last; ++j)
      unmaskByte(in[j], out + 8 * j);
  });
  for (int64_t i = 8 * whole; i < n; ++i)
    out[i] = float((in[i >> 3] >> (i & 7)) & 1);
  return 0;
}

// JIT entry points: there is no way to return an error to generated code,
// so a failure (a compiler bug) stops the process with a message.
[[noreturn]] void die(const char *entry, const char *message) {
  std::fprintf(stderr, "axtrt: %s: %s\n", entry, message);
  std::abort();
}

// A contiguous view of a 1-D memref: its own storage when the stride is 1
// (or there are fewer than 2 elements), else a copy in `copy` (loaded even
// for outputs, so that storeBack leaves bytes past the packed size as they
// were).
template <typename T, typename M>
T *contiguous(const M *m, std::vector<T> &copy) {
  T *base = m->aligned + m->offset;
  const int64_t n = m->sizes[0], stride = m->strides[0];
  if (n < 2 || stride == 1)
    return base;
  copy.resize(size_t(n));
  for (int64_t i = 0; i < n; ++i)
      copy[size_t(i)] = base[i * stride];
  return copy.data();
}

// Writes back a copy made by contiguous().
template <typename T, typename M>
void storeBack(const M *m, const std::vector<T> &copy) {
  if (copy.empty())
    return;
  T *base = m->aligned + m->offset;
  for (int64_t i = 0; i < m->sizes[0]; ++i)
    base[i * m->strides[0]] = copy[size_t(i)];
}

// The body of every C-interface entry point: refuse a too small buffer
// (`bufferOk`), run `kernel(in, out, err, errSize)` on contiguous views of
// the two memrefs, abort with its message if it fails, and write back an
// output that had to be copied.
template <typename In, typename Out, typename Kernel>
void runOnMemrefs(const char *entry, In *in, Out *out, bool bufferOk,
                  const char *bufferError, Kernel kernel) {
  if (!bufferOk)
    die(entry, bufferError);
  std::vector<std::remove_pointer_t<decltype(in->aligned)>> inCopy;
  std::vector<std::remove_pointer_t<decltype(out->aligned)>> outCopy;
  auto *is = contiguous(in, inCopy);
  auto *os = contiguous(out, outCopy);
  char err[160];
  if (kernel(is, os, err, sizeof err))
    die(entry, err);
  storeBack(out, outCopy);
}

// The quantize and dequantize entry points, either layout.
void quantizeMemrefs(const char *entry, bool exactZero, axtrt_memref1d_f32 *x,
                     axtrt_memref1d_i8 *out, int32_t bits, int64_t group,
                     int32_t rounding, int64_t seed, int64_t stream) {
  const int64_t n = x->sizes[0];
  const int64_t size = axtrt_packed_size_bytes(n, bits, group);
  runOnMemrefs(entry, x, out, size < 0 || out->sizes[0] >= size,
               "packed buffer too small",
               [&](const float *xs, uint8_t *os, char *err, size_t errSize) {
                 return quantize(xs, n, bits, group, exactZero, rounding,
                                 uint64_t(seed), uint64_t(stream), os, err,
                                 errSize);
               });
}

void dequantizeMemrefs(const char *entry, bool exactZero,
                       axtrt_memref1d_i8 *in, axtrt_memref1d_f32 *x,
                       int32_t bits, int64_t group) {
  const int64_t n = x->sizes[0];
  const int64_t size = axtrt_packed_size_bytes(n, bits, group);
  runOnMemrefs(entry, in, x, size < 0 || in->sizes[0] >= size,
               "packed buffer too small",
               [&](const uint8_t *is, float *xs, char *err, size_t errSize) {
                 return dequantize(is, n, bits, group, exactZero, xs, err,
                                   errSize);
               });
}

} // namespace
} // namespace axtrt

using namespace axtrt;

extern "C" {

uint16_t axtrt_f32_to_f16_down(float x) {
  if (std::isnan(x))
    return kHalfNaN;
  uint32_t b = bitsOf(x), abs = b & 0x7FFFFFFFu;
  // Toward -infinity: truncate positives, push negatives away from zero.
  return (b >> 31) ? uint16_t(0x8000 | halfMagnitude(abs, true))
                   : halfMagnitude(abs, false);
}

uint16_t axtrt_f32_to_f16_up(float x) {
  if (std::isnan(x))
    return kHalfNaN;
  uint32_t b = bitsOf(x), abs = b & 0x7FFFFFFFu;
  return (b >> 31) ? uint16_t(0x8000 | halfMagnitude(abs, false))
                   : halfMagnitude(abs, true);
}

float axtrt_f16_to_f32(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000) << 16;
  const uint32_t e = (h >> 10) & 0x1F, m = h & 0x3FF;
  if (e == 0x1F) // infinity, or NaN with its payload kept
    return floatOf(sign | 0x7F800000u | (m << 13));
  if (e == 0) { // subnormal: m * 2^-24, exact in f32
    float v = float(m) * 0x1p-24f;
    return sign ? -v : v;
  }
  return floatOf(sign | ((e + 112) << 23) | (m << 13));
}

int64_t axtrt_packed_size_bytes(int64_t n, int32_t bits, int64_t group) {
  Layout layout{};
  if (n < 0 || !validBits(bits) || group < 1 ||
      !layoutOf(n, bits, group, layout))
    return -1;
  return layout.total;
}

int64_t axtrt_mask_size_bytes(int64_t n) {
  return n < 0 ? -1 : n / 8 + (n % 8 != 0);
}

int32_t axtrt_quantize_f32(const float *x, int64_t n, int32_t bits,
                           int64_t group, int32_t rounding, uint64_t seed,
                           uint64_t stream, uint8_t *out) {
  return quantize(x, n, bits, group, false, rounding, seed, stream, out,
                  nullptr, 0);
}

int32_t axtrt_dequantize_f32(const uint8_t *in, int64_t n, int32_t bits,
                             int64_t group, float *x) {
  return dequantize(in, n, bits, group, false, x, nullptr, 0);
}

int32_t axtrt_quantize_exact_zero_f32(const float *x, int64_t n, int32_t bits,
                                      int64_t group, int32_t rounding,
                                      uint64_t seed, uint64_t stream,
                                      uint8_t *out) {
  return quantize(x, n, bits, group, true, rounding, seed, stream, out,
                  nullptr, 0);
}

int32_t axtrt_dequantize_exact_zero_f32(const uint8_t *in, int64_t n,
                                        int32_t bits, int64_t group,
                                        float *x) {
  return dequantize(in, n, bits, group, true, x, nullptr, 0);
}

int32_t axtrt_unpack_mask_from_codes_f32(const uint8_t *in, int64_t n,
                                         int32_t bits, int64_t group,
                                         float *out) {
  return unpackMaskFromCodes(in, n, bits, group, out, nullptr, 0);
}

int32_t axtrt_pack_mask_f32(const float *x, int64_t n, uint8_t *out) {
  return packMask(x, n, out, nullptr, 0);
}

int32_t axtrt_unpack_mask_f32(const uint8_t *in, int64_t n, float *out) {
  return unpackMask(in, n, out, nullptr, 0);
}

void _mlir_ciface_axtrt_quantize_f32(axtrt_memref1d_f32 *x,
                                     axtrt_memref1d_i8 *out, int32_t bits,
                                     int64_t group, int32_t rounding,
                                     int64_t seed, int64_t stream) {
  quantizeMemrefs("axtrt_quantize_f32", false, x, out, bits, group, rounding,
                  seed, stream);
}

void _mlir_ciface_axtrt_dequantize_f32(axtrt_memref1d_i8 *in,
                                       axtrt_memref1d_f32 *x, int32_t bits,
                                       int64_t group) {
  dequantizeMemrefs("axtrt_dequantize_f32", false, in, x, bits, group);
}

void _mlir_ciface_axtrt_quantize_exact_zero_f32(
    axtrt_memref1d_f32 *x, axtrt_memref1d_i8 *out, int32_t bits, int64_t group,
    int32_t rounding, int64_t seed, int64_t stream) {
  quantizeMemrefs("axtrt_quantize_exact_zero_f32", true, x, out, bits, group,
                  rounding, seed, stream);
}

void _mlir_ciface_axtrt_dequantize_exact_zero_f32(axtrt_memref1d_i8 *in,
                                                  axtrt_memref1d_f32 *x,
                                                  int32_t bits, int64_t group) {
  dequantizeMemrefs("axtrt_dequantize_exact_zero_f32", true, in, x, bits,
                    group);
}

void _mlir_ciface_axtrt_unpack_mask_from_codes_f32(axtrt_memref1d_i8 *in,
                                                   axtrt_memref1d_f32 *out,
                                                   int32_t bits,
                                                   int64_t group) {
  const int64_t n = out->sizes[0];
  const int64_t size = axtrt_packed_size_bytes(n, bits, group);
  runOnMemrefs("axtrt_unpack_mask_from_codes_f32", in, out,
               size < 0 || in->sizes[0] >= size, "packed buffer too small",
               [&](const uint8_t *is, float *os, char *err, size_t errSize) {
                 return unpackMaskFromCodes(is, n, bits, group, os, err,
                                            errSize);
               });
}

void _mlir_ciface_axtrt_pack_mask_f32(axtrt_memref1d_f32 *x,
                                      axtrt_memref1d_i8 *out) {
  const int64_t n = x->sizes[0];
  runOnMemrefs("axtrt_pack_mask_f32", x, out,
               n < 0 || out->sizes[0] >= axtrt_mask_size_bytes(n),
               "mask buffer too small",
               [&](const float *xs, uint8_t *os, char *err, size_t errSize) {
                 return packMask(xs, n, os, err, errSize);
               });
}

void _mlir_ciface_axtrt_unpack_mask_f32(axtrt_memref1d_i8 *in,
                                        axtrt_memref1d_f32 *out) {
  const int64_t n = out->sizes[0];
  runOnMemrefs("axtrt_unpack_mask_f32", in, out,
               n < 0 || in->sizes[0] >= axtrt_mask_size_bytes(n),
               "mask buffer too small",
               [&](const uint8_t *is, float *os, char *err, size_t errSize) {
                 return unpackMask(is, n, os, err, errSize);
               });
}

} // extern "C"
