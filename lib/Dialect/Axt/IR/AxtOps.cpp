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

//===----------------------------------------------------------------------===//
// Broadcasting (axt.add, axt.sum_to_shape)
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<int64_t>>
axt::getBroadcastShape(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs,
                       std::string &why) {
  size_t rank = std::max(lhs.size(), rhs.size());
  SmallVector<int64_t> shape(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Aligned at the last dimension; missing leading dimensions are 1.
    int64_t a = i + lhs.size() >= rank ? lhs[i + lhs.size() - rank] : 1;
    int64_t b = i + rhs.size() >= rank ? rhs[i + rhs.size() - rank] : 1;
    if (a == b || b == 1) {
      shape[i] = a;
    } else if (a == 1) {
      shape[i] = b;
    } else {
      why = "dimension " + std::to_string(i) + " of the result: sizes " +
            verify::formatDim(a) + " and " + verify::formatDim(b) +
            " do not broadcast (they must be equal or one of them 1; a "
            "dynamic size matches only a dynamic size or 1)";
      return failure();
    }
  }
  return shape;
}

bool axt::isBroadcastDimension(ArrayRef<int64_t> operand,
                               ArrayRef<int64_t> result, int64_t dim) {
  int64_t lead = result.size() - operand.size();
  if (dim < lead)
    return true;
  return operand[dim - lead] == 1 && result[dim] != 1;
}

void AddOp::build(OpBuilder &builder, OperationState &state, Value lhs,
                  Value rhs) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  std::string why;
  FailureOr<SmallVector<int64_t>> shape =
      getBroadcastShape(lhsType.getShape(), rhsType.getShape(), why);
  // Operands that do not broadcast get lhs's type and fail verification.
  Type result = failed(shape) ? Type(lhsType)
                              : RankedTensorType::get(
                                    *shape, lhsType.getElementType());
  build(builder, state, result, lhs, rhs);
}

LogicalResult AddOp::verify() {
  auto lhs = cast<RankedTensorType>(getLhs().getType());
  auto rhs = cast<RankedTensorType>(getRhs().getType());
  std::string why;
  FailureOr<SmallVector<int64_t>> shape =
      getBroadcastShape(lhs.getShape(), rhs.getShape(), why);
  if (failed(shape))
    return emitOpError() << "operand types (" << lhs << ", " << rhs
                         << ") do not broadcast: " << why;
  auto expected = RankedTensorType::get(*shape, lhs.getElementType());
  if (getType() != expected)
    return emitOpError() << "result type (" << getType()
                         << ") must be the broadcast type (" << expected
                         << ")";
  return success();
}

ParseResult AddOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand lhs, rhs;
  Type lhsType, rhsType, resultType;
  if (parser.parseOperand(lhs) || parser.parseComma() ||
      parser.parseOperand(rhs) ||
      parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseColonType(lhsType))
    return failure();
  rhsType = resultType = lhsType;
  if (succeeded(parser.parseOptionalComma()) &&
      (parser.parseType(rhsType) || parser.parseArrow() ||
       parser.parseType(resultType)))
    return failure();
  result.addTypes(resultType);
  return parser.resolveOperands({lhs, rhs}, {lhsType, rhsType},
                                parser.getCurrentLocation(), result.operands);
}

void AddOp::print(OpAsmPrinter &p) {
  p << " " << getLhs() << ", " << getRhs();
  p.printOptionalAttrDict((*this)->getAttrs());
  p << " : " << getLhs().getType();
  if (getLhs().getType() != getType() || getRhs().getType() != getType())
    p << ", " << getRhs().getType() << " -> " << getType();
}

LogicalResult SumToShapeOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto result = cast<RankedTensorType>(getType());
  std::string why;
  FailureOr<SmallVector<int64_t>> shape =
      getBroadcastShape(result.getShape(), input.getShape(), why);
  if (failed(shape) || ArrayRef<int64_t>(*shape) != input.getShape())
    return emitOpError() << "result type (" << result
                         << ") must broadcast to the input type (" << input
                         << ")";
  return success();
}
