//===- AxtCnnOps.cpp - verifiers of convolution, pooling, normalization ---===//
#include "VerifyUtils.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::verify;

int64_t axt::getWindowOutputSize(int64_t in, int64_t kernel, int64_t stride,
                                 int64_t padding, int64_t dilation) {
  if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel))
    return ShapedType::kDynamic;
  int64_t span = in + 2 * padding - dilation * (kernel - 1) - 1;
  if (span < 0)
    return 0;
  return span / stride + 1;
}

namespace {

std::string formatPair(ArrayRef<int64_t> pair) {
  return "[" + std::to_string(pair[0]) + ", " + std::to_string(pair[1]) + "]";
}

/// `values` (an attribute) must all be at least `minimum`.
LogicalResult checkAtLeast(Operation *op, ArrayRef<int64_t> values,
                           int64_t minimum, StringRef name) {
  if (llvm::all_of(values, [&](int64_t v) { return v >= minimum; }))
    return success();
  return op->emitOpError() << name << " must be "
                           << (minimum > 0 ? "positive" : "non-negative")
                           << " (got " << formatPair(values) << ")";
}

/// The spatial part of a window op: `output` is `input` seen through the
/// window. `inputName` and `outputName` say which operands they are.
LogicalResult checkWindow(Operation *op, Value input, StringRef inputName,
                          Value output, StringRef outputName,
                          ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                          ArrayRef<int64_t> padding,
                          ArrayRef<int64_t> dilations, bool withDilations) {
  for (int i = 0; i < 2; ++i) {
    int64_t in = dimOf(input, 2 + i);
    int64_t expected = getWindowOutputSize(in, kernel[i], strides[i],
                                           padding[i], dilations[i]);
    if (!ShapedType::isDynamic(expected) && expected < 1) {
      InFlightDiagnostic diag = op->emitOpError();
      diag << "window (kernel " << formatPair(kernel);
      if (withDilations)
        diag << ", dilations " << formatPair(dilations);
      return diag << ") does not fit the " << inputName
             << " (" << formatDim(dimOf(input, 2)) << "x"
             << formatDim(dimOf(input, 3)) << ") with padding "
             << formatPair(padding);
    }
    std::string what = (outputName + (i ? " width" : " height")).str();
    if (failed(checkDim(op, dimOf(output, 2 + i), what, expected,
                        "the size the window gives")))
      return failure();
  }
  return success();
}

/// Shared by the convolution and its two gradients, which see the same
/// (input, filter, output) triple from different sides.
LogicalResult verifyConvolution(Operation *op, Value input,
                                StringRef inputName, Value filter,
                                StringRef filterName, Value output,
                                StringRef outputName,
                                ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> padding,
                                ArrayRef<int64_t> dilations, int64_t groups) {
  if (failed(checkRank(op, input, 4, inputName)) ||
      failed(checkRank(op, filter, 4, filterName)) ||
      failed(checkRank(op, output, 4, outputName)) ||
      failed(checkAtLeast(op, strides, 1, "strides")) ||
      failed(checkAtLeast(op, padding, 0, "padding")) ||
      failed(checkAtLeast(op, dilations, 1, "dilations")))
    return failure();
  if (groups < 1)
    return op->emitOpError() << "groups must be positive (got " << groups
                             << ")";
  int64_t channels = dimOf(input, 1), filters = dimOf(filter, 0);
  if (!ShapedType::isDynamic(channels) && channels % groups != 0)
    return op->emitOpError() << inputName << " channels (" << channels
                             << ") are not divisible by groups (" << groups
                             << ")";
  if (!ShapedType::isDynamic(filters) && filters % groups != 0)
    return op->emitOpError() << "filter count (" << filters
                             << ") is not divisible by groups (" << groups
                             << ")";
  int64_t perGroup = ShapedType::isDynamic(channels) ? channels
                                                     : channels / groups;
  SmallVector<int64_t> kernel{dimOf(filter, 2), dimOf(filter, 3)};
  return success(
      succeeded(checkDim(op, dimOf(filter, 1),
                         (filterName + " channel dimension").str(), perGroup,
                         "input channels per group")) &&
      succeeded(checkDim(op, dimOf(output, 0),
                         (outputName + " batch dimension").str(),
                         dimOf(input, 0),
                         (inputName + " batch dimension").str())) &&
      succeeded(checkDim(op, dimOf(output, 1),
                         (outputName + " channel dimension").str(), filters,
                         "filter count")) &&
      succeeded(checkWindow(op, input, inputName, output, outputName, kernel,
                            strides, padding, dilations,
                            /*withDilations=*/true)));
}

/// Shared by the poolings and their gradients.
LogicalResult verifyPooling(Operation *op, Value input, StringRef inputName,
                            Value output, StringRef outputName,
                            ArrayRef<int64_t> kernel,
                            ArrayRef<int64_t> strides,
                            ArrayRef<int64_t> padding) {
  if (failed(checkRank(op, input, 4, inputName)) ||
      failed(checkRank(op, output, 4, outputName)) ||
      failed(checkAtLeast(op, kernel, 1, "kernel")) ||
      failed(checkAtLeast(op, strides, 1, "strides")) ||
      failed(checkAtLeast(op, padding, 0, "padding")))
    return failure();
  // A window made only of padding would have no input to pool.
  if (padding[0] > kernel[0] / 2 || padding[1] > kernel[1] / 2)
    return op->emitOpError() << "padding " << formatPair(padding)
                             << " must be at most half the kernel "
                             << formatPair(kernel);
  for (int i = 0; i < 2; ++i)
    if (failed(checkDim(op, dimOf(output, i),
                        (outputName + (i ? " channel" : " batch") +
                         " dimension")
                            .str(),
                        dimOf(input, i),
                        (inputName + (i ? " channel" : " batch") +
                         " dimension")
                            .str())))
      return failure();
  return checkWindow(op, input, inputName, output, outputName, kernel,
                     strides, padding, {1, 1}, /*withDilations=*/false);
}

/// The `[C]` scale of a normalization over `input` `[N, C, ...]` (the
/// other per-channel operands have its type).
LogicalResult verifyPerChannel(Operation *op, Value input, StringRef inputName,
                               Value scale) {
  auto rank = cast<RankedTensorType>(input.getType()).getRank();
  if (rank < 2)
    return op->emitOpError() << inputName
                             << " must have rank 2 or more (got " << rank
                             << ")";
  if (failed(checkRank(op, scale, 1, "scale")))
    return failure();
  return checkDim(op, dimOf(scale, 0), "scale size", dimOf(input, 1),
                  (inputName + " channel dimension").str());
}

} // namespace

