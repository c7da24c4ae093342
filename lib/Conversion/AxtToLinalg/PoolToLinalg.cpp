//===- PoolToLinalg.cpp - pooling and its gradients to linalg -------------===//
//
// Forward: a linalg.generic over (n, c, oh, ow, kh, kw) reading the padded
// input at (oh·s + kh, ow·s + kw). Backward: for each window position
// (kh, kw) the output gradient is added into the strided slice of the
// padded input gradient it came from; no division or scatter is needed.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

/// Window lowerings unroll over the kernel and size their buffers from the
/// types: channels, height and width must be static.
LogicalResult checkStaticSpatial(Operation *op, ValueRange values) {
  for (Value v : values) {
    auto type = cast<RankedTensorType>(v.getType());
    for (int64_t d = 1; d < type.getRank(); ++d)
      if (type.isDynamicDim(d))
        return op->emitOpError()
               << "needs static channel, height and width sizes to be "
                  "lowered (got "
               << type << ")";
  }
  return success();
}

struct PoolWindow {
  ArrayRef<int64_t> kernel, strides, padding;
};

/// [N, C, OH, OW] sizes of a pooling over `input` with result type `type`.
SmallVector<OpFoldResult> outputSizes(OpBuilder &b, Location loc, Value input,
                                      RankedTensorType type) {
  SmallVector<OpFoldResult> sizes{tensor::getMixedSize(b, loc, input, 0),
                                  tensor::getMixedSize(b, loc, input, 1)};
  for (int64_t d = 2; d < 4; ++d)
    sizes.push_back(b.getIndexAttr(type.getDimSize(d)));
  return sizes;
}

/// The loops of a window reduction, outermost first: (n, c, oh, kh, kw, ow).
/// The output column is innermost so that the loop over it, whose
/// iterations are independent, vectorizes; the window loops sit outside it.
enum WindowDim : unsigned { kN, kC, kOH, kKH, kKW, kOW };

/// The indexing maps of a window reduction: input, window shape, and
/// `numOutputs` outputs.
SmallVector<AffineMap> windowMaps(MLIRContext *ctx, PoolWindow window,
                                  unsigned numOutputs) {
  auto dim = [&](WindowDim d) { return getAffineDimExpr(d, ctx); };
  SmallVector<AffineMap> maps{
      AffineMap::get(6, 0,
                     {dim(kN), dim(kC), dim(kOH) * window.strides[0] + dim(kKH),
                      dim(kOW) * window.strides[1] + dim(kKW)},
                     ctx),
      AffineMap::get(6, 0, {dim(kKH), dim(kKW)}, ctx)};
  maps.append(
      numOutputs,
      AffineMap::get(6, 0, {dim(kN), dim(kC), dim(kOH), dim(kOW)}, ctx));
  return maps;
}

SmallVector<utils::IteratorType> windowIterators() {
  SmallVector<utils::IteratorType> iterators(6, utils::IteratorType::parallel);
  iterators[kKH] = iterators[kKW] = utils::IteratorType::reduction;
  return iterators;
}

/// A tensor whose only purpose is to give the window loops their bounds.
Value windowShape(OpBuilder &b, Location loc, PoolWindow window) {
  return createEmpty(b, loc,
                     {b.getIndexAttr(window.kernel[0]),
                      b.getIndexAttr(window.kernel[1])},
                     b.getF32Type());
}

