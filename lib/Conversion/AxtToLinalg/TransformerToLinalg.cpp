//===- TransformerToLinalg.cpp - Transformer ops to linalg ----------------===//
//
// Matmuls become linalg.matmul / linalg.batch_matmul whose indexing maps
// read transposed operands in place. Softmax and layer normalization are
// row reductions over the last dimension followed by one elementwise pass
// with the row values broadcast.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

struct MatmulLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    int64_t rank = op.getType().getRank();
    bool ta = op.getTransposeLhs(), tb = op.getTransposeRhs();
    int64_t row = rank - 2, col = rank - 1;
    SmallVector<OpFoldResult> sizes;
    if (rank == 3)
      sizes.push_back(tensor::getMixedSize(rewriter, loc, lhs, 0));
    sizes.push_back(tensor::getMixedSize(rewriter, loc, lhs, ta ? col : row));
    sizes.push_back(tensor::getMixedSize(rewriter, loc, rhs, tb ? row : col));
    Value init = createFilled(rewriter, loc, sizes,
                              op.getType().getElementType(), 0.0);
    // Loops: [batch,] m, n, k.
    MLIRContext *ctx = rewriter.getContext();
    unsigned numLoops = rank + 1;
    SmallVector<AffineExpr> batch;
    if (rank == 3)
      batch.push_back(getAffineDimExpr(0, ctx));
    AffineExpr m = getAffineDimExpr(numLoops - 3, ctx),
               n = getAffineDimExpr(numLoops - 2, ctx),
               k = getAffineDimExpr(numLoops - 1, ctx);
    auto map = [&](AffineExpr a, AffineExpr c) {
      SmallVector<AffineExpr> exprs(batch);
      exprs.push_back(a);
      exprs.push_back(c);
      return AffineMapAttr::get(AffineMap::get(numLoops, 0, exprs, ctx));
    };
    ArrayAttr maps = rewriter.getArrayAttr(
        {ta ? map(k, m) : map(m, k), tb ? map(n, k) : map(k, n), map(m, n)});
    NamedAttribute mapsAttr(rewriter.getStringAttr("indexing_maps"), maps);
    Value product =
        rank == 2
            ? linalg::MatmulOp::create(rewriter, loc, TypeRange{init.getType()},
                                       ValueRange{lhs, rhs}, ValueRange{init},
                                       ArrayRef<NamedAttribute>{mapsAttr})
                  .getResult(0)
            : linalg::BatchMatmulOp::create(
                  rewriter, loc, TypeRange{init.getType()},
                  ValueRange{lhs, rhs}, ValueRange{init},
                  ArrayRef<NamedAttribute>{mapsAttr})
                  .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, product, op.getType()));
    return success();
  }
};

/// Maps for tensors shaped like `x` (identity) and for per-row values
/// (every dimension but the last).
AffineMap fullMap(MLIRContext *ctx, int64_t rank) {
  return AffineMap::getMultiDimIdentityMap(rank, ctx);
}
AffineMap rowMap(MLIRContext *ctx, int64_t rank) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d + 1 < rank; ++d)
    exprs.push_back(getAffineDimExpr(d, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}
AffineMap featureMap(MLIRContext *ctx, int64_t rank) {
  return AffineMap::get(rank, 0, {getAffineDimExpr(rank - 1, ctx)}, ctx);
}

using ElementBody = function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// A linalg.generic over `full[0]`'s shape with inputs `inputs` read through
/// `maps`, reducing into `init` through `outMap` along the dimensions marked
/// in `reduced`; `body` gets the input elements and the accumulator.
Value generic(OpBuilder &b, Location loc, ValueRange inputs,
              ArrayRef<AffineMap> maps, Value init, AffineMap outMap,
              ArrayRef<utils::IteratorType> iterators, ElementBody body) {
  SmallVector<AffineMap> all(maps);
  all.push_back(outMap);
  return linalg::GenericOp::create(
             b, loc, init.getType(), inputs, init, all, iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, ValueRange{body(nb, l, args)});
             })
      .getResult(0);
}

SmallVector<utils::IteratorType> iteratorsReducing(int64_t rank,
                                                   ArrayRef<int64_t> dims) {
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  for (int64_t d : dims)
    iterators[d] = utils::IteratorType::reduction;
  return iterators;
}

/// Per-row (all but the last dimension) sums of `term(inputs...)`.
Value rowSum(OpBuilder &b, Location loc, ValueRange inputs,
             ArrayRef<AffineMap> maps, ElementBody term, double initValue = 0,
             bool max = false) {
  Value x = inputs[0];
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, x);
  sizes.pop_back();
  Value init = createFilled(b, loc, sizes, b.getF32Type(), initValue);
  return generic(b, loc, inputs, maps, init, rowMap(b.getContext(), rank),
                 iteratorsReducing(rank, {rank - 1}),
                 [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
                   Value value = term(nb, l, args.drop_back());
                   if (max)
                     return arith::MaximumFOp::create(nb, l, args.back(),
                                                      value);
                   return arith::AddFOp::create(nb, l, args.back(), value);
                 });
}

