//===- LoweringUtils.cpp - helpers shared by the axt-to-linalg patterns ---===//
#include "LoweringUtils.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::axt;

Value lowering::createEmpty(OpBuilder &b, Location loc,
                            ArrayRef<OpFoldResult> sizes, Type elementType) {
  return tensor::EmptyOp::create(b, loc, sizes, elementType);
}

Value lowering::createFilled(OpBuilder &b, Location loc,
                             ArrayRef<OpFoldResult> sizes, Type elementType,
                             double value) {
  Value empty = createEmpty(b, loc, sizes, elementType);
  Value scalar = arith::ConstantOp::create(
      b, loc, b.getFloatAttr(elementType, value));
  return linalg::FillOp::create(b, loc, scalar, empty).getResult(0);
}

Value lowering::castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

Value lowering::buildElementwise(
    OpBuilder &b, Location loc, ValueRange inputs, Type resultType,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  auto type = cast<RankedTensorType>(inputs[0].getType());
  Value init = createEmpty(b, loc, tensor::getMixedSizes(b, loc, inputs[0]),
                           type.getElementType());
  SmallVector<AffineMap> maps(inputs.size() + 1,
                              b.getMultiDimIdentityMap(type.getRank()));
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, init, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value result = body(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc, result);
      });
  return castTo(b, loc, generic.getResult(0), resultType);
}

Value lowering::sumOverDims(OpBuilder &b, Location loc, Value tensor,
                            ArrayRef<int64_t> dims) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<OpFoldResult> kept;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (!llvm::is_contained(dims, d))
      kept.push_back(tensor::getMixedSize(b, loc, tensor, d));
  Value init = createFilled(b, loc, kept, type.getElementType(), 0.0);
  return linalg::ReduceOp::create(
             b, loc, ValueRange{tensor}, ValueRange{init}, dims,
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               Value sum = arith::AddFOp::create(nb, nloc, args[0], args[1]);
               linalg::YieldOp::create(nb, nloc, sum);
             })
      .getResult(0);
}

Value lowering::buildBroadcastElementwise(
    OpBuilder &b, Location loc, ValueRange inputs, RankedTensorType resultType,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  int64_t rank = resultType.getRank();
  ArrayRef<int64_t> shape = resultType.getShape();
  // A dynamic result size comes from an operand that has it (dynamic sizes
  // never broadcast).
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < rank; ++d) {
    sizes.push_back(b.getIndexAttr(shape[d]));
    if (!ShapedType::isDynamic(shape[d]))
      continue;
    for (Value input : inputs) {
      auto type = cast<RankedTensorType>(input.getType());
      int64_t lead = rank - type.getRank();
      if (d >= lead && type.isDynamicDim(d - lead)) {
        sizes.back() = tensor::getMixedSize(b, loc, input, d - lead);
        break;
      }
    }
  }
  Value init = createEmpty(b, loc, sizes, resultType.getElementType());
  SmallVector<AffineMap> maps;
  for (Value input : inputs) {
    ArrayRef<int64_t> operand =
        cast<RankedTensorType>(input.getType()).getShape();
    int64_t lead = rank - operand.size();
    SmallVector<AffineExpr> exprs;
    for (int64_t d = lead; d < rank; ++d)
      exprs.push_back(isBroadcastDimension(operand, shape, d)
                          ? b.getAffineConstantExpr(0)
                          : b.getAffineDimExpr(d));
    maps.push_back(AffineMap::get(rank, 0, exprs, b.getContext()));
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, init.getType(), inputs, init, maps, iterators,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               Value result = body(nb, nloc, args.drop_back());
               linalg::YieldOp::create(nb, nloc, result);
             })
      .getResult(0);
}

void lowering::replaceOpWithCasts(ConversionPatternRewriter &rewriter,
                                  Operation *op, ValueRange values) {
  SmallVector<Value> cast;
  for (auto [value, result] : llvm::zip_equal(values, op->getResults()))
    cast.push_back(castTo(rewriter, op->getLoc(), value, result.getType()));
  rewriter.replaceOp(op, cast);
}

