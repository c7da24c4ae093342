// Tests for the direct convolution over shifted planes (runtime/cpu/
// conv_shifted.h): its sums and weight gradient against double-precision
// loops written from the definition, for random sizes, kernel offsets and
// steps of either sign, and channel strides with gaps; that its masked
// loads never touch memory outside the planes (guard pages); and that it
// refuses sizes out of range. Skipped on CPUs without AVX-512F.
#include "conv_shifted.h"

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

namespace {

using axtrt::PlaneStack;
using axtrt::ShiftedPlaneConv;

constexpr float kSentinel = -12345.0f;

// Storage for a PlaneStack with a gap of `gap` floats after each plane
// (filled with the sentinel, as is everything outside the planes).
struct Planes {
  std::vector<float> storage;
  PlaneStack stack;
  int64_t samples, width;

  Planes(int64_t samples, int64_t channels, int64_t rows, int64_t width,
         int64_t gap, std::mt19937 &rng)
      : samples(samples), width(width) {
    const int64_t channelStride = rows * width + gap;
    storage.assign(size_t(samples * channels * channelStride + 5), kSentinel);
    stack = {storage.data() + 2, channels * channelStride, channelStride,
             channels, rows};
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    forEach(
        [&](int64_t, int64_t, int64_t, int64_t, float &x) { x = value(rng); });
  }
  template <typename Fn> void forEach(Fn fn) {
    for (int64_t n = 0; n < samples; ++n)
      for (int64_t ch = 0; ch < stack.channels; ++ch)
        for (int64_t r = 0; r < stack.rows; ++r)
          for (int64_t c = 0; c < width; ++c)
            fn(n, ch, r, c, at(n, ch, r, c));
  }
  float &at(int64_t n, int64_t ch, int64_t r, int64_t c) {
    return stack.data[n * stack.sampleStride + ch * stack.channelStride +
                      r * width + c];
  }
};

// Calls fn(n, o, r, c, i, kh, kw, ir, ic) for every product of conv whose
// input (ir, ic) is inside the input plane.
template <typename Fn>
void forEachProduct(const ShiftedPlaneConv &conv, Fn fn) {
  for (int64_t n = 0; n < conv.samples; ++n)
    for (int64_t o = 0; o < conv.out.channels; ++o)
      for (int64_t r = 0; r < conv.out.rows; ++r)
        for (int64_t c = 0; c < conv.width; ++c)
          for (int64_t i = 0; i < conv.in.channels; ++i)
            for (int64_t kh = 0; kh < conv.kernelRows; ++kh)
              for (int64_t kw = 0; kw < conv.kernelCols; ++kw) {
                const int64_t ir = r + conv.rowBase + kh * conv.rowStep;
                const int64_t ic = c + conv.colBase + kw * conv.colStep;
                if (ir >= 0 && ir < conv.in.rows && ic >= 0 && ic < conv.width)
                  fn(n, o, r, c, i, kh, kw, ir, ic);
              }
}

struct Problem {
  int64_t samples, inputs, outputs, inRows, outRows, width, kernelRows,
      kernelCols, rowBase, rowStep, colBase, colStep, gap;
  std::string text() const {
    return "samples " + std::to_string(samples) + " channels " +
           std::to_string(inputs) + "->" + std::to_string(outputs) + " rows " +
           std::to_string(inRows) + "->" + std::to_string(outRows) + " width " +
           std::to_string(width) + " kernel " + std::to_string(kernelRows) +
           "x" + std::to_string(kernelCols) + " rows " +
           std::to_string(rowBase) + "+" + std::to_string(rowStep) + "k cols " +
           std::to_string(colBase) + "+" + std::to_string(colStep) + "k gap " +
           std::to_string(gap);
  }
};

// Weights [outputs][inputs][kernelRows][kernelCols] (as a convolution's w)
// with every stride nonzero.
ShiftedPlaneConv describe(const Problem &q, Planes &in, Planes &out,
                          const std::vector<float> &w) {
  ShiftedPlaneConv c;
  c.in = in.stack;
  c.out = out.stack;
  c.samples = q.samples;
  c.width = q.width;
  c.weights = w.data();
  c.wOutput = q.inputs * q.kernelRows * q.kernelCols;
  c.wInput = q.kernelRows * q.kernelCols;
  c.wRow = q.kernelCols;
  c.wCol = 1;
  c.kernelRows = q.kernelRows;
  c.kernelCols = q.kernelCols;
  c.rowBase = q.rowBase;
  c.rowStep = q.rowStep;
  c.colBase = q.colBase;
  c.colStep = q.colStep;
  return c;
}

// got == want within float rounding of a sum of terms of total magnitude.
void expectSum(float got, double want, double magnitude,
               const std::string &where) {
  EXPECT_LE(std::fabs(double(got) - want), 1e-5 * magnitude + 1e-30)
      << where << ": " << got << ", expected " << want;
}

void checkProblem(const Problem &q, std::mt19937 &rng) {
  SCOPED_TRACE(q.text());
  Planes in(q.samples, q.inputs, q.inRows, q.width, q.gap, rng);
  Planes out(q.samples, q.outputs, q.outRows, q.width, q.gap, rng);
  std::vector<float> w(
      size_t(q.outputs * q.inputs * q.kernelRows * q.kernelCols));
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  for (float &x : w)
    x = value(rng);
  ShiftedPlaneConv c = describe(q, in, out, w);
  auto weightAt = [&](int64_t o, int64_t i, int64_t kh, int64_t kw) {
    return o * c.wOutput + i * c.wInput + kh * c.wRow + kw * c.wCol;
  };

  // The sums.
  std::vector<double> sum(out.storage.size()), magnitude(sum.size());
  forEachProduct(c, [&](int64_t n, int64_t o, int64_t r, int64_t col, int64_t i,
                        int64_t kh, int64_t kw, int64_t ir, int64_t ic) {
    const size_t k = size_t(&out.at(n, o, r, col) - out.storage.data());
    const double term =
        double(w[size_t(weightAt(o, i, kh, kw))]) * double(in.at(n, i, ir, ic));
    sum[k] += term;
    magnitude[k] += std::fabs(term);
  });
  const std::vector<float> inBefore = in.storage, outBefore = out.storage;
  ASSERT_TRUE(axtrt::runShiftedPlaneConv(c));
  EXPECT_EQ(in.storage, inBefore);
  std::vector<bool> inPlane(out.storage.size());
  out.forEach([&](int64_t n, int64_t o, int64_t r, int64_t col, float &x) {
    const size_t k = size_t(&x - out.storage.data());
    inPlane[k] = true;
    expectSum(x, sum[k], magnitude[k],
              "out(" + std::to_string(n) + ", " + std::to_string(o) + ", " +
                  std::to_string(r) + ", " + std::to_string(col) + ")");
  });
  for (size_t k = 0; k < out.storage.size(); ++k) {
    if (!inPlane[k]) {
      ASSERT_EQ(out.storage[k], outBefore[k]) << "write outside at " << k;
    }
  }

  // The weight gradient, with out holding the output's gradient.
  std::vector<double> gradSum(w.size()), gradMagnitude(w.size());
  forEachProduct(c, [&](int64_t n, int64_t o, int64_t r, int64_t col, int64_t i,
                        int64_t kh, int64_t kw, int64_t ir, int64_t ic) {
    const size_t k = size_t(weightAt(o, i, kh, kw));
    const double term =
        double(out.at(n, o, r, col)) * double(in.at(n, i, ir, ic));
    gradSum[k] += term;
    gradMagnitude[k] += std::fabs(term);
  });
  std::vector<float> gradient(w.size(), kSentinel);
  const std::vector<float> gradientOf = out.storage;
  ASSERT_TRUE(axtrt::runShiftedPlaneConvWeightGradient(c, gradient.data()));
  EXPECT_EQ(out.storage, gradientOf);
  for (size_t k = 0; k < w.size(); ++k)
    expectSum(gradient[k], gradSum[k], gradMagnitude[k],
              "gradient[" + std::to_string(k) + "]");
}

class ShiftedPlaneConvTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (!axtrt::shiftedPlaneConvAvailable())
      GTEST_SKIP() << "no AVX-512F on this CPU";
  }
};

