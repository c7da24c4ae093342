//===- ParallelLoops.h - loops split over the runtime's threads -*- C++ -*-===//
#ifndef AXT_CONVERSION_PARALLELLOOPS_PARALLELLOOPS_H
#define AXT_CONVERSION_PARALLELLOOPS_PARALLELLOOPS_H

#include "llvm/ADT/StringRef.h"

namespace mlir::axt {

/// Marks a function that axt-outline-parallel-loops outlined (a unit
/// attribute). Its arguments: the range [begin, end), the innermost
/// iterations of one iteration (for the runtime; the body ignores it), then
/// the values it captured.
inline constexpr llvm::StringLiteral kParallelBodyAttrName =
    "axt.parallel_body";

/// The runtime's entry point that splits a range over threads
/// (runtime/include/axtrt/parallel_for.h).
inline constexpr llvm::StringLiteral kRuntimeParallelFor = "axtrt_parallel_for";

} // namespace mlir::axt

#endif // AXT_CONVERSION_PARALLELLOOPS_PARALLELLOOPS_H
