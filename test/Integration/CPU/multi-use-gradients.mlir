// Gradients of models in which a value or a parameter has several uses, so
// that autodiff must accumulate the partial gradients (with axt.add). Only
// the finite-difference check applies: the C++ reference knows plain MLPs.
// Each function is picked with --function; the fixed seeds keep the
// finite differences away from ReLU kinks, where they are meaningless.

// A hidden activation feeding two linear layers whose results are summed.
// RUN: axt-run %s --function branches --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=BRANCHES -DSEED=1
// RUN: axt-run %s --function branches --check-gradients --batch 4 --seed 2 \
// RUN:   | FileCheck %s --check-prefix=BRANCHES -DSEED=2
// BRANCHES:      gradient check of '@branches': batch 4, seed [[SEED]]
// BRANCHES-NEXT: param0 [8x12] |fd| {{.*}} rel_err
// BRANCHES-NEXT: param1 [8] |fd| {{.*}} rel_err
// BRANCHES-NEXT: param2 [4x8] |fd| {{.*}} rel_err
// BRANCHES-NEXT: param3 [4] |fd| {{.*}} rel_err
// BRANCHES-NEXT: param4 [4x8] |fd| {{.*}} rel_err
// BRANCHES-NEXT: param5 [4] |fd| {{.*}} rel_err
// BRANCHES-NEXT: gradient check: PASS
func.func @branches(%w0: tensor<8x12xf32>, %b0: tensor<8xf32>,
                    %wa: tensor<4x8xf32>, %ba: tensor<4xf32>,
                    %wb: tensor<4x8xf32>, %bb: tensor<4xf32>,
                    %x: tensor<?x12xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w0, %b0 : tensor<?x12xf32>, tensor<8x12xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %h = axt.relu %z : tensor<?x8xf32>
  %z2 = axt.linear %h, %wa, %ba : tensor<?x8xf32>, tensor<4x8xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %z3 = axt.linear %h, %wb, %bb : tensor<?x8xf32>, tensor<4x8xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %s = axt.add %z2, %z3 : tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %s, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// Weight sharing: one 8x8 weight used by two linear layers.
// RUN: axt-run %s --function shared_weight --check-gradients --batch 4 --seed 3 \
// RUN:   | FileCheck %s --check-prefix=SHARED-W -DSEED=3
// RUN: axt-run %s --function shared_weight --check-gradients --batch 4 --seed 1 --fd-epsilon 3e-3 \
// RUN:   | FileCheck %s --check-prefix=SHARED-W -DSEED=1
// SHARED-W:      gradient check of '@shared_weight': batch 4, seed [[SEED]]
// SHARED-W-NEXT: param0 [8x8] |fd| {{.*}} rel_err
// SHARED-W-NEXT: param1 [8] |fd| {{.*}} rel_err
// SHARED-W-NEXT: param2 [8] |fd| {{.*}} rel_err
// SHARED-W-NEXT: param3 [4x8] |fd| {{.*}} rel_err
// SHARED-W-NEXT: param4 [4] |fd| {{.*}} rel_err
// SHARED-W-NEXT: gradient check: PASS
func.func @shared_weight(%w: tensor<8x8xf32>, %b0: tensor<8xf32>, %b1: tensor<8xf32>,
                         %w2: tensor<4x8xf32>, %b2: tensor<4xf32>,
                         %x: tensor<?x8xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w, %b0 : tensor<?x8xf32>, tensor<8x8xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %h0 = axt.relu %z0 : tensor<?x8xf32>
  %z1 = axt.linear %h0, %w, %b1 : tensor<?x8xf32>, tensor<8x8xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %h1 = axt.relu %z1 : tensor<?x8xf32>
  %z2 = axt.linear %h1, %w2, %b2 : tensor<?x8xf32>, tensor<4x8xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z2, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// Bias sharing: one bias used by two linear layers.
// RUN: axt-run %s --function shared_bias --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=SHARED-B -DSEED=1
// RUN: axt-run %s --function shared_bias --check-gradients --batch 4 --seed 2 \
// RUN:   | FileCheck %s --check-prefix=SHARED-B -DSEED=2
// SHARED-B:      gradient check of '@shared_bias': batch 4, seed [[SEED]]
// SHARED-B-NEXT: param0 [8x12] |fd| {{.*}} rel_err
// SHARED-B-NEXT: param1 [8] |fd| {{.*}} rel_err
// SHARED-B-NEXT: param2 [8x8] |fd| {{.*}} rel_err
// SHARED-B-NEXT: param3 [4x8] |fd| {{.*}} rel_err
// SHARED-B-NEXT: param4 [4] |fd| {{.*}} rel_err
// SHARED-B-NEXT: gradient check: PASS
func.func @shared_bias(%w0: tensor<8x12xf32>, %b: tensor<8xf32>, %w1: tensor<8x8xf32>,
                       %w2: tensor<4x8xf32>, %b2: tensor<4xf32>,
                       %x: tensor<?x12xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b : tensor<?x12xf32>, tensor<8x12xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %h0 = axt.relu %z0 : tensor<?x8xf32>
  %z1 = axt.linear %h0, %w1, %b : tensor<?x8xf32>, tensor<8x8xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %h1 = axt.relu %z1 : tensor<?x8xf32>
  %z2 = axt.linear %h1, %w2, %b2 : tensor<?x8xf32>, tensor<4x8xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z2, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// A residual connection: the activation feeds both a linear layer and the
// axt.add that skips it.
// RUN: axt-run %s --function residual --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=RESIDUAL -DSEED=1
// RUN: axt-run %s --function residual --check-gradients --batch 4 --seed 2 \
// RUN:   | FileCheck %s --check-prefix=RESIDUAL -DSEED=2
// RESIDUAL:      gradient check of '@residual': batch 4, seed [[SEED]]
// RESIDUAL-NEXT: param0 [8x12] |fd| {{.*}} rel_err
// RESIDUAL-NEXT: param1 [8] |fd| {{.*}} rel_err
// RESIDUAL-NEXT: param2 [8x8] |fd| {{.*}} rel_err
// RESIDUAL-NEXT: param3 [8] |fd| {{.*}} rel_err
// RESIDUAL-NEXT: param4 [4x8] |fd| {{.*}} rel_err
// RESIDUAL-NEXT: param5 [4] |fd| {{.*}} rel_err
// RESIDUAL-NEXT: gradient check: PASS
func.func @residual(%w0: tensor<8x12xf32>, %b0: tensor<8xf32>,
                    %w1: tensor<8x8xf32>, %b1: tensor<8xf32>,
                    %w2: tensor<4x8xf32>, %b2: tensor<4xf32>,
                    %x: tensor<?x12xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b0 : tensor<?x12xf32>, tensor<8x12xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %h0 = axt.relu %z0 : tensor<?x8xf32>
  %z1 = axt.linear %h0, %w1, %b1 : tensor<?x8xf32>, tensor<8x8xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %r = axt.add %z1, %h0 : tensor<?x8xf32>
  %h1 = axt.relu %r : tensor<?x8xf32>
  %z2 = axt.linear %h1, %w2, %b2 : tensor<?x8xf32>, tensor<4x8xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z2, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// One value as both operands of axt.add (its gradient is twice the
// incoming one), and a parameter that also goes through axt.add with
// itself before a second use; the bias %b1 has three uses. No ReLU, so the
// loss is smooth and finite differences are accurate.
// RUN: axt-run %s --function self_add --check-gradients --batch 4 --seed 1 --fd-tolerance 1e-3 \
// RUN:   | FileCheck %s --check-prefix=SELF-ADD -DSEED=1
// RUN: axt-run %s --function self_add --check-gradients --batch 4 --seed 2 --fd-tolerance 1e-3 \
// RUN:   | FileCheck %s --check-prefix=SELF-ADD -DSEED=2
// SELF-ADD:      gradient check of '@self_add': batch 4, seed [[SEED]]
// SELF-ADD-NEXT: param0 [4x12] |fd| {{.*}} rel_err
// SELF-ADD-NEXT: param1 [8x12] |fd| {{.*}} rel_err
// SELF-ADD-NEXT: param2 [8] |fd| {{.*}} rel_err
// SELF-ADD-NEXT: param3 [4x8] |fd| {{.*}} rel_err
// SELF-ADD-NEXT: param4 [4] |fd| {{.*}} rel_err
// SELF-ADD-NEXT: gradient check: PASS (max rel_err {{.*}}, tol 1.0e-03)
func.func @self_add(%v: tensor<4x12xf32>,
                    %w0: tensor<8x12xf32>, %b0: tensor<8xf32>,
                    %w1: tensor<4x8xf32>, %b1: tensor<4xf32>,
                    %x: tensor<?x12xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b0 : tensor<?x12xf32>, tensor<8x12xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %d = axt.add %z0, %z0 : tensor<?x8xf32>
  %z1 = axt.linear %d, %w1, %b1 : tensor<?x8xf32>, tensor<4x8xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %vv = axt.add %v, %v : tensor<4x12xf32>
  %z2 = axt.linear %x, %vv, %b1 : tensor<?x12xf32>, tensor<4x12xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %z3 = axt.linear %x, %v, %b1 : tensor<?x12xf32>, tensor<4x12xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %s0 = axt.add %z1, %z2 : tensor<?x4xf32>
  %s1 = axt.add %s0, %z3 : tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %s1, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// A parameter the loss does not use gets a zero gradient (and zero finite
// differences).
// RUN: axt-run %s --function unused_param --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=UNUSED
// UNUSED:      gradient check of '@unused_param': batch 4, seed 1
// UNUSED-NEXT: param0 [4x12] |fd| {{.*}} rel_err
// UNUSED-NEXT: param1 [3] |fd| 0.000e+00 rel_err 0.000e+00
// UNUSED-NEXT: param2 [4] |fd| {{.*}} rel_err
// UNUSED-NEXT: gradient check: PASS
func.func @unused_param(%w0: tensor<4x12xf32>, %extra: tensor<3xf32>, %b0: tensor<4xf32>,
                        %x: tensor<?x12xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b0 : tensor<?x12xf32>, tensor<4x12xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z0, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
