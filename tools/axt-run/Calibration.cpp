//===- Calibration.cpp - per-stash gradient sensitivities -----------------===//
#include "Calibration.h"

#include "GradientMoments.h"
#include "Random.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>

using namespace axt;

namespace {

/// Intervals between the codes of a stash (its variance scales as their
/// inverse square).
double intervals(const SavedValue &v) {
  return std::ldexp(1.0, int(v.bits)) - (v.maskInCodes ? 2.0 : 1.0);
}

/// Elements per example: the static sizes (the batch cancels out).
int64_t elementsPerExample(const SavedValue &v) {
  int64_t n = 1;
  for (int64_t d : v.shape)
    if (d >= 0)
      n *= d;
  return n;
}

std::string jsonString(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

int failWith(const std::string &message) {
  std::fprintf(stderr, "axt-run: error: %s\n", message.c_str());
  return 1;
}

} // namespace

int axt::runCalibration(const CalibrationOptions &options) {
  std::unique_ptr<CompiledModel> all =
      CompiledModel::compile(options.modelPath, options.compile);
  if (!all)
    return 1;
  const ModelSignature &sig = all->signature();
  std::vector<SavedValue> stashes;
  for (const SavedValue &v : sig.saved)
    if (v.form == SavedValue::Form::Packed)
      stashes.push_back(v);
  if (stashes.empty())
    return failWith("nothing to calibrate: the step keeps no codes");
  // The state and batch of every measurement (as for --dump-step).
  RandomProblem problem = makeRandomProblem(sig, options.batch, options.seed);
  std::printf("calibrating %zu stashes of '@%s' at %u bits: %lld draws each, "
              "batch %lld, seed %llu\n",
              stashes.size(), sig.name.c_str(), options.compile.bits,
              (long long)options.draws, (long long)options.batch,
              (unsigned long long)options.seed);

  std::vector<double> sensitivity;
  for (size_t l = 0; l < stashes.size(); ++l) {
    const auto start = std::chrono::steady_clock::now();
    CompileOptions only = options.compile;
    only.streams = {stashes[l].stream};
    std::unique_ptr<CompiledModel> model =
        CompiledModel::compile(options.modelPath, only);
    if (!model)
      return 1;
    GradientProbe probe(*model, problem.args, problem.input, problem.labels,
                        options.compile.weightDecay);
    GradientMoments moments;
    std::string error;
    if (!measureGradientMoments(probe, options.seed, options.draws, moments,
                                error))
      return failWith(error);
    const double v = moments.totalVariance();
    sensitivity.push_back(v * intervals(stashes[l]) * intervals(stashes[l]));
    std::printf("stash %zu/%zu: %-24s stream %lld, %lld elements per "
                "example: gradient variance %.4g, sensitivity %.4g (%.1f s)\n",
                l + 1, stashes.size(), stashes[l].producer.c_str(),
                (long long)stashes[l].stream,
                (long long)elementsPerExample(stashes[l]), v,
                sensitivity.back(),
                std::chrono::duration<double>(
                    std::chrono::steady_clock::now() - start)
                    .count());
    std::fflush(stdout);
  }

  std::ofstream out(options.outputPath);
  out << "{\n  \"format\": \"axt-sensitivity-v1\",\n"
      << "  \"model\": " << jsonString(options.modelPath) << ",\n"
      << "  \"calibration_bits\": " << options.compile.bits << ",\n"
      << "  \"batch\": " << options.batch << ",\n"
      << "  \"draws\": " << options.draws << ",\n  \"stashes\": [\n";
  char number[32];
  for (size_t l = 0; l < stashes.size(); ++l) {
    std::snprintf(number, sizeof number, "%.9g", sensitivity[l]);
    out << "    {\"function\": " << jsonString(sig.name + "_train_step")
        << ", \"stream\": " << stashes[l].stream
        << ", \"producer\": " << jsonString(stashes[l].producer)
        << ", \"elements\": " << elementsPerExample(stashes[l])
        << ", \"sensitivity\": " << number << "}"
        << (l + 1 < stashes.size() ? ",\n" : "\n");
  }
  out << "  ]\n}\n";
  if (!out)
    return failWith("cannot write '" + options.outputPath + "'");
  std::printf("sensitivities written to '%s'\n", options.outputPath.c_str());
  return 0;
}
