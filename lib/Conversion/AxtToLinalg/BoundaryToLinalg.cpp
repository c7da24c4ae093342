//===- BoundaryToLinalg.cpp - uncompressed stash/unstash ------------------===//
//
// Without compression a stashed value is the tensor itself: both ops
// forward their (converted) operand and disappear.
//
//===----------------------------------------------------------------------===//
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"

using namespace mlir;
using namespace mlir::axt;

namespace {

template <typename OpTy>
struct ForwardOperandLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

} // namespace

void axt::populateAxtToLinalgTypeConversions(TypeConverter &converter) {
  converter.addConversion([](Type type) { return type; });
  converter.addConversion(
      [](StashedType type) -> Type { return type.getStoredType(); });
}

void axt::populateAxtBoundaryToLinalgPatterns(const TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  patterns.add<ForwardOperandLowering<StashOp>,
               ForwardOperandLowering<UnstashOp>>(converter,
                                                  patterns.getContext());
}
