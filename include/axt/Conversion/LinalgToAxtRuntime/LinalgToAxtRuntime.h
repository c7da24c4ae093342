//===- LinalgToAxtRuntime.h - runtime kernels for linalg ops ----*- C++ -*-===//
#ifndef AXT_CONVERSION_LINALGTOAXTRUNTIME_LINALGTOAXTRUNTIME_H
#define AXT_CONVERSION_LINALGTOAXTRUNTIME_LINALGTOAXTRUNTIME_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::axt {

/// Names of the runtime's kernels (C interface: `_mlir_ciface_` + name).
inline constexpr llvm::StringLiteral kRuntimeMatmulF32 = "axtrt_matmul_f32";
inline constexpr llvm::StringLiteral kRuntimeConv2DF32 =
    "axtrt_conv2d_nchw_fchw_f32";

/// Rewrites f32 `linalg.matmul` and `linalg.conv_2d_nchw_fchw` on memrefs
/// into calls to the runtime's kernels. The calls need declarations, which
/// `convert-linalg-to-axt-runtime` adds.
void populateLinalgToAxtRuntimePatterns(RewritePatternSet &patterns);

} // namespace mlir::axt

#endif // AXT_CONVERSION_LINALGTOAXTRUNTIME_LINALGTOAXTRUNTIME_H
