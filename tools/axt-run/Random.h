//===- Random.h - seeded randomness of the runner ---------------*- C++ -*-===//
//
// Everything random in a run comes from here, keyed by the user's seed, with
// algorithms fixed in this file (not the standard library's distributions,
// which differ between implementations), so the same seed gives the same
// run everywhere.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_TOOLS_AXTRUN_RANDOM_H
#define AXT_TOOLS_AXTRUN_RANDOM_H

#include "CompiledModel.h"

#include <cstdint>
#include <random>

namespace axt {

class Rng {
public:
  /// `stream` separates independent uses of one seed (init, shuffling, ...).
  Rng(uint64_t seed, uint64_t stream);
  /// Uniform in [0, 1) with 24 random bits.
  float uniform();
  /// Uniform integer in [0, n).
  int64_t below(int64_t n);

private:
  std::mt19937_64 engine;
};

/// Streams of the user's seed.
enum RngStream : uint64_t {
  kInitStream = 1,
  kShuffleStream,
  kDataStream,
  kStepSeedStream
};

/// The seed argument of training step `step` (the compiled step's dropout
/// masks are keyed by it): a different, well-mixed value every step.
int64_t stepSeed(uint64_t seed, uint64_t step);

/// The model's arguments as their `axt.init` says: He-uniform,
/// U(−√(6/fan_in), √(6/fan_in)) with fan_in the product of all but the
/// first dimension, zeros or ones.
std::vector<HostTensor<float>> initializeArguments(const ModelSignature &sig,
                                                   uint64_t seed);

/// A batch of uniform [0, 1) inputs and uniform labels.
void makeRandomBatch(const ModelSignature &sig, int64_t batch, Rng &rng,
                     HostTensor<float> &input, HostTensor<int32_t> &labels);

/// What the runs on random data (--bench-steps, --dump-step, --calibrate,
/// --memory-report) start from: the initial arguments of `seed` and one
/// random batch from its data stream.
struct RandomProblem {
  std::vector<HostTensor<float>> args;
  HostTensor<float> input;
  HostTensor<int32_t> labels;
};
RandomProblem makeRandomProblem(const ModelSignature &sig, int64_t batch,
                                uint64_t seed);

/// Fisher–Yates shuffle.
void shuffle(std::vector<int64_t> &order, Rng &rng);

/// Zero tensors shaped like the arguments (`parametersOnly`: like the
/// trainable ones, as the velocities are).
std::vector<HostTensor<float>> zerosLike(const ModelSignature &sig,
                                         bool parametersOnly);

/// The input shape with the batch dimension set.
std::vector<int64_t> inputShape(const ModelSignature &sig, int64_t batch);

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_RANDOM_H
