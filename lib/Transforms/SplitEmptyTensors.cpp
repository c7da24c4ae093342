//===- SplitEmptyTensors.cpp - one destination per use, next to it --------===//
#include "axt/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTSPLITEMPTYTENSORS
#include "axt/Transforms/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;

namespace {

/// A fill of an empty tensor (zeros to accumulate into), with the empty
/// tensor it fills.
bool isFillOfEmpty(Operation *op) {
  auto fill = dyn_cast<linalg::FillOp>(op);
  return fill && fill.hasPureTensorSemantics() &&
         fill.getOutputs()[0].getDefiningOp<tensor::EmptyOp>();
}

/// Replaces each use of `op`'s result whose user is in `op`'s block with a
/// copy of `op` (and, for a fill, of its empty tensor) right before that
/// user, and erases `op` (and that empty tensor) once unused. The copies
/// read what `op` reads, which dominates `op`, hence every user.
void sinkIntoUsers(Operation *op, OpBuilder &builder) {
  Operation *empty =
      isFillOfEmpty(op) ? op->getOperand(1).getDefiningOp() : nullptr;
  for (OpOperand &use :
       llvm::make_early_inc_range(op->getResult(0).getUses())) {
    Operation *user = use.getOwner();
    if (user->getBlock() != op->getBlock())
      continue;
    builder.setInsertionPoint(user);
    IRMapping mapping;
    if (empty)
      mapping.map(empty->getResult(0), builder.clone(*empty)->getResult(0));
    use.set(builder.clone(*op, mapping)->getResult(0));
  }
  if (!op->use_empty())
    return;
  op->erase();
  if (empty && empty->use_empty())
    empty->erase();
}

struct AxtSplitEmptyTensorsPass
    : axt::impl::AxtSplitEmptyTensorsBase<AxtSplitEmptyTensorsPass> {
  void runOnOperation() override {
    OpBuilder builder(&getContext());
    // Fills first: their copies take empty tensors of their own, and the
    // empty tensors left then have their other users only.
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isFillOfEmpty(op))
        ops.push_back(op);
    });
    for (Operation *fill : ops)
      sinkIntoUsers(fill, builder);
    ops.clear();
    getOperation().walk([&](tensor::EmptyOp empty) { ops.push_back(empty); });
    for (Operation *empty : ops)
      sinkIntoUsers(empty, builder);
  }
};

} // namespace
