//===- AxtTransformerOpGradients.cpp - gradients of Transformer ops -------===//
//
// DifferentiableOpInterface implementations; see AxtOpGradients.cpp for the
// contract.
//
//===----------------------------------------------------------------------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::axt;

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

SmallVector<Value> MatmulOp::getValuesForGradient(ArrayRef<bool> needs) {
  SmallVector<Value> values;
  if (needs[1])
    values.push_back(getLhs());
  // A product of a value with itself keeps it once.
  if (needs[0] && !llvm::is_contained(values, getRhs()))
    values.push_back(getRhs());
  return values;
}

LogicalResult MatmulOp::buildGradients(OpBuilder &b, ValueRange saved,
                                       ValueRange resultGrads,
                                       ArrayRef<bool> needs,
                                       SmallVectorImpl<Value> &grads) {
  IRMapping mapping = mapSavedValues(*this, needs, saved);
  Value dc = resultGrads[0];
  bool ta = getTransposeLhs(), tb = getTransposeRhs();
  Location loc = getLoc();
  auto product = [&](Type type, Value l, Value r, bool tl, bool tr) {
    return MatmulOp::create(b, loc, type, l, r, b.getBoolAttr(tl),
                            b.getBoolAttr(tr))
        .getResult();
  };
  grads.assign(2, Value());
  // C = op(A) · op(B): d op(A) = dC · op(B)ᵀ and d op(B) = op(A)ᵀ · dC,
  // transposed back where the operand was used transposed.
  if (needs[0]) {
    Value rhs = mapping.lookup(getRhs());
    grads[0] = ta ? product(getLhs().getType(), rhs, dc, tb, true)
                  : product(getLhs().getType(), dc, rhs, false, !tb);
  }
  if (needs[1]) {
    Value lhs = mapping.lookup(getLhs());
    grads[1] = tb ? product(getRhs().getType(), dc, lhs, true, ta)
                  : product(getRhs().getType(), lhs, dc, !ta, false);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// softmax, gelu
//===----------------------------------------------------------------------===//

SmallVector<Value> SoftmaxOp::getValuesForGradient(ArrayRef<bool> needs) {
  if (needs[0])
    return {getResult()};
  return {};
}

LogicalResult SoftmaxOp::buildGradients(OpBuilder &b, ValueRange saved,
                                        ValueRange resultGrads,
                                        ArrayRef<bool> needs,
                                        SmallVectorImpl<Value> &grads) {
  grads.assign(1, Value());
  if (needs[0])
    grads[0] =
        SoftmaxBackwardOp::create(b, getLoc(), resultGrads[0], saved[0]);
  return success();
}

SmallVector<Value> GeluOp::getValuesForGradient(ArrayRef<bool> needs) {
  if (needs[0])
    return {getInput()};
  return {};
}

LogicalResult GeluOp::buildGradients(OpBuilder &b, ValueRange saved,
                                     ValueRange resultGrads,
                                     ArrayRef<bool> needs,
                                     SmallVectorImpl<Value> &grads) {
  grads.assign(1, Value());
  if (needs[0])
    grads[0] = GeluBackwardOp::create(b, getLoc(), resultGrads[0], saved[0]);
  return success();
}

//===----------------------------------------------------------------------===//
// layer_norm
//===----------------------------------------------------------------------===//

SmallVector<Value> LayerNormOp::getValuesForGradient(ArrayRef<bool> needs) {
  // The row statistics are recomputed from the input in the backward.
  if (needs[0] || needs[1] || needs[2])
    return {getInput(), getScale()};
  return {};
}

LogicalResult LayerNormOp::buildGradients(OpBuilder &b, ValueRange saved,
                                          ValueRange resultGrads,
                                          ArrayRef<bool> needs,
                                          SmallVectorImpl<Value> &grads) {
  grads.assign(3, Value());
  auto backward = LayerNormBackwardOp::create(
      b, getLoc(), resultGrads[0], saved[0], saved[1], getEpsilonAttr());
  for (unsigned i = 0; i < 3; ++i)
    if (needs[i])
      grads[i] = backward->getResult(i);
  return success();
}

//===----------------------------------------------------------------------===//
// transpose
//===----------------------------------------------------------------------===//

SmallVector<Value> TransposeOp::getValuesForGradient(ArrayRef<bool>) {
  return {};
}

LogicalResult TransposeOp::buildGradients(OpBuilder &b, ValueRange,
                                          ValueRange resultGrads,
                                          ArrayRef<bool> needs,
                                          SmallVectorImpl<Value> &grads) {
  grads.assign(1, Value());
  if (!needs[0])
    return success();
  ArrayRef<int64_t> perm = getPermutation();
  SmallVector<int64_t> inverse(perm.size());
  for (size_t d = 0; d < perm.size(); ++d)
    inverse[perm[d]] = d;
  grads[0] = TransposeOp::create(b, getLoc(), getInput().getType(),
                                 resultGrads[0],
                                 b.getDenseI64ArrayAttr(inverse));
  return success();
}
