//===- CompressActivations.cpp - low-bit copies of saved activations ------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "axt/Transforms/LossFunctions.h"
#include "axt/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/Builders.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTCOMPRESSACTIVATIONS
#include "axt/Transforms/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

namespace {

/// The stash of a 1-bit mask of `value` (from axt-relu-mask), if `value` is
/// a ReLU output: the mask is then the set of its non-zero elements, which
/// exact-zero codes keep too.
StashOp findReluMaskStash(Value value) {
  if (!value.getDefiningOp<ReluOp>())
    return {};
  for (Operation *user : value.getUsers())
    if (auto pack = dyn_cast<PackMaskOp>(user))
      for (Operation *packUser : pack->getUsers())
        if (auto stash = dyn_cast<StashOp>(packUser))
          return stash;
  return {};
}

/// Reads the mask kept by `maskStash` from the codes kept by `codesStash`
/// instead (each unstash of the mask becomes an unstash of the codes and
/// an unpack_mask of them), then drops the mask.
void readMaskFromCodes(StashOp maskStash, StashOp codesStash,
                       ValueRange sizes, OpBuilder &builder) {
  for (OpOperand &use : llvm::make_early_inc_range(maskStash->getUses())) {
    auto unstash = cast<UnstashOp>(use.getOwner());
    builder.setInsertionPoint(unstash);
    auto codes = UnstashOp::create(builder, unstash.getLoc(),
                                   codesStash.getResult());
    for (Operation *user : llvm::make_early_inc_range(unstash->getUsers())) {
      auto unpack = cast<UnpackMaskOp>(user);
      builder.setInsertionPoint(unpack);
      auto fromCodes = UnpackMaskOp::create(builder, unpack.getLoc(),
                                            unpack.getType(), codes, sizes);
      unpack.replaceAllUsesWith(fromCodes.getResult());
      unpack.erase();
    }
    unstash.erase();
  }
  auto pack = maskStash.getInput().getDefiningOp<PackMaskOp>();
  maskStash.erase();
  if (pack && pack->use_empty())
    pack.erase();
}

/// Streams of the quantizers start here, far above the dropout streams users
/// write by hand.
constexpr int64_t kQuantizeStreamBase = int64_t(1) << 32;

struct AxtCompressActivationsPass
    : axt::impl::AxtCompressActivationsBase<AxtCompressActivationsPass> {
  using AxtCompressActivationsBase::AxtCompressActivationsBase;

  /// Whether the value kept by `stash` gets a compressed copy: f32 results
  /// of ops not excluded, and with `compress-inputs` the batch input (other
  /// arguments are alive for the whole step anyway).
  bool shouldCompress(StashOp stash) const {
    Value value = stash.getInput();
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || !type.getElementType().isF32())
      return false;
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
      return compressInputs && func &&
             func.getArgAttr(arg.getArgNumber(), kInputAttrName);
    }
    return !llvm::is_contained(
        exclude, value.getDefiningOp()->getName().getStringRef().str());
  }

  /// The fewest bits `value` may be kept with: 8 for the logits of the
  /// loss, 1 elsewhere.
  static unsigned minimumBits(Value value) {
    return llvm::any_of(value.getUsers(),
                        llvm::IsaPred<SoftmaxCrossEntropyOp>)
               ? 8
               : 1;
  }

  /// The packed type of `value` under the pass options. The logits of the
  /// loss keep at least 8 bits: they are few (N x classes), and the loss
  /// gradient softmax(logits) - onehot is the most sensitive to them.
  PackedType packedTypeOf(Value value, bool exactZero) const {
    auto type = cast<RankedTensorType>(value.getType());
    unsigned width = std::max(bits.getValue(), minimumBits(value));
    int64_t group = groupSize;
    // Per-channel needs [N, C, ...] with a static plane; fall back to groups
    // of 256 elsewhere (linear layers' [N, F] activations, which would
    // otherwise get a group, and a scale, per element).
    if (group == PackedType::kPerChannel && !PackedType::allowsPerChannel(type))
      group = 256;
    if (group != PackedType::kPerChannel && sampleGroups)
      group = PackedType::sampleAlignedGroup(type, group);
    return PackedType::get(type.getContext(), type, width, group,
                           exactZero && width >= 2);
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (!llvm::is_contained({1u, 2u, 3u, 4u, 8u}, unsigned(bits)) ||
        groupSize < 0 || (rounding != "stochastic" && rounding != "nearest")) {
      func.emitError() << "axt-compress-activations: bits ("
                       << unsigned(bits) << ") must be 1, 2, 3, 4 or 8, "
                       << "group-size (" << int64_t(groupSize)
                       << ") non-negative, rounding (\""
                       << std::string(rounding)
                       << "\") \"stochastic\" or \"nearest\"";
      return signalPassFailure();
    }
    SmallVector<StashOp> stashes;
    func.walk([&](StashOp stash) {
      if (shouldCompress(stash))
        stashes.push_back(stash);
    });
    if (stashes.empty())
      return;

    Value seed;
    if (func.getNumArguments() > 0 &&
        func.getArguments().back().getType().isSignlessInteger(64))
      seed = func.getArguments().back();
    OpBuilder builder(func.getContext());
    if (!seed) {
      if (rounding == "stochastic") {
        func.emitError() << "axt-compress-activations: stochastic rounding "
                            "needs the seed, a trailing i64 argument of '@"
                         << func.getName() << "'";
        return signalPassFailure();
      }
      builder.setInsertionPointToStart(&func.getBody().front());
      seed = arith::ConstantOp::create(builder, func.getLoc(),
                                       builder.getI64IntegerAttr(0));
    }

    for (auto [index, stash] : llvm::enumerate(stashes)) {
      const int64_t stream = kQuantizeStreamBase + int64_t(index);
      if (!streams.empty() && !llvm::is_contained(streams, stream))
        continue;
      Value value = stash.getInput();
      StashOp maskStash = deriveMasks ? findReluMaskStash(value) : StashOp();
      PackedType packed = packedTypeOf(value, bool(maskStash));
      builder.setInsertionPoint(stash);
      auto quantize = QuantizeOp::create(
          builder, stash.getLoc(), packed, value, seed,
          builder.getI64IntegerAttr(stream),
          builder.getStringAttr(rounding));
      // The floor stays visible to axt-allocate-bits.
      if (unsigned floor = minimumBits(value); floor > 1)
        quantize->setAttr(kMinimumBitsAttrName,
                          builder.getI64IntegerAttr(floor));
      auto newStash =
          StashOp::create(builder, stash.getLoc(), quantize.getResult());
      // The dynamic sizes, read in the forward (scalars: nothing to keep).
      SmallVector<Value> sizes =
          tensor::createDynamicDimValues(builder, stash.getLoc(), value);
      for (OpOperand &use : llvm::make_early_inc_range(stash->getUses())) {
        auto unstash = cast<UnstashOp>(use.getOwner());
        builder.setInsertionPoint(unstash);
        auto newUnstash =
            UnstashOp::create(builder, unstash.getLoc(), newStash.getResult());
        auto dequantize = DequantizeOp::create(
            builder, unstash.getLoc(), unstash.getType(),
            newUnstash.getResult(), sizes);
        unstash.replaceAllUsesWith(dequantize.getResult());
        unstash.erase();
      }
      stash.erase();
      if (packed.getExactZero())
        readMaskFromCodes(maskStash, newStash, sizes, builder);
    }
  }
};

} // namespace
