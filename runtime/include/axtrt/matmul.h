/* Matrix multiplication called from JIT-compiled MLIR code. */
#ifndef AXTRT_MATMUL_H
#define AXTRT_MATMUL_H

#include <stdint.h>

#include "axtrt/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Same layout as MLIR's descriptor for memref<?x?xf32> (StridedMemRefType<float, 2>):
   element (i, j) is aligned[offset + i*strides[0] + j*strides[1]]. */
typedef struct axtrt_memref2d_f32 {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
} axtrt_memref2d_f32;

/* C[M,N] += A[M,K] * B[K,N], through MLIR's C interface (llvm.emit_c_interface).
   Each operand is a strided view. Row-major (strides[1] == 1) and column-major
   (strides[0] == 1, i.e. transposed) views with any leading dimension go to
   cblas_sgemm with beta = 1; anything else (general strides, overlapping or
   negative strides) uses a plain loop. Shapes are assumed consistent (the
   compiler verified them); M, N or K may be 0. C must not alias A or B. */
AXTRT_API void _mlir_ciface_axtrt_matmul_f32(axtrt_memref2d_f32 *a,
                                             axtrt_memref2d_f32 *b,
                                             axtrt_memref2d_f32 *c);

/* Sets the number of threads the runtime's kernels use; n <= 0 means one
   per available core (the default). The kernels split their work over
   threads of their own and call BLAS single-threaded: the runtime sets
   OpenBLAS to one thread for the whole process on first use. */
AXTRT_API void axtrt_set_num_threads(int n);
/* Returns the number of threads the runtime's kernels use. */
AXTRT_API int axtrt_get_num_threads(void);

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_MATMUL_H */