// Random sizes around the tiles' edges (8 channels, 3 vectors of 16
// positions), kernel offsets of either sign (the input gradient's kernel
// runs backwards), taps that read only padding, and gaps between planes.
TEST_F(ShiftedPlaneConvTest, RandomProblemsMatchTheDefinition) {
  std::mt19937 rng(21);
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  for (int k = 0; k < 150; ++k) {
    const int64_t gap = pick(0, 1) == 1 ? pick(1, 17) : 0;
    Problem q{pick(1, 3),  pick(1, 11), pick(1, 19), pick(1, 9),  pick(1, 9),
              pick(1, 20), pick(1, 4),  pick(1, 4),  pick(-4, 4), pick(-2, 2),
              pick(-4, 4), pick(-2, 2), gap};
    checkProblem(q, rng);
  }
}

// ResNet-8's 3x3 layers (padding 1) forward and as input gradients: 28x28
// (49 vectors), 14x14 (13) and 7x7 (4), on the kernels' threads.
TEST_F(ShiftedPlaneConvTest, ExampleLayers) {
  std::mt19937 rng(22);
  checkProblem({4, 16, 16, 28, 28, 28, 3, 3, -1, 1, -1, 1, 0}, rng);
  checkProblem({4, 32, 32, 14, 14, 14, 3, 3, 1, -1, 1, -1, 0}, rng);
  checkProblem({4, 64, 64, 7, 7, 7, 3, 3, -1, 1, -1, 1, 0}, rng);
}

