// RUN: axt-opt %s --split-input-file --axt-compress-activations --verify-diagnostics
// RUN: axt-opt %s --split-input-file --axt-compress-activations="rounding=nearest" | FileCheck %s
// RUN: not axt-opt %s --axt-compress-activations="bits=5" 2>&1 | FileCheck %s --check-prefix=BITS

// Stochastic rounding needs a seed; nearest rounding does not (a constant
// stands in).
// expected-error @+1 {{axt-compress-activations: stochastic rounding needs the seed, a trailing i64 argument of '@no_seed'}}
func.func @no_seed(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = axt.relu %x : tensor<4xf32>
  %s = axt.stash %r : tensor<4xf32>
  %u = axt.unstash %s : !axt.stashed<tensor<4xf32>>
  return %u : tensor<4xf32>
}
// CHECK-LABEL: func.func @no_seed(
// CHECK:         %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK:         axt.quantize %{{.+}}, %[[ZERO]] {rounding = "nearest", stream = 4294967296 : i64}

// BITS: error: axt-compress-activations: bits (5) must be 1, 2, 3, 4 or 8, group-size (256) non-negative, rounding ("stochastic") "stochastic" or "nearest"
