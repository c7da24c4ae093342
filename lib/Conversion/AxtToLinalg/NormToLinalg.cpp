//===- NormToLinalg.cpp - batch normalization to linalg -------------------===//
//
// Per-channel statistics are reductions over every dimension but 1; the
// normalization itself is one elementwise pass with the per-channel values
// broadcast. The backward recomputes the statistics from the input rather
// than keeping them.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

using Body = function_ref<Value(OpBuilder &, Location, ValueRange full,
                                ValueRange channel)>;

/// Maps over tensors shaped like `full[0]` ([N, C, ...]) and over per-channel
/// tensors ([C]) broadcast along every other dimension.
SmallVector<AffineMap> perChannelMaps(MLIRContext *ctx, int64_t rank,
                                      unsigned numFull, unsigned numChannel) {
  SmallVector<AffineMap> maps(numFull,
                              AffineMap::getMultiDimIdentityMap(rank, ctx));
  maps.append(numChannel,
              AffineMap::get(rank, 0, {getAffineDimExpr(1, ctx)}, ctx));
  return maps;
}

int64_t rankOf(Value v) { return cast<RankedTensorType>(v.getType()).getRank(); }

/// An elementwise pass over `full[0]`'s shape.
Value mapPerChannel(OpBuilder &b, Location loc, ValueRange full,
                    ValueRange channel, Body body) {
  int64_t rank = rankOf(full[0]);
  Value init = createEmpty(b, loc, tensor::getMixedSizes(b, loc, full[0]),
                           b.getF32Type());
  SmallVector<AffineMap> maps =
      perChannelMaps(b.getContext(), rank, full.size() + 1, channel.size());
  // The output map is the last identity map; move it to the end.
  AffineMap outMap = maps[full.size()];
  maps.erase(maps.begin() + full.size());
  maps.push_back(outMap);
  SmallVector<Value> inputs(full);
  llvm::append_range(inputs, channel);
  unsigned numFull = full.size();
  return linalg::GenericOp::create(
             b, loc, init.getType(), inputs, init, maps,
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(
                   nb, l,
                   ValueRange{body(nb, l, args.take_front(numFull),
                                   args.slice(numFull, channel.size()))});
             })
      .getResult(0);
}

/// A pass over per-channel tensors only.
Value mapChannels(OpBuilder &b, Location loc, ValueRange channel,
                  function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  return buildElementwise(b, loc, channel, channel[0].getType(), body);
}

struct Statistics {
  Value mean, variance, invstd; // [C]; the biased variance
  Value count;                  // elements per channel, f32
};

Statistics batchStatistics(OpBuilder &b, Location loc, Value x,
                           float epsilon) {
  Statistics stats;
  stats.count = constantF32(b, loc, 1.0);
  for (int64_t d = 0; d < rankOf(x); ++d)
    if (d != 1)
      stats.count = arith::MulFOp::create(b, loc, stats.count,
                                          dimAsF32(b, loc, x, d));
  Value count = stats.count;
  Value sum = sumPerChannel(
      b, loc, x, {},
      [](OpBuilder &, Location, ValueRange f, ValueRange) { return f[0]; });
  stats.mean = mapChannels(b, loc, sum,
                           [&](OpBuilder &nb, Location l, ValueRange a) {
                             return Value(
                                 arith::DivFOp::create(nb, l, a[0], count));
                           });
  Value squares = sumPerChannel(
      b, loc, x, stats.mean,
      [](OpBuilder &nb, Location l, ValueRange f, ValueRange c) {
        Value centered = arith::SubFOp::create(nb, l, f[0], c[0]);
        return Value(arith::MulFOp::create(nb, l, centered, centered));
      });
  stats.variance = mapChannels(b, loc, squares,
                               [&](OpBuilder &nb, Location l, ValueRange a) {
                                 return Value(arith::DivFOp::create(
                                     nb, l, a[0], count));
                               });
  stats.invstd = mapChannels(
      b, loc, stats.variance, [&](OpBuilder &nb, Location l, ValueRange a) {
        Value shifted =
            arith::AddFOp::create(nb, l, a[0], constantF32(nb, l, epsilon));
        return Value(math::RsqrtOp::create(nb, l, shifted));
      });
  return stats;
}

/// scale · (x − mean) · invstd + shift.
Value normalize(OpBuilder &b, Location loc, Value x, Value mean, Value invstd,
                Value scale, Value shift) {
  return mapPerChannel(
      b, loc, x, {mean, invstd, scale, shift},
      [](OpBuilder &nb, Location l, ValueRange f, ValueRange c) {
        Value centered = arith::SubFOp::create(nb, l, f[0], c[0]);
        Value normalized = arith::MulFOp::create(nb, l, centered, c[1]);
        Value scaled = arith::MulFOp::create(nb, l, normalized, c[2]);
        return Value(arith::AddFOp::create(nb, l, scaled, c[3]));
      });
}

