//===- LinalgToAxtRuntime.cpp - f32 matmuls on buffers to the runtime -----===//
//
// The runtime kernel takes three strided 2-D views and computes C += A · B;
// it picks row- or column-major BLAS calls from the strides. A transposed
// operand is therefore passed as a `memref.transpose` view (no copy).
//
//===----------------------------------------------------------------------===//
#include "axt/Conversion/LinalgToAxtRuntime/LinalgToAxtRuntime.h"
#include "axt/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::axt {
#define GEN_PASS_DEF_CONVERTLINALGTOAXTRUNTIME
#include "axt/Conversion/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

/// The type every operand is cast to: a fully dynamic strided 2-D view.
static MemRefType getKernelOperandType(MLIRContext *ctx) {
  int64_t dyn = ShapedType::kDynamic;
  return MemRefType::get(
      {dyn, dyn}, Float32Type::get(ctx),
      StridedLayoutAttr::get(ctx, /*offset=*/dyn, /*strides=*/{dyn, dyn}));
}

static bool isF32Matrix(Value value) {
  auto type = dyn_cast<MemRefType>(value.getType());
  return type && type.getRank() == 2 && type.getElementType().isF32();
}

namespace {
struct MatmulToRuntimeCall : OpRewritePattern<linalg::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::MatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureBufferSemantics())
      return rewriter.notifyMatchFailure(op, "not on buffers");
    Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
    Value c = op.getDpsInits()[0];
    if (!isF32Matrix(a) || !isF32Matrix(b) || !isF32Matrix(c))
      return rewriter.notifyMatchFailure(op, "not an f32 matrix product");
    bool transposeA = linalg::MatmulTransposeAOp::classof(op);
    bool transposeB = linalg::MatmulTransposeBOp::classof(op);
    if (!transposeA && !transposeB &&
        !linalg::MatmulOp::isDefaultIndexingMaps(op.getIndexingMaps()))
      return rewriter.notifyMatchFailure(op, "unsupported indexing maps");
    if (op.getCast() != linalg::TypeFn::cast_signed)
      return rewriter.notifyMatchFailure(op, "unsupported cast");

    Location loc = op.getLoc();
    auto transposed = [&](Value v) -> Value {
      auto perm = AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0},
                                               rewriter.getContext());
      return memref::TransposeOp::create(rewriter, loc, v,
                                         AffineMapAttr::get(perm));
    };
    if (transposeA)
      a = transposed(a);
    if (transposeB)
      b = transposed(b);
    MemRefType kernelType = getKernelOperandType(rewriter.getContext());
    SmallVector<Value> operands;
    for (Value v : {a, b, c})
      operands.push_back(memref::CastOp::create(rewriter, loc, kernelType, v));
    rewriter.replaceOpWithNewOp<func::CallOp>(op, kRuntimeMatmulF32,
                                              TypeRange{}, operands);
    return success();
  }
};

struct ConvertLinalgToAxtRuntimePass
    : axt::impl::ConvertLinalgToAxtRuntimeBase<ConvertLinalgToAxtRuntimePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    RewritePatternSet patterns(&getContext());
    populateLinalgToAxtRuntimePatterns(patterns);
    GreedyRewriteConfig config;
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(applyPatternsGreedily(module, std::move(patterns), config)))
      return signalPassFailure();
    if (failed(declareKernel(module)))
      signalPassFailure();
  }

  /// Declares the kernel once, with the C interface so that memrefs are
  /// passed as pointers to descriptors.
  LogicalResult declareKernel(ModuleOp module) {
    bool used = false;
    module.walk([&](func::CallOp call) {
      used |= call.getCallee() == kRuntimeMatmulF32;
    });
    if (!used)
      return success();
    MLIRContext *ctx = module.getContext();
    MemRefType kernelType = getKernelOperandType(ctx);
    auto type = FunctionType::get(
        ctx, {kernelType, kernelType, kernelType}, {});
    if (auto existing = module.lookupSymbol<func::FuncOp>(kRuntimeMatmulF32)) {
      if (existing.getFunctionType() == type)
        return success();
      return existing.emitError()
             << "'@" << kRuntimeMatmulF32
             << "' is reserved for the runtime kernel (expected type "
             << type << ")";
    }
    OpBuilder builder = OpBuilder::atBlockBegin(module.getBody());
    auto decl = func::FuncOp::create(builder, module.getLoc(),
                                     kRuntimeMatmulF32, type);
    decl.setPrivate();
    decl->setAttr("llvm.emit_c_interface", UnitAttr::get(ctx));
    return success();
  }
};
} // namespace

void axt::populateLinalgToAxtRuntimePatterns(RewritePatternSet &patterns) {
  patterns.add<MatmulToRuntimeCall>(patterns.getContext());
}
