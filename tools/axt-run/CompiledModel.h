//===- CompiledModel.h - a model compiled for training on the CPU -*- C++ -*-===//
//
// Compiles a model file with AXT's training pipeline and JIT-compiles the
// result. The interface is plain C++ so that the runner's other files stay
// free of MLIR headers.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_TOOLS_AXTRUN_COMPILEDMODEL_H
#define AXT_TOOLS_AXTRUN_COMPILEDMODEL_H

#include "HostTensor.h"

#include <memory>
#include <string>
#include <vector>

#include "SavedActivations.h"

namespace axt {

struct CompileOptions {
  std::string function;    // loss function; empty: the only one in the file
  float momentum = 0.9f;
  float weightDecay = 0.0f;
  bool runtimeMatmul = true;
  bool parallelLoops = true;   // large compiled loops over the kernel threads
  unsigned bits = 0;           // compressed saved activations; 0: f32
  int64_t groupSize = 256;     // elements per group (0: per channel)
  bool sampleGroups = true;    // groups within one example where they fit
  std::string rounding = "stochastic";
  bool inPlaceUpdates = true;    // where the step allows it
  bool compressInputs = false;   // the batch input too
  std::vector<int64_t> streams;  // compress only these stashes; empty: all
  std::string sensitivityFile;   // mixed precision (axt-allocate-bits)
  double bitBudget = 0;          // its average bits; 0: `bits`
  bool scheduleMemory = false;   // axt-schedule-memory on the step
  bool planMemory = false;       // axt-plan-memory (static buffers)
  unsigned planSearchMs = 0;     // its search-ms
  unsigned planExactMs = 0;      // its exact-ms
  int64_t memoryBatch = 64;      // the batch of the memory model
  std::string dumpLoweredPath; // where to write the LLVM-dialect module
};

/// An argument of the model before the batch: a trainable parameter, or
/// state the step updates itself (running statistics).
struct ArgumentSpec {
  /// HeUniform: U(+-sqrt(6/fan_in)); FanInUniform: U(+-1/sqrt(fan_in)),
  /// with fan_in the elements of one slice along dimension 0.
  enum class Init { HeUniform, FanInUniform, Zeros, Ones };
  std::vector<int64_t> shape; // static
  bool state = false;
  Init init = Init::Zeros;
};

/// What the runner needs to know about a model's loss function.
struct ModelSignature {
  std::string name;
  std::vector<ArgumentSpec> args;
  std::vector<int64_t> input;               // dim 0 is the batch; -1: dynamic
  int64_t staticBatch = -1; // from the input or the labels; -1: dynamic
  int64_t numClasses = 0;
  std::vector<SavedValue> saved; // what the step keeps for the backward
  // Mixed precision (axt-allocate-bits): the average bits of the codes and
  // the gradient variance the allocation predicts; 0 without it.
  double averageBits = 0, predictedVariance = 0;
  // The tensor-level memory model of the step (MemoryModel.h) at `batch`:
  // LOAD of all its buffers, LOAD of its own (not arguments or results,
  // 64-byte aligned) and their planned arena.
  // plannedArena: the arena axt-plan-memory gave the lowered step (its
  // statically shaped buffers), 0 without one.
  struct {
    int64_t batch = 0, load = 0, internalLoad = 0, arenaHeight = 0;
    int64_t plannedArena = 0, plannedLoad = 0;
    bool plannedOptimal = false; // proven by axt-plan-memory
  } memory;
  // Whether the step may write each argument's new value (and each
  // velocity's) over the old one (InPlaceUpdates.h): the caller can then
  // pass one buffer for both.
  std::vector<bool> argInPlace, velocityInPlace;
  bool dynamicBatch() const { return staticBatch < 0; }
  size_t numParameters() const {
    size_t n = 0;
    for (const ArgumentSpec &a : args)
      n += !a.state;
    return n;
  }
};

/// Buffers of one training step. Inputs are read; results are written into
/// `newArgs` (new parameters and state), `newVelocities` (one per
/// parameter) and `loss`; with `inPlace`, those the step may update in
/// place (ModelSignature::argInPlace, velocityInPlace) are written over
/// `args` and `velocities` instead, and their entries in `newArgs` and
/// `newVelocities` are not touched.
struct TrainStepBuffers {
  std::vector<HostTensor<float>> *args;
  std::vector<HostTensor<float>> *velocities;
  HostTensor<float> *input;
  HostTensor<int32_t> *labels;
  float lr;
  int64_t seed;
  float *loss;
  std::vector<HostTensor<float>> *newArgs;
  std::vector<HostTensor<float>> *newVelocities;
  bool inPlace = false;
};

class CompiledModel {
public:
  /// Returns null and prints diagnostics to stderr on failure.
  static std::unique_ptr<CompiledModel> compile(const std::string &path,
                                                const CompileOptions &options);
  virtual ~CompiledModel();

  const ModelSignature &signature() const { return sig; }

  /// One training step. Returns false (with a message) if the call failed.
  bool trainStep(const TrainStepBuffers &buffers, std::string &error);

  /// The forward pass: writes the mean loss and the logits `[N, classes]`
  /// of `input`.
  bool evaluate(std::vector<HostTensor<float>> &args,
                HostTensor<float> &input, HostTensor<int32_t> &labels,
                HostTensor<float> &logits, float &loss, std::string &error);

protected:
  CompiledModel() = default;
  /// Calls the C interface of `function` with pointers to its arguments.
  virtual bool invoke(const std::string &function, std::vector<void *> &args,
                      std::string &error) = 0;
  /// Whether a batch has the shapes the compiled functions expect; calling
  /// them with others would read or write out of bounds.
  bool checkBatch(const HostTensor<float> &input,
                  const HostTensor<int32_t> &labels, std::string &error) const;

  ModelSignature sig;
};

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_COMPILEDMODEL_H
