//===- OutlineParallelLoops.cpp - large loop nests into functions ---------===//
//
// Compiled loops run on the thread that calls the step unless something
// hands them to the others. Each large outermost scf.parallel moves into a
// function over a range of its first dimension, which
// axt-dispatch-parallel-loops later calls through the runtime's
// axtrt_parallel_for, one range per thread.
//
//===----------------------------------------------------------------------===//
#include "CreatedOps.h"
#include "axt/Conversion/ParallelLoops/ParallelLoops.h"
#include "axt/Conversion/Passes.h"

#include "axtrt/parallel_for.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTOUTLINEPARALLELLOOPS
#include "axt/Conversion/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

/// The trip count of [lower, upper) by `step`, built before `outer`, or 1
/// if a bound is only known inside `outer`. Folds to a constant when the
/// bounds are constants.
static Value buildTripCount(OpBuilder &b, Location loc, Value lower,
                            Value upper, Value step, Operation *outer) {
  for (Value bound : {lower, upper, step})
    if (outer->isAncestor(bound.getParentRegion()->getParentOp()))
      return arith::ConstantIndexOp::create(b, loc, 1);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value span = b.createOrFold<arith::SubIOp>(loc, upper, lower);
  Value rounded = b.createOrFold<arith::AddIOp>(
      loc, span, b.createOrFold<arith::SubIOp>(loc, step, one));
  Value trips = b.createOrFold<arith::DivSIOp>(loc, rounded, step);
  return b.createOrFold<arith::MaxSIOp>(loc, trips, zero);
}

/// Innermost iterations of the loops in `block` (1 if it has none), built
/// before `outer`: the work of one iteration of the loop whose body `block`
/// is. A trip count only known inside `outer` counts as 1.
static Value buildInnermostIterations(OpBuilder &b, Location loc, Block &block,
                                      Operation *outer) {
  Value total = arith::ConstantIndexOp::create(b, loc, 0);
  for (Operation &op : block) {
    Value trips = arith::ConstantIndexOp::create(b, loc, 1);
    if (auto loop = dyn_cast<scf::ForOp>(op))
      trips = buildTripCount(b, loc, loop.getLowerBound(), loop.getUpperBound(),
                             loop.getStep(), outer);
    else if (auto loop = dyn_cast<scf::ParallelOp>(op))
      for (auto [lb, ub, st] : llvm::zip(loop.getLowerBound(),
                                         loop.getUpperBound(), loop.getStep()))
        trips = b.createOrFold<arith::MulIOp>(
            loc, trips, buildTripCount(b, loc, lb, ub, st, outer));
    else if (op.getNumRegions() == 0)
      continue;
    Value inner = arith::ConstantIndexOp::create(b, loc, 0);
    for (Region &region : op.getRegions())
      for (Block &nested : region)
        inner = b.createOrFold<arith::MaxSIOp>(
            loc, inner, buildInnermostIterations(b, loc, nested, outer));
    total = b.createOrFold<arith::AddIOp>(
        loc, total, b.createOrFold<arith::MulIOp>(loc, trips, inner));
  }
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  return b.createOrFold<arith::MaxSIOp>(loc, total, one);
}

namespace {
/// The work of one outermost loop, built before it.
struct LoopWork {
  Value tripCount;    // of the first dimension
  Value perIteration; // innermost iterations of one of its iterations
  Value total;
};
} // namespace

static LoopWork buildLoopWork(OpBuilder &b, scf::ParallelOp loop) {
  Location loc = loop.getLoc();
  LoopWork work;
  work.tripCount =
      buildTripCount(b, loc, loop.getLowerBound()[0], loop.getUpperBound()[0],
                     loop.getStep()[0], loop);
  work.perIteration = buildInnermostIterations(b, loc, *loop.getBody(), loop);
  for (unsigned d = 1, e = loop.getNumLoops(); d < e; ++d)
    work.perIteration = b.createOrFold<arith::MulIOp>(
        loc, work.perIteration,
        buildTripCount(b, loc, loop.getLowerBound()[d], loop.getUpperBound()[d],
                       loop.getStep()[d], loop));
  work.total =
      b.createOrFold<arith::MulIOp>(loc, work.tripCount, work.perIteration);
  return work;
}

