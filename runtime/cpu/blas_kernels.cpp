// Which OpenBLAS kernels run: benchmarks report it, since the GEMM
// throughput differs by about 2x between the AVX2 and AVX-512 kernels.
#include "axtrt/blas.h"

#include <cblas.h>

extern "C" const char *axtrt_blas_kernels(void) {
  return openblas_get_corename();
}
