// Tests for the padded convolution kernels
// (_mlir_ciface_axtrt_conv2d_forward_f32, ..._backward_input_f32 and
// ..._backward_filter_f32) against double-precision loops written from the
// definition of the convolution: each output and each gradient element is
// the sum over every (output, kernel place) pair that touches it.
#include "axtrt/conv.h"
#include "axtrt/matmul.h" // axtrt_set_num_threads

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "StridedTensor.h"
#include "conv_shifted.h" // setShiftedPlaneConvEnabled

namespace {

using namespace strided;

struct Params {
  int64_t strideH = 1, strideW = 1, padH = 0, padW = 0, dilationH = 1,
          dilationW = 1;
};

// Output size of the forward convolution along one dimension, or <= 0.
int64_t outSize(int64_t in, int64_t k, int64_t stride, int64_t pad,
                int64_t dilation) {
  int64_t span = (k - 1) * dilation + 1;
  return in + 2 * pad < span ? 0 : (in + 2 * pad - span) / stride + 1;
}

struct Problem {
  int64_t N, C, H, W, F, KH, KW;
  Params p;
  int64_t OH() const { return outSize(H, KH, p.strideH, p.padH, p.dilationH); }
  int64_t OW() const { return outSize(W, KW, p.strideW, p.padW, p.dilationW); }
  std::string text() const {
    return "N" + std::to_string(N) + " C" + std::to_string(C) + " H" +
           std::to_string(H) + " W" + std::to_string(W) + " F" +
           std::to_string(F) + " K" + std::to_string(KH) + "x" +
           std::to_string(KW) + " stride " + std::to_string(p.strideH) + "," +
           std::to_string(p.strideW) + " pad " + std::to_string(p.padH) + "," +
           std::to_string(p.padW) + " dilation " + std::to_string(p.dilationH) +
           "," + std::to_string(p.dilationW);
  }
};

// Calls fn(n, f, oh, ow, c, kh, kw, ih, iw) for every product the forward
// convolution forms with an input element inside x.
template <typename Fn> void forEachProduct(const Problem &q, Fn fn) {
  for (int64_t n = 0; n < q.N; ++n)
    for (int64_t f = 0; f < q.F; ++f)
      for (int64_t oh = 0; oh < q.OH(); ++oh)
        for (int64_t ow = 0; ow < q.OW(); ++ow)
          for (int64_t c = 0; c < q.C; ++c)
            for (int64_t kh = 0; kh < q.KH; ++kh)
              for (int64_t kw = 0; kw < q.KW; ++kw) {
                int64_t ih = oh * q.p.strideH - q.p.padH + kh * q.p.dilationH;
                int64_t iw = ow * q.p.strideW - q.p.padW + kw * q.p.dilationW;
                if (ih >= 0 && ih < q.H && iw >= 0 && iw < q.W)
                  fn(n, f, oh, ow, c, kh, kw, ih, iw);
              }
}

// The element-wise check of `out` against sums with their magnitudes
// (indexed like out.forEach), and that nothing outside the view changed.
void expectSums(const Tensor &out, const std::vector<float> &before,
                const std::vector<double> &sum,
                const std::vector<double> &magnitude) {
  std::vector<bool> inView(out.storage.size(), false);
  out.forEach([&](int64_t i, int64_t j, int64_t k, int64_t l) {
    inView[out.index(i, j, k, l)] = true;
  });
  for (size_t i = 0; i < out.storage.size(); ++i) {
    if (!inView[i]) {
      ASSERT_EQ(out.storage[i], before[i]) << "write outside the view at " << i;
    }
  }
  int failures = 0;
  size_t idx = 0;
  out.forEach([&](int64_t i, int64_t j, int64_t k, int64_t l) {
    double got = out.at(i, j, k, l), want = sum[idx],
           tol = 1e-5 * magnitude[idx] + 1e-30;
    ++idx;
    if (!(std::fabs(got - want) <= tol) && failures++ < 5)
      ADD_FAILURE() << "(" << i << ", " << j << ", " << k << ", " << l
                    << ") = " << got << ", expected " << want;
  });
}

void callForward(Tensor &x, Tensor &w, Tensor &y, const Params &p) {
  axtrt_memref4d_f32 a = x.desc(), b = w.desc(), c = y.desc();
  _mlir_ciface_axtrt_conv2d_forward_f32(&a, &b, &c, p.strideH, p.strideW,
                                        p.padH, p.padW, p.dilationH,
                                        p.dilationW);
}

void callBackwardInput(Tensor &dy, Tensor &w, Tensor &dx, const Params &p) {
  axtrt_memref4d_f32 a = dy.desc(), b = w.desc(), c = dx.desc();
  _mlir_ciface_axtrt_conv2d_backward_input_f32(&a, &b, &c, p.strideH, p.strideW,
                                               p.padH, p.padW, p.dilationH,
                                               p.dilationW);
}

void callBackwardFilter(Tensor &x, Tensor &dy, Tensor &dw, const Params &p) {
  axtrt_memref4d_f32 a = x.desc(), b = dy.desc(), c = dw.desc();
  _mlir_ciface_axtrt_conv2d_backward_filter_f32(&a, &b, &c, p.strideH,
                                                p.strideW, p.padH, p.padW,
                                                p.dilationH, p.dilationW);
}

// The convolution and both gradients of one problem, operands in the given
// layouts (y like dy). y, dx and dw start with random values: the kernels
// overwrite them.
void checkProblem(const Problem &q, std::mt19937 &rng,
                  const Layout &lx = contiguous(),
                  const Layout &lw = contiguous(),
                  const Layout &ly = contiguous()) {
  SCOPED_TRACE(q.text());
  ASSERT_GT(q.OH(), 0);
  ASSERT_GT(q.OW(), 0);
  Tensor x = makeTensor({q.N, q.C, q.H, q.W}, lx, rng);
  Tensor w = makeTensor({q.F, q.C, q.KH, q.KW}, lw, rng);
  Tensor dy = makeTensor({q.N, q.F, q.OH(), q.OW()}, ly, rng);
  Tensor dx = makeTensor({q.N, q.C, q.H, q.W}, lx, rng);
  Tensor dw = makeTensor({q.F, q.C, q.KH, q.KW}, lw, rng);
  Tensor y = makeTensor({q.N, q.F, q.OH(), q.OW()}, ly, rng);

  auto flat = [](const Tensor &t, int64_t i, int64_t j, int64_t k, int64_t l) {
    return ((i * t.size[1] + j) * t.size[2] + k) * t.size[3] + l;
  };
  std::vector<double> dxSum(size_t(dx.elements())), dxMag(dxSum.size()),
      dwSum(size_t(dw.elements())), dwMag(dwSum.size()),
      ySum(size_t(y.elements())), yMag(ySum.size());
  forEachProduct(q, [&](int64_t n, int64_t f, int64_t oh, int64_t ow, int64_t c,
                        int64_t kh, int64_t kw, int64_t ih, int64_t iw) {
    double g = dy.at(n, f, oh, ow);
    double toX = g * double(w.at(f, c, kh, kw));
    double toW = g * double(x.at(n, c, ih, iw));
    dxSum[flat(dx, n, c, ih, iw)] += toX;
    dxMag[flat(dx, n, c, ih, iw)] += std::fabs(toX);
    dwSum[flat(dw, f, c, kh, kw)] += toW;
    dwMag[flat(dw, f, c, kh, kw)] += std::fabs(toW);
    double toY = double(x.at(n, c, ih, iw)) * double(w.at(f, c, kh, kw));
    ySum[flat(y, n, f, oh, ow)] += toY;
    yMag[flat(y, n, f, oh, ow)] += std::fabs(toY);
  });

  const std::vector<float> xBefore = x.storage, wBefore = w.storage,
                           dyBefore = dy.storage, dxBefore = dx.storage,
                           dwBefore = dw.storage, yBefore = y.storage;
  callForward(x, w, y, q.p);
  callBackwardInput(dy, w, dx, q.p);
  callBackwardFilter(x, dy, dw, q.p);
  EXPECT_EQ(x.storage, xBefore) << "x was modified";
  EXPECT_EQ(w.storage, wBefore) << "w was modified";
  EXPECT_EQ(dy.storage, dyBefore) << "dy was modified";
  {
    SCOPED_TRACE("y");
    expectSums(y, yBefore, ySum, yMag);
  }
  {
    SCOPED_TRACE("dx");
    expectSums(dx, dxBefore, dxSum, dxMag);
  }
  {
    SCOPED_TRACE("dw");
    expectSums(dw, dwBefore, dwSum, dwMag);
  }
}

Problem randomProblem(std::mt19937 &rng) {
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  for (;;) {
    Problem q{pick(1, 3), pick(1, 5), pick(1, 11), pick(1, 11),
              pick(1, 4), pick(1, 4), pick(1, 4),  {}};
    q.p = {pick(1, 3), pick(1, 3), pick(0, 2),
           pick(0, 2), pick(1, 2), pick(1, 2)};
    if (q.OH() > 0 && q.OW() > 0)
      return q;
  }
}

TEST(Conv2dPaddedTest, RandomProblemsContiguous) {
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i)
    checkProblem(randomProblem(rng), rng);
}

