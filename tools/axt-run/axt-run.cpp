//===- axt-run.cpp - compile a model and train it on the CPU --------------===//
//
// Loads a model (.mlir), builds its training step with AXT's pipeline,
// JIT-compiles it and trains it on Fashion-MNIST; or times its steps
// (--bench-steps), or checks its gradients (--check-gradients).
//
//===----------------------------------------------------------------------===//
#include "CompiledModel.h"
#include "Calibration.h"
#include "GradientCheck.h"
#include "MemoryMeasurement.h"
#include "Trainer.h"
#include "axtrt/matmul.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"

#include <cmath>
#include <cstdio>
#include <malloc.h>
#include <thread>

using namespace axt;
namespace cl = llvm::cl;

static cl::OptionCategory category("axt-run options");
static cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                                      cl::desc("<model.mlir>"),
                                      cl::cat(category));
static cl::opt<std::string>
    function("function", cl::desc("loss function to train (default: the only "
                                  "one in the file)"),
             cl::cat(category));
static cl::opt<std::string>
    dataDir("data-dir", cl::desc("directory of the Fashion-MNIST IDX files"),
            cl::init("/usr/share/datasets/fashion-mnist"), cl::cat(category));
static cl::opt<int64_t> epochs("epochs", cl::desc("training epochs"),
                               cl::init(1), cl::cat(category));
static cl::opt<int64_t> batch("batch", cl::desc("batch size"), cl::init(64),
                              cl::cat(category));
static cl::opt<float> lr("lr", cl::desc("learning rate"), cl::init(0.05f),
                         cl::cat(category));
static cl::opt<float> momentum("momentum", cl::desc("SGD momentum"),
                               cl::init(0.9f), cl::cat(category));
static cl::opt<float> weightDecay("weight-decay",
                                  cl::desc("L2 weight decay"), cl::init(0.0f),
                                  cl::cat(category));
static cl::opt<uint64_t> seed("seed",
                              cl::desc("seed of initialization, shuffling and "
                                       "stochastic ops"),
                              cl::init(1), cl::cat(category));
static cl::opt<int64_t> limit("limit",
                              cl::desc("use only the first N training "
                                       "examples (0: all)"),
                              cl::init(0), cl::cat(category));
static cl::opt<bool> standardize(
    "standardize",
    cl::desc("scale inputs to zero mean and unit variance with the training "
             "split's statistics (default on)"),
    cl::init(true), cl::cat(category));
static cl::opt<int64_t> printEvery("print-every",
                                   cl::desc("steps between progress lines"),
                                   cl::init(100), cl::cat(category));
static cl::opt<int>
    threads("num-threads",
            cl::desc("threads of the runtime's kernels (default: one "
                     "per core)"),
            cl::init(0), cl::cat(category));
static cl::opt<bool> runtimeMatmul(
    "runtime-matmul",
    cl::desc("use the runtime's BLAS kernel for matmuls (default on)"),
    cl::init(true), cl::cat(category));
static cl::opt<bool> parallelLoops(
    "parallel-loops",
    cl::desc("split large compiled loop nests over the kernel threads "
             "(default on)"),
    cl::init(true), cl::cat(category));
static cl::opt<unsigned> bits(
    "bits",
    cl::desc("keep saved activations as per-group codes of this many bits "
             "(1, 2, 3, 4 or 8; 0: f32, the default)"),
    cl::init(0), cl::cat(category));
static cl::opt<int64_t> groupSize(
    "group-size",
    cl::desc("elements per quantization group (default 256; 0: per channel)"),
    cl::init(256), cl::cat(category));
static cl::opt<bool> sampleGroups(
    "sample-groups",
    cl::desc("shrink groups so that none straddles two examples where a "
             "divisor of an example's size of at least --group-size / 4 "
             "allows it (default on; off: groups of exactly --group-size)"),
    cl::init(true), cl::cat(category));
static cl::opt<std::string> rounding(
    "rounding", cl::desc("stochastic (default) or nearest"),
    cl::init("stochastic"), cl::cat(category));
static cl::opt<bool> compressInputs(
    "compress-inputs",
    cl::desc("with --bits: keep the batch input as codes too (the caller "
             "keeps it anyway, so this adds memory; for experiments)"),
    cl::init(false), cl::cat(category));
static cl::opt<bool> inPlaceUpdates(
    "in-place-updates",
    cl::desc("write new parameters and momentum over the old ones where the "
             "step allows it (default on; off: separate buffers, swapped)"),
    cl::init(true), cl::cat(category));
static cl::opt<bool> savedReport(
    "saved-report",
    cl::desc("print the bytes of every saved activation at --batch"),
    cl::init(false), cl::cat(category));
static cl::opt<int64_t> benchSteps("bench-steps",
                                   cl::desc("time N training steps on random "
                                            "data instead of training"),
                                   cl::init(0), cl::cat(category));
