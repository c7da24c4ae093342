//===- AxtDialect.cpp - the axt dialect -----------------------------------===//
#include "axt/Dialect/Axt/IR/AxtDialect.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "axt/Dialect/Axt/IR/AxtTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::axt;

#include "axt/Dialect/Axt/IR/AxtDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "axt/Dialect/Axt/IR/AxtTypes.cpp.inc"

void AxtDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "axt/Dialect/Axt/IR/AxtOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "axt/Dialect/Axt/IR/AxtTypes.cpp.inc"
      >();
}
