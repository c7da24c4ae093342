// RUN: axt-opt %s --axt-memory-report -o /dev/null | FileCheck %s
// RUN: axt-opt %s --axt-memory-report="format=json" -o /dev/null | FileCheck %s --check-prefix=JSON
// RUN: not axt-opt %s --axt-memory-report="batch=0" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD

// Ops 0-6; every f32 tensor<4x8> is 128 bytes, the weight 256. Arguments
// are live throughout (384 bytes); %a from op 0 to its unstash's use at op
// 5 (a saved activation: stash and unstash share its buffer), %b over ops
// 2-3, %d over 3-5, %c over 5-6. At op 3: 384 + a + b + d = 768; at op 5:
// 384 + a + d + c = 768, so LOAD = 768 (first at op 3), against 896
// without reuse. The step's own buffers (not the arguments, nor %c, which
// is returned) are %a, %b and %d, 384 bytes at op 3: one arena of 384.
// The caller holds the arguments and %c, 512 bytes: planned peak 896.

// CHECK-LABEL: memory of @chain at batch 1
// CHECK-NEXT:    parameters                      0 bytes
// CHECK-NEXT:    optimizer state                 0 bytes
// CHECK-NEXT:    batch                         128 bytes
// CHECK-NEXT:    gradients                       0 bytes
// CHECK-NEXT:    saved activations             128 bytes
// CHECK-NEXT:    temporaries                   640 bytes
// CHECK-NEXT:      saved as f32 128, packed 0, masks 0, positions 0
// CHECK-NEXT:    no reuse                      896 bytes
// CHECK-NEXT:    LOAD                          768 bytes at op 3 (axt.relu)
// CHECK-NEXT:    arena                         384 bytes planned in one arena for LOAD 384 of the step's own buffers (1.000x, best fit by size, {{[0-9.]+}} ms)
// CHECK-NEXT:    planned peak                  896 bytes: the arena and the caller's 512 bytes (arguments and returned values)
// CHECK-NEXT:    live at the peak:
// CHECK-NEXT:              256 temporaries        argument 1 tensor<8x8xf32>
// CHECK-NEXT:              128 batch              argument 0 tensor<4x8xf32>
// CHECK-NEXT:              128 saved activations  axt.relu tensor<4x8xf32>
// CHECK-NEXT:              128 temporaries        axt.relu tensor<4x8xf32>
// CHECK-NEXT:              128 temporaries        axt.relu tensor<4x8xf32>

// JSON:      "batch": 1,
// JSON:      "arena_height": 384,
// JSON:      "arena_load": 384,
// JSON:      "caller_bytes": 512,
// JSON:      "function": "chain",
// JSON:      "load": 768,
// JSON:      "no_reuse": 896,
// JSON:      "peak_op": 3,
// JSON:      "peak_op_name": "axt.relu",
// JSON:      "planned_peak": 896,

// BAD: error: axt-memory-report: batch (0) must be positive and format ("text") "text" or "json"
func.func @chain(%x: tensor<4x8xf32> {axt.input}, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %a = axt.relu %x : tensor<4x8xf32>
  %s = axt.stash %a : tensor<4x8xf32>
  %b = axt.relu %a : tensor<4x8xf32>
  %d = axt.relu %b : tensor<4x8xf32>
  %u = axt.unstash %s : !axt.stashed<tensor<4x8xf32>>
  %c = axt.add %d, %u : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  return %c : tensor<4x8xf32>
}
