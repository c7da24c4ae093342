//===- MemoryMeasurement.cpp - a step's heap use against its model --------===//
#include "MemoryMeasurement.h"

#include "AllocationTracker.h"
#include "Random.h"
#include "TrainingState.h"

#include <cstdio>

using namespace axt;

int axt::runMemoryMeasurement(CompiledModel &model, int64_t batch,
                              uint64_t seed) {
  const ModelSignature &sig = model.signature();
  RandomProblem problem = makeRandomProblem(sig, batch, seed);
  TrainingState state(sig, std::move(problem.args));
  HostTensor<float> &input = problem.input;
  HostTensor<int32_t> &labels = problem.labels;
  std::string error;
  float loss = 0.0f;
  // The first step warms up the runtime's own caches; the second is
  // measured.
  AllocationStats stats;
  for (int64_t s = 0; s < 2; ++s) {
    resetAllocationStats();
    const AllocationStats before = allocationStats();
    if (!state.step(model, input, labels, 0.05f, stepSeed(seed, s), loss,
                    error)) {
      std::fprintf(stderr, "axt-run: error: %s\n", error.c_str());
      return 1;
    }
    stats = allocationStats();
    stats.peak -= before.live;
  }
  const auto &m = sig.memory;
  std::printf("memory of a step at batch %lld (the step's own buffers, not "
              "its arguments and results):\n",
              (long long)batch);
  std::printf("  model: LOAD %lld bytes, planned arena %lld bytes "
              "(tensor level, before fusion and bufferization)\n",
              (long long)m.internalLoad, (long long)m.arenaHeight);
  if (m.plannedArena > 0)
    std::printf(
        "  planned: one arena of %lld bytes for the lowered step's "
        "static buffers, whose LOAD is %lld (%.3fx; axt-plan-memory%s)\n",
        (long long)m.plannedArena, (long long)m.plannedLoad,
        m.plannedLoad ? double(m.plannedArena) / double(m.plannedLoad) : 0.0,
        m.plannedOptimal ? ", proven optimal" : "");
  // The caller's side: arguments and velocities, and the separate buffers
  // of the new values the step does not write in place.
  int64_t held = 0, separate = 0, inPlace = 0;
  auto count = [&](const std::vector<HostTensor<float>> &tensors,
                   const std::vector<bool> &written) {
    for (size_t i = 0; i < tensors.size(); ++i) {
      int64_t bytes = 4 * tensors[i].size();
      held += bytes;
      separate += written[i] ? 0 : bytes;
      inPlace += written[i];
    }
  };
  count(state.args, sig.argInPlace);
  count(state.velocities, sig.velocityInPlace);
  std::printf("  caller: parameters, state and momentum %lld bytes, updated "
              "in place: %lld of %zu (new values in separate buffers: %lld "
              "bytes)\n",
              (long long)held, (long long)inPlace,
              state.args.size() + state.velocities.size(), (long long)separate);
  std::printf("  measured: peak %lld bytes live, of %lld bytes in %lld "
              "allocations (%.1f%% of them at once; %.3f of the model's "
              "LOAD)\n",
              (long long)stats.peak, (long long)stats.total,
              (long long)stats.count,
              stats.total ? 100.0 * double(stats.peak) / double(stats.total)
                          : 0.0,
              m.internalLoad ? double(stats.peak) / double(m.internalLoad)
                             : 0.0);
  return 0;
}
