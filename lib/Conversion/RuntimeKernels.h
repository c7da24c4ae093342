//===- RuntimeKernels.h - declarations of runtime kernels -------*- C++ -*-===//
#ifndef AXT_LIB_CONVERSION_RUNTIMEKERNELS_H
#define AXT_LIB_CONVERSION_RUNTIMEKERNELS_H

#include "mlir/IR/BuiltinOps.h"

namespace mlir::axt {

/// Declares the runtime kernel `name` with `type` in `module`, once, if a
/// func.call there calls it; with the C interface, so that memrefs are
/// passed as pointers to descriptors. Fails with an error if the module
/// already has a different `@name`.
LogicalResult declareCalledKernel(ModuleOp module, StringRef name,
                                  FunctionType type);

} // namespace mlir::axt

#endif // AXT_LIB_CONVERSION_RUNTIMEKERNELS_H
