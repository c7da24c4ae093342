//===- Philox.h - counter-based random numbers in IR ------------*- C++ -*-===//
//
// The IR form of the runtime's generator (runtime/include/axtrt/philox.h):
// both must draw the same number for the same (seed, stream, index).
//
//===----------------------------------------------------------------------===//
#ifndef AXT_LIB_CONVERSION_AXTTOLINALG_PHILOX_H
#define AXT_LIB_CONVERSION_AXTTOLINALG_PHILOX_H

#include "mlir/IR/Builders.h"

namespace mlir::axt::lowering {

/// The f32 uniform variate in [0, 1) of element `index` (i64) of `stream`
/// under `seed` (i64), as `axtrt_random_uniform` computes it.
Value buildRandomUniform(OpBuilder &b, Location loc, Value seed,
                         uint64_t stream, Value index);

} // namespace mlir::axt::lowering

#endif // AXT_LIB_CONVERSION_AXTTOLINALG_PHILOX_H
