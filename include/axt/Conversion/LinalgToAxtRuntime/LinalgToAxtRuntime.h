//===- LinalgToAxtRuntime.h - runtime kernels for linalg ops ----*- C++ -*-===//
#ifndef AXT_CONVERSION_LINALGTOAXTRUNTIME_LINALGTOAXTRUNTIME_H
#define AXT_CONVERSION_LINALGTOAXTRUNTIME_LINALGTOAXTRUNTIME_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::axt {

/// Name of the runtime's matmul kernel (C interface: `_mlir_ciface_` + name).
inline constexpr llvm::StringLiteral kRuntimeMatmulF32 = "axtrt_matmul_f32";

/// Rewrites f32 `linalg.matmul` on memrefs into calls to the runtime kernel.
/// The caller must make sure the kernel is declared in the module (see
/// `declareRuntimeMatmul`).
void populateLinalgToAxtRuntimePatterns(RewritePatternSet &patterns);

} // namespace mlir::axt

#endif // AXT_CONVERSION_LINALGTOAXTRUNTIME_LINALGTOAXTRUNTIME_H
