//===- AxtCompressionOps.cpp - verifiers of the compression ops -----------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"

using namespace mlir;
using namespace mlir::axt;

LogicalResult QuantizeOp::verify() {
  // I64Attr reads back as uint64_t.
  auto stream = static_cast<int64_t>(getStream());
  if (stream < 0)
    return emitOpError() << "stream (" << stream << ") must be non-negative";
  if (getRounding() != "stochastic" && getRounding() != "nearest")
    return emitOpError() << "rounding (\"" << getRounding()
                         << "\") must be \"stochastic\" or \"nearest\"";
  return success();
}

/// One size operand per dynamic dimension of `type`.
static LogicalResult verifyDynamicSizes(Operation *op, RankedTensorType type,
                                        ValueRange sizes) {
  if (sizes.size() == size_t(type.getNumDynamicDims()))
    return success();
  return op->emitOpError() << "needs one size per dynamic dimension of "
                           << type << " (" << type.getNumDynamicDims()
                           << "), got " << sizes.size();
}

LogicalResult DequantizeOp::verify() {
  return verifyDynamicSizes(*this, getType(), getDynamicSizes());
}

RankedTensorType axt::getMaskedTensorType(Type maskOrPacked) {
  if (auto packed = dyn_cast<PackedType>(maskOrPacked))
    return packed.getTensorType();
  return cast<MaskType>(maskOrPacked).getTensorType();
}

LogicalResult UnpackMaskOp::verify() {
  auto packed = dyn_cast<PackedType>(getInput().getType());
  if (packed && !packed.getExactZero())
    return emitOpError() << "reads a mask from the codes of a packed tensor "
                            "only with exact_zero (got "
                         << packed << ")";
  return verifyDynamicSizes(*this, getType(), getDynamicSizes());
}

LogicalResult UnpackIndicesOp::verify() {
  return verifyDynamicSizes(*this, getType(), getDynamicSizes());
}
