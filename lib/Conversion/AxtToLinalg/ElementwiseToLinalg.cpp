//===- ElementwiseToLinalg.cpp - elementwise axt ops to linalg ------------===//
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

Value zeroLike(OpBuilder &b, Location loc, Value like) {
  return arith::ConstantOp::create(b, loc, b.getZeroAttr(like.getType()));
}

// maximumf, not maxnumf: maxnumf returns 0 for NaN inputs; NaN must
// propagate.
Value relu(OpBuilder &b, Location loc, ValueRange x) {
  return arith::MaximumFOp::create(b, loc, x[0], zeroLike(b, loc, x[0]));
}

/// The gradient where the output is positive.
Value reluBackward(OpBuilder &b, Location loc, ValueRange args) {
  Value zero = zeroLike(b, loc, args[0]);
  Value active = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                       args[1], zero);
  return arith::SelectOp::create(b, loc, active, args[0], zero);
}

Value add(OpBuilder &b, Location loc, ValueRange args) {
  return arith::AddFOp::create(b, loc, args[0], args[1]);
}

using ReluLowering = ElementwiseLowering<ReluOp, relu>;
using ReluBackwardLowering = ElementwiseLowering<ReluBackwardOp, reluBackward>;
using AddLowering = ElementwiseLowering<AddOp, add>;

} // namespace

void axt::populateAxtElementwiseToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<ReluLowering, ReluBackwardLowering, AddLowering>(
      converter, patterns.getContext());
}
