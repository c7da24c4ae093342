//===- CompressionToLinalg.cpp - packed tensors and masks to the runtime --===//
//
// A packed tensor or a mask becomes its bytes, a 1-D i8 tensor laid out as
// runtime/include/axtrt/quantize.h specifies. The four ops call the
// runtime's kernels on buffers: the operand's buffer (bufferization.to_buffer,
// read only) and a fresh allocation that becomes the result
// (bufferization.to_tensor, restrict), so one-shot bufferization keeps the
// calls' memory effects exact and the deallocation pipeline frees the
// buffers.
//
//===----------------------------------------------------------------------===//
#include "../RuntimeKernels.h"
#include "LoweringUtils.h"
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::axt;
using namespace mlir::axt::lowering;

namespace {

constexpr StringLiteral kQuantize = "axtrt_quantize_f32";
constexpr StringLiteral kDequantize = "axtrt_dequantize_f32";
constexpr StringLiteral kPackMask = "axtrt_pack_mask_f32";
constexpr StringLiteral kUnpackMask = "axtrt_unpack_mask_f32";
constexpr StringLiteral kQuantizeExactZero = "axtrt_quantize_exact_zero_f32";
constexpr StringLiteral kDequantizeExactZero =
    "axtrt_dequantize_exact_zero_f32";
constexpr StringLiteral kUnpackMaskFromCodes =
    "axtrt_unpack_mask_from_codes_f32";
constexpr StringLiteral kPackIndices = "axtrt_pack_indices_i32";
constexpr StringLiteral kUnpackIndices = "axtrt_unpack_indices_i32";

/// A 1-D strided view of `elementType`: what every kernel operand is passed
/// as (rank-1 descriptors with offset and stride).
MemRefType viewType(MLIRContext *ctx, Type elementType) {
  return kernelViewType(ctx, elementType, 1);
}

FunctionType kernelType(MLIRContext *ctx, StringRef name) {
  Builder b(ctx);
  MemRefType f32 = viewType(ctx, b.getF32Type());
  MemRefType i8 = viewType(ctx, b.getI8Type());
  Type i32 = b.getI32Type(), i64 = b.getI64Type();
  if (name == kQuantize || name == kQuantizeExactZero)
    return b.getFunctionType({f32, i8, i32, i64, i32, i64, i64}, {});
  if (name == kDequantize || name == kDequantizeExactZero ||
      name == kUnpackMaskFromCodes)
    return b.getFunctionType({i8, f32, i32, i64}, {});
  if (name == kPackMask)
    return b.getFunctionType({f32, i8}, {});
  MemRefType si32 = viewType(ctx, i32);
  if (name == kPackIndices)
    return b.getFunctionType({si32, i8, i32}, {});
  if (name == kUnpackIndices)
    return b.getFunctionType({i8, si32, i32}, {});
  return b.getFunctionType({i8, f32}, {});
}

/// The byte tensor of a packed tensor or a mask: static when its shape is.
RankedTensorType bytesType(RankedTensorType tensor,
                           function_ref<int64_t(int64_t)> bytes) {
  int64_t size = tensor.hasStaticShape() ? bytes(tensor.getNumElements())
                                         : ShapedType::kDynamic;
  return RankedTensorType::get({size},
                               IntegerType::get(tensor.getContext(), 8));
}

Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// `tensor` as a 1-D tensor of all its elements.
Value flatten(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (type.getRank() == 1)
    return tensor;
  if (type.getRank() == 0)
    return tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get({1}, type.getElementType()), tensor,
        ArrayRef<ReassociationIndices>{}, ArrayRef<OpFoldResult>{
                                              b.getIndexAttr(1)});
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return tensor::CollapseShapeOp::create(b, loc, tensor,
                                         ArrayRef<ReassociationIndices>{all});
}

/// A 1-D `flat` tensor (of any static size) reshaped to `type`, whose
/// dynamic sizes are `sizes`.
Value unflatten(OpBuilder &b, Location loc, Value flat, RankedTensorType type,
                ValueRange sizes) {
  SmallVector<OpFoldResult> shape;
  unsigned next = 0;
  for (int64_t size : type.getShape())
    shape.push_back(ShapedType::isDynamic(size) ? OpFoldResult(sizes[next++])
                                                : b.getIndexAttr(size));
  auto flatType = RankedTensorType::get(
      {type.hasStaticShape() ? type.getNumElements() : ShapedType::kDynamic},
      type.getElementType());
  flat = castTo(b, loc, flat, flatType);
  if (type.getRank() == 1)
    return castTo(b, loc, flat, type);
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  SmallVector<ReassociationIndices> groups;
  if (type.getRank() > 0)
    groups.push_back(all);
  return tensor::ExpandShapeOp::create(b, loc, type, flat, groups, shape);
}

