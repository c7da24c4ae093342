// RUN: axt-opt %s --split-input-file --axt-memory-report -o /dev/null | FileCheck %s

// An optimizer update that is the last reader of its parameter and
// velocity writes its new values over them: they share the arguments'
// buffers. Every tensor<4x8xf32> is 128 bytes: the parameter, the velocity
// and the batch (arguments, live throughout: 384), the gradient %g (ops
// 1-2) and %y (op 0 to 1). LOAD = 384 + 128 + 128 = 640 at op 1, and the
// parameters and optimizer state are counted once.

// CHECK-LABEL: memory of @in_place at batch 1
// CHECK-NEXT:    parameters                    128 bytes
// CHECK-NEXT:    optimizer state               128 bytes
// CHECK-NEXT:    batch                         128 bytes
// CHECK-NEXT:    gradients                     128 bytes
// CHECK:         no reuse                      640 bytes
// CHECK-NEXT:    LOAD                          640 bytes at op 1 (axt.add)
func.func @in_place(%w: tensor<4x8xf32>, %v: tensor<4x8xf32>, %x: tensor<4x8xf32> {axt.input}, %lr: f32) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %y = axt.add %x, %w : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %g = axt.add %y, %x : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %nw, %nv = axt.sgd_momentum %w, %g, %v, %lr {momentum = 0.9 : f32, weight_decay = 0.0 : f32} : tensor<4x8xf32>
  return %nw, %nv : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// The same update with the parameter read again after it (by %z): the new
// values need buffers of their own (256 bytes more, returned, live from op
// 2 to the end); LOAD = 384 + 128 (%g) + 256 = 768 at op 2.

// CHECK-LABEL: memory of @read_after at batch 1
// CHECK-NEXT:    parameters                    256 bytes
// CHECK-NEXT:    optimizer state               256 bytes
// CHECK:         LOAD                          768 bytes at op 2 (axt.sgd_momentum)
func.func @read_after(%w: tensor<4x8xf32>, %v: tensor<4x8xf32>, %x: tensor<4x8xf32> {axt.input}, %lr: f32) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %y = axt.add %x, %w : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %g = axt.add %y, %x : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %nw, %nv = axt.sgd_momentum %w, %g, %v, %lr {momentum = 0.9 : f32, weight_decay = 0.0 : f32} : tensor<4x8xf32>
  %z = axt.add %x, %w : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  return %nw, %nv, %z : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}
