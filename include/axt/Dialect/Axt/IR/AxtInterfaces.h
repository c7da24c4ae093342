//===- AxtInterfaces.h - the differentiable-op interface --------*- C++ -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTINTERFACES_H
#define AXT_DIALECT_AXT_IR_AXTINTERFACES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/TypeUtilities.h"

#include "axt/Dialect/Axt/IR/AxtInterfaces.h.inc"

namespace mlir {
class IRMapping;
} // namespace mlir

namespace mlir::axt {

/// Maps each forward value `op` asked for (`getValuesForGradient(needs)`) to
/// its backward-side copy in `saved`; for use in `buildGradients`.
IRMapping mapSavedValues(DifferentiableOpInterface op,
                         ArrayRef<bool> needsGradient, ValueRange saved);

} // namespace mlir::axt

#endif // AXT_DIALECT_AXT_IR_AXTINTERFACES_H
