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

/// A product of the op's two operands into zeros: the result takes its rows
/// from dimension `LhsDim` of the first operand and its columns from
/// dimension 1 of the second.
template <typename SourceOp, typename MatmulOp, int64_t LhsDim>
struct ProductIntoZerosLowering : OpConversionPattern<SourceOp> {
  using OpConversionPattern<SourceOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getOperands()[0], rhs = adaptor.getOperands()[1];
    SmallVector<OpFoldResult> sizes{
        tensor::getMixedSize(rewriter, loc, lhs, LhsDim),
        tensor::getMixedSize(rewriter, loc, rhs, 1)};
    Value init = createFilled(rewriter, loc, sizes,
                              op.getType().getElementType(), 0.0);
    Value product = MatmulOp::create(rewriter, loc, TypeRange{init.getType()},
                                     ValueRange{lhs, rhs}, ValueRange{init})
                        .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, product, op.getType()));
    return success();
  }
};

/// dx = dy · w.
using LinearBackwardInputLowering =
    ProductIntoZerosLowering<LinearBackwardInputOp, linalg::MatmulOp, 0>;
/// dw = dyᵀ · x: the first operand is read transposed.
using LinearBackwardWeightLowering =
    ProductIntoZerosLowering<LinearBackwardWeightOp,
                             linalg::MatmulTransposeAOp, 1>;

/// db = Σₙ dy[n, :].
struct LinearBackwardBiasLowering : OpConversionPattern<LinearBackwardBiasOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LinearBackwardBiasOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value db = sumOverDims(rewriter, op.getLoc(), adaptor.getGrad(), {0});
    rewriter.replaceOp(op, castTo(rewriter, op.getLoc(), db, op.getType()));
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
