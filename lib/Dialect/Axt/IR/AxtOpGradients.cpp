//===- AxtOpGradients.cpp - gradients of the axt forward ops --------------===//
//
// The DifferentiableOpInterface implementations. Each op names the forward
// values its backward reads and builds the backward ops from their
// backward-side copies (`saved`), never from the forward values themselves.
//
//===----------------------------------------------------------------------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::axt;

/// Resets `grads` to one null entry per operand of `op`.
static void clearGradients(Operation *op, SmallVectorImpl<Value> &grads) {
  grads.assign(op->getNumOperands(), Value());
}

//===----------------------------------------------------------------------===//
// linear
//===----------------------------------------------------------------------===//

SmallVector<Value> LinearOp::getValuesForGradient(ArrayRef<bool> needs) {
  SmallVector<Value> values;
  if (needs[1])
    values.push_back(getInput()); // dw = dyᵀ · x
  if (needs[0])
    values.push_back(getWeight()); // dx = dy · w
  return values;
}

LogicalResult LinearOp::buildGradients(OpBuilder &b, ValueRange saved,
                                       ValueRange resultGrads,
                                       ArrayRef<bool> needs,
                                       SmallVectorImpl<Value> &grads) {
  IRMapping mapping = mapSavedValues(*this, needs, saved);
  Value dy = resultGrads[0];
  Location loc = getLoc();
  clearGradients(*this, grads);
  if (needs[0])
    grads[0] = LinearBackwardInputOp::create(b, loc, getInput().getType(), dy,
                                             mapping.lookup(getWeight()));
  if (needs[1])
    grads[1] = LinearBackwardWeightOp::create(
        b, loc, getWeight().getType(), dy, mapping.lookup(getInput()));
  if (needs[2])
    grads[2] =
        LinearBackwardBiasOp::create(b, loc, getBias().getType(), dy);
  return success();
}

//===----------------------------------------------------------------------===//
// relu
//===----------------------------------------------------------------------===//

SmallVector<Value> ReluOp::getValuesForGradient(ArrayRef<bool> needs) {
  // The output's sign is the mask; the next layer usually keeps it anyway.
  if (needs[0])
    return {getResult()};
  return {};
}

LogicalResult ReluOp::buildGradients(OpBuilder &b, ValueRange saved,
                                     ValueRange resultGrads,
                                     ArrayRef<bool> needs,
                                     SmallVectorImpl<Value> &grads) {
  clearGradients(*this, grads);
  if (needs[0])
    grads[0] = ReluBackwardOp::create(b, getLoc(), resultGrads[0], saved[0]);
  return success();
}

//===----------------------------------------------------------------------===//
// dropout
//===----------------------------------------------------------------------===//

SmallVector<Value> DropoutOp::getValuesForGradient(ArrayRef<bool>) {
  // The mask is drawn again from (seed, stream, index): nothing is kept. The
  // seed is a scalar argument of the step, live in the backward anyway.
  return {};
}

LogicalResult DropoutOp::buildGradients(OpBuilder &b, ValueRange,
                                        ValueRange resultGrads,
                                        ArrayRef<bool> needs,
                                        SmallVectorImpl<Value> &grads) {
  clearGradients(*this, grads);
  if (needs[0] && !getTraining())
    grads[0] = resultGrads[0]; // inference mode is the identity
  else if (needs[0])
    grads[0] = DropoutBackwardOp::create(b, getLoc(), resultGrads[0],
                                         getSeed(), getRateAttr(),
                                         getStreamAttr());
  return success();
}

//===----------------------------------------------------------------------===//
// add
//===----------------------------------------------------------------------===//

SmallVector<Value> AddOp::getValuesForGradient(ArrayRef<bool>) { return {}; }

LogicalResult AddOp::buildGradients(OpBuilder &b, ValueRange,
                                    ValueRange resultGrads,
                                    ArrayRef<bool> needs,
                                    SmallVectorImpl<Value> &grads) {
  clearGradients(*this, grads);
  for (unsigned i = 0; i < 2; ++i) {
    if (!needs[i])
      continue;
    // A broadcast operand gets the sum over the dimensions it was repeated
    // along.
    Type type = getOperand(i).getType();
    grads[i] = type == getType() ? resultGrads[0]
                                 : SumToShapeOp::create(b, getLoc(), type,
                                                        resultGrads[0])
                                       .getResult();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// softmax_cross_entropy
//===----------------------------------------------------------------------===//

SmallVector<Value>
SoftmaxCrossEntropyOp::getValuesForGradient(ArrayRef<bool> needs) {
  if (needs[0])
    return {getLogits(), getLabels()};
  return {};
}

LogicalResult SoftmaxCrossEntropyOp::buildGradients(
    OpBuilder &b, ValueRange saved, ValueRange resultGrads,
    ArrayRef<bool> needs, SmallVectorImpl<Value> &grads) {
  clearGradients(*this, grads);
  if (needs[0]) {
    IRMapping mapping = mapSavedValues(*this, needs, saved);
    grads[0] = SoftmaxCrossEntropyBackwardOp::create(
        b, getLoc(), getLogits().getType(), resultGrads[0],
        mapping.lookup(getLogits()), mapping.lookup(getLabels()));
  }
  return success();
}
