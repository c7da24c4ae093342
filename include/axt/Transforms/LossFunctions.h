//===- LossFunctions.h - find the forward functions to train ----*- C++ -*-===//
#ifndef AXT_TRANSFORMS_LOSSFUNCTIONS_H
#define AXT_TRANSFORMS_LOSSFUNCTIONS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mlir::axt {

/// The forward functions that training passes work on: those named in
/// `names` or, when it is empty, every public function returning one rank-0
/// f32 tensor. Each must have the form `(params..., input, labels) -> loss`
/// with a single-block body and statically shaped f32 parameters. Emits an
/// error at the offending function (or the module) and fails otherwise.
FailureOr<SmallVector<func::FuncOp>>
selectLossFunctions(ModuleOp module, ArrayRef<std::string> names);

/// Number of trainable parameters of a loss function: all arguments but the
/// trailing input and labels.
inline unsigned getNumParameters(func::FuncOp func) {
  return func.getNumArguments() - 2;
}

/// Fails with an error at `anchor` if `module` already has `name`, so a pass
/// never overwrites a function the user wrote.
LogicalResult checkNameIsFree(ModuleOp module, StringRef name,
                              Operation *anchor);

} // namespace mlir::axt

#endif // AXT_TRANSFORMS_LOSSFUNCTIONS_H
