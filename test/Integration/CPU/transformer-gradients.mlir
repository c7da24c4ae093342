// Gradients of models built from the Transformer ops (matmul, softmax,
// gelu, layer_norm, transpose), checked against central finite differences
// of the compiled loss (axt-run --check-gradients). Each function is picked
// with --function.
//
// To check the gradient with respect to an op's input, the single-op models
// make that input a trainable parameter with a static batch and leave the
// data %x unused (--batch is the static batch); the op's result (reshaped
// to [N, C] where needed) is the logits of axt.softmax_cross_entropy.
// Rank-1 scales and shifts start from he-uniform values rather than zeros,
// so that a gradient that forgot the scale, or a forward pass that forgot
// the shift, shows.

//===----------------------------------------------------------------------===//
// axt.matmul: the four transpose combinations in one model, each with its
// own two operands (param 2i and 2i+1 for combination i), so that a wrong
// gradient shows in its own rel_err lines. The four products are summed
// into the logits.
//===----------------------------------------------------------------------===//

// Rank 2, with the runtime's matmul kernel (the default) and with the
// generated code.
// RUN: axt-run %s --function matmul_rank2 --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=MATMUL2 -DSEED=1
// RUN: axt-run %s --function matmul_rank2 --check-gradients --batch 4 --seed 2 --runtime-matmul=false \
// RUN:   | FileCheck %s --check-prefix=MATMUL2 -DSEED=2
// MATMUL2:      gradient check of '@matmul_rank2': batch 4, seed [[SEED]], loss {{[0-9]+\.[0-9]+}}, epsilon 0.001
// MATMUL2-NEXT: param0 [4x6] |fd| {{.*}} rel_err
// MATMUL2-NEXT: param1 [6x5] |fd| {{.*}} rel_err
// MATMUL2-NEXT: param2 [6x4] |fd| {{.*}} rel_err
// MATMUL2-NEXT: param3 [6x5] |fd| {{.*}} rel_err
// MATMUL2-NEXT: param4 [4x6] |fd| {{.*}} rel_err
// MATMUL2-NEXT: param5 [5x6] |fd| {{.*}} rel_err
// MATMUL2-NEXT: param6 [6x4] |fd| {{.*}} rel_err
// MATMUL2-NEXT: param7 [5x6] |fd| {{.*}} rel_err
// MATMUL2-NEXT: gradient check: PASS (max rel_err {{.*}}, tol 1.0e-02)