struct BatchNormLowering : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    float epsilon = op.getEpsilon().convertToFloat();
    if (!op.getTraining()) {
      Value invstd = mapChannels(
          rewriter, loc, adaptor.getRunningVar(),
          [&](OpBuilder &b, Location l, ValueRange a) {
            Value shifted =
                arith::AddFOp::create(b, l, a[0], constantF32(b, l, epsilon));
            return Value(math::RsqrtOp::create(b, l, shifted));
          });
      Value y = normalize(rewriter, loc, x, adaptor.getRunningMean(), invstd,
                          adaptor.getScale(), adaptor.getShift());
      replaceOpWithCasts(
          rewriter, op,
          {y, adaptor.getRunningMean(), adaptor.getRunningVar()});
      return success();
    }
    Statistics stats = batchStatistics(rewriter, loc, x, epsilon);
    Value y = normalize(rewriter, loc, x, stats.mean, stats.invstd,
                        adaptor.getScale(), adaptor.getShift());
    float momentum = op.getMomentum().convertToFloat();
    auto blend = [&](Value running, Value batch, Value factor) {
      return mapChannels(
          rewriter, loc, {running, batch},
          [&](OpBuilder &b, Location l, ValueRange a) {
            Value kept = arith::MulFOp::create(
                b, l, a[0], constantF32(b, l, 1.0 - momentum));
            Value fresh = arith::MulFOp::create(
                b, l, a[1],
                arith::MulFOp::create(b, l, factor,
                                      constantF32(b, l, momentum)));
            return Value(arith::AddFOp::create(b, l, kept, fresh));
          });
    };
    // The running variance is unbiased: M / (M − 1) times the batch's.
    Value one = constantF32(rewriter, loc, 1.0);
    Value bessel = arith::DivFOp::create(
        rewriter, loc, stats.count,
        arith::MaximumFOp::create(
            rewriter, loc,
            arith::SubFOp::create(rewriter, loc, stats.count, one), one));
    Value newMean = blend(adaptor.getRunningMean(), stats.mean, one);
    Value newVar = blend(adaptor.getRunningVar(), stats.variance, bessel);
    replaceOpWithCasts(rewriter, op, {y, newMean, newVar});
    return success();
  }
};

struct BatchNormBackwardLowering : OpConversionPattern<BatchNormBackwardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BatchNormBackwardOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value dy = adaptor.getGrad(), x = adaptor.getInput();
    Statistics stats =
        batchStatistics(rewriter, loc, x, op.getEpsilon().convertToFloat());
    // x̂ = (x − mean) · invstd, recomputed where needed.
    auto normalized = [](OpBuilder &b, Location l, Value x, Value mean,
                         Value invstd) {
      return Value(arith::MulFOp::create(
          b, l, arith::SubFOp::create(b, l, x, mean), invstd));
    };
    // dshift = Σ dy and dscale = Σ dy · x̂ in one pass over dy and x.
    SmallVector<Value> sums = sumsPerChannel(
        rewriter, loc, {dy, x}, {stats.mean, stats.invstd}, 2,
        [&](OpBuilder &b, Location l, ValueRange f,
            ValueRange c) -> SmallVector<Value> {
          return {f[0], arith::MulFOp::create(
                            b, l, f[0], normalized(b, l, f[1], c[0], c[1]))};
        });
    Value dshift = sums[0], dscale = sums[1];
    Value count = stats.count;
    // gamma · invstd / M, per channel: a division per channel, not per
    // element.
    Value factor = mapChannels(
        rewriter, loc, {adaptor.getScale(), stats.invstd},
        [&](OpBuilder &b, Location l, ValueRange c) {
          return Value(arith::DivFOp::create(
              b, l, arith::MulFOp::create(b, l, c[0], c[1]), count));
        });
    Value dx = mapPerChannel(
        rewriter, loc, {dy, x},
        {stats.mean, stats.invstd, factor, dshift, dscale},
        [&](OpBuilder &b, Location l, ValueRange f, ValueRange c) {
          Value xhat = normalized(b, l, f[1], c[0], c[1]);
          Value scaled = arith::MulFOp::create(b, l, count, f[0]);
          Value centered = arith::SubFOp::create(b, l, scaled, c[3]);
          Value correction = arith::MulFOp::create(b, l, xhat, c[4]);
          Value term = arith::SubFOp::create(b, l, centered, correction);
          return Value(arith::MulFOp::create(b, l, c[2], term));
        });
    replaceOpWithCasts(rewriter, op, {dx, dscale, dshift});
    return success();
  }
};

} // namespace

void axt::populateAxtNormToLinalgPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<BatchNormLowering, BatchNormBackwardLowering>(
      converter, patterns.getContext());
}