/// The number of elements of `type` with dynamic sizes `sizes`.
Value numElements(OpBuilder &b, Location loc, RankedTensorType type,
                  ValueRange sizes) {
  int64_t product = 1;
  for (int64_t size : type.getShape())
    if (!ShapedType::isDynamic(size))
      product *= size;
  Value n = indexConstant(b, loc, product);
  for (Value size : sizes)
    n = arith::MulIOp::create(b, loc, n, size);
  return n;
}

Value i32Constant(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
}
Value i64Constant(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(v));
}

/// `kernel(input as 1-D, out, extra...)` into a fresh i8 buffer of
/// `bytesOf(n)` bytes, n the input's element count: the packing kernels.
Value callPackingKernel(OpBuilder &b, Location loc, StringRef kernel,
                        Value input, function_ref<Value(Value)> bytesOf,
                        ValueRange extra, Type resultType) {
  Value flat = flatten(b, loc, input);
  Value n = tensor::DimOp::create(b, loc, flat, 0);
  auto [buffer, view] =
      allocateKernelOutput(b, loc, b.getI8Type(), {bytesOf(n)});
  SmallVector<Value> args{kernelOperand(b, loc, flat), view};
  llvm::append_range(args, extra);
  func::CallOp::create(b, loc, kernel, TypeRange{}, args);
  return kernelResult(b, loc, buffer, resultType);
}

/// `kernel(bytes, out as 1-D, extra...)` into a fresh tensor of `type`
/// with dynamic sizes `sizes`: the unpacking kernels.
Value callUnpackingKernel(OpBuilder &b, Location loc, StringRef kernel,
                          Value bytes, ValueRange extra, RankedTensorType type,
                          ValueRange sizes) {
  Value n = numElements(b, loc, type, sizes);
  auto [buffer, view] =
      allocateKernelOutput(b, loc, type.getElementType(), {n});
  SmallVector<Value> args{kernelOperand(b, loc, bytes), view};
  llvm::append_range(args, extra);
  func::CallOp::create(b, loc, kernel, TypeRange{}, args);
  Value flat = kernelResult(
      b, loc, buffer,
      RankedTensorType::get({ShapedType::kDynamic}, type.getElementType()));
  return unflatten(b, loc, flat, type, sizes);
}

/// The layout arguments of the kernels of packed codes: bits and
/// elements per group.
SmallVector<Value, 2> packedLayoutArgs(OpBuilder &b, Location loc,
                                       PackedType packed) {
  return {i32Constant(b, loc, packed.getBits()),
          i64Constant(b, loc, packed.getGroupSize())};
}

struct QuantizeLowering : OpConversionPattern<QuantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    PackedType packed = op.getType();
    int64_t group = packed.getGroupSize();
    auto bytesOf = [&](Value n) -> Value {
      Value groups = arith::CeilDivUIOp::create(
          rewriter, loc, n, indexConstant(rewriter, loc, group));
      return arith::MulIOp::create(
          rewriter, loc, groups,
          indexConstant(rewriter, loc, packed.getBytesPerGroup()));
    };
    SmallVector<Value> extra(packedLayoutArgs(rewriter, loc, packed));
    extra.append(
        {i32Constant(rewriter, loc, op.getRounding() == "nearest" ? 1 : 0),
         adaptor.getSeed(),
         i64Constant(rewriter, loc, int64_t(op.getStream()))});
    rewriter.replaceOp(
        op, callPackingKernel(rewriter, loc,
                              packed.getExactZero() ? kQuantizeExactZero
                                                    : kQuantize,
                              adaptor.getInput(),
                              bytesOf, extra,
                              getTypeConverter()->convertType(packed)));
    return success();
  }
};

