//===- AxtOps.cpp - verifiers of the axt ops ------------------------------===//
//
// Verifiers check ranks and the dimensions that relate operands. A dynamic
// dimension agrees with anything; static ones must be equal.
//
//===----------------------------------------------------------------------===//
#include "VerifyUtils.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::verify;

#define GET_OP_CLASSES
#include "axt/Dialect/Axt/IR/AxtOps.cpp.inc"

LogicalResult LinearOp::verify() {
  Operation *op = getOperation();
  if (failed(checkRank(op, getInput(), 2, "input")) ||
      failed(checkRank(op, getWeight(), 2, "weight")) ||
      failed(checkRank(op, getBias(), 1, "bias")) ||
      failed(checkRank(op, getResult(), 2, "result")))
    return failure();
  return success(
      succeeded(checkDim(op, dimOf(getWeight(), 1), "weight input dimension",
                         dimOf(getInput(), 1), "input feature dimension")) &&
      succeeded(checkDim(op, dimOf(getBias(), 0), "bias size",
                         dimOf(getWeight(), 0), "weight output dimension")) &&
      succeeded(checkDim(op, dimOf(getResult(), 0), "result batch dimension",
                         dimOf(getInput(), 0), "input batch dimension")) &&
      succeeded(checkDim(op, dimOf(getResult(), 1), "result feature dimension",
                         dimOf(getWeight(), 0), "weight output dimension")));
}

LogicalResult LinearBackwardInputOp::verify() {
  Operation *op = getOperation();
  if (failed(checkRank(op, getGrad(), 2, "gradient")) ||
      failed(checkRank(op, getWeight(), 2, "weight")) ||
      failed(checkRank(op, getResult(), 2, "result")))
    return failure();
  return success(
      succeeded(checkDim(op, dimOf(getGrad(), 1), "gradient feature dimension",
                         dimOf(getWeight(), 0), "weight output dimension")) &&
      succeeded(checkDim(op, dimOf(getResult(), 0), "result batch dimension",
                         dimOf(getGrad(), 0), "gradient batch dimension")) &&
      succeeded(checkDim(op, dimOf(getResult(), 1), "result feature dimension",
                         dimOf(getWeight(), 1), "weight input dimension")));
}

LogicalResult LinearBackwardWeightOp::verify() {
  Operation *op = getOperation();
  if (failed(checkRank(op, getGrad(), 2, "gradient")) ||
      failed(checkRank(op, getInput(), 2, "input")) ||
      failed(checkRank(op, getResult(), 2, "result")))
    return failure();
  return success(
      succeeded(checkDim(op, dimOf(getInput(), 0), "input batch dimension",
                         dimOf(getGrad(), 0), "gradient batch dimension")) &&
      succeeded(checkDim(op, dimOf(getResult(), 0), "result output dimension",
                         dimOf(getGrad(), 1), "gradient feature dimension")) &&
      succeeded(checkDim(op, dimOf(getResult(), 1), "result input dimension",
                         dimOf(getInput(), 1), "input feature dimension")));
}

LogicalResult LinearBackwardBiasOp::verify() {
  Operation *op = getOperation();
  if (failed(checkRank(op, getGrad(), 2, "gradient")) ||
      failed(checkRank(op, getResult(), 1, "result")))
    return failure();
  return checkDim(op, dimOf(getResult(), 0), "result size",
                  dimOf(getGrad(), 1), "gradient feature dimension");
}

/// Shared by the loss and its gradient: logits `[N, C]`, labels `[N]`.
static LogicalResult verifyLogitsAndLabels(Operation *op, Value logits,
                                           Value labels) {
  if (failed(checkRank(op, logits, 2, "logits")) ||
      failed(checkRank(op, labels, 1, "labels")))
    return failure();
  return checkDim(op, dimOf(labels, 0), "label count", dimOf(logits, 0),
                  "logits batch dimension");
}

LogicalResult SoftmaxCrossEntropyOp::verify() {
  return verifyLogitsAndLabels(getOperation(), getLogits(), getLabels());
}

LogicalResult SoftmaxCrossEntropyBackwardOp::verify() {
  if (failed(verifyLogitsAndLabels(getOperation(), getLogits(), getLabels())))
    return failure();
  if (getResult().getType() != getLogits().getType())
    return emitOpError() << "result type (" << getResult().getType()
                         << ") must match logits type ("
                         << getLogits().getType() << ")";
  return success();
}

LogicalResult SgdMomentumOp::verify() {
  float momentum = getMomentum().convertToFloat();
  float weightDecay = getWeightDecay().convertToFloat();
  if (!std::isfinite(momentum) || momentum < 0.0f)
    return emitOpError() << "momentum (" << momentum
                         << ") must be finite and non-negative";
  if (!std::isfinite(weightDecay) || weightDecay < 0.0f)
    return emitOpError() << "weight_decay (" << weightDecay
                         << ") must be finite and non-negative";
  return success();
}

/// The attributes both dropout ops share: a rate in [0, 1) and a stream id.
static LogicalResult verifyDropoutAttributes(Operation *op, float rate,
                                             int64_t stream) {
  if (!(rate >= 0.0f && rate < 1.0f))
    return op->emitOpError() << "rate (" << rate << ") must be in [0, 1)";
  if (stream < 0)
    return op->emitOpError() << "stream (" << stream
                             << ") must be non-negative";
  return success();
}

LogicalResult DropoutOp::verify() {
  return verifyDropoutAttributes(*this, getRate().convertToFloat(),
                                 getStream());
}

LogicalResult DropoutBackwardOp::verify() {
  return verifyDropoutAttributes(*this, getRate().convertToFloat(),
                                 getStream());
}

// setTraining(bool) is the attribute's generated setter.
bool DropoutOp::isTraining() { return getTraining(); }

OpFoldResult DropoutOp::fold(FoldAdaptor) {
  // Inference, or nothing to drop: the identity.
  if (!getTraining() || getRate().isZero())
    return getInput();
  return {};
}
