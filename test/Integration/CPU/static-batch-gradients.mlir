// Gradients of the 12-8-6-4 ReLU MLP with a static batch dimension of 5:
// finite differences and the independent C++ reference, two seeds each.
// Without --batch the runner takes the model's batch size; an explicit
// matching --batch is accepted, a different one is an error.

// RUN: axt-run %s --check-gradients --seed 1 \
// RUN:   | FileCheck %s --check-prefix=FD -DSEED=1
// RUN: axt-run %s --check-gradients --batch 5 --seed 2 \
// RUN:   | FileCheck %s --check-prefix=FD -DSEED=2

// FD:      gradient check of '@mlp_static5': batch 5, seed [[SEED]], loss {{[0-9]+\.[0-9]+}}, epsilon 0.001
// FD-NEXT: param0 [8x12] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param1 [8] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param2 [6x8] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param3 [6] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param4 [4x6] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param5 [4] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: gradient check: PASS (max rel_err {{.*}}, tol 1.0e-02)

// RUN: axt-run %s --seed 1 --dump-step %t.seed1.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.seed1.dump
// RUN: axt-mlp-reference --tol 1e-5 %t.seed1.dump | FileCheck %s --check-prefix=REF
// RUN: axt-run %s --batch 5 --seed 2 --dump-step %t.seed2.dump
// RUN: axt-mlp-reference --tol 1e-5 %t.seed2.dump | FileCheck %s --check-prefix=REF
// The same with the generated matmul code instead of the runtime's kernel.
// RUN: axt-run %s --seed 2 --runtime-matmul=false --dump-step %t.codegen.dump
// RUN: axt-mlp-reference --tol 1e-5 %t.codegen.dump | FileCheck %s --check-prefix=REF
// RUN: axt-run %s --check-gradients --seed 1 --runtime-matmul=false \
// RUN:   | FileCheck %s --check-prefix=FD -DSEED=1

// DUMP: tensor input f32 2 5 12
// DUMP: tensor labels i32 1 5

// REF:      model: N=5 layers=12-8-6-4
// REF:      reference check: PASS

// A --batch that contradicts the model's static batch size is refused.
// RUN: not axt-run %s --check-gradients --batch 4 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BATCH --implicit-check-not="gradient check"
// RUN: not axt-run %s --batch 64 --dump-step %t.never.dump 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BATCH64
// RUN: not ls %t.never.dump
// BATCH:   axt-run: error: the model's batch size is fixed at 5 (got --batch 4)
// BATCH64: axt-run: error: the model's batch size is fixed at 5 (got --batch 64)

func.func @mlp_static5(%w0: tensor<8x12xf32>, %b0: tensor<8xf32>,
                       %w1: tensor<6x8xf32>, %b1: tensor<6xf32>,
                       %w2: tensor<4x6xf32>, %b2: tensor<4xf32>,
                       %x: tensor<5x12xf32>, %labels: tensor<5xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b0 : tensor<5x12xf32>, tensor<8x12xf32>, tensor<8xf32> -> tensor<5x8xf32>
  %h0 = axt.relu %z0 : tensor<5x8xf32>
  %z1 = axt.linear %h0, %w1, %b1 : tensor<5x8xf32>, tensor<6x8xf32>, tensor<6xf32> -> tensor<5x6xf32>
  %h1 = axt.relu %z1 : tensor<5x6xf32>
  %z2 = axt.linear %h1, %w2, %b2 : tensor<5x6xf32>, tensor<4x6xf32>, tensor<4xf32> -> tensor<5x4xf32>
  %loss = axt.softmax_cross_entropy %z2, %labels : tensor<5x4xf32>, tensor<5xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
