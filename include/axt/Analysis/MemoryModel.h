//===- MemoryModel.h - bytes and live ranges of a training step -*- C++ -*-===//
//
// A memory model of a function of axt ops on tensors (a training step, or
// any single-block function): every value that will need a buffer, its
// bytes (f32 and integer tensors, packed codes, masks, max-pool positions),
// its live range over the ops in order, and LOAD, the largest sum of live
// bytes at any op: the least memory any buffer assignment needs.
//
// Values that bufferize into one buffer (a stash, its unstashes and the
// value they keep; axt.reshape and tensor reshapes of their operand) form
// one buffer whose range is the union of theirs, and so do the new
// parameter and velocity of an update that may write over the old ones
// (InPlaceUpdates.h) with those arguments. Arguments are live
// throughout, returned values until the return. Dynamic sizes take `batch`.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_ANALYSIS_MEMORYMODEL_H
#define AXT_ANALYSIS_MEMORYMODEL_H

#include "axt/Analysis/ArenaPlanner.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::axt {

/// What a buffer holds, for reports.
enum class BufferKind {
  Parameter,       // trainable parameters (arguments and their new values)
  OptimizerState,  // momentum buffers (arguments and their new values)
  Batch,           // the input batch and its labels
  Gradient,        // weight gradients read by the optimizer
  SavedActivation, // kept from the forward for the backward (a stash)
  Temporary,       // everything else
};

StringRef getBufferKindName(BufferKind kind);

/// What a saved buffer keeps, for reports.
enum class SavedForm { None, Tensor, Packed, Mask, Indices };

struct BufferInfo {
  Value value;      // the buffer's defining value (the alias set's root)
  int64_t bytes = 0;
  int64_t start = 0; // index of the op that defines it (-1: an argument)
  int64_t end = 0;   // index of its last use (inclusive)
  BufferKind kind = BufferKind::Temporary;
  SavedForm saved = SavedForm::None;
  /// An argument or a returned value: memory of the caller's, not of the
  /// step's own arena.
  bool external = false;
};

class MemoryModel {
public:
  /// Builds the model of `func` (single block) at `batch`.
  MemoryModel(func::FuncOp func, int64_t batch);

  ArrayRef<BufferInfo> getBuffers() const { return buffers; }
  /// The ops of the body in order (the model's program points).
  ArrayRef<Operation *> getOps() const { return ops; }
  /// Bytes live at op `index`.
  int64_t liveBytesAt(int64_t index) const;
  /// LOAD: the largest live bytes at any op, and the first op where.
  int64_t getLoad() const { return load; }
  int64_t getPeakIndex() const { return peakIndex; }
  /// Buffers live at op `index`, largest first.
  std::vector<const BufferInfo *> liveAt(int64_t index) const;
  /// Bytes of a value of `type` at `batch` (0 for scalars and others).
  static int64_t bytesOf(Type type, int64_t batch);
  /// Whether `op`'s result is its first operand's buffer once bufferized
  /// (stash, unstash, reshapes).
  static bool isAliasOp(Operation *op);
  /// The value whose buffer `value` shares (itself when it has its own).
  Value getBufferRoot(Value value) const;
  /// The step's own buffers (not arguments or results) in one arena.
  ArenaPlan planOwnBuffers() const;

private:
  llvm::DenseMap<Value, Value> aliasOf; // alias -> the value it views
  std::vector<Operation *> ops;
  std::vector<BufferInfo> buffers;
  int64_t load = 0, peakIndex = 0;
};

} // namespace mlir::axt

#endif // AXT_ANALYSIS_MEMORYMODEL_H
