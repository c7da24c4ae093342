//===- ConvToLinalg.cpp - convolutions and their gradients to linalg ------===//
//
// Every direction of a convolution becomes a `linalg.conv_2d_nchw_fchw`, so
// that one fast kernel (im2col + GEMM in the runtime) serves all three:
//  - forward: the zero-padded input with the filter;
//  - input gradient: the output gradient, spread by the stride (zeros in
//    between) and padded, with the filter flipped and its two channel
//    dimensions swapped (a transposed convolution);
//  - filter gradient: the padded input and the output gradient with their
//    batch and channel dimensions swapped, the stride and the dilation
//    trading places.
// Groups are handled slice by slice.
//
// Optionally, ungrouped f32 convolutions and their gradients call the
// runtime's kernels instead: those work a sample at a time from x, w and dy
// as they are, with no padded, spread, flipped or transposed copies.
//
//===----------------------------------------------------------------------===//
#include "../RuntimeKernels.h"
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

struct Window {
  ArrayRef<int64_t> strides, padding, dilations;
};

/// The `count` channels of `tensor` along `dim` starting at `offset`.
Value sliceAlong(OpBuilder &b, Location loc, Value tensor, int64_t dim,
                 int64_t offset, int64_t count) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, tensor);
  SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
  offsets[dim] = b.getIndexAttr(offset);
  sizes[dim] = b.getIndexAttr(count);
  return tensor::ExtractSliceOp::create(b, loc, tensor, offsets, sizes,
                                        strides);
}

/// Puts `part` into `whole` at `offset` along `dim`.
Value insertAlong(OpBuilder &b, Location loc, Value part, Value whole,
                  int64_t dim, int64_t offset) {
  auto type = cast<RankedTensorType>(part.getType());
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, part);
  SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
  offsets[dim] = b.getIndexAttr(offset);
  return tensor::InsertSliceOp::create(b, loc, part, whole, offsets, sizes,
                                       strides);
}

/// Applies `ungrouped` to each group's slices of `lhs` (along `lhsDim`),
/// `rhs` (along `rhsDim`) and `init` (along `initDim`) and reassembles the
/// results.
Value groupwise(OpBuilder &b, Location loc, int64_t groups, Value lhs,
                int64_t lhsDim, Value rhs, int64_t rhsDim, Value init,
                int64_t initDim,
                function_ref<Value(Value, Value, Value)> ungrouped) {
  if (groups == 1)
    return ungrouped(lhs, rhs, init);
  auto size = [&](Value v, int64_t dim) {
    return cast<RankedTensorType>(v.getType()).getDimSize(dim) / groups;
  };
  Value result = init;
  for (int64_t g = 0; g < groups; ++g) {
    Value lhsPart = sliceAlong(b, loc, lhs, lhsDim, g * size(lhs, lhsDim),
                               size(lhs, lhsDim));
    Value rhsPart = sliceAlong(b, loc, rhs, rhsDim, g * size(rhs, rhsDim),
                               size(rhs, rhsDim));
    Value initPart = sliceAlong(b, loc, init, initDim, g * size(init, initDim),
                                size(init, initDim));
    Value part = ungrouped(lhsPart, rhsPart, initPart);
    result = insertAlong(b, loc, part, result, initDim,
                         g * size(init, initDim));
  }
  return result;
}

Value conv(OpBuilder &b, Location loc, Value input, Value filter, Value init,
           ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations) {
  return linalg::Conv2DNchwFchwOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{input, filter},
             ValueRange{init}, pairAttr(b, strides), pairAttr(b, dilations))
      .getResult(0);
}

/// Zeros of the given sizes (index attributes or values).
Value zeros(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes) {
  return createFilled(b, loc, sizes, b.getF32Type(), 0.0);
}

