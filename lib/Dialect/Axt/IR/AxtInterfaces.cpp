//===- AxtInterfaces.cpp - the differentiable-op interface ----------------===//
#include "axt/Dialect/Axt/IR/AxtInterfaces.h"

#include "mlir/IR/IRMapping.h"

#include "axt/Dialect/Axt/IR/AxtInterfaces.cpp.inc"

mlir::IRMapping mlir::axt::mapSavedValues(DifferentiableOpInterface op,
                                          ArrayRef<bool> needsGradient,
                                          ValueRange saved) {
  IRMapping mapping;
  for (auto [forward, backward] :
       llvm::zip_equal(op.getValuesForGradient(needsGradient), saved))
    mapping.map(forward, backward);
  return mapping;
}