// Planes flush against inaccessible pages on both sides: the taps' loads
// reach past both ends of the tensors, in lanes that are masked off, and
// must not touch that memory.
TEST_F(ShiftedPlaneConvTest, MaskedLanesDoNotTouchMemory) {
  const size_t page = size_t(sysconf(_SC_PAGESIZE));
  // [guard][data page][guard] for each of in and out.
  auto mapGuarded = [&]() {
    void *p = mmap(nullptr, 3 * page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT_NE(p, MAP_FAILED);
    char *base = static_cast<char *>(p);
    EXPECT_EQ(mprotect(base, page, PROT_NONE), 0);
    EXPECT_EQ(mprotect(base + 2 * page, page, PROT_NONE), 0);
    return base;
  };
  char *inMap = mapGuarded(), *outMap = mapGuarded();
  const int64_t rows = 5, width = 5, plane = rows * width;
  // The input at the start of its page (taps read before it), the output
  // at the end of its page (the last vector's lanes run past it).
  float *in = reinterpret_cast<float *>(inMap + page);
  float *out = reinterpret_cast<float *>(outMap + 2 * page) - plane;
  for (int64_t k = 0; k < plane; ++k)
    in[k] = float(k + 1);
  const std::vector<float> w(9, 1.0f);
  ShiftedPlaneConv c;
  c.in = {in, plane, plane, 1, rows};
  c.out = {out, plane, plane, 1, rows};
  c.samples = 1;
  c.width = width;
  c.weights = w.data();
  c.wInput = 9;
  c.wOutput = 9;
  c.wRow = 3;
  c.wCol = 1;
  c.kernelRows = c.kernelCols = 3;
  c.rowBase = c.colBase = -1;
  c.rowStep = c.colStep = 1;
  ASSERT_TRUE(axtrt::runShiftedPlaneConv(c));
  // A 3x3 box sum: the corner (0, 0) adds (0,0), (0,1), (1,0), (1,1).
  EXPECT_EQ(out[0], 1.0f + 2.0f + 6.0f + 7.0f);
  // The transposed sums read the output plane (at its page's end) as input
  // and write the input plane; the gradient reads both.
  ASSERT_TRUE(axtrt::runShiftedPlaneConv(axtrt::transposed(c)));
  float gradient[9];
  ASSERT_TRUE(axtrt::runShiftedPlaneConvWeightGradient(c, gradient));
  munmap(inMap, 3 * page);
  munmap(outMap, 3 * page);
}

// Sizes out of range are refused and nothing is written.
TEST_F(ShiftedPlaneConvTest, RefusesSizesOutOfRange) {
  std::vector<float> in(64, 1.0f), out(64, kSentinel), w(64, 1.0f);
  ShiftedPlaneConv good;
  good.in = {in.data(), 16, 16, 1, 4};
  good.out = {out.data(), 16, 16, 1, 4};
  good.samples = 1;
  good.width = 4;
  good.weights = w.data();
  good.wInput = good.wOutput = 9;
  good.wRow = 3;
  good.wCol = 1;
  good.kernelRows = good.kernelCols = 3;
  good.rowBase = good.colBase = -1;
  good.rowStep = good.colStep = 1;
  std::vector<ShiftedPlaneConv> bad(6, good);
  bad[0].samples = 0;
  bad[1].in.channels = 0;
  bad[2].out.rows = 0;
  bad[3].width = -1;
  bad[4].kernelCols = 0;
  bad[5].out.rows = int64_t(1) << 32; // a plane beyond int32
  std::vector<float> gradient(9, kSentinel);
  for (const ShiftedPlaneConv &c : bad) {
    EXPECT_FALSE(axtrt::runShiftedPlaneConv(c));
    EXPECT_FALSE(axtrt::runShiftedPlaneConvWeightGradient(c, gradient.data()));
  }
  EXPECT_EQ(out, std::vector<float>(64, kSentinel));
  EXPECT_EQ(gradient, std::vector<float>(9, kSentinel));
  // Disabled, it refuses everything; enabled again, it runs.
  EXPECT_TRUE(axtrt::setShiftedPlaneConvEnabled(false));
  EXPECT_FALSE(axtrt::runShiftedPlaneConv(good));
  EXPECT_FALSE(axtrt::setShiftedPlaneConvEnabled(true));
  EXPECT_TRUE(axtrt::runShiftedPlaneConv(good));
  EXPECT_EQ(out[0], 4.0f); // the corner of a 3x3 box sum of ones
}

} // namespace
