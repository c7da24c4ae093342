//===- MemoryModel.cpp - bytes and live ranges of a training step ---------===//
#include "axt/Analysis/MemoryModel.h"
#include "axt/Analysis/InPlaceUpdates.h"

#include "axt/Dialect/Axt/IR/AxtOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::axt;

StringRef axt::getBufferKindName(BufferKind kind) {
  switch (kind) {
  case BufferKind::Parameter:
    return "parameters";
  case BufferKind::OptimizerState:
    return "optimizer state";
  case BufferKind::Batch:
    return "batch";
  case BufferKind::Gradient:
    return "gradients";
  case BufferKind::SavedActivation:
    return "saved activations";
  case BufferKind::Temporary:
    return "temporaries";
  }
  return "";
}

static int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

static int64_t numElements(RankedTensorType type, int64_t batch) {
  int64_t n = 1;
  for (int64_t size : type.getShape())
    n *= ShapedType::isDynamic(size) ? batch : size;
  return n;
}

int64_t MemoryModel::bytesOf(Type type, int64_t batch) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    return numElements(tensor, batch) *
           ceilDiv(tensor.getElementTypeBitWidth(), 8);
  if (auto packed = dyn_cast<PackedType>(type))
    return packed.getNumBytes(numElements(packed.getTensorType(), batch));
  if (auto mask = dyn_cast<MaskType>(type))
    return MaskType::getNumBytes(numElements(mask.getTensorType(), batch));
  if (auto indices = dyn_cast<IndicesType>(type))
    return indices.getNumBytes(numElements(indices.getTensorType(), batch));
  if (auto stashed = dyn_cast<StashedType>(type))
    return bytesOf(stashed.getStoredType(), batch);
  return 0;
}

bool MemoryModel::isAliasOp(Operation *op) {
  return op->getNumOperands() >= 1 && op->getNumResults() == 1 &&
         isa<StashOp, UnstashOp, ReshapeOp, tensor::CollapseShapeOp,
             tensor::ExpandShapeOp, tensor::CastOp>(op);
}

static SavedForm savedFormOf(Type stored) {
  if (isa<PackedType>(stored))
    return SavedForm::Packed;
  if (isa<MaskType>(stored))
    return SavedForm::Mask;
  if (isa<IndicesType>(stored))
    return SavedForm::Indices;
  return SavedForm::Tensor;
}

