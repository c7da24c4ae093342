// IDX reading with the extra checks the data set loader needs.
#ifndef AXTRT_CPU_IDX_INTERNAL_H
#define AXTRT_CPU_IDX_INTERNAL_H

#include <cstddef>

#include "axtrt/idx.h"

namespace axtrt {

// Like axtrt_idx_read, but when expectedRank > 0 the magic number must
// announce exactly that many dimensions. `what` names the payload in
// messages about truncation ("image data", "label data").
int readIdx(const char *path, int expectedRank, const char *what,
            axtrt_idx_file *out, char *err, std::size_t errlen);

} // namespace axtrt

#endif // AXTRT_CPU_IDX_INTERNAL_H
