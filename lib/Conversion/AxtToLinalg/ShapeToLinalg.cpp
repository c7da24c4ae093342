//===- ShapeToLinalg.cpp - reshape to tensor ops --------------------------===//
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

/// Collapses to one dimension, then expands to the result shape; with a
/// dynamic batch the leading output size is the element count divided by
/// the static ones.
struct ReshapeLowering : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    RankedTensorType outType = op.getType();
    auto all = [](int64_t rank) {
      ReassociationIndices indices;
      for (int64_t i = 0; i < rank; ++i)
        indices.push_back(i);
      return SmallVector<ReassociationIndices>{indices};
    };
    Value flat = input;
    if (inType.getRank() != 1)
      flat = tensor::CollapseShapeOp::create(rewriter, loc, input,
                                             all(inType.getRank()));
    SmallVector<OpFoldResult> shape;
    int64_t staticCount = 1;
    for (int64_t d = 0; d < outType.getRank(); ++d) {
      shape.push_back(rewriter.getIndexAttr(outType.getDimSize(d)));
      if (!outType.isDynamicDim(d))
        staticCount *= outType.getDimSize(d);
    }
    if (outType.isDynamicDim(0)) {
      Value total = tensor::DimOp::create(rewriter, loc, flat, 0);
      shape[0] = arith::DivUIOp::create(
                     rewriter, loc, total,
                     arith::ConstantIndexOp::create(rewriter, loc,
                                                    staticCount))
                     .getResult();
    }
    Value result = flat;
    if (outType.getRank() != 1)
      result = tensor::ExpandShapeOp::create(rewriter, loc, outType, flat,
                                             all(outType.getRank()), shape);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, outType));
    return success();
  }
};

} // namespace

void axt::populateAxtShapeToLinalgPatterns(const TypeConverter &converter,
                                           RewritePatternSet &patterns) {
  patterns.add<ReshapeLowering>(converter, patterns.getContext());
}
