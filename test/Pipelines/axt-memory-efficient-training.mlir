// RUN: axt-opt %s --axt-memory-efficient-training | FileCheck %s
// RUN: axt-opt %s --axt-memory-efficient-training="runtime-matmul=false eval=false momentum=0.5" | FileCheck %s --check-prefix=LOOPS
// RUN: axt-opt %s --pass-pipeline="builtin.module(axt-memory-efficient-training{momentum=0.25 weight-decay=0.5})" --mlir-print-ir-after=axt-autodiff -o /dev/null 2>&1 | FileCheck %s --check-prefix=OPTIONS

// Autodiff, then lowering: everything ends in the LLVM dialect, matmuls
// call the runtime's kernel, results come back through out-parameters.

// CHECK-NOT:     axt.
// CHECK-NOT:     linalg.
// CHECK-LABEL:   llvm.func private @axtrt_matmul_f32(
// CHECK:           llvm.call @_mlir_ciface_axtrt_matmul_f32(
// CHECK-LABEL:   llvm.func @_mlir_ciface_axtrt_matmul_f32(!llvm.ptr, !llvm.ptr, !llvm.ptr)
// CHECK-LABEL:   llvm.func @mlp(
// CHECK-LABEL:   llvm.func @mlp_eval(
// CHECK-LABEL:   llvm.func @mlp_train_step(
// Two forward matmuls; three backward (no gradient for the input).
// CHECK-COUNT-5: llvm.call @axtrt_matmul_f32(
// CHECK-NOT:     llvm.call @axtrt_matmul_f32(
// CHECK:         llvm.return
// CHECK-NOT:     axt.
// CHECK-NOT:     linalg.

// Without the runtime kernel matmuls become loops; no eval function.
// LOOPS-NOT:   axtrt_matmul_f32
// LOOPS-NOT:   @mlp_eval
// LOOPS-LABEL: llvm.func @mlp_train_step(
// LOOPS:       llvm.fmul
// LOOPS-NOT:   axtrt_matmul_f32

// Pipeline options reach the passes.
// OPTIONS: axt.sgd_momentum {{.*}} {momentum = 2.500000e-01 : f32, weight_decay = 5.000000e-01 : f32}

func.func @mlp(%w0: tensor<8x12xf32>, %b0: tensor<8xf32>, %w1: tensor<4x8xf32>, %b1: tensor<4xf32>,
               %x: tensor<?x12xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b0 : tensor<?x12xf32>, tensor<8x12xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %h0 = axt.relu %z0 : tensor<?x8xf32>
  %z1 = axt.linear %h0, %w1, %b1 : tensor<?x8xf32>, tensor<4x8xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z1, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
