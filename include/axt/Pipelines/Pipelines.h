//===- Pipelines.h - registered axt pass pipelines --------------*- C++ -*-===//
#ifndef AXT_PIPELINES_PIPELINES_H
#define AXT_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::axt {

/// The lowering options both pipelines take: runtime kernels and memory
/// planning.
template <typename Derived>
struct LoweringPipelineOptions : public PassPipelineOptions<Derived> {
  template <typename T> using Option = detail::PassOptions::Option<T>;
  Option<bool> runtimeMatmul{
      *this, "runtime-matmul",
      llvm::cl::desc("call the runtime's BLAS-backed kernels for f32 matmuls, "
                     "convolutions and convolution gradients "
                     "(otherwise they become loops)"),
      llvm::cl::init(true)};
  Option<bool> parallelLoops{
      *this, "parallel-loops",
      llvm::cl::desc("split large compiled loop nests over the runtime's "
                     "threads (axt-outline-parallel-loops, "
                     "axt-dispatch-parallel-loops)"),
      llvm::cl::init(true)};
  Option<bool> planMemory{
      *this, "plan-memory",
      llvm::cl::desc("put each function's statically shaped buffers into one "
                     "planned arena (axt-plan-memory)"),
      llvm::cl::init(false)};
  Option<unsigned> planSearchMs{
      *this, "plan-search-ms",
      llvm::cl::desc("with plan-memory: search placement orders for up to "
                     "this many milliseconds (axt-plan-memory's search-ms)"),
      llvm::cl::init(0)};
  Option<unsigned> planExactMs{
      *this, "plan-exact-ms",
      llvm::cl::desc("with plan-memory: then search placements exactly for up "
                     "to this many milliseconds (axt-plan-memory's exact-ms)"),
      llvm::cl::init(0)};

  /// Copies these options into `other`'s.
  template <typename Other>
  void copyLoweringOptionsTo(LoweringPipelineOptions<Other> &other) const {
    other.runtimeMatmul = runtimeMatmul;
    other.parallelLoops = parallelLoops;
    other.planMemory = planMemory;
    other.planSearchMs = planSearchMs;
    other.planExactMs = planExactMs;
  }
};

/// Options of `axt-lower-to-llvm`.
struct LowerToLLVMOptions : public LoweringPipelineOptions<LowerToLLVMOptions> {
};

/// Options of `axt-memory-efficient-training`.
struct TrainingPipelineOptions
    : public LoweringPipelineOptions<TrainingPipelineOptions> {
  PassOptions::Option<float> momentum{
      *this, "momentum", llvm::cl::desc("momentum of the SGD update"),
      llvm::cl::init(0.9f)};
  PassOptions::Option<float> weightDecay{
      *this, "weight-decay", llvm::cl::desc("L2 weight decay of the update"),
      llvm::cl::init(0.0f)};
  PassOptions::Option<bool> eval{
      *this, "eval",
      llvm::cl::desc("also derive <f>_eval returning (loss, logits)"),
      llvm::cl::init(true)};
  PassOptions::Option<unsigned> bits{
      *this, "bits",
      llvm::cl::desc("keep saved activations as codes of this many bits "
                     "(axt-relu-mask, then axt-compress-activations); 0: "
                     "f32"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> groupSize{
      *this, "group-size",
      llvm::cl::desc("elements per quantization group (0: per channel)"),
      llvm::cl::init(256)};
  PassOptions::Option<bool> sampleGroups{
      *this, "sample-groups",
      llvm::cl::desc("shrink groups so that none straddles two examples, "
                     "where that costs at most 4x the scale overhead"),
      llvm::cl::init(true)};
  PassOptions::Option<std::string> rounding{
      *this, "rounding", llvm::cl::desc("stochastic or nearest"),
      llvm::cl::init("stochastic")};
  PassOptions::Option<bool> compressInputs{
      *this, "compress-inputs",
      llvm::cl::desc("with bits > 0: compress the batch input too (alive "
                     "for the whole step anyway)"),
      llvm::cl::init(false)};
  PassOptions::ListOption<int64_t> streams{
      *this, "streams",
      llvm::cl::desc("compress only the stashes of these streams (default: "
                     "all)")};
  PassOptions::Option<std::string> sensitivity{
      *this, "sensitivity",
      llvm::cl::desc("with bits > 0: choose each stash's width with "
                     "axt-allocate-bits from this calibration file")};
  PassOptions::Option<bool> scheduleMemory{
      *this, "schedule-memory",
      llvm::cl::desc("reorder the training step for a lower LOAD "
                     "(axt-schedule-memory)"),
      llvm::cl::init(false)};
  PassOptions::Option<double> bitBudget{
      *this, "bit-budget",
      llvm::cl::desc("average bits per element for axt-allocate-bits "
                     "(default: bits)"),
      llvm::cl::init(0.0)};
};

/// axt (after autodiff) → linalg on tensors → buffers → loops and runtime
/// calls → LLVM dialect.
void buildLowerToLLVMPipeline(OpPassManager &pm,
                              const LowerToLLVMOptions &options);

/// With `bits` > 0: axt-relu-mask, axt-compress-activations and, with a
/// sensitivity file, axt-allocate-bits, on every function (after autodiff);
/// then, with `schedule-memory`, axt-schedule-memory.
void buildSavedActivationPipeline(OpPassManager &pm,
                                  const TrainingPipelineOptions &options);

/// axt-autodiff (and axt-derive-eval), with `bits` axt-relu-mask and
/// axt-compress-activations, then `axt-lower-to-llvm`.
void buildMemoryEfficientTrainingPipeline(
    OpPassManager &pm, const TrainingPipelineOptions &options);

/// Registers `axt-lower-to-llvm` and `axt-memory-efficient-training`.
void registerAxtPipelines();

} // namespace mlir::axt

#endif // AXT_PIPELINES_PIPELINES_H