/// dx = dy ⋆ flip(w)ᵀ, ungrouped; `init` (zeros) fixes dx's shape.
Value convBackwardInput(OpBuilder &b, Location loc, Value dy, Value w,
                        Value init, Window window) {
  auto dyType = cast<RankedTensorType>(dy.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  auto initType = cast<RankedTensorType>(init.getType());
  // Spread by the stride: dy lands on every stride-th position.
  Value spread = dy;
  if (window.strides[0] > 1 || window.strides[1] > 1) {
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, dy);
    for (int i = 0; i < 2; ++i)
      sizes[2 + i] = b.getIndexAttr(
          (dyType.getDimSize(2 + i) - 1) * window.strides[i] + 1);
    SmallVector<OpFoldResult> offsets(4, b.getIndexAttr(0));
    SmallVector<OpFoldResult> strides{b.getIndexAttr(1), b.getIndexAttr(1),
                                      b.getIndexAttr(window.strides[0]),
                                      b.getIndexAttr(window.strides[1])};
    spread = tensor::InsertSliceOp::create(
        b, loc, dy, zeros(b, loc, sizes), offsets,
        tensor::getMixedSizes(b, loc, dy), strides);
  }
  // Pad (or crop) so that a stride-1 correlation gives the input size.
  SmallVector<int64_t> before, after;
  for (int i = 0; i < 2; ++i) {
    int64_t span = window.dilations[i] * (wType.getDimSize(2 + i) - 1);
    before.push_back(span - window.padding[i]);
    after.push_back(initType.getDimSize(2 + i) -
                    (dyType.getDimSize(2 + i) - 1) * window.strides[i] - 1 +
                    window.padding[i]);
  }
  Value padded = padOrCropSpatial(b, loc, spread, before, after, 0.0);
  // The filter, flipped in space, with its channel dimensions swapped.
  int64_t kh = wType.getDimSize(2), kw = wType.getDimSize(3);
  MLIRContext *ctx = b.getContext();
  AffineExpr c = getAffineDimExpr(0, ctx), f = getAffineDimExpr(1, ctx),
             i = getAffineDimExpr(2, ctx), j = getAffineDimExpr(3, ctx);
  auto flipped = AffineMap::get(4, 0, {f, c, kh - 1 - i, kw - 1 - j}, ctx);
  Value flipInit = createEmpty(
      b, loc,
      {b.getIndexAttr(wType.getDimSize(1)), b.getIndexAttr(wType.getDimSize(0)),
       b.getIndexAttr(kh), b.getIndexAttr(kw)},
      wType.getElementType());
  Value wFlipped =
      linalg::GenericOp::create(
          b, loc, flipInit.getType(), w, flipInit,
          ArrayRef<AffineMap>{flipped, b.getMultiDimIdentityMap(4)},
          SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
          [](OpBuilder &nb, Location l, ValueRange args) {
            linalg::YieldOp::create(nb, l, args[0]);
          })
          .getResult(0);
  return conv(b, loc, padded, wFlipped, init, {1, 1}, window.dilations);
}

/// dw = xᵀ ⋆ dyᵀ, ungrouped; `init` (zeros) fixes dw's shape.
Value convBackwardFilter(OpBuilder &b, Location loc, Value dy, Value x,
                         Value init, Window window) {
  Value padded = padOrCropSpatial(b, loc, x, window.padding, window.padding,
                                  0.0);
  Value xT = transpose(b, loc, padded, {1, 0, 2, 3}); // [C, N, Hp, Wp]
  Value dyT = transpose(b, loc, dy, {1, 0, 2, 3});    // [F, N, OH, OW]
  auto paddedType = cast<RankedTensorType>(padded.getType());
  auto dyType = cast<RankedTensorType>(dy.getType());
  auto initType = cast<RankedTensorType>(init.getType());
  // The correlation may reach past the kernel when the stride skips the
  // last rows; those extra positions are dropped.
  SmallVector<OpFoldResult> fullSizes{
      tensor::getMixedSize(b, loc, x, 1),
      b.getIndexAttr(initType.getDimSize(0))};
  for (int i = 0; i < 2; ++i)
    fullSizes.push_back(b.getIndexAttr(
        (paddedType.getDimSize(2 + i) -
         (dyType.getDimSize(2 + i) - 1) * window.strides[i] - 1) /
            window.dilations[i] +
        1));
  Value full = conv(b, loc, xT, dyT, zeros(b, loc, fullSizes),
                    window.dilations, window.strides); // [C, F, KH', KW']
  SmallVector<OpFoldResult> offsets(4, b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes{fullSizes[0], fullSizes[1],
                                  b.getIndexAttr(initType.getDimSize(2)),
                                  b.getIndexAttr(initType.getDimSize(3))};
  SmallVector<OpFoldResult> ones(4, b.getIndexAttr(1));
  Value kernel =
      tensor::ExtractSliceOp::create(b, loc, full, offsets, sizes, ones);
  Value dw = transpose(b, loc, kernel, {1, 0, 2, 3});
  return castTo(b, loc, dw, init.getType());
}

constexpr StringLiteral kForwardKernel = "axtrt_conv2d_forward_f32";
constexpr StringLiteral kBackwardInputKernel =
    "axtrt_conv2d_backward_input_f32";
constexpr StringLiteral kBackwardFilterKernel =
    "axtrt_conv2d_backward_filter_f32";

/// (a, b, out, strides, padding, dilations): the three kernels' signature.
FunctionType convKernelType(MLIRContext *ctx) {
  Builder b(ctx);
  MemRefType view = kernelViewType(ctx, b.getF32Type(), 4);
  Type i64 = b.getI64Type();
  return b.getFunctionType({view, view, view, i64, i64, i64, i64, i64, i64},
                           {});
}

/// Whether this convolution, or a gradient of it, goes to a runtime kernel.
bool usesRuntimeKernel(bool enabled, int64_t groups, Value operand) {
  return enabled && groups == 1 &&
         cast<RankedTensorType>(operand.getType()).getElementType().isF32();
}

/// `kernel(a, b, out, window)` into a fresh buffer of `type`, whose
/// dynamic batch size is `batch`'s; returns the result tensor.
Value callConvKernel(OpBuilder &b, Location loc, StringRef kernel, Value first,
                     Value second, RankedTensorType type, Value batchOf,
                     Window window) {
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    sizes.push_back(type.isDynamicDim(d)
                        ? tensor::getMixedSize(b, loc, batchOf, d)
                        : OpFoldResult(b.getIndexAttr(type.getDimSize(d))));
  auto [buffer, view] =
      allocateKernelOutput(b, loc, type.getElementType(), sizes);
  SmallVector<Value> args{kernelOperand(b, loc, first),
                          kernelOperand(b, loc, second), view};
  for (ArrayRef<int64_t> pair :
       {window.strides, window.padding, window.dilations})
    for (int64_t v : pair)
      args.push_back(arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(v)));
  func::CallOp::create(b, loc, kernel, TypeRange{}, args);
  return kernelResult(b, loc, buffer, type);
}