MemoryModel::MemoryModel(func::FuncOp func, int64_t batch) {
  Block &body = func.getBody().front();
  llvm::DenseMap<Operation *, int64_t> indexOf;
  for (Operation &op : body) {
    indexOf[&op] = int64_t(ops.size());
    ops.push_back(&op);
  }
  const int64_t last = int64_t(ops.size()) - 1;

  // Alias sets, each by its root value. An update that may run in place
  // writes its new parameter and velocity over the old ones.
  for (Operation *op : ops) {
    if (isAliasOp(op))
      aliasOf[op->getResult(0)] = getBufferRoot(op->getOperand(0));
    if (auto update = dyn_cast<SgdMomentumOp>(op);
        update && canUpdateInPlace(update)) {
      aliasOf[update.getNewParam()] = getBufferRoot(update.getParam());
      aliasOf[update.getNewVelocity()] = getBufferRoot(update.getVelocity());
    }
  }
  auto rootOf = [&](Value v) { return getBufferRoot(v); };

  llvm::DenseMap<Value, size_t> bufferOf;
  auto addBuffer = [&](Value v, int64_t start, int64_t end, BufferKind kind) {
    int64_t bytes = bytesOf(v.getType(), batch);
    if (bytes == 0)
      return;
    bufferOf[v] = buffers.size();
    buffers.push_back(
        {v, bytes, start, end, kind, SavedForm::None, isa<BlockArgument>(v)});
  };
  for (BlockArgument arg : body.getArguments()) {
    bool batchArg =
        func.getArgAttr(arg.getArgNumber(), kInputAttrName) ||
        (isa<RankedTensorType>(arg.getType()) &&
         !cast<RankedTensorType>(arg.getType()).getElementType().isF32());
    addBuffer(arg, -1, last,
              batchArg ? BufferKind::Batch : BufferKind::Temporary);
  }
  for (Operation *op : ops)
    for (Value result : op->getResults())
      if (rootOf(result) == result)
        addBuffer(result, indexOf[op], indexOf[op], BufferKind::Temporary);

  // Live ranges: the last use of any value of the set, by the op of the
  // body that contains the user; returned values stay until the return.
  auto bufferFor = [&](Value v) -> BufferInfo * {
    auto it = bufferOf.find(rootOf(v));
    return it == bufferOf.end() ? nullptr : &buffers[it->second];
  };
  for (Operation *op : ops)
    op->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        if (BufferInfo *buffer = bufferFor(operand))
          buffer->end = std::max(buffer->end, indexOf[op]);
    });

  for (Value returned : body.getTerminator()->getOperands())
    if (BufferInfo *buffer = bufferFor(returned))
      buffer->external = true;

  // Kinds: the optimizer's operands and results, then what else is
  // stashed (a stashed parameter or batch is alive anyway).
  for (Operation *op : ops) {
    auto sgd = dyn_cast<SgdMomentumOp>(op);
    if (!sgd)
      continue;
    auto mark = [&](Value v, BufferKind kind) {
      if (BufferInfo *buffer = bufferFor(v))
        buffer->kind = kind;
    };
    mark(sgd->getOperand(0), BufferKind::Parameter);
    mark(sgd->getOperand(1), BufferKind::Gradient);
    mark(sgd->getOperand(2), BufferKind::OptimizerState);
    mark(sgd->getResult(0), BufferKind::Parameter);
    mark(sgd->getResult(1), BufferKind::OptimizerState);
  }
  for (Operation *op : ops)
    if (auto stash = dyn_cast<StashOp>(op))
      if (BufferInfo *buffer = bufferFor(stash.getInput());
          buffer && buffer->kind == BufferKind::Temporary) {
        buffer->kind = BufferKind::SavedActivation;
        buffer->saved = savedFormOf(stash.getInput().getType());
      }

  // LOAD by a sweep over the ops.
  std::vector<int64_t> delta(ops.size() + 1, 0);
  for (const BufferInfo &buffer : buffers) {
    delta[size_t(std::max<int64_t>(buffer.start, 0))] += buffer.bytes;
    delta[size_t(buffer.end + 1)] -= buffer.bytes;
  }
  int64_t live = 0;
  for (int64_t i = 0; i <= last; ++i) {
    live += delta[size_t(i)];
    if (live > load) {
      load = live;
      peakIndex = i;
    }
  }
}

Value MemoryModel::getBufferRoot(Value value) const {
  for (auto it = aliasOf.find(value); it != aliasOf.end();
       it = aliasOf.find(value))
    value = it->second;
  return value;
}

ArenaPlan MemoryModel::planOwnBuffers() const {
  std::vector<PlannedBuffer> own;
  for (const BufferInfo &buffer : buffers)
    if (!buffer.external)
      own.push_back({buffer.bytes, buffer.start, buffer.end});
  return planArena(own);
}

int64_t MemoryModel::liveBytesAt(int64_t index) const {
  int64_t live = 0;
  for (const BufferInfo &buffer : buffers)
    if (buffer.start <= index && index <= buffer.end)
      live += buffer.bytes;
  return live;
}

std::vector<const BufferInfo *> MemoryModel::liveAt(int64_t index) const {
  std::vector<const BufferInfo *> live;
  for (const BufferInfo &buffer : buffers)
    if (buffer.start <= index && index <= buffer.end)
      live.push_back(&buffer);
  llvm::stable_sort(live, [](const BufferInfo *a, const BufferInfo *b) {
    return a->bytes > b->bytes;
  });
  return live;
}
