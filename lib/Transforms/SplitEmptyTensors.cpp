//===- SplitEmptyTensors.cpp - destinations for bufferization ------------===//
#include "axt/Analysis/InPlaceUpdates.h"
#include "axt/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
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

/// Whether `value` will have a buffer no other live value shares: the
/// result of a linalg op or of a runtime kernel (a restrict, writable
/// to_tensor), possibly reshaped or cast by its only user.
bool ownsItsBuffer(Value value) {
  Operation *producer = value.getDefiningOp();
  if (!producer)
    return false;
  if (isa<linalg::LinalgOp>(producer))
    return true;
  if (auto toTensor = dyn_cast<bufferization::ToTensorOp>(producer))
    return toTensor.getRestrict() && toTensor.getWritable();
  if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::CastOp>(
          producer))
    return producer->getOperand(0).hasOneUse() &&
           ownsItsBuffer(producer->getOperand(0));
  return false;
}

/// Lets an elementwise generic that writes into an empty tensor write over
/// an input of its type that dies there instead (a ReLU's gradient over
/// the ReLU's output): each element is read before it is written, and one
/// buffer serves both. Inputs that are arguments (the caller's) or share a
/// buffer with other values (bufferization would copy them) are left alone.
void reuseDyingInput(linalg::GenericOp op) {
  if (op.getNumDpsInits() != 1 || !op.hasPureTensorSemantics() ||
      op.getNumParallelLoops() != op.getNumLoops())
    return;
  OpOperand *init = op.getDpsInitOperand(0);
  auto empty = init->get().getDefiningOp<tensor::EmptyOp>();
  if (!empty || !op.getMatchingIndexingMap(init).isIdentity() ||
      op.payloadUsesValueFromOperand(init))
    return;
  for (OpOperand *input : op.getDpsInputOperands()) {
    Value value = input->get();
    if (value.getType() != init->get().getType() ||
        !op.getMatchingIndexingMap(input).isIdentity() ||
        !ownsItsBuffer(value) || !axt::isLastUserInBlock(value, op))
      continue;
    init->set(value);
    if (empty->use_empty())
      empty->erase();
    return;
  }
}

struct AxtSplitEmptyTensorsPass
    : axt::impl::AxtSplitEmptyTensorsBase<AxtSplitEmptyTensorsPass> {
  void runOnOperation() override {
    getOperation().walk(reuseDyingInput);
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