/// dx for a pooling whose output gradient is `dy`: for each window position
/// (kh, kw), `contribution(kh, kw)` (shaped like dy) is added into the
/// input positions that window position read.
Value scatterWindows(OpBuilder &b, Location loc, Value dy,
                     RankedTensorType resultType, PoolWindow window,
                     function_ref<Value(int64_t, int64_t)> contribution) {
  SmallVector<OpFoldResult> padded{tensor::getMixedSize(b, loc, dy, 0),
                                   tensor::getMixedSize(b, loc, dy, 1)};
  for (int i = 0; i < 2; ++i)
    padded.push_back(b.getIndexAttr(resultType.getDimSize(2 + i) +
                                    2 * window.padding[i]));
  Value dxp = createFilled(b, loc, padded, b.getF32Type(), 0.0);
  SmallVector<OpFoldResult> tile = tensor::getMixedSizes(b, loc, dy);
  SmallVector<OpFoldResult> strides{b.getIndexAttr(1), b.getIndexAttr(1),
                                    b.getIndexAttr(window.strides[0]),
                                    b.getIndexAttr(window.strides[1])};
  for (int64_t kh = 0; kh < window.kernel[0]; ++kh) {
    for (int64_t kw = 0; kw < window.kernel[1]; ++kw) {
      SmallVector<OpFoldResult> offsets{b.getIndexAttr(0), b.getIndexAttr(0),
                                        b.getIndexAttr(kh),
                                        b.getIndexAttr(kw)};
      Value view = tensor::ExtractSliceOp::create(b, loc, dxp, offsets, tile,
                                                  strides);
      Value sum = buildElementwise(
          b, loc, ValueRange{view, contribution(kh, kw)}, view.getType(),
          [](OpBuilder &nb, Location l, ValueRange args) -> Value {
            return arith::AddFOp::create(nb, l, args[0], args[1]);
          });
      dxp = tensor::InsertSliceOp::create(b, loc, sum, dxp, offsets, tile,
                                          strides);
    }
  }
  SmallVector<int64_t> crop{-window.padding[0], -window.padding[1]};
  return castTo(b, loc, padOrCropSpatial(b, loc, dxp, crop, crop, 0.0),
                resultType);
}

/// Whether `v` replaces the running maximum `best`: strictly greater keeps
/// the first maximum; a NaN wins once and then stays (NaN propagates, as in
/// PyTorch).
Value replacesMaximum(OpBuilder &b, Location l, Value v, Value best) {
  Value greater =
      arith::CmpFOp::create(b, l, arith::CmpFPredicate::UGT, v, best);
  Value bestIsNumber =
      arith::CmpFOp::create(b, l, arith::CmpFPredicate::ORD, best, best);
  return arith::AndIOp::create(b, l, greater, bestIsNumber);
}

/// Windows up to this many places are unrolled: one strided view of the
/// input per place and one pass over the outputs, whose loops are all
/// parallel (the column innermost, so that it vectorizes).
constexpr int64_t kMaxUnrolledWindow = 16;

/// Max pooling over `padded` with the window unrolled: (max, index).
ValueRange maxPoolUnrolled(OpBuilder &b, Location loc, Value padded,
                           ArrayRef<OpFoldResult> sizes, PoolWindow window) {
  SmallVector<Value> places;
  SmallVector<OpFoldResult> strides{b.getIndexAttr(1), b.getIndexAttr(1),
                                    b.getIndexAttr(window.strides[0]),
                                    b.getIndexAttr(window.strides[1])};
  for (int64_t kh = 0; kh < window.kernel[0]; ++kh)
    for (int64_t kw = 0; kw < window.kernel[1]; ++kw) {
      SmallVector<OpFoldResult> offsets{b.getIndexAttr(0), b.getIndexAttr(0),
                                        b.getIndexAttr(kh), b.getIndexAttr(kw)};
      places.push_back(tensor::ExtractSliceOp::create(b, loc, padded, offsets,
                                                      sizes, strides));
    }
  Value maxInit = createEmpty(b, loc, sizes, b.getF32Type());
  Value indexInit = createEmpty(b, loc, sizes, b.getI32Type());
  SmallVector<AffineMap> maps(places.size() + 2, b.getMultiDimIdentityMap(4));
  return linalg::GenericOp::create(
             b, loc, TypeRange{maxInit.getType(), indexInit.getType()}, places,
             ValueRange{maxInit, indexInit}, maps,
             SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value best =
                   constantF32(nb, l, -std::numeric_limits<double>::infinity());
               Value bestIndex =
                   arith::ConstantOp::create(nb, l, nb.getI32IntegerAttr(0));
               for (size_t p = 0; p < places.size(); ++p) {
                 Value take = replacesMaximum(nb, l, args[p], best);
                 Value index = arith::ConstantOp::create(
                     nb, l, nb.getI32IntegerAttr(static_cast<int32_t>(p)));
                 best = arith::SelectOp::create(nb, l, take, args[p], best);
                 bestIndex =
                     arith::SelectOp::create(nb, l, take, index, bestIndex);
               }
               linalg::YieldOp::create(nb, l, ValueRange{best, bestIndex});
             })
      .getResults();
}

