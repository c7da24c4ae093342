//===- Autodiff.cpp - build a training step from a loss function ----------===//
//
// Reverse-mode differentiation over the DifferentiableOpInterface. The
// forward ops are cloned into the training step unchanged; every forward
// value the backward reads crosses through exactly one axt.stash (right
// after its definition) and one axt.unstash per backward use, so the memory
// kept for the backward pass is explicit in the IR.
//
//===----------------------------------------------------------------------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "axt/Transforms/LossFunctions.h"
#include "axt/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTAUTODIFF
#include "axt/Transforms/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

namespace {

/// Builds the backward pass of one cloned forward body.
class GradientBuilder {
public:
  GradientBuilder(Block &body, OpBuilder &builder)
      : body(body), builder(builder) {}

  /// Values on a path from one of `sources` to `sink`: the ones that need a
  /// gradient.
  void markNeeded(ArrayRef<Value> sources, Value sink);

  /// Builds the gradients of every needed value, seeded with d(sink) = 1.
  LogicalResult run(Value sink);

  /// The gradient of `value`, or zeros when it does not reach the sink.
  Value getGradientOrZeros(Value value, Location loc);

private:
  LogicalResult differentiate(Operation *op);
  Value getStash(Value forward);
  void accumulate(Value value, Value gradient);
  Value zerosLike(Value value, Location loc);

