//===- LossFunctions.cpp - find the forward functions to train ------------===//
#include "axt/Transforms/LossFunctions.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

static bool returnsScalarF32(func::FuncOp func) {
  ArrayRef<Type> results = func.getFunctionType().getResults();
  if (results.size() != 1)
    return false;
  auto type = dyn_cast<RankedTensorType>(results[0]);
  return type && type.getRank() == 0 && type.getElementType().isF32();
}

static LogicalResult verifyLossFunction(func::FuncOp func) {
  if (func.isExternal())
    return func.emitError() << "loss function '@" << func.getName()
                            << "' has no body";
  if (!returnsScalarF32(func))
    return func.emitError() << "loss function '@" << func.getName()
                            << "' must return one tensor<f32> (got "
                            << func.getFunctionType().getNumResults()
                            << " results)";
  if (!func.getBody().hasOneBlock())
    return func.emitError() << "loss function '@" << func.getName()
                            << "' must have a single-block body";
  if (func.getNumArguments() < 3)
    return func.emitError()
           << "loss function '@" << func.getName()
           << "' needs at least one parameter before the input and labels (got "
           << func.getNumArguments() << " arguments)";
  for (unsigned i = 0, e = axt::getNumParameters(func); i < e; ++i) {
    auto type = dyn_cast<RankedTensorType>(func.getArgument(i).getType());
    if (!type || !type.hasStaticShape() || !type.getElementType().isF32())
      return func.emitError()
             << "parameter #" << i << " of '@" << func.getName()
             << "' must be a statically shaped f32 tensor (got "
             << func.getArgument(i).getType() << ")";
  }
  return success();
}

FailureOr<SmallVector<func::FuncOp>>
axt::selectLossFunctions(ModuleOp module, ArrayRef<std::string> names) {
  SmallVector<func::FuncOp> selected;
  if (names.empty()) {
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal() && returnsScalarF32(func))
        selected.push_back(func);
    if (selected.empty())
      return module.emitError()
             << "found no loss function (a public function returning one "
                "tensor<f32>)";
  } else {
    for (const std::string &name : names) {
      auto func = module.lookupSymbol<func::FuncOp>(name);
      if (!func)
        return module.emitError() << "no function named '@" << name << "'";
      selected.push_back(func);
    }
  }
  for (func::FuncOp func : selected)
    if (failed(verifyLossFunction(func)))
      return failure();
  return selected;
}

LogicalResult axt::checkNameIsFree(ModuleOp module, StringRef name,
                                   Operation *anchor) {
  if (!SymbolTable::lookupSymbolIn(module, name))
    return success();
  return anchor->emitError() << "cannot create '@" << name
                             << "': a symbol with that name already exists";
}