struct MaxPool2DLowering : OpConversionPattern<MaxPool2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(checkStaticSpatial(op, {op.getInput(), op.getResult()})))
      return failure();
    Location loc = op.getLoc();
    PoolWindow window{op.getKernel(), op.getStrides(), op.getPadding()};
    double lowest = -std::numeric_limits<double>::infinity();
    Value padded = padOrCropSpatial(rewriter, loc, adaptor.getInput(),
                                    window.padding, window.padding, lowest);
    SmallVector<OpFoldResult> sizes =
        outputSizes(rewriter, loc, adaptor.getInput(), op.getResult().getType());
    if (window.kernel[0] * window.kernel[1] <= kMaxUnrolledWindow) {
      replaceOpWithCasts(rewriter, op,
                         maxPoolUnrolled(rewriter, loc, padded, sizes, window));
      return success();
    }
    Value maxInit =
        createFilled(rewriter, loc, sizes, rewriter.getF32Type(), lowest);
    Value zeroIndex = arith::ConstantOp::create(
        rewriter, loc, rewriter.getI32IntegerAttr(0));
    Value indexInit = linalg::FillOp::create(
                          rewriter, loc, zeroIndex,
                          createEmpty(rewriter, loc, sizes,
                                      rewriter.getI32Type()))
                          .getResult(0);
    int64_t kernelWidth = window.kernel[1];
    auto pool = linalg::GenericOp::create(
        rewriter, loc, TypeRange{maxInit.getType(), indexInit.getType()},
        ValueRange{padded, windowShape(rewriter, loc, window)},
        ValueRange{maxInit, indexInit},
        windowMaps(rewriter.getContext(), window, 2), windowIterators(),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = args[0], best = args[2], bestIndex = args[3];
          Value take = replacesMaximum(b, l, v, best);
          Value kh = linalg::IndexOp::create(b, l, kKH);
          Value kw = linalg::IndexOp::create(b, l, kKW);
          Value width = arith::ConstantIndexOp::create(b, l, kernelWidth);
          Value position = arith::AddIOp::create(
              b, l, arith::MulIOp::create(b, l, kh, width), kw);
          Value index = arith::IndexCastOp::create(b, l, b.getI32Type(),
                                                   position);
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, take, v, best),
                         arith::SelectOp::create(b, l, take, index,
                                                 bestIndex)});
        });
    replaceOpWithCasts(rewriter, op, pool.getResults());
    return success();
  }
};

/// Whether every input position lies in at most one window: no window
/// overlaps the next (stride >= kernel) and nothing is padded.
bool windowsAreDisjoint(PoolWindow window) {
  for (int i = 0; i < 2; ++i)
    if (window.strides[i] < window.kernel[i] || window.padding[i] != 0)
      return false;
  return true;
}

