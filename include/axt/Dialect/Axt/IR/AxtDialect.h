//===- AxtDialect.h - the axt dialect ---------------------------*- C++ -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTDIALECT_H
#define AXT_DIALECT_AXT_IR_AXTDIALECT_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "axt/Dialect/Axt/IR/AxtDialect.h.inc"

#endif // AXT_DIALECT_AXT_IR_AXTDIALECT_H
