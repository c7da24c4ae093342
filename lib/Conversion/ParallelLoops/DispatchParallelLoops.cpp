//===- DispatchParallelLoops.cpp - outlined loops through the runtime -----===//
//
// The runtime calls every loop body through one signature,
// void(void *context, i64 begin, i64 end), but each outlined body takes its
// own values. In the LLVM dialect every argument is a scalar (memref
// descriptors arrive as their fields), so the values fit into a struct on
// the caller's stack, and a small function per body unpacks them.
//
//===----------------------------------------------------------------------===//
#include "axt/Conversion/ParallelLoops/ParallelLoops.h"
#include "axt/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTDISPATCHPARALLELLOOPS
#include "axt/Conversion/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

/// The signature of axtrt_parallel_for.
static LLVM::LLVMFunctionType getParallelForType(MLIRContext *ctx) {
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  Type i64 = IntegerType::get(ctx, 64);
  return LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                     {ptr, ptr, i64, i64, i64});
}

/// Checks the body's leading arguments; returns the struct of the values
/// after them.
static FailureOr<LLVM::LLVMStructType> getContextType(LLVM::LLVMFuncOp body) {
  ArrayRef<Type> params = body.getFunctionType().getParams();
  Type i64 = IntegerType::get(body.getContext(), 64);
  if (params.size() < 3 || params[0] != i64 || params[1] != i64 ||
      params[2] != i64 ||
      !isa<LLVM::LLVMVoidType>(body.getFunctionType().getReturnType()))
    return body.emitError("a parallel loop body must take its range and its "
                          "work per iteration as three i64 arguments first "
                          "and return nothing");
  return LLVM::LLVMStructType::getLiteral(body.getContext(),
                                          params.drop_front(3));
}

/// `@<body>_range(context, begin, end)`: loads the values from the struct
/// at `context` and calls the body for [begin, end).
static LLVM::LLVMFuncOp createRangeFunction(LLVM::LLVMFuncOp body,
                                            LLVM::LLVMStructType context,
                                            SymbolTable &symbols) {
  MLIRContext *ctx = body.getContext();
  Location loc = body.getLoc();
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  Type i64 = IntegerType::get(ctx, 64);
  OpBuilder builder(body);
  auto range = LLVM::LLVMFuncOp::create(
      builder, loc, (body.getName() + "_range").str(),
      LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                  {ptr, i64, i64}),
      LLVM::Linkage::Internal);
  symbols.insert(range);
  Block *entry = range.addEntryBlock(builder);
  builder.setInsertionPointToStart(entry);
  // The work per iteration was the runtime's; the body ignores it.
  SmallVector<Value> arguments = {
      entry->getArgument(1), entry->getArgument(2),
      LLVM::ConstantOp::create(builder, loc, i64, 0)};
  for (auto [index, type] : llvm::enumerate(context.getBody())) {
    Value field =
        LLVM::GEPOp::create(builder, loc, ptr, context, entry->getArgument(0),
                            ArrayRef<LLVM::GEPArg>{0, int32_t(index)});
    arguments.push_back(LLVM::LoadOp::create(builder, loc, type, field));
  }
  LLVM::CallOp::create(builder, loc, body, arguments);
  LLVM::ReturnOp::create(builder, loc, ValueRange{});
  return range;
}

/// Replaces `call` (of a parallel loop body) with axtrt_parallel_for(range,
/// context, begin, end, work per iteration).
static void dispatchCall(LLVM::CallOp call, LLVM::LLVMFuncOp range,
                         LLVM::LLVMStructType context) {
  MLIRContext *ctx = call.getContext();
  Location loc = call.getLoc();
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  Type i64 = IntegerType::get(ctx, 64);
  OpBuilder builder(call);
  ValueRange values = call.getArgOperands().drop_front(3);
  Value contextPtr;
  if (values.empty()) {
    contextPtr = LLVM::ZeroOp::create(builder, loc, ptr);
  } else {
    // At the top of the caller, so that a call inside a loop does not grow
    // the stack.
    auto caller = call->getParentOfType<LLVM::LLVMFuncOp>();
    OpBuilder entry = OpBuilder::atBlockBegin(&caller.getBody().front());
    Value one = LLVM::ConstantOp::create(entry, loc, i64, 1);
    contextPtr = LLVM::AllocaOp::create(entry, loc, ptr, context, one);
    for (auto [index, value] : llvm::enumerate(values)) {
      Value field =
          LLVM::GEPOp::create(builder, loc, ptr, context, contextPtr,
                              ArrayRef<LLVM::GEPArg>{0, int32_t(index)});
      LLVM::StoreOp::create(builder, loc, value, field);
    }
  }
  Value rangePtr = LLVM::AddressOfOp::create(builder, loc, range);
  ValueRange range3 = call.getArgOperands().take_front(3);
  LLVM::CallOp::create(
      builder, loc, getParallelForType(ctx), kRuntimeParallelFor,
      ValueRange{rangePtr, contextPtr, range3[0], range3[1], range3[2]});
  call.erase();
}

namespace {
struct AxtDispatchParallelLoopsPass
    : axt::impl::AxtDispatchParallelLoopsBase<AxtDispatchParallelLoopsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    SymbolTable symbols(module);

    SmallVector<LLVM::LLVMFuncOp> bodies;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (func->hasAttr(kParallelBodyAttrName))
        bodies.push_back(func);
    if (bodies.empty())
      return;

    if (auto existing = symbols.lookup(kRuntimeParallelFor)) {
      auto declared = dyn_cast<LLVM::LLVMFuncOp>(existing);
      if (!declared || declared.getFunctionType() != getParallelForType(ctx)) {
        existing->emitError("'")
            << kRuntimeParallelFor << "' is declared with a different type";
        return signalPassFailure();
      }
    } else {
      OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
      LLVM::LLVMFuncOp::create(builder, module.getLoc(), kRuntimeParallelFor,
                               getParallelForType(ctx));
    }

    for (LLVM::LLVMFuncOp body : bodies) {
      FailureOr<LLVM::LLVMStructType> context = getContextType(body);
      if (failed(context))
        return signalPassFailure();
      SmallVector<LLVM::CallOp> calls;
      if (std::optional<SymbolTable::UseRange> uses =
              body.getSymbolUses(module))
        for (const SymbolTable::SymbolUse &use : *uses)
          if (auto call = dyn_cast<LLVM::CallOp>(use.getUser()))
            calls.push_back(call);
      LLVM::LLVMFuncOp range = createRangeFunction(body, *context, symbols);
      for (LLVM::CallOp call : calls)
        dispatchCall(call, range, *context);
      body.setLinkage(LLVM::Linkage::Internal);
      body->removeAttr(kParallelBodyAttrName);
    }
  }
};
} // namespace
