// Tests for the Fashion-MNIST loader (axtrt_dataset_load).
#include "axtrt/dataset.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "TestFiles.h"

using namespace axttest;

namespace {

constexpr const char *kSystemDataset = "/usr/share/datasets/fashion-mnist";

class DatasetTest : public ::testing::Test {
protected:
  std::string imagesPath(const char *split = "train") const {
    return dir.file(std::string(split) + "-images-idx3-ubyte.gz");
  }
  std::string labelsPath(const char *split = "train") const {
    return dir.file(std::string(split) + "-labels-idx1-ubyte.gz");
  }

  // Three 2x3 images with pixels 0, 1, ..., 17 and labels 0, 9, 4.
  void writeValidSplit(const char *split = "train") {
    writeGzipFile(imagesPath(split), idxBytes({3, 2, 3}, pixels()));
    writeGzipFile(labelsPath(split), idxBytes({3}, {0, 9, 4}));
  }

  static Bytes pixels() {
    Bytes p(18);
    for (size_t i = 0; i < p.size(); ++i)
      p[i] = uint8_t(i * 15); // up to 255
    return p;
  }

  // Loads dir/train expecting failure; checks *out stays zeroed.
  std::string loadError(const char *split = "train") {
    axtrt_dataset ds;
    std::memset(&ds, 0x5a, sizeof ds);
    char err[512] = "untouched";
    EXPECT_NE(axtrt_dataset_load(dir.path().c_str(), split, &ds, err, sizeof err), 0);
    EXPECT_EQ(ds.count, 0);
    EXPECT_EQ(ds.rows, 0);
    EXPECT_EQ(ds.cols, 0);
    EXPECT_EQ(ds.images, nullptr);
    EXPECT_EQ(ds.labels, nullptr);
    EXPECT_EQ(ds.num_classes, 0);
    EXPECT_EQ(std::strchr(err, '\n'), nullptr);
    return err;
  }

  static void expectValidSplit(const axtrt_dataset &ds) {
    ASSERT_EQ(ds.count, 3);
    EXPECT_EQ(ds.rows, 2);
    EXPECT_EQ(ds.cols, 3);
    EXPECT_EQ(ds.num_classes, 10);
    Bytes p = pixels();
    for (size_t i = 0; i < p.size(); ++i)
      EXPECT_EQ(ds.images[i], float(p[i]) / 255.0f) << "pixel " << i;
    EXPECT_EQ(ds.images[17], 1.0f);
    EXPECT_EQ(ds.labels[0], 0);
    EXPECT_EQ(ds.labels[1], 9);
    EXPECT_EQ(ds.labels[2], 4);
  }

