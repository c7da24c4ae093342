//===- AxtInterfaces.h - the differentiable-op interface --------*- C++ -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTINTERFACES_H
#define AXT_DIALECT_AXT_IR_AXTINTERFACES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/TypeUtilities.h"

#include "axt/Dialect/Axt/IR/AxtInterfaces.h.inc"

#endif // AXT_DIALECT_AXT_IR_AXTINTERFACES_H