static cl::opt<bool> checkGradients(
    "check-gradients",
    cl::desc("compare one step's gradients with finite differences"),
    cl::init(false), cl::cat(category));
static cl::opt<double> fdEpsilon("fd-epsilon",
                                 cl::desc("finite-difference step"),
                                 cl::init(1e-3), cl::cat(category));
static cl::opt<double> fdTolerance(
    "fd-tolerance", cl::desc("relative error allowed by --check-gradients"),
    cl::init(1e-2), cl::cat(category));
static cl::opt<std::string> dumpStep(
    "dump-step",
    cl::desc("write one step's parameters, batch, loss and gradients to FILE"),
    cl::value_desc("FILE"), cl::cat(category));
static cl::opt<int64_t> gradientDraws(
    "gradient-draws",
    cl::desc("with --dump-step: also dump the mean and variance of each "
             "gradient over N more steps with other seeds (same state and "
             "batch)"),
    cl::init(0), cl::value_desc("N"), cl::cat(category));
static cl::opt<std::string> calibrate(
    "calibrate",
    cl::desc("measure each stash's gradient sensitivity at --bits (GACT) "
             "and write them to FILE for --sensitivity"),
    cl::value_desc("FILE"), cl::cat(category));
static cl::opt<std::string> sensitivity(
    "sensitivity",
    cl::desc("mixed precision: choose each stash's width from this "
             "calibration file (axt-allocate-bits)"),
    cl::value_desc("FILE"), cl::cat(category));
static cl::opt<double> bitBudget(
    "bit-budget",
    cl::desc("average bits per element with --sensitivity (default: --bits)"),
    cl::init(0.0), cl::cat(category));
static cl::opt<bool> scheduleMemory(
    "schedule-memory",
    cl::desc("reorder the training step for a lower peak of live bytes "
             "(axt-schedule-memory)"),
    cl::init(false), cl::cat(category));
static cl::opt<bool> planMemory(
    "plan-memory",
    cl::desc("put the step's statically shaped buffers into one planned "
             "arena (axt-plan-memory)"),
    cl::init(false), cl::cat(category));
static cl::opt<unsigned> planSearchMs(
    "plan-search-ms",
    cl::desc("with --plan-memory: search placement orders for a smaller "
             "arena for up to this many milliseconds"),
    cl::init(0), cl::cat(category));
static cl::opt<unsigned> planExactMs(
    "plan-exact-ms",
    cl::desc("with --plan-memory: then search placements exactly (branch "
             "and bound) for up to this many milliseconds"),
    cl::init(0), cl::cat(category));
static cl::opt<bool> memoryReport(
    "memory-report",
    cl::desc("run one step on a random batch and print its measured peak of "
             "allocated bytes next to the step's memory model"),
    cl::init(false), cl::cat(category));
static cl::opt<std::string>
    dumpLowered("dump-lowered", cl::desc("write the lowered module to FILE"),
                cl::value_desc("FILE"), cl::cat(category));

static bool usageError(const std::string &message) {
  std::fprintf(stderr, "axt-run: error: %s\n", message.c_str());
  return false;
}

