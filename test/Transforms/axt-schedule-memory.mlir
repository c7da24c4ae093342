// RUN: axt-opt %s --split-input-file --axt-schedule-memory --axt-memory-report | FileCheck %s
// RUN: axt-opt %s --split-input-file --axt-memory-report | FileCheck %s --check-prefix=BEFORE

// Two chains, each a 4096-byte ReLU output reduced to 512 bytes. As
// written, both ReLU outputs are live at the first reduction: 8192 (the
// arguments) + 2 x 4096 + 512 = 16896 bytes. Greedy list scheduling
// finishes the first chain before starting the second (the reduction
// frees what it reads): at most 8192 + 4096 + 2 x 512 = 13312.

// (The report prints before the IR.)
// CHECK:       memory of @two_chains at batch 1
// CHECK:         LOAD {{ *}}13312 bytes at op 3 (axt.sum_to_shape)
// CHECK-LABEL: func.func @two_chains(
// CHECK:         %[[A:.+]] = axt.relu %arg0
// CHECK-NEXT:    axt.sum_to_shape %[[A]]
// CHECK-NEXT:    %[[B:.+]] = axt.relu %arg1
// CHECK-NEXT:    axt.sum_to_shape %[[B]]

// BEFORE:      memory of @two_chains at batch 1
// BEFORE:        LOAD {{ *}}16896 bytes at op 2 (axt.sum_to_shape)
func.func @two_chains(%x: tensor<8x128xf32>, %y: tensor<8x128xf32>) -> (tensor<1x128xf32>, tensor<1x128xf32>) {
  %a = axt.relu %x : tensor<8x128xf32>
  %b = axt.relu %y : tensor<8x128xf32>
  %sa = axt.sum_to_shape %a : tensor<8x128xf32> -> tensor<1x128xf32>
  %sb = axt.sum_to_shape %b : tensor<8x128xf32> -> tensor<1x128xf32>
  return %sa, %sb : tensor<1x128xf32>, tensor<1x128xf32>
}

// -----

// Nothing to gain: the order stays (the first of equal orders wins).
// CHECK:       memory of @chain at batch 1
// CHECK-LABEL: func.func @chain(
// CHECK:         %[[A:.+]] = axt.relu %arg0
// CHECK-NEXT:    %[[B:.+]] = axt.relu %[[A]]
// CHECK-NEXT:    return %[[B]]
func.func @chain(%x: tensor<8x128xf32>) -> tensor<8x128xf32> {
  %a = axt.relu %x : tensor<8x128xf32>
  %b = axt.relu %a : tensor<8x128xf32>
  return %b : tensor<8x128xf32>
}

// -----

// An update that may run in place stays after every other reader of the
// parameter it writes over. Here the update of %w1 is ready once its
// gradient %g1 is, but %d still reads %w1. As written, the gradients stay
// live through the 4096-byte chain %b1, %b2 until the updates at the end:
// LOAD = 640 (the 4x8 arguments) + 4096 (%y) + 128 (%g1) + 128 (%d) +
// 2 x 4096 = 13184 at %b2. Moving each update right after its last
// reader, in place, frees the gradients before the chain: 640 + 4096 +
// 2 x 4096 = 12928. Moved before %d instead (had the pass not kept it
// after its readers), the update of %w1 could not write over %w1 and %v1:
// 256 bytes of new values from there on, worse than as written.
// CHECK:       memory of @update_after_readers at batch 1
// CHECK-NEXT:    parameters {{ *}}256 bytes
// CHECK-NEXT:    optimizer state {{ *}}256 bytes
// CHECK:         LOAD {{ *}}12928 bytes
// CHECK-LABEL: func.func @update_after_readers(
// CHECK:         axt.add %arg4, %arg0
// CHECK-NEXT:    axt.sgd_momentum %arg0,
// CHECK:         axt.relu %arg5
// BEFORE:      memory of @update_after_readers at batch 1
// BEFORE:        LOAD {{ *}}13184 bytes
func.func @update_after_readers(%w1: tensor<4x8xf32>, %w2: tensor<4x8xf32>, %v1: tensor<4x8xf32>, %v2: tensor<4x8xf32>, %x: tensor<4x8xf32> {axt.input}, %y: tensor<8x128xf32>, %lr: f32) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<1x128xf32>) {
  %g1 = axt.relu %x : tensor<4x8xf32>
  %d = axt.add %x, %w1 : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %b1 = axt.relu %y : tensor<8x128xf32>
  %b2 = axt.relu %b1 : tensor<8x128xf32>
  %s = axt.sum_to_shape %b2 : tensor<8x128xf32> -> tensor<1x128xf32>
  %g2 = axt.relu %d : tensor<4x8xf32>
  %n1, %m1 = axt.sgd_momentum %w1, %g1, %v1, %lr {momentum = 0.9 : f32, weight_decay = 0.0 : f32} : tensor<4x8xf32>
  %n2, %m2 = axt.sgd_momentum %w2, %g2, %v2, %lr {momentum = 0.9 : f32, weight_decay = 0.0 : f32} : tensor<4x8xf32>
  return %n1, %m1, %n2, %m2, %s : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<1x128xf32>
}
