//===- TrainingState.h - parameters and optimizer state ---------*- C++ -*-===//
#ifndef AXT_TOOLS_AXTRUN_TRAININGSTATE_H
#define AXT_TOOLS_AXTRUN_TRAININGSTATE_H

#include "CompiledModel.h"
#include "Random.h"

#include <cmath>
#include <utility>

namespace axt {

/// The model's arguments (parameters and state) and the velocities,
/// double-buffered: a step reads one set and writes the other, then they
/// swap (no copies).
struct TrainingState {
  std::vector<HostTensor<float>> args, velocities, nextArgs, nextVelocities;

  TrainingState(const ModelSignature &sig,
                std::vector<HostTensor<float>> initial)
      : args(std::move(initial)), velocities(zerosLike(sig, true)),
        nextArgs(zerosLike(sig, false)), nextVelocities(zerosLike(sig, true)) {}

  /// One step on a batch; returns false with a message on failure or when
  /// the loss is not finite.
  bool step(CompiledModel &model, HostTensor<float> &input,
            HostTensor<int32_t> &labels, float lr, int64_t seed, float &loss,
            std::string &error) {
    TrainStepBuffers buffers{&args,  &velocities, &input,
                             &labels, lr,          seed,
                             &loss,   &nextArgs,   &nextVelocities};
    if (!model.trainStep(buffers, error))
      return false;
    if (!std::isfinite(loss)) {
      error = "the loss is not finite (" + std::to_string(loss) +
              "); try a smaller --lr";
      return false;
    }
    std::swap(args, nextArgs);
    std::swap(velocities, nextVelocities);
    return true;
  }
};

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_TRAININGSTATE_H
