/* Reader for IDX files (the format of MNIST / Fashion-MNIST), plain or gzip. */
#ifndef AXTRT_IDX_H
#define AXTRT_IDX_H

#include <stddef.h>
#include <stdint.h>

#include "axtrt/api.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AXTRT_IDX_MAX_RANK 4

typedef struct axtrt_idx_file {
  int32_t rank;                     /* 1 .. AXTRT_IDX_MAX_RANK */
  int64_t dims[AXTRT_IDX_MAX_RANK]; /* dims[0..rank), all > 0; the rest are 0 */
  int64_t size;                     /* product of the dims = bytes in data */
  uint8_t *data;                    /* row-major payload, released by axtrt_idx_free */
} axtrt_idx_file;

/* Reads an unsigned-byte IDX file (magic 0x000008RR, R = rank in 1..4,
   followed by R big-endian uint32 dims and the payload). The file may be
   gzip-compressed or not; this is detected from its contents. The payload
   must be at most 2^31 bytes and match the dims exactly.
   Returns 0 on success. On failure returns non-zero, leaves *out zeroed and
   writes a one-line message naming the file into err[errlen] (err may be
   NULL or errlen 0 to discard it). */
AXTRT_API int axtrt_idx_read(const char *path, axtrt_idx_file *out, char *err,
                             size_t errlen);

/* Frees the payload and zeroes *f. Safe on a zeroed or NULL file. */
AXTRT_API void axtrt_idx_free(axtrt_idx_file *f);

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_IDX_H */