LogicalResult Conv2DOp::verify() {
  if (failed(verifyConvolution(*this, getInput(), "input", getFilter(),
                               "filter", getResult(), "result", getStrides(),
                               getPadding(), getDilations(), getGroups())))
    return failure();
  if (Value bias = getBias()) {
    if (failed(checkRank(*this, bias, 1, "bias")))
      return failure();
    return checkDim(*this, dimOf(bias, 0), "bias size", dimOf(getFilter(), 0),
                    "filter count");
  }
  return success();
}

LogicalResult Conv2DBackwardInputOp::verify() {
  return verifyConvolution(*this, getResult(), "result", getFilter(),
                           "filter", getGrad(), "gradient", getStrides(),
                           getPadding(), getDilations(), getGroups());
}

LogicalResult Conv2DBackwardFilterOp::verify() {
  return verifyConvolution(*this, getInput(), "input", getResult(), "result",
                           getGrad(), "gradient", getStrides(), getPadding(),
                           getDilations(), getGroups());
}

LogicalResult ChannelSumOp::verify() {
  auto rank = getInput().getType().getRank();
  if (rank < 2)
    return emitOpError() << "input must have rank 2 or more (got " << rank
                         << ")";
  if (failed(checkRank(*this, getResult(), 1, "result")))
    return failure();
  return checkDim(*this, dimOf(getResult(), 0), "result size",
                  dimOf(getInput(), 1), "input channel dimension");
}

LogicalResult MaxPool2DOp::verify() {
  if (failed(verifyPooling(*this, getInput(), "input", getResult(), "result",
                           getKernel(), getStrides(), getPadding())))
    return failure();
  if (getIndices().getType().getShape() != getResult().getType().getShape())
    return emitOpError() << "indices shape (" << getIndices().getType()
                         << ") must match the result shape ("
                         << getResult().getType() << ")";
  return success();
}

