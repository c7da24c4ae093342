/* Common definitions for the AXT runtime's C ABI. */
#ifndef AXTRT_API_H
#define AXTRT_API_H

/* Runtime entry points are looked up by name from JIT-compiled code, so they
   stay visible even if the library is built with -fvisibility=hidden. */
#if defined(_WIN32)
#define AXTRT_API
#else
#define AXTRT_API __attribute__((visibility("default")))
#endif

#endif /* AXTRT_API_H */
