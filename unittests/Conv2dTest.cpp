// Tests for the convolution kernel (_mlir_ciface_axtrt_conv2d_nchw_fchw_f32)
// against a double-precision reference.
#include "axtrt/conv.h"
#include "axtrt/matmul.h" // axtrt_set_num_threads

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "StridedTensor.h"

namespace {

using namespace strided;

struct ConvParams {
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
};

void callConv(Tensor &x, Tensor &w, Tensor &y, const ConvParams &p) {
  axtrt_memref4d_f32 dx = x.desc(), dw = w.desc(), dy = y.desc();
  _mlir_ciface_axtrt_conv2d_nchw_fchw_f32(&dx, &dw, &dy, p.strideH, p.strideW,
                                          p.dilationH, p.dilationW);
}

// Runs y += conv(x, w) and checks it against a double-precision loop: each
// element within 1e-5 relative to the magnitudes summed, x and w unchanged,
// and nothing outside the y view written.
void checkConv(Tensor &x, Tensor &w, Tensor &y, const ConvParams &p) {
  SCOPED_TRACE(describe("x", x) + describe("w", w) + describe("y", y) +
               "stride " + std::to_string(p.strideH) + "," +
               std::to_string(p.strideW) + " dilation " +
               std::to_string(p.dilationH) + "," + std::to_string(p.dilationW));
  const int64_t C = x.size[1], KH = w.size[2], KW = w.size[3];
  ASSERT_EQ(w.size[1], C);
  ASSERT_EQ(y.size[0], x.size[0]);
  ASSERT_EQ(y.size[1], w.size[0]);
  std::vector<double> expected, tolerance;
  y.forEach([&](int64_t n, int64_t f, int64_t oh, int64_t ow) {
    double sum = y.at(n, f, oh, ow), magnitude = std::fabs(sum);
    for (int64_t c = 0; c < C; ++c)
      for (int64_t kh = 0; kh < KH; ++kh)
        for (int64_t kw = 0; kw < KW; ++kw) {
          double prod = double(x.at(n, c, oh * p.strideH + kh * p.dilationH,
                                    ow * p.strideW + kw * p.dilationW)) *
                        double(w.at(f, c, kh, kw));
          sum += prod;
          magnitude += std::fabs(prod);
        }
    expected.push_back(sum);
    tolerance.push_back(1e-5 * magnitude);
  });
  const std::vector<float> xBefore = x.storage, wBefore = w.storage,
                           yBefore = y.storage;

  callConv(x, w, y, p);

  EXPECT_EQ(x.storage, xBefore) << "x was modified";
  EXPECT_EQ(w.storage, wBefore) << "w was modified";
  std::vector<bool> inView(y.storage.size(), false);
  y.forEach([&](int64_t i, int64_t j, int64_t k, int64_t l) {
    inView[y.index(i, j, k, l)] = true;
  });
  for (size_t i = 0; i < y.storage.size(); ++i) {
    if (!inView[i]) {
      ASSERT_EQ(y.storage[i], yBefore[i]) << "write outside y at " << i;
    }
  }
  int failures = 0;
  size_t idx = 0;
  y.forEach([&](int64_t n, int64_t f, int64_t oh, int64_t ow) {
    double got = y.at(n, f, oh, ow), want = expected[idx], tol = tolerance[idx];
    ++idx;
    if (!(std::fabs(got - want) <= tol) && failures++ < 5) {
      ADD_FAILURE() << "y(" << n << ", " << f << ", " << oh << ", " << ow
                    << ") = " << got << ", expected " << want;
    }
  });
}

// Output size along one dimension for an input of `in`, or 0 if the kernel
// does not fit.
int64_t outSize(int64_t in, int64_t k, int64_t stride, int64_t dilation) {
  int64_t span = (k - 1) * dilation + 1;
  return in < span ? 0 : (in - span) / stride + 1;
}

// A convolution of the given sizes, all operands in the given layouts.
void runConv(int64_t N, int64_t C, int64_t H, int64_t W, int64_t F, int64_t KH,
             int64_t KW, const ConvParams &p, std::mt19937 &rng,
             const Layout &lx = contiguous(), const Layout &lw = contiguous(),
             const Layout &ly = contiguous()) {
  int64_t OH = outSize(H, KH, p.strideH, p.dilationH);
  int64_t OW = outSize(W, KW, p.strideW, p.dilationW);
  ASSERT_GT(OH, 0);
  ASSERT_GT(OW, 0);
  Tensor x = makeTensor({N, C, H, W}, lx, rng);
  Tensor w = makeTensor({F, C, KH, KW}, lw, rng);
  Tensor y = makeTensor({N, F, OH, OW}, ly, rng);
  checkConv(x, w, y, p);
}

// Random valid convolution sizes (the kernel fits the input).
struct RandomConv {
  int64_t N, C, H, W, F, KH, KW;
  ConvParams p;
};

RandomConv randomConv(std::mt19937 &rng) {
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  for (;;) {
    RandomConv r;
    r.N = pick(1, 3);
    r.C = pick(1, 5);
    r.F = pick(1, 4);
    r.H = pick(1, 12);
    r.W = pick(1, 12);
    r.KH = pick(1, 4);
    r.KW = pick(1, 4);
    r.p = {pick(1, 3), pick(1, 3), pick(1, 2), pick(1, 2)};
    if (outSize(r.H, r.KH, r.p.strideH, r.p.dilationH) > 0 &&
        outSize(r.W, r.KW, r.p.strideW, r.p.dilationW) > 0)
      return r;
  }
}

TEST(Conv2dTest, RandomShapesContiguous) {
  std::mt19937 rng(1);
  for (int iter = 0; iter < 300; ++iter) {
    RandomConv r = randomConv(rng);
    runConv(r.N, r.C, r.H, r.W, r.F, r.KH, r.KW, r.p, rng);
  }
}

TEST(Conv2dTest, RandomShapesRandomLayouts) {
  std::mt19937 rng(2);
  for (int iter = 0; iter < 300; ++iter) {
    RandomConv r = randomConv(rng);
    runConv(r.N, r.C, r.H, r.W, r.F, r.KH, r.KW, r.p, rng,
            randomLayout(rng, true), randomLayout(rng, true),
            randomLayout(rng, true));
  }
}

// The input may be larger than the output needs; the rest is never read.
TEST(Conv2dTest, InputLargerThanNeeded) {
  std::mt19937 rng(3);
  Tensor x = makeTensor({2, 3, 11, 13}, contiguous(), rng);
  Tensor w = makeTensor({4, 3, 3, 2}, contiguous(), rng);
  for (Dims ySize : {Dims{2, 4, 5, 7}, Dims{2, 4, 1, 1}, Dims{2, 4, 9, 12}}) {
    Tensor y = makeTensor(ySize, contiguous(), rng);
    checkConv(x, w, y, {});
  }
  Tensor y = makeTensor({2, 4, 3, 4}, contiguous(), rng);
  checkConv(x, w, y, {3, 2, 2, 3});
}

TEST(Conv2dTest, OneByOneKernels) {
  std::mt19937 rng(4);
  for (int64_t s : {1, 2, 3})
    for (int64_t hw : {1, 5, 14, 28, 33}) {
      if (hw < s)
        continue;
      runConv(2, 7, hw, hw, 5, 1, 1, {s, s, 1, 1}, rng);
      runConv(3, 1, hw, hw + 1, 1, 1, 1, {s, 1, 2, 2}, rng);
    }
  // Spare rows or columns in the input, and rows with padded strides.
  {
    Tensor x = makeTensor({2, 6, 30, 29}, contiguous(), rng);
    Tensor w = makeTensor({3, 6, 1, 1}, contiguous(), rng);
    Tensor y = makeTensor({2, 3, 28, 29}, contiguous(), rng);
    checkConv(x, w, y, {});
    Tensor y2 = makeTensor({2, 3, 30, 28}, contiguous(), rng);
    checkConv(x, w, y2, {});
  }
  Layout padded;
  padded.pad = {1, 3, 0, 2};
  runConv(2, 4, 28, 28, 3, 1, 1, {}, rng, padded, padded, padded);
}

// The layers of the networks the kernel is tuned for, with small batches.
TEST(Conv2dTest, LeNet5Shapes) {
  std::mt19937 rng(5);
  runConv(3, 1, 32, 32, 6, 5, 5, {}, rng);  // conv1 on padded 28x28
  runConv(3, 6, 14, 14, 16, 5, 5, {}, rng); // conv2
}

TEST(Conv2dTest, ResNet8Shapes) {
  std::mt19937 rng(6);
  const ConvParams s1{1, 1, 1, 1}, s2{2, 2, 1, 1};
  runConv(2, 1, 30, 30, 16, 3, 3, s1, rng);  // stem
  runConv(2, 16, 30, 30, 16, 3, 3, s1, rng); // stage 1
  runConv(2, 16, 30, 30, 32, 3, 3, s2, rng); // stage 2 down
  runConv(2, 32, 16, 16, 32, 3, 3, s1, rng); // stage 2
  runConv(2, 16, 28, 28, 32, 1, 1, s2, rng); // stage 2 projection
  runConv(2, 32, 16, 16, 64, 3, 3, s2, rng); // stage 3 down
  runConv(4, 64, 9, 9, 64, 3, 3, s1, rng);   // stage 3
  runConv(16, 64, 9, 9, 64, 3, 3, s1, rng);  // several samples per GEMM
  runConv(4, 32, 14, 14, 64, 1, 1, s2, rng); // stage 3 projection
}

TEST(Conv2dTest, ManyThreads) {
  int saved = axtrt_get_num_threads();
  axtrt_set_num_threads(2);
  std::mt19937 rng(7);
  runConv(4, 16, 30, 30, 16, 3, 3, {}, rng);
  runConv(4, 32, 16, 16, 64, 3, 3, {2, 2, 1, 1}, rng);
  // One sample, its rows shared out.
  runConv(1, 32, 30, 30, 16, 3, 3, {}, rng);
  runConv(1, 64, 28, 28, 64, 1, 1, {}, rng);
  axtrt_set_num_threads(saved);
}

// Scratch memory is per thread, and only one call at a time splits its work
// over threads of its own (the others run serially), so concurrent calls
// must not interfere.
TEST(Conv2dTest, ConcurrentCallers) {
  std::vector<std::thread> threads;
  std::vector<int> failures(3, 0);
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([t, &failures] {
      std::mt19937 rng(100 + t);
      for (int iter = 0; iter < 24; ++iter) {
        RandomConv r = randomConv(rng);
        if (iter % 3 == 0) // big enough to be split over threads
          r = {2, 16, 30, 30, 16, 3, 3, {1, 1, 1, 1}};
        int64_t OH = outSize(r.H, r.KH, r.p.strideH, r.p.dilationH);
        int64_t OW = outSize(r.W, r.KW, r.p.strideW, r.p.dilationW);
        Tensor x = makeTensor({r.N, r.C, r.H, r.W}, contiguous(), rng);
        Tensor w = makeTensor({r.F, r.C, r.KH, r.KW}, contiguous(), rng);
        Tensor y = makeTensor({r.N, r.F, OH, OW}, contiguous(), rng);
        Tensor want = y; // computed in double below, compared loosely
        y.forEach([&](int64_t n, int64_t f, int64_t oh, int64_t ow) {
          double sum = want.at(n, f, oh, ow);
          for (int64_t c = 0; c < r.C; ++c)
            for (int64_t kh = 0; kh < r.KH; ++kh)
              for (int64_t kw = 0; kw < r.KW; ++kw)
                sum += double(x.at(n, c, oh * r.p.strideH + kh * r.p.dilationH,
                                   ow * r.p.strideW + kw * r.p.dilationW)) *
                       double(w.at(f, c, kh, kw));
          want.at(n, f, oh, ow) = float(sum);
        });
        callConv(x, w, y, r.p);
        y.forEach([&](int64_t n, int64_t f, int64_t oh, int64_t ow) {
          float a = y.at(n, f, oh, ow), b = want.at(n, f, oh, ow);
          if (!(std::fabs(a - b) <= 1e-4f * (1.0f + std::fabs(b))))
            ++failures[t];
        });
      }
    });
  for (auto &th : threads)
    th.join();
  for (int t = 0; t < 3; ++t)
    EXPECT_EQ(failures[t], 0) << "thread " << t;
}

void runFilterGradient(int64_t N, int64_t C, int64_t H, int64_t F, int64_t K,
                       int64_t stride, bool views, std::mt19937 &rng);

// One thread of our own: everything serial, whatever the plan.
TEST(Conv2dTest, SingleThread) {
  int saved = axtrt_get_num_threads();
  axtrt_set_num_threads(1);
  std::mt19937 rng(16);
  runConv(4, 16, 30, 30, 16, 3, 3, {}, rng);
  runConv(16, 64, 9, 9, 64, 3, 3, {}, rng);
  runFilterGradient(64, 3, 30, 4, 3, 1, true, rng);
  axtrt_set_num_threads(saved);
}

// A forked child inherits the helper-thread pool but not its threads; its
// convolutions must still complete (serially), and so must its exit.
#if defined(__SANITIZE_THREAD__)
#define AXT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define AXT_TSAN 1
#endif
#endif

TEST(Conv2dDeathTest, WorksInForkedChild) {
#ifdef AXT_TSAN
  GTEST_SKIP() << "ThreadSanitizer stops a forked child that starts threads "
                  "(as OpenBLAS does)";
#endif
  GTEST_FLAG_SET(death_test_style, "fast"); // fork without exec
  int saved = axtrt_get_num_threads();
  axtrt_set_num_threads(2);
  std::mt19937 rng(17);
  runConv(4, 16, 30, 30, 16, 3, 3, {}, rng); // starts the helpers
  EXPECT_EXIT(
      {
        std::mt19937 childRng(18);
        runConv(4, 16, 30, 30, 16, 3, 3, {}, childRng);
        std::exit(::testing::Test::HasFailure() ? 1 : 0);
      },
      ::testing::ExitedWithCode(0), "");
  axtrt_set_num_threads(saved);
}

// Permuted, padded, offset and reversed views of each operand.
TEST(Conv2dTest, NonContiguousViews) {
  std::mt19937 rng(8);
  Layout nhwc;
  nhwc.order = {0, 2, 3, 1};
  Layout hwio; // w stored as [KH, KW, C, F]
  hwio.order = {2, 3, 1, 0};
  Layout cnhw; // batch and channels swapped
  cnhw.order = {1, 0, 2, 3};
  Layout padded;
  padded.pad = {2, 1, 3, 5};
  padded.offset = 11;
  Layout flipped; // w with reversed spatial dimensions, as for backprop
  flipped.reversed = {false, false, true, true};
  Layout strangers;
  strangers.order = {3, 1, 0, 2};
  strangers.pad = {1, 0, 2, 1};
  strangers.offset = 3;
  strangers.reversed = {true, false, false, true};
  const Layout layouts[] = {contiguous(), nhwc,    hwio,     cnhw,
                            padded,       flipped, strangers};
  const ConvParams params[] = {{1, 1, 1, 1}, {2, 2, 1, 1}, {1, 2, 2, 1}};
  for (const Layout &lx : layouts)
    for (const Layout &lw : layouts)
      for (const Layout &ly : layouts)
        for (const ConvParams &p : params)
          runConv(2, 3, 9, 10, 4, 3, 2, p, rng, lx, lw, ly);
  // Bigger, so the per-sample and 1x1 paths see views too.
  for (const Layout &l : layouts) {
    runConv(2, 5, 30, 30, 6, 3, 3, {}, rng, l, l, l);
    runConv(2, 5, 28, 28, 6, 1, 1, {}, rng, l, l, l);
    runConv(2, 5, 28, 28, 6, 1, 1, {}, rng, contiguous(), contiguous(), l);
    runConv(2, 5, 28, 28, 6, 1, 1, {}, rng, l, contiguous(), contiguous());
  }
}

// y as a window of a larger buffer: everything around it must stay as it is
// (checkConv compares the whole storage).
TEST(Conv2dTest, OutputWindowInLargerBuffer) {
  std::mt19937 rng(9);
  for (bool big : {false, true}) {
    const int64_t N = 2, C = 3, F = 4, H = big ? 30 : 8, W = big ? 31 : 9;
    const int64_t OH = H - 2, OW = W - 2;
    Tensor x = makeTensor({N, C, H, W}, contiguous(), rng);
    Tensor w = makeTensor({F, C, 3, 3}, contiguous(), rng);
    // A [N+1, F+2, OH+3, OW+4] buffer with y at (0, 1, 2, 1).
    Tensor outer =
        makeTensor({N + 1, F + 2, OH + 3, OW + 4}, contiguous(), rng);
    Tensor y = outer;
    y.size = {N, F, OH, OW};
    y.offset = outer.index(0, 1, 2, 1);
    checkConv(x, w, y, {});
  }
}

TEST(Conv2dTest, AccumulatesIntoY) {
  std::mt19937 rng(10);
  Tensor x = makeTensor({2, 3, 12, 12}, contiguous(), rng);
  Tensor w = makeTensor({4, 3, 3, 3}, contiguous(), rng);
  Tensor zero = makeTensor({2, 4, 10, 10}, contiguous(), rng);
  std::fill(zero.storage.begin(), zero.storage.end(), 0.0f);
  Tensor once = zero;
  callConv(x, w, once, {});
  Tensor twice = once;
  callConv(x, w, twice, {});
  for (size_t i = 0; i < once.storage.size(); ++i)
    EXPECT_NEAR(twice.storage[i], 2 * once.storage[i],
                1e-5 * (1 + std::fabs(once.storage[i])));
  // And on top of arbitrary values.
  Tensor y = makeTensor({2, 4, 10, 10}, contiguous(), rng);
  for (float &v : y.storage)
    v *= 100.0f;
  checkConv(x, w, y, {});
}

// Empty operands: nothing to add, and nothing may be read or written.
TEST(Conv2dTest, ZeroSizes) {
  std::mt19937 rng(11);
  struct Case {
    Dims x, w, y;
  };
  const Case cases[] = {
      {{0, 3, 5, 5}, {2, 3, 3, 3}, {0, 2, 3, 3}}, // N = 0
      {{2, 0, 5, 5}, {2, 0, 3, 3}, {2, 2, 3, 3}}, // C = 0: y unchanged
      {{2, 3, 5, 5}, {0, 3, 3, 3}, {2, 0, 3, 3}}, // F = 0
      {{2, 3, 5, 5}, {2, 3, 3, 3}, {2, 2, 0, 3}}, // OH = 0
      {{2, 3, 5, 5}, {2, 3, 3, 3}, {2, 2, 3, 0}}, // OW = 0
      {{2, 3, 5, 5}, {2, 3, 0, 3}, {2, 2, 5, 3}}, // KH = 0
      {{2, 3, 5, 5}, {2, 3, 3, 0}, {2, 2, 3, 5}}, // KW = 0
      {{2, 3, 0, 0}, {2, 3, 3, 3}, {2, 2, 0, 0}}, // empty image
  };
  for (const Case &c : cases) {
    Tensor x = makeTensor(c.x, contiguous(), rng);
    Tensor w = makeTensor(c.w, contiguous(), rng);
    Tensor y = makeTensor(c.y, contiguous(), rng);
    const std::vector<float> before = y.storage;
    callConv(x, w, y, {});
    EXPECT_EQ(y.storage, before);
  }
}

// Operands that do not make a valid convolution leave y untouched; x is
// allocated to exactly its view, so a read past it is an out-of-bounds read
// (caught by sanitizers).
TEST(Conv2dTest, InvalidOperandsWriteNothing) {
  std::mt19937 rng(12);
  auto expectNoWrite = [&](Dims xs, Dims ws, Dims ys, ConvParams p) {
    Tensor x = makeTensor(xs, contiguous(), rng);
    x.storage.resize(size_t(x.elements()));
    Tensor w = makeTensor(ws, contiguous(), rng);
    Tensor y = makeTensor(ys, contiguous(), rng);
    const std::vector<float> before = y.storage;
    callConv(x, w, y, p);
    EXPECT_EQ(y.storage, before)
        << describe("x", x) << describe("w", w) << describe("y", y);
  };
  // Input one row or column too small.
  expectNoWrite({2, 3, 7, 8}, {4, 3, 3, 3}, {2, 4, 6, 6}, {});
  expectNoWrite({2, 3, 8, 7}, {4, 3, 3, 3}, {2, 4, 6, 6}, {});
  expectNoWrite({2, 3, 8, 8}, {4, 3, 3, 3}, {2, 4, 4, 3}, {2, 2, 1, 1});
  expectNoWrite({2, 3, 9, 8}, {4, 3, 3, 3}, {2, 4, 6, 6}, {1, 1, 2, 1});
  expectNoWrite({1, 1, 28, 28}, {1, 1, 1, 1}, {1, 1, 15, 14}, {2, 2, 1, 1});
  expectNoWrite({1, 1, 2, 2}, {1, 1, 3, 3}, {1, 1, 1, 1}, {});
  // Sizes that disagree between the operands.
  expectNoWrite({2, 3, 8, 8}, {4, 2, 3, 3}, {2, 4, 6, 6}, {});
  expectNoWrite({2, 3, 8, 8}, {4, 3, 3, 3}, {3, 4, 6, 6}, {});
  expectNoWrite({2, 3, 8, 8}, {4, 3, 3, 3}, {2, 5, 6, 6}, {});
  // Strides and dilations below 1.
  expectNoWrite({2, 3, 8, 8}, {4, 3, 3, 3}, {2, 4, 6, 6}, {0, 1, 1, 1});
  expectNoWrite({2, 3, 8, 8}, {4, 3, 3, 3}, {2, 4, 6, 6}, {1, -1, 1, 1});
  expectNoWrite({2, 3, 8, 8}, {4, 3, 3, 3}, {2, 4, 6, 6}, {1, 1, 0, 1});
  expectNoWrite({2, 3, 8, 8}, {4, 3, 3, 3}, {2, 4, 6, 6}, {1, 1, 1, -2});
  // Sizes that overflow when multiplied.
  expectNoWrite({1, 1, 8, 8}, {1, 1, 3, 3}, {1, 1, 6, 6},
                {INT64_MAX / 2, 1, 1, 1});
  // Zero strides (broadcast views) with sizes whose product overflows.
  {
    float xv = 1.0f, wv = 1.0f, yv = 5.0f;
    const int64_t huge = int64_t(1) << 62;
    axtrt_memref4d_f32 dx{nullptr, &xv, 0, {huge, 1, 4, 4}, {0, 0, 0, 0}};
    axtrt_memref4d_f32 dw{nullptr, &wv, 0, {1, 1, 1, 1}, {0, 0, 0, 0}};
    axtrt_memref4d_f32 dy{nullptr, &yv, 0, {huge, 1, 4, 4}, {0, 0, 0, 0}};
    _mlir_ciface_axtrt_conv2d_nchw_fchw_f32(&dx, &dw, &dy, 1, 1, 1, 1);
    EXPECT_EQ(yv, 5.0f);
  }
  // Negative sizes.
  {
    Tensor x = makeTensor({2, 3, 8, 8}, contiguous(), rng);
    Tensor w = makeTensor({4, 3, 3, 3}, contiguous(), rng);
    Tensor y = makeTensor({2, 4, 6, 6}, contiguous(), rng);
    const std::vector<float> before = y.storage;
    axtrt_memref4d_f32 dx = x.desc(), dw = w.desc(), dy = y.desc();
    dx.sizes[2] = -8;
    _mlir_ciface_axtrt_conv2d_nchw_fchw_f32(&dx, &dw, &dy, 1, 1, 1, 1);
    dx = x.desc();
    dy.sizes[3] = -1;
    _mlir_ciface_axtrt_conv2d_nchw_fchw_f32(&dx, &dw, &dy, 1, 1, 1, 1);
    EXPECT_EQ(y.storage, before);
  }
}

TEST(Conv2dTest, NullDescriptorsAreIgnored) {
  axtrt_memref4d_f32 m{};
  _mlir_ciface_axtrt_conv2d_nchw_fchw_f32(nullptr, &m, &m, 1, 1, 1, 1);
  _mlir_ciface_axtrt_conv2d_nchw_fchw_f32(&m, nullptr, &m, 1, 1, 1, 1);
  _mlir_ciface_axtrt_conv2d_nchw_fchw_f32(&m, &m, nullptr, 1, 1, 1, 1);
}

// Samples too big for one column matrix are split into ranges of rows and
// of input channels, written straight into y or through a temporary, or,
// with few rows, their channels are shared out between threads (with the
// kernel's budget of 512 KB per column matrix).
TEST(Conv2dTest, LargeSamplesAreSplit) {
  std::mt19937 rng(13);
  Layout nhwc;
  nhwc.order = {0, 2, 3, 1};
  runConv(2, 150, 7, 200, 3, 3, 3, {}, rng);
  runConv(2, 150, 7, 200, 3, 3, 3, {}, rng, contiguous(), contiguous(), nhwc);
  runConv(1, 600, 5, 130, 2, 2, 3, {1, 1, 2, 1}, rng);
}

// The filter gradient written as a convolution, the way the compiler lowers
// it: x and the output gradient dy with batch and channels swapped, dy as
// the kernel, and the forward stride as the dilation. The transposes may be
// views (strided) or copies (contiguous). The kernel is then larger than
// the output, and the sum runs over the whole batch.
void runFilterGradient(int64_t N, int64_t C, int64_t H, int64_t F, int64_t K,
                       int64_t stride, bool views, std::mt19937 &rng) {
  Layout swapped;
  swapped.order = {1, 0, 2, 3};
  const Layout &l = views ? swapped : contiguous();
  const int64_t O = (H - K) / stride + 1;
  // The extent the correlation covers, which may exceed K.
  const int64_t KF = H - (O - 1) * stride;
  Tensor xt = makeTensor({C, N, H, H}, l, rng);    // x^T
  Tensor dyt = makeTensor({F, N, O, O}, l, rng);   // dy^T
  Tensor dwt = makeTensor({C, F, KF, KF}, l, rng); // dW^T
  checkConv(xt, dyt, dwt, {1, 1, stride, stride});
}

TEST(Conv2dTest, FilterGradientAsConvolution) {
  std::mt19937 rng(14);
  for (bool views : {true, false})
    for (int64_t s : {1, 2}) {
      runFilterGradient(3, 4, 11, 5, 3, s, views, rng);
      runFilterGradient(2, 3, 9, 2, 1, s, views, rng);
    }
}

// At full batch the reduction is long enough to be split over the input
// channels (here the batch), each part accumulating into the result.
TEST(Conv2dTest, FilterGradientFullBatch) {
  std::mt19937 rng(15);
  runFilterGradient(64, 3, 30, 4, 3, 1, true, rng);  // ResNet-8 stage 1
  runFilterGradient(64, 2, 30, 3, 3, 2, false, rng); // stage 2, down
  runFilterGradient(64, 1, 32, 6, 5, 1, true, rng);  // LeNet-5 conv1
  runFilterGradient(64, 2, 14, 3, 1, 2, true, rng);  // 1x1 projection
}

// When the reduction is split over threads, each thread sums a fixed set of
// channel chunks and the parts are added in thread order: a given thread
// count gives the same bits every call, however the threads are timed.
TEST(Conv2dTest, SplitReductionIsRepeatable) {
  const int saved = axtrt_get_num_threads();
  axtrt_set_num_threads(2);
  std::mt19937 rng(17);
  // LeNet-5 conv1's filter gradient as a convolution at batch 64: the
  // "input channels" are the batch, and with one output row chunk (5 rows)
  // the sum over them is what the threads split.
  Tensor xt = makeTensor({1, 64, 32, 32}, contiguous(), rng);
  Tensor dyt = makeTensor({6, 64, 28, 28}, contiguous(), rng);
  Tensor first = makeTensor({1, 6, 5, 5}, contiguous(), rng);
  const std::vector<float> start = first.storage;
  callConv(xt, dyt, first, {});
  for (int i = 0; i < 10; ++i) {
    Tensor again = first;
    again.storage = start;
    callConv(xt, dyt, again, {});
    ASSERT_EQ(again.storage, first.storage) << "call " << i;
  }
  axtrt_set_num_threads(saved);
}

} // namespace
