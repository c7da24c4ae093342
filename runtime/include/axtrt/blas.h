/* Which OpenBLAS kernels the runtime's matrix products run on. */
#ifndef AXTRT_BLAS_H
#define AXTRT_BLAS_H

#include "axtrt/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* OpenBLAS's name for the kernels it chose when it loaded ("Haswell",
   "SkylakeX", "Cooperlake", ...): its own pick for the CPU, or the one the
   environment variable OPENBLAS_CORETYPE names. */
AXTRT_API const char *axtrt_blas_kernels(void);

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_BLAS_H */
