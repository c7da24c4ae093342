//===- BitAllocation.h - bits per saved activation under a budget -*- C++ -*-===//
//
// Mixed precision for compressed saved activations (ActNN, GACT): stash l,
// of n_l elements (per example) with sensitivity C_l, kept with b_l bits adds
// C_l / (2^b_l - 1)^2 to the variance of the gradient (C_l / (2^b_l - 2)^2
// for exact-zero codes, whose non-zero values get one level fewer). Choosing b_l from each
// stash's allowed widths to minimize the sum subject to an average of at
// most `budget` bits per element, sum n_l b_l <= budget sum n_l, is a
// multiple-choice knapsack problem; allocateBits solves it exactly by
// dynamic programming over the bits spent.
//
// Plain C++ (no LLVM): the pass uses it, and so do its unit tests.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_TRANSFORMS_BITALLOCATION_H
#define AXT_TRANSFORMS_BITALLOCATION_H

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::axt {

struct StashCost {
  int64_t elements = 0;       // n_l > 0 (per example: the batch cancels)
  double sensitivity = 0;     // C_l >= 0
  std::vector<unsigned> bits; // allowed widths, each in [1, 16]
  bool exactZero = false;     // code 0 reserved: widths of 2 bits or more
};

struct BitAllocation {
  std::vector<unsigned> bits; // b_l, one per stash
  double variance = 0;        // sum C_l / (2^b_l - 1)^2
  double averageBits = 0;     // sum n_l b_l / sum n_l
  // Whether the dynamic program ran on the exact element counts. Beyond
  // kMaxStates (stashes x units of capacity) it counts elements in larger
  // units, rounding each stash's size up: the result still meets the
  // budget but may be slightly suboptimal.
  bool exact = true;
};

/// The largest dynamic program allocateBits runs exactly.
constexpr int64_t kMaxAllocationStates = int64_t(1) << 26;

/// The allocation of least variance within `budget` average bits per
/// element; false with the reason in `error` when the arguments are invalid
/// or even the narrowest widths exceed the budget.
bool allocateBits(const std::vector<StashCost> &stashes, double budget,
                  BitAllocation &result, std::string &error);

/// C / (2^bits - 1)^2, or C / (2^bits - 2)^2 with exact-zero codes.
double quantizationVariance(double sensitivity, unsigned bits,
                            bool exactZero = false);

} // namespace mlir::axt

#endif // AXT_TRANSFORMS_BITALLOCATION_H
