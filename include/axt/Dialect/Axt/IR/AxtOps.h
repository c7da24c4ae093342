//===- AxtOps.h - ops of the axt dialect ------------------------*- C++ -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTOPS_H
#define AXT_DIALECT_AXT_IR_AXTOPS_H

#include "axt/Dialect/Axt/IR/AxtAttrNames.h"
#include "axt/Dialect/Axt/IR/AxtDialect.h"
#include "axt/Dialect/Axt/IR/AxtInterfaces.h"
#include "axt/Dialect/Axt/IR/AxtTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "axt/Dialect/Axt/IR/AxtOps.h.inc"

namespace mlir::axt {

/// Output size of a sliding window along one dimension,
/// (in + 2·padding − dilation·(kernel − 1) − 1) / stride + 1; dynamic when
/// `in` is, and below 1 when the window does not fit.
int64_t getWindowOutputSize(int64_t in, int64_t kernel, int64_t stride,
                            int64_t padding, int64_t dilation = 1);

/// The shape `lhs` and `rhs` broadcast to under `axt.add`'s rules, or
/// failure with the reason in `why`.
FailureOr<SmallVector<int64_t>> getBroadcastShape(ArrayRef<int64_t> lhs,
                                                  ArrayRef<int64_t> rhs,
                                                  std::string &why);

/// Whether dimension `dim` of a result of shape `result` repeats `operand`
/// (a shape that broadcasts to it): the leading dimensions `operand` lacks,
/// and those where it has a static 1 and the result does not.
bool isBroadcastDimension(ArrayRef<int64_t> operand, ArrayRef<int64_t> result,
                          int64_t dim);

/// The tensor type whose mask `maskOrPacked` (an `!axt.mask`, or an
/// `!axt.packed` with exact_zero) keeps.
RankedTensorType getMaskedTensorType(Type maskOrPacked);

} // namespace mlir::axt

#endif // AXT_DIALECT_AXT_IR_AXTOPS_H
