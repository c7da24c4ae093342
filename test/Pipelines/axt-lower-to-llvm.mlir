// RUN: axt-opt %s --axt-lower-to-llvm | FileCheck %s
// RUN: axt-opt %s --axt-lower-to-llvm="runtime-matmul=false" | FileCheck %s --check-prefix=LOOPS
// RUN: axt-opt %s --axt-autodiff --axt-lower-to-llvm | FileCheck %s --check-prefix=STEP
// RUN: axt-opt %s --axt-lower-to-llvm="parallel-loops=false" | FileCheck %s --check-prefix=SERIAL

// The forward of a classifier, lowered alone: the result buffer is an
// out-parameter (memref<f32> expands to pointer, pointer, offset). The
// loops over the (dynamic) batch are outlined and called through the
// runtime, which splits them over threads; the sum over the batch for the
// loss is not a parallel loop and stays.

// CHECK-NOT:   axt.
// CHECK:       llvm.func internal @classifier_parallel{{.*}}_range(
// CHECK:       llvm.func internal @classifier_parallel{{.*}}(
// CHECK:         llvm.intr.exp
// CHECK-LABEL: llvm.func @classifier(
// CHECK-SAME:      %{{.+}}: !llvm.ptr, %{{.+}}: !llvm.ptr, %{{.+}}: i64) {
// CHECK:         llvm.call @axtrt_parallel_for(
// CHECK:         llvm.call @axtrt_matmul_f32(
// CHECK:         llvm.call @axtrt_parallel_for(
// CHECK:         llvm.intr.log
// CHECK:         llvm.return
// CHECK:       llvm.func @axtrt_parallel_for(!llvm.ptr, !llvm.ptr, i64, i64, i64)

// SERIAL-NOT:   axtrt_parallel_for
// SERIAL-LABEL: llvm.func @classifier(
// SERIAL:         llvm.call @axtrt_matmul_f32(
// SERIAL:         llvm.intr.exp
// SERIAL:         llvm.intr.log
// SERIAL:         llvm.return

// Without the runtime's matmul, the matmul is a loop nest over the batch
// like the others.
// LOOPS-NOT:   axtrt_matmul_f32
// LOOPS:       llvm.func internal @classifier_parallel{{.*}}(
// LOOPS:         llvm.fmul
// LOOPS:         llvm.fadd
// LOOPS-LABEL: llvm.func @classifier(
// LOOPS:         llvm.call @axtrt_parallel_for(

// After autodiff the stashes are gone: uncompressed, they cost nothing.
// STEP-LABEL: llvm.func @classifier_train_step(
// STEP-NOT:   axt.stash
// STEP-NOT:   axt.unstash
// STEP-COUNT-2: llvm.call @axtrt_matmul_f32(
// STEP:       llvm.return
func.func @classifier(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                      %x: tensor<?x5xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<?x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<?x3xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
