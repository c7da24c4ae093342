//===- CollapseContiguousDims.cpp - fewer, longer loops for linalg ops ----===//
//
// A loop nest over [N, C, 28, 28] has an innermost loop of 28 iterations.
// LLVM unrolls such a short loop completely and then vectorizes the loop
// around it, across rows: with gathers, one element per row. Merging the
// loop dimensions that every operand walks contiguously gives one long
// innermost loop that vectorizes with plain vector loads.
//
//===----------------------------------------------------------------------===//
#include "CreatedOps.h"
#include "axt/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTCOLLAPSECONTIGUOUSDIMS
#include "axt/Conversion/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

/// Groups of consecutive loop dimensions of `op` that can be merged: the
/// same iterator type, and contiguous, in that order, in every indexing
/// map (see linalg::areDimSequencesPreserved). Built from the innermost
/// dimension outwards, greedily; only groups of two or more are returned.
static SmallVector<ReassociationIndices>
getMergeableGroups(linalg::LinalgOp op) {
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<ReassociationIndices> groups;
  int64_t numLoops = op.getNumLoops();
  ReassociationIndices group;
  auto close = [&] {
    if (group.size() > 1)
      groups.insert(groups.begin(), group);
    group.clear();
  };
  for (int64_t d = numLoops - 1; d >= 0; --d) {
    if (!group.empty()) {
      ReassociationIndices extended{d};
      extended.append(group.begin(), group.end());
      if (iterators[d] == iterators[group.front()] &&
          linalg::areDimSequencesPreserved(maps, {extended})) {
        group = std::move(extended);
        continue;
      }
      close();
    }
    group.push_back(d);
  }
  close();
  return groups;
}

/// Whether `op` is worth collapsing and can be: every operand a memref
/// without a layout (collapsing a group of its dimensions is then a view of
/// the same buffer), every indexing map a projection of loop dimensions (a
/// map such as (d0, d1 floordiv 2) has no contiguous sequences to merge),
/// and no `linalg.index` in the body (each would become a division and a
/// remainder per element).
static bool isCollapsible(linalg::GenericOp op) {
  return op.hasPureBufferSemantics() &&
         llvm::all_of(op->getOperands(),
                      [](Value v) {
                        auto type = dyn_cast<MemRefType>(v.getType());
                        return type && type.getLayout().isIdentity();
                      }) &&
         llvm::all_of(
             op.getIndexingMapsArray(),
             [](AffineMap map) { return map.isProjectedPermutation(); }) &&
         op.getBody()->getOps<linalg::IndexOp>().empty();
}

/// Makes operands of `op` that are the same collapse of the same buffer one
/// value. An op that writes over its input gets a view per operand; as two
/// values they reach LLVM as two pointers, whose runtime overlap check
/// fails (they are equal) and sends the loop to its scalar version.
static void shareCollapsedViews(RewriterBase &rewriter, Operation *op) {
  SmallVector<memref::CollapseShapeOp> seen;
  for (OpOperand &operand : op->getOpOperands()) {
    auto view = operand.get().getDefiningOp<memref::CollapseShapeOp>();
    if (!view)
      continue;
    auto same = llvm::find_if(seen, [&](memref::CollapseShapeOp other) {
      return other.getSrc() == view.getSrc() &&
             other.getType() == view.getType() &&
             other.getReassociationIndices() == view.getReassociationIndices();
    });
    if (same == seen.end()) {
      seen.push_back(view);
      continue;
    }
    rewriter.modifyOpInPlace(op, [&] { operand.set(*same); });
  }
}

namespace {
struct AxtCollapseContiguousDimsPass
    : axt::impl::AxtCollapseContiguousDimsBase<AxtCollapseContiguousDimsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (isCollapsible(op))
        candidates.push_back(op);
    });
    // Collapsing computes the sizes a tensor result would be expanded to;
    // on buffers they are unused.
    CreatedOps created;
    IRRewriter rewriter(&getContext(), &created);
    for (linalg::GenericOp op : candidates) {
      SmallVector<ReassociationIndices> groups = getMergeableGroups(op);
      if (groups.empty())
        continue;
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::CollapseResult> collapsed =
          linalg::collapseOpIterationDims(op, groups, rewriter);
      if (failed(collapsed))
        continue;
      rewriter.eraseOp(op);
      shareCollapsedViews(rewriter, collapsed->collapsedOp);
    }
    created.eraseUnused();
  }
};
} // namespace
