//===- ReluMask.cpp - 1-bit masks for the ReLU backward -------------------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "axt/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTRELUMASK
#include "axt/Transforms/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

namespace {

/// The mask of one stashed ReLU output and the forward sizes to unpack it.
struct KeptMask {
  StashOp stash;
  SmallVector<Value> sizes;
};

struct AxtReluMaskPass : axt::impl::AxtReluMaskBase<AxtReluMaskPass> {
  void runOnOperation() override {
    llvm::DenseMap<Value, KeptMask> masks; // per ReLU output
    SmallVector<ReluBackwardOp> backwards;
    getOperation().walk([&](ReluBackwardOp op) { backwards.push_back(op); });
    OpBuilder builder(&getContext());
    for (ReluBackwardOp backward : backwards) {
      auto unstash = backward.getOutput().getDefiningOp<UnstashOp>();
      if (!unstash)
        continue;
      auto stash = unstash.getInput().getDefiningOp<StashOp>();
      Value output = stash ? stash.getInput() : Value();
      if (!output || !output.getDefiningOp<ReluOp>())
        continue;
      KeptMask &mask = masks[output];
      if (!mask.stash) {
        builder.setInsertionPointAfter(stash);
        auto pack = PackMaskOp::create(builder, stash.getLoc(), output);
        mask.stash = StashOp::create(builder, stash.getLoc(), pack.getResult());
        auto type = cast<RankedTensorType>(output.getType());
        for (int64_t d = 0; d < type.getRank(); ++d)
          if (type.isDynamicDim(d))
            mask.sizes.push_back(
                tensor::DimOp::create(builder, stash.getLoc(), output, d));
      }
      builder.setInsertionPoint(backward);
      auto maskUnstash =
          UnstashOp::create(builder, unstash.getLoc(), mask.stash.getResult());
      auto unpacked =
          UnpackMaskOp::create(builder, unstash.getLoc(), output.getType(),
                               maskUnstash.getResult(), mask.sizes);
      backward.getOutputMutable().assign(unpacked.getResult());
      // The output crosses the boundary only while something reads it.
      if (unstash->use_empty())
        unstash.erase();
      if (stash->use_empty())
        stash.erase();
    }
  }
};

} // namespace
