// Tests for the generic IDX reader (axtrt_idx_read).
#include "axtrt/idx.h"

#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "TestFiles.h"

using namespace axttest;

namespace {

class IdxReaderTest : public ::testing::Test {
protected:
  // Reads path, expecting failure; checks *out stays zeroed and returns the
  // message.
  std::string readError(const std::string &path) {
    axtrt_idx_file f;
    std::memset(&f, 0x5a, sizeof f); // must be overwritten with zeros
    char err[512] = "untouched";
    EXPECT_NE(axtrt_idx_read(path.c_str(), &f, err, sizeof err), 0);
    EXPECT_EQ(f.rank, 0);
    EXPECT_EQ(f.size, 0);
    EXPECT_EQ(f.data, nullptr);
    for (int64_t d : f.dims)
      EXPECT_EQ(d, 0);
    EXPECT_EQ(std::strchr(err, '\n'), nullptr);
    return err;
  }

  std::string raw(const std::string &name, const Bytes &bytes) {
    std::string path = dir.file(name);
    writeFile(path, bytes);
    return path;
  }

  std::string gz(const std::string &name, const Bytes &bytes) {
    std::string path = dir.file(name);
    writeGzipFile(path, bytes);
    return path;
  }

  TempDir dir;
};

void expectContents(const axtrt_idx_file &f, const std::vector<uint32_t> &dims,
                    const Bytes &payload) {
  ASSERT_EQ(f.rank, int32_t(dims.size()));
  for (size_t i = 0; i < dims.size(); ++i)
    EXPECT_EQ(f.dims[i], int64_t(dims[i]));
  for (size_t i = dims.size(); i < AXTRT_IDX_MAX_RANK; ++i)
    EXPECT_EQ(f.dims[i], 0);
  ASSERT_EQ(f.size, int64_t(payload.size()));
  ASSERT_NE(f.data, nullptr);
  EXPECT_EQ(Bytes(f.data, f.data + f.size), payload);
}

TEST_F(IdxReaderTest, ReadsEveryRankRawAndGzip) {
  const std::vector<std::vector<uint32_t>> shapes = {
      {7}, {3, 5}, {4, 2, 3}, {2, 3, 1, 5}};
  for (const auto &dims : shapes) {
    size_t n = 1;
    for (uint32_t d : dims)
      n *= d;
    Bytes payload = randomBytes(n, uint32_t(n));
    std::string name = "rank" + std::to_string(dims.size());
    for (const std::string &path :
         {raw(name, idxBytes(dims, payload)), gz(name + ".gz", idxBytes(dims, payload))}) {
      SCOPED_TRACE(path);
      axtrt_idx_file f{};
      char err[256] = "";
      ASSERT_EQ(axtrt_idx_read(path.c_str(), &f, err, sizeof err), 0) << err;
      expectContents(f, dims, payload);
      axtrt_idx_free(&f);
      EXPECT_EQ(f.data, nullptr);
      EXPECT_EQ(f.rank, 0);
      axtrt_idx_free(&f); // freeing twice is harmless
    }
  }
  axtrt_idx_free(nullptr);
}

TEST_F(IdxReaderTest, MissingFile) {
  std::string path = dir.file("absent.gz");
  EXPECT_EQ(readError(path),
            "cannot open '" + path + "': No such file or directory");
}

TEST_F(IdxReaderTest, DirectoryIsAReadError) {
  EXPECT_TRUE(containsAll(readError(dir.path()),
                          {"'" + dir.path() + "'", "read error"}));
}

TEST_F(IdxReaderTest, EmptyFile) {
  std::string path = raw("empty", {});
  EXPECT_EQ(readError(path),
            "'" + path + "': truncated: expected 4 bytes of header, got 0");
}

TEST_F(IdxReaderTest, TruncatedHeader) {
  Bytes bytes = idxBytes({60000, 28, 28}, {});
  bytes.resize(10); // magic, one dim and half of the next
  std::string path = gz("short-header.gz", bytes);
  EXPECT_EQ(readError(path),
            "'" + path + "': truncated: expected 16 bytes of header, got 10");
}

TEST_F(IdxReaderTest, BadMagic) {
  std::string path = raw("bad-magic", idxBytes(0x12340803u, {1, 1, 1}, {0}));
  EXPECT_TRUE(containsAll(readError(path),
                          {"'" + path + "'", "bad magic number (0x12340803)"}));
}

TEST_F(IdxReaderTest, WrongTypeByte) {
  // 0x0D is IDX's float type.
  std::string path = raw("float", idxBytes(0x00000D01u, {1}, {0, 0, 0, 0}));
  EXPECT_TRUE(containsAll(readError(path),
                          {"'" + path + "'", "unsupported data type 0x0d", "unsigned byte (0x08)"}));
}

TEST_F(IdxReaderTest, RankZeroAndRankFive) {
  std::string zero = raw("rank0", idxBytes(0x00000800u, {}, {1}));
  EXPECT_TRUE(containsAll(readError(zero),
                          {"'" + zero + "'", "unsupported rank 0"}));
  std::string five = raw("rank5", idxBytes(0x00000805u, {1, 1, 1, 1, 1}, {1}));
  EXPECT_TRUE(containsAll(readError(five),
                          {"'" + five + "'", "unsupported rank 5"}));
}

TEST_F(IdxReaderTest, ZeroDimension) {
  std::string path = gz("zero-dim.gz", idxBytes({3, 0, 4}, {}));
  EXPECT_EQ(readError(path), "'" + path + "': dimension 1 is zero");
}

TEST_F(IdxReaderTest, TooLarge) {
  std::string big = raw("big", idxBytes({65536, 65536}, {}));
  EXPECT_TRUE(containsAll(readError(big),
                          {"'" + big + "'", "too large", "65536x65536"}));
  // The product of these dims overflows 64 bits.
  std::string huge = raw("huge", idxBytes({0xffffffffu, 0xffffffffu,
                                           0xffffffffu, 0xffffffffu}, {}));
  EXPECT_TRUE(containsAll(readError(huge),
                          {"too large"}));
}

TEST_F(IdxReaderTest, TruncatedPayload) {
  Bytes payload = randomBytes(10, 1);
  for (const std::string &path :
       {raw("short", idxBytes({2, 3, 4}, payload)),
        gz("short.gz", idxBytes({2, 3, 4}, payload))})
    EXPECT_EQ(readError(path), "'" + path +
                                   "': truncated: expected 24 bytes of data, "
                                   "got 10");
}

TEST_F(IdxReaderTest, TrailingBytes) {
  Bytes payload = randomBytes(7, 2);
  for (const std::string &path : {raw("long", idxBytes({6}, payload)),
                                  gz("long.gz", idxBytes({6}, payload))})
    EXPECT_EQ(readError(path), "'" + path + "': trailing data after 14 bytes");
}

TEST_F(IdxReaderTest, GzipHeaderThenGarbage) {
  // A valid gzip member header, then a deflate block of reserved type 3.
  Bytes bytes = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03};
  Bytes garbage(64, 0xff);
  bytes.insert(bytes.end(), garbage.begin(), garbage.end());
  std::string path = raw("garbage.gz", bytes);
  EXPECT_TRUE(containsAll(readError(path),
                          {"'" + path + "'", "corrupt gzip stream"}));
}

