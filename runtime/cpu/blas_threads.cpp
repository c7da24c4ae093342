// Thread count of the BLAS library used by the matmul kernels.
#include "axtrt/matmul.h"

#include <cblas.h>

extern "C" void axtrt_set_num_threads(int n) {
  openblas_set_num_threads(n > 0 ? n : openblas_get_num_procs());
}

extern "C" int axtrt_get_num_threads(void) { return openblas_get_num_threads(); }
