//===- AxtTransformerOps.cpp - verifiers of the Transformer ops -----------===//
#include "VerifyUtils.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::verify;

LogicalResult MatmulOp::verify() {
  int64_t rank = getLhs().getType().getRank();
  if (rank != 2 && rank != 3)
    return emitOpError() << "operands must have rank 2 or 3 (got " << rank
                         << ")";
  if (failed(checkRank(*this, getRhs(), rank, "rhs")) ||
      failed(checkRank(*this, getResult(), rank, "result")))
    return failure();
  int64_t row = rank - 2, col = rank - 1;
  // (rows, columns) of op(lhs) and op(rhs).
  int64_t m = dimOf(getLhs(), getTransposeLhs() ? col : row);
  int64_t kLhs = dimOf(getLhs(), getTransposeLhs() ? row : col);
  int64_t kRhs = dimOf(getRhs(), getTransposeRhs() ? col : row);
  int64_t n = dimOf(getRhs(), getTransposeRhs() ? row : col);
  if (rank == 3 &&
      (failed(checkDim(*this, dimOf(getRhs(), 0), "rhs batch dimension",
                       dimOf(getLhs(), 0), "lhs batch dimension")) ||
       failed(checkDim(*this, dimOf(getResult(), 0), "result batch dimension",
                       dimOf(getLhs(), 0), "lhs batch dimension"))))
    return failure();
  return success(
      succeeded(checkDim(*this, kRhs, "rhs contraction dimension", kLhs,
                         "lhs contraction dimension")) &&
      succeeded(checkDim(*this, dimOf(getResult(), row), "result rows", m,
                         "lhs rows")) &&
      succeeded(checkDim(*this, dimOf(getResult(), col), "result columns", n,
                         "rhs columns")));
}

/// `scale` is `[D]` with D the last dimension of `input`.
static LogicalResult verifyRowNorm(Operation *op, Value input, Value scale,
                                   float epsilon) {
  if (!(epsilon > 0.0f) || !std::isfinite(epsilon))
    return op->emitOpError() << "epsilon (" << epsilon
                             << ") must be finite and positive";
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  if (rank < 1)
    return op->emitOpError() << "input must have rank 1 or more";
  if (failed(checkRank(op, scale, 1, "scale")))
    return failure();
  return checkDim(op, dimOf(scale, 0), "scale size", dimOf(input, rank - 1),
                  "input's last dimension");
}

LogicalResult LayerNormOp::verify() {
  return verifyRowNorm(*this, getInput(), getScale(),
                       getEpsilon().convertToFloat());
}

LogicalResult LayerNormBackwardOp::verify() {
  return verifyRowNorm(*this, getInput(), getScale(),
                       getEpsilon().convertToFloat());
}

/// Ops over the last dimension need one.
static LogicalResult verifyHasLastDim(Operation *op, Value value) {
  if (cast<RankedTensorType>(value.getType()).getRank() >= 1)
    return success();
  return op->emitOpError() << "needs rank 1 or more (got "
                           << value.getType() << ")";
}

LogicalResult SoftmaxOp::verify() { return verifyHasLastDim(*this, getInput()); }

LogicalResult SoftmaxBackwardOp::verify() {
  return verifyHasLastDim(*this, getGrad());
}

LogicalResult TransposeOp::verify() {
  ArrayRef<int64_t> perm = getPermutation();
  int64_t rank = getInput().getType().getRank();
  if (rank == 0)
    return emitOpError() << "needs rank 1 or more";
  SmallVector<bool> seen(rank, false);
  bool valid = static_cast<int64_t>(perm.size()) == rank;
  for (int64_t p : perm) {
    valid = valid && p >= 0 && p < rank && !seen[p];
    if (valid)
      seen[p] = true;
  }
  if (!valid)
    return emitOpError() << "permutation must be a permutation of the "
                         << rank << " input dimensions";
  if (failed(checkRank(*this, getResult(), rank, "result")))
    return failure();
  for (int64_t d = 0; d < rank; ++d)
    if (failed(checkDim(*this, dimOf(getResult(), d),
                        "result dimension " + std::to_string(d),
                        dimOf(getInput(), perm[d]),
                        "input dimension " + std::to_string(perm[d]))))
      return failure();
  return success();
}
