//===- Calibration.h - per-stash gradient sensitivities -----*- C++ -*-===//
//
// GACT's measured sensitivity, for axt-allocate-bits: for each stash the
// compressed step keeps as codes, the step is compiled with only that stash
// quantized (at the calibration width b) and run `draws` times on the same
// arguments and random batch; the summed variance of all parameter
// gradients, V_l, times the squared number of intervals of b bits,
// (2^b − 1)^2 ((2^b − 2)^2 for exact-zero codes), is the stash's
// sensitivity C_l. Written as the JSON file axt-allocate-bits reads.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_TOOLS_AXTRUN_CALIBRATION_H
#define AXT_TOOLS_AXTRUN_CALIBRATION_H

#include "CompiledModel.h"

#include <string>

namespace axt {

struct CalibrationOptions {
  std::string modelPath;
  CompileOptions compile; // bits: the calibration width
  std::string outputPath;
  int64_t batch = 64;
  uint64_t seed = 1;
  int64_t draws = 32;
};

/// Returns the process exit code.
int runCalibration(const CalibrationOptions &options);

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_CALIBRATION_H