  Block &body;
  OpBuilder &builder; // positioned where the backward ops go
  DenseSet<Value> needed;
  DenseMap<Value, Value> gradients;
  DenseMap<Value, Value> stashes;
  Operation *lastArgumentStash = nullptr;
};

void GradientBuilder::markNeeded(ArrayRef<Value> sources, Value sink) {
  // Forward: values that depend on a source.
  DenseSet<Value> varied(sources.begin(), sources.end());
  for (Operation &op : body)
    if (llvm::any_of(op.getOperands(),
                     [&](Value v) { return varied.contains(v); }))
      varied.insert(op.result_begin(), op.result_end());
  // Backward: of those, the ones the sink depends on.
  SetVector<Value> worklist;
  worklist.insert(sink);
  for (unsigned i = 0; i < worklist.size(); ++i) {
    Value value = worklist[i];
    if (!varied.contains(value))
      continue;
    needed.insert(value);
    if (Operation *def = value.getDefiningOp())
      worklist.insert(def->operand_begin(), def->operand_end());
  }
}

LogicalResult GradientBuilder::run(Value sink) {
  Location loc = sink.getLoc();
  auto type = cast<RankedTensorType>(sink.getType());
  gradients[sink] = arith::ConstantOp::create(
      builder, loc, DenseElementsAttr::get(type, builder.getF32FloatAttr(1.0)));
  SmallVector<Operation *> forward;
  for (Operation &op : body.without_terminator())
    forward.push_back(&op);
  for (Operation *op : llvm::reverse(forward))
    if (failed(differentiate(op)))
      return failure();
  return success();
}

LogicalResult GradientBuilder::differentiate(Operation *op) {
  if (llvm::none_of(op->getResults(),
                    [&](Value r) { return gradients.contains(r); }))
    return success();
  auto diffOp = dyn_cast<DifferentiableOpInterface>(op);
  if (!diffOp)
    return op->emitOpError()
           << "is not differentiable (it lies between a parameter and the "
              "loss but does not implement DifferentiableOpInterface)";

  SmallVector<bool> needs;
  for (auto [i, operand] : llvm::enumerate(op->getOperands()))
    needs.push_back(needed.contains(operand) &&
                    diffOp.isDifferentiableOperand(i));
  if (llvm::none_of(needs, [](bool b) { return b; }))
    return success();

  // Results nobody differentiates (indices, running statistics) pass null.
  SmallVector<Value> resultGrads;
  for (Value result : op->getResults())
    resultGrads.push_back(gradients.lookup(result));

  SmallVector<Value> saved;
  for (Value value : diffOp.getValuesForGradient(needs))
    saved.push_back(UnstashOp::create(builder, op->getLoc(), getStash(value)));

  SmallVector<Value> operandGrads;
  if (failed(diffOp.buildGradients(builder, saved, resultGrads, needs,
                                   operandGrads)))
    return failure();
  for (auto [i, operand] : llvm::enumerate(op->getOperands())) {
    if (!needs[i])
      continue;
    if (i >= operandGrads.size() || !operandGrads[i])
      return op->emitOpError()
             << "built no gradient for operand #" << i << " it was asked for";
    accumulate(operand, operandGrads[i]);
  }
  return success();
}

Value GradientBuilder::getStash(Value forward) {
  Value &stash = stashes[forward];
  if (stash)
    return stash;
  OpBuilder::InsertionGuard guard(builder);
  if (Operation *def = forward.getDefiningOp()) {
    builder.setInsertionPointAfter(def);
  } else if (lastArgumentStash) {
    builder.setInsertionPointAfter(lastArgumentStash);
  } else {
    builder.setInsertionPointToStart(&body);
  }
  auto op = StashOp::create(builder, forward.getLoc(), forward);
  if (!forward.getDefiningOp())
    lastArgumentStash = op;
  stash = op.getResult();
  return stash;
}

void GradientBuilder::accumulate(Value value, Value gradient) {
  Value &slot = gradients[value];
  slot = slot ? AddOp::create(builder, value.getLoc(), slot, gradient)
                    .getResult()
              : gradient;
}

Value GradientBuilder::getGradientOrZeros(Value value, Location loc) {
  if (Value gradient = gradients.lookup(value))
    return gradient;
  return zerosLike(value, loc);
}

Value GradientBuilder::zerosLike(Value value, Location loc) {
  auto type = cast<RankedTensorType>(value.getType());
  Value zero = arith::ConstantOp::create(
      builder, loc, builder.getZeroAttr(type.getElementType()));
  SmallVector<Value> dynamicSizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      dynamicSizes.push_back(tensor::DimOp::create(builder, loc, value, i));
  return tensor::SplatOp::create(builder, loc, type, zero, dynamicSizes);
}

/// Builds `@<f>_train_step` next to `forward`:
/// `(args..., velocities..., input, labels, lr, seed)
///  -> (loss, new args..., new velocities...)`, with one velocity per
/// trainable parameter; a state argument's new value is the one `@f`
/// returns for it.
LogicalResult buildTrainStep(func::FuncOp forward, float momentum,
                             float weightDecay) {
  auto module = forward->getParentOfType<ModuleOp>();
  std::string name = (forward.getName() + "_train_step").str();
  if (failed(checkNameIsFree(module, name, forward)))
    return failure();

  unsigned numArgs = getNumModelArguments(forward);
  SmallVector<unsigned> paramIndices;
  for (unsigned i = 0; i < numArgs; ++i)
    if (!isStateArgument(forward, i))
      paramIndices.push_back(i);
  FunctionType forwardType = forward.getFunctionType();
  ArrayRef<Type> argTypes = forwardType.getInputs().take_front(numArgs);
  SmallVector<Type> velocityTypes;
  for (unsigned i : paramIndices)
    velocityTypes.push_back(argTypes[i]);
  OpBuilder builder(forward->getContext());
  SmallVector<Type> inputs(argTypes);
  llvm::append_range(inputs, velocityTypes);
  llvm::append_range(inputs, forwardType.getInputs().slice(numArgs, 2));
  inputs.push_back(builder.getF32Type());
  inputs.push_back(builder.getI64Type());
  SmallVector<Type> results{forwardType.getResult(0)};
  llvm::append_range(results, argTypes);
  llvm::append_range(results, velocityTypes);

  builder.setInsertionPointAfter(forward);
  auto step = func::FuncOp::create(builder, forward.getLoc(), name,
                                   builder.getFunctionType(inputs, results));
  for (unsigned i = 0; i < numArgs; ++i)
    step.setArgAttrs(i, forward.getArgAttrDict(i));
  step.setArgAttr(numArgs + paramIndices.size(), kInputAttrName,
                  builder.getUnitAttr());
  Block *body = step.addEntryBlock();
  unsigned numParams = paramIndices.size();
  auto args = body->getArguments().take_front(numArgs);
  auto velocities = body->getArguments().slice(numArgs, numParams);
  auto batch = body->getArguments().slice(numArgs + numParams, 2);
  Value lr = body->getArgument(numArgs + numParams + 2);

  // The forward, unchanged.
  IRMapping mapping;
  Block &forwardBody = forward.getBody().front();
  for (unsigned i = 0; i < numArgs; ++i)
    mapping.map(forwardBody.getArgument(i), args[i]);
  mapping.map(forwardBody.getArgument(numArgs), batch[0]);
  mapping.map(forwardBody.getArgument(numArgs + 1), batch[1]);
  if (hasSeedArgument(forward))
    mapping.map(forwardBody.getArgument(numArgs + 2),
                body->getArguments().back());
  builder.setInsertionPointToEnd(body);
  for (Operation &op : forwardBody.without_terminator())
    builder.clone(op, mapping);
  Operation *terminator = forwardBody.getTerminator();
  Value loss = mapping.lookup(terminator->getOperand(0));

  // The backward.
  SmallVector<Value> params;
  for (unsigned i : paramIndices)
    params.push_back(args[i]);
  GradientBuilder gradients(*body, builder);
  gradients.markNeeded(params, loss);
  if (failed(gradients.run(loss))) {
    step.erase();
    return failure();
  }

  // The update, and the new state.
  SmallVector<Value> newArgs, newVelocities;
  unsigned nextState = 1, nextParam = 0;
  for (unsigned i = 0; i < numArgs; ++i) {
    if (isStateArgument(forward, i)) {
      newArgs.push_back(
          mapping.lookup(terminator->getOperand(nextState++)));
      continue;
    }
    Value grad = gradients.getGradientOrZeros(args[i], forward.getLoc());
    auto update = SgdMomentumOp::create(
        builder, forward.getLoc(), args[i].getType(), args[i].getType(),
        args[i], grad, velocities[nextParam++], lr,
        builder.getF32FloatAttr(momentum),
        builder.getF32FloatAttr(weightDecay));
    newArgs.push_back(update.getNewParam());
    newVelocities.push_back(update.getNewVelocity());
  }
  SmallVector<Value> returned{loss};
  llvm::append_range(returned, newArgs);
  llvm::append_range(returned, newVelocities);
  func::ReturnOp::create(builder, forward.getLoc(), returned);
  return success();
}

struct AxtAutodiffPass : axt::impl::AxtAutodiffBase<AxtAutodiffPass> {
  using AxtAutodiffBase::AxtAutodiffBase;

  void runOnOperation() override {
    if (!std::isfinite(momentum) || momentum < 0.0f ||
        !std::isfinite(weightDecay) || weightDecay < 0.0f) {
      getOperation().emitError()
          << "axt-autodiff: momentum (" << momentum << ") and weight-decay ("
          << weightDecay << ") must be finite and non-negative";
      return signalPassFailure();
    }
    FailureOr<SmallVector<func::FuncOp>> losses =
        selectLossFunctions(getOperation(), functions);
    if (failed(losses))
      return signalPassFailure();
    for (func::FuncOp forward : *losses)
      if (failed(buildTrainStep(forward, momentum, weightDecay)))
        return signalPassFailure();
  }
};

} // namespace
