// Strided copies between memrefs (MLIR's memrefCopy contract).
#include "axtrt/memref_copy.h"

#include <cstring>
#include <vector>

namespace {

struct View {
  char *base;             // aligned pointer plus offset
  const int64_t *sizes;   // rank entries
  const int64_t *strides; // rank entries, in elements
};

View viewOf(const axtrt_unranked_memref *m, int64_t elementSize) {
  // { allocated, aligned, offset, sizes[rank], strides[rank] }
  auto *words = static_cast<int64_t *>(m->descriptor);
  char *aligned;
  std::memcpy(&aligned, &words[1], sizeof(aligned));
  return {aligned + words[2] * elementSize, &words[3], &words[3 + m->rank]};
}

} // namespace

extern "C" void axtrt_memref_copy(int64_t elementSize,
                                  axtrt_unranked_memref *src,
                                  axtrt_unranked_memref *dst) {
  int64_t rank = src->rank;
  View s = viewOf(src, elementSize), d = viewOf(dst, elementSize);
  for (int64_t i = 0; i < rank; ++i)
    if (s.sizes[i] == 0)
      return;
  // Walk the index space with an odometer; the innermost dimension is a
  // single memcpy when both sides are contiguous along it.
  bool innerContiguous =
      rank == 0 || (s.strides[rank - 1] == 1 && d.strides[rank - 1] == 1);
  int64_t inner = rank == 0 ? 1 : s.sizes[rank - 1];
  std::vector<int64_t> index(rank > 0 ? rank : 1, 0);
  int64_t outerDims = rank == 0 ? 0 : rank - 1;
  while (true) {
    int64_t so = 0, dOff = 0;
    for (int64_t i = 0; i < outerDims; ++i) {
      so += index[i] * s.strides[i];
      dOff += index[i] * d.strides[i];
    }
    if (innerContiguous) {
      std::memcpy(d.base + dOff * elementSize, s.base + so * elementSize,
                  inner * elementSize);
    } else {
      for (int64_t j = 0; j < inner; ++j)
        std::memcpy(d.base + (dOff + j * d.strides[rank - 1]) * elementSize,
                    s.base + (so + j * s.strides[rank - 1]) * elementSize,
                    elementSize);
    }
    int64_t dim = outerDims - 1;
    while (dim >= 0 && ++index[dim] == s.sizes[dim])
      index[dim--] = 0;
    if (dim < 0)
      return;
  }
}
