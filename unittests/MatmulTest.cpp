// Tests for the strided matmul kernel (_mlir_ciface_axtrt_matmul_f32)
// against a double-precision reference.
#include "axtrt/matmul.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

// Fills storage outside the view, so stray writes are detected.
constexpr float kSentinel = -12345.0f;

// A strided 2-D view into its own storage, like an MLIR memref.
struct Strided {
  int64_t rows = 0, cols = 0, offset = 0, s0 = 0, s1 = 0;
  std::vector<float> storage;

  float &at(int64_t i, int64_t j) { return storage[offset + i * s0 + j * s1]; }
  axtrt_memref2d_f32 desc() {
    // allocated differs from aligned in real memrefs; the kernel must only
    // use aligned + offset.
    return {nullptr, storage.data(), offset, {rows, cols}, {s0, s1}};
  }
  std::vector<bool> inView() const {
    std::vector<bool> mask(storage.size(), false);
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j)
        mask[offset + i * s0 + j * s1] = true;
    return mask;
  }
};

// Builds a view with the given strides (any sign) and extra leading offset;
// elements get random values in [-1, 1], everything else the sentinel.
Strided makeStrided(int64_t rows, int64_t cols, int64_t s0, int64_t s1,
                    int64_t extraOffset, std::mt19937 &rng) {
  Strided m;
  m.rows = rows;
  m.cols = cols;
  m.s0 = s0;
  m.s1 = s1;
  // Strides of empty or unit dimensions never move the address.
  int64_t spanRows = rows > 1 ? (rows - 1) * s0 : 0;
  int64_t spanCols = cols > 1 ? (cols - 1) * s1 : 0;
  int64_t lo = std::min<int64_t>(0, spanRows) + std::min<int64_t>(0, spanCols);
  int64_t hi = std::max<int64_t>(0, spanRows) + std::max<int64_t>(0, spanCols);
  m.offset = extraOffset - lo;
  m.storage.assign(m.offset + hi + 4, kSentinel);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      m.at(i, j) = dist(rng);
  return m;
}

enum class Layout { RowMajor, ColMajor };

const char *name(Layout l) { return l == Layout::RowMajor ? "row" : "col"; }

// A row- or column-major view with `pad` unused elements per leading
// dimension. With oddUnitStrides, a dimension of size 1 gets an arbitrary
// stride, which is legal since it is never used.
Strided makeMatrix(int64_t rows, int64_t cols, Layout layout, int64_t pad,
                   int64_t offset, bool oddUnitStrides, std::mt19937 &rng) {
  int64_t s0 = layout == Layout::RowMajor ? cols + pad : 1;
  int64_t s1 = layout == Layout::RowMajor ? 1 : rows + pad;
  if (oddUnitStrides) {
    const int64_t odd[] = {0, 1, 1000, -3, 7};
    if (rows == 1)
      s0 = odd[rng() % 5];
    if (cols == 1)
      s1 = odd[rng() % 5];
  }
  return makeStrided(rows, cols, s0, s1, offset, rng);
}

// Runs C += A * B and checks it against a double-precision loop: each
// element within 1e-5 relative to the magnitudes summed, A and B unchanged,
// and nothing outside the C view written.
void checkMatmul(Strided &a, Strided &b, Strided &c) {
  const int64_t M = c.rows, N = c.cols, K = a.cols;
  ASSERT_EQ(a.rows, M);
  ASSERT_EQ(b.rows, K);
  ASSERT_EQ(b.cols, N);
  std::vector<double> expected(M * N), tolerance(M * N);
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      double sum = c.at(i, j), magnitude = std::fabs(sum);
      for (int64_t k = 0; k < K; ++k) {
        double p = double(a.at(i, k)) * double(b.at(k, j));
        sum += p;
        magnitude += std::fabs(p);
      }
      expected[i * N + j] = sum;
      tolerance[i * N + j] = 1e-5 * magnitude;
    }
  const std::vector<float> aBefore = a.storage, bBefore = b.storage,
                           cBefore = c.storage;

  axtrt_memref2d_f32 da = a.desc(), db = b.desc(), dc = c.desc();
  _mlir_ciface_axtrt_matmul_f32(&da, &db, &dc);

  EXPECT_EQ(a.storage, aBefore) << "A was modified";
  EXPECT_EQ(b.storage, bBefore) << "B was modified";
  std::vector<bool> mask = c.inView();
  for (size_t idx = 0; idx < c.storage.size(); ++idx) {
    if (!mask[idx]) {
      ASSERT_EQ(c.storage[idx], cBefore[idx]) << "write outside C at " << idx;
    }
  }
  int failures = 0;
  for (int64_t i = 0; i < M && failures < 5; ++i)
    for (int64_t j = 0; j < N && failures < 5; ++j) {
      double got = c.at(i, j), want = expected[i * N + j];
      if (!(std::fabs(got - want) <= tolerance[i * N + j])) {
        ADD_FAILURE() << "C(" << i << ", " << j << ") = " << got
                      << ", expected " << want;
        ++failures;
      }
    }
}