  TempDir dir;
};

TEST_F(DatasetTest, LoadsGzipSplit) {
  writeValidSplit("t10k");
  axtrt_dataset ds{};
  char err[256] = "";
  ASSERT_EQ(axtrt_dataset_load(dir.path().c_str(), "t10k", &ds, err, sizeof err), 0)
      << err;
  EXPECT_STREQ(err, "");
  expectValidSplit(ds);
  axtrt_dataset_free(&ds);
  EXPECT_EQ(ds.images, nullptr);
  EXPECT_EQ(ds.labels, nullptr);
  EXPECT_EQ(ds.count, 0);
  axtrt_dataset_free(&ds); // freeing twice is harmless
  axtrt_dataset_free(nullptr);
}

TEST_F(DatasetTest, FallsBackToUncompressedFiles) {
  writeFile(dir.file("train-images-idx3-ubyte"), idxBytes({3, 2, 3}, pixels()));
  writeFile(dir.file("train-labels-idx1-ubyte"), idxBytes({3}, {0, 9, 4}));
  axtrt_dataset ds{};
  char err[256] = "";
  // A trailing slash on the directory is fine too.
  std::string withSlash = dir.path() + "/";
  ASSERT_EQ(axtrt_dataset_load(withSlash.c_str(), "train", &ds, err, sizeof err), 0)
      << err;
  expectValidSplit(ds);
  axtrt_dataset_free(&ds);
}

TEST_F(DatasetTest, PrefersGzipWhenBothExist) {
  writeValidSplit();
  // Uncompressed files that would fail to load if they were picked.
  writeFile(dir.file("train-images-idx3-ubyte"), {});
  writeFile(dir.file("train-labels-idx1-ubyte"), {});
  axtrt_dataset ds{};
  char err[256] = "";
  ASSERT_EQ(axtrt_dataset_load(dir.path().c_str(), "train", &ds, err, sizeof err), 0)
      << err;
  expectValidSplit(ds);
  axtrt_dataset_free(&ds);
}

TEST_F(DatasetTest, MissingImages) {
  writeGzipFile(labelsPath(), idxBytes({3}, {0, 9, 4}));
  EXPECT_EQ(loadError(),
            "cannot open '" + imagesPath() + "': No such file or directory");
}

TEST_F(DatasetTest, MissingLabels) {
  writeGzipFile(imagesPath(), idxBytes({3, 2, 3}, pixels()));
  EXPECT_EQ(loadError(),
            "cannot open '" + labelsPath() + "': No such file or directory");
}

TEST_F(DatasetTest, UnknownSplit) {
  writeValidSplit();
  EXPECT_TRUE(containsAll(loadError("valid"),
                          {"cannot open", "valid-images-idx3-ubyte.gz"}));
}

TEST_F(DatasetTest, TruncatedImages) {
  writeValidSplit();
  Bytes p = pixels();
  p.resize(10);
  writeGzipFile(imagesPath(), idxBytes({3, 2, 3}, p));
  EXPECT_EQ(loadError(), "'" + imagesPath() +
                             "': truncated: expected 18 bytes of image data, "
                             "got 10");
}

TEST_F(DatasetTest, TruncatedLabelHeader) {
  writeValidSplit();
  writeGzipFile(labelsPath(), {0, 0, 8, 1, 0, 0});
  EXPECT_EQ(loadError(), "'" + labelsPath() +
                             "': truncated: expected 8 bytes of header, got 6");
}

TEST_F(DatasetTest, BadImageMagic) {
  writeValidSplit();
  writeGzipFile(imagesPath(), idxBytes(0, {3, 2, 3}, pixels()));
  EXPECT_EQ(loadError(), "'" + imagesPath() +
                             "': bad magic number (0x00000000); expected "
                             "0x00000803 (unsigned byte, 3 dimensions)");
}

TEST_F(DatasetTest, WrongImageType) {
  writeValidSplit();
  writeGzipFile(imagesPath(), idxBytes(0x0B03, {3, 2, 3}, pixels()));
  EXPECT_TRUE(containsAll(loadError(),
                          {"'" + imagesPath() + "'", "data type 0x0b"}));
}

TEST_F(DatasetTest, WrongRank) {
  writeValidSplit();
  writeGzipFile(imagesPath(), idxBytes({3, 6}, pixels()));
  EXPECT_TRUE(containsAll(loadError(), {"'" + imagesPath() + "'", "wrong rank 2",
                                        "expected rank 3"}));
  writeValidSplit();
  writeGzipFile(labelsPath(), idxBytes({3, 1}, {0, 9, 4}));
  EXPECT_TRUE(containsAll(loadError(), {"'" + labelsPath() + "'", "wrong rank 2",
                                        "expected rank 1"}));
}

TEST_F(DatasetTest, CountMismatch) {
  writeValidSplit();
  writeGzipFile(labelsPath(), idxBytes({2}, {0, 9}));
  EXPECT_EQ(loadError(), "image count (3) in '" + imagesPath() +
                             "' and label count (2) in '" + labelsPath() +
                             "' differ");
}

TEST_F(DatasetTest, LabelOutOfRange) {
  Bytes images = randomBytes(6 * 4, 7);
  writeGzipFile(imagesPath(), idxBytes({6, 2, 2}, images));
  writeGzipFile(labelsPath(), idxBytes({6}, {0, 1, 2, 3, 9, 11}));
  EXPECT_EQ(loadError(), "'" + labelsPath() +
                             "': label 11 at index 5 out of range [0, 10)");
  writeGzipFile(labelsPath(), idxBytes({6}, {0, 1, 10, 3, 9, 1}));
  EXPECT_TRUE(containsAll(loadError(), {"label 10 at index 2 out of range"}));
}

TEST_F(DatasetTest, TrailingBytes) {
  writeValidSplit();
  writeGzipFile(labelsPath(), idxBytes({3}, {0, 9, 4, 1}));
  EXPECT_EQ(loadError(), "'" + labelsPath() + "': trailing data after 11 bytes");
}

TEST_F(DatasetTest, ZeroDimension) {
  writeValidSplit();
  writeGzipFile(imagesPath(), idxBytes({3, 0, 3}, {}));
  EXPECT_EQ(loadError(), "'" + imagesPath() + "': dimension 1 is zero");
}

TEST_F(DatasetTest, CorruptGzip) {
  writeValidSplit();
  Bytes gzip = gzipBytes(idxBytes({3, 2, 3}, pixels()));
  gzip.resize(gzip.size() / 2);
  writeFile(imagesPath(), gzip);
  EXPECT_TRUE(containsAll(loadError(), {"'" + imagesPath() + "'", "corrupt gzip"}));

  writeValidSplit();
  Bytes garbage = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03};
  garbage.resize(100, 0xff);
  writeFile(labelsPath(), garbage);
  EXPECT_TRUE(containsAll(loadError(), {"'" + labelsPath() + "'", "corrupt gzip"}));
}

