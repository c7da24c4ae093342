//===- AxtCnnOpGradients.cpp - gradients of the CNN ops -------------------===//
//
// DifferentiableOpInterface implementations of convolution, pooling,
// normalization and reshape; see AxtOpGradients.cpp for the contract.
//
//===----------------------------------------------------------------------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::axt;

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

SmallVector<Value> Conv2DOp::getValuesForGradient(ArrayRef<bool> needs) {
  SmallVector<Value> values;
  if (needs[1])
    values.push_back(getInput()); // dw correlates x with dy
  if (needs[0])
    values.push_back(getFilter()); // dx convolves dy with w
  return values;
}

LogicalResult Conv2DOp::buildGradients(OpBuilder &b, ValueRange saved,
                                       ValueRange resultGrads,
                                       ArrayRef<bool> needs,
                                       SmallVectorImpl<Value> &grads) {
  IRMapping mapping = mapSavedValues(*this, needs, saved);
  Value dy = resultGrads[0];
  Location loc = getLoc();
  grads.assign(getNumOperands(), Value());
  if (needs[0])
    grads[0] = Conv2DBackwardInputOp::create(
        b, loc, getInput().getType(), dy, mapping.lookup(getFilter()),
        getStridesAttr(), getPaddingAttr(), getDilationsAttr(),
        getGroupsAttr());
  if (needs[1])
    grads[1] = Conv2DBackwardFilterOp::create(
        b, loc, getFilter().getType(), dy, mapping.lookup(getInput()),
        getStridesAttr(), getPaddingAttr(), getDilationsAttr(),
        getGroupsAttr());
  if (getBias() && needs[2])
    grads[2] = ChannelSumOp::create(b, loc, getBias().getType(), dy);
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

SmallVector<Value> MaxPool2DOp::getValuesForGradient(ArrayRef<bool> needs) {
  // The positions of the maxima are all the backward needs: no activation.
  if (needs[0])
    return {getIndices()};
  return {};
}

LogicalResult MaxPool2DOp::buildGradients(OpBuilder &b, ValueRange saved,
                                          ValueRange resultGrads,
                                          ArrayRef<bool> needs,
                                          SmallVectorImpl<Value> &grads) {
  grads.assign(1, Value());
  if (needs[0])
    grads[0] = MaxPool2DBackwardOp::create(
        b, getLoc(), getInput().getType(), resultGrads[0], saved[0],
        getKernelAttr(), getStridesAttr(), getPaddingAttr());
  return success();
}

SmallVector<Value> AvgPool2DOp::getValuesForGradient(ArrayRef<bool>) {
  return {};
}

LogicalResult AvgPool2DOp::buildGradients(OpBuilder &b, ValueRange,
                                          ValueRange resultGrads,
                                          ArrayRef<bool> needs,
                                          SmallVectorImpl<Value> &grads) {
  grads.assign(1, Value());
  if (needs[0])
    grads[0] = AvgPool2DBackwardOp::create(
        b, getLoc(), getInput().getType(), resultGrads[0], getKernelAttr(),
        getStridesAttr(), getPaddingAttr());
  return success();
}

SmallVector<Value> GlobalAvgPool2DOp::getValuesForGradient(ArrayRef<bool>) {
  return {};
}

LogicalResult GlobalAvgPool2DOp::buildGradients(
    OpBuilder &b, ValueRange, ValueRange resultGrads, ArrayRef<bool> needs,
    SmallVectorImpl<Value> &grads) {
  grads.assign(1, Value());
  if (!needs[0])
    return success();
  RankedTensorType type = getInput().getType();
  if (type.isDynamicDim(2) || type.isDynamicDim(3))
    return emitOpError() << "needs a static height and width to be "
                            "differentiated (got "
                         << type << ")";
  grads[0] =
      GlobalAvgPool2DBackwardOp::create(b, getLoc(), type, resultGrads[0]);
  return success();
}

//===----------------------------------------------------------------------===//
// batch_norm
//===----------------------------------------------------------------------===//

bool BatchNormOp::isDifferentiableOperand(unsigned index) {
  return index < 3; // input, scale, shift; not the running statistics
}

SmallVector<Value> BatchNormOp::getValuesForGradient(ArrayRef<bool> needs) {
  // The batch statistics are recomputed from the input in the backward.
  if (needs[0] || needs[1] || needs[2])
    return {getInput(), getScale()};
  return {};
}

LogicalResult BatchNormOp::buildGradients(OpBuilder &b, ValueRange saved,
                                          ValueRange resultGrads,
                                          ArrayRef<bool> needs,
                                          SmallVectorImpl<Value> &grads) {
  grads.assign(getNumOperands(), Value());
  if (!getTraining())
    return emitOpError() << "cannot be differentiated in inference mode";
  IRMapping mapping = mapSavedValues(*this, needs, saved);
  auto backward = BatchNormBackwardOp::create(
      b, getLoc(), resultGrads[0], mapping.lookup(getInput()),
      mapping.lookup(getScale()), getEpsilonAttr());
  for (unsigned i = 0; i < 3; ++i)
    if (needs[i])
      grads[i] = backward->getResult(i);
  return success();
}

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

SmallVector<Value> ReshapeOp::getValuesForGradient(ArrayRef<bool>) {
  return {};
}

LogicalResult ReshapeOp::buildGradients(OpBuilder &b, ValueRange,
                                        ValueRange resultGrads,
                                        ArrayRef<bool> needs,
                                        SmallVectorImpl<Value> &grads) {
  grads.assign(1, Value());
  if (needs[0])
    grads[0] = ReshapeOp::create(b, getLoc(), getInput().getType(),
                                 resultGrads[0]);
  return success();
}