std::string shapeTrace(const Strided &a, const Strided &b, const Strided &c) {
  auto one = [](const char *n, const Strided &m) {
    return std::string(n) + "[" + std::to_string(m.rows) + "x" +
           std::to_string(m.cols) + " off " + std::to_string(m.offset) +
           " strides " + std::to_string(m.s0) + "," + std::to_string(m.s1) + "] ";
  };
  return one("A", a) + one("B", b) + one("C", c);
}

// Parameter: layouts of A, B and C.
struct Layouts {
  Layout a, b, c;
};

// Also names the ctest tests (".../Arow_Bcol_Crow").
void PrintTo(const Layouts &l, std::ostream *os) {
  *os << "A" << name(l.a) << "_B" << name(l.b) << "_C" << name(l.c);
}

std::vector<Layouts> allLayouts() {
  std::vector<Layouts> out;
  for (Layout a : {Layout::RowMajor, Layout::ColMajor})
    for (Layout b : {Layout::RowMajor, Layout::ColMajor})
      for (Layout c : {Layout::RowMajor, Layout::ColMajor})
        out.push_back({a, b, c});
  return out;
}

class MatmulLayoutTest : public ::testing::TestWithParam<Layouts> {
protected:
  void run(int64_t M, int64_t N, int64_t K, int64_t pad, int64_t offset,
           bool oddUnitStrides) {
    const Layouts &l = GetParam();
    Strided a = makeMatrix(M, K, l.a, pad, offset, oddUnitStrides, rng);
    Strided b = makeMatrix(K, N, l.b, pad + 1, offset + 2, oddUnitStrides, rng);
    Strided c = makeMatrix(M, N, l.c, pad, offset + 1, oddUnitStrides, rng);
    SCOPED_TRACE(shapeTrace(a, b, c));
    checkMatmul(a, b, c);
  }

  std::mt19937 rng{1234};
};

TEST_P(MatmulLayoutTest, FixedShapes) {
  const int64_t shapes[][3] = {
      {0, 0, 0}, {0, 5, 3},  {4, 0, 3},   {4, 5, 0},    {1, 1, 1},
      {1, 7, 1}, {7, 1, 5},  {1, 1, 9},   {5, 1, 1},    {1, 6, 4},
      {2, 3, 1}, {3, 2, 2},  {13, 17, 19}, {64, 33, 47}, {31, 1, 64},
      {1, 40, 29}, {100, 100, 100}};
  for (const auto &s : shapes)
    for (int64_t pad : {0, 3})
      for (int64_t offset : {0, 5})
        run(s[0], s[1], s[2], pad, offset, /*oddUnitStrides=*/false);
}

TEST_P(MatmulLayoutTest, RandomShapes) {
  std::uniform_int_distribution<int64_t> size(0, 37), small(0, 4);
  for (int iter = 0; iter < 40; ++iter)
    run(size(rng), size(rng), size(rng), small(rng), small(rng), false);
}

TEST_P(MatmulLayoutTest, UnitDimsWithArbitraryStrides) {
  const int64_t shapes[][3] = {{1, 1, 1}, {1, 8, 1}, {8, 1, 1}, {1, 1, 8},
                               {1, 8, 8}, {8, 1, 8}, {8, 8, 1}, {1, 5, 3}};
  for (int rep = 0; rep < 4; ++rep)
    for (const auto &s : shapes)
      run(s[0], s[1], s[2], rep % 2, rep, /*oddUnitStrides=*/true);
}

