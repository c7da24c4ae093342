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
  if (int64_t(sizes.size()) == type.getNumDynamicDims())
    return success();
  return op->emitOpError() << "needs one size per dynamic dimension of "
                           << type << " (" << type.getNumDynamicDims()
                           << "), got " << sizes.size();
}

LogicalResult DequantizeOp::verify() {
  return verifyDynamicSizes(*this, getType(), getDynamicSizes());
}

LogicalResult UnpackMaskOp::verify() {
  return verifyDynamicSizes(*this, getType(), getDynamicSizes());
}

LogicalResult UnpackIndicesOp::verify() {
  return verifyDynamicSizes(*this, getType(), getDynamicSizes());
}
