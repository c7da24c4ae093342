//===- ScheduleMemory.cpp - op orders of lower peak memory ----------------===//
#include "axt/Analysis/InPlaceUpdates.h"
#include "axt/Analysis/MemoryModel.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "axt/Transforms/Passes.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTSCHEDULEMEMORY
#include "axt/Transforms/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

namespace {

/// The ops of a single-block body (without its terminator) and what each
/// must come after: the definitions of its operands (also those used in
/// its regions), for ops with side effects the previous such op, and for an
/// optimizer update that may run in place (InPlaceUpdates.h) every other
/// reader of the parameter and velocity it writes over, so that every
/// order keeps it in place.
struct DependenceGraph {
  std::vector<Operation *> ops;
  llvm::DenseMap<Operation *, size_t> indexOf;
  std::vector<std::vector<size_t>> preds, succs;

  explicit DependenceGraph(Block &body) {
    for (Operation &op : body.without_terminator()) {
      indexOf[&op] = ops.size();
      ops.push_back(&op);
    }
    preds.resize(ops.size());
    succs.resize(ops.size());
    std::optional<size_t> lastEffect;
    for (size_t i = 0; i < ops.size(); ++i) {
      llvm::SmallDenseSet<size_t> before;
      ops[i]->walk([&](Operation *nested) {
        for (Value operand : nested->getOperands())
          if (Operation *def = operand.getDefiningOp())
            if (auto it = indexOf.find(def); it != indexOf.end())
              before.insert(it->second);
      });
      if (auto update = dyn_cast<SgdMomentumOp>(ops[i]);
          update && canUpdateInPlace(update))
        for (Value old : {update.getParam(), update.getVelocity()})
          for (Operation *user : old.getUsers())
            if (Operation *reader = body.findAncestorOpInBlock(*user);
                reader && reader != ops[i])
              before.insert(indexOf.lookup(reader));
      if (!isMemoryEffectFree(ops[i])) {
        if (lastEffect)
          before.insert(*lastEffect);
        lastEffect = i;
      }
      for (size_t p : before) {
        preds[i].push_back(p);
        succs[p].push_back(i);
      }
    }
  }
};

/// Moves the ops into `order` (indices into `graph.ops`) before the
/// terminator.
void applyOrder(const DependenceGraph &graph, ArrayRef<size_t> order,
                Block &body) {
  Operation *terminator = body.getTerminator();
  for (size_t i : order)
    graph.ops[i]->moveBefore(terminator);
}

/// List scheduling: among the ready ops, the one of lowest `priority`
/// (ties: the original order), then `picked(op)`. With a constant
/// priority this is the original order.
std::vector<size_t> listSchedule(const DependenceGraph &graph,
                                 function_ref<int64_t(size_t)> priority,
                                 function_ref<void(size_t)> picked) {
  const size_t n = graph.ops.size();
  std::vector<size_t> waiting(n), ready, order;
  for (size_t i = 0; i < n; ++i)
    if ((waiting[i] = graph.preds[i].size()) == 0)
      ready.push_back(i);
  while (!ready.empty()) {
    auto best = ready.begin();
    int64_t bestPriority = priority(*best);
    for (auto it = std::next(ready.begin()); it != ready.end(); ++it) {
      int64_t p = priority(*it);
      if (p < bestPriority || (p == bestPriority && *it < *best)) {
        best = it;
        bestPriority = p;
      }
    }
    size_t op = *best;
    ready.erase(best);
    order.push_back(op);
    picked(op);
    for (size_t s : graph.succs[op])
      if (--waiting[s] == 0)
        ready.push_back(s);
  }
  return order;
}

/// The bytes an op adds to what is live (its results' buffers) minus what
/// it frees (buffers whose last user it is), under the memory model's
/// alias sets, as the ops are scheduled.
class LiveBytesTracker {
public:
  LiveBytesTracker(const DependenceGraph &graph, func::FuncOp func,
                   const MemoryModel &model, int64_t batch)
      : graph(graph), model(model), batch(batch) {
    Operation *terminator = func.getBody().front().getTerminator();
    for (size_t i = 0; i < graph.ops.size(); ++i)
      for (Value v : usedValues(graph.ops[i]))
        ++users[rootOf(v)];
    for (Value v : terminator->getOperands())
      ++users[rootOf(v)]; // returned: never freed
  }

  /// Bytes live after `op` minus before it, were it scheduled now.
  int64_t delta(size_t op) const {
    Operation *operation = graph.ops[op];
    int64_t d = 0;
    for (Value r : operation->getResults())
      if (rootOf(r) == r) // not a view or an in-place update
        d += MemoryModel::bytesOf(r.getType(), batch);
    for (Value root : usedRoots(operation)) {
      auto it = users.find(root);
      if (it != users.end() && it->second == 1 && !isa<BlockArgument>(root))
        d -= MemoryModel::bytesOf(root.getType(), batch);
    }
    return d;
  }

  void schedule(size_t op) {
    for (Value root : usedRoots(graph.ops[op]))
      --users[root];
  }

private:
  Value rootOf(Value v) const { return model.getBufferRoot(v); }
  static llvm::SetVector<Value> usedValues(Operation *op) {
    llvm::SetVector<Value> used;
    op->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        used.insert(operand);
    });
    return used;
  }
  llvm::SetVector<Value> usedRoots(Operation *op) const {
    llvm::SetVector<Value> roots;
    for (Value v : usedValues(op))
      roots.insert(rootOf(v));
    return roots;
  }

  const DependenceGraph &graph;
  const MemoryModel &model; // its alias sets (they do not depend on order)
  int64_t batch;
  llvm::DenseMap<Value, int64_t> users;
};

struct AxtScheduleMemoryPass
    : axt::impl::AxtScheduleMemoryBase<AxtScheduleMemoryPass> {
  using AxtScheduleMemoryBase::AxtScheduleMemoryBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (batch < 1) {
      func.emitError() << "axt-schedule-memory: batch (" << int64_t(batch)
                       << ") must be positive";
      return signalPassFailure();
    }
    if (!func.getBody().hasOneBlock())
      return;
    Block &body = func.getBody().front();
    DependenceGraph graph(body);
    const size_t n = graph.ops.size();

    std::vector<std::vector<size_t>> candidates;
    // 1. The order as it is.
    std::vector<size_t> original(n);
    for (size_t i = 0; i < n; ++i)
      original[i] = i;
    candidates.push_back(original);
    // 2. Each optimizer update as early as its operands allow (right after
    //    its weight gradient): the gradient dies at once.
    candidates.push_back(listSchedule(
        graph,
        [&](size_t op) { return isa<SgdMomentumOp>(graph.ops[op]) ? -1 : 0; },
        [](size_t) {}));
    // 3. Greedy on live bytes: the ready op that grows them least (frees
    //    the most).
    MemoryModel asWritten(func, batch);
    LiveBytesTracker tracker(graph, func, asWritten, batch);
    candidates.push_back(listSchedule(
        graph, [&](size_t op) { return tracker.delta(op); },
        [&](size_t op) { tracker.schedule(op); }));

    // Keep the order of least LOAD (the first among equals).
    int64_t bestLoad = -1;
    size_t best = 0;
    for (size_t c = 0; c < candidates.size(); ++c) {
      applyOrder(graph, candidates[c], body);
      int64_t load = MemoryModel(func, batch).getLoad();
      if (bestLoad < 0 || load < bestLoad) {
        bestLoad = load;
        best = c;
      }
    }
    applyOrder(graph, candidates[best], body);
  }
};

} // namespace
