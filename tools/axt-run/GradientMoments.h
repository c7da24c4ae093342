//===- GradientMoments.h - gradients of the step over random draws -*- C++ -*-===//
//
// The step's gradient is read back exactly through the optimizer: with
// lr = 0 and zero velocities, new_velocity = grad + weight_decay · param.
// Repeating the step with other step seeds on the same arguments and batch
// draws other stochastic roundings (and dropout masks): the mean and
// variance over the draws are what mixed precision and its tests reason
// about.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_TOOLS_AXTRUN_GRADIENTMOMENTS_H
#define AXT_TOOLS_AXTRUN_GRADIENTMOMENTS_H

#include "CompiledModel.h"

#include <string>
#include <vector>

namespace axt {

/// One parameter gradient per parameter, at fixed arguments and batch.
class GradientProbe {
public:
  GradientProbe(CompiledModel &model, std::vector<HostTensor<float>> &args,
                HostTensor<float> &input, HostTensor<int32_t> &labels,
                float weightDecay);

  /// The gradients of the step with `seed` into `grads` (one per
  /// parameter) and its loss; false with a message if the call failed.
  bool gradients(int64_t seed, std::vector<HostTensor<float>> &grads,
                 float &loss, std::string &error);

  /// The parameters (their order is that of the gradients).
  std::vector<HostTensor<float>> parameters() const;

private:
  CompiledModel &model;
  std::vector<HostTensor<float>> &args;
  HostTensor<float> &input;
  HostTensor<int32_t> &labels;
  float weightDecay;
  std::vector<HostTensor<float>> velocities, newArgs;
};

/// Mean and unbiased variance of each gradient over `count` draws.
struct GradientMoments {
  int64_t count = 0;
  std::vector<HostTensor<float>> mean, variance;
  /// The variance summed over every element of every gradient.
  double totalVariance() const;
};

/// Draws d = 1 .. draws use the step seeds of steps 1 .. draws of `seed`
/// (step 0 is the one a dump records); moments accumulate in double.
bool measureGradientMoments(GradientProbe &probe, uint64_t seed,
                            int64_t draws, GradientMoments &moments,
                            std::string &error);

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_GRADIENTMOMENTS_H