TEST(Conv2dPaddedTest, RandomProblemsRandomLayouts) {
  std::mt19937 rng(8);
  for (int i = 0; i < 200; ++i) {
    Problem q = randomProblem(rng);
    checkProblem(q, rng, randomLayout(rng, true), randomLayout(rng, true),
                 randomLayout(rng, true));
  }
}

// Padding as large as the kernel: some outputs read nothing but padding,
// and some input rows are read by no output (stride 3 > kernel 2).
TEST(Conv2dPaddedTest, PaddingOnlyWindowsAndSkippedInputs) {
  std::mt19937 rng(9);
  checkProblem({2, 3, 5, 6, 2, 2, 2, {3, 3, 2, 2, 1, 1}}, rng);
  checkProblem({1, 2, 4, 4, 3, 3, 3, {1, 1, 3, 3, 1, 1}}, rng);
}

// Stride 1 with an output as wide as the input: the direct kernel
// (conv_shifted.h) where the CPU has it, and with it disabled the column
// matrix's rows as shifted input planes, moved as blocks. Padding wider
// than the input (rows and columns that read nothing but padding),
// dilation, 1x1 kernels, planes split over several GEMMs (64 channels of
// 28x28), and channels not a multiple of the direct kernel's tiles.
TEST(Conv2dPaddedTest, StrideOneSameWidth) {
  for (bool direct : {true, false}) {
    SCOPED_TRACE(direct ? "direct kernel" : "im2col");
    axtrt::setShiftedPlaneConvEnabled(direct);
    std::mt19937 rng(12);
    checkProblem({1, 2, 2, 2, 3, 4, 4, {1, 1, 3, 3, 2, 2}}, rng);
    checkProblem({3, 3, 9, 9, 4, 5, 5, {1, 1, 2, 2, 1, 1}}, rng);
    checkProblem({2, 2, 6, 7, 3, 3, 3, {1, 1, 2, 2, 2, 2}}, rng);
    checkProblem({2, 4, 5, 5, 3, 1, 1, {}}, rng);
    checkProblem({2, 3, 5, 1, 2, 3, 3, {1, 1, 1, 1, 1, 1}}, rng);
    checkProblem({2, 64, 28, 28, 8, 3, 3, {1, 1, 1, 1, 1, 1}}, rng);
    checkProblem({3, 5, 24, 24, 11, 5, 5, {1, 1, 2, 2, 1, 1}}, rng);
  }
  axtrt::setShiftedPlaneConvEnabled(true);
}

