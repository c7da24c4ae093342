//===- VerifyUtils.h - helpers shared by the axt verifiers ----------------===//
//
// A dynamic dimension agrees with anything; static ones must be equal.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_LIB_DIALECT_AXT_IR_VERIFYUTILS_H
#define AXT_LIB_DIALECT_AXT_IR_VERIFYUTILS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace mlir::axt::verify {
/// A dimension as diagnostics print it: its size, or `?` when dynamic.
inline std::string formatDim(int64_t size) {
  return ShapedType::isDynamic(size) ? "?" : std::to_string(size);
}

inline int64_t dimOf(Value value, unsigned index) {
  return cast<RankedTensorType>(value.getType()).getDimSize(index);
}

inline LogicalResult checkRank(Operation *op, Value value, int64_t rank,
                        StringRef name) {
  int64_t actual = cast<RankedTensorType>(value.getType()).getRank();
  if (actual == rank)
    return success();
  return op->emitOpError() << name << " must have rank " << rank << " (got "
                           << actual << ")";
}

/// Checks that `actual` (described by `what`) agrees with `expected`
/// (described by `expectedWhat`).
inline LogicalResult checkDim(Operation *op, int64_t actual, StringRef what,
                       int64_t expected, StringRef expectedWhat) {
  if (ShapedType::isDynamic(actual) || ShapedType::isDynamic(expected) ||
      actual == expected)
    return success();
  return op->emitOpError() << what << " (" << formatDim(actual)
                           << ") does not match " << expectedWhat << " ("
                           << formatDim(expected) << ")";
}
} // namespace mlir::axt::verify

#endif // AXT_LIB_DIALECT_AXT_IR_VERIFYUTILS_H
