//===- BitAllocation.cpp - exact mixed-precision bit allocation -----------===//
#include "axt/Transforms/BitAllocation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

using namespace mlir::axt;

double mlir::axt::quantizationVariance(double sensitivity, unsigned bits,
                                 bool exactZero) {
  const double intervals = std::ldexp(1.0, int(bits)) - (exactZero ? 2 : 1);
  return sensitivity / (intervals * intervals);
}

bool mlir::axt::allocateBits(const std::vector<StashCost> &stashes, double budget,
                       BitAllocation &result, std::string &error) {
  result = BitAllocation();
  if (!(budget > 0) || !std::isfinite(budget)) {
    error = "the bit budget (" + std::to_string(budget) +
            ") must be positive and finite";
    return false;
  }
  int64_t unit = 0;
  double totalElements = 0, narrowest = 0;
  for (size_t l = 0; l < stashes.size(); ++l) {
    const StashCost &s = stashes[l];
    if (s.elements <= 0 || !(s.sensitivity >= 0) ||
        !std::isfinite(s.sensitivity) || s.bits.empty() ||
        std::any_of(s.bits.begin(), s.bits.end(), [&](unsigned b) {
          return b < (s.exactZero ? 2u : 1u) || b > 16;
        })) {
      error = "stash " + std::to_string(l) +
              " needs a positive size, a finite non-negative sensitivity "
              "and widths in [1, 16] ([2, 16] with exact-zero codes)";
      return false;
    }
    unit = std::gcd(unit, s.elements);
    totalElements += double(s.elements);
    narrowest +=
        double(s.elements) * *std::min_element(s.bits.begin(), s.bits.end());
  }
  if (stashes.empty())
    return true;
  // A little slack for the budget times the total, which is rounded.
  const double allowed = budget * totalElements * (1 + 1e-12);
  if (narrowest > allowed) {
    error = "the bit budget (" + std::to_string(budget) +
            " bits per element) is below what the narrowest widths take (" +
            std::to_string(narrowest / totalElements) + ")";
    return false;
  }

  // Weights and capacity in units of `unit` elements: the gcd of the sizes
  // (exact), grown until the table fits (sizes rounded up: still within
  // the budget).
  const int64_t L = int64_t(stashes.size());
  auto capacityIn = [&](int64_t u) {
    return int64_t(std::floor(allowed / double(u)));
  };
  while ((capacityIn(unit) + 1) * L > kMaxAllocationStates) {
    unit *= 2;
    result.exact = false;
  }
  const int64_t capacity = capacityIn(unit);
  std::vector<int64_t> weight(static_cast<size_t>(L));
  for (int64_t l = 0; l < L; ++l)
    weight[size_t(l)] = (stashes[size_t(l)].elements + unit - 1) / unit;

  // best[c]: least variance of the stashes so far within c units; choice
  // [l][c]: the width index stash l takes there.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> best(size_t(capacity + 1), 0.0), next;
  std::vector<uint8_t> choice(size_t(L * (capacity + 1)), 0);
  for (int64_t l = 0; l < L; ++l) {
    const StashCost &s = stashes[size_t(l)];
    next.assign(best.size(), inf);
    for (size_t k = 0; k < s.bits.size(); ++k) {
      const int64_t w = weight[size_t(l)] * s.bits[k];
      const double cost =
          quantizationVariance(s.sensitivity, s.bits[k], s.exactZero);
      for (int64_t c = w; c <= capacity; ++c) {
        const double v = best[size_t(c - w)] + cost;
        if (v < next[size_t(c)]) {
          next[size_t(c)] = v;
          choice[size_t(l * (capacity + 1) + c)] = uint8_t(k);
        }
      }
    }
    best.swap(next);
  }
  int64_t c = capacity;
  if (!std::isfinite(best[size_t(c)])) {
    error = "no allocation fits the bit budget in units of " +
            std::to_string(unit) + " elements";
    return false;
  }
  result.bits.assign(size_t(L), 0);
  double bitsSpent = 0;
  for (int64_t l = L - 1; l >= 0; --l) {
    const StashCost &s = stashes[size_t(l)];
    const unsigned b = s.bits[choice[size_t(l * (capacity + 1) + c)]];
    result.bits[size_t(l)] = b;
    result.variance += quantizationVariance(s.sensitivity, b, s.exactZero);
    bitsSpent += double(s.elements) * b;
    c -= weight[size_t(l)] * b;
  }
  result.averageBits = bitsSpent / totalElements;
  return true;
}
