// Error reporting shared by the runtime's C entry points.
#ifndef AXTRT_CPU_ERROR_H
#define AXTRT_CPU_ERROR_H

#include <cstddef>

namespace axtrt {

// Formats a message into err[errlen] (if err is non-null and errlen > 0,
// truncating as needed) and returns 1, the runtime's generic failure code.
int fail(char *err, std::size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

} // namespace axtrt

#endif // AXTRT_CPU_ERROR_H
