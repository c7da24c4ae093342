// Data movement around the convolution's GEMM: im2col and adding the GEMM's
// result into y, for any strides; plus the plain-loop fallback.
#include <algorithm>
#include <cstring>

#include "conv_internal.h"

namespace axtrt {
namespace {

// dst[i] = src[i] for i < n. Rows are short (7 to 32 floats in the target
// networks): copied in blocks of 8 or 4, the last block overlapping the one
// before instead of a loop for the rest, with no call or loop set-up per
// row. Reads and writes stay within the n elements.
inline void copyRow(float *__restrict dst, const float *__restrict src,
                    int64_t n) {
  if (n >= 8) {
    for (int64_t i = 0; i + 8 < n; i += 8)
      std::memcpy(dst + i, src + i, 8 * sizeof(float));
    std::memcpy(dst + n - 8, src + n - 8, 8 * sizeof(float));
  } else if (n >= 4) {
    std::memcpy(dst, src, 4 * sizeof(float));
    std::memcpy(dst + n - 4, src + n - 4, 4 * sizeof(float));
  } else {
    for (int64_t i = 0; i < n; ++i)
      dst[i] = src[i];
  }
}

// dst[i] = src[2*i] for i < n: a constant step lets the compiler vectorize.
inline void gather2(float *__restrict dst, const float *__restrict src,
                    int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    dst[i] = src[2 * i];
}

// dst[i] = src[i*step] for i < n.
inline void gather(float *__restrict dst, const float *__restrict src,
                   int64_t n, int64_t step) {
  if (step == 1)
    return copyRow(dst, src, n);
  if (step == 2)
    return gather2(dst, src, n);
  for (int64_t i = 0; i < n; ++i)
    dst[i] = src[i * step];
}

// dst[i*dstStep] += src[i*srcStep] for i < n.
inline void addTo(float *dst, int64_t dstStep, const float *src,
                  int64_t srcStep, int64_t n) {
  if (dstStep == 1 && srcStep == 1) {
    for (int64_t i = 0; i < n; ++i)
      dst[i] += src[i];
    return;
  }
  for (int64_t i = 0; i < n; ++i)
    dst[i * dstStep] += src[i * srcStep];
}

} // namespace

void im2colRows(const Tensor4 &x, const ConvShape &s, int64_t r0, int64_t r1,
                int64_t c0, int64_t c1, float *col) {
  const int64_t OW = s.OW;
  const int64_t step = s.strideW * x.stride[3]; // between neighbouring ow
  const int64_t rowStep = s.strideH * x.stride[2];
  float *dst = col;
  for (int64_t c = c0; c < c1; ++c)
    for (int64_t kh = 0; kh < s.KH; ++kh)
      for (int64_t kw = 0; kw < s.KW; ++kw) {
        const float *base = x.data + c * x.stride[1] +
                            kh * s.dilationH * x.stride[2] +
                            kw * s.dilationW * x.stride[3];
        int64_t n = r0 / s.OH, oh = r0 % s.OH;
        for (int64_t r = r0; r < r1; ++r) {
          gather(dst, base + n * x.stride[0] + oh * rowStep, OW, step);
          dst += OW;
          if (++oh == s.OH) {
            oh = 0;
            ++n;
          }
        }
      }
}

void im2colPositions(const Tensor4 &x, const ConvShape &s, int64_t r0,
                     int64_t r1, int64_t c0, int64_t c1, float *colT) {
  const int64_t step = s.dilationW * x.stride[3]; // between neighbouring kw
  float *dst = colT;
  int64_t n = r0 / s.OH, oh = r0 % s.OH;
  for (int64_t r = r0; r < r1; ++r) {
    const float *row = x.data + n * x.stride[0] + oh * s.strideH * x.stride[2];
    for (int64_t ow = 0; ow < s.OW; ++ow) {
      const float *pos = row + ow * s.strideW * x.stride[3];
      for (int64_t c = c0; c < c1; ++c)
        for (int64_t kh = 0; kh < s.KH; ++kh) {
          gather(dst, pos + c * x.stride[1] + kh * s.dilationH * x.stride[2],
                 s.KW, step);
          dst += s.KW;
        }
    }
    if (++oh == s.OH) {
      oh = 0;
      ++n;
    }
  }
}

void addRows(const float *t, int64_t tStrideF, int64_t tStrideJ,
             const Tensor4 &y, const ConvShape &s, int64_t r0, int64_t r1) {
  const int64_t OW = s.OW;
  // When a sample's (oh, ow) plane is contiguous, its rows in the range are
  // one run: fewer, longer loops (OW alone may be as small as 7).
  const bool flat = planeIsContiguous(s.OH, OW, y.stride[2], y.stride[3]);
  for (int64_t r = r0; r < r1;) {
    const int64_t n = r / s.OH, oh0 = r % s.OH;
    const int64_t oh1 = std::min<int64_t>(s.OH, oh0 + (r1 - r));
    const float *tn = t + (r - r0) * OW * tStrideJ;
    for (int64_t f = 0; f < s.F; ++f) {
      float *yp = y.data + n * y.stride[0] + f * y.stride[1];
      const float *tp = tn + f * tStrideF;
      if (flat) {
        addTo(yp + oh0 * y.stride[2], 1, tp, tStrideJ, (oh1 - oh0) * OW);
        continue;
      }
      for (int64_t oh = oh0; oh < oh1; ++oh, tp += OW * tStrideJ)
        addTo(yp + oh * y.stride[2], y.stride[3], tp, tStrideJ, OW);
    }
    r += oh1 - oh0;
  }
}

void convNaive(const Tensor4 &x, const Tensor4 &w, const Tensor4 &y,
               const ConvShape &s) {
  for (int64_t n = 0; n < s.N; ++n)
    for (int64_t f = 0; f < s.F; ++f)
      for (int64_t oh = 0; oh < s.OH; ++oh)
        for (int64_t ow = 0; ow < s.OW; ++ow) {
          double acc = 0.0;
          for (int64_t c = 0; c < s.C; ++c)
            for (int64_t kh = 0; kh < s.KH; ++kh)
              for (int64_t kw = 0; kw < s.KW; ++kw) {
                int64_t ih = oh * s.strideH + kh * s.dilationH;
                int64_t iw = ow * s.strideW + kw * s.dilationW;
                acc += double(x.data[n * x.stride[0] + c * x.stride[1] +
                                     ih * x.stride[2] + iw * x.stride[3]]) *
                       double(w.data[f * w.stride[0] + c * w.stride[1] +
                                     kh * w.stride[2] + kw * w.stride[3]]);
              }
          float &out = y.data[n * y.stride[0] + f * y.stride[1] +
                              oh * y.stride[2] + ow * y.stride[3]];
          out = float(double(out) + acc);
        }
}

} // namespace axtrt
