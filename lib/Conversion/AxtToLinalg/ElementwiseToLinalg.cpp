//===- ElementwiseToLinalg.cpp - elementwise axt ops to linalg ------------===//
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

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
/// Same types: the plain elementwise form; else the broadcasting one.
struct AddLowering : OpConversionPattern<AddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange operands = adaptor.getOperands();
    auto type = cast<RankedTensorType>(op.getType());
    Value sum = llvm::all_equal({operands[0].getType(), operands[1].getType(),
                                 Type(type)})
                    ? buildElementwise(rewriter, loc, operands, type, add)
                    : castTo(rewriter, loc,
                             buildBroadcastElementwise(rewriter, loc, operands,
                                                       type, add),
                             type);
    rewriter.replaceOp(op, sum);
    return success();
  }
};

/// The sum over the broadcast dimensions, reshaped to the result's rank
/// (its kept size-1 dimensions come back through expand_shape).
struct SumToShapeLowering : OpConversionPattern<SumToShapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SumToShapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    ArrayRef<int64_t> inputShape =
        cast<RankedTensorType>(input.getType()).getShape();
    auto type = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> shape = type.getShape();
    int64_t lead = inputShape.size() - shape.size();
    SmallVector<int64_t> dims;
    for (int64_t d = 0; d < int64_t(inputShape.size()); ++d)
      if (isBroadcastDimension(shape, inputShape, d))
        dims.push_back(d);
    Value sum = sumOverDims(rewriter, loc, input, dims);
    // Each dimension joins the group of the next kept dimension (the last
    // group takes the trailing ones); no group at all when none is kept.
    SmallVector<int64_t> kept;
    for (int64_t d = 0; d < int64_t(shape.size()); ++d)
      if (!llvm::is_contained(dims, d + lead))
        kept.push_back(d);
    SmallVector<ReassociationIndices> groups(kept.size());
    for (int64_t d = 0, g = 0; !kept.empty() && d < int64_t(shape.size());
         ++d) {
      groups[g].push_back(d);
      if (d == kept[g] && g + 1 < int64_t(kept.size()))
        ++g;
    }
    auto sumType = cast<RankedTensorType>(sum.getType());
    Value result =
        sumType.getRank() == type.getRank()
            ? sum
            : tensor::ExpandShapeOp::create(
                  rewriter, loc,
                  RankedTensorType::get(shape, type.getElementType()), sum,
                  groups)
                  .getResult();
    rewriter.replaceOp(op, castTo(rewriter, loc, result, type));
    return success();
  }
};

} // namespace

void axt::populateAxtElementwiseToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<ReluLowering, ReluBackwardLowering, AddLowering,
               SumToShapeLowering>(
      converter, patterns.getContext());
}