TEST_F(DatasetTest, NullArguments) {
  axtrt_dataset ds{};
  char err[128] = "";
  EXPECT_NE(axtrt_dataset_load(nullptr, "train", &ds, err, sizeof err), 0);
  EXPECT_STREQ(err, "invalid argument: dir is null");
  EXPECT_NE(axtrt_dataset_load(dir.path().c_str(), nullptr, &ds, err, sizeof err), 0);
  EXPECT_STREQ(err, "invalid argument: split is null");
  EXPECT_NE(axtrt_dataset_load(dir.path().c_str(), "train", nullptr, err, sizeof err), 0);
  EXPECT_NE(axtrt_dataset_load(dir.path().c_str(), "train", &ds, nullptr, 0), 0);
}

// The real data set, if the Debian package dataset-fashion-mnist is installed.
void checkSystemSplit(const char *split, int64_t expectedCount) {
  struct stat st;
  if (::stat(kSystemDataset, &st) != 0)
    GTEST_SKIP() << kSystemDataset << " not found";
  axtrt_dataset ds{};
  char err[512] = "";
  ASSERT_EQ(axtrt_dataset_load(kSystemDataset, split, &ds, err, sizeof err), 0) << err;
  EXPECT_EQ(ds.count, expectedCount);
  EXPECT_EQ(ds.rows, 28);
  EXPECT_EQ(ds.cols, 28);
  EXPECT_EQ(ds.num_classes, 10);
  int64_t perClass[10] = {};
  for (int64_t i = 0; i < ds.count; ++i) {
    ASSERT_GE(ds.labels[i], 0);
    ASSERT_LT(ds.labels[i], 10);
    ++perClass[ds.labels[i]];
  }
  // Fashion-MNIST is balanced.
  for (int64_t n : perClass)
    EXPECT_EQ(n, expectedCount / 10);
  float lo = 1.0f, hi = 0.0f;
  for (int64_t i = 0; i < ds.count * ds.rows * ds.cols; ++i) {
    lo = std::min(lo, ds.images[i]);
    hi = std::max(hi, ds.images[i]);
  }
  EXPECT_EQ(lo, 0.0f);
  EXPECT_EQ(hi, 1.0f);
  axtrt_dataset_free(&ds);
}

TEST(SystemDatasetTest, LoadsTestSplit) { checkSystemSplit("t10k", 10000); }
TEST(SystemDatasetTest, LoadsTrainSplit) { checkSystemSplit("train", 60000); }

} // namespace

TEST(DatasetDirectoryTest, MissingDirectoryIsNamed) {
  axtrt_dataset ds;
  char err[256];
  EXPECT_NE(axtrt_dataset_load("/nonexistent/axt-data", "train", &ds, err,
                               sizeof(err)),
            0);
  EXPECT_STREQ(err, "cannot open data directory '/nonexistent/axt-data': No "
                    "such file or directory");
  EXPECT_EQ(ds.images, nullptr);
}
