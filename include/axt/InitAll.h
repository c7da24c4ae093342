//===- InitAll.h - register everything axt provides -------------*- C++ -*-===//
#ifndef AXT_INITALL_H
#define AXT_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::axt {

/// The axt dialect and every dialect (and external model) its pipelines
/// produce or need.
void registerAllDialects(DialectRegistry &registry);
/// The axt passes (transforms and conversions).
void registerAllPasses();
/// The registered pipelines.
void registerAllPipelines();

} // namespace mlir::axt

#endif // AXT_INITALL_H
