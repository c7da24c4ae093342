//===- LinearToLinalg.cpp - axt.linear and its gradients to linalg --------===//
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

/// y = x · wᵀ + b: the bias is broadcast into the accumulator of a
/// transposed-B matmul.
struct LinearLowering : OpConversionPattern<LinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput(), w = adaptor.getWeight();
    SmallVector<OpFoldResult> sizes{tensor::getMixedSize(rewriter, loc, x, 0),
                                    tensor::getMixedSize(rewriter, loc, w, 0)};
    Type elementType = op.getType().getElementType();
    Value empty = createEmpty(rewriter, loc, sizes, elementType);
    Value init = linalg::BroadcastOp::create(rewriter, loc, adaptor.getBias(),
                                             empty, ArrayRef<int64_t>{0})
                     .getResult()[0];
    Value y = linalg::MatmulTransposeBOp::create(
                  rewriter, loc, TypeRange{init.getType()}, ValueRange{x, w},
                  ValueRange{init})
                  .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

/// dx = dy · w.
struct LinearBackwardInputLowering
    : OpConversionPattern<LinearBackwardInputOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LinearBackwardInputOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value dy = adaptor.getGrad(), w = adaptor.getWeight();
    SmallVector<OpFoldResult> sizes{tensor::getMixedSize(rewriter, loc, dy, 0),
                                    tensor::getMixedSize(rewriter, loc, w, 1)};
    Value init = createFilled(rewriter, loc, sizes,
                              op.getType().getElementType(), 0.0);
    Value dx = linalg::MatmulOp::create(rewriter, loc, TypeRange{init.getType()},
                                        ValueRange{dy, w}, ValueRange{init})
                   .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, dx, op.getType()));
    return success();
  }
};

/// dw = dyᵀ · x.
struct LinearBackwardWeightLowering
    : OpConversionPattern<LinearBackwardWeightOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LinearBackwardWeightOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value dy = adaptor.getGrad(), x = adaptor.getInput();
    SmallVector<OpFoldResult> sizes{tensor::getMixedSize(rewriter, loc, dy, 1),
                                    tensor::getMixedSize(rewriter, loc, x, 1)};
    Value init = createFilled(rewriter, loc, sizes,
                              op.getType().getElementType(), 0.0);
    Value dw = linalg::MatmulTransposeAOp::create(
                   rewriter, loc, TypeRange{init.getType()}, ValueRange{dy, x},
                   ValueRange{init})
                   .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, dw, op.getType()));
    return success();
  }
};

/// db = Σₙ dy[n, :].
struct LinearBackwardBiasLowering : OpConversionPattern<LinearBackwardBiasOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LinearBackwardBiasOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value dy = adaptor.getGrad();
    Value init = createFilled(rewriter, loc,
                              {tensor::getMixedSize(rewriter, loc, dy, 1)},
                              op.getType().getElementType(), 0.0);
    Value db = linalg::ReduceOp::create(
                   rewriter, loc, ValueRange{dy}, ValueRange{init},
                   ArrayRef<int64_t>{0},
                   [](OpBuilder &b, Location l, ValueRange args) {
                     Value sum = arith::AddFOp::create(b, l, args[0], args[1]);
                     linalg::YieldOp::create(b, l, sum);
                   })
                   .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, db, op.getType()));
    return success();
  }
};

} // namespace

void axt::populateAxtLinearToLinalgPatterns(const TypeConverter &converter,
                                            RewritePatternSet &patterns) {
  patterns.add<LinearLowering, LinearBackwardInputLowering,
               LinearBackwardWeightLowering, LinearBackwardBiasLowering>(
      converter, patterns.getContext());
}
