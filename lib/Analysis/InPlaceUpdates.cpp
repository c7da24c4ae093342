//===- InPlaceUpdates.cpp - updates that may overwrite their inputs -------===//
#include "axt/Analysis/InPlaceUpdates.h"

#include "axt/Dialect/Axt/IR/AxtOps.h"

using namespace mlir;
using namespace mlir::axt;

bool axt::isLastUserInBlock(Value value, Operation *op) {
  Block *block = op->getBlock();
  return llvm::all_of(value.getUsers(), [&](Operation *user) {
    if (user == op)
      return true;
    Operation *ancestor = block->findAncestorOpInBlock(*user);
    return ancestor && ancestor != op && ancestor->isBeforeInBlock(op);
  });
}

/// Whether `value` is an argument of the entry block `update` is in, read
/// last by `update`.
static bool isReadLastBy(Value value, SgdMomentumOp update) {
  auto arg = dyn_cast<BlockArgument>(value);
  Block *block = update->getBlock();
  return arg && arg.getOwner() == block && block->isEntryBlock() &&
         isLastUserInBlock(value, update);
}

bool axt::canUpdateInPlace(SgdMomentumOp update) {
  return update.getParam() != update.getVelocity() &&
         isReadLastBy(update.getParam(), update) &&
         isReadLastBy(update.getVelocity(), update);
}

SmallVector<int64_t> axt::getInPlaceResults(func::FuncOp func) {
  SmallVector<int64_t> argOf;
  if (func.isExternal())
    return argOf;
  Operation *terminator = func.getBody().front().getTerminator();
  llvm::DenseMap<Value, int> timesReturned;
  for (Value v : terminator->getOperands())
    ++timesReturned[v];
  for (Value v : terminator->getOperands()) {
    auto update = v.getDefiningOp<SgdMomentumOp>();
    if (!update || timesReturned[v] != 1 || !canUpdateInPlace(update)) {
      argOf.push_back(-1);
      continue;
    }
    Value old =
        v == update.getNewParam() ? update.getParam() : update.getVelocity();
    argOf.push_back(cast<BlockArgument>(old).getArgNumber());
  }
  return argOf;
}
