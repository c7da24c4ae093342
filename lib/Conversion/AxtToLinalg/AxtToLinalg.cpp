//===- AxtToLinalg.cpp - the convert-axt-to-linalg pass -------------------===//
#include "axt/Conversion/AxtToLinalg/AxtToLinalg.h"
#include "axt/Conversion/Passes.h"
#include "axt/Dialect/Axt/IR/AxtDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

namespace mlir::axt {
#define GEN_PASS_DEF_CONVERTAXTTOLINALG
#include "axt/Conversion/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

void axt::populateAxtToLinalgPatterns(const TypeConverter &converter,
                                      RewritePatternSet &patterns,
                                      bool runtimeConvKernels) {
  populateAxtLinearToLinalgPatterns(converter, patterns);
  populateAxtElementwiseToLinalgPatterns(converter, patterns);
  populateAxtDropoutToLinalgPatterns(converter, patterns);
  populateAxtLossToLinalgPatterns(converter, patterns);
  populateAxtOptimizerToLinalgPatterns(converter, patterns);
  populateAxtConvToLinalgPatterns(converter, patterns, runtimeConvKernels);
  populateAxtPoolToLinalgPatterns(converter, patterns);
  populateAxtNormToLinalgPatterns(converter, patterns);
  populateAxtShapeToLinalgPatterns(converter, patterns);
  populateAxtTransformerToLinalgPatterns(converter, patterns);
  populateAxtCompressionToLinalgPatterns(converter, patterns);
  populateAxtBoundaryToLinalgPatterns(converter, patterns);
}

namespace {
struct ConvertAxtToLinalgPass
    : axt::impl::ConvertAxtToLinalgBase<ConvertAxtToLinalgPass> {
  using ConvertAxtToLinalgBase::ConvertAxtToLinalgBase;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    TypeConverter converter;
    populateAxtToLinalgTypeConversions(converter);
    populateAxtCompressionTypeConversions(converter);
    RewritePatternSet patterns(ctx);
    populateAxtToLinalgPatterns(converter, patterns, runtimeConvKernels);
    ConversionTarget target(*ctx);
    target.addIllegalDialect<AxtDialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           bufferization::BufferizationDialect,
                           memref::MemRefDialect, func::FuncDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      return signalPassFailure();
    auto module = dyn_cast<ModuleOp>(getOperation());
    if (!module)
      module = getOperation()->getParentOfType<ModuleOp>();
    if (module && (failed(declareCompressionKernels(module)) ||
                   failed(declareConvKernels(module))))
      return signalPassFailure();
    // Argument attributes of the dialect mean nothing below it.
    getOperation()->walk([](FunctionOpInterface func) {
      for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
        for (NamedAttribute attr : SmallVector<NamedAttribute>(
                 func.getArgAttrs(i)))
          if (attr.getName().getValue().starts_with("axt."))
            func.removeArgAttr(i, attr.getName());
    });
  }
};
} // namespace
