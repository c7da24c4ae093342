//===- Trainer.h - training and evaluation on Fashion-MNIST -----*- C++ -*-===//
#ifndef AXT_TOOLS_AXTRUN_TRAINER_H
#define AXT_TOOLS_AXTRUN_TRAINER_H

#include "CompiledModel.h"

#include <string>

namespace axt {

struct TrainOptions {
  std::string dataDir;
  int64_t epochs = 1;
  int64_t batch = 64;
  float lr = 0.05f;
  uint64_t seed = 1;
  int64_t limit = 0;       // training examples to use; 0: all
  int64_t printEvery = 100; // steps between progress lines
  int64_t evalBatch = 1000;
  bool standardize = true; // zero mean, unit variance inputs
};

/// Trains on the dataset's training split and reports test accuracy.
/// Returns the process exit code.
int runTraining(CompiledModel &model, const TrainOptions &options);

/// Times training steps on random data at `batch`; prints one `bench:` line.
int runBenchmark(CompiledModel &model, int64_t batch, int64_t steps,
                 float lr, uint64_t seed, int threads);

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_TRAINER_H
