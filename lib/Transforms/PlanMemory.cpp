//===- PlanMemory.cpp - the step's buffers in one planned arena -----------===//
#include "axt/Analysis/ArenaPlanner.h"
#include "axt/Dialect/Axt/IR/AxtAttrNames.h"
#include "axt/Transforms/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTPLANMEMORY
#include "axt/Transforms/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

namespace {

/// A plannable buffer: a statically shaped allocation of the function's
/// block, freed once in the same block.
struct Allocation {
  memref::AllocOp alloc;
  memref::DeallocOp dealloc;
  int64_t bytes;
};

/// The single dealloc of `alloc` in its own block, if that is its fate.
memref::DeallocOp findDealloc(memref::AllocOp alloc) {
  memref::DeallocOp found;
  for (Operation *user : alloc->getUsers())
    if (auto dealloc = dyn_cast<memref::DeallocOp>(user)) {
      if (found || dealloc->getBlock() != alloc->getBlock())
        return {};
      found = dealloc;
    }
  return found;
}

struct AxtPlanMemoryPass : axt::impl::AxtPlanMemoryBase<AxtPlanMemoryPass> {
  using AxtPlanMemoryBase::AxtPlanMemoryBase;
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal() || !func.getBody().hasOneBlock())
      return;
    Block &body = func.getBody().front();
    llvm::DenseMap<Operation *, int64_t> indexOf;
    int64_t index = 0;
    for (Operation &op : body)
      indexOf[&op] = index++;

    std::vector<Allocation> allocations;
    std::vector<PlannedBuffer> buffers;
    for (auto alloc : body.getOps<memref::AllocOp>()) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
          !type.getElementType().isIntOrFloat() ||
          type.getMemorySpace())
        continue;
      memref::DeallocOp dealloc = findDealloc(alloc);
      if (!dealloc)
        continue;
      const int64_t bytes =
          type.getNumElements() *
          ((type.getElementTypeBitWidth() + 7) / 8);
      allocations.push_back({alloc, dealloc, bytes});
      buffers.push_back({bytes, indexOf[alloc], indexOf[dealloc]});
    }
    if (allocations.size() < 2)
      return;

    constexpr int64_t kAlignment = 64;
    ArenaPlan plan =
        planArena(buffers, kAlignment, searchMilliseconds, exactMilliseconds);
    OpBuilder builder = OpBuilder::atBlockBegin(&body);
    Location loc = func.getLoc();
    auto arenaType = MemRefType::get({plan.height}, builder.getI8Type());
    auto arena = memref::AllocOp::create(builder, loc, arenaType, ValueRange{},
                                         builder.getI64IntegerAttr(kAlignment));
    for (auto [allocation, offset] : llvm::zip(allocations, plan.offsets)) {
      builder.setInsertionPoint(allocation.alloc);
      Value at = arith::ConstantIndexOp::create(builder, allocation.alloc.getLoc(),
                                                offset);
      auto view = memref::ViewOp::create(
          builder, allocation.alloc.getLoc(), allocation.alloc.getType(), arena,
          at, ValueRange{});
      allocation.alloc.replaceAllUsesWith(view.getResult());
      allocation.dealloc.erase();
      allocation.alloc.erase();
    }
    builder.setInsertionPoint(body.getTerminator());
    memref::DeallocOp::create(builder, loc, arena);
    func->setAttr(kArenaBytesAttrName, builder.getI64IntegerAttr(plan.height));
    func->setAttr(kArenaLoadAttrName, builder.getI64IntegerAttr(plan.load));
    if (plan.optimal)
      func->setAttr(kArenaOptimalAttrName, builder.getUnitAttr());
  }
};

} // namespace