bool hasStaticSpatialSizes(Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  return !type.isDynamicDim(1) && !type.isDynamicDim(2) &&
         !type.isDynamicDim(3);
}

/// y + bias[f] along y's dimension 1, into a new tensor (which may take
/// y's buffer: see axt-split-empty-tensors).
Value addBias(OpBuilder &b, Location loc, Value y, Value bias) {
  MLIRContext *ctx = b.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(4, ctx);
  AffineMap channel = AffineMap::get(4, 0, b.getAffineDimExpr(1));
  Value empty =
      createEmpty(b, loc, tensor::getMixedSizes(b, loc, y), b.getF32Type());
  return linalg::GenericOp::create(
             b, loc, TypeRange{empty.getType()}, ValueRange{y, bias},
             ValueRange{empty},
             ArrayRef<AffineMap>{identity, channel, identity},
             SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
             [](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(
                   nb, l,
                   ValueRange{arith::AddFOp::create(nb, l, args[0], args[1])});
             })
      .getResult(0);
}

struct Conv2DLowering : OpConversionPattern<Conv2DOp> {
  Conv2DLowering(const TypeConverter &converter, MLIRContext *ctx,
                 bool runtimeKernel)
      : OpConversionPattern(converter, ctx), runtimeKernel(runtimeKernel) {}
  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput(), w = adaptor.getFilter();
    if (!hasStaticSpatialSizes(x) || !cast<RankedTensorType>(w.getType()).hasStaticShape())
      return op.emitOpError("needs static channel, height and width sizes "
                            "and a static filter to be lowered");
    auto resultType = op.getType();
    auto xType = cast<RankedTensorType>(x.getType());
    auto wType = cast<RankedTensorType>(w.getType());
    // Sizes from the operands: the result type may be less static.
    SmallVector<int64_t> shape{xType.getDimSize(0), wType.getDimSize(0)};
    for (int i = 0; i < 2; ++i)
      shape.push_back(getWindowOutputSize(
          xType.getDimSize(2 + i), wType.getDimSize(2 + i), op.getStrides()[i],
          op.getPadding()[i], op.getDilations()[i]));
    Value bias = adaptor.getBias();
    if (usesRuntimeKernel(runtimeKernel, op.getGroups(), x)) {
      Window window{op.getStrides(), op.getPadding(), op.getDilations()};
      Value y = callConvKernel(
          rewriter, loc, kForwardKernel, x, w,
          RankedTensorType::get(shape, rewriter.getF32Type()), x, window);
      if (bias)
        y = addBias(rewriter, loc, y, bias);
      rewriter.replaceOp(op, castTo(rewriter, loc, y, resultType));
      return success();
    }
    SmallVector<OpFoldResult> sizes{tensor::getMixedSize(rewriter, loc, x, 0)};
    for (int64_t d = 1; d < 4; ++d)
      sizes.push_back(rewriter.getIndexAttr(shape[d]));
    Value init;
    if (bias) {
      Value empty = createEmpty(rewriter, loc, sizes, rewriter.getF32Type());
      init = linalg::BroadcastOp::create(rewriter, loc, bias, empty,
                                         ArrayRef<int64_t>{0, 2, 3})
                 .getResult()[0];
    } else {
      init = zeros(rewriter, loc, sizes);
    }
    Value padded = padOrCropSpatial(rewriter, loc, x, op.getPadding(),
                                    op.getPadding(), 0.0);
    Value y = groupwise(rewriter, loc, op.getGroups(), padded, 1, w, 0, init,
                        1, [&](Value xs, Value ws, Value is) {
                          return conv(rewriter, loc, xs, ws, is,
                                      op.getStrides(), op.getDilations());
                        });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, resultType));
    return success();
  }