// The check is not vacuous: with an impossible tolerance it fails (exit 1).
// RUN: not axt-run %s --function matmul_rank2 --check-gradients --batch 4 --seed 1 --fd-tolerance 1e-12 \
// RUN:   | FileCheck %s --check-prefix=STRICT
// STRICT: gradient check: FAIL (max rel_err {{.*}}, tol 1.0e-12)
func.func @matmul_rank2(%a_nn: tensor<4x6xf32>, %b_nn: tensor<6x5xf32>,
                        %a_tn: tensor<6x4xf32>, %b_tn: tensor<6x5xf32>,
                        %a_nt: tensor<4x6xf32>, %b_nt: tensor<5x6xf32>,
                        %a_tt: tensor<6x4xf32>, %b_tt: tensor<5x6xf32>,
                        %x: tensor<4x1xf32>, %t: tensor<4xi32>) -> tensor<f32> {
  %c_nn = axt.matmul %a_nn, %b_nn : tensor<4x6xf32>, tensor<6x5xf32> -> tensor<4x5xf32>
  %c_tn = axt.matmul %a_tn, %b_tn {transpose_lhs = true} : tensor<6x4xf32>, tensor<6x5xf32> -> tensor<4x5xf32>
  %c_nt = axt.matmul %a_nt, %b_nt {transpose_rhs = true} : tensor<4x6xf32>, tensor<5x6xf32> -> tensor<4x5xf32>
  %c_tt = axt.matmul %a_tt, %b_tt {transpose_lhs = true, transpose_rhs = true} : tensor<6x4xf32>, tensor<5x6xf32> -> tensor<4x5xf32>
  %s0 = axt.add %c_nn, %c_tn : tensor<4x5xf32>
  %s1 = axt.add %s0, %c_nt : tensor<4x5xf32>
  %s2 = axt.add %s1, %c_tt : tensor<4x5xf32>
  %l = axt.softmax_cross_entropy %s2, %t : tensor<4x5xf32>, tensor<4xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Rank 3 (batched): the batch of matrices is the batch of examples; the
// [2, 5] products are flattened into the logits.
// RUN: axt-run %s --function matmul_rank3 --check-gradients --batch 3 --seed 3 \
// RUN:   | FileCheck %s --check-prefix=MATMUL3
// MATMUL3:      gradient check of '@matmul_rank3': batch 3, seed 3
// MATMUL3-NEXT: param0 [3x2x4] |fd| {{.*}} rel_err
// MATMUL3-NEXT: param1 [3x4x5] |fd| {{.*}} rel_err
// MATMUL3-NEXT: param2 [3x4x2] |fd| {{.*}} rel_err
// MATMUL3-NEXT: param3 [3x4x5] |fd| {{.*}} rel_err
// MATMUL3-NEXT: param4 [3x2x4] |fd| {{.*}} rel_err
// MATMUL3-NEXT: param5 [3x5x4] |fd| {{.*}} rel_err
// MATMUL3-NEXT: param6 [3x4x2] |fd| {{.*}} rel_err
// MATMUL3-NEXT: param7 [3x5x4] |fd| {{.*}} rel_err
// MATMUL3-NEXT: gradient check: PASS
func.func @matmul_rank3(%a_nn: tensor<3x2x4xf32>, %b_nn: tensor<3x4x5xf32>,
                        %a_tn: tensor<3x4x2xf32>, %b_tn: tensor<3x4x5xf32>,
                        %a_nt: tensor<3x2x4xf32>, %b_nt: tensor<3x5x4xf32>,
                        %a_tt: tensor<3x4x2xf32>, %b_tt: tensor<3x5x4xf32>,
                        %x: tensor<3x1xf32>, %t: tensor<3xi32>) -> tensor<f32> {
  %c_nn = axt.matmul %a_nn, %b_nn : tensor<3x2x4xf32>, tensor<3x4x5xf32> -> tensor<3x2x5xf32>
  %c_tn = axt.matmul %a_tn, %b_tn {transpose_lhs = true} : tensor<3x4x2xf32>, tensor<3x4x5xf32> -> tensor<3x2x5xf32>
  %c_nt = axt.matmul %a_nt, %b_nt {transpose_rhs = true} : tensor<3x2x4xf32>, tensor<3x5x4xf32> -> tensor<3x2x5xf32>
  %c_tt = axt.matmul %a_tt, %b_tt {transpose_lhs = true, transpose_rhs = true} : tensor<3x4x2xf32>, tensor<3x5x4xf32> -> tensor<3x2x5xf32>
  %s0 = axt.add %c_nn, %c_tn : tensor<3x2x5xf32>
  %s1 = axt.add %s0, %c_nt : tensor<3x2x5xf32>
  %s2 = axt.add %s1, %c_tt : tensor<3x2x5xf32>
  %f = axt.reshape %s2 : tensor<3x2x5xf32> -> tensor<3x10xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<3x10xf32>, tensor<3xi32> -> tensor<f32>
  return %l : tensor<f32>
}

//===----------------------------------------------------------------------===//
// axt.softmax, axt.gelu, axt.layer_norm, axt.transpose on their own
//===----------------------------------------------------------------------===//

// Softmax over the last dimension of a rank-2 and of a rank-3 input (the
// probabilities serve as logits).
// RUN: axt-run %s --function softmax_rank2 --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=SOFTMAX2
// SOFTMAX2:      gradient check of '@softmax_rank2': batch 4, seed 1
// SOFTMAX2-NEXT: param0 [4x6] |fd| {{.*}} rel_err
// SOFTMAX2-NEXT: gradient check: PASS
func.func @softmax_rank2(%in: tensor<4x6xf32>, %x: tensor<4x1xf32>, %t: tensor<4xi32>) -> tensor<f32> {
  %p = axt.softmax %in : tensor<4x6xf32>
  %l = axt.softmax_cross_entropy %p, %t : tensor<4x6xf32>, tensor<4xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// RUN: axt-run %s --function softmax_rank3 --check-gradients --batch 2 --seed 2 \
// RUN:   | FileCheck %s --check-prefix=SOFTMAX3
// SOFTMAX3:      gradient check of '@softmax_rank3': batch 2, seed 2
// SOFTMAX3-NEXT: param0 [2x3x4] |fd| {{.*}} rel_err
// SOFTMAX3-NEXT: gradient check: PASS
func.func @softmax_rank3(%in: tensor<2x3x4xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %p = axt.softmax %in : tensor<2x3x4xf32>
  %f = axt.reshape %p : tensor<2x3x4xf32> -> tensor<2x12xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x12xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// GELU, rank 2 and rank 3 (after a transpose, so that the input gradient
// also goes through the inverse permutation).
// RUN: axt-run %s --function gelu_rank2 --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=GELU2
// GELU2:      gradient check of '@gelu_rank2': batch 4, seed 1
// GELU2-NEXT: param0 [4x6] |fd| {{.*}} rel_err
// GELU2-NEXT: gradient check: PASS
func.func @gelu_rank2(%in: tensor<4x6xf32>, %x: tensor<4x1xf32>, %t: tensor<4xi32>) -> tensor<f32> {
  %y = axt.gelu %in : tensor<4x6xf32>
  %l = axt.softmax_cross_entropy %y, %t : tensor<4x6xf32>, tensor<4xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// RUN: axt-run %s --function gelu_rank3 --check-gradients --batch 4 --seed 2 \
// RUN:   | FileCheck %s --check-prefix=GELU3
// GELU3:      gradient check of '@gelu_rank3': batch 4, seed 2
// GELU3-NEXT: param0 [2x3x4] |fd| {{.*}} rel_err
// GELU3-NEXT: gradient check: PASS
func.func @gelu_rank3(%in: tensor<2x3x4xf32>, %x: tensor<4x1xf32>, %t: tensor<4xi32>) -> tensor<f32> {
  %p = axt.transpose %in {permutation = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  %y = axt.gelu %p : tensor<4x2x3xf32>
  %f = axt.reshape %y : tensor<4x2x3xf32> -> tensor<4x6xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<4x6xf32>, tensor<4xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Layer norm: input, scale and shift gradients; rank 2 with the default
// epsilon, rank 3 with epsilon 1e-2 (statistics per [2, 3] row, the scale
// along the last dimension), rank 1 (the whole vector is one row).
// RUN: axt-run %s --function layer_norm_rank2 --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=LN2
// LN2:      gradient check of '@layer_norm_rank2': batch 4, seed 1
// LN2-NEXT: param0 [4x6] |fd| {{.*}} rel_err
// LN2-NEXT: param1 [6] |fd| {{.*}} rel_err
// LN2-NEXT: param2 [6] |fd| {{.*}} rel_err
// LN2-NEXT: gradient check: PASS
func.func @layer_norm_rank2(%in: tensor<4x6xf32>,
                            %g: tensor<6xf32> {axt.init = "he-uniform"},
                            %b: tensor<6xf32> {axt.init = "he-uniform"},
                            %x: tensor<4x1xf32>, %t: tensor<4xi32>) -> tensor<f32> {
  %y = axt.layer_norm %in, %g, %b : tensor<4x6xf32>, tensor<6xf32>
  %l = axt.softmax_cross_entropy %y, %t : tensor<4x6xf32>, tensor<4xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// RUN: axt-run %s --function layer_norm_rank3 --check-gradients --batch 2 --seed 2 \
// RUN:   | FileCheck %s --check-prefix=LN3
// LN3:      gradient check of '@layer_norm_rank3': batch 2, seed 2
// LN3-NEXT: param0 [2x3x4] |fd| {{.*}} rel_err
// LN3-NEXT: param1 [4] |fd| {{.*}} rel_err
// LN3-NEXT: param2 [4] |fd| {{.*}} rel_err
// LN3-NEXT: gradient check: PASS
func.func @layer_norm_rank3(%in: tensor<2x3x4xf32>,
                            %g: tensor<4xf32> {axt.init = "he-uniform"},
                            %b: tensor<4xf32> {axt.init = "he-uniform"},
                            %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.layer_norm %in, %g, %b {epsilon = 1.0e-2 : f32} : tensor<2x3x4xf32>, tensor<4xf32>
  %f = axt.reshape %y : tensor<2x3x4xf32> -> tensor<2x12xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x12xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// RUN: axt-run %s --function layer_norm_rank1 --check-gradients --batch 1 --seed 3 \
// RUN:   | FileCheck %s --check-prefix=LN1
// LN1:      gradient check of '@layer_norm_rank1': batch 1, seed 3
// LN1-NEXT: param0 [6] |fd| {{.*}} rel_err
// LN1-NEXT: param1 [6] |fd| {{.*}} rel_err
// LN1-NEXT: param2 [6] |fd| {{.*}} rel_err
// LN1-NEXT: gradient check: PASS
func.func @layer_norm_rank1(%in: tensor<6xf32> {axt.init = "he-uniform"},
                            %g: tensor<6xf32> {axt.init = "he-uniform"},
                            %b: tensor<6xf32> {axt.init = "he-uniform"},
                            %x: tensor<1x1xf32>, %t: tensor<1xi32>) -> tensor<f32> {
  %y = axt.layer_norm %in, %g, %b : tensor<6xf32>, tensor<6xf32>
  %f = axt.reshape %y : tensor<6xf32> -> tensor<1x6xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<1x6xf32>, tensor<1xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Transpose by a 3-cycle, whose gradient needs the inverse permutation
// (another 3-cycle), not the same one.
// RUN: axt-run %s --function transpose_cycle --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=TRANSPOSE
// TRANSPOSE:      gradient check of '@transpose_cycle': batch 4, seed 1
// TRANSPOSE-NEXT: param0 [2x3x4] |fd| {{.*}} rel_err
// TRANSPOSE-NEXT: gradient check: PASS
func.func @transpose_cycle(%in: tensor<2x3x4xf32>, %x: tensor<4x1xf32>, %t: tensor<4xi32>) -> tensor<f32> {
  %p = axt.transpose %in {permutation = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  %f = axt.reshape %p : tensor<4x2x3xf32> -> tensor<4x6xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<4x6xf32>, tensor<4xi32> -> tensor<f32>
  return %l : tensor<f32>
}

//===----------------------------------------------------------------------===//
// A pre-norm Transformer encoder block on the data
//===----------------------------------------------------------------------===//

// The batch's N examples are the block's N tokens (dynamic): layer norm;
// Q and K projections (axt.matmul) and V (axt.linear); heads split by
// reshape [N, 8] -> [N, 2, 4] and transpose to [2, N, 4]; scores Q · Kᵀ
// (batched, transpose_rhs), softmax over the keys, P · V; heads merged back
// by transpose and reshape; the output projection (transpose_rhs with the
// [out, in] weight); a residual axt.add; layer norm, a GELU MLP 8-16-8 and
// a second residual; a linear classifier to 4 logits. All 15 parameters
// are checked, with the runtime's matmul kernel and with the generated
// code.
//
// The scores are not scaled by 1/√dh, so the softmax can be sharp: with
// other seeds (e.g. batch 6, seed 1) the O(epsilon²) truncation error of
// the central differences exceeds the tolerance at the default epsilon
// (it shrinks with --fd-epsilon 3e-4); the seeds below avoid that.
// RUN: axt-run %s --function encoder_block --check-gradients --batch 6 --seed 2 \
// RUN:   | FileCheck %s --check-prefix=BLOCK -DN=6 -DSEED=2
// RUN: axt-run %s --function encoder_block --check-gradients --batch 7 --seed 4 \
// RUN:   | FileCheck %s --check-prefix=BLOCK -DN=7 -DSEED=4
// RUN: axt-run %s --function encoder_block --check-gradients --batch 5 --seed 2 --runtime-matmul=false \
// RUN:   | FileCheck %s --check-prefix=BLOCK -DN=5 -DSEED=2
// BLOCK:      gradient check of '@encoder_block': batch [[N]], seed [[SEED]], loss {{[0-9]+\.[0-9]+}}, epsilon 0.001
// BLOCK-NEXT: param0 [8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param1 [8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param2 [8x8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param3 [8x8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param4 [8x8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param5 [8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param6 [8x8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param7 [8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param8 [8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param9 [16x8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param10 [16] |fd| {{.*}} rel_err
// BLOCK-NEXT: param11 [8x16] |fd| {{.*}} rel_err
// BLOCK-NEXT: param12 [8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param13 [4x8] |fd| {{.*}} rel_err
// BLOCK-NEXT: param14 [4] |fd| {{.*}} rel_err
// BLOCK-NEXT: gradient check: PASS (max rel_err {{.*}}, tol 1.0e-02)
func.func @encoder_block(%g1: tensor<8xf32> {axt.init = "he-uniform"}, %b1: tensor<8xf32> {axt.init = "he-uniform"},
                         %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>,
                         %wv: tensor<8x8xf32>, %bv: tensor<8xf32> {axt.init = "he-uniform"},
                         %wo: tensor<8x8xf32>,
                         %g2: tensor<8xf32> {axt.init = "he-uniform"}, %b2: tensor<8xf32> {axt.init = "he-uniform"},
                         %w1: tensor<16x8xf32>, %c1: tensor<16xf32> {axt.init = "he-uniform"},
                         %w2: tensor<8x16xf32>, %c2: tensor<8xf32>,
                         %wc: tensor<4x8xf32>, %bc: tensor<4xf32>,
                         %x: tensor<?x8xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  // Attention.
  %n1 = axt.layer_norm %x, %g1, %b1 : tensor<?x8xf32>, tensor<8xf32>
  %q = axt.matmul %n1, %wq : tensor<?x8xf32>, tensor<8x8xf32> -> tensor<?x8xf32>
  %k = axt.matmul %n1, %wk : tensor<?x8xf32>, tensor<8x8xf32> -> tensor<?x8xf32>
  %v = axt.linear %n1, %wv, %bv : tensor<?x8xf32>, tensor<8x8xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %q3 = axt.reshape %q : tensor<?x8xf32> -> tensor<?x2x4xf32>
  %k3 = axt.reshape %k : tensor<?x8xf32> -> tensor<?x2x4xf32>
  %v3 = axt.reshape %v : tensor<?x8xf32> -> tensor<?x2x4xf32>
  %qh = axt.transpose %q3 {permutation = array<i64: 1, 0, 2>} : tensor<?x2x4xf32> -> tensor<2x?x4xf32>
  %kh = axt.transpose %k3 {permutation = array<i64: 1, 0, 2>} : tensor<?x2x4xf32> -> tensor<2x?x4xf32>
  %vh = axt.transpose %v3 {permutation = array<i64: 1, 0, 2>} : tensor<?x2x4xf32> -> tensor<2x?x4xf32>
  %s = axt.matmul %qh, %kh {transpose_rhs = true} : tensor<2x?x4xf32>, tensor<2x?x4xf32> -> tensor<2x?x?xf32>
  %p = axt.softmax %s : tensor<2x?x?xf32>
  %o = axt.matmul %p, %vh : tensor<2x?x?xf32>, tensor<2x?x4xf32> -> tensor<2x?x4xf32>
  %ot = axt.transpose %o {permutation = array<i64: 1, 0, 2>} : tensor<2x?x4xf32> -> tensor<?x2x4xf32>
  %o2 = axt.reshape %ot : tensor<?x2x4xf32> -> tensor<?x8xf32>
  %att = axt.matmul %o2, %wo {transpose_rhs = true} : tensor<?x8xf32>, tensor<8x8xf32> -> tensor<?x8xf32>
  %r1 = axt.add %x, %att : tensor<?x8xf32>
  // MLP.
  %n2 = axt.layer_norm %r1, %g2, %b2 : tensor<?x8xf32>, tensor<8xf32>
  %m1 = axt.linear %n2, %w1, %c1 : tensor<?x8xf32>, tensor<16x8xf32>, tensor<16xf32> -> tensor<?x16xf32>
  %a1 = axt.gelu %m1 : tensor<?x16xf32>
  %m2 = axt.linear %a1, %w2, %c2 : tensor<?x16xf32>, tensor<8x16xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %r2 = axt.add %r1, %m2 : tensor<?x8xf32>
  // Classifier.
  %logits = axt.linear %r2, %wc, %bc : tensor<?x8xf32>, tensor<4x8xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %logits, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// Single-head attention on a static [4, 8] batch whose input is a
// trainable parameter (so that the gradient reaches the block's input):
// the heads dimension is 1 ([4, 8] -> [4, 1, 8] -> [1, 4, 8]; K goes to
// [1, 8, 4] by a 3-cycle), and the scores are the transposed score matrix
// K · Qᵀ, computed with both operands transposed, so that the softmax runs
// over the queries and P · V becomes Pᵀ · V (transpose_lhs).
// RUN: axt-run %s --function single_head_static --check-gradients --batch 4 --seed 1 \
// RUN:   | FileCheck %s --check-prefix=SINGLE-HEAD
// RUN: axt-run %s --function single_head_static --check-gradients --batch 4 --seed 1 --runtime-matmul=false \
// RUN:   | FileCheck %s --check-prefix=SINGLE-HEAD
// SINGLE-HEAD:      gradient check of '@single_head_static': batch 4, seed 1
// SINGLE-HEAD-NEXT: param0 [4x8] |fd| {{.*}} rel_err
// SINGLE-HEAD-NEXT: param1 [8x8] |fd| {{.*}} rel_err
// SINGLE-HEAD-NEXT: param2 [8x8] |fd| {{.*}} rel_err
// SINGLE-HEAD-NEXT: param3 [8x8] |fd| {{.*}} rel_err
// SINGLE-HEAD-NEXT: param4 [8] |fd| {{.*}} rel_err
// SINGLE-HEAD-NEXT: param5 [8] |fd| {{.*}} rel_err
// SINGLE-HEAD-NEXT: param6 [3x8] |fd| {{.*}} rel_err
// SINGLE-HEAD-NEXT: gradient check: PASS
func.func @single_head_static(%in: tensor<4x8xf32>,
                              %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>,
                              %g: tensor<8xf32> {axt.init = "he-uniform"}, %b: tensor<8xf32> {axt.init = "he-uniform"},
                              %wc: tensor<3x8xf32>,
                              %x: tensor<4x1xf32>, %labels: tensor<4xi32>) -> tensor<f32> {
  %q = axt.matmul %in, %wq : tensor<4x8xf32>, tensor<8x8xf32> -> tensor<4x8xf32>
  %k = axt.matmul %in, %wk : tensor<4x8xf32>, tensor<8x8xf32> -> tensor<4x8xf32>
  %v = axt.matmul %in, %wv : tensor<4x8xf32>, tensor<8x8xf32> -> tensor<4x8xf32>
  %q3 = axt.reshape %q : tensor<4x8xf32> -> tensor<4x1x8xf32>
  %k3 = axt.reshape %k : tensor<4x8xf32> -> tensor<4x1x8xf32>
  %v3 = axt.reshape %v : tensor<4x8xf32> -> tensor<4x1x8xf32>
  %qh = axt.transpose %q3 {permutation = array<i64: 1, 0, 2>} : tensor<4x1x8xf32> -> tensor<1x4x8xf32>
  %kt = axt.transpose %k3 {permutation = array<i64: 1, 2, 0>} : tensor<4x1x8xf32> -> tensor<1x8x4xf32>
  %vh = axt.transpose %v3 {permutation = array<i64: 1, 0, 2>} : tensor<4x1x8xf32> -> tensor<1x4x8xf32>
  // st[0, j, i] = k_j · q_i (both operands transposed), normalized over i;
  // with transpose_lhs, o[0, i, :] = Σ_j p[0, j, i] · v_j.
  %st = axt.matmul %kt, %qh {transpose_lhs = true, transpose_rhs = true} : tensor<1x8x4xf32>, tensor<1x4x8xf32> -> tensor<1x4x4xf32>
  %p = axt.softmax %st : tensor<1x4x4xf32>
  %o = axt.matmul %p, %vh {transpose_lhs = true} : tensor<1x4x4xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  %ot = axt.transpose %o {permutation = array<i64: 1, 0, 2>} : tensor<1x4x8xf32> -> tensor<4x1x8xf32>
  %o2 = axt.reshape %ot : tensor<4x1x8xf32> -> tensor<4x8xf32>
  %r = axt.add %in, %o2 : tensor<4x8xf32>
  %n = axt.layer_norm %r, %g, %b : tensor<4x8xf32>, tensor<8xf32>
  %a = axt.gelu %n : tensor<4x8xf32>
  %logits = axt.matmul %a, %wc {transpose_rhs = true} : tensor<4x8xf32>, tensor<3x8xf32> -> tensor<4x3xf32>
  %loss = axt.softmax_cross_entropy %logits, %labels : tensor<4x3xf32>, tensor<4xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