/// The max-pool gradient when windows are disjoint, in one pass over the
/// input positions the windows cover, [N, C, OH·sh, OW·sw]: position
/// (h, w) lies at (h mod sh, w mod sw) in window (h div sh, w div sw) and
/// gets that window's gradient if its index names that place. Rows and
/// columns past the last window get zeros.
Value gatherDisjointWindows(OpBuilder &b, Location loc, Value dy, Value indices,
                            RankedTensorType resultType, PoolWindow window) {
  auto dyType = cast<RankedTensorType>(dy.getType());
  int64_t sh = window.strides[0], sw = window.strides[1];
  int64_t kh = window.kernel[0], kw = window.kernel[1];
  SmallVector<OpFoldResult> sizes{tensor::getMixedSize(b, loc, dy, 0),
                                  tensor::getMixedSize(b, loc, dy, 1),
                                  b.getIndexAttr(dyType.getDimSize(2) * sh),
                                  b.getIndexAttr(dyType.getDimSize(3) * sw)};
  Value init = createEmpty(b, loc, sizes, b.getF32Type());
  MLIRContext *ctx = b.getContext();
  AffineExpr n = getAffineDimExpr(0, ctx), c = getAffineDimExpr(1, ctx),
             h = getAffineDimExpr(2, ctx), w = getAffineDimExpr(3, ctx);
  AffineMap window4 =
      AffineMap::get(4, 0, {n, c, h.floorDiv(sh), w.floorDiv(sw)}, ctx);
  auto gather = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{dy, indices}, init,
      ArrayRef<AffineMap>{window4, window4, b.getMultiDimIdentityMap(4)},
      SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange args) {
        auto index = [&](unsigned dim, int64_t stride) {
          Value i = linalg::IndexOp::create(nb, l, dim);
          return arith::RemUIOp::create(
              nb, l, i, arith::ConstantIndexOp::create(nb, l, stride));
        };
        Value row = index(2, sh), col = index(3, sw);
        Value place = arith::AddIOp::create(
            nb, l,
            arith::MulIOp::create(nb, l, row,
                                  arith::ConstantIndexOp::create(nb, l, kw)),
            col);
        Value here = arith::CmpIOp::create(
            nb, l, arith::CmpIPredicate::eq, args[1],
            arith::IndexCastOp::create(nb, l, nb.getI32Type(), place));
        // With gaps between windows (stride > kernel), the places in a gap
        // are in no window, and their row-major numbers would alias others.
        auto inKernel = [&](Value i, int64_t size) {
          return arith::CmpIOp::create(
              nb, l, arith::CmpIPredicate::ult, i,
              arith::ConstantIndexOp::create(nb, l, size));
        };
        if (sh > kh)
          here = arith::AndIOp::create(nb, l, here, inKernel(row, kh));
        if (sw > kw)
          here = arith::AndIOp::create(nb, l, here, inKernel(col, kw));
        linalg::YieldOp::create(
            nb, l,
            ValueRange{arith::SelectOp::create(nb, l, here, args[0],
                                               constantF32(nb, l, 0.0))});
      });
  SmallVector<int64_t> before{0, 0};
  SmallVector<int64_t> after{
      resultType.getDimSize(2) - dyType.getDimSize(2) * sh,
      resultType.getDimSize(3) - dyType.getDimSize(3) * sw};
  return castTo(
      b, loc, padOrCropSpatial(b, loc, gather.getResult(0), before, after, 0.0),
      resultType);
}

struct MaxPool2DBackwardLowering : OpConversionPattern<MaxPool2DBackwardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPool2DBackwardOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(checkStaticSpatial(op, {op.getGrad(), op.getResult()})))
      return failure();
    Location loc = op.getLoc();
    PoolWindow window{op.getKernel(), op.getStrides(), op.getPadding()};
    Value dy = adaptor.getGrad(), indices = adaptor.getIndices();
    if (windowsAreDisjoint(window)) {
      rewriter.replaceOp(op, gatherDisjointWindows(rewriter, loc, dy, indices,
                                                   op.getType(), window));
      return success();
    }
    Value dx = scatterWindows(
        rewriter, loc, dy, op.getType(), window, [&](int64_t kh, int64_t kw) {
          int32_t position = static_cast<int32_t>(kh * window.kernel[1] + kw);
          return buildElementwise(
              rewriter, loc, ValueRange{dy, indices}, dy.getType(),
              [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                Value here = arith::CmpIOp::create(
                    b, l, arith::CmpIPredicate::eq, args[1],
                    arith::ConstantOp::create(b, l,
                                              b.getI32IntegerAttr(position)));
                return arith::SelectOp::create(b, l, here, args[0],
                                               constantF32(b, l, 0.0));
              });
        });
    rewriter.replaceOp(op, dx);
    return success();
  }
};

struct AvgPool2DLowering : OpConversionPattern<AvgPool2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(checkStaticSpatial(op, {op.getInput(), op.getResult()})))
      return failure();
    Location loc = op.getLoc();
    PoolWindow window{op.getKernel(), op.getStrides(), op.getPadding()};
    Value padded = padOrCropSpatial(rewriter, loc, adaptor.getInput(),
                                    window.padding, window.padding, 0.0);
    Value init = createFilled(
        rewriter, loc,
        outputSizes(rewriter, loc, adaptor.getInput(), op.getType()),
        rewriter.getF32Type(), 0.0);
    double scale = 1.0 / (window.kernel[0] * window.kernel[1]);
    Value sum =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{init.getType()},
            ValueRange{padded, windowShape(rewriter, loc, window)},
            ValueRange{init}, windowMaps(rewriter.getContext(), window, 1),
            windowIterators(),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value part = arith::MulFOp::create(b, l, args[0],
                                                 constantF32(b, l, scale));
              linalg::YieldOp::create(
                  b, l, ValueRange{arith::AddFOp::create(b, l, args[2], part)});
            })
            .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, sum, op.getType()));
    return success();
  }
};