// The layers of examples/lenet5.mlir and resnet8.mlir at batch 64, on
// several threads (the samples are shared out) and on one.
TEST(Conv2dPaddedTest, ExampleLayers) {
  std::mt19937 rng(10);
  const Problem layers[] = {
      {64, 6, 14, 14, 16, 5, 5, {}},                  // LeNet-5 conv2
      {64, 1, 28, 28, 6, 5, 5, {1, 1, 2, 2, 1, 1}},   // LeNet-5 conv1
      {64, 16, 28, 28, 16, 3, 3, {1, 1, 1, 1, 1, 1}}, // ResNet-8 block1
      {64, 16, 28, 28, 32, 3, 3, {2, 2, 1, 1, 1, 1}}, // ResNet-8 block2
      {64, 32, 14, 14, 64, 1, 1, {2, 2, 0, 0, 1, 1}}, // ResNet-8 shortcut
  };
  for (int threads : {2, 1}) {
    axtrt_set_num_threads(threads);
    SCOPED_TRACE("threads " + std::to_string(threads));
    for (const Problem &q : layers)
      checkProblem(q, rng);
  }
  axtrt_set_num_threads(0);
}

// A given thread count gives the same bits every run, through im2col
// (4 channels) and, where the CPU has it, through the direct kernel (8).
TEST(Conv2dPaddedTest, RepeatableForAThreadCount) {
  std::mt19937 rng(11);
  for (int64_t channels : {4, 8}) {
    Problem q{16, channels, 12, 12, 8, 3, 3, {1, 1, 1, 1, 1, 1}};
    SCOPED_TRACE(q.text());
    Tensor x = makeTensor({q.N, q.C, q.H, q.W}, contiguous(), rng);
    Tensor dy = makeTensor({q.N, q.F, q.OH(), q.OW()}, contiguous(), rng);
    axtrt_set_num_threads(2);
    Tensor first = makeTensor({q.F, q.C, q.KH, q.KW}, contiguous(), rng);
    callBackwardFilter(x, dy, first, q.p);
    for (int i = 0; i < 5; ++i) {
      Tensor again = makeTensor({q.F, q.C, q.KH, q.KW}, contiguous(), rng);
      callBackwardFilter(x, dy, again, q.p);
      ASSERT_EQ(again.storage, first.storage);
    }
  }
  axtrt_set_num_threads(0);
}

