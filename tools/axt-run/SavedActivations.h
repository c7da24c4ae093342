//===- SavedActivations.h - what a training step keeps for backward -*- C++ -*-===//
#ifndef AXT_TOOLS_AXTRUN_SAVEDACTIVATIONS_H
#define AXT_TOOLS_AXTRUN_SAVEDACTIVATIONS_H

#include <cstdint>
#include <string>
#include <vector>

namespace axt {

/// One value the training step keeps from the forward for the backward
/// pass (one axt.stash).
struct SavedValue {
  enum class Form { Tensor, Packed, Mask, Indices };
  std::string producer;       // the defining op, or "input" / "parameter"
  std::vector<int64_t> shape; // -1: the (dynamic) batch
  Form form = Form::Tensor;
  int64_t elementBytes = 4;   // Tensor: bytes per element
  unsigned bits = 0;          // Packed, Indices: bits per value
  int64_t group = 0;          // Packed: elements per group
  bool maskInCodes = false;   // Packed: exact-zero codes (they hold a mask)
  int64_t stream = -1;        // Packed: the quantizer's stream (its id)
  bool activation = true;     // false: an argument as is, alive anyway
  /// The forward value kept (a packed copy and a mask of one ReLU output
  /// share it): the f32 baseline counts each source once.
  uintptr_t source = 0;

  int64_t numElements(int64_t batch) const;
  /// Bytes this value takes at `batch`, as the runtime lays it out.
  int64_t bytes(int64_t batch) const;
};

/// Prints, for `batch`, the bytes of the saved activations in total (and
/// per value when `perValue`), and what the values they keep would take
/// as uncompressed f32 stashes.
void printSavedActivations(const std::vector<SavedValue> &saved,
                           int64_t batch, bool perValue);

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_SAVEDACTIVATIONS_H
