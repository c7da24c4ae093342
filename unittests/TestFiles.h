// Helpers for writing small IDX / gzip files in a scratch directory.
#ifndef AXT_UNITTESTS_TESTFILES_H
#define AXT_UNITTESTS_TESTFILES_H

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace axttest {

using Bytes = std::vector<uint8_t>;

// A fresh directory under the GoogleTest temp dir, removed on destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::string &path() const { return dir; }
  std::string file(const std::string &name) const { return dir + "/" + name; }

private:
  std::string dir;
};

// IDX header (magic, big-endian dims) followed by the payload.
Bytes idxBytes(uint32_t magic, const std::vector<uint32_t> &dims,
               const Bytes &payload);
// Same with the unsigned-byte magic for dims.size() dimensions.
Bytes idxBytes(const std::vector<uint32_t> &dims, const Bytes &payload);

Bytes gzipBytes(const Bytes &data);
Bytes readFile(const std::string &path);
void writeFile(const std::string &path, const Bytes &data);
void writeGzipFile(const std::string &path, const Bytes &data);

// Succeeds if text contains every one of parts; reports the text otherwise.
::testing::AssertionResult containsAll(const std::string &text,
                                       std::initializer_list<std::string> parts);

// Deterministic pseudo-random bytes.
Bytes randomBytes(size_t n, uint32_t seed);

} // namespace axttest

#endif // AXT_UNITTESTS_TESTFILES_H
