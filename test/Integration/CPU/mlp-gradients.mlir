// Gradients of a small 12-8-6-4 ReLU MLP with a dynamic batch dimension,
// checked two independent ways:
//  * against central finite differences of the compiled loss
//    (axt-run --check-gradients), and
//  * against the plain C++ double-precision reference
//    (axt-mlp-reference on a step dump written by axt-run --dump-step).
// The seeds are fixed, so the random batch and initialization are too.

// Finite differences, two seeds.
// RUN: axt-run %s --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=FD -DSEED=1
// RUN: axt-run %s --check-gradients --batch 4 --seed 2 \
// RUN:   | FileCheck %s --check-prefix=FD -DSEED=2

// FD:      gradient check of '@mlp_12_8_6_4': batch 4, seed [[SEED]], loss {{[0-9]+\.[0-9]+}}, epsilon 0.001
// FD-NEXT: param0 [8x12] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param1 [8] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param2 [6x8] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param3 [6] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param4 [4x6] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: param5 [4] |fd| {{[0-9.]+e[-+][0-9]+}} rel_err {{[0-9.]+e[-+][0-9]+}}
// FD-NEXT: gradient check: PASS (max rel_err {{.*}}, tol 1.0e-02)

// The check is not vacuous: with an impossible tolerance it fails (exit 1).
// RUN: not axt-run %s --check-gradients --batch 4 --seed 1 --fd-tolerance 1e-12 \
// RUN:   | FileCheck %s --check-prefix=FD-STRICT
// FD-STRICT: gradient check: FAIL (max rel_err {{.*}}, tol 1.0e-12)

// Independent reference, two seeds (and a --batch other than 4).
// RUN: axt-run %s --batch 4 --seed 1 --dump-step %t.seed1.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.seed1.dump -DN=4
// RUN: axt-mlp-reference --tol 1e-5 %t.seed1.dump | FileCheck %s --check-prefix=REF -DN=4
// RUN: axt-run %s --batch 4 --seed 2 --dump-step %t.seed2.dump
// RUN: axt-mlp-reference --tol 1e-5 %t.seed2.dump | FileCheck %s --check-prefix=REF -DN=4
// RUN: axt-run %s --batch 7 --seed 5 --dump-step %t.batch7.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.batch7.dump -DN=7
// RUN: axt-mlp-reference --tol 1e-5 %t.batch7.dump | FileCheck %s --check-prefix=REF -DN=7

// DUMP:      # axt step dump v1
// DUMP-NEXT: tensor param0 f32 2 8 12
// DUMP:      tensor param1 f32 1 8
// DUMP:      tensor param2 f32 2 6 8
// DUMP:      tensor param3 f32 1 6
// DUMP:      tensor param4 f32 2 4 6
// DUMP:      tensor param5 f32 1 4
// DUMP:      tensor input f32 2 [[N]] 12
// DUMP:      tensor labels i32 1 [[N]]
// DUMP:      tensor loss f32 0
// DUMP:      tensor grad0 f32 2 8 12
// DUMP:      tensor grad1 f32 1 8
// DUMP:      tensor grad2 f32 2 6 8
// DUMP:      tensor grad3 f32 1 6
// DUMP:      tensor grad4 f32 2 4 6
// DUMP:      tensor grad5 f32 1 4

// REF:      model: N=[[N]] layers=12-8-6-4
// REF-NEXT: loss axt={{.*}} ref={{.*}} rel_err=
// REF-NEXT: grad0 [8x12] rel_err=
// REF-NEXT: grad1 [8] rel_err=
// REF-NEXT: grad2 [6x8] rel_err=
// REF-NEXT: grad3 [6] rel_err=
// REF-NEXT: grad4 [4x6] rel_err=
// REF-NEXT: grad5 [4] rel_err=
// REF-NEXT: reference check: PASS

// The reference is not vacuous either: a perturbed gradient in the dump
// makes it fail (exit 1).
// RUN: sed -e '/^tensor grad5 /{n;s/^[^ ]*/100/;}' %t.seed1.dump > %t.bad.dump
// RUN: not axt-mlp-reference --tol 1e-5 %t.bad.dump | FileCheck %s --check-prefix=REF-BAD
// REF-BAD: reference check: FAIL ({{.*}} in grad5, tol=1e-05)

// The dumped gradient is the loss gradient alone, whatever the optimizer
// settings (the runner reads it back through the velocity and removes the
// weight-decay term), and it is as accurate with the generated matmul code
// as with the runtime's kernel.
// RUN: axt-run %s --batch 4 --seed 2 --weight-decay 0.5 --momentum 0.5 --dump-step %t.wd.dump
// RUN: axt-mlp-reference --tol 1e-5 %t.wd.dump | FileCheck %s --check-prefix=REF -DN=4
// RUN: axt-run %s --batch 7 --seed 5 --runtime-matmul=false --dump-step %t.codegen.dump
// RUN: axt-mlp-reference --tol 1e-5 %t.codegen.dump | FileCheck %s --check-prefix=REF -DN=7
// RUN: axt-run %s --check-gradients --batch 4 --seed 2 --runtime-matmul=false \
// RUN:   | FileCheck %s --check-prefix=FD -DSEED=2

// Both options in one run: the dump is written and the check still runs.
// RUN: axt-run %s --check-gradients --batch 4 --seed 1 --dump-step %t.both.dump \
// RUN:   | FileCheck %s --check-prefix=FD -DSEED=1
// RUN: diff %t.seed1.dump %t.both.dump

func.func @mlp_12_8_6_4(%w0: tensor<8x12xf32>, %b0: tensor<8xf32>,
                        %w1: tensor<6x8xf32>, %b1: tensor<6xf32>,
                        %w2: tensor<4x6xf32>, %b2: tensor<4xf32>,
                        %x: tensor<?x12xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b0 : tensor<?x12xf32>, tensor<8x12xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %h0 = axt.relu %z0 : tensor<?x8xf32>
  %z1 = axt.linear %h0, %w1, %b1 : tensor<?x8xf32>, tensor<6x8xf32>, tensor<6xf32> -> tensor<?x6xf32>
  %h1 = axt.relu %z1 : tensor<?x6xf32>
  %z2 = axt.linear %h1, %w2, %b2 : tensor<?x6xf32>, tensor<4x6xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z2, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
