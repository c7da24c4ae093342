//===- GradientCheck.cpp - compiled gradients vs finite differences -------===//
//
// The step's gradient is read back exactly through the optimizer: with zero
// initial velocities, new_velocity = grad + weight_decay · param.
//
//===----------------------------------------------------------------------===//
#include "GradientCheck.h"

#include "GradientMoments.h"
#include "Random.h"

#include <cmath>
#include <cstdio>
#include <fstream>

using namespace axt;

namespace {

template <typename T>
void writeTensor(std::ofstream &out, const std::string &name,
                 const HostTensor<T> &t, const char *dtype) {
  out << "tensor " << name << " " << dtype << " " << t.shape.size();
  for (int64_t d : t.shape)
    out << " " << d;
  out << "\n";
  char text[32];
  for (int64_t i = 0; i < t.size(); ++i) {
    if constexpr (std::is_same_v<T, float>)
      std::snprintf(text, sizeof(text), "%.9g", static_cast<double>(t.data[i]));
    else
      std::snprintf(text, sizeof(text), "%lld",
                    static_cast<long long>(t.data[i]));
    out << text << ((i + 1) % 8 == 0 || i + 1 == t.size() ? "\n" : " ");
  }
}

bool writeDump(const std::string &path,
               const std::vector<HostTensor<float>> &params,
               const HostTensor<float> &input,
               const HostTensor<int32_t> &labels, int64_t seed, float loss,
               const std::vector<HostTensor<float>> &grads,
               const GradientMoments &draws) {
  std::ofstream out(path);
  if (!out)
    return false;
  out << "# axt step dump v1\n";
  for (size_t k = 0; k < params.size(); ++k)
    writeTensor(out, "param" + std::to_string(k), params[k], "f32");
  writeTensor(out, "input", input, "f32");
  writeTensor(out, "labels", labels, "i32");
  // The step's seed (dropout masks) as its low and high 32-bit halves.
  HostTensor<int32_t> seedHalves({2});
  seedHalves.data[0] = static_cast<int32_t>(static_cast<uint64_t>(seed));
  seedHalves.data[1] = static_cast<int32_t>(static_cast<uint64_t>(seed) >> 32);
  writeTensor(out, "seed", seedHalves, "i32");
  HostTensor<float> lossTensor(std::vector<int64_t>{});
  lossTensor.data[0] = loss;
  writeTensor(out, "loss", lossTensor, "f32");
  for (size_t k = 0; k < grads.size(); ++k)
    writeTensor(out, "grad" + std::to_string(k), grads[k], "f32");
  if (draws.count > 0) {
    HostTensor<int32_t> count({1});
    count.data[0] = static_cast<int32_t>(draws.count);
    writeTensor(out, "draws", count, "i32");
    for (size_t k = 0; k < draws.mean.size(); ++k) {
      writeTensor(out, "drawmean" + std::to_string(k), draws.mean[k], "f32");
      writeTensor(out, "drawvar" + std::to_string(k), draws.variance[k],
                  "f32");
    }
  }
  return static_cast<bool>(out);
}

} // namespace

int axt::runGradientCheck(CompiledModel &model,
                          const GradientCheckOptions &options) {
  const ModelSignature &sig = model.signature();
  RandomProblem problem = makeRandomProblem(sig, options.batch, options.seed);
  std::vector<HostTensor<float>> &args = problem.args;
  HostTensor<float> &input = problem.input;
  HostTensor<int32_t> &labels = problem.labels;

  // The arguments stay as they are (lr = 0); the loss is the training-mode
  // loss (batch statistics, as differentiated).
  GradientProbe probe(model, args, input, labels, options.weightDecay);
  std::string error;
  // One seed for every evaluation: the same dropout masks throughout.
  const int64_t seed = stepSeed(options.seed, 0);
  std::vector<HostTensor<float>> gradients, ignored;
  auto step = [&](float &loss) {
    return probe.gradients(seed, ignored, loss, error);
  };
  float loss = 0.0f;
  if (!probe.gradients(seed, gradients, loss, error)) {
    std::fprintf(stderr, "axt-run: error: %s\n", error.c_str());
    return 1;
  }
  std::vector<size_t> paramArgs; // argument index of each parameter
  for (size_t i = 0; i < sig.args.size(); ++i)
    if (!sig.args[i].state)
      paramArgs.push_back(i);
  const std::vector<HostTensor<float>> params = probe.parameters();

  GradientMoments draws;
  if (options.draws > 1) {
    if (!measureGradientMoments(probe, options.seed, options.draws, draws,
                                error)) {
      std::fprintf(stderr, "axt-run: error: %s\n", error.c_str());
      return 1;
    }
    std::printf("gradient variance over %lld draws: %.6g (sum over every "
                "parameter)",
                (long long)draws.count, draws.totalVariance());
    if (sig.predictedVariance > 0)
      std::printf("; predicted by the bit allocation %.6g, ratio %.3f",
                  sig.predictedVariance,
                  draws.totalVariance() / sig.predictedVariance);
    std::printf("\n");
  }

  if (!options.dumpPath.empty() &&
      !writeDump(options.dumpPath, params, input, labels, seed, loss,
                 gradients, draws)) {
    std::fprintf(stderr, "axt-run: error: cannot write '%s'\n",
                 options.dumpPath.c_str());
    return 1;
  }
  if (!options.compare)
    return 0;

  std::printf("gradient check of '@%s': batch %lld, seed %llu, loss %.6f, "
              "epsilon %g\n",
              sig.name.c_str(), (long long)options.batch,
              (unsigned long long)options.seed, loss, options.epsilon);
  double worst = 0.0;
  for (size_t k = 0; k < paramArgs.size(); ++k) {
    HostTensor<float> &param = args[paramArgs[k]];
    double diff = 0.0, norm = 0.0;
    for (int64_t i = 0; i < param.size(); ++i) {
      float &p = param.data[i];
      const float saved = p;
      float plus = 0.0f, minus = 0.0f;
      p = saved + static_cast<float>(options.epsilon);
      bool ok = step(plus);
      p = saved - static_cast<float>(options.epsilon);
      ok = ok && step(minus);
      p = saved;
      if (!ok) {
        std::fprintf(stderr, "axt-run: error: %s\n", error.c_str());
        return 1;
      }
      double fd = (static_cast<double>(plus) - minus) / (2 * options.epsilon);
      double g = gradients[k].data[i];
      diff += (g - fd) * (g - fd);
      norm += fd * fd;
    }
    double relative = std::sqrt(diff) / std::max(std::sqrt(norm), 1e-30);
    worst = std::max(worst, relative);
    std::printf("param%zu [%s] |fd| %.3e rel_err %.3e\n", k,
                formatShape(param.shape).c_str(), std::sqrt(norm), relative);
  }
  bool pass = worst < options.tolerance;
  std::printf("gradient check: %s (max rel_err %.3e, tol %.1e)\n",
              pass ? "PASS" : "FAIL", worst, options.tolerance);
  return pass ? 0 : 1;
}
