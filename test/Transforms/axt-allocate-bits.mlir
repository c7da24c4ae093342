// RUN: axt-opt %s --split-input-file --axt-allocate-bits="sensitivity=%S/Inputs/sensitivity.json" | FileCheck %s
// RUN: axt-opt %s --split-input-file --axt-allocate-bits="sensitivity=%S/Inputs/sensitivity.json budget=4" | FileCheck %s --check-prefix=FOUR

// Three stashes of 64, 16 and 10 elements per example (90 in all) with
// sensitivities 0.01, 50 and 1000 (the second with exact-zero codes: one
// interval fewer). At 2 bits on average (180 bits per example) the exact
// optimum (brute force over the 100 combinations) gives the input 1 bit
// (64 bits: variance 0.01), the ReLU output 4 bits (64: 50/14^2 = 0.26) and
// the logits 4 (40: 1000/15^2 = 4.44), 168 bits in all (1.87 per element),
// variance 4.71: the logits' 8 bits (80) would leave the others 100. The
// widths go into the packed types of the quantize, its stash and
// unstashes; the dequantizations read them.
// At 4 bits on average (360 bits): 2, 8 and 8 (32 + 128 + 80 = 240 bits;
// the input's 4 bits would cost 128 more, 368 in all).

// CHECK-LABEL: func.func @step(
// CHECK-SAME:      attributes {axt.average_bits = 1.8666{{[0-9]*}} : f64, axt.predicted_variance = 4.7095{{[0-9]*}} : f64}
// CHECK:         %[[QX:.+]] = axt.quantize %{{.+}} -> !axt.packed<tensor<?x64xf32>, bits = 1, group = 256>
// CHECK:         %[[SX:.+]] = axt.stash %[[QX]] : !axt.packed<tensor<?x64xf32>, bits = 1, group = 256>
// CHECK:         axt.quantize %{{.+}} -> !axt.packed<tensor<?x16xf32>, bits = 4, group = 256, exact_zero>
// CHECK:         axt.quantize %{{.+}} -> !axt.packed<tensor<?x10xf32>, bits = 4, group = 256>
// CHECK:         %[[UX:.+]] = axt.unstash %[[SX]] : !axt.stashed<!axt.packed<tensor<?x64xf32>, bits = 1, group = 256>>
// CHECK:         axt.dequantize %[[UX]][%{{.+}}] : !axt.packed<tensor<?x64xf32>, bits = 1, group = 256>
// CHECK:         axt.unpack_mask %{{.+}} : !axt.packed<tensor<?x16xf32>, bits = 4, group = 256, exact_zero>

// FOUR-LABEL: func.func @step(
// FOUR:         axt.quantize %{{.+}} -> !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
// FOUR:         axt.quantize %{{.+}} -> !axt.packed<tensor<?x16xf32>, bits = 8, group = 256, exact_zero>
// FOUR:         axt.quantize %{{.+}} -> !axt.packed<tensor<?x10xf32>, bits = 8, group = 256>
func.func @step(%x: tensor<?x64xf32>, %r: tensor<?x16xf32>, %z: tensor<?x10xf32>, %n: index, %seed: i64)
    -> (tensor<?x64xf32>, tensor<?x16xf32>, tensor<?x10xf32>) {
  %qx = axt.quantize %x, %seed {stream = 4294967296 : i64} : tensor<?x64xf32> -> !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  %sx = axt.stash %qx : !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  %qr = axt.quantize %r, %seed {stream = 4294967297 : i64} : tensor<?x16xf32> -> !axt.packed<tensor<?x16xf32>, bits = 2, group = 256, exact_zero>
  %sr = axt.stash %qr : !axt.packed<tensor<?x16xf32>, bits = 2, group = 256, exact_zero>
  %qz = axt.quantize %z, %seed {stream = 4294967298 : i64} : tensor<?x10xf32> -> !axt.packed<tensor<?x10xf32>, bits = 8, group = 256>
  %sz = axt.stash %qz : !axt.packed<tensor<?x10xf32>, bits = 8, group = 256>
  %ux = axt.unstash %sx : !axt.stashed<!axt.packed<tensor<?x64xf32>, bits = 2, group = 256>>
  %dx = axt.dequantize %ux[%n] : !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  %ur = axt.unstash %sr : !axt.stashed<!axt.packed<tensor<?x16xf32>, bits = 2, group = 256, exact_zero>>
  %mr = axt.unpack_mask %ur[%n] : !axt.packed<tensor<?x16xf32>, bits = 2, group = 256, exact_zero>
  %uz = axt.unstash %sz : !axt.stashed<!axt.packed<tensor<?x10xf32>, bits = 8, group = 256>>
  %dz = axt.dequantize %uz[%n] : !axt.packed<tensor<?x10xf32>, bits = 8, group = 256>
  return %dx, %mr, %dz : tensor<?x64xf32>, tensor<?x16xf32>, tensor<?x10xf32>
}

// -----

// Nothing quantized: nothing to allocate, no file needed.
// CHECK-LABEL: func.func @nothing(
// CHECK-NOT:     axt.average_bits
func.func @nothing(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// The logits of the loss carry axt.min_bits = 8 (axt-compress-activations):
// no allocation goes below it. Budget 2 for 74 elements is 148 bits: the
// logits take 80, leaving the input its 1 bit (64).
// CHECK-LABEL: func.func @step(
// CHECK:         axt.quantize %{{.+}} -> !axt.packed<tensor<?x64xf32>, bits = 1, group = 256>
// CHECK:         axt.quantize %{{.+}} {axt.min_bits = 8 : i64, stream = 4294967298 : i64} : tensor<?x10xf32> -> !axt.packed<tensor<?x10xf32>, bits = 8, group = 256>
func.func @step(%x: tensor<?x64xf32>, %z: tensor<?x10xf32>, %seed: i64) -> tensor<?x10xf32> {
  %qx = axt.quantize %x, %seed {stream = 4294967296 : i64} : tensor<?x64xf32> -> !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  %sx = axt.stash %qx : !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  %qz = axt.quantize %z, %seed {stream = 4294967298 : i64, axt.min_bits = 8 : i64} : tensor<?x10xf32> -> !axt.packed<tensor<?x10xf32>, bits = 8, group = 256>
  %sz = axt.stash %qz : !axt.packed<tensor<?x10xf32>, bits = 8, group = 256>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %z, %c0 : tensor<?x10xf32>
  %uz = axt.unstash %sz : !axt.stashed<!axt.packed<tensor<?x10xf32>, bits = 8, group = 256>>
  %dz = axt.dequantize %uz[%n] : !axt.packed<tensor<?x10xf32>, bits = 8, group = 256>
  return %dz : tensor<?x10xf32>
}