// Nothing to sum (no samples, filters or channels): the output is zeros.
TEST(Conv2dPaddedTest, EmptySumsGiveZeros) {
  std::mt19937 rng(12);
  Params p;
  auto expectZeros = [](Tensor &t) {
    t.forEach([&](int64_t i, int64_t j, int64_t k, int64_t l) {
      EXPECT_EQ(t.at(i, j, k, l), 0.0f);
    });
  };
  Tensor x = makeTensor({0, 2, 5, 5}, contiguous(), rng);
  Tensor dy = makeTensor({0, 3, 3, 3}, contiguous(), rng);
  Tensor dw = makeTensor({3, 2, 3, 3}, contiguous(), rng);
  callBackwardFilter(x, dy, dw, p);
  expectZeros(dw);
  Tensor w = makeTensor({0, 2, 3, 3}, contiguous(), rng);
  Tensor dyNoFilters = makeTensor({2, 0, 3, 3}, contiguous(), rng);
  Tensor dx = makeTensor({2, 2, 5, 5}, contiguous(), rng);
  callBackwardInput(dyNoFilters, w, dx, p);
  expectZeros(dx);
  Tensor xNoChannels = makeTensor({2, 0, 5, 5}, contiguous(), rng);
  Tensor wNoChannels = makeTensor({3, 0, 3, 3}, contiguous(), rng);
  Tensor y = makeTensor({2, 3, 3, 3}, contiguous(), rng);
  callForward(xNoChannels, wNoChannels, y, p);
  expectZeros(y);
}

// Operands that do not make a convolution, or bad parameters: the output
// stays as it was.
TEST(Conv2dPaddedTest, InvalidOperandsWriteNothing) {
  std::mt19937 rng(13);
  Tensor x = makeTensor({2, 3, 6, 6}, contiguous(), rng);
  Tensor w = makeTensor({4, 3, 3, 3}, contiguous(), rng);
  Tensor dy = makeTensor({2, 4, 4, 4}, contiguous(), rng);
  Tensor wrongChannels = makeTensor({4, 2, 3, 3}, contiguous(), rng);
  Tensor wrongBatch = makeTensor({3, 4, 4, 4}, contiguous(), rng);
  Tensor dx = makeTensor({2, 3, 6, 6}, contiguous(), rng);
  Tensor dw = makeTensor({4, 3, 3, 3}, contiguous(), rng);
  Tensor y = makeTensor({2, 4, 4, 4}, contiguous(), rng);
  const std::vector<float> dxBefore = dx.storage, dwBefore = dw.storage,
                           yBefore = y.storage, dyBefore = dy.storage,
                           wrongBatchBefore = wrongBatch.storage;
  Params bad[] = {{0, 1, 0, 0, 1, 1}, {1, 1, -1, 0, 1, 1}, {1, 1, 0, 0, 1, 0}};
  for (const Params &p : bad) {
    callForward(x, w, y, p);
    callBackwardInput(dy, w, dx, p);
    callBackwardFilter(x, dy, dw, p);
  }
  Params p;
  callForward(x, wrongChannels, y, p);
  callForward(x, w, wrongBatch, p);
  callBackwardInput(dy, wrongChannels, dx, p);
  callBackwardInput(wrongBatch, w, dx, p);
  callBackwardFilter(x, wrongBatch, dw, p);
  callBackwardFilter(x, dy, wrongChannels, p);
  axtrt_memref4d_f32 d = dy.desc(), wd = w.desc(), xd = dx.desc();
  _mlir_ciface_axtrt_conv2d_backward_input_f32(nullptr, &wd, &xd, 1, 1, 0, 0, 1,
                                               1);
  _mlir_ciface_axtrt_conv2d_backward_filter_f32(&xd, &d, nullptr, 1, 1, 0, 0, 1,
                                                1);
  _mlir_ciface_axtrt_conv2d_forward_f32(&xd, nullptr, &d, 1, 1, 0, 0, 1, 1);
  EXPECT_EQ(dx.storage, dxBefore);
  EXPECT_EQ(dw.storage, dwBefore);
  EXPECT_EQ(y.storage, yBefore);
  EXPECT_EQ(dy.storage, dyBefore);
  EXPECT_EQ(wrongBatch.storage, wrongBatchBefore);
}

} // namespace
