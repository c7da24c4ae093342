//===- TrainingState.h - parameters and optimizer state ---------*- C++ -*-===//
#ifndef AXT_TOOLS_AXTRUN_TRAININGSTATE_H
#define AXT_TOOLS_AXTRUN_TRAININGSTATE_H

#include "CompiledModel.h"
#include "Random.h"

#include <cmath>
#include <utility>

namespace axt {

/// The model's arguments (parameters and state) and the velocities. Those
/// the step updates in place (ModelSignature::argInPlace, velocityInPlace)
/// have one buffer; the others are double-buffered: a step reads one set
/// and writes the other, then they swap (no copies).
struct TrainingState {
  const ModelSignature &sig;
  std::vector<HostTensor<float>> args, velocities, nextArgs, nextVelocities;

  TrainingState(const ModelSignature &sig,
                std::vector<HostTensor<float>> initial)
      : sig(sig), args(std::move(initial)), velocities(zerosLike(sig, true)),
        nextArgs(zerosLike(sig, false)), nextVelocities(zerosLike(sig, true)) {
    for (size_t i = 0; i < nextArgs.size(); ++i)
      if (sig.argInPlace[i])
        nextArgs[i] = HostTensor<float>();
    for (size_t i = 0; i < nextVelocities.size(); ++i)
      if (sig.velocityInPlace[i])
        nextVelocities[i] = HostTensor<float>();
  }

  /// One step on a batch; returns false with a message on failure or when
  /// the loss is not finite.
  bool step(CompiledModel &model, HostTensor<float> &input,
            HostTensor<int32_t> &labels, float lr, int64_t seed, float &loss,
            std::string &error) {
    TrainStepBuffers buffers{&args,           &velocities, &input,
                             &labels,         lr,          seed,
                             &loss,           &nextArgs,   &nextVelocities,
                             /*inPlace=*/true};
    if (!model.trainStep(buffers, error))
      return false;
    if (!std::isfinite(loss)) {
      error = "the loss is not finite (" + std::to_string(loss) +
              "); try a smaller --lr";
      return false;
    }
    for (size_t i = 0; i < args.size(); ++i)
      if (!sig.argInPlace[i])
        std::swap(args[i], nextArgs[i]);
    for (size_t i = 0; i < velocities.size(); ++i)
      if (!sig.velocityInPlace[i])
        std::swap(velocities[i], nextVelocities[i]);
    return true;
  }
};

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_TRAININGSTATE_H
