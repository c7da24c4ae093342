//===- LinalgToAxtRuntime.cpp - linalg ops on buffers to runtime kernels --===//
//
// After bufferization, f32 matmuls and NCHW convolutions become calls to
// the runtime's kernels (BLAS-backed). The kernels take strided views and
// accumulate into the output, exactly as the linalg ops do; a transposed
// matmul operand is passed as a `memref.transpose` view (no copy).
//
//===----------------------------------------------------------------------===//
#include "axt/Conversion/LinalgToAxtRuntime/LinalgToAxtRuntime.h"
#include "../RuntimeKernels.h"
#include "axt/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
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

/// A fully dynamic strided f32 view of `rank` dimensions: what every
/// kernel operand is cast to.
static MemRefType getViewType(MLIRContext *ctx, int64_t rank) {
  int64_t dyn = ShapedType::kDynamic;
  return MemRefType::get(
      SmallVector<int64_t>(rank, dyn), Float32Type::get(ctx),
      StridedLayoutAttr::get(ctx, /*offset=*/dyn,
                             SmallVector<int64_t>(rank, dyn)));
}

/// The kernels and their signatures.
static FunctionType getKernelType(MLIRContext *ctx, StringRef name) {
  if (name == kRuntimeMatmulF32) {
    MemRefType view = getViewType(ctx, 2);
    return FunctionType::get(ctx, {view, view, view}, {});
  }
  MemRefType view = getViewType(ctx, 4);
  Type i64 = IntegerType::get(ctx, 64);
  return FunctionType::get(ctx, {view, view, view, i64, i64, i64, i64}, {});
}

static bool isF32MemRef(Value value, int64_t rank) {
  auto type = dyn_cast<MemRefType>(value.getType());
  return type && type.getRank() == rank && type.getElementType().isF32();
}

static Value castToView(PatternRewriter &rewriter, Location loc, Value v) {
  int64_t rank = cast<MemRefType>(v.getType()).getRank();
  return memref::CastOp::create(rewriter, loc,
                                getViewType(rewriter.getContext(), rank), v);
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
    if (!isF32MemRef(a, 2) || !isF32MemRef(b, 2) || !isF32MemRef(c, 2))
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
    rewriter.replaceOpWithNewOp<func::CallOp>(
        op, kRuntimeMatmulF32, TypeRange{},
        ValueRange{castToView(rewriter, loc, a), castToView(rewriter, loc, b),
                   castToView(rewriter, loc, c)});
    return success();
  }
};

struct ConvToRuntimeCall : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureBufferSemantics())
      return rewriter.notifyMatchFailure(op, "not on buffers");
    Value x = op.getDpsInputs()[0], w = op.getDpsInputs()[1];
    Value y = op.getDpsInits()[0];
    if (!isF32MemRef(x, 4) || !isF32MemRef(w, 4) || !isF32MemRef(y, 4))
      return rewriter.notifyMatchFailure(op, "not an f32 convolution");
    Location loc = op.getLoc();
    SmallVector<Value> operands{castToView(rewriter, loc, x),
                                castToView(rewriter, loc, w),
                                castToView(rewriter, loc, y)};
    for (DenseIntElementsAttr attr : {op.getStrides(), op.getDilations()})
      for (APInt v : attr.getValues<APInt>())
        operands.push_back(arith::ConstantOp::create(
            rewriter, loc, rewriter.getI64IntegerAttr(v.getSExtValue())));
    rewriter.replaceOpWithNewOp<func::CallOp>(op, kRuntimeConv2DF32,
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
    for (StringRef kernel : {kRuntimeMatmulF32, kRuntimeConv2DF32})
      if (failed(declareCalledKernel(
              module, kernel, getKernelType(&getContext(), kernel))))
        return signalPassFailure();
  }
};
} // namespace

void axt::populateLinalgToAxtRuntimePatterns(RewritePatternSet &patterns) {
  patterns.add<MatmulToRuntimeCall, ConvToRuntimeCall>(patterns.getContext());
}