// Big enough (over 2M multiply-adds) to be shared out over threads: by the
// rows of C when it has more rows than columns, by its columns otherwise.
TEST_P(MatmulLayoutTest, SharedOutOverThreads) {
  const int saved = axtrt_get_num_threads();
  axtrt_set_num_threads(2);
  run(150, 90, 200, 1, 2, false); // rows
  run(40, 260, 300, 0, 3, false); // columns
  run(3, 2, 400000, 0, 0, false); // three rows, a long reduction
  axtrt_set_num_threads(saved);
}

INSTANTIATE_TEST_SUITE_P(AllLayouts, MatmulLayoutTest,
                         ::testing::ValuesIn(allLayouts()));

// Views BLAS cannot take, so the plain loop computes them.
TEST(MatmulTest, GeneralStridesUseFallback) {
  std::mt19937 rng(99);
  const int64_t M = 9, N = 11, K = 7;
  {
    SCOPED_TRACE("every other element");
    Strided a = makeStrided(M, K, 2 * K + 1, 2, 3, rng);
    Strided b = makeStrided(K, N, 3, 3 * K + 2, 0, rng);
    Strided c = makeStrided(M, N, 3 * N, 3, 1, rng);
    checkMatmul(a, b, c);
  }
  {
    SCOPED_TRACE("row-major C, general A");
    Strided a = makeStrided(M, K, 2, 2 * M, 0, rng);
    Strided b = makeStrided(K, N, N, 1, 0, rng);
    Strided c = makeStrided(M, N, N, 1, 0, rng);
    checkMatmul(a, b, c);
  }
  {
    SCOPED_TRACE("negative strides (reversed views)");
    Strided a = makeStrided(M, K, -K, 1, 2, rng);
    Strided b = makeStrided(K, N, 1, -K, 0, rng);
    Strided c = makeStrided(M, N, -1, -M, 4, rng);
    checkMatmul(a, b, c);
  }
  {
    SCOPED_TRACE("broadcast B (zero row stride)");
    Strided a = makeStrided(M, K, K, 1, 0, rng);
    Strided b = makeStrided(K, N, 0, 1, 0, rng);
    Strided c = makeStrided(M, N, 1, M, 0, rng);
    checkMatmul(a, b, c);
  }
  {
    SCOPED_TRACE("row stride smaller than the row");
    Strided a = makeStrided(M, K, K - 2, 1, 0, rng);
    Strided b = makeStrided(K, N, N, 1, 0, rng);
    Strided c = makeStrided(M, N, N, 1, 0, rng);
    checkMatmul(a, b, c);
  }
}

TEST(MatmulTest, LargeWithSeveralThreads) {
  int saved = axtrt_get_num_threads();
  axtrt_set_num_threads(2);
  std::mt19937 rng(5);
  Strided a = makeMatrix(257, 300, Layout::RowMajor, 3, 1, false, rng);
  Strided b = makeMatrix(300, 190, Layout::ColMajor, 0, 0, false, rng);
  Strided c = makeMatrix(257, 190, Layout::RowMajor, 1, 2, false, rng);
  checkMatmul(a, b, c);
  axtrt_set_num_threads(saved);
}

TEST(MatmulTest, NullDescriptorsAreIgnored) {
  axtrt_memref2d_f32 m{};
  _mlir_ciface_axtrt_matmul_f32(nullptr, &m, &m);
  _mlir_ciface_axtrt_matmul_f32(&m, nullptr, &m);
  _mlir_ciface_axtrt_matmul_f32(&m, &m, nullptr);
}

TEST(MatmulTest, ThreadCountRoundTrip) {
  int saved = axtrt_get_num_threads();
  EXPECT_GE(saved, 1);
  axtrt_set_num_threads(1);
  EXPECT_EQ(axtrt_get_num_threads(), 1);
  if (std::thread::hardware_concurrency() >= 2) {
    axtrt_set_num_threads(2);
    EXPECT_EQ(axtrt_get_num_threads(), 2);
  }
  axtrt_set_num_threads(0); // back to the default
  EXPECT_GE(axtrt_get_num_threads(), 1);
  axtrt_set_num_threads(saved);
  EXPECT_EQ(axtrt_get_num_threads(), saved);
}

} // namespace