/// An elementwise pass over `inputs[0]`'s shape.
Value rowwiseMap(OpBuilder &b, Location loc, ValueRange inputs,
                 ArrayRef<AffineMap> maps, ElementBody body) {
  Value x = inputs[0];
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  Value init = createEmpty(b, loc, tensor::getMixedSizes(b, loc, x),
                           b.getF32Type());
  return generic(b, loc, inputs, maps, init, fullMap(b.getContext(), rank),
                 iteratorsReducing(rank, {}),
                 [&](OpBuilder &nb, Location l, ValueRange args) {
                   return body(nb, l, args.drop_back());
                 });
}

struct SoftmaxLowering : OpConversionPattern<SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    MLIRContext *ctx = rewriter.getContext();
    int64_t rank = op.getType().getRank();
    AffineMap full = fullMap(ctx, rank), row = rowMap(ctx, rank);
    Value max = rowSum(
        rewriter, loc, x, {full},
        [](OpBuilder &, Location, ValueRange a) { return a[0]; },
        -std::numeric_limits<double>::infinity(), /*max=*/true);
    Value sum = rowSum(rewriter, loc, {x, max}, {full, row},
                       [](OpBuilder &b, Location l, ValueRange a) -> Value {
                         return math::ExpOp::create(
                             b, l, arith::SubFOp::create(b, l, a[0], a[1]));
                       });
    Value y = rowwiseMap(
        rewriter, loc, {x, max, sum}, {full, row, row},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value e =
              math::ExpOp::create(b, l, arith::SubFOp::create(b, l, a[0], a[1]));
          return arith::DivFOp::create(b, l, e, a[2]);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

struct SoftmaxBackwardLowering : OpConversionPattern<SoftmaxBackwardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxBackwardOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value dy = adaptor.getGrad(), y = adaptor.getOutput();
    MLIRContext *ctx = rewriter.getContext();
    int64_t rank = op.getType().getRank();
    AffineMap full = fullMap(ctx, rank), row = rowMap(ctx, rank);
    Value dot = rowSum(rewriter, loc, {dy, y}, {full, full},
                       [](OpBuilder &b, Location l, ValueRange a) -> Value {
                         return arith::MulFOp::create(b, l, a[0], a[1]);
                       });
    Value dx = rowwiseMap(
        rewriter, loc, {dy, y, dot}, {full, full, row},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return arith::MulFOp::create(
              b, l, a[1], arith::SubFOp::create(b, l, a[0], a[2]));
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, dx, op.getType()));
    return success();
  }
};

/// Φ(x) = (1 + erf(x / √2)) / 2.
Value normalCdf(OpBuilder &b, Location l, Value x) {
  Value scaled = arith::MulFOp::create(b, l, x, constantF32(b, l, M_SQRT1_2));
  Value erf = math::ErfOp::create(b, l, scaled);
  return arith::MulFOp::create(
      b, l, arith::AddFOp::create(b, l, erf, constantF32(b, l, 1.0)),
      constantF32(b, l, 0.5));
}

Value gelu(OpBuilder &b, Location l, ValueRange a) {
  return arith::MulFOp::create(b, l, a[0], normalCdf(b, l, a[0]));
}

/// dy · (Φ(x) + x · φ(x)) with φ(x) = exp(−x²/2) / √(2π).
Value geluBackward(OpBuilder &b, Location l, ValueRange a) {
  Value x = a[1];
  Value square = arith::MulFOp::create(b, l, x, x);
  Value density = arith::MulFOp::create(
      b, l,
      math::ExpOp::create(
          b, l, arith::MulFOp::create(b, l, square, constantF32(b, l, -0.5))),
      constantF32(b, l, 0.5 * M_2_SQRTPI * M_SQRT1_2));
  Value slope = arith::AddFOp::create(b, l, normalCdf(b, l, x),
                                      arith::MulFOp::create(b, l, x, density));
  return arith::MulFOp::create(b, l, a[0], slope);
}

using GeluLowering = ElementwiseLowering<GeluOp, gelu>;
using GeluBackwardLowering = ElementwiseLowering<GeluBackwardOp, geluBackward>;

struct RowStatistics {
  Value mean, invstd; // per row
  Value width;        // D as f32
};

RowStatistics rowStatistics(OpBuilder &b, Location loc, Value x,
                            float epsilon) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  AffineMap full = fullMap(ctx, rank), row = rowMap(ctx, rank);
  RowStatistics stats;
  stats.width = dimAsF32(b, loc, x, rank - 1);
  Value width = stats.width;
  Value sum = rowSum(b, loc, x, {full},
                     [](OpBuilder &, Location, ValueRange a) { return a[0]; });
  stats.mean = buildElementwise(b, loc, sum, sum.getType(),
                                [&](OpBuilder &nb, Location l, ValueRange a) {
                                  return Value(
                                      arith::DivFOp::create(nb, l, a[0], width));
                                });
  Value squares = rowSum(b, loc, {x, stats.mean}, {full, row},
                         [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                           Value c = arith::SubFOp::create(nb, l, a[0], a[1]);
                           return arith::MulFOp::create(nb, l, c, c);
                         });
  stats.invstd = buildElementwise(
      b, loc, squares, squares.getType(),
      [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
        Value var = arith::DivFOp::create(nb, l, a[0], width);
        return math::RsqrtOp::create(
            nb, l, arith::AddFOp::create(nb, l, var, constantF32(nb, l, epsilon)));
      });
  return stats;
}

