//===- Passes.h - axt transformation passes ---------------------*- C++ -*-===//
#ifndef AXT_TRANSFORMS_PASSES_H
#define AXT_TRANSFORMS_PASSES_H

#include "axt/Dialect/Axt/IR/AxtDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::axt {

#define GEN_PASS_DECL
#include "axt/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "axt/Transforms/Passes.h.inc"

} // namespace mlir::axt

#endif // AXT_TRANSFORMS_PASSES_H
