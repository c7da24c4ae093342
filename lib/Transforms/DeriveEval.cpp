//===- DeriveEval.cpp - evaluation functions for classifiers --------------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "axt/Transforms/LossFunctions.h"
#include "axt/Transforms/Passes.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTDERIVEEVAL
#include "axt/Transforms/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

namespace {

/// Replaces `op` by its operands where it folds to them (dropout in
/// inference mode is the identity).
void foldToOperands(Operation *op) {
  SmallVector<OpFoldResult> folded;
  if (failed(op->fold(folded)) || folded.size() != op->getNumResults() ||
      !llvm::all_of(folded, llvm::IsaPred<Value>))
    return;
  for (auto [result, value] : llvm::zip(op->getResults(), folded))
    result.replaceAllUsesWith(cast<Value>(value));
  op->erase();
}

/// Adds `@<f>_eval` returning `(loss, logits)` next to `forward`.
LogicalResult buildEval(func::FuncOp forward) {
  auto module = forward->getParentOfType<ModuleOp>();
  std::string name = (forward.getName() + "_eval").str();
  if (failed(checkNameIsFree(module, name, forward)))
    return failure();
  Value loss = forward.getBody().front().getTerminator()->getOperand(0);
  auto lossOp = loss.getDefiningOp<SoftmaxCrossEntropyOp>();
  if (!lossOp)
    return forward.emitError()
           << "the loss of '@" << forward.getName()
           << "' is not produced by axt.softmax_cross_entropy, so it has no "
              "logits to evaluate";

  OpBuilder builder(forward);
  builder.setInsertionPointAfter(forward);
  auto eval = cast<func::FuncOp>(builder.clone(*forward));
  eval.setSymName(name);
  Block &body = eval.getBody().front();
  Operation *terminator = body.getTerminator();
  auto evalLoss =
      cast<SoftmaxCrossEntropyOp>(terminator->getOperand(0).getDefiningOp());
  Value logits = evalLoss.getLogits();
  // The new state (running statistics) is not an evaluation's business.
  terminator->setOperands({evalLoss.getLoss(), logits});
  eval.setType(builder.getFunctionType(
      eval.getArgumentTypes(), {loss.getType(), logits.getType()}));
  SmallVector<Operation *> switched;
  eval.walk([&](TrainingModeOpInterface op) {
    op.setTraining(false);
    switched.push_back(op);
  });
  for (Operation *op : switched)
    foldToOperands(op);
  if (!hasSeedArgument(forward))
    return success();
  BlockArgument seed = eval.getArguments().back();
  if (!seed.use_empty())
    return seed.getUses().begin()->getOwner()->emitError()
           << "uses the seed of '@" << forward.getName()
           << "' in evaluation mode, where nothing may be random";
  return eval.eraseArgument(seed.getArgNumber());
}

struct AxtDeriveEvalPass : axt::impl::AxtDeriveEvalBase<AxtDeriveEvalPass> {
  using AxtDeriveEvalBase::AxtDeriveEvalBase;

  void runOnOperation() override {
    FailureOr<SmallVector<func::FuncOp>> losses =
        selectLossFunctions(getOperation(), functions);
    if (failed(losses))
      return signalPassFailure();
    for (func::FuncOp forward : *losses)
      if (failed(buildEval(forward)))
        return signalPassFailure();
  }
};

} // namespace