Value lowering::dimAsF32(OpBuilder &b, Location loc, Value tensor,
                         int64_t dim) {
  Value size = tensor::DimOp::create(b, loc, tensor, dim);
  Value asInt = arith::IndexCastOp::create(b, loc, b.getI64Type(), size);
  return arith::SIToFPOp::create(b, loc, b.getF32Type(), asInt);
}

Value lowering::extractScalar(OpBuilder &b, Location loc, Value tensor) {
  return tensor::ExtractOp::create(b, loc, tensor, ValueRange{});
}

Value lowering::constantF32(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

Value lowering::padOrCropSpatial(OpBuilder &b, Location loc, Value tensor,
                                 ArrayRef<int64_t> before,
                                 ArrayRef<int64_t> after, double value) {
  auto type = cast<RankedTensorType>(tensor.getType());
  int64_t rank = type.getRank();
  // Crop first (negative amounts), then pad (positive ones).
  if (llvm::any_of(before, [](int64_t v) { return v < 0; }) ||
      llvm::any_of(after, [](int64_t v) { return v < 0; })) {
    SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, tensor);
    SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
    for (int i = 0; i < 2; ++i) {
      int64_t dim = rank - 2 + i;
      int64_t cropBefore = std::max<int64_t>(-before[i], 0);
      int64_t cropAfter = std::max<int64_t>(-after[i], 0);
      offsets[dim] = b.getIndexAttr(cropBefore);
      sizes[dim] =
          b.getIndexAttr(type.getDimSize(dim) - cropBefore - cropAfter);
    }
    tensor = tensor::ExtractSliceOp::create(b, loc, tensor, offsets, sizes,
                                            strides);
    type = cast<RankedTensorType>(tensor.getType());
  }
  SmallVector<int64_t> low(rank, 0), high(rank, 0);
  for (int i = 0; i < 2; ++i) {
    low[rank - 2 + i] = std::max<int64_t>(before[i], 0);
    high[rank - 2 + i] = std::max<int64_t>(after[i], 0);
  }
  if (llvm::all_of(low, [](int64_t v) { return v == 0; }) &&
      llvm::all_of(high, [](int64_t v) { return v == 0; }))
    return tensor;
  SmallVector<int64_t> shape(type.getShape());
  for (int64_t d = 0; d < rank; ++d)
    if (!type.isDynamicDim(d))
      shape[d] += low[d] + high[d];
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  SmallVector<OpFoldResult> lowAttrs, highAttrs;
  for (int64_t d = 0; d < rank; ++d) {
    lowAttrs.push_back(b.getIndexAttr(low[d]));
    highAttrs.push_back(b.getIndexAttr(high[d]));
  }
  return tensor::PadOp::create(b, loc, resultType, tensor, lowAttrs,
                               highAttrs, constantF32(b, loc, value));
}

Value lowering::transpose(OpBuilder &b, Location loc, Value tensor,
                          ArrayRef<int64_t> perm) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, tensor);
  SmallVector<OpFoldResult> permuted;
  for (int64_t p : perm)
    permuted.push_back(sizes[p]);
  Type elementType = cast<RankedTensorType>(tensor.getType()).getElementType();
  Value init = createEmpty(b, loc, permuted, elementType);
  return linalg::TransposeOp::create(b, loc, tensor, init, perm)
      .getResult()[0];
}

DenseIntElementsAttr lowering::pairAttr(OpBuilder &b, ArrayRef<int64_t> pair) {
  return DenseIntElementsAttr::get(
      RankedTensorType::get({2}, b.getI64Type()), pair);
}

MemRefType lowering::kernelViewType(MLIRContext *ctx, Type elementType,
                                    int64_t rank) {
  int64_t dyn = ShapedType::kDynamic;
  SmallVector<int64_t> sizes(rank, dyn), strides(rank, dyn);
  return MemRefType::get(sizes, elementType,
                         StridedLayoutAttr::get(ctx, dyn, strides));
}

Value lowering::kernelOperand(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  // to_buffer wants the shapes to agree: static sizes become dynamic.
  SmallVector<int64_t> dynamic(type.getRank(), ShapedType::kDynamic);
  tensor = castTo(b, loc, tensor,
                  RankedTensorType::get(dynamic, type.getElementType()));
  return bufferization::ToBufferOp::create(
      b, loc,
      kernelViewType(b.getContext(), type.getElementType(), type.getRank()),
      tensor, /*read_only=*/true);
}

