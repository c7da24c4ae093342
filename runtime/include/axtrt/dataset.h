/* Fashion-MNIST style image classification data sets. */
#ifndef AXTRT_DATASET_H
#define AXTRT_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "axtrt/api.h"
#include "axtrt/idx.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct axtrt_dataset {
  int64_t count;       /* number of examples */
  int64_t rows, cols;  /* image size, 28x28 for Fashion-MNIST */
  float *images;       /* count*rows*cols floats, pixel/255 in [0,1], row-major */
  int32_t *labels;     /* count labels in [0, num_classes) */
  int32_t num_classes; /* 10 */
} axtrt_dataset;

/* Reads <dir>/<split>-images-idx3-ubyte.gz and <dir>/<split>-labels-idx1-ubyte.gz
   (split is "train" or "t10k"). If a .gz file is absent, the uncompressed file
   of the same name without .gz is used instead.
   Returns 0 on success. On failure returns non-zero, leaves *out zeroed and
   writes a one-line lower-case message (no trailing period) naming the file
   and the problem into err[errlen], e.g.
     cannot open '/x/train-images-idx3-ubyte.gz': No such file or directory
     '/x/t10k-labels-idx1-ubyte.gz': label 11 at index 5 out of range [0, 10) */
AXTRT_API int axtrt_dataset_load(const char *dir, const char *split,
                                 axtrt_dataset *out, char *err, size_t errlen);

/* Frees the arrays and zeroes *ds. Safe on a zeroed or NULL data set. */
AXTRT_API void axtrt_dataset_free(axtrt_dataset *ds);

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_DATASET_H */
