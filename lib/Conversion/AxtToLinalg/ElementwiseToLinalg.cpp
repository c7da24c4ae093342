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

struct ReluLowering : OpConversionPattern<ReluOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op, buildElementwise(
                rewriter, op.getLoc(), adaptor.getInput(), op.getType(),
                [](OpBuilder &b, Location loc, ValueRange x) -> Value {
                  // maxnumf returns 0 for NaN inputs; NaN must propagate.
                  return arith::MaximumFOp::create(b, loc, x[0],
                                                   zeroLike(b, loc, x[0]));
                }));
    return success();
  }
};

struct ReluBackwardLowering : OpConversionPattern<ReluBackwardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReluBackwardOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op, buildElementwise(
                rewriter, op.getLoc(),
                ValueRange{adaptor.getGrad(), adaptor.getOutput()},
                op.getType(),
                [](OpBuilder &b, Location loc, ValueRange args) -> Value {
                  Value zero = zeroLike(b, loc, args[0]);
                  Value active = arith::CmpFOp::create(
                      b, loc, arith::CmpFPredicate::OGT, args[1], zero);
                  return arith::SelectOp::create(b, loc, active, args[0],
                                                 zero);
                }));
    return success();
  }
};

struct AddLowering : OpConversionPattern<AddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op, buildElementwise(
                rewriter, op.getLoc(),
                ValueRange{adaptor.getLhs(), adaptor.getRhs()}, op.getType(),
                [](OpBuilder &b, Location loc, ValueRange args) -> Value {
                  return arith::AddFOp::create(b, loc, args[0], args[1]);
                }));
    return success();
  }
};

} // namespace

void axt::populateAxtElementwiseToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<ReluLowering, ReluBackwardLowering, AddLowering>(
      converter, patterns.getContext());
}