static bool validateOptions() {
  if (epochs < 1)
    return usageError("--epochs must be at least 1 (got " +
                      std::to_string(epochs) + ")");
  if (batch < 1)
    return usageError("--batch must be at least 1 (got " +
                      std::to_string(batch) + ")");
  if (!std::isfinite(lr) || lr < 0)
    return usageError("--lr must be finite and non-negative");
  if (!std::isfinite(momentum) || momentum < 0)
    return usageError("--momentum must be finite and non-negative");
  if (!std::isfinite(weightDecay) || weightDecay < 0)
    return usageError("--weight-decay must be finite and non-negative");
  if (limit < 0 || printEvery < 1 || benchSteps < 0 || threads < 0)
    return usageError("--limit, --bench-steps and --num-threads must be "
                      "non-negative and --print-every positive");
  if (bits != 0 && bits != 1 && bits != 2 && bits != 3 && bits != 4 &&
      bits != 8)
    return usageError("--bits must be 0, 1, 2, 3, 4 or 8 (got " +
                      std::to_string(bits) + ")");
  if (groupSize < 0)
    return usageError("--group-size must be non-negative");
  if (rounding != "stochastic" && rounding != "nearest")
    return usageError("--rounding must be stochastic or nearest");
  if (!(fdEpsilon > 0) || !(fdTolerance > 0))
    return usageError("--fd-epsilon and --fd-tolerance must be positive");
  if (compressInputs && bits == 0)
    return usageError("--compress-inputs needs --bits");
  if ((planSearchMs > 0 || planExactMs > 0) && !planMemory)
    return usageError("--plan-search-ms and --plan-exact-ms need "
                      "--plan-memory");
  if ((!calibrate.empty() || !sensitivity.empty()) && bits == 0)
    return usageError("--calibrate and --sensitivity need --bits (the "
                      "calibration width, or the default width)");
  if (!(bitBudget >= 0) || !std::isfinite(bitBudget) ||
      (bitBudget > 0 && sensitivity.empty()))
    return usageError("--bit-budget needs --sensitivity and a positive "
                      "value");
  if (gradientDraws != 0 &&
      (gradientDraws < 2 || (dumpStep.empty() && calibrate.empty())))
    return usageError("--gradient-draws needs at least 2 draws and "
                      "--dump-step or --calibrate (got " +
                      std::to_string(gradientDraws) + ")");
  return true;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "AXT runner: compile a model and train it\n");
  if (!validateOptions())
    return 1;
  // Every step allocates and frees the same temporaries; keep them in the
  // heap instead of mapping (and faulting in) fresh pages each time, until
  // the step runs in a planned arena.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  int threadCount =
      threads > 0 ? threads.getValue()
                  : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  axtrt_set_num_threads(threadCount);

  CompileOptions compile;
  compile.function = function;
  compile.momentum = momentum;
  compile.weightDecay = weightDecay;
  compile.runtimeMatmul = runtimeMatmul;
  compile.parallelLoops = parallelLoops;
  compile.bits = bits;
  compile.groupSize = groupSize;
  compile.sampleGroups = sampleGroups;
  compile.rounding = rounding;
  compile.compressInputs = compressInputs;
  compile.inPlaceUpdates = inPlaceUpdates;
  compile.dumpLoweredPath = dumpLowered;
  compile.sensitivityFile = sensitivity;
  compile.bitBudget = bitBudget;
  compile.scheduleMemory = scheduleMemory;
  compile.planMemory = planMemory;
  compile.planSearchMs = planSearchMs;
  compile.planExactMs = planExactMs;
  compile.memoryBatch = batch;
  if (!calibrate.empty()) {
    CalibrationOptions calibration;
    calibration.modelPath = modelPath;
    calibration.compile = compile;
    calibration.outputPath = calibrate;
    calibration.batch = batch;
    calibration.seed = seed;
    if (gradientDraws > 0)
      calibration.draws = gradientDraws;
    return runCalibration(calibration);
  }
  std::unique_ptr<CompiledModel> model =
      CompiledModel::compile(modelPath, compile);
  if (!model)
    return 1;
  const ModelSignature &sig = model->signature();
  if (!sig.dynamicBatch() && sig.staticBatch != batch &&
      batch.getNumOccurrences() > 0) {
    std::fprintf(stderr,
                 "axt-run: error: the model's batch size is fixed at %lld "
                 "(got --batch %lld)\n",
                 (long long)sig.staticBatch, (long long)batch.getValue());
    return 1;
  }
  int64_t batchSize = sig.dynamicBatch() ? batch.getValue() : sig.staticBatch;
  // Random batches (--bench-steps, --check-gradients) are allocated whole;
  // refuse sizes that cannot be, rather than abort inside the allocator.
  int64_t features = 1;
  for (size_t i = 1; i < sig.input.size(); ++i)
    features *= sig.input[i];
  const int64_t maxBatchBytes = int64_t(1) << 34; // 16 GiB
  if (batchSize > maxBatchBytes / (4 * std::max<int64_t>(features, 1))) {
    std::fprintf(stderr,
                 "axt-run: error: --batch %lld is too large: one batch of "
                 "%lld features would exceed 16 GiB\n",
                 (long long)batchSize, (long long)features);
    return 1;
  }

  if (savedReport || bits > 0)
    printSavedActivations(sig.saved, batchSize, savedReport);
  if (sig.averageBits > 0)
    std::printf("mixed precision: %.3f bits per element on average, "
                "predicted gradient variance %.6g\n",
                sig.averageBits, sig.predictedVariance);
  if (memoryReport)
    return runMemoryMeasurement(*model, batchSize, seed);
  if (benchSteps > 0)
    return runBenchmark(*model, batchSize, benchSteps, lr, seed, threadCount);
  if (checkGradients || !dumpStep.empty()) {
    GradientCheckOptions check;
    check.batch = batchSize;
    check.seed = seed;
    check.weightDecay = weightDecay;
    check.epsilon = fdEpsilon;
    check.tolerance = fdTolerance;
    check.compare = checkGradients;
    check.dumpPath = dumpStep;
    check.draws = gradientDraws;
    return runGradientCheck(*model, check);
  }
  TrainOptions train;
  train.dataDir = dataDir;
  train.epochs = epochs;
  train.batch = batchSize;
  train.lr = lr;
  train.seed = seed;
  train.limit = limit;
  train.printEvery = printEvery;
  train.standardize = standardize;
  return runTraining(*model, train);
}
