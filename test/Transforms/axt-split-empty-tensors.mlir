// RUN: axt-opt %s --split-input-file --axt-split-empty-tensors | FileCheck %s
// RUN: axt-opt %s --split-input-file --axt-split-empty-tensors --one-shot-bufferize="allow-return-allocs-from-loops" | FileCheck %s --check-prefix=BUFFERS

// One empty tensor (as CSE leaves it) for two destinations: each gets its
// own, right before its user, and the original is gone. Bufferized, the
// second result no longer reuses the first's buffer: two allocations, each
// made where its value is written.

// CHECK-LABEL: func.func @shared_empty(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<4xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK-NEXT:    %[[E1:.+]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT:    %[[X:.+]] = linalg.exp ins(%[[A]] : tensor<4xf32>) outs(%[[E1]] : tensor<4xf32>)
// CHECK-NEXT:    %[[E2:.+]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT:    %[[Y:.+]] = linalg.exp ins(%[[B]] : tensor<4xf32>) outs(%[[E2]] : tensor<4xf32>)
// CHECK-NEXT:    return %[[X]], %[[Y]]

// BUFFERS-LABEL: func.func @shared_empty(
// BUFFERS:         %[[M1:.+]] = memref.alloc() {{.*}}: memref<4xf32>
// BUFFERS-NEXT:    linalg.exp ins(%{{.+}}) outs(%[[M1]] : memref<4xf32>)
// BUFFERS:         %[[M2:.+]] = memref.alloc() {{.*}}: memref<4xf32>
// BUFFERS-NEXT:    linalg.exp ins(%{{.+}}) outs(%[[M2]] : memref<4xf32>)
func.func @shared_empty(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %x = linalg.exp ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %y = linalg.exp ins(%b : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %x, %y : tensor<4xf32>, tensor<4xf32>
}

// -----

// A shared fill of zeros that two matmuls accumulate into: each gets a fill
// of an empty tensor of its own, with the dynamic size the original read.
// Bufferized, no buffer of zeros is kept to copy from.

// CHECK-LABEL: func.func @shared_fill(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<?x8xf32>, %[[W:[^:]+]]: tensor<8x4xf32>, %[[N:[^:]+]]: index)
// CHECK-NEXT:    %[[ZERO:.+]] = arith.constant 0.0
// CHECK-NEXT:    %[[E1:.+]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK-NEXT:    %[[F1:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E1]] : tensor<?x4xf32>)
// CHECK-NEXT:    linalg.matmul ins(%[[A]], %[[W]] : tensor<?x8xf32>, tensor<8x4xf32>) outs(%[[F1]] : tensor<?x4xf32>)
// CHECK-NEXT:    %[[E2:.+]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK-NEXT:    %[[F2:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E2]] : tensor<?x4xf32>)
// CHECK-NEXT:    linalg.matmul ins(%[[A]], %[[W]] : tensor<?x8xf32>, tensor<8x4xf32>) outs(%[[F2]] : tensor<?x4xf32>)
// CHECK-NOT:     linalg.fill

// BUFFERS-LABEL: func.func @shared_fill(
// BUFFERS-NOT:     memref.copy
// BUFFERS:         return
func.func @shared_fill(%a: tensor<?x8xf32>, %w: tensor<8x4xf32>, %n: index) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%n) : tensor<?x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
  %x = linalg.matmul ins(%a, %w : tensor<?x8xf32>, tensor<8x4xf32>) outs(%f : tensor<?x4xf32>) -> tensor<?x4xf32>
  %y = linalg.matmul ins(%a, %w : tensor<?x8xf32>, tensor<8x4xf32>) outs(%f : tensor<?x4xf32>) -> tensor<?x4xf32>
  return %x, %y : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// A user in a nested region keeps the original: a copy there would be
// made on every iteration.

// CHECK-LABEL: func.func @nested_user(
// CHECK-NEXT:    %[[E:.+]] = tensor.empty() : tensor<4xf32>
// CHECK:         scf.for
// CHECK:           linalg.exp ins(%{{.+}} : tensor<4xf32>) outs(%[[E]] : tensor<4xf32>)
func.func @nested_user(%a: tensor<4xf32>, %lb: index, %ub: index, %step: index) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %r = scf.for %i = %lb to %ub step %step iter_args(%acc = %a) -> tensor<4xf32> {
    %x = linalg.exp ins(%acc : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    scf.yield %x : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

// An elementwise generic whose input of the same type dies there writes
// over it instead of an empty tensor (a ReLU's gradient over the ReLU's
// output): bufferized, no allocation for the result. Not over an argument
// (the caller's), nor over a value read later.

// CHECK-LABEL: func.func @reuse_dying_input(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<4xf32>, %[[G:[^:]+]]: tensor<4xf32>)
// CHECK:         %[[R:.+]] = linalg.exp ins(%[[X]] : tensor<4xf32>) outs(%{{.+}} : tensor<4xf32>)
// CHECK-NEXT:    %[[D:.+]] = linalg.generic {{.*}} ins(%[[G]], %[[R]] : tensor<4xf32>, tensor<4xf32>) outs(%[[R]] : tensor<4xf32>)
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT:    linalg.generic {{.*}} ins(%[[D]], %[[G]] : tensor<4xf32>, tensor<4xf32>) outs(%[[E]] : tensor<4xf32>)

// BUFFERS-LABEL: func.func @reuse_dying_input(
// BUFFERS-COUNT-2: memref.alloc()
// BUFFERS-NOT:     memref.alloc()
// BUFFERS-NOT:     memref.copy
// BUFFERS:         return
#id = affine_map<(d0) -> (d0)>
func.func @reuse_dying_input(%x: tensor<4xf32>, %g: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.exp ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %e2 = tensor.empty() : tensor<4xf32>
  %d = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%g, %r : tensor<4xf32>, tensor<4xf32>) outs(%e2 : tensor<4xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  %e3 = tensor.empty() : tensor<4xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%d, %g : tensor<4xf32>, tensor<4xf32>) outs(%e3 : tensor<4xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %m = arith.addf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  return %d, %s : tensor<4xf32>, tensor<4xf32>
}