struct AvgPool2DBackwardLowering : OpConversionPattern<AvgPool2DBackwardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPool2DBackwardOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(checkStaticSpatial(op, {op.getGrad(), op.getResult()})))
      return failure();
    Location loc = op.getLoc();
    PoolWindow window{op.getKernel(), op.getStrides(), op.getPadding()};
    Value dy = adaptor.getGrad();
    double scale = 1.0 / (window.kernel[0] * window.kernel[1]);
    // Every window position gets the same share.
    Value share = buildElementwise(
        rewriter, loc, dy, dy.getType(),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          return arith::MulFOp::create(b, l, args[0], constantF32(b, l, scale));
        });
    rewriter.replaceOp(op, scatterWindows(rewriter, loc, dy, op.getType(),
                                          window,
                                          [&](int64_t, int64_t) {
                                            return share;
                                          }));
    return success();
  }
};

/// Σ over (h, w) of the input, times 1 / (H · W).
struct GlobalAvgPool2DLowering : OpConversionPattern<GlobalAvgPool2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GlobalAvgPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    Value init = createFilled(rewriter, loc,
                              {tensor::getMixedSize(rewriter, loc, x, 0),
                               tensor::getMixedSize(rewriter, loc, x, 1)},
                              rewriter.getF32Type(), 0.0);
    Value height = dimAsF32(rewriter, loc, x, 2);
    Value width = dimAsF32(rewriter, loc, x, 3);
    Value area = arith::MulFOp::create(rewriter, loc, height, width);
    Value scale = arith::DivFOp::create(rewriter, loc,
                                        constantF32(rewriter, loc, 1.0), area);
    Value sum = linalg::ReduceOp::create(
                    rewriter, loc, ValueRange{x}, ValueRange{init},
                    ArrayRef<int64_t>{2, 3},
                    [&](OpBuilder &b, Location l, ValueRange args) {
                      Value part = arith::MulFOp::create(b, l, args[0], scale);
                      linalg::YieldOp::create(
                          b, l,
                          ValueRange{arith::AddFOp::create(b, l, part,
                                                           args[1])});
                    })
                    .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, sum, op.getType()));
    return success();
  }
};

struct GlobalAvgPool2DBackwardLowering
    : OpConversionPattern<GlobalAvgPool2DBackwardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GlobalAvgPool2DBackwardOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(checkStaticSpatial(op, {op.getGrad(), op.getResult()})))
      return failure();
    Location loc = op.getLoc();
    Value dy = adaptor.getGrad();
    RankedTensorType type = op.getType();
    double scale = 1.0 / (type.getDimSize(2) * type.getDimSize(3));
    Value init = createEmpty(rewriter, loc,
                             {tensor::getMixedSize(rewriter, loc, dy, 0),
                              tensor::getMixedSize(rewriter, loc, dy, 1),
                              rewriter.getIndexAttr(type.getDimSize(2)),
                              rewriter.getIndexAttr(type.getDimSize(3))},
                             rewriter.getF32Type());
    MLIRContext *ctx = rewriter.getContext();
    auto channelMap = AffineMap::get(
        4, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)}, ctx);
    Value dx =
        linalg::GenericOp::create(
            rewriter, loc, init.getType(), dy, init,
            ArrayRef<AffineMap>{channelMap,
                                rewriter.getMultiDimIdentityMap(4)},
            SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l,
                  ValueRange{arith::MulFOp::create(b, l, args[0],
                                                   constantF32(b, l, scale))});
            })
            .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, dx, type));
    return success();
  }
};

} // namespace

void axt::populateAxtPoolToLinalgPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<MaxPool2DLowering, MaxPool2DBackwardLowering,
               AvgPool2DLowering, AvgPool2DBackwardLowering,
               GlobalAvgPool2DLowering, GlobalAvgPool2DBackwardLowering>(
      converter, patterns.getContext());
}
