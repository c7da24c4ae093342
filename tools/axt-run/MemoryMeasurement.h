//===- MemoryMeasurement.h - a step's heap use against its model -*- C++ -*-===//
#ifndef AXT_TOOLS_AXTRUN_MEMORYMEASUREMENT_H
#define AXT_TOOLS_AXTRUN_MEMORYMEASUREMENT_H

#include "CompiledModel.h"

namespace axt {

/// Runs one training step on a random batch with the compiled code's
/// allocations counted, and prints their peak next to the step's memory
/// model (LOAD of its own buffers, the planned arena). Returns the process
/// exit code.
int runMemoryMeasurement(CompiledModel &model, int64_t batch, uint64_t seed);

} // namespace axt

#endif // AXT_TOOLS_AXTRUN_MEMORYMEASUREMENT_H
