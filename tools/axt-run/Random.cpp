//===- Random.cpp - seeded randomness of the runner -----------------------===//
#include "Random.h"

#include <algorithm>
#include <cmath>

using namespace axt;

Rng::Rng(uint64_t seed, uint64_t stream)
    : engine(seed * 0x9E3779B97F4A7C15ull + stream) {}

float Rng::uniform() {
  return static_cast<float>(engine() >> 40) * (1.0f / 16777216.0f);
}

int64_t Rng::below(int64_t n) {
  // Rejection sampling keeps the result exactly uniform.
  uint64_t range = static_cast<uint64_t>(n);
  uint64_t limit = UINT64_MAX - UINT64_MAX % range;
  uint64_t x;
  do
    x = engine();
  while (x >= limit);
  return static_cast<int64_t>(x % range);
}

int64_t axt::stepSeed(uint64_t seed, uint64_t step) {
  // SplitMix64's finalizer over the user's seed, the stream and the step.
  uint64_t z = seed * 0x9E3779B97F4A7C15ull + (kStepSeedStream << 56) + step;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return static_cast<int64_t>(z ^ (z >> 31));
}

std::vector<HostTensor<float>> axt::zerosLike(const ModelSignature &sig,
                                              bool parametersOnly) {
  std::vector<HostTensor<float>> tensors;
  for (const ArgumentSpec &arg : sig.args)
    if (!parametersOnly || !arg.state)
      tensors.emplace_back(arg.shape);
  return tensors;
}

std::vector<HostTensor<float>>
axt::initializeArguments(const ModelSignature &sig, uint64_t seed) {
  Rng rng(seed, kInitStream);
  std::vector<HostTensor<float>> args = zerosLike(sig, false);
  for (size_t i = 0; i < args.size(); ++i) {
    HostTensor<float> &t = args[i];
    switch (sig.args[i].init) {
    case ArgumentSpec::Init::Zeros:
      break;
    case ArgumentSpec::Init::Ones:
      std::fill(t.data.begin(), t.data.end(), 1.0f);
      break;
    case ArgumentSpec::Init::HeUniform:
    case ArgumentSpec::Init::FanInUniform: {
      int64_t fanIn = t.shape.empty() || t.shape[0] == 0
                          ? 1
                          : std::max<int64_t>(t.size() / t.shape[0], 1);
      float gain = sig.args[i].init == ArgumentSpec::Init::HeUniform ? 6 : 1;
      float bound = std::sqrt(gain / static_cast<float>(fanIn));
      for (float &w : t.data)
        w = (2.0f * rng.uniform() - 1.0f) * bound;
      break;
    }
    }
  }
  return args;
}

std::vector<int64_t> axt::inputShape(const ModelSignature &sig,
                                     int64_t batch) {
  std::vector<int64_t> shape = sig.input;
  shape[0] = batch;
  return shape;
}

RandomProblem axt::makeRandomProblem(const ModelSignature &sig,
                                     int64_t batch, uint64_t seed) {
  RandomProblem problem;
  problem.args = initializeArguments(sig, seed);
  Rng rng(seed, kDataStream);
  makeRandomBatch(sig, batch, rng, problem.input, problem.labels);
  return problem;
}

void axt::makeRandomBatch(const ModelSignature &sig, int64_t batch, Rng &rng,
                          HostTensor<float> &input,
                          HostTensor<int32_t> &labels) {
  input = HostTensor<float>(inputShape(sig, batch));
  labels = HostTensor<int32_t>({batch});
  for (float &x : input.data)
    x = rng.uniform();
  for (int32_t &y : labels.data)
    y = static_cast<int32_t>(rng.below(sig.numClasses));
}

void axt::shuffle(std::vector<int64_t> &order, Rng &rng) {
  for (int64_t i = static_cast<int64_t>(order.size()) - 1; i > 0; --i)
    std::swap(order[i], order[rng.below(i + 1)]);
}
