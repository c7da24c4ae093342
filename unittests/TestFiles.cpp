#include "TestFiles.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

#include <gtest/gtest.h>
#include <zlib.h>

namespace axttest {

TempDir::TempDir() {
  std::string tmpl = ::testing::TempDir() + "axt-runtime-XXXXXX";
  if (!mkdtemp(tmpl.data()))
    throw std::runtime_error("mkdtemp failed for " + tmpl);
  dir = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

static void appendBigEndian(Bytes &out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(uint8_t(v >> shift));
}

Bytes idxBytes(uint32_t magic, const std::vector<uint32_t> &dims,
               const Bytes &payload) {
  Bytes out;
  appendBigEndian(out, magic);
  for (uint32_t d : dims)
    appendBigEndian(out, d);
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

Bytes idxBytes(const std::vector<uint32_t> &dims, const Bytes &payload) {
  return idxBytes(0x0800u | uint32_t(dims.size()), dims, payload);
}

Bytes gzipBytes(const Bytes &data) {
  z_stream s{};
  // windowBits 15 + 16 selects the gzip wrapper.
  if (deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  Bytes out(deflateBound(&s, data.size()) + 32);
  s.next_in = const_cast<Bytes::value_type *>(data.data());
  s.avail_in = uInt(data.size());
  s.next_out = out.data();
  s.avail_out = uInt(out.size());
  int rc = deflate(&s, Z_FINISH);
  deflateEnd(&s);
  if (rc != Z_STREAM_END)
    throw std::runtime_error("deflate failed");
  out.resize(s.total_out);
  return out;
}

Bytes readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const std::string &path, const Bytes &data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char *>(data.data()), data.size());
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

// Goes through zlib's gz* writer, the counterpart of the reader under test.
void writeGzipFile(const std::string &path, const Bytes &data) {
  gzFile f = gzopen(path.c_str(), "wb");
  if (!f)
    throw std::runtime_error("gzopen failed for " + path);
  int written = data.empty() ? 0 : gzwrite(f, data.data(), unsigned(data.size()));
  int rc = gzclose(f);
  if (written != int(data.size()) || rc != Z_OK)
    throw std::runtime_error("gzwrite failed for " + path);
}

::testing::AssertionResult containsAll(const std::string &text,
                                       std::initializer_list<std::string> parts) {
  for (const std::string &part : parts)
    if (text.find(part) == std::string::npos)
      return ::testing::AssertionFailure()
             << "\"" << text << "\" does not contain \"" << part << "\"";
  return ::testing::AssertionSuccess();
}

Bytes randomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  Bytes out(n);
  for (auto &b : out)
    b = uint8_t(rng());
  return out;
}

} // namespace axttest
