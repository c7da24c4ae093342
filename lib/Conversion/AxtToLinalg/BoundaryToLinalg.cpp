//===- BoundaryToLinalg.cpp - uncompressed stash/unstash ------------------===//
//
// A stashed value is the value it keeps (a tensor, or the bytes of a packed
// tensor or mask): both ops forward their (converted) operand and
// disappear.
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
  // A stashed value is its stored value, itself converted (packed tensors
  // and masks become bytes).
  converter.addConversion([&converter](StashedType type) -> Type {
    return converter.convertType(type.getStoredType());
  });
}

void axt::populateAxtBoundaryToLinalgPatterns(const TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  patterns.add<ForwardOperandLowering<StashOp>,
               ForwardOperandLowering<UnstashOp>>(converter,
                                                  patterns.getContext());
}
