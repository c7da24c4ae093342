//===- AxtTypes.h - types of the axt dialect --------------------*- C++ -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTTYPES_H
#define AXT_DIALECT_AXT_IR_AXTTYPES_H

#include "mlir/IR/BuiltinTypes.h"

#define GET_TYPEDEF_CLASSES
#include "axt/Dialect/Axt/IR/AxtTypes.h.inc"

#endif // AXT_DIALECT_AXT_IR_AXTTYPES_H
