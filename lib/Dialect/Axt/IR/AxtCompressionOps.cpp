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
