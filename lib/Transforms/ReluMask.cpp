//===- ReluMask.cpp - 1-bit masks for the ReLU backward -------------------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "axt/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/Builders.h"
#include "llvm/Support/MathExtras.h"

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

/// Keeps the stashed positions of a max-pool in ⌈log2(KH·KW)⌉ bits each.
void packPoolIndices(StashOp stash, OpBuilder &builder) {
  auto pool = stash.getInput().getDefiningOp<MaxPool2DOp>();
  if (!pool || stash.getInput() != pool.getIndices())
    return;
  int64_t window = pool.getKernel()[0] * pool.getKernel()[1];
  unsigned bits = std::max(1u, unsigned(llvm::Log2_64_Ceil(window)));
  if (bits > 16)
    return;
  Value indices = pool.getIndices();
  auto type = cast<RankedTensorType>(indices.getType());
  builder.setInsertionPoint(stash);
  auto pack = PackIndicesOp::create(
      builder, stash.getLoc(), IndicesType::get(type.getContext(), type, bits),
      indices);
  auto packed = StashOp::create(builder, stash.getLoc(), pack.getResult());
  SmallVector<Value> sizes = tensor::createDynamicDimValues(builder, packed.getLoc(), indices);
  for (OpOperand &use : llvm::make_early_inc_range(stash->getUses())) {
    auto unstash = cast<UnstashOp>(use.getOwner());
    builder.setInsertionPoint(unstash);
    auto newUnstash =
        UnstashOp::create(builder, unstash.getLoc(), packed.getResult());
    auto unpack = UnpackIndicesOp::create(builder, unstash.getLoc(), type,
                                          newUnstash.getResult(), sizes);
    unstash.replaceAllUsesWith(unpack.getResult());
    unstash.erase();
  }
  stash.erase();
}

struct AxtReluMaskPass : axt::impl::AxtReluMaskBase<AxtReluMaskPass> {
  void runOnOperation() override {
    OpBuilder indexBuilder(&getContext());
    SmallVector<StashOp> stashes;
    getOperation().walk([&](StashOp stash) { stashes.push_back(stash); });
    for (StashOp stash : stashes)
      packPoolIndices(stash, indexBuilder);

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
        mask.sizes =
            tensor::createDynamicDimValues(builder, stash.getLoc(), output);
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
