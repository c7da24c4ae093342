//===- LoweringUtils.h - helpers shared by the axt-to-linalg patterns -----===//
#ifndef AXT_LIB_CONVERSION_AXTTOLINALG_LOWERINGUTILS_H
#define AXT_LIB_CONVERSION_AXTTOLINALG_LOWERINGUTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::axt::lowering {

/// A tensor of `sizes` (static or dynamic) filled with `value`.
Value createFilled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                   Type elementType, double value);

/// An uninitialized tensor of `sizes`.
Value createEmpty(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                  Type elementType);

/// `value` with the static information of `type` (a no-op when equal).
Value castTo(OpBuilder &b, Location loc, Value value, Type type);

/// An all-parallel linalg.generic over the shape of `inputs[0]` with
/// identity maps; `body` gets the input elements and returns the result
/// element.
Value buildElementwise(
    OpBuilder &b, Location loc, ValueRange inputs, Type resultType,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// An elementwise op lowered to one `buildElementwise` over all its
/// operands, in order; `Body` computes the result element.
template <typename OpTy,
          Value (*Body)(OpBuilder &, Location, ValueRange operands)>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, buildElementwise(rewriter, op.getLoc(),
                                            adaptor.getOperands(),
                                            op.getType(), Body));
    return success();
  }
};

/// The sum of `tensor` over the dimensions `dims` (sorted), which the result
/// drops.
Value sumOverDims(OpBuilder &b, Location loc, Value tensor,
                  ArrayRef<int64_t> dims);

/// `inputs` broadcast to `resultType` (axt.add's rules) and combined
/// elementwise by `body`, in one all-parallel linalg.generic.
Value buildBroadcastElementwise(
    OpBuilder &b, Location loc, ValueRange inputs, RankedTensorType resultType,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// Replaces `op` by `values`, each cast to the type of the result it
/// replaces.
void replaceOpWithCasts(ConversionPatternRewriter &rewriter, Operation *op,
                        ValueRange values);

/// Size of dimension `dim` of `tensor`, as an f32 scalar.
Value dimAsF32(OpBuilder &b, Location loc, Value tensor, int64_t dim);

/// The element of a rank-0 tensor.
Value extractScalar(OpBuilder &b, Location loc, Value tensor);

/// An f32 constant.
Value constantF32(OpBuilder &b, Location loc, double value);

/// `tensor` with its two spatial (last) dimensions grown by `before` and
/// `after` elements of `value` on each side; negative amounts crop instead.
Value padOrCropSpatial(OpBuilder &b, Location loc, Value tensor,
                       ArrayRef<int64_t> before, ArrayRef<int64_t> after,
                       double value);

/// `tensor` with its dimensions permuted (`result[i] = tensor[perm[i]]`).
Value transpose(OpBuilder &b, Location loc, Value tensor,
                ArrayRef<int64_t> perm);

/// Σ over every dimension but 1 of `term(full elements, channel elements)`,
/// where `full` are tensors shaped like full[0] ([N, C, ...]) and `channel`
/// are [C] tensors broadcast along the other dimensions: a [C] tensor.
/// Beyond rank 2 the sum runs in two passes, over N into a [C, ...] tensor
/// (loops C, N, rest: the outermost parallel, so that the channels can be
/// split over threads, the innermost parallel, so that it vectorizes), then
/// over the rest: one pass would add into a single element in its
/// innermost loop, a scalar chain of dependent adds.
Value sumPerChannel(OpBuilder &b, Location loc, ValueRange full,
                    ValueRange channel,
                    function_ref<Value(OpBuilder &, Location, ValueRange full,
                                       ValueRange channel)>
                        term);

/// The same for `numSums` terms at once, in one pass over the full tensors
/// (`terms` returns that many values per element): one [C] tensor each.
SmallVector<Value> sumsPerChannel(
    OpBuilder &b, Location loc, ValueRange full, ValueRange channel,
    unsigned numSums,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange full,
                                    ValueRange channel)>
        terms);

/// Runtime kernels take memrefs of any layout: descriptors with an offset
/// and a stride per dimension. This is that type for `rank` dimensions.
MemRefType kernelViewType(MLIRContext *ctx, Type elementType, int64_t rank);

/// The read-only buffer of `tensor` as a kernel operand (kernelViewType).
Value kernelOperand(OpBuilder &b, Location loc, Value tensor);

/// A fresh buffer of `sizes` for a kernel to write: the buffer, and its
/// view as a kernel operand. The kernel's result is then
/// `kernelResult(buffer)`, so that one-shot bufferization sees exactly what
/// the call reads and writes.
std::pair<Value, Value> allocateKernelOutput(OpBuilder &b, Location loc,
                                             Type elementType,
                                             ArrayRef<OpFoldResult> sizes);

/// The tensor a kernel wrote into `buffer`, cast to `type`.
Value kernelResult(OpBuilder &b, Location loc, Value buffer, Type type);

/// `[x, y]` as the tensor<2xi64> attribute of linalg's named convolutions.
DenseIntElementsAttr pairAttr(OpBuilder &b, ArrayRef<int64_t> pair);

} // namespace mlir::axt::lowering

#endif // AXT_LIB_CONVERSION_AXTTOLINALG_LOWERINGUTILS_H
