//===- AxtOps.h - ops of the axt dialect ------------------------*- C++ -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTOPS_H
#define AXT_DIALECT_AXT_IR_AXTOPS_H

#include "axt/Dialect/Axt/IR/AxtDialect.h"
#include "axt/Dialect/Axt/IR/AxtInterfaces.h"
#include "axt/Dialect/Axt/IR/AxtTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "axt/Dialect/Axt/IR/AxtOps.h.inc"

#endif // AXT_DIALECT_AXT_IR_AXTOPS_H
