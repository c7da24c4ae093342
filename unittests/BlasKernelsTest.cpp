// The name of the OpenBLAS kernels in use (axtrt/blas.h).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <strings.h>

#include "axtrt/blas.h"

namespace {

TEST(BlasKernels, NamesTheKernelsOpenBlasChose) {
  const char *kernels = axtrt_blas_kernels();
  ASSERT_NE(kernels, nullptr);
  EXPECT_GT(std::strlen(kernels), 0u);
  // OpenBLAS takes a forced choice case-insensitively and names it in its
  // own spelling.
  if (const char *forced = std::getenv("OPENBLAS_CORETYPE")) {
    EXPECT_EQ(strcasecmp(kernels, forced), 0) << forced;
  }
}

} // namespace