struct LayerNormLowering : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    MLIRContext *ctx = rewriter.getContext();
    int64_t rank = op.getType().getRank();
    RowStatistics stats =
        rowStatistics(rewriter, loc, x, op.getEpsilon().convertToFloat());
    AffineMap full = fullMap(ctx, rank), row = rowMap(ctx, rank),
              feature = featureMap(ctx, rank);
    Value y = rowwiseMap(
        rewriter, loc,
        {x, stats.mean, stats.invstd, adaptor.getScale(), adaptor.getShift()},
        {full, row, row, feature, feature},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value xhat = arith::MulFOp::create(
              b, l, arith::SubFOp::create(b, l, a[0], a[1]), a[2]);
          return arith::AddFOp::create(b, l,
                                       arith::MulFOp::create(b, l, xhat, a[3]),
                                       a[4]);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

struct LayerNormBackwardLowering : OpConversionPattern<LayerNormBackwardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LayerNormBackwardOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value dy = adaptor.getGrad(), x = adaptor.getInput(),
          scale = adaptor.getScale();
    MLIRContext *ctx = rewriter.getContext();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    RowStatistics stats =
        rowStatistics(rewriter, loc, x, op.getEpsilon().convertToFloat());
    AffineMap full = fullMap(ctx, rank), row = rowMap(ctx, rank),
              feature = featureMap(ctx, rank);
    auto xhat = [](OpBuilder &b, Location l, Value x, Value mean,
                   Value invstd) -> Value {
      return arith::MulFOp::create(b, l, arith::SubFOp::create(b, l, x, mean),
                                   invstd);
    };
    // Per feature: Σ over rows of dy and of dy · x̂.
    SmallVector<int64_t> rowDims;
    for (int64_t d = 0; d + 1 < rank; ++d)
      rowDims.push_back(d);
    auto featureSum = [&](ElementBody term) {
      Value init = createFilled(
          rewriter, loc, {tensor::getMixedSize(rewriter, loc, x, rank - 1)},
          rewriter.getF32Type(), 0.0);
      return generic(rewriter, loc, {dy, x, stats.mean, stats.invstd},
                     {full, full, row, row}, init, feature,
                     iteratorsReducing(rank, rowDims),
                     [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                       return arith::AddFOp::create(
                           b, l, a.back(), term(b, l, a.drop_back()));
                     });
    };
    Value dshift =
        featureSum([](OpBuilder &, Location, ValueRange a) { return a[0]; });
    Value dscale = featureSum([&](OpBuilder &b, Location l, ValueRange a) {
      return Value(
          arith::MulFOp::create(b, l, a[0], xhat(b, l, a[1], a[2], a[3])));
    });
    // Per row, with g = dy · scale: Σ g and Σ g · x̂.
    Value sumG = rowSum(rewriter, loc, {dy, scale}, {full, feature},
                        [](OpBuilder &b, Location l, ValueRange a) -> Value {
                          return arith::MulFOp::create(b, l, a[0], a[1]);
                        });
    Value sumGX = rowSum(
        rewriter, loc, {dy, scale, x, stats.mean, stats.invstd},
        {full, feature, full, row, row},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value g = arith::MulFOp::create(b, l, a[0], a[1]);
          return arith::MulFOp::create(b, l, g, xhat(b, l, a[2], a[3], a[4]));
        });
    Value width = stats.width;
    Value dx = rowwiseMap(
        rewriter, loc,
        {dy, scale, x, stats.mean, stats.invstd, sumG, sumGX},
        {full, feature, full, row, row, row, row},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value g = arith::MulFOp::create(b, l, a[0], a[1]);
          Value h = xhat(b, l, a[2], a[3], a[4]);
          Value term = arith::SubFOp::create(
              b, l,
              arith::SubFOp::create(b, l, arith::MulFOp::create(b, l, width, g),
                                    a[5]),
              arith::MulFOp::create(b, l, h, a[6]));
          return arith::MulFOp::create(
              b, l, arith::DivFOp::create(b, l, a[4], width), term);
        });
    replaceOpWithCasts(rewriter, op, {dx, dscale, dshift});
    return success();
  }
};

struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value t = transpose(rewriter, op.getLoc(), adaptor.getInput(),
                        op.getPermutation());
    rewriter.replaceOp(op, castTo(rewriter, op.getLoc(), t, op.getType()));
    return success();
  }
};

} // namespace

void axt::populateAxtTransformerToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<MatmulLowering, SoftmaxLowering, SoftmaxBackwardLowering,
               GeluLowering, GeluBackwardLowering, LayerNormLowering,
               LayerNormBackwardLowering, TransposeLowering>(
      converter, patterns.getContext());
}
