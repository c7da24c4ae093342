//===- LossFunctions.h - find the forward functions to train ----*- C++ -*-===//
//
// A loss function is `@f(args..., input, labels[, seed]) -> (loss,
// new_state...)`.
// The arguments before the batch are trainable parameters, except those
// marked `{axt.state}`: non-trainable state (batch-norm running statistics)
// whose new values follow the loss in the results, in argument order.
// `{axt.init = ...}` tells runners how to initialize an argument (values:
// kInitValues; default: he-uniform for rank >= 2, else zeros).
// The optional trailing `i64` seed feeds stochastic ops (axt.dropout);
// the training step gets a new one every step from its own seed argument.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_TRANSFORMS_LOSSFUNCTIONS_H
#define AXT_TRANSFORMS_LOSSFUNCTIONS_H

#include "axt/Dialect/Axt/IR/AxtAttrNames.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mlir::axt {

/// The forward functions that training passes work on: those named in
/// `names` or, when it is empty, every public function whose results are a
/// rank-0 f32 loss followed by one value per state argument. Each must have
/// a single-block body and statically shaped f32 arguments before the
/// batch. Emits an error at the offending function (or the module) and
/// fails otherwise.
FailureOr<SmallVector<func::FuncOp>>
selectLossFunctions(ModuleOp module, ArrayRef<std::string> names);

/// Whether `func` ends with the optional `i64` seed argument.
inline bool hasSeedArgument(func::FuncOp func) {
  unsigned n = func.getNumArguments();
  return n >= 3 && func.getArgument(n - 1).getType().isSignlessInteger(64);
}

/// Number of arguments before the batch (parameters and state).
inline unsigned getNumModelArguments(func::FuncOp func) {
  return func.getNumArguments() - 2 - (hasSeedArgument(func) ? 1 : 0);
}

/// Whether model argument `index` is non-trainable state.
inline bool isStateArgument(func::FuncOp func, unsigned index) {
  return static_cast<bool>(func.getArgAttr(index, kStateAttrName));
}

/// Fails with an error at `anchor` if `module` already has `name`, so a pass
/// never overwrites a function the user wrote.
LogicalResult checkNameIsFree(ModuleOp module, StringRef name,
                              Operation *anchor);

} // namespace mlir::axt

#endif // AXT_TRANSFORMS_LOSSFUNCTIONS_H
