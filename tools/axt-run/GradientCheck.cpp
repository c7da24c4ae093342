//===- GradientCheck.cpp - compiled gradients vs finite differences -------===//
//
// The step's gradient is read back exactly through the optimizer: with zero
// initial velocities, new_velocity = grad + weight_decay · param.
//
//===----------------------------------------------------------------------===//
#include "GradientCheck.h"

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

/// Mean and unbiased variance of each gradient over repeated draws.
struct GradientDraws {
  int64_t count = 0;
  std::vector<HostTensor<float>> mean, variance;
};

bool writeDump(const std::string &path,
               const std::vector<HostTensor<float>> &params,
               const HostTensor<float> &input,
               const HostTensor<int32_t> &labels, int64_t seed, float loss,
               const std::vector<HostTensor<float>> &grads,
               const GradientDraws &draws) {
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
  std::vector<HostTensor<float>> args = initializeArguments(sig, options.seed);
  Rng rng(options.seed, kDataStream);
  HostTensor<float> input;
  HostTensor<int32_t> labels;
  makeRandomBatch(sig, options.batch, rng, input, labels);

  // One step with lr = 0 and zero velocities leaves the arguments as they
  // are, returns the training-mode loss (batch statistics, as
  // differentiated) and new_velocity = grad + weight_decay · param.
  std::vector<HostTensor<float>> velocities = zerosLike(sig, true);
  std::vector<HostTensor<float>> newArgs = zerosLike(sig, false);
  std::vector<HostTensor<float>> grads = zerosLike(sig, true);
  std::string error;
  // One seed for every evaluation: the same dropout masks throughout.
  const int64_t seed = stepSeed(options.seed, 0);
  auto step = [&](float &loss) {
    TrainStepBuffers buffers{&args,  &velocities, &input, &labels, 0.0f, seed,
                             &loss, &newArgs,    &grads};
    return model.trainStep(buffers, error);
  };
  float loss = 0.0f;
  if (!step(loss)) {
    std::fprintf(stderr, "axt-run: error: %s\n", error.c_str());
    return 1;
  }
  std::vector<size_t> paramArgs; // argument index of each parameter
  for (size_t i = 0; i < sig.args.size(); ++i)
    if (!sig.args[i].state)
      paramArgs.push_back(i);
  std::vector<HostTensor<float>> params;
  for (size_t k = 0; k < paramArgs.size(); ++k) {
    params.push_back(args[paramArgs[k]]);
    for (int64_t i = 0; i < grads[k].size(); ++i)
      grads[k].data[i] -= options.weightDecay * params[k].data[i];
  }
  std::vector<HostTensor<float>> gradients = grads;

  // Draws d = 1 .. count use the seeds of steps 1 .. count (the dumped step
  // is step 0); moments are accumulated in double.
  GradientDraws draws;
  if (options.draws > 1) {
    std::vector<std::vector<double>> sum, sumSquares;
    for (const HostTensor<float> &g : gradients) {
      sum.emplace_back(static_cast<size_t>(g.size()), 0.0);
      sumSquares.emplace_back(static_cast<size_t>(g.size()), 0.0);
    }
    for (int64_t d = 1; d <= options.draws; ++d) {
      float drawLoss = 0.0f;
      TrainStepBuffers buffers{&args,     &velocities, &input,
                               &labels,   0.0f,        stepSeed(options.seed, d),
                               &drawLoss, &newArgs,    &grads};
      if (!model.trainStep(buffers, error)) {
        std::fprintf(stderr, "axt-run: error: %s\n", error.c_str());
        return 1;
      }
      for (size_t k = 0; k < grads.size(); ++k)
        for (int64_t i = 0; i < grads[k].size(); ++i) {
          const double g = grads[k].data[i] -
                           options.weightDecay * params[k].data[i];
          sum[k][size_t(i)] += g;
          sumSquares[k][size_t(i)] += g * g;
        }
    }
    const double n = static_cast<double>(options.draws);
    draws.count = options.draws;
    for (size_t k = 0; k < grads.size(); ++k) {
      draws.mean.push_back(grads[k]);
      draws.variance.push_back(grads[k]);
      for (int64_t i = 0; i < grads[k].size(); ++i) {
        const double mean = sum[k][size_t(i)] / n;
        const double var =
            std::max(0.0, (sumSquares[k][size_t(i)] - n * mean * mean) /
                              (n - 1));
        draws.mean[k].data[i] = static_cast<float>(mean);
        draws.variance[k].data[i] = static_cast<float>(var);
      }
    }
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
