//===- RuntimeKernels.cpp - declarations of runtime kernels ---------------===//
#include "RuntimeKernels.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

using namespace mlir;

LogicalResult axt::declareCalledKernel(ModuleOp module, StringRef name,
                                       FunctionType type) {
  bool used = false;
  module.walk([&](func::CallOp call) { used |= call.getCallee() == name; });
  if (!used)
    return success();
  if (auto existing = module.lookupSymbol<func::FuncOp>(name)) {
    if (existing.getFunctionType() == type)
      return success();
    return existing.emitError()
           << "'@" << name << "' is reserved for the runtime kernel "
           << "(expected type " << type << ")";
  }
  OpBuilder builder = OpBuilder::atBlockBegin(module.getBody());
  auto decl = func::FuncOp::create(builder, module.getLoc(), name, type);
  decl.setPrivate();
  decl->setAttr("llvm.emit_c_interface", builder.getUnitAttr());
  return success();
}
