//===- InPlaceUpdates.h - updates that overwrite their inputs --*- C++ -*-===//
//
// An optimizer update whose old parameter and velocity are arguments of the
// step, and which is their last reader, may write the new values over the
// old ones: the caller can pass the same buffer for an argument and for its
// new value, and hold one copy of the parameters and momentum instead of
// two. The lowering keeps the order of reads and writes, and the update
// reads and writes each element at the same position, so the results are
// the same as with separate buffers.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_ANALYSIS_INPLACEUPDATES_H
#define AXT_ANALYSIS_INPLACEUPDATES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::axt {

class SgdMomentumOp;

/// Whether `op` is the last reader of `value` in `op`'s block: every other
/// user of `value` is (or is nested in) an op before `op` in that block.
/// Then `op` may write over `value`'s buffer.
bool isLastUserInBlock(Value value, Operation *op);

/// Whether `update` may write its new parameter and velocity over its
/// parameter and velocity: both are distinct arguments of the function the
/// update is in (its entry block), and every other user of either is an
/// op before `update` in that block.
bool canUpdateInPlace(SgdMomentumOp update);

/// For each value `func` returns: the number of the argument it may be
/// written over (a new parameter or velocity of an update that
/// canUpdateInPlace, returned once), or -1.
SmallVector<int64_t> getInPlaceResults(func::FuncOp func);

} // namespace mlir::axt

#endif // AXT_ANALYSIS_INPLACEUPDATES_H
