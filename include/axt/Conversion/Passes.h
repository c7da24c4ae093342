//===- Passes.h - axt conversion passes -------------------------*- C++ -*-===//
#ifndef AXT_CONVERSION_PASSES_H
#define AXT_CONVERSION_PASSES_H

#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Conversion/LinalgToAxtRuntime/LinalgToAxtRuntime.h"
#include "mlir/Pass/Pass.h"

namespace mlir::axt {

#define GEN_PASS_DECL
#include "axt/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "axt/Conversion/Passes.h.inc"

} // namespace mlir::axt

#endif // AXT_CONVERSION_PASSES_H
