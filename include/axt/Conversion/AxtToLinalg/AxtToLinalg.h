//===- AxtToLinalg.h - lower axt ops to linalg on tensors -------*- C++ -*-===//
#ifndef AXT_CONVERSION_AXTTOLINALG_AXTTOLINALG_H
#define AXT_CONVERSION_AXTTOLINALG_AXTTOLINALG_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::axt {

/// Maps `!axt.stashed<T>` to `T`: without compression a stashed value is the
/// tensor itself.
void populateAxtToLinalgTypeConversions(TypeConverter &converter);

/// axt.linear and its three backward ops.
void populateAxtLinearToLinalgPatterns(const TypeConverter &converter,
                                       RewritePatternSet &patterns);
/// axt.relu, axt.relu_backward, axt.add (broadcasting) and axt.sum_to_shape.
void populateAxtElementwiseToLinalgPatterns(const TypeConverter &converter,
                                            RewritePatternSet &patterns);
/// axt.dropout and its backward (Philox masks, see Philox.h).
void populateAxtDropoutToLinalgPatterns(const TypeConverter &converter,
                                        RewritePatternSet &patterns);
/// axt.softmax_cross_entropy and its backward.
void populateAxtLossToLinalgPatterns(const TypeConverter &converter,
                                     RewritePatternSet &patterns);
/// axt.sgd_momentum.
void populateAxtOptimizerToLinalgPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns);
/// axt.conv2d, its gradients and axt.channel_sum. With
/// `runtimeConvKernels`, ungrouped f32 convolutions and their gradients
/// call the runtime's kernels (see the pass's description).
void populateAxtConvToLinalgPatterns(const TypeConverter &converter,
                                     RewritePatternSet &patterns,
                                     bool runtimeConvKernels = false);
/// Declares the convolution kernels `module` calls.
LogicalResult declareConvKernels(ModuleOp module);
/// Max, average and global average pooling and their gradients.
void populateAxtPoolToLinalgPatterns(const TypeConverter &converter,
                                     RewritePatternSet &patterns);
/// axt.batch_norm and its gradient.
void populateAxtNormToLinalgPatterns(const TypeConverter &converter,
                                     RewritePatternSet &patterns);
/// axt.matmul, softmax, gelu, layer_norm and their gradients.
void populateAxtTransformerToLinalgPatterns(const TypeConverter &converter,
                                            RewritePatternSet &patterns);
/// axt.reshape.
void populateAxtShapeToLinalgPatterns(const TypeConverter &converter,
                                      RewritePatternSet &patterns);
/// Maps `!axt.packed` and `!axt.mask` to their bytes (1-D i8 tensors).
void populateAxtCompressionTypeConversions(TypeConverter &converter);
/// axt.quantize, axt.dequantize, axt.pack_mask and axt.unpack_mask: calls of
/// the runtime's kernels on buffers.
void populateAxtCompressionToLinalgPatterns(const TypeConverter &converter,
                                            RewritePatternSet &patterns);
/// Declares the compression kernels `module` calls.
LogicalResult declareCompressionKernels(ModuleOp module);

/// axt.stash and axt.unstash (of tensors, packed tensors and masks).
void populateAxtBoundaryToLinalgPatterns(const TypeConverter &converter,
                                         RewritePatternSet &patterns);

/// All of the above.
void populateAxtToLinalgPatterns(const TypeConverter &converter,
                                 RewritePatternSet &patterns,
                                 bool runtimeConvKernels = false);

} // namespace mlir::axt

#endif // AXT_CONVERSION_AXTTOLINALG_AXTTOLINALG_H
