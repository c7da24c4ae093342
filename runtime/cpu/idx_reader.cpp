// IDX file reader. zlib's gz* functions read gzip and, transparently, plain
// files, so one code path serves both.
#include "idx_internal.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <zlib.h>

#include "error.h"

namespace axtrt {
namespace {

constexpr uint8_t kUnsignedByte = 0x08;
// Far above any real data set; keeps sizes well inside int64 and size_t.
constexpr uint64_t kMaxPayloadBytes = uint64_t(1) << 31;

struct GzCloser {
  void operator()(gzFile_s *f) const { gzclose(f); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

struct FreeDeleter {
  void operator()(void *p) const { std::free(p); }
};

// Reads from an open gz stream and turns zlib failures into messages.
class Reader {
public:
  Reader(gzFile f, const char *path, char *err, std::size_t errlen)
      : f(f), path(path), err(err), errlen(errlen) {}

  // Reads up to n bytes into buf. Returns the count read (short only at end
  // of data), or -1 after reporting a read or decompression error.
  int64_t read(void *buf, int64_t n) {
    auto *p = static_cast<unsigned char *>(buf);
    int64_t got = 0;
    while (got < n) {
      unsigned chunk = unsigned(std::min<int64_t>(n - got, int64_t(1) << 30));
      int r = gzread(f, p + got, chunk);
      if (r < 0)
        return streamError();
      if (r == 0)
        break;
      got += r;
    }
    // A stream cut short mid-member is only visible through gzerror: gzread
    // returns what it could decompress and records Z_BUF_ERROR.
    int errnum = Z_OK;
    gzerror(f, &errnum);
    if (errnum != Z_OK)
      return streamError();
    return got;
  }

private:
  int64_t streamError() {
    int errnum = Z_OK;
    const char *msg = gzerror(f, &errnum);
    // zlib prefixes its messages with "<path>: "; we add the path ourselves.
    std::size_t len = std::strlen(path);
    if (std::strncmp(msg, path, len) == 0 && std::strncmp(msg + len, ": ", 2) == 0)
      msg += len + 2;
    if (errnum == Z_ERRNO)
      fail(err, errlen, "'%s': read error: %s", path, msg);
    else if (errnum == Z_MEM_ERROR)
      fail(err, errlen, "'%s': out of memory while decompressing", path);
    else
      fail(err, errlen, "'%s': corrupt gzip stream (%s)", path, msg);
    return -1;
  }

  gzFile f;
  const char *path;
  char *err;
  std::size_t errlen;
};

uint32_t bigEndian32(const uint8_t *p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 |
         uint32_t(p[3]);
}

std::string formatDims(const uint32_t *dims, int rank) {
  std::string s;
  for (int i = 0; i < rank; ++i)
    s += (i ? "x" : "") + std::to_string(dims[i]);
  return s;
}

// Type codes the IDX format defines (ubyte, byte, short, int, float, double).
bool isIdxType(unsigned type) {
  return type == 0x08 || type == 0x09 || (type >= 0x0b && type <= 0x0e);
}

int checkMagic(uint32_t magic, int expectedRank, const char *path, char *err,
               std::size_t errlen) {
  unsigned type = (magic >> 8) & 0xff;
  int rank = int(magic & 0xff);
  // A real IDX file of another type gets a more specific message below.
  if ((magic >> 16) || !isIdxType(type)) {
    if (expectedRank > 0)
      return fail(err, errlen,
                  "'%s': bad magic number (0x%08x); expected 0x000008%02x "
                  "(unsigned byte, %d dimensions)",
                  path, magic, unsigned(expectedRank), expectedRank);
    return fail(err, errlen,
                "'%s': bad magic number (0x%08x); expected 0x000008NN "
                "(unsigned byte, NN = 1 to %d dimensions)",
                path, magic, AXTRT_IDX_MAX_RANK);
  }
  if (type != kUnsignedByte)
    return fail(err, errlen,
                "'%s': unsupported data type 0x%02x in magic number 0x%08x; "
                "only unsigned byte (0x08) is supported",
                path, type, magic);
  if (expectedRank > 0 && rank != expectedRank)
    return fail(err, errlen,
                "'%s': wrong rank %d in magic number 0x%08x; expected rank "
                "%d",
                path, rank, magic, expectedRank);
  if (rank < 1 || rank > AXTRT_IDX_MAX_RANK)
    return fail(err, errlen,
                "'%s': unsupported rank %d in magic number 0x%08x; expected 1 "
                "to %d dimensions",
                path, rank, magic, AXTRT_IDX_MAX_RANK);
  return 0;
}

int readOpen(gzFile f, const char *path, int expectedRank, const char *what,
             axtrt_idx_file *out, char *err, std::size_t errlen) {
  Reader in(f, path, err, errlen);

  uint8_t header[4 + 4 * AXTRT_IDX_MAX_RANK];
  int64_t got = in.read(header, 4);
  if (got < 0)
    return 1;
  if (got < 4)
    return fail(err, errlen,
                "'%s': truncated: expected 4 bytes of header, got %lld", path,
                (long long)got);
  uint32_t magic = bigEndian32(header);
  if (checkMagic(magic, expectedRank, path, err, errlen))
    return 1;

  int rank = int(magic & 0xff);
  int64_t headerBytes = 4 + 4 * int64_t(rank);
  got = in.read(header + 4, headerBytes - 4);
  if (got < 0)
    return 1;
  if (got < headerBytes - 4)
    return fail(err, errlen,
                "'%s': truncated: expected %lld bytes of header, got %lld",
                path, (long long)headerBytes, (long long)(4 + got));

  uint32_t dims[AXTRT_IDX_MAX_RANK];
  uint64_t size = 1;
  bool tooLarge = false;
  for (int i = 0; i < rank; ++i) {
    dims[i] = bigEndian32(header + 4 + 4 * i);
    if (dims[i] == 0)
      return fail(err, errlen, "'%s': dimension %d is zero", path, i);
    // Checked before multiplying, so the product never overflows.
    if (size > kMaxPayloadBytes / dims[i])
      tooLarge = true;
    else
      size *= dims[i];
  }
  if (tooLarge || size > kMaxPayloadBytes)
    return fail(err, errlen,
                "'%s': data too large: dimensions %s exceed the limit of "
                "%llu bytes",
                path, formatDims(dims, rank).c_str(),
                (unsigned long long)kMaxPayloadBytes);

  std::unique_ptr<uint8_t, FreeDeleter> data(
      static_cast<uint8_t *>(std::malloc(size)));
  if (!data)
    return fail(err, errlen, "'%s': out of memory allocating %llu bytes",
                path, (unsigned long long)size);
  got = in.read(data.get(), int64_t(size));
  if (got < 0)
    return 1;
  if (uint64_t(got) < size)
    return fail(err, errlen,
                "'%s': truncated: expected %llu bytes of %s, got %lld", path,
                (unsigned long long)size, what, (long long)got);

  uint8_t extra;
  got = in.read(&extra, 1);
  if (got < 0)
    return 1;
  if (got > 0)
    return fail(err, errlen, "'%s': trailing data after %llu bytes", path,
                (unsigned long long)(uint64_t(headerBytes) + size));

  out->rank = rank;
  for (int i = 0; i < rank; ++i)
    out->dims[i] = dims[i];
  out->size = int64_t(size);
  out->data = data.release();
  return 0;
}

} // namespace

int readIdx(const char *path, int expectedRank, const char *what,
            axtrt_idx_file *out, char *err, std::size_t errlen) {
  if (err && errlen > 0)
    err[0] = '\0';
  if (!out)
    return fail(err, errlen, "invalid argument: output is null");
  *out = axtrt_idx_file{};
  if (!path)
    return fail(err, errlen, "invalid argument: path is null");

  errno = 0;
  GzFile f(gzopen(path, "rb"));
  if (!f)
    return fail(err, errlen, "cannot open '%s': %s", path,
                errno ? std::strerror(errno) : "out of memory");
  gzbuffer(f.get(), 1 << 17); // fewer read() calls on large files
  try {
    return readOpen(f.get(), path, expectedRank, what, out, err, errlen);
  } catch (...) { // std::string in messages; nothing may escape the C ABI
    axtrt_idx_free(out);
    return fail(err, errlen, "'%s': out of memory", path);
  }
}

} // namespace axtrt

extern "C" int axtrt_idx_read(const char *path, axtrt_idx_file *out, char *err,
                              size_t errlen) {
  return axtrt::readIdx(path, 0, "data", out, err, errlen);
}

extern "C" void axtrt_idx_free(axtrt_idx_file *f) {
  if (!f)
    return;
  std::free(f->data);
  *f = axtrt_idx_file{};
}
