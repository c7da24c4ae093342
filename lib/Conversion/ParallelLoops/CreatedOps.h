//===- CreatedOps.h - erase what a builder made and nothing uses -*- C++
//-*-===//
#ifndef AXT_LIB_CONVERSION_PARALLELLOOPS_CREATEDOPS_H
#define AXT_LIB_CONVERSION_PARALLELLOOPS_CREATEDOPS_H

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::axt {

/// Records the ops a builder creates, so that those left unused (shape
/// computations made for a rewrite that did not need them) can be erased
/// afterwards without touching anything else.
struct CreatedOps : OpBuilder::Listener {
  void notifyOperationInserted(Operation *op, OpBuilder::InsertPoint) override {
    ops.push_back(op);
  }
  /// Erases the recorded ops that are trivially dead, users first.
  void eraseUnused() {
    for (Operation *op : llvm::reverse(ops))
      if (isOpTriviallyDead(op))
        op->erase();
    ops.clear();
  }
  SmallVector<Operation *> ops;
};

} // namespace mlir::axt

#endif // AXT_LIB_CONVERSION_PARALLELLOOPS_CREATEDOPS_H
