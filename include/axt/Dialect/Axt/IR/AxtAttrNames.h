//===- AxtAttrNames.h - discardable attributes of the axt dialect -*- C++ -*-===//
//
// The names of the attributes AXT puts on function arguments and ops, and
// the values the dialect accepts for them; the dialect verifies them, and
// passes, analyses and runners read them. Kept apart from the ops so that
// reading an attribute name needs no dialect headers.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_DIALECT_AXT_IR_AXTATTRNAMES_H
#define AXT_DIALECT_AXT_IR_AXTATTRNAMES_H

#include "llvm/ADT/StringRef.h"

namespace mlir::axt {

/// On a loss function's argument: non-trainable state (batch-norm running
/// statistics) whose new value the function returns after the loss.
inline constexpr llvm::StringLiteral kStateAttrName = "axt.state";
/// On a loss function's argument: how runners initialize it, one of
/// kInitValues.
inline constexpr llvm::StringLiteral kInitAttrName = "axt.init";
/// He-uniform draws from U(±sqrt(6/fan_in)), fan-in-uniform from
/// U(±1/sqrt(fan_in)); fan_in is the size of one slice along dimension 0.
inline constexpr llvm::StringLiteral kInitValues[] = {
    "zeros", "ones", "he-uniform", "fan-in-uniform"};
/// Marks the batch input of a training step: an activation (kept for the
/// backward like any other), not a parameter.
inline constexpr llvm::StringLiteral kInputAttrName = "axt.input";
/// On an `axt.quantize`: the fewest bits its value may be kept with (the
/// logits of the loss: 8), for passes that change widths.
inline constexpr llvm::StringLiteral kMinimumBitsAttrName = "axt.min_bits";
/// On a function axt-plan-memory gave an arena: its height and the LOAD of
/// its buffers (64-byte aligned), both i64 bytes, and a unit attribute when
/// the arena is proven the lowest possible.
inline constexpr llvm::StringLiteral kArenaBytesAttrName = "axt.arena_bytes";
inline constexpr llvm::StringLiteral kArenaLoadAttrName = "axt.arena_load";
inline constexpr llvm::StringLiteral kArenaOptimalAttrName =
    "axt.arena_optimal";

} // namespace mlir::axt

#endif // AXT_DIALECT_AXT_IR_AXTATTRNAMES_H
