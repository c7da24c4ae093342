//===- GradientCheck.h - compiled gradients vs finite differences -*- C++ -*-===//
#ifndef AXT_TOOLS_AXTRUN_GRADIENTCHECK_H
#define AXT_TOOLS_AXTRUN_GRADIENTCHECK_H

#include "CompiledModel.h"

#include <string>

namespace axt {

struct GradientCheckOptions {
  int64_t batch = 4;
  uint64_t seed = 1;
  float weightDecay = 0.0f; // as compiled into the step
  double epsilon = 1e-3;    // central-difference step
  double tolerance = 1e-2;  // on ‖g − fd‖₂ / ‖fd‖₂ per parameter
  bool compare = true;      // false: only dump
  std::string dumpPath;     // write params, batch, loss and gradients here
  // With dumpPath: also run the step this many times more on the same
  // state and batch with other step seeds (other stochastic rounding and
  // dropout draws), and dump each gradient's mean and variance over them.
  int64_t draws = 0;
};

/// Runs one training step on a random batch and compares every parameter's
/// gradient with central finite differences of the compiled loss. Returns
/// the process exit code (1 when a gradient is off).
int runGradientCheck(CompiledModel &model, const GradientCheckOptions &options);

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_GRADIENTCHECK_H
