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

LogicalResult AxtDialect::verifyRegionArgAttribute(Operation *op,
                                                  unsigned regionIndex,
                                                  unsigned argIndex,
                                                  NamedAttribute attribute) {
  StringRef name = attribute.getName().getValue();
  if (name == "axt.state") {
    if (!isa<UnitAttr>(attribute.getValue()))
      return op->emitError() << "'axt.state' on argument #" << argIndex
                             << " must be a unit attribute";
    return success();
  }
  if (name == "axt.init") {
    auto init = dyn_cast<StringAttr>(attribute.getValue());
    if (!init || !llvm::is_contained({"zeros", "ones", "he-uniform"},
                                     init.getValue()))
      return op->emitError()
             << "'axt.init' on argument #" << argIndex
             << " must be \"zeros\", \"ones\" or \"he-uniform\" (got "
             << attribute.getValue() << ")";
    return success();
  }
  return op->emitError() << "unknown argument attribute '" << name << "'";
}
