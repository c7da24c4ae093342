// Loader for Fashion-MNIST (and MNIST) splits stored as IDX files.
#include "axtrt/dataset.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <sys/stat.h>

#include "error.h"
#include "idx_internal.h"

namespace axtrt {
namespace {

constexpr int32_t kNumClasses = 10;

struct FreeDeleter {
  void operator()(void *p) const { std::free(p); }
};

// Owns an IDX file so every early return releases it.
struct IdxHolder {
  axtrt_idx_file file{};
  ~IdxHolder() { axtrt_idx_free(&file); }
};

bool exists(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// Path of <dir>/<split>-<kind>-ubyte.gz, or of the uncompressed file when
// only that one exists. Errors are reported against the .gz name.
std::string dataFile(const char *dir, const char *split, const char *kind) {
  std::string base = dir;
  if (!base.empty() && base.back() != '/')
    base += '/';
  base += std::string(split) + "-" + kind + "-ubyte";
  std::string gz = base + ".gz";
  if (!exists(gz) && errno == ENOENT && exists(base))
    return base;
  return gz;
}

int load(const char *dir, const char *split, axtrt_dataset *out, char *err,
         std::size_t errlen) {
  struct stat st;
  if (::stat(dir, &st) != 0)
    return fail(err, errlen, "cannot open data directory '%s': %s", dir,
                std::strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return fail(err, errlen, "data directory '%s' is not a directory", dir);
  std::string imagePath = dataFile(dir, split, "images-idx3");
  std::string labelPath = dataFile(dir, split, "labels-idx1");

  IdxHolder images, labels;
  if (readIdx(imagePath.c_str(), 3, "image data", &images.file, err, errlen) ||
      readIdx(labelPath.c_str(), 1, "label data", &labels.file, err, errlen))
    return 1;

  int64_t count = images.file.dims[0];
  if (labels.file.dims[0] != count)
    return fail(err, errlen,
                "image count (%lld) in '%s' and label count (%lld) in '%s' "
                "differ",
                (long long)count, imagePath.c_str(),
                (long long)labels.file.dims[0], labelPath.c_str());

  std::unique_ptr<int32_t, FreeDeleter> labelData(
      static_cast<int32_t *>(std::malloc(count * sizeof(int32_t))));
  if (!labelData)
    return fail(err, errlen, "out of memory loading '%s'", labelPath.c_str());
  for (int64_t i = 0; i < count; ++i) {
    int32_t label = labels.file.data[i];
    if (label >= kNumClasses)
      return fail(err, errlen, "'%s': label %d at index %lld out of range [0, %d)",
                  labelPath.c_str(), label, (long long)i, kNumClasses);
    labelData.get()[i] = label;
  }

  int64_t pixels = images.file.size;
  std::unique_ptr<float, FreeDeleter> imageData(
      static_cast<float *>(std::malloc(pixels * sizeof(float))));
  if (!imageData)
    return fail(err, errlen, "out of memory loading '%s'", imagePath.c_str());
  // Division (not multiplication by 1/255) keeps 255 mapping to exactly 1.
  for (int64_t i = 0; i < pixels; ++i)
    imageData.get()[i] = float(images.file.data[i]) / 255.0f;

  out->count = count;
  out->rows = images.file.dims[1];
  out->cols = images.file.dims[2];
  out->images = imageData.release();
  out->labels = labelData.release();
  out->num_classes = kNumClasses;
  return 0;
}

} // namespace
} // namespace axtrt

extern "C" int axtrt_dataset_load(const char *dir, const char *split,
                                  axtrt_dataset *out, char *err,
                                  size_t errlen) {
  if (err && errlen > 0)
    err[0] = '\0';
  if (!out)
    return axtrt::fail(err, errlen, "invalid argument: output is null");
  *out = axtrt_dataset{};
  if (!dir || !split)
    return axtrt::fail(err, errlen, "invalid argument: %s is null",
                       dir ? "split" : "dir");
  try {
    return axtrt::load(dir, split, out, err, errlen);
  } catch (...) { // std::string allocation; nothing may escape the C ABI
    axtrt_dataset_free(out);
    return axtrt::fail(err, errlen, "out of memory loading '%s' split '%s'",
                       dir, split);
  }
}

extern "C" void axtrt_dataset_free(axtrt_dataset *ds) {
  if (!ds)
    return;
  std::free(ds->images);
  std::free(ds->labels);
  *ds = axtrt_dataset{};
}
