#include "error.h"

#include <cstdarg>
#include <cstdio>

namespace axtrt {

int fail(char *err, std::size_t errlen, const char *fmt, ...) {
  if (err && errlen > 0) {
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(err, errlen, fmt, args);
    va_end(args);
  }
  return 1;
}

} // namespace axtrt
