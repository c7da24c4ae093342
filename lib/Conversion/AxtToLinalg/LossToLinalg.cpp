//===- LossToLinalg.cpp - softmax cross-entropy to linalg -----------------===//
//
// Both directions recompute the row maximum and the sum of exponentials
// from the logits: two cheap reductions instead of keeping the softmax.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

struct RowStatistics {
  Value max;    // [N]: max over classes
  Value sumExp; // [N]: Σ exp(logit − max)
};

RowStatistics buildRowStatistics(OpBuilder &b, Location loc, Value logits) {
  Type f32 = b.getF32Type();
  SmallVector<OpFoldResult> rows{tensor::getMixedSize(b, loc, logits, 0)};
  Value lowest =
      createFilled(b, loc, rows, f32, -std::numeric_limits<double>::infinity());
  Value max = linalg::ReduceOp::create(
                  b, loc, ValueRange{logits}, ValueRange{lowest},
                  ArrayRef<int64_t>{1},
                  [](OpBuilder &nb, Location l, ValueRange args) {
                    Value m = arith::MaximumFOp::create(nb, l, args[0], args[1]);
                    linalg::YieldOp::create(nb, l, m);
                  })
                  .getResult(0);

  MLIRContext *ctx = b.getContext();
  AffineExpr n = getAffineDimExpr(0, ctx), c = getAffineDimExpr(1, ctx);
  auto full = AffineMap::get(2, 0, {n, c}, ctx);
  auto row = AffineMap::get(2, 0, {n}, ctx);
  Value zeros = createFilled(b, loc, rows, f32, 0.0);
  Value sumExp =
      linalg::GenericOp::create(
          b, loc, zeros.getType(), ValueRange{logits, max}, ValueRange{zeros},
          ArrayRef<AffineMap>{full, row, row},
          ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                        utils::IteratorType::reduction},
          [](OpBuilder &nb, Location l, ValueRange args) {
            Value shifted = arith::SubFOp::create(nb, l, args[0], args[1]);
            Value e = math::ExpOp::create(nb, l, shifted);
            Value sum = arith::AddFOp::create(nb, l, args[2], e);
            linalg::YieldOp::create(nb, l, sum);
          })
          .getResult(0);
  return {max, sumExp};
}

/// The label of the current row as an index.
Value labelIndex(OpBuilder &b, Location loc, Value label) {
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), label);
}

/// loss = (1/N) Σₙ (log sumExp[n] + max[n] − logits[n, labels[n]]).
struct SoftmaxCrossEntropyLowering
    : OpConversionPattern<SoftmaxCrossEntropyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxCrossEntropyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value logits = adaptor.getLogits();
    RowStatistics stats = buildRowStatistics(rewriter, loc, logits);
    Type f32 = rewriter.getF32Type();
    Value zero = createFilled(rewriter, loc, {}, f32, 0.0);
    MLIRContext *ctx = rewriter.getContext();
    auto row = AffineMap::get(1, 0, {getAffineDimExpr(0, ctx)}, ctx);
    auto scalar = AffineMap::get(1, 0, {}, ctx);
    Value sum =
        linalg::GenericOp::create(
            rewriter, loc, zero.getType(),
            ValueRange{stats.max, stats.sumExp, adaptor.getLabels()},
            ValueRange{zero}, ArrayRef<AffineMap>{row, row, row, scalar},
            ArrayRef<utils::IteratorType>{utils::IteratorType::reduction},
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value n = linalg::IndexOp::create(b, l, 0);
              Value logit = tensor::ExtractOp::create(
                  b, l, logits, ValueRange{n, labelIndex(b, l, args[2])});
              Value logSum = math::LogOp::create(b, l, args[1]);
              Value lse = arith::AddFOp::create(b, l, logSum, args[0]);
              Value loss = arith::SubFOp::create(b, l, lse, logit);
              linalg::YieldOp::create(
                  b, l, ValueRange{arith::AddFOp::create(b, l, args[3], loss)});
            })
            .getResult(0);
    Value total = extractScalar(rewriter, loc, sum);
    Value count = dimAsF32(rewriter, loc, logits, 0);
    Value mean = arith::DivFOp::create(rewriter, loc, total, count);
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(op, op.getType(),
                                                        mean);
    return success();
  }
};

/// dlogits[n, c] = (softmax[n, c] − [c = labels[n]]) · grad / N.
struct SoftmaxCrossEntropyBackwardLowering
    : OpConversionPattern<SoftmaxCrossEntropyBackwardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxCrossEntropyBackwardOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value logits = adaptor.getLogits();
    RowStatistics stats = buildRowStatistics(rewriter, loc, logits);
    Value grad = extractScalar(rewriter, loc, adaptor.getGrad());
    Value count = dimAsF32(rewriter, loc, logits, 0);
    Value scale = arith::DivFOp::create(rewriter, loc, grad, count);
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr n = getAffineDimExpr(0, ctx), c = getAffineDimExpr(1, ctx);
    auto full = AffineMap::get(2, 0, {n, c}, ctx);
    auto row = AffineMap::get(2, 0, {n}, ctx);
    Value init = createEmpty(rewriter, loc,
                             tensor::getMixedSizes(rewriter, loc, logits),
                             rewriter.getF32Type());
    Value dlogits =
        linalg::GenericOp::create(
            rewriter, loc, init.getType(),
            ValueRange{logits, stats.max, stats.sumExp, adaptor.getLabels()},
            ValueRange{init}, ArrayRef<AffineMap>{full, row, row, row, full},
            ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                          utils::IteratorType::parallel},
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value shifted = arith::SubFOp::create(b, l, args[0], args[1]);
              Value p = arith::DivFOp::create(
                  b, l, math::ExpOp::create(b, l, shifted), args[2]);
              Value cls = linalg::IndexOp::create(b, l, 1);
              Value isLabel =
                  arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, cls,
                                        labelIndex(b, l, args[3]));
              Value one = arith::ConstantOp::create(b, l, b.getF32FloatAttr(1));
              Value zero =
                  arith::ConstantOp::create(b, l, b.getF32FloatAttr(0));
              Value target = arith::SelectOp::create(b, l, isLabel, one, zero);
              Value diff = arith::SubFOp::create(b, l, p, target);
              linalg::YieldOp::create(
                  b, l, ValueRange{arith::MulFOp::create(b, l, diff, scale)});
            })
            .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, dlogits, op.getType()));
    return success();
  }
};

} // namespace

void axt::populateAxtLossToLinalgPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<SoftmaxCrossEntropyLowering,
               SoftmaxCrossEntropyBackwardLowering>(converter,
                                                    patterns.getContext());
}