private:
  bool runtimeKernel;
};

struct Conv2DBackwardInputLowering
    : OpConversionPattern<Conv2DBackwardInputOp> {
  Conv2DBackwardInputLowering(const TypeConverter &converter, MLIRContext *ctx,
                              bool runtimeKernel)
      : OpConversionPattern(converter, ctx), runtimeKernel(runtimeKernel) {}
  LogicalResult
  matchAndRewrite(Conv2DBackwardInputOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value dy = adaptor.getGrad(), w = adaptor.getFilter();
    Window window{op.getStrides(), op.getPadding(), op.getDilations()};
    if (usesRuntimeKernel(runtimeKernel, op.getGroups(), dy)) {
      rewriter.replaceOp(op, callConvKernel(rewriter, loc, kBackwardInputKernel,
                                            dy, w, op.getType(), dy, window));
      return success();
    }
    if (!hasStaticSpatialSizes(dy) || !hasStaticSpatialSizes(op.getResult()) ||
        !cast<RankedTensorType>(w.getType()).hasStaticShape())
      return op.emitOpError("needs static channel, height and width sizes "
                            "and a static filter to be lowered");
    auto resultType = op.getType();
    SmallVector<OpFoldResult> sizes{tensor::getMixedSize(rewriter, loc, dy, 0)};
    for (int64_t d = 1; d < 4; ++d)
      sizes.push_back(rewriter.getIndexAttr(resultType.getDimSize(d)));
    Value dx = groupwise(rewriter, loc, op.getGroups(), dy, 1, w, 0,
                         zeros(rewriter, loc, sizes), 1,
                         [&](Value dys, Value ws, Value is) {
                           return convBackwardInput(rewriter, loc, dys, ws, is,
                                                    window);
                         });
    rewriter.replaceOp(op, castTo(rewriter, loc, dx, resultType));
    return success();
  }

private:
  bool runtimeKernel;
};

struct Conv2DBackwardFilterLowering
    : OpConversionPattern<Conv2DBackwardFilterOp> {
  Conv2DBackwardFilterLowering(const TypeConverter &converter, MLIRContext *ctx,
                               bool runtimeKernel)
      : OpConversionPattern(converter, ctx), runtimeKernel(runtimeKernel) {}
  LogicalResult
  matchAndRewrite(Conv2DBackwardFilterOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value dy = adaptor.getGrad(), x = adaptor.getInput();
    Window window{op.getStrides(), op.getPadding(), op.getDilations()};
    if (usesRuntimeKernel(runtimeKernel, op.getGroups(), dy)) {
      rewriter.replaceOp(op,
                         callConvKernel(rewriter, loc, kBackwardFilterKernel, x,
                                        dy, op.getType(), dy, window));
      return success();
    }
    if (!hasStaticSpatialSizes(dy) || !hasStaticSpatialSizes(x) ||
        !op.getType().hasStaticShape())
      return op.emitOpError("needs static channel, height and width sizes "
                            "and a static filter to be lowered");
    SmallVector<OpFoldResult> sizes;
    for (int64_t d : op.getType().getShape())
      sizes.push_back(rewriter.getIndexAttr(d));
    Value dw = groupwise(rewriter, loc, op.getGroups(), dy, 1, x, 1,
                         zeros(rewriter, loc, sizes), 0,
                         [&](Value dys, Value xs, Value is) {
                           return convBackwardFilter(rewriter, loc, dys, xs,
                                                     is, window);
                         });
    rewriter.replaceOp(op, castTo(rewriter, loc, dw, op.getType()));
    return success();
  }

private:
  bool runtimeKernel;
};

/// Σ over every dimension but 1.
struct ChannelSumLowering : OpConversionPattern<ChannelSumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ChannelSumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value sum = sumPerChannel(rewriter, op.getLoc(), adaptor.getInput(), {},
                              [](OpBuilder &, Location, ValueRange full,
                                 ValueRange) { return full[0]; });
    rewriter.replaceOp(op, castTo(rewriter, op.getLoc(), sum, op.getType()));
    return success();
  }
};

} // namespace

void axt::populateAxtConvToLinalgPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns,
                                          bool runtimeConvKernels) {
  patterns.add<ChannelSumLowering>(converter, patterns.getContext());
  patterns.add<Conv2DLowering, Conv2DBackwardInputLowering,
               Conv2DBackwardFilterLowering>(converter, patterns.getContext(),
                                             runtimeConvKernels);
}

LogicalResult axt::declareConvKernels(ModuleOp module) {
  for (StringRef name :
       {kForwardKernel, kBackwardInputKernel, kBackwardFilterKernel})
    if (failed(declareCalledKernel(module, name,
                                   convKernelType(module.getContext()))))
      return failure();
  return success();
}