struct DequantizeLowering : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    PackedType packed = op.getInput().getType();
    SmallVector<Value, 2> extra = packedLayoutArgs(rewriter, loc, packed);
    rewriter.replaceOp(
        op, callUnpackingKernel(
                rewriter, loc,
                packed.getExactZero() ? kDequantizeExactZero : kDequantize,
                adaptor.getInput(), extra, op.getType(),
                adaptor.getDynamicSizes()));
    return success();
  }
};

struct PackMaskLowering : OpConversionPattern<PackMaskOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PackMaskOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto bytesOf = [&](Value n) -> Value {
      return arith::CeilDivUIOp::create(rewriter, loc, n,
                                        indexConstant(rewriter, loc, 8));
    };
    rewriter.replaceOp(
        op, callPackingKernel(rewriter, loc, kPackMask, adaptor.getInput(),
                              bytesOf, {},
                              getTypeConverter()->convertType(op.getType())));
    return success();
  }
};

struct UnpackMaskLowering : OpConversionPattern<UnpackMaskOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(UnpackMaskOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    // A mask kept in the codes of an exact-zero packed tensor.
    if (auto packed = dyn_cast<PackedType>(op.getInput().getType())) {
      SmallVector<Value, 2> extra = packedLayoutArgs(rewriter, loc, packed);
      rewriter.replaceOp(op, callUnpackingKernel(rewriter, loc,
                                                 kUnpackMaskFromCodes,
                                                 adaptor.getInput(), extra,
                                                 op.getType(),
                                                 adaptor.getDynamicSizes()));
      return success();
    }
    rewriter.replaceOp(op, callUnpackingKernel(rewriter, loc, kUnpackMask,
                                               adaptor.getInput(), {},
                                               op.getType(),
                                               adaptor.getDynamicSizes()));
    return success();
  }
};

/// Bytes of `n` values of `bits` bits.
Value bitStreamBytes(OpBuilder &b, Location loc, Value n, unsigned bits) {
  Value allBits = arith::MulIOp::create(b, loc, n, indexConstant(b, loc, bits));
  return arith::CeilDivUIOp::create(b, loc, allBits, indexConstant(b, loc, 8));
}

struct PackIndicesLowering : OpConversionPattern<PackIndicesOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PackIndicesOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    unsigned bits = op.getType().getBits();
    Value extra[] = {i32Constant(rewriter, loc, bits)};
    rewriter.replaceOp(
        op, callPackingKernel(
                rewriter, loc, kPackIndices, adaptor.getInput(),
                [&](Value n) { return bitStreamBytes(rewriter, loc, n, bits); },
                extra, getTypeConverter()->convertType(op.getType())));
    return success();
  }
};

struct UnpackIndicesLowering : OpConversionPattern<UnpackIndicesOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(UnpackIndicesOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value extra[] = {i32Constant(rewriter, op.getLoc(),
                                 op.getInput().getType().getBits())};
    rewriter.replaceOp(op, callUnpackingKernel(rewriter, op.getLoc(),
                                               kUnpackIndices,
                                               adaptor.getInput(), extra,
                                               op.getType(),
                                               adaptor.getDynamicSizes()));
    return success();
  }
};

} // namespace

void axt::populateAxtCompressionTypeConversions(TypeConverter &converter) {
  converter.addConversion([](PackedType type) -> Type {
    return bytesType(type.getTensorType(),
                     [&](int64_t n) { return type.getNumBytes(n); });
  });
  converter.addConversion([](MaskType type) -> Type {
    return bytesType(type.getTensorType(), MaskType::getNumBytes);
  });
  converter.addConversion([](IndicesType type) -> Type {
    return bytesType(type.getTensorType(),
                     [&](int64_t n) { return type.getNumBytes(n); });
  });
}

void axt::populateAxtCompressionToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<QuantizeLowering, DequantizeLowering, PackMaskLowering,
               UnpackMaskLowering, PackIndicesLowering, UnpackIndicesLowering>(
      converter, patterns.getContext());
}

LogicalResult axt::declareCompressionKernels(ModuleOp module) {
  for (StringRef name :
       {kQuantize, kDequantize, kPackMask, kUnpackMask, kQuantizeExactZero,
        kDequantizeExactZero, kUnpackMaskFromCodes, kPackIndices,
        kUnpackIndices})
    if (failed(declareCalledKernel(module, name,
                                   kernelType(module.getContext(), name))))
      return failure();
  return success();
}
