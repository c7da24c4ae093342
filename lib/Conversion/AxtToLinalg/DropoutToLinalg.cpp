//===- DropoutToLinalg.cpp - axt.dropout and its gradient to linalg -------===//
#include "LoweringUtils.h"
#include "Philox.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

/// `x[i] / (1 - rate)` where element i's variate is >= rate, else 0. The
/// forward and the backward apply the same mask, so both lower to this.
Value buildDropout(OpBuilder &b, Location loc, Value x, Value seed,
                   float rate, uint64_t stream, Type resultType) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  // Row-major strides of the (possibly dynamic) shape, as i64 values.
  SmallVector<Value> strides(rank);
  Value stride = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(1));
  for (int64_t d = rank - 1; d >= 0; --d) {
    strides[d] = stride;
    Value size = arith::IndexCastOp::create(
        b, loc, b.getI64Type(), tensor::DimOp::create(b, loc, x, d));
    stride = arith::MulIOp::create(b, loc, stride, size);
  }
  Value scale = constantF32(b, loc, 1.0 / (1.0 - double(rate)));
  Value threshold = constantF32(b, loc, rate);
  return buildElementwise(
      b, loc, x, resultType,
      [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        Value index =
            arith::ConstantOp::create(nb, nloc, nb.getI64IntegerAttr(0));
        for (int64_t d = 0; d < rank; ++d) {
          Value i = arith::IndexCastOp::create(
              nb, nloc, nb.getI64Type(), linalg::IndexOp::create(nb, nloc, d));
          index = arith::AddIOp::create(
              nb, nloc, index, arith::MulIOp::create(nb, nloc, i, strides[d]));
        }
        Value u = buildRandomUniform(nb, nloc, seed, stream, index);
        Value keep = arith::CmpFOp::create(nb, nloc, arith::CmpFPredicate::OGE,
                                           u, threshold);
        Value scaled = arith::MulFOp::create(nb, nloc, args[0], scale);
        Value zero = constantF32(nb, nloc, 0.0);
        return arith::SelectOp::create(nb, nloc, keep, scaled, zero);
      });
}

struct DropoutLowering : OpConversionPattern<DropoutOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DropoutOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!op.getTraining()) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    rewriter.replaceOp(
        op, buildDropout(rewriter, op.getLoc(), adaptor.getInput(),
                         adaptor.getSeed(), op.getRate().convertToFloat(),
                         op.getStream(), op.getType()));
    return success();
  }
};

struct DropoutBackwardLowering : OpConversionPattern<DropoutBackwardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DropoutBackwardOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op, buildDropout(rewriter, op.getLoc(), adaptor.getGrad(),
                         adaptor.getSeed(), op.getRate().convertToFloat(),
                         op.getStream(), op.getType()));
    return success();
  }
};

} // namespace

void axt::populateAxtDropoutToLinalgPatterns(const TypeConverter &converter,
                                             RewritePatternSet &patterns) {
  patterns.add<DropoutLowering, DropoutBackwardLowering>(
      converter, patterns.getContext());
}