LogicalResult MaxPool2DBackwardOp::verify() {
  if (failed(verifyPooling(*this, getResult(), "result", getGrad(),
                           "gradient", getKernel(), getStrides(),
                           getPadding())))
    return failure();
  if (getIndices().getType().getShape() != getGrad().getType().getShape())
    return emitOpError() << "indices shape (" << getIndices().getType()
                         << ") must match the gradient shape ("
                         << getGrad().getType() << ")";
  return success();
}

LogicalResult AvgPool2DOp::verify() {
  return verifyPooling(*this, getInput(), "input", getResult(), "result",
                       getKernel(), getStrides(), getPadding());
}

LogicalResult AvgPool2DBackwardOp::verify() {
  return verifyPooling(*this, getResult(), "result", getGrad(), "gradient",
                       getKernel(), getStrides(), getPadding());
}

LogicalResult GlobalAvgPool2DOp::verify() {
  if (failed(checkRank(*this, getInput(), 4, "input")) ||
      failed(checkRank(*this, getResult(), 2, "result")))
    return failure();
  return success(
      succeeded(checkDim(*this, dimOf(getResult(), 0), "result batch dimension",
                         dimOf(getInput(), 0), "input batch dimension")) &&
      succeeded(checkDim(*this, dimOf(getResult(), 1),
                         "result channel dimension", dimOf(getInput(), 1),
                         "input channel dimension")));
}

LogicalResult GlobalAvgPool2DBackwardOp::verify() {
  if (failed(checkRank(*this, getGrad(), 2, "gradient")) ||
      failed(checkRank(*this, getResult(), 4, "result")))
    return failure();
  RankedTensorType result = getResult().getType();
  if (result.isDynamicDim(2) || result.isDynamicDim(3))
    return emitOpError() << "result height and width must be static (got "
                         << result << ")";
  return success(
      succeeded(checkDim(*this, dimOf(getResult(), 0), "result batch dimension",
                         dimOf(getGrad(), 0), "gradient batch dimension")) &&
      succeeded(checkDim(*this, dimOf(getResult(), 1),
                         "result channel dimension", dimOf(getGrad(), 1),
                         "gradient channel dimension")));
}

// setTraining(bool) is the attribute's generated setter.
bool BatchNormOp::isTraining() { return getTraining(); }

LogicalResult BatchNormOp::verify() {
  float epsilon = getEpsilon().convertToFloat();
  float momentum = getMomentum().convertToFloat();
  if (!(epsilon > 0.0f) || !std::isfinite(epsilon))
    return emitOpError() << "epsilon (" << epsilon
                         << ") must be finite and positive";
  if (!(momentum >= 0.0f && momentum <= 1.0f))
    return emitOpError() << "momentum (" << momentum
                         << ") must be in [0, 1]";
  return verifyPerChannel(*this, getInput(), "input", getScale());
}

LogicalResult BatchNormBackwardOp::verify() {
  float epsilon = getEpsilon().convertToFloat();
  if (!(epsilon > 0.0f) || !std::isfinite(epsilon))
    return emitOpError() << "epsilon (" << epsilon
                         << ") must be finite and positive";
  return verifyPerChannel(*this, getInput(), "input", getScale());
}

LogicalResult ReshapeOp::verify() {
  RankedTensorType in = getInput().getType(), out = getResult().getType();
  if (in.getRank() == 0 || out.getRank() == 0)
    return emitOpError() << "shapes must have rank 1 or more (got " << in
                         << " and " << out << ")";
  auto staticTail = [](RankedTensorType t) {
    return t.getRank() >= 1 &&
           llvm::none_of(t.getShape().drop_front(), ShapedType::isDynamic);
  };
  bool bothStatic = in.hasStaticShape() && out.hasStaticShape();
  bool bothBatched = in.getRank() >= 1 && out.getRank() >= 1 &&
                     in.isDynamicDim(0) && out.isDynamicDim(0) &&
                     staticTail(in) && staticTail(out);
  if (!bothStatic && !bothBatched)
    return emitOpError() << "shapes must both be static or both have only a "
                            "dynamic leading dimension (got "
                         << in << " and " << out << ")";
  auto count = [&](RankedTensorType t) {
    int64_t n = 1;
    for (int64_t i = bothBatched ? 1 : 0; i < t.getRank(); ++i)
      n *= t.getDimSize(i);
    return n;
  };
  if (count(in) != count(out))
    return emitOpError() << "element counts differ (" << in << " has "
                         << count(in) << (bothBatched ? " per batch entry" : "")
                         << ", " << out << " has " << count(out) << ")";
  return success();
}
