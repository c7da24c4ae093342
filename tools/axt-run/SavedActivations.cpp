//===- SavedActivations.cpp - what a training step keeps for backward -----===//
#include "SavedActivations.h"

#include "axtrt/pack_indices.h"
#include "axtrt/quantize.h"

#include <cstdio>
#include <set>

using namespace axt;

int64_t SavedValue::numElements(int64_t batch) const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d < 0 ? batch : d;
  return n;
}

int64_t SavedValue::bytes(int64_t batch) const {
  int64_t n = numElements(batch);
  switch (form) {
  case Form::Packed:
    return axtrt_packed_size_bytes(n, static_cast<int32_t>(bits), group);
  case Form::Mask:
    return axtrt_mask_size_bytes(n);
  case Form::Indices:
    return axtrt_indices_size_bytes(n, static_cast<int32_t>(bits));
  case Form::Tensor:
    break;
  }
  return n * elementBytes;
}

static std::string describe(const SavedValue &v) {
  std::string shape;
  for (int64_t d : v.shape)
    shape += (shape.empty() ? "" : "x") + (d < 0 ? std::string("N")
                                                 : std::to_string(d));
  switch (v.form) {
  case SavedValue::Form::Packed:
    return shape + " " + std::to_string(v.bits) + "-bit, group " +
           std::to_string(v.group) + (v.maskInCodes ? ", mask in codes" : "");
  case SavedValue::Form::Mask:
    return shape + " 1-bit mask";
  case SavedValue::Form::Indices:
    return shape + " " + std::to_string(v.bits) + "-bit positions";
  case SavedValue::Form::Tensor:
    break;
  }
  return shape + (v.elementBytes == 4 ? " f32/i32" : " tensor");
}

void axt::printSavedActivations(const std::vector<SavedValue> &saved,
                                int64_t batch, bool perValue) {
  int64_t total = 0, asF32 = 0, count = 0;
  std::set<uintptr_t> sources;
  for (const SavedValue &v : saved) {
    if (!v.activation)
      continue;
    int64_t bytes = v.bytes(batch);
    total += bytes;
    if (sources.insert(v.source).second)
      asF32 += v.numElements(batch) * v.elementBytes;
    ++count;
    if (perValue)
      std::printf("saved: %-28s %-40s %12lld bytes\n", v.producer.c_str(),
                  describe(v).c_str(), static_cast<long long>(bytes));
  }
  std::printf("saved activations (batch %lld): %lld values, %lld bytes "
              "(as f32: %lld bytes, %.2fx)\n",
              static_cast<long long>(batch), static_cast<long long>(count),
              static_cast<long long>(total), static_cast<long long>(asF32),
              total > 0 ? double(asF32) / double(total) : 1.0);
}