/// Moves `loop` into a new private function `<func>_parallel<N>` (range,
/// work per iteration, then captured values) and calls it for the whole
/// range.
static void outlineLoop(scf::ParallelOp loop, const LoopWork &work,
                        func::FuncOp parent, SymbolTable &symbols) {
  MLIRContext *ctx = loop.getContext();
  Location loc = loop.getLoc();
  IndexType index = IndexType::get(ctx);

  // The values the function needs from the caller: those the body uses
  // from above and the loop's bounds; constants are cloned instead.
  llvm::SetVector<Value> used;
  getUsedValuesDefinedAbove(loop.getRegion(), used);
  used.insert(loop->getOperands().begin(), loop->getOperands().end());
  SmallVector<Value> captured, constants;
  for (Value value : used) {
    Operation *def = value.getDefiningOp();
    (def && def->hasTrait<OpTrait::ConstantLike>() ? constants : captured)
        .push_back(value);
  }

  SmallVector<Type> inputs = {index, index, index};
  for (Value value : captured)
    inputs.push_back(value.getType());
  OpBuilder builder(parent);
  auto body = func::FuncOp::create(builder, loc,
                                   (parent.getSymName() + "_parallel").str(),
                                   builder.getFunctionType(inputs, {}));
  body.setPrivate();
  body->setAttr(kParallelBodyAttrName, builder.getUnitAttr());
  symbols.insert(body); // renames it if the name is taken

  Block *entry = body.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  IRMapping mapping;
  for (Value value : constants)
    mapping.map(value, builder.clone(*value.getDefiningOp())->getResult(0));
  for (auto [value, argument] :
       llvm::zip(captured, entry->getArguments().drop_front(3)))
    mapping.map(value, argument);
  // The first dimension, restricted to iterations [begin, end).
  Value lb = mapping.lookup(loop.getLowerBound()[0]);
  Value step = mapping.lookup(loop.getStep()[0]);
  auto iterationStart = [&](Value iteration) -> Value {
    Value offset = arith::MulIOp::create(builder, loc, iteration, step);
    return arith::AddIOp::create(builder, loc, lb, offset);
  };
  Value first = iterationStart(entry->getArgument(0));
  Value last = iterationStart(entry->getArgument(1));
  auto clone = cast<scf::ParallelOp>(builder.clone(*loop, mapping));
  clone.getLowerBoundMutable()[0].set(first);
  clone.getUpperBoundMutable()[0].set(last);
  func::ReturnOp::create(builder, loc);

  builder.setInsertionPoint(loop);
  SmallVector<Value> operands = {
      arith::ConstantIndexOp::create(builder, loc, 0), work.tripCount,
      work.perIteration};
  operands.append(captured.begin(), captured.end());
  func::CallOp::create(builder, loc, body, operands);
  loop.erase();
}

namespace {
struct AxtOutlineParallelLoopsPass
    : axt::impl::AxtOutlineParallelLoopsBase<AxtOutlineParallelLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    int64_t minimum =
        minElements < 0 ? int64_t(AXTRT_PARALLEL_MIN_ELEMENTS) : minElements;
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (func.isExternal() || func->hasAttr(kParallelBodyAttrName))
        continue;
      SmallVector<scf::ParallelOp> outermost;
      func.walk<WalkOrder::PreOrder>([&](scf::ParallelOp loop) {
        outermost.push_back(loop);
        return WalkResult::skip();
      });
      for (scf::ParallelOp loop : outermost) {
        if (loop.getNumResults() != 0)
          continue;
        // Loops known to be small stay where they are; the others go to
        // the runtime, which decides from the real sizes.
        CreatedOps created;
        OpBuilder builder(loop, &created);
        LoopWork work = buildLoopWork(builder, loop);
        std::optional<int64_t> trips = getConstantIntValue(work.tripCount);
        std::optional<int64_t> total = getConstantIntValue(work.total);
        if (!(trips && *trips < 2) && !(total && *total < minimum))
          outlineLoop(loop, work, func, symbols);
        created.eraseUnused();
      }
    }
  }
};
} // namespace
