/* Strided copies between memrefs, for JIT-compiled MLIR code. */
#ifndef AXTRT_MEMREF_COPY_H
#define AXTRT_MEMREF_COPY_H

#include <stdint.h>

#include "axtrt/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* MLIR's unranked memref: the rank and a pointer to a ranked descriptor
   { allocated, aligned, offset, sizes[rank], strides[rank] }. */
typedef struct axtrt_unranked_memref {
  int64_t rank;
  void *descriptor;
} axtrt_unranked_memref;

/* Copies every element of `src` into `dst` (same shape, any strides,
   elements of `element_size` bytes). The lowering of memref.copy between
   non-contiguous views calls this under the name `memrefCopy`. */
AXTRT_API void axtrt_memref_copy(int64_t element_size,
                                 axtrt_unranked_memref *src,
                                 axtrt_unranked_memref *dst);

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_MEMREF_COPY_H */
