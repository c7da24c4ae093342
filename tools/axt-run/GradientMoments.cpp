//===- GradientMoments.cpp - gradients of the step over random draws ------===//
#include "GradientMoments.h"

#include "Random.h"

#include <algorithm>

using namespace axt;

GradientProbe::GradientProbe(CompiledModel &model,
                             std::vector<HostTensor<float>> &args,
                             HostTensor<float> &input,
                             HostTensor<int32_t> &labels, float weightDecay)
    : model(model), args(args), input(input), labels(labels),
      weightDecay(weightDecay),
      velocities(zerosLike(model.signature(), true)),
      newArgs(zerosLike(model.signature(), false)) {}

bool GradientProbe::gradients(int64_t seed,
                              std::vector<HostTensor<float>> &grads,
                              float &loss, std::string &error) {
  grads = zerosLike(model.signature(), true);
  TrainStepBuffers buffers{&args, &velocities, &input,   &labels, 0.0f,
                           seed,  &loss,       &newArgs, &grads};
  if (!model.trainStep(buffers, error))
    return false;
  std::vector<HostTensor<float>> params = parameters();
  for (size_t k = 0; k < grads.size(); ++k)
    for (int64_t i = 0; i < grads[k].size(); ++i)
      grads[k].data[i] -= weightDecay * params[k].data[i];
  return true;
}

std::vector<HostTensor<float>> GradientProbe::parameters() const {
  const ModelSignature &sig = model.signature();
  std::vector<HostTensor<float>> params;
  for (size_t i = 0; i < sig.args.size(); ++i)
    if (!sig.args[i].state)
      params.push_back(args[i]);
  return params;
}

double GradientMoments::totalVariance() const {
  double total = 0;
  for (const HostTensor<float> &v : variance)
    for (int64_t i = 0; i < v.size(); ++i)
      total += v.data[i];
  return total;
}

bool axt::measureGradientMoments(GradientProbe &probe, uint64_t seed,
                                 int64_t draws, GradientMoments &moments,
                                 std::string &error) {
  moments = GradientMoments();
  std::vector<std::vector<double>> sum, sumSquares;
  std::vector<HostTensor<float>> grads;
  for (int64_t d = 1; d <= draws; ++d) {
    float loss = 0.0f;
    if (!probe.gradients(stepSeed(seed, d), grads, loss, error))
      return false;
    if (sum.empty())
      for (const HostTensor<float> &g : grads) {
        sum.emplace_back(static_cast<size_t>(g.size()), 0.0);
        sumSquares.emplace_back(static_cast<size_t>(g.size()), 0.0);
      }
    for (size_t k = 0; k < grads.size(); ++k)
      for (int64_t i = 0; i < grads[k].size(); ++i) {
        const double g = grads[k].data[i];
        sum[k][size_t(i)] += g;
        sumSquares[k][size_t(i)] += g * g;
      }
  }
  const double n = static_cast<double>(draws);
  moments.count = draws;
  for (size_t k = 0; k < grads.size(); ++k) {
    moments.mean.push_back(grads[k]);
    moments.variance.push_back(grads[k]);
    for (int64_t i = 0; i < grads[k].size(); ++i) {
      const double mean = sum[k][size_t(i)] / n;
      const double var = std::max(
          0.0, (sumSquares[k][size_t(i)] - n * mean * mean) / (n - 1));
      moments.mean[k].data[i] = static_cast<float>(mean);
      moments.variance[k].data[i] = static_cast<float>(var);
    }
  }
  return true;
}
