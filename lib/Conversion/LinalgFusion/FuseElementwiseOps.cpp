//===- FuseElementwiseOps.cpp - elementwise fusion without recomputation --===//
//
// Upstream's linalg-fuse-elementwise-ops fuses every producer with one use
// into its consumer, including a producer over a smaller space that the
// consumer broadcasts: a per-channel factor of batch norm's gradient is
// then recomputed for every element (a division each), inside a loop that
// LLVM no longer vectorizes. Here a producer is fused only where the
// consumer reads each of its elements once, through a permutation map.
//
//===----------------------------------------------------------------------===//
#include "axt/Conversion/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTFUSEELEMENTWISEOPS
#include "axt/Conversion/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

/// Whether the producer of `operand` may be fused into its user: it has no
/// other use, and the user reads it through a permutation (no broadcast),
/// so that fusing computes each of its elements once, as before.
static bool fusesWithoutRecomputation(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  if (!producer || !producer->hasOneUse())
    return false;
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  return consumer && consumer.getMatchingIndexingMap(operand).isPermutation();
}

namespace {
struct AxtFuseElementwiseOpsPass
    : axt::impl::AxtFuseElementwiseOpsBase<AxtFuseElementwiseOpsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    // The same set as upstream's pass, under the control above.
    linalg::populateElementwiseOpsFusionPatterns(patterns,
                                                 fusesWithoutRecomputation);
    linalg::populateFoldReshapeOpsByExpansionPatterns(
        patterns, fusesWithoutRecomputation);
    tensor::populateBubbleUpExpandShapePatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, ctx);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, ctx);
    ctx->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(
        patterns);
    linalg::populateConstantFoldLinalgOperations(patterns,
                                                 fusesWithoutRecomputation);
    if (failed(applyPatternsGreedily(
            getOperation(), std::move(patterns),
            GreedyRewriteConfig().setUseTopDownTraversal())))
      return signalPassFailure();
  }
};
} // namespace
