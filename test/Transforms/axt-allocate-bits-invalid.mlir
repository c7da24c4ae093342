// RUN: axt-opt %s --split-input-file --verify-diagnostics \
// RUN:   --axt-allocate-bits="sensitivity=%S/Inputs/sensitivity.json budget=0.5"
// RUN: not axt-opt %s --split-input-file --axt-allocate-bits 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not axt-opt %s --split-input-file --axt-allocate-bits="sensitivity=%t.missing.json" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING
// RUN: not axt-opt %s --split-input-file --axt-allocate-bits="sensitivity=%s" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOTJSON
// RUN: echo '{"format": "axt-sensitivity-v1", "stashes": [{"function": "step"}]}' > %t.partial.json
// RUN: not axt-opt %s --split-input-file --axt-allocate-bits="sensitivity=%t.partial.json" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PARTIAL
// RUN: echo '{"stashes": []}' > %t.unversioned.json
// RUN: not axt-opt %s --split-input-file --axt-allocate-bits="sensitivity=%t.unversioned.json" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FORMAT

// MISSING: error: axt-allocate-bits: cannot read the sensitivity file '{{.*}}.missing.json': {{.*}}
// NOTJSON: error: axt-allocate-bits: the sensitivity file '{{.*}}' is not JSON: {{.*}}
// PARTIAL: error: axt-allocate-bits: stash 0 of '{{.*}}' needs 'function', 'stream', a positive 'elements' and a finite non-negative 'sensitivity'
// FORMAT: error: axt-allocate-bits: '{{.*}}' is not a sensitivity file (format axt-sensitivity-v1 with a 'stashes' array)
// NOFILE: error: axt-allocate-bits: no sensitivity file (option sensitivity=FILE, from axt-run --calibrate)

// A budget below what the narrowest widths take (1 bit, and 2 for
// exact-zero codes).
// expected-error @+1 {{axt-allocate-bits: the bit budget (0.500000 bits per element) is below what the narrowest widths take (1.000000)}}
func.func @step(%x: tensor<?x64xf32>, %seed: i64) {
  %qx = axt.quantize %x, %seed {stream = 4294967296 : i64} : tensor<?x64xf32> -> !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  %sx = axt.stash %qx : !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  return
}

// -----

// A stash the file does not know.
func.func @step(%x: tensor<?x64xf32>, %seed: i64) {
  // expected-error @+1 {{axt-allocate-bits: no sensitivity for this stash (function 'step', stream 7) in}}
  %qx = axt.quantize %x, %seed {stream = 7 : i64} : tensor<?x64xf32> -> !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  %sx = axt.stash %qx : !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  return
}

// -----

// A stash of another size than calibrated.
func.func @step(%x: tensor<?x32xf32>, %seed: i64) {
  // expected-error @+1 {{axt-allocate-bits: the sensitivity file has 64 elements per example for stream 4294967296, the stash 32 (a calibration of another model?)}}
  %qx = axt.quantize %x, %seed {stream = 4294967296 : i64} : tensor<?x32xf32> -> !axt.packed<tensor<?x32xf32>, bits = 2, group = 256>
  %sx = axt.stash %qx : !axt.packed<tensor<?x32xf32>, bits = 2, group = 256>
  return
}

// -----

// Codes used elsewhere than by a stash and its unstashes' readers: their
// type cannot change.
func.func @step(%x: tensor<?x64xf32>, %seed: i64) -> !axt.packed<tensor<?x64xf32>, bits = 2, group = 256> {
  // expected-error @+1 {{axt-allocate-bits: these codes are used by 'func.return', not only kept for the backward; their width cannot change}}
  %qx = axt.quantize %x, %seed {stream = 4294967296 : i64} : tensor<?x64xf32> -> !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  return %qx : !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
}

// -----

// A floor (axt.min_bits) above every width the pass can choose.
func.func @step(%x: tensor<?x64xf32>, %seed: i64) {
  // expected-error @+1 {{axt-allocate-bits: no width of 1, 2, 3, 4 or 8 bits meets axt.min_bits (9)}}
  %qx = axt.quantize %x, %seed {stream = 4294967296 : i64, axt.min_bits = 9 : i64} : tensor<?x64xf32> -> !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  %sx = axt.stash %qx : !axt.packed<tensor<?x64xf32>, bits = 2, group = 256>
  return
}