std::pair<Value, Value>
lowering::allocateKernelOutput(OpBuilder &b, Location loc, Type elementType,
                               ArrayRef<OpFoldResult> sizes) {
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamicSizes;
  dispatchIndexOpFoldResults(sizes, dynamicSizes, shape);
  auto type = MemRefType::get(shape, elementType);
  Value buffer = memref::AllocOp::create(b, loc, type, dynamicSizes);
  Value view = memref::CastOp::create(
      b, loc, kernelViewType(b.getContext(), elementType, type.getRank()),
      buffer);
  return {buffer, view};
}

Value lowering::kernelResult(OpBuilder &b, Location loc, Value buffer,
                             Type type) {
  auto memref = cast<MemRefType>(buffer.getType());
  Value tensor = bufferization::ToTensorOp::create(
      b, loc, RankedTensorType::get(memref.getShape(), memref.getElementType()),
      buffer, /*restrict=*/true, /*writable=*/true);
  return castTo(b, loc, tensor, type);
}

Value lowering::sumPerChannel(
    OpBuilder &b, Location loc, ValueRange full, ValueRange channel,
    function_ref<Value(OpBuilder &, Location, ValueRange, ValueRange)> term) {
  return sumsPerChannel(b, loc, full, channel, 1,
                        [&](OpBuilder &nb, Location l, ValueRange f,
                            ValueRange c) -> SmallVector<Value> {
                          return {term(nb, l, f, c)};
                        })
      .front();
}

SmallVector<Value> lowering::sumsPerChannel(
    OpBuilder &b, Location loc, ValueRange full, ValueRange channel,
    unsigned numSums,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange,
                                    ValueRange)>
        terms) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = cast<RankedTensorType>(full[0].getType()).getRank();
  // Pass 1: over N only (rank 2: the whole sum), into [C, rest...]. Beyond
  // rank 2 the loops run C, N, rest: the outermost loop is parallel, so
  // that the compiled loops can split the channels over threads, and the
  // innermost loops still run along the rows.
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, full[0]);
  sizes.erase(sizes.begin());
  SmallVector<Value> inits;
  for (unsigned i = 0; i < numSums; ++i)
    inits.push_back(createFilled(b, loc, sizes, b.getF32Type(), 0.0));
  // Tensor dimension d is loop dimension d, except that beyond rank 2 N
  // and C swap.
  SmallVector<AffineExpr> element;
  for (int64_t d = 0; d < rank; ++d)
    element.push_back(getAffineDimExpr(d, ctx));
  if (rank > 2)
    std::swap(element[0], element[1]);
  SmallVector<AffineExpr> perSample(element.begin() + 1, element.end());
  SmallVector<AffineMap> maps(full.size(),
                              AffineMap::get(rank, 0, element, ctx));
  maps.append(channel.size(), AffineMap::get(rank, 0, element[1]));
  maps.append(numSums, AffineMap::get(rank, 0, perSample, ctx));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators[rank > 2 ? 1 : 0] = utils::IteratorType::reduction;
  SmallVector<Value> inputs(full);
  llvm::append_range(inputs, channel);
  unsigned numFull = full.size(), numChannel = channel.size();
  auto partials = linalg::GenericOp::create(
      b, loc, TypeRange(ValueRange(inits)), inputs, inits, maps, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        SmallVector<Value> values = terms(nb, l, args.take_front(numFull),
                                          args.slice(numFull, numChannel));
        SmallVector<Value> sums;
        for (auto [acc, value] :
             llvm::zip_equal(args.take_back(numSums), values))
          sums.push_back(arith::AddFOp::create(nb, l, acc, value));
        linalg::YieldOp::create(nb, l, sums);
      });
  if (rank <= 2)
    return SmallVector<Value>(partials.getResults());
  // Pass 2: over the rest, [C, rest...] -> [C].
  SmallVector<int64_t> rest;
  for (int64_t d = 1; d < rank - 1; ++d)
    rest.push_back(d);
  SmallVector<Value> sums;
  for (Value partial : partials.getResults())
    sums.push_back(sumOverDims(b, loc, partial, rest));
  return sums;
}
