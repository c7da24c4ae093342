// RUN: axt-opt %s --split-input-file --axt-autodiff | FileCheck %s

// The training steps of small loss functions built from the Transformer
// ops: which forward values each op stashes for its backward, and which
// backward ops it builds. The checks run line by line (CHECK-NEXT) through
// the step so that no other stash hides in between.
//
// For C = op(A) · op(B) (op transposes when the flag is set) the gradients
// are d op(A) = dC · op(B)ᵀ and d op(B) = op(A)ᵀ · dC, transposed back for
// an operand that was used transposed:
//   A·B:   dA = dC · Bᵀ         dB = Aᵀ · dC
//   Aᵀ·B:  dA = B · dCᵀ         dB = A · dC
//   A·Bᵀ:  dA = dC · B          dB = dCᵀ · A
//   Aᵀ·Bᵀ: dA = Bᵀ · dCᵀ        dB = dCᵀ · Aᵀ
// In the four tests below A and B are both activations (A from the data
// and the first parameter, B a transpose of the second parameter), so the
// matmul stashes both and builds both gradients, dA first.

//===----------------------------------------------------------------------===//
// axt.matmul: the four transpose combinations
//===----------------------------------------------------------------------===//

// A·B. The first matmul (data · parameter) needs only its rhs's gradient
// and stashes only the data. The transpose stashes nothing; its gradient is
// the transpose by the inverse permutation.
// CHECK-LABEL: func.func @matmul_nn_train_step(
// CHECK-SAME:      %[[W1:[^:]+]]: tensor<6x3xf32>, %[[W2:[^:]+]]: tensor<4x3xf32>, %{{[^:]+}}: tensor<6x3xf32>, %{{[^:]+}}: tensor<4x3xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x6xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]] : tensor<?xi32>
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x6xf32>
// CHECK-NEXT:    %[[A:.+]] = axt.matmul %[[X]], %[[W1]] : tensor<?x6xf32>, tensor<6x3xf32> -> tensor<?x3xf32>
// CHECK-NEXT:    %[[S_A:.+]] = axt.stash %[[A]] : tensor<?x3xf32>
// CHECK-NEXT:    %[[B:.+]] = axt.transpose %[[W2]] {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
// CHECK-NEXT:    %[[S_B:.+]] = axt.stash %[[B]] : tensor<3x4xf32>
// CHECK-NEXT:    %[[C:.+]] = axt.matmul %[[A]], %[[B]] : tensor<?x3xf32>, tensor<3x4xf32> -> tensor<?x4xf32>
// CHECK-NEXT:    %[[S_C:.+]] = axt.stash %[[C]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[C]], %[[T]]
// CHECK-NEXT:    %[[ONE:.+]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[U_C:.+]] = axt.unstash %[[S_C]]
// CHECK-NEXT:    %[[U_T:.+]] = axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DC:.+]] = axt.softmax_cross_entropy_backward %[[ONE]], %[[U_C]], %[[U_T]]
// CHECK-NEXT:    %[[U_A:.+]] = axt.unstash %[[S_A]] : !axt.stashed<tensor<?x3xf32>>
// CHECK-NEXT:    %[[U_B:.+]] = axt.unstash %[[S_B]] : !axt.stashed<tensor<3x4xf32>>
// CHECK-NEXT:    %[[DA:.+]] = axt.matmul %[[DC]], %[[U_B]] {transpose_rhs = true} : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
// CHECK-NEXT:    %[[DB:.+]] = axt.matmul %[[U_A]], %[[DC]] {transpose_lhs = true} : tensor<?x3xf32>, tensor<?x4xf32> -> tensor<3x4xf32>
// CHECK-NEXT:    %[[DW2:.+]] = axt.transpose %[[DB]] {permutation = array<i64: 1, 0>} : tensor<3x4xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]] : !axt.stashed<tensor<?x6xf32>>
// CHECK-NEXT:    %[[DW1:.+]] = axt.matmul %[[U_X]], %[[DA]] {transpose_lhs = true} : tensor<?x6xf32>, tensor<?x3xf32> -> tensor<6x3xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W1]], %[[DW1]],
// CHECK-NEXT:    axt.sgd_momentum %[[W2]], %[[DW2]],
// CHECK-NEXT:    return %[[LOSS]],
func.func @matmul_nn(%w1: tensor<6x3xf32>, %w2: tensor<4x3xf32>, %x: tensor<?x6xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %a = axt.matmul %x, %w1 : tensor<?x6xf32>, tensor<6x3xf32> -> tensor<?x3xf32>
  %b = axt.transpose %w2 {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
  %c = axt.matmul %a, %b : tensor<?x3xf32>, tensor<3x4xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %c, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Aᵀ·B with A = W1 · Xᵀ (whose own gradient needs only its lhs's, so it
// stashes only the data, its rhs).
// CHECK-LABEL: func.func @matmul_tn_train_step(
// CHECK-SAME:      %[[W1:[^:]+]]: tensor<3x6xf32>, %[[W2:[^:]+]]: tensor<4x3xf32>, %{{[^:]+}}: tensor<3x6xf32>, %{{[^:]+}}: tensor<4x3xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x6xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]] : tensor<?xi32>
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x6xf32>
// CHECK-NEXT:    %[[A:.+]] = axt.matmul %[[W1]], %[[X]] {transpose_rhs = true} : tensor<3x6xf32>, tensor<?x6xf32> -> tensor<3x?xf32>
// CHECK-NEXT:    %[[S_A:.+]] = axt.stash %[[A]] : tensor<3x?xf32>
// CHECK-NEXT:    %[[B:.+]] = axt.transpose %[[W2]] {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
// CHECK-NEXT:    %[[S_B:.+]] = axt.stash %[[B]] : tensor<3x4xf32>
// CHECK-NEXT:    %[[C:.+]] = axt.matmul %[[A]], %[[B]] {transpose_lhs = true} : tensor<3x?xf32>, tensor<3x4xf32> -> tensor<?x4xf32>
// CHECK-NEXT:    %[[S_C:.+]] = axt.stash %[[C]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[C]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_C]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DC:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[U_A:.+]] = axt.unstash %[[S_A]] : !axt.stashed<tensor<3x?xf32>>
// CHECK-NEXT:    %[[U_B:.+]] = axt.unstash %[[S_B]] : !axt.stashed<tensor<3x4xf32>>
// CHECK-NEXT:    %[[DA:.+]] = axt.matmul %[[U_B]], %[[DC]] {transpose_rhs = true} : tensor<3x4xf32>, tensor<?x4xf32> -> tensor<3x?xf32>
// CHECK-NEXT:    %[[DB:.+]] = axt.matmul %[[U_A]], %[[DC]] : tensor<3x?xf32>, tensor<?x4xf32> -> tensor<3x4xf32>
// CHECK-NEXT:    %[[DW2:.+]] = axt.transpose %[[DB]] {permutation = array<i64: 1, 0>} : tensor<3x4xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]] : !axt.stashed<tensor<?x6xf32>>
// CHECK-NEXT:    %[[DW1:.+]] = axt.matmul %[[DA]], %[[U_X]] : tensor<3x?xf32>, tensor<?x6xf32> -> tensor<3x6xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W1]], %[[DW1]],
// CHECK-NEXT:    axt.sgd_momentum %[[W2]], %[[DW2]],
// CHECK-NEXT:    return %[[LOSS]],
func.func @matmul_tn(%w1: tensor<3x6xf32>, %w2: tensor<4x3xf32>, %x: tensor<?x6xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %a = axt.matmul %w1, %x {transpose_rhs = true} : tensor<3x6xf32>, tensor<?x6xf32> -> tensor<3x?xf32>
  %b = axt.transpose %w2 {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
  %c = axt.matmul %a, %b {transpose_lhs = true} : tensor<3x?xf32>, tensor<3x4xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %c, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// A·Bᵀ.
// CHECK-LABEL: func.func @matmul_nt_train_step(
// CHECK-SAME:      %[[W1:[^:]+]]: tensor<6x3xf32>, %[[W2:[^:]+]]: tensor<3x4xf32>, %{{[^:]+}}: tensor<6x3xf32>, %{{[^:]+}}: tensor<3x4xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x6xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]] : tensor<?xi32>
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x6xf32>
// CHECK-NEXT:    %[[A:.+]] = axt.matmul %[[X]], %[[W1]] : tensor<?x6xf32>, tensor<6x3xf32> -> tensor<?x3xf32>
// CHECK-NEXT:    %[[S_A:.+]] = axt.stash %[[A]] : tensor<?x3xf32>
// CHECK-NEXT:    %[[B:.+]] = axt.transpose %[[W2]] {permutation = array<i64: 1, 0>} : tensor<3x4xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[S_B:.+]] = axt.stash %[[B]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[C:.+]] = axt.matmul %[[A]], %[[B]] {transpose_rhs = true} : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
// CHECK-NEXT:    %[[S_C:.+]] = axt.stash %[[C]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[C]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_C]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DC:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[U_A:.+]] = axt.unstash %[[S_A]] : !axt.stashed<tensor<?x3xf32>>
// CHECK-NEXT:    %[[U_B:.+]] = axt.unstash %[[S_B]] : !axt.stashed<tensor<4x3xf32>>
// CHECK-NEXT:    %[[DA:.+]] = axt.matmul %[[DC]], %[[U_B]] : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
// CHECK-NEXT:    %[[DB:.+]] = axt.matmul %[[DC]], %[[U_A]] {transpose_lhs = true} : tensor<?x4xf32>, tensor<?x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[DW2:.+]] = axt.transpose %[[DB]] {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[DW1:.+]] = axt.matmul %[[U_X]], %[[DA]] {transpose_lhs = true} : tensor<?x6xf32>, tensor<?x3xf32> -> tensor<6x3xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W1]], %[[DW1]],
// CHECK-NEXT:    axt.sgd_momentum %[[W2]], %[[DW2]],
// CHECK-NEXT:    return %[[LOSS]],
func.func @matmul_nt(%w1: tensor<6x3xf32>, %w2: tensor<3x4xf32>, %x: tensor<?x6xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %a = axt.matmul %x, %w1 : tensor<?x6xf32>, tensor<6x3xf32> -> tensor<?x3xf32>
  %b = axt.transpose %w2 {permutation = array<i64: 1, 0>} : tensor<3x4xf32> -> tensor<4x3xf32>
  %c = axt.matmul %a, %b {transpose_rhs = true} : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %c, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Aᵀ·Bᵀ: both gradients are products of transposes.
// CHECK-LABEL: func.func @matmul_tt_train_step(
// CHECK-SAME:      %[[W1:[^:]+]]: tensor<3x6xf32>, %[[W2:[^:]+]]: tensor<3x4xf32>, %{{[^:]+}}: tensor<3x6xf32>, %{{[^:]+}}: tensor<3x4xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x6xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]] : tensor<?xi32>
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x6xf32>
// CHECK-NEXT:    %[[A:.+]] = axt.matmul %[[W1]], %[[X]] {transpose_rhs = true} : tensor<3x6xf32>, tensor<?x6xf32> -> tensor<3x?xf32>
// CHECK-NEXT:    %[[S_A:.+]] = axt.stash %[[A]] : tensor<3x?xf32>
// CHECK-NEXT:    %[[B:.+]] = axt.transpose %[[W2]] {permutation = array<i64: 1, 0>} : tensor<3x4xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[S_B:.+]] = axt.stash %[[B]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[C:.+]] = axt.matmul %[[A]], %[[B]] {transpose_lhs = true, transpose_rhs = true} : tensor<3x?xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
// CHECK-NEXT:    %[[S_C:.+]] = axt.stash %[[C]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[C]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_C]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DC:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[U_A:.+]] = axt.unstash %[[S_A]] : !axt.stashed<tensor<3x?xf32>>
// CHECK-NEXT:    %[[U_B:.+]] = axt.unstash %[[S_B]] : !axt.stashed<tensor<4x3xf32>>
// CHECK-NEXT:    %[[DA:.+]] = axt.matmul %[[U_B]], %[[DC]] {transpose_lhs = true, transpose_rhs = true} : tensor<4x3xf32>, tensor<?x4xf32> -> tensor<3x?xf32>
// CHECK-NEXT:    %[[DB:.+]] = axt.matmul %[[DC]], %[[U_A]] {transpose_lhs = true, transpose_rhs = true} : tensor<?x4xf32>, tensor<3x?xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[DW2:.+]] = axt.transpose %[[DB]] {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[DW1:.+]] = axt.matmul %[[DA]], %[[U_X]] : tensor<3x?xf32>, tensor<?x6xf32> -> tensor<3x6xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W1]], %[[DW1]],
// CHECK-NEXT:    axt.sgd_momentum %[[W2]], %[[DW2]],
// CHECK-NEXT:    return %[[LOSS]],
func.func @matmul_tt(%w1: tensor<3x6xf32>, %w2: tensor<3x4xf32>, %x: tensor<?x6xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %a = axt.matmul %w1, %x {transpose_rhs = true} : tensor<3x6xf32>, tensor<?x6xf32> -> tensor<3x?xf32>
  %b = axt.transpose %w2 {permutation = array<i64: 1, 0>} : tensor<3x4xf32> -> tensor<4x3xf32>
  %c = axt.matmul %a, %b {transpose_lhs = true, transpose_rhs = true} : tensor<3x?xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %c, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// One value on both sides (a Gram matrix A·Aᵀ): it is stashed once; the
// matmul lists it once, so it is unstashed once and both gradients read
// that copy. The two contributions
// (dC·A and dCᵀ·A) are added before gelu_backward, which reads gelu's
// stashed input (the parameter).
// CHECK-LABEL: func.func @matmul_same_operand_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<4x3xf32>, %{{[^:]+}}: tensor<4x3xf32>, %{{[^:]+}}: tensor<4x1xf32> {axt.input}, %[[T:[^:]+]]: tensor<4xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]]
// CHECK-NEXT:    %[[S_W:.+]] = axt.stash %[[W]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[A:.+]] = axt.gelu %[[W]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[S_A:.+]] = axt.stash %[[A]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[C:.+]] = axt.matmul %[[A]], %[[A]] {transpose_rhs = true} : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x4xf32>
// CHECK-NEXT:    %[[S_C:.+]] = axt.stash %[[C]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[C]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_C]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DC:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[U_A:.+]] = axt.unstash %[[S_A]] : !axt.stashed<tensor<4x3xf32>>
// CHECK-NEXT:    %[[D0:.+]] = axt.matmul %[[DC]], %[[U_A]] : tensor<4x4xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[D1:.+]] = axt.matmul %[[DC]], %[[U_A]] {transpose_lhs = true} : tensor<4x4xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[DA:.+]] = axt.add %[[D0]], %[[D1]] : tensor<4x3xf32>
// CHECK-NEXT:    %[[U_W:.+]] = axt.unstash %[[S_W]] : !axt.stashed<tensor<4x3xf32>>
// CHECK-NEXT:    %[[DW:.+]] = axt.gelu_backward %[[DA]], %[[U_W]] : tensor<4x3xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W]], %[[DW]],
// CHECK-NEXT:    return %[[LOSS]],
func.func @matmul_same_operand(%w: tensor<4x3xf32>, %x: tensor<4x1xf32>, %t: tensor<4xi32>) -> tensor<f32> {
  %a = axt.gelu %w : tensor<4x3xf32>
  %c = axt.matmul %a, %a {transpose_rhs = true} : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x4xf32>
  %l = axt.softmax_cross_entropy %c, %t : tensor<4x4xf32>, tensor<4xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

//===----------------------------------------------------------------------===//
// Single-head-per-slice attention: reshape, transpose, batched matmuls,
// softmax
//===----------------------------------------------------------------------===//

// The projections of the data stash only the data (one stash, three
// reads). The head transposes ([T, H, dh] -> [H, T, dh]) stash nothing;
// the batched matmuls stash their activation operands (Q, K, V heads and
// the probabilities); the softmax stashes its output, which is also P · V's
// lhs. Backward: dP = dO · Vᵀ and dV = Pᵀ · dO, then softmax_backward on
// the softmax output, then dQ = dS · K and dK = dSᵀ · Q; each head
// gradient is transposed back with the (self-inverse) permutation and
// reshaped to [T, D].
// CHECK-LABEL: func.func @attention_train_step(
// CHECK-SAME:      %[[WQ:[^:]+]]: tensor<8x8xf32>, %[[WK:[^:]+]]: tensor<8x8xf32>, %[[WV:[^:]+]]: tensor<8x8xf32>, %{{[^:]+}}: tensor<8x8xf32>, %{{[^:]+}}: tensor<8x8xf32>, %{{[^:]+}}: tensor<8x8xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<4x8xf32> {axt.input}, %[[T:[^:]+]]: tensor<4xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]]
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[Q:.+]] = axt.matmul %[[X]], %[[WQ]]
// CHECK-NEXT:    %[[K:.+]] = axt.matmul %[[X]], %[[WK]]
// CHECK-NEXT:    %[[V:.+]] = axt.matmul %[[X]], %[[WV]]
// CHECK-NEXT:    %[[Q3:.+]] = axt.reshape %[[Q]] : tensor<4x8xf32> -> tensor<4x2x4xf32>
// CHECK-NEXT:    %[[K3:.+]] = axt.reshape %[[K]]
// CHECK-NEXT:    %[[V3:.+]] = axt.reshape %[[V]]
// CHECK-NEXT:    %[[QH:.+]] = axt.transpose %[[Q3]] {permutation = array<i64: 1, 0, 2>} : tensor<4x2x4xf32> -> tensor<2x4x4xf32>
// CHECK-NEXT:    %[[S_QH:.+]] = axt.stash %[[QH]] : tensor<2x4x4xf32>
// CHECK-NEXT:    %[[KH:.+]] = axt.transpose %[[K3]] {permutation = array<i64: 1, 0, 2>}
// CHECK-NEXT:    %[[S_KH:.+]] = axt.stash %[[KH]] : tensor<2x4x4xf32>
// CHECK-NEXT:    %[[VH:.+]] = axt.transpose %[[V3]] {permutation = array<i64: 1, 0, 2>}
// CHECK-NEXT:    %[[S_VH:.+]] = axt.stash %[[VH]] : tensor<2x4x4xf32>
// CHECK-NEXT:    %[[S:.+]] = axt.matmul %[[QH]], %[[KH]] {transpose_rhs = true} : tensor<2x4x4xf32>, tensor<2x4x4xf32> -> tensor<2x4x4xf32>
// CHECK-NEXT:    %[[P:.+]] = axt.softmax %[[S]] : tensor<2x4x4xf32>
// CHECK-NEXT:    %[[S_P:.+]] = axt.stash %[[P]] : tensor<2x4x4xf32>
// CHECK-NEXT:    %[[O:.+]] = axt.matmul %[[P]], %[[VH]] : tensor<2x4x4xf32>, tensor<2x4x4xf32> -> tensor<2x4x4xf32>
// CHECK-NEXT:    %[[OT:.+]] = axt.transpose %[[O]] {permutation = array<i64: 1, 0, 2>}
// CHECK-NEXT:    %[[Y:.+]] = axt.reshape %[[OT]] : tensor<4x2x4xf32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[S_Y:.+]] = axt.stash %[[Y]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[Y]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_Y]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DY:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[DOT:.+]] = axt.reshape %[[DY]] : tensor<4x8xf32> -> tensor<4x2x4xf32>
// CHECK-NEXT:    %[[DO:.+]] = axt.transpose %[[DOT]] {permutation = array<i64: 1, 0, 2>} : tensor<4x2x4xf32> -> tensor<2x4x4xf32>
// CHECK-NEXT:    %[[U_P:.+]] = axt.unstash %[[S_P]]
// CHECK-NEXT:    %[[U_VH:.+]] = axt.unstash %[[S_VH]]
// CHECK-NEXT:    %[[DP:.+]] = axt.matmul %[[DO]], %[[U_VH]] {transpose_rhs = true} : tensor<2x4x4xf32>, tensor<2x4x4xf32> -> tensor<2x4x4xf32>
// CHECK-NEXT:    %[[DVH:.+]] = axt.matmul %[[U_P]], %[[DO]] {transpose_lhs = true} : tensor<2x4x4xf32>, tensor<2x4x4xf32> -> tensor<2x4x4xf32>
// CHECK-NEXT:    %[[U_P2:.+]] = axt.unstash %[[S_P]]
// CHECK-NEXT:    %[[DS:.+]] = axt.softmax_backward %[[DP]], %[[U_P2]] : tensor<2x4x4xf32>
// CHECK-NEXT:    %[[U_QH:.+]] = axt.unstash %[[S_QH]]
// CHECK-NEXT:    %[[U_KH:.+]] = axt.unstash %[[S_KH]]
// CHECK-NEXT:    %[[DQH:.+]] = axt.matmul %[[DS]], %[[U_KH]] : tensor<2x4x4xf32>, tensor<2x4x4xf32> -> tensor<2x4x4xf32>
// CHECK-NEXT:    %[[DKH:.+]] = axt.matmul %[[DS]], %[[U_QH]] {transpose_lhs = true} : tensor<2x4x4xf32>, tensor<2x4x4xf32> -> tensor<2x4x4xf32>
// CHECK-NEXT:    %[[DV3:.+]] = axt.transpose %[[DVH]] {permutation = array<i64: 1, 0, 2>} : tensor<2x4x4xf32> -> tensor<4x2x4xf32>
// CHECK-NEXT:    %[[DK3:.+]] = axt.transpose %[[DKH]] {permutation = array<i64: 1, 0, 2>}
// CHECK-NEXT:    %[[DQ3:.+]] = axt.transpose %[[DQH]] {permutation = array<i64: 1, 0, 2>}
// CHECK-NEXT:    %[[DV:.+]] = axt.reshape %[[DV3]] : tensor<4x2x4xf32> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[DK:.+]] = axt.reshape %[[DK3]]
// CHECK-NEXT:    %[[DQ:.+]] = axt.reshape %[[DQ3]]
// CHECK-NEXT:    %[[U_X1:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[DWV:.+]] = axt.matmul %[[U_X1]], %[[DV]] {transpose_lhs = true} : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<8x8xf32>
// CHECK-NEXT:    %[[U_X2:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[DWK:.+]] = axt.matmul %[[U_X2]], %[[DK]] {transpose_lhs = true}
// CHECK-NEXT:    %[[U_X3:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[DWQ:.+]] = axt.matmul %[[U_X3]], %[[DQ]] {transpose_lhs = true}
// CHECK-NEXT:    axt.sgd_momentum %[[WQ]], %[[DWQ]],
// CHECK-NEXT:    axt.sgd_momentum %[[WK]], %[[DWK]],
// CHECK-NEXT:    axt.sgd_momentum %[[WV]], %[[DWV]],
// CHECK-NEXT:    return %[[LOSS]],
func.func @attention(%wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %x: tensor<4x8xf32>, %t: tensor<4xi32>) -> tensor<f32> {
  %q = axt.matmul %x, %wq : tensor<4x8xf32>, tensor<8x8xf32> -> tensor<4x8xf32>
  %k = axt.matmul %x, %wk : tensor<4x8xf32>, tensor<8x8xf32> -> tensor<4x8xf32>
  %v = axt.matmul %x, %wv : tensor<4x8xf32>, tensor<8x8xf32> -> tensor<4x8xf32>
  %q3 = axt.reshape %q : tensor<4x8xf32> -> tensor<4x2x4xf32>
  %k3 = axt.reshape %k : tensor<4x8xf32> -> tensor<4x2x4xf32>
  %v3 = axt.reshape %v : tensor<4x8xf32> -> tensor<4x2x4xf32>
  %qh = axt.transpose %q3 {permutation = array<i64: 1, 0, 2>} : tensor<4x2x4xf32> -> tensor<2x4x4xf32>
  %kh = axt.transpose %k3 {permutation = array<i64: 1, 0, 2>} : tensor<4x2x4xf32> -> tensor<2x4x4xf32>
  %vh = axt.transpose %v3 {permutation = array<i64: 1, 0, 2>} : tensor<4x2x4xf32> -> tensor<2x4x4xf32>
  %s = axt.matmul %qh, %kh {transpose_rhs = true} : tensor<2x4x4xf32>, tensor<2x4x4xf32> -> tensor<2x4x4xf32>
  %p = axt.softmax %s : tensor<2x4x4xf32>
  %o = axt.matmul %p, %vh : tensor<2x4x4xf32>, tensor<2x4x4xf32> -> tensor<2x4x4xf32>
  %ot = axt.transpose %o {permutation = array<i64: 1, 0, 2>} : tensor<2x4x4xf32> -> tensor<4x2x4xf32>
  %y = axt.reshape %ot : tensor<4x2x4xf32> -> tensor<4x8xf32>
  %l = axt.softmax_cross_entropy %y, %t : tensor<4x8xf32>, tensor<4xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

//===----------------------------------------------------------------------===//
// layer_norm, gelu
//===----------------------------------------------------------------------===//

// layer_norm stashes its input and its scale (not the shift, not its
// output); layer_norm_backward recomputes the statistics with the forward's
// epsilon and gives the input, scale and shift gradients. gelu stashes its
// input (here the layer norm's output) and gelu_backward reads it.
// CHECK-LABEL: func.func @layer_norm_gelu_train_step(
// CHECK-SAME:      %[[W1:[^:]+]]: tensor<6x8xf32>, %[[G:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<8xf32>, %[[W2:[^:]+]]: tensor<8x4xf32>,
// CHECK-SAME:      %{{[^:]+}}: tensor<6x8xf32>, %{{[^:]+}}: tensor<8xf32>, %{{[^:]+}}: tensor<8xf32>, %{{[^:]+}}: tensor<8x4xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x6xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]]
// CHECK-NEXT:    %[[S_W2:.+]] = axt.stash %[[W2]] : tensor<8x4xf32>
// CHECK-NEXT:    %[[S_G:.+]] = axt.stash %[[G]] : tensor<8xf32>
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x6xf32>
// CHECK-NEXT:    %[[H:.+]] = axt.matmul %[[X]], %[[W1]]
// CHECK-NEXT:    %[[S_H:.+]] = axt.stash %[[H]] : tensor<?x8xf32>
// CHECK-NEXT:    %[[N:.+]] = axt.layer_norm %[[H]], %[[G]], %[[B]] {epsilon = 1.000000e-03 : f32} : tensor<?x8xf32>, tensor<8xf32>
// CHECK-NEXT:    %[[S_N:.+]] = axt.stash %[[N]] : tensor<?x8xf32>
// CHECK-NEXT:    %[[E:.+]] = axt.gelu %[[N]] : tensor<?x8xf32>
// CHECK-NEXT:    %[[S_E:.+]] = axt.stash %[[E]] : tensor<?x8xf32>
// CHECK-NEXT:    %[[C:.+]] = axt.matmul %[[E]], %[[W2]]
// CHECK-NEXT:    %[[S_C:.+]] = axt.stash %[[C]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[C]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_C]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DC:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[U_E:.+]] = axt.unstash %[[S_E]]
// CHECK-NEXT:    %[[U_W2:.+]] = axt.unstash %[[S_W2]]
// CHECK-NEXT:    %[[DE:.+]] = axt.matmul %[[DC]], %[[U_W2]] {transpose_rhs = true} : tensor<?x4xf32>, tensor<8x4xf32> -> tensor<?x8xf32>
// CHECK-NEXT:    %[[DW2:.+]] = axt.matmul %[[U_E]], %[[DC]] {transpose_lhs = true} : tensor<?x8xf32>, tensor<?x4xf32> -> tensor<8x4xf32>
// CHECK-NEXT:    %[[U_N:.+]] = axt.unstash %[[S_N]] : !axt.stashed<tensor<?x8xf32>>
// CHECK-NEXT:    %[[DN:.+]] = axt.gelu_backward %[[DE]], %[[U_N]] : tensor<?x8xf32>
// CHECK-NEXT:    %[[U_H:.+]] = axt.unstash %[[S_H]] : !axt.stashed<tensor<?x8xf32>>
// CHECK-NEXT:    %[[U_G:.+]] = axt.unstash %[[S_G]] : !axt.stashed<tensor<8xf32>>
// CHECK-NEXT:    %[[DH:.+]], %[[DG:.+]], %[[DB:.+]] = axt.layer_norm_backward %[[DN]], %[[U_H]], %[[U_G]] {epsilon = 1.000000e-03 : f32} : tensor<?x8xf32>, tensor<8xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[DW1:.+]] = axt.matmul %[[U_X]], %[[DH]] {transpose_lhs = true} : tensor<?x6xf32>, tensor<?x8xf32> -> tensor<6x8xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W1]], %[[DW1]],
// CHECK-NEXT:    axt.sgd_momentum %[[G]], %[[DG]],
// CHECK-NEXT:    axt.sgd_momentum %[[B]], %[[DB]],
// CHECK-NEXT:    axt.sgd_momentum %[[W2]], %[[DW2]],
// CHECK-NEXT:    return %[[LOSS]],
func.func @layer_norm_gelu(%w1: tensor<6x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>, %w2: tensor<8x4xf32>, %x: tensor<?x6xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %h = axt.matmul %x, %w1 : tensor<?x6xf32>, tensor<6x8xf32> -> tensor<?x8xf32>
  %n = axt.layer_norm %h, %g, %b {epsilon = 1.0e-3 : f32} : tensor<?x8xf32>, tensor<8xf32>
  %e = axt.gelu %n : tensor<?x8xf32>
  %c = axt.matmul %e, %w2 : tensor<?x8xf32>, tensor<8x4xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %c, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// layer_norm on the data: its input needs no gradient, but its scale and
// shift do, so it still stashes the input and the scale (the row statistics
// come from the input) with the default epsilon; the softmax stashes its
// output, the gelu its input.
// CHECK-LABEL: func.func @layer_norm_on_data_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<6x4xf32>, %[[G:[^:]+]]: tensor<6xf32>, %[[B:[^:]+]]: tensor<6xf32>,
// CHECK-SAME:      %{{[^:]+}}: tensor<6x4xf32>, %{{[^:]+}}: tensor<6xf32>, %{{[^:]+}}: tensor<6xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x6xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]]
// CHECK-NEXT:    %[[S_W:.+]] = axt.stash %[[W]]
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x6xf32>
// CHECK-NEXT:    %[[S_G:.+]] = axt.stash %[[G]] : tensor<6xf32>
// CHECK-NEXT:    %[[N:.+]] = axt.layer_norm %[[X]], %[[G]], %[[B]] : tensor<?x6xf32>, tensor<6xf32>
// CHECK-NEXT:    %[[S_N:.+]] = axt.stash %[[N]]
// CHECK-NEXT:    %[[E:.+]] = axt.gelu %[[N]]
// CHECK-NEXT:    %[[P:.+]] = axt.softmax %[[E]]
// CHECK-NEXT:    %[[S_P:.+]] = axt.stash %[[P]]
// CHECK-NEXT:    %[[C:.+]] = axt.matmul %[[P]], %[[W]]
// CHECK-NEXT:    %[[S_C:.+]] = axt.stash %[[C]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[C]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_C]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DC:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[U_P:.+]] = axt.unstash %[[S_P]]
// CHECK-NEXT:    %[[U_W:.+]] = axt.unstash %[[S_W]]
// CHECK-NEXT:    %[[DP:.+]] = axt.matmul %[[DC]], %[[U_W]] {transpose_rhs = true}
// CHECK-NEXT:    %[[DW:.+]] = axt.matmul %[[U_P]], %[[DC]] {transpose_lhs = true}
// CHECK-NEXT:    %[[U_P2:.+]] = axt.unstash %[[S_P]]
// CHECK-NEXT:    %[[DE:.+]] = axt.softmax_backward %[[DP]], %[[U_P2]] : tensor<?x6xf32>
// CHECK-NEXT:    %[[U_N:.+]] = axt.unstash %[[S_N]]
// CHECK-NEXT:    %[[DN:.+]] = axt.gelu_backward %[[DE]], %[[U_N]] : tensor<?x6xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[U_G:.+]] = axt.unstash %[[S_G]]
// CHECK-NEXT:    %{{.+}}, %[[DG:.+]], %[[DB:.+]] = axt.layer_norm_backward %[[DN]], %[[U_X]], %[[U_G]] : tensor<?x6xf32>, tensor<6xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W]], %[[DW]],
// CHECK-NEXT:    axt.sgd_momentum %[[G]], %[[DG]],
// CHECK-NEXT:    axt.sgd_momentum %[[B]], %[[DB]],
// CHECK-NEXT:    return %[[LOSS]],
func.func @layer_norm_on_data(%w: tensor<6x4xf32>, %g: tensor<6xf32>, %b: tensor<6xf32>, %x: tensor<?x6xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %n = axt.layer_norm %x, %g, %b : tensor<?x6xf32>, tensor<6xf32>
  %e = axt.gelu %n : tensor<?x6xf32>
  %p = axt.softmax %e : tensor<?x6xf32>
  %c = axt.matmul %p, %w : tensor<?x6xf32>, tensor<6x4xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %c, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Nothing before the matmul needs a gradient: gelu, softmax and transpose
// of the data stash nothing and get no backward op; the matmul (Aᵀ·W)
// stashes only its lhs for the weight gradient dW = A · dC.
// CHECK-LABEL: func.func @no_gradient_upstream_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<6x4xf32>, %{{[^:]+}}: tensor<6x4xf32>, %[[X:[^:]+]]: tensor<?x6xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]]
// CHECK-NEXT:    %[[E:.+]] = axt.gelu %[[X]]
// CHECK-NEXT:    %[[P:.+]] = axt.softmax %[[E]]
// CHECK-NEXT:    %[[A:.+]] = axt.transpose %[[P]] {permutation = array<i64: 1, 0>} : tensor<?x6xf32> -> tensor<6x?xf32>
// CHECK-NEXT:    %[[S_A:.+]] = axt.stash %[[A]] : tensor<6x?xf32>
// CHECK-NEXT:    %[[C:.+]] = axt.matmul %[[A]], %[[W]] {transpose_lhs = true}
// CHECK-NEXT:    %[[S_C:.+]] = axt.stash %[[C]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[C]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_C]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DC:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[U_A:.+]] = axt.unstash %[[S_A]]
// CHECK-NEXT:    %[[DW:.+]] = axt.matmul %[[U_A]], %[[DC]] : tensor<6x?xf32>, tensor<?x4xf32> -> tensor<6x4xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W]], %[[DW]],
// CHECK-NEXT:    return %[[LOSS]],
// CHECK-NOT:     axt.softmax_backward
// CHECK-NOT:     axt.gelu_backward
func.func @no_gradient_upstream(%w: tensor<6x4xf32>, %x: tensor<?x6xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %e = axt.gelu %x : tensor<?x6xf32>
  %p = axt.softmax %e : tensor<?x6xf32>
  %a = axt.transpose %p {permutation = array<i64: 1, 0>} : tensor<?x6xf32> -> tensor<6x?xf32>
  %c = axt.matmul %a, %w {transpose_lhs = true} : tensor<6x?xf32>, tensor<6x4xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %c, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

//===----------------------------------------------------------------------===//
// transpose: the inverse permutation
//===----------------------------------------------------------------------===//

// [2, 0, 1] is a 3-cycle: its inverse is [1, 2, 0], not itself.
// CHECK-LABEL: func.func @transpose_cycle_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<3x4x2xf32>, %{{[^:]+}}: tensor<3x4x2xf32>, %{{[^:]+}}: tensor<2x1xf32> {axt.input}, %[[T:[^:]+]]: tensor<2xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]]
// CHECK-NEXT:    %[[A:.+]] = axt.transpose %[[W]] {permutation = array<i64: 2, 0, 1>} : tensor<3x4x2xf32> -> tensor<2x3x4xf32>
// CHECK-NEXT:    %[[F:.+]] = axt.reshape %[[A]] : tensor<2x3x4xf32> -> tensor<2x12xf32>
// CHECK-NEXT:    %[[S_F:.+]] = axt.stash %[[F]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[F]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_F]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DF:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[DA:.+]] = axt.reshape %[[DF]] : tensor<2x12xf32> -> tensor<2x3x4xf32>
// CHECK-NEXT:    %[[DW:.+]] = axt.transpose %[[DA]] {permutation = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W]], %[[DW]],
// CHECK-NEXT:    return %[[LOSS]],
func.func @transpose_cycle(%w: tensor<3x4x2xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %a = axt.transpose %w {permutation = array<i64: 2, 0, 1>} : tensor<3x4x2xf32> -> tensor<2x3x4xf32>
  %f = axt.reshape %a : tensor<2x3x4xf32> -> tensor<2x12xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x12xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Rank 4 with a dynamic batch: [1, 3, 0, 2] (inverse [2, 0, 3, 1]) moves
// the batch to dimension 2, [2, 0, 1, 3] (inverse [1, 2, 0, 3]) brings it
// back; the backward applies the inverses in reverse order. The layer norm
// over the data needs only its scale and shift gradients.
// CHECK-LABEL: func.func @transpose_rank4_train_step(
// CHECK:         %[[A:.+]] = axt.transpose %{{.+}} {permutation = array<i64: 1, 3, 0, 2>} : tensor<?x2x3x4xf32> -> tensor<2x4x?x3xf32>
// CHECK-NEXT:    %[[B:.+]] = axt.transpose %[[A]] {permutation = array<i64: 2, 0, 1, 3>} : tensor<2x4x?x3xf32> -> tensor<?x2x4x3xf32>
// CHECK-NEXT:    axt.reshape %[[B]] : tensor<?x2x4x3xf32> -> tensor<?x24xf32>
// CHECK:         %[[DB:.+]] = axt.reshape %{{.+}} : tensor<?x24xf32> -> tensor<?x2x4x3xf32>
// CHECK-NEXT:    %[[DA:.+]] = axt.transpose %[[DB]] {permutation = array<i64: 1, 2, 0, 3>} : tensor<?x2x4x3xf32> -> tensor<2x4x?x3xf32>
// CHECK-NEXT:    %[[DN:.+]] = axt.transpose %[[DA]] {permutation = array<i64: 2, 0, 3, 1>} : tensor<2x4x?x3xf32> -> tensor<?x2x3x4xf32>
// CHECK-NEXT:    axt.unstash
// CHECK-NEXT:    axt.unstash
// CHECK-NEXT:    axt.layer_norm_backward %[[DN]],
func.func @transpose_rank4(%g: tensor<4xf32>, %b: tensor<4xf32>, %x: tensor<?x2x3x4xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %n = axt.layer_norm %x, %g, %b : tensor<?x2x3x4xf32>, tensor<4xf32>
  %a = axt.transpose %n {permutation = array<i64: 1, 3, 0, 2>} : tensor<?x2x3x4xf32> -> tensor<2x4x?x3xf32>
  %c = axt.transpose %a {permutation = array<i64: 2, 0, 1, 3>} : tensor<2x4x?x3xf32> -> tensor<?x2x4x3xf32>
  %f = axt.reshape %c : tensor<?x2x4x3xf32> -> tensor<?x24xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<?x24xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}
