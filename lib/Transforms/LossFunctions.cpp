//===- LossFunctions.cpp - find the forward functions to train ------------===//
#include "axt/Transforms/LossFunctions.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::axt;

static bool isScalarF32(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.getRank() == 0 && tensor.getElementType().isF32();
}

/// The result types a loss function with these arguments must have.
static SmallVector<Type> expectedResults(func::FuncOp func) {
  SmallVector<Type> types{
      RankedTensorType::get({}, Float32Type::get(func.getContext()))};
  if (func.getNumArguments() < 2 + (hasSeedArgument(func) ? 1 : 0))
    return types;
  for (unsigned i = 0, e = getNumModelArguments(func); i < e; ++i)
    if (isStateArgument(func, i))
      types.push_back(func.getArgument(i).getType());
  return types;
}

static bool looksLikeLossFunction(func::FuncOp func) {
  return func.isPublic() && !func.isExternal() &&
         llvm::equal(func.getResultTypes(), expectedResults(func));
}

static LogicalResult verifyLossFunction(func::FuncOp func) {
  auto error = [&]() {
    return func.emitError() << "loss function '@" << func.getName() << "' ";
  };
  if (func.isExternal())
    return error() << "has no body";
  if (!func.getBody().hasOneBlock())
    return error() << "must have a single-block body";
  SmallVector<Type> expected = expectedResults(func);
  if (!llvm::equal(func.getResultTypes(), expected)) {
    if (func.getNumResults() == 0 || !isScalarF32(func.getResultTypes()[0]))
      return error() << "must return a tensor<f32> loss first (got "
                     << func.getNumResults() << " results)";
    return error() << "must return the loss and then one new value per "
                      "axt.state argument ("
                   << expected.size() - 1 << "), with their types (got "
                   << func.getNumResults() << " results)";
  }
  if (func.getNumArguments() < 3 + (hasSeedArgument(func) ? 1 : 0))
    return error() << "needs at least one parameter before the input and "
                      "labels (got "
                   << func.getNumArguments() << " arguments)";
  unsigned numParams = 0;
  for (unsigned i = 0, e = getNumModelArguments(func); i < e; ++i) {
    auto type = dyn_cast<RankedTensorType>(func.getArgument(i).getType());
    if (!type || !type.hasStaticShape() || !type.getElementType().isF32())
      return func.emitError()
             << (isStateArgument(func, i) ? "state" : "parameter") << " #"
             << i << " of '@" << func.getName()
             << "' must be a statically shaped f32 tensor (got "
             << func.getArgument(i).getType() << ")";
    numParams += !isStateArgument(func, i);
  }
  if (numParams == 0)
    return error() << "has no trainable parameter (every argument before the "
                      "input and labels is marked axt.state)";
  return success();
}

FailureOr<SmallVector<func::FuncOp>>
axt::selectLossFunctions(ModuleOp module, ArrayRef<std::string> names) {
  SmallVector<func::FuncOp> selected;
  if (names.empty()) {
    for (auto func : module.getOps<func::FuncOp>())
      if (looksLikeLossFunction(func))
        selected.push_back(func);
    // A function that returns a loss but is malformed deserves its own
    // diagnostic rather than "none found".
    if (selected.empty())
      for (auto func : module.getOps<func::FuncOp>())
        if (func.isPublic() && func.getNumResults() > 0 &&
            isScalarF32(func.getResultTypes()[0]) &&
            failed(verifyLossFunction(func)))
          return failure();
    if (selected.empty())
      return module.emitError()
             << "found no loss function (a public function returning a "
                "tensor<f32> loss and the new value of each axt.state "
                "argument)";
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
