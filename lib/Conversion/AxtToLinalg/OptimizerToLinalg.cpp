//===- OptimizerToLinalg.cpp - optimizer updates to linalg ----------------===//
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

/// One pass over (param, grad, velocity) producing both new tensors.
struct SgdMomentumLowering : OpConversionPattern<SgdMomentumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SgdMomentumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value param = adaptor.getParam();
    auto type = cast<RankedTensorType>(param.getType());
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, param);
    Value newParam = createEmpty(rewriter, loc, sizes, type.getElementType());
    Value newVelocity =
        createEmpty(rewriter, loc, sizes, type.getElementType());
    Value lr = adaptor.getLr();
    Value momentum =
        arith::ConstantOp::create(rewriter, loc, op.getMomentumAttr());
    Value weightDecay =
        arith::ConstantOp::create(rewriter, loc, op.getWeightDecayAttr());
    bool hasWeightDecay = !op.getWeightDecay().isZero();
    SmallVector<AffineMap> maps(5,
                                rewriter.getMultiDimIdentityMap(type.getRank()));
    SmallVector<utils::IteratorType> iterators(type.getRank(),
                                               utils::IteratorType::parallel);
    auto update = linalg::GenericOp::create(
        rewriter, loc, TypeRange{newParam.getType(), newVelocity.getType()},
        ValueRange{param, adaptor.getGrad(), adaptor.getVelocity()},
        ValueRange{newParam, newVelocity}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value p = args[0], g = args[1], v = args[2];
          if (hasWeightDecay)
            g = arith::AddFOp::create(
                b, l, g, arith::MulFOp::create(b, l, weightDecay, p));
          Value v1 = arith::AddFOp::create(
              b, l, arith::MulFOp::create(b, l, momentum, v), g);
          Value p1 = arith::SubFOp::create(
              b, l, p, arith::MulFOp::create(b, l, lr, v1));
          linalg::YieldOp::create(b, l, ValueRange{p1, v1});
        });
    rewriter.replaceOp(op, {castTo(rewriter, loc, update.getResult(0),
                                   op.getNewParam().getType()),
                            castTo(rewriter, loc, update.getResult(1),
                                   op.getNewVelocity().getType())});
    return success();
  }
};

} // namespace

void axt::populateAxtOptimizerToLinalgPatterns(const TypeConverter &converter,
                                               RewritePatternSet &patterns) {
  patterns.add<SgdMomentumLowering>(converter, patterns.getContext());
}