TEST_F(IdxReaderTest, GzipTruncatedMidStream) {
  // Incompressible payload, so half of the stream is half of the data.
  Bytes gzip = gzipBytes(idxBytes({50, 20, 20}, randomBytes(20000, 3)));
  gzip.resize(gzip.size() / 2);
  std::string path = raw("cut.gz", gzip);
  EXPECT_TRUE(containsAll(readError(path),
                          {"'" + path + "'", "corrupt gzip stream", "unexpected end of file"}));
}

TEST_F(IdxReaderTest, GzipMissingTrailer) {
  // All the data is there but the CRC and length trailer are cut off.
  Bytes gzip = gzipBytes(idxBytes({100}, randomBytes(100, 4)));
  gzip.resize(gzip.size() - 8);
  std::string path = raw("no-trailer.gz", gzip);
  EXPECT_TRUE(containsAll(readError(path),
                          {"'" + path + "'", "corrupt gzip stream"}));
}

TEST_F(IdxReaderTest, GzipBadChecksum) {
  Bytes gzip = gzipBytes(idxBytes({100}, randomBytes(100, 5)));
  gzip[gzip.size() - 8] ^= 0xff; // first byte of the CRC-32
  std::string path = raw("bad-crc.gz", gzip);
  EXPECT_TRUE(containsAll(readError(path),
                          {"'" + path + "'", "corrupt gzip stream"}));
}

TEST_F(IdxReaderTest, ErrorBufferIsOptionalAndTruncated) {
  std::string path = dir.file("absent");
  axtrt_idx_file f{};
  EXPECT_NE(axtrt_idx_read(path.c_str(), &f, nullptr, 0), 0);
  char small[8];
  std::memset(small, 'x', sizeof small);
  EXPECT_NE(axtrt_idx_read(path.c_str(), &f, small, sizeof small), 0);
  EXPECT_STREQ(small, "cannot ");
  EXPECT_NE(axtrt_idx_read(nullptr, &f, small, sizeof small), 0);
  EXPECT_NE(axtrt_idx_read(path.c_str(), nullptr, small, sizeof small), 0);
}

} // namespace
