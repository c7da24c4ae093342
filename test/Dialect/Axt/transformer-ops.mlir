// RUN: axt-opt %s | axt-opt | FileCheck %s
// RUN: axt-opt %s --mlir-print-op-generic | axt-opt | FileCheck %s
// RUN: axt-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Round trip of the Transformer ops (matmul, softmax, gelu, layer_norm,
// transpose and their backward ops), through the custom form and through
// the generic form. Both CHECK RUN lines end in the custom form, where
// attributes at their default value are omitted; the GENERIC line checks
// that the generic form spells every property out, defaults included.

//===----------------------------------------------------------------------===//
// axt.matmul
//===----------------------------------------------------------------------===//

// Rank 2, all four transpose combinations of [4, 8] · [8, 5] -> [4, 5].
// Flags written as false are defaults and are not printed.
// CHECK-LABEL: func.func @matmul_rank2(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<4x8xf32>, %[[AT:[^:]+]]: tensor<8x4xf32>, %[[B:[^:]+]]: tensor<8x5xf32>, %[[BT:[^:]+]]: tensor<5x8xf32>)
// CHECK:         %[[C0:.+]] = axt.matmul %[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
// CHECK:         %[[C1:.+]] = axt.matmul %[[AT]], %[[B]] {transpose_lhs = true} : tensor<8x4xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
// CHECK:         %[[C2:.+]] = axt.matmul %[[A]], %[[BT]] {transpose_rhs = true} : tensor<4x8xf32>, tensor<5x8xf32> -> tensor<4x5xf32>
// CHECK:         %[[C3:.+]] = axt.matmul %[[AT]], %[[BT]] {transpose_lhs = true, transpose_rhs = true} : tensor<8x4xf32>, tensor<5x8xf32> -> tensor<4x5xf32>
// CHECK:         %[[C4:.+]] = axt.matmul %[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
// CHECK:         return %[[C0]], %[[C1]], %[[C2]], %[[C3]], %[[C4]]
// GENERIC-LABEL: sym_name = "matmul_rank2"
// GENERIC:       "axt.matmul"(%{{.+}}, %{{.+}}) <{transpose_lhs = false, transpose_rhs = false}> : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
// GENERIC:       "axt.matmul"(%{{.+}}, %{{.+}}) <{transpose_lhs = true, transpose_rhs = false}> : (tensor<8x4xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
// GENERIC:       "axt.matmul"(%{{.+}}, %{{.+}}) <{transpose_lhs = false, transpose_rhs = true}> : (tensor<4x8xf32>, tensor<5x8xf32>) -> tensor<4x5xf32>
// GENERIC:       "axt.matmul"(%{{.+}}, %{{.+}}) <{transpose_lhs = true, transpose_rhs = true}> : (tensor<8x4xf32>, tensor<5x8xf32>) -> tensor<4x5xf32>
// GENERIC:       "axt.matmul"(%{{.+}}, %{{.+}}) <{transpose_lhs = false, transpose_rhs = false}> : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
func.func @matmul_rank2(%a: tensor<4x8xf32>, %at: tensor<8x4xf32>, %b: tensor<8x5xf32>, %bt: tensor<5x8xf32>)
    -> (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>) {
  %c0 = axt.matmul %a, %b : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
  %c1 = axt.matmul %at, %b {transpose_lhs = true} : tensor<8x4xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
  %c2 = axt.matmul %a, %bt {transpose_rhs = true} : tensor<4x8xf32>, tensor<5x8xf32> -> tensor<4x5xf32>
  %c3 = axt.matmul %at, %bt {transpose_lhs = true, transpose_rhs = true} : tensor<8x4xf32>, tensor<5x8xf32> -> tensor<4x5xf32>
  %c4 = axt.matmul %a, %b {transpose_lhs = false, transpose_rhs = false} : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
  return %c0, %c1, %c2, %c3, %c4 : tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>
}

// Rank 2 with a dynamic row count: [?, 8] · [8, 5], and the transposed
// product [?, 8]ᵀ · [?, 5] (the contraction dimension dynamic on both sides,
// as in a weight gradient).
// CHECK-LABEL: func.func @matmul_rank2_dynamic(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x8xf32>, %[[W:[^:]+]]: tensor<8x5xf32>, %[[DY:[^:]+]]: tensor<?x5xf32>)
// CHECK:         %[[Y:.+]] = axt.matmul %[[X]], %[[W]] : tensor<?x8xf32>, tensor<8x5xf32> -> tensor<?x5xf32>
// CHECK:         %[[DW:.+]] = axt.matmul %[[X]], %[[DY]] {transpose_lhs = true} : tensor<?x8xf32>, tensor<?x5xf32> -> tensor<8x5xf32>
// CHECK:         return %[[Y]], %[[DW]]
func.func @matmul_rank2_dynamic(%x: tensor<?x8xf32>, %w: tensor<8x5xf32>, %dy: tensor<?x5xf32>)
    -> (tensor<?x5xf32>, tensor<8x5xf32>) {
  %y = axt.matmul %x, %w : tensor<?x8xf32>, tensor<8x5xf32> -> tensor<?x5xf32>
  %dw = axt.matmul %x, %dy {transpose_lhs = true} : tensor<?x8xf32>, tensor<?x5xf32> -> tensor<8x5xf32>
  return %y, %dw : tensor<?x5xf32>, tensor<8x5xf32>
}

// Rank 3 (batched), all four transpose combinations of
// [2, 4, 8] · [2, 8, 5] -> [2, 4, 5].
// CHECK-LABEL: func.func @matmul_rank3(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<2x4x8xf32>, %[[AT:[^:]+]]: tensor<2x8x4xf32>, %[[B:[^:]+]]: tensor<2x8x5xf32>, %[[BT:[^:]+]]: tensor<2x5x8xf32>)
// CHECK:         %[[C0:.+]] = axt.matmul %[[A]], %[[B]] : tensor<2x4x8xf32>, tensor<2x8x5xf32> -> tensor<2x4x5xf32>
// CHECK:         %[[C1:.+]] = axt.matmul %[[AT]], %[[B]] {transpose_lhs = true} : tensor<2x8x4xf32>, tensor<2x8x5xf32> -> tensor<2x4x5xf32>
// CHECK:         %[[C2:.+]] = axt.matmul %[[A]], %[[BT]] {transpose_rhs = true} : tensor<2x4x8xf32>, tensor<2x5x8xf32> -> tensor<2x4x5xf32>
// CHECK:         %[[C3:.+]] = axt.matmul %[[AT]], %[[BT]] {transpose_lhs = true, transpose_rhs = true} : tensor<2x8x4xf32>, tensor<2x5x8xf32> -> tensor<2x4x5xf32>
// CHECK:         return %[[C0]], %[[C1]], %[[C2]], %[[C3]]
// GENERIC-LABEL: sym_name = "matmul_rank3"
// GENERIC:       "axt.matmul"(%{{.+}}, %{{.+}}) <{transpose_lhs = false, transpose_rhs = false}> : (tensor<2x4x8xf32>, tensor<2x8x5xf32>) -> tensor<2x4x5xf32>
// GENERIC:       "axt.matmul"(%{{.+}}, %{{.+}}) <{transpose_lhs = true, transpose_rhs = false}> : (tensor<2x8x4xf32>, tensor<2x8x5xf32>) -> tensor<2x4x5xf32>
// GENERIC:       "axt.matmul"(%{{.+}}, %{{.+}}) <{transpose_lhs = false, transpose_rhs = true}> : (tensor<2x4x8xf32>, tensor<2x5x8xf32>) -> tensor<2x4x5xf32>
// GENERIC:       "axt.matmul"(%{{.+}}, %{{.+}}) <{transpose_lhs = true, transpose_rhs = true}> : (tensor<2x8x4xf32>, tensor<2x5x8xf32>) -> tensor<2x4x5xf32>
func.func @matmul_rank3(%a: tensor<2x4x8xf32>, %at: tensor<2x8x4xf32>, %b: tensor<2x8x5xf32>, %bt: tensor<2x5x8xf32>)
    -> (tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<2x4x5xf32>) {
  %c0 = axt.matmul %a, %b : tensor<2x4x8xf32>, tensor<2x8x5xf32> -> tensor<2x4x5xf32>
  %c1 = axt.matmul %at, %b {transpose_lhs = true} : tensor<2x8x4xf32>, tensor<2x8x5xf32> -> tensor<2x4x5xf32>
  %c2 = axt.matmul %a, %bt {transpose_rhs = true} : tensor<2x4x8xf32>, tensor<2x5x8xf32> -> tensor<2x4x5xf32>
  %c3 = axt.matmul %at, %bt {transpose_lhs = true, transpose_rhs = true} : tensor<2x8x4xf32>, tensor<2x5x8xf32> -> tensor<2x4x5xf32>
  return %c0, %c1, %c2, %c3 : tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<2x4x5xf32>
}

// Rank 3 with a dynamic batch (leading) dimension: attention scores
// Q · Kᵀ and the weighted values P · V.
// CHECK-LABEL: func.func @matmul_rank3_dynamic(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<?x16x32xf32>, %[[K:[^:]+]]: tensor<?x16x32xf32>, %[[V:[^:]+]]: tensor<?x16x32xf32>)
// CHECK:         %[[S:.+]] = axt.matmul %[[Q]], %[[K]] {transpose_rhs = true} : tensor<?x16x32xf32>, tensor<?x16x32xf32> -> tensor<?x16x16xf32>
// CHECK:         %[[O:.+]] = axt.matmul %[[S]], %[[V]] : tensor<?x16x16xf32>, tensor<?x16x32xf32> -> tensor<?x16x32xf32>
// CHECK:         return %[[O]]
func.func @matmul_rank3_dynamic(%q: tensor<?x16x32xf32>, %k: tensor<?x16x32xf32>, %v: tensor<?x16x32xf32>) -> tensor<?x16x32xf32> {
  %s = axt.matmul %q, %k {transpose_rhs = true} : tensor<?x16x32xf32>, tensor<?x16x32xf32> -> tensor<?x16x16xf32>
  %o = axt.matmul %s, %v : tensor<?x16x16xf32>, tensor<?x16x32xf32> -> tensor<?x16x32xf32>
  return %o : tensor<?x16x32xf32>
}

// A dynamic dimension agrees with a static one anywhere: batch, rows,
// contraction and columns.
// CHECK-LABEL: func.func @matmul_mixed_dynamic(
// CHECK:         axt.matmul %{{.+}}, %{{.+}} : tensor<?x?x8xf32>, tensor<3x?x?xf32> -> tensor<3x4x?xf32>
func.func @matmul_mixed_dynamic(%a: tensor<?x?x8xf32>, %b: tensor<3x?x?xf32>) -> tensor<3x4x?xf32> {
  %c = axt.matmul %a, %b : tensor<?x?x8xf32>, tensor<3x?x?xf32> -> tensor<3x4x?xf32>
  return %c : tensor<3x4x?xf32>
}

//===----------------------------------------------------------------------===//
// axt.softmax, axt.softmax_backward
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:    %[[S:[^:]+]]: tensor<?x16x16xf32>, %[[DP:[^:]+]]: tensor<?x16x16xf32>, %[[X:[^:]+]]: tensor<4x10xf32>, %[[V:[^:]+]]: tensor<7xf32>)
// CHECK:         %[[P:.+]] = axt.softmax %[[S]] : tensor<?x16x16xf32>
// CHECK:         %[[DS:.+]] = axt.softmax_backward %[[DP]], %[[P]] : tensor<?x16x16xf32>
// CHECK:         %[[Y:.+]] = axt.softmax %[[X]] : tensor<4x10xf32>
// CHECK:         %[[W:.+]] = axt.softmax %[[V]] : tensor<7xf32>
// CHECK:         %[[DW:.+]] = axt.softmax_backward %[[V]], %[[W]] : tensor<7xf32>
// CHECK:         return %[[DS]], %[[Y]], %[[DW]]
// GENERIC-LABEL: sym_name = "softmax"
// GENERIC:       "axt.softmax"(%{{.+}}) : (tensor<?x16x16xf32>) -> tensor<?x16x16xf32>
// GENERIC:       "axt.softmax_backward"(%{{.+}}, %{{.+}}) : (tensor<?x16x16xf32>, tensor<?x16x16xf32>) -> tensor<?x16x16xf32>
func.func @softmax(%s: tensor<?x16x16xf32>, %dp: tensor<?x16x16xf32>, %x: tensor<4x10xf32>, %v: tensor<7xf32>)
    -> (tensor<?x16x16xf32>, tensor<4x10xf32>, tensor<7xf32>) {
  %p = axt.softmax %s : tensor<?x16x16xf32>
  %ds = axt.softmax_backward %dp, %p : tensor<?x16x16xf32>
  %y = axt.softmax %x : tensor<4x10xf32>
  %w = axt.softmax %v : tensor<7xf32>
  %dw = axt.softmax_backward %v, %w : tensor<7xf32>
  return %ds, %y, %dw : tensor<?x16x16xf32>, tensor<4x10xf32>, tensor<7xf32>
}

//===----------------------------------------------------------------------===//
// axt.gelu, axt.gelu_backward
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @gelu(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x64xf32>, %[[DY:[^:]+]]: tensor<?x64xf32>, %[[Z:[^:]+]]: tensor<2x3x4xf32>)
// CHECK:         %[[Y:.+]] = axt.gelu %[[X]] : tensor<?x64xf32>
// CHECK:         %[[DX:.+]] = axt.gelu_backward %[[DY]], %[[X]] : tensor<?x64xf32>
// CHECK:         %[[G:.+]] = axt.gelu %[[Z]] : tensor<2x3x4xf32>
// CHECK:         %[[DG:.+]] = axt.gelu_backward %[[G]], %[[Z]] : tensor<2x3x4xf32>
// CHECK:         return %[[Y]], %[[DX]], %[[DG]]
// GENERIC-LABEL: sym_name = "gelu"
// GENERIC:       "axt.gelu"(%{{.+}}) : (tensor<?x64xf32>) -> tensor<?x64xf32>
// GENERIC:       "axt.gelu_backward"(%{{.+}}, %{{.+}}) : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x64xf32>
func.func @gelu(%x: tensor<?x64xf32>, %dy: tensor<?x64xf32>, %z: tensor<2x3x4xf32>)
    -> (tensor<?x64xf32>, tensor<?x64xf32>, tensor<2x3x4xf32>) {
  %y = axt.gelu %x : tensor<?x64xf32>
  %dx = axt.gelu_backward %dy, %x : tensor<?x64xf32>
  %g = axt.gelu %z : tensor<2x3x4xf32>
  %dg = axt.gelu_backward %g, %z : tensor<2x3x4xf32>
  return %y, %dx, %dg : tensor<?x64xf32>, tensor<?x64xf32>, tensor<2x3x4xf32>
}

//===----------------------------------------------------------------------===//
// axt.layer_norm, axt.layer_norm_backward
//===----------------------------------------------------------------------===//

// epsilon: left away or written at its default (1e-5) it is not printed;
// any other value is. Rank 1, 2 and 3 inputs, with a dynamic leading
// dimension.
// CHECK-LABEL: func.func @layer_norm(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x16x64xf32>, %[[G:[^:]+]]: tensor<64xf32>, %[[B:[^:]+]]: tensor<64xf32>, %[[R:[^:]+]]: tensor<?x64xf32>, %[[V:[^:]+]]: tensor<64xf32>)
// CHECK:         %[[Y0:.+]] = axt.layer_norm %[[X]], %[[G]], %[[B]] : tensor<?x16x64xf32>, tensor<64xf32>
// CHECK:         %[[Y1:.+]] = axt.layer_norm %[[X]], %[[G]], %[[B]] : tensor<?x16x64xf32>, tensor<64xf32>
// CHECK:         %[[Y2:.+]] = axt.layer_norm %[[R]], %[[G]], %[[B]] {epsilon = 1.000000e-03 : f32} : tensor<?x64xf32>, tensor<64xf32>
// CHECK:         %[[Y3:.+]] = axt.layer_norm %[[V]], %[[G]], %[[B]] {epsilon = 2.500000e-01 : f32} : tensor<64xf32>, tensor<64xf32>
// CHECK:         return %[[Y0]], %[[Y1]], %[[Y2]], %[[Y3]]
// GENERIC-LABEL: sym_name = "layer_norm"
// GENERIC:       "axt.layer_norm"(%{{.+}}, %{{.+}}, %{{.+}}) <{epsilon = 9.99999974E-6 : f32}> : (tensor<?x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<?x16x64xf32>
// GENERIC:       "axt.layer_norm"(%{{.+}}, %{{.+}}, %{{.+}}) <{epsilon = 9.99999974E-6 : f32}> : (tensor<?x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<?x16x64xf32>
// GENERIC:       "axt.layer_norm"(%{{.+}}, %{{.+}}, %{{.+}}) <{epsilon = 1.000000e-03 : f32}> : (tensor<?x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<?x64xf32>
// GENERIC:       "axt.layer_norm"(%{{.+}}, %{{.+}}, %{{.+}}) <{epsilon = 2.500000e-01 : f32}> : (tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
func.func @layer_norm(%x: tensor<?x16x64xf32>, %g: tensor<64xf32>, %b: tensor<64xf32>, %r: tensor<?x64xf32>, %v: tensor<64xf32>)
    -> (tensor<?x16x64xf32>, tensor<?x16x64xf32>, tensor<?x64xf32>, tensor<64xf32>) {
  %y0 = axt.layer_norm %x, %g, %b : tensor<?x16x64xf32>, tensor<64xf32>
  %y1 = axt.layer_norm %x, %g, %b {epsilon = 1.0e-5 : f32} : tensor<?x16x64xf32>, tensor<64xf32>
  %y2 = axt.layer_norm %r, %g, %b {epsilon = 1.0e-3 : f32} : tensor<?x64xf32>, tensor<64xf32>
  %y3 = axt.layer_norm %v, %g, %b {epsilon = 0.25 : f32} : tensor<64xf32>, tensor<64xf32>
  return %y0, %y1, %y2, %y3 : tensor<?x16x64xf32>, tensor<?x16x64xf32>, tensor<?x64xf32>, tensor<64xf32>
}

// A dynamic feature dimension agrees with a static scale.
// CHECK-LABEL: func.func @layer_norm_dynamic_features(
// CHECK:         axt.layer_norm %{{.+}}, %{{.+}}, %{{.+}} : tensor<2x?xf32>, tensor<8xf32>
// CHECK:         axt.layer_norm %{{.+}}, %{{.+}}, %{{.+}} : tensor<2x8xf32>, tensor<?xf32>
func.func @layer_norm_dynamic_features(%x: tensor<2x?xf32>, %g: tensor<8xf32>, %s: tensor<2x8xf32>, %h: tensor<?xf32>)
    -> (tensor<2x?xf32>, tensor<2x8xf32>) {
  %y = axt.layer_norm %x, %g, %g : tensor<2x?xf32>, tensor<8xf32>
  %z = axt.layer_norm %s, %h, %h : tensor<2x8xf32>, tensor<?xf32>
  return %y, %z : tensor<2x?xf32>, tensor<2x8xf32>
}

// CHECK-LABEL: func.func @layer_norm_backward(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x16x64xf32>, %[[X:[^:]+]]: tensor<?x16x64xf32>, %[[G:[^:]+]]: tensor<64xf32>, %[[DR:[^:]+]]: tensor<3x64xf32>, %[[R:[^:]+]]: tensor<3x64xf32>)
// CHECK:         %[[DX0:.+]], %[[DG0:.+]], %[[DB0:.+]] = axt.layer_norm_backward %[[DY]], %[[X]], %[[G]] : tensor<?x16x64xf32>, tensor<64xf32>
// CHECK:         %[[DX1:.+]], %[[DG1:.+]], %[[DB1:.+]] = axt.layer_norm_backward %[[DY]], %[[X]], %[[G]] : tensor<?x16x64xf32>, tensor<64xf32>
// CHECK:         %[[DX2:.+]], %[[DG2:.+]], %[[DB2:.+]] = axt.layer_norm_backward %[[DR]], %[[R]], %[[G]] {epsilon = 1.000000e-03 : f32} : tensor<3x64xf32>, tensor<64xf32>
// CHECK:         return %[[DX0]], %[[DG0]], %[[DB0]], %[[DX1]], %[[DX2]], %[[DG2]], %[[DB2]]
// GENERIC-LABEL: sym_name = "layer_norm_backward"
// GENERIC:       "axt.layer_norm_backward"(%{{.+}}, %{{.+}}, %{{.+}}) <{epsilon = 9.99999974E-6 : f32}> : (tensor<?x16x64xf32>, tensor<?x16x64xf32>, tensor<64xf32>) -> (tensor<?x16x64xf32>, tensor<64xf32>, tensor<64xf32>)
// GENERIC:       "axt.layer_norm_backward"(%{{.+}}, %{{.+}}, %{{.+}}) <{epsilon = 9.99999974E-6 : f32}> : (tensor<?x16x64xf32>, tensor<?x16x64xf32>, tensor<64xf32>) -> (tensor<?x16x64xf32>, tensor<64xf32>, tensor<64xf32>)
// GENERIC:       "axt.layer_norm_backward"(%{{.+}}, %{{.+}}, %{{.+}}) <{epsilon = 1.000000e-03 : f32}> : (tensor<3x64xf32>, tensor<3x64xf32>, tensor<64xf32>) -> (tensor<3x64xf32>, tensor<64xf32>, tensor<64xf32>)
func.func @layer_norm_backward(%dy: tensor<?x16x64xf32>, %x: tensor<?x16x64xf32>, %g: tensor<64xf32>, %dr: tensor<3x64xf32>, %r: tensor<3x64xf32>)
    -> (tensor<?x16x64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<?x16x64xf32>, tensor<3x64xf32>, tensor<64xf32>, tensor<64xf32>) {
  %dx0, %dg0, %db0 = axt.layer_norm_backward %dy, %x, %g : tensor<?x16x64xf32>, tensor<64xf32>
  %dx1, %dg1, %db1 = axt.layer_norm_backward %dy, %x, %g {epsilon = 1.0e-5 : f32} : tensor<?x16x64xf32>, tensor<64xf32>
  %dx2, %dg2, %db2 = axt.layer_norm_backward %dr, %r, %g {epsilon = 1.0e-3 : f32} : tensor<3x64xf32>, tensor<64xf32>
  return %dx0, %dg0, %db0, %dx1, %dx2, %dg2, %db2
      : tensor<?x16x64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<?x16x64xf32>, tensor<3x64xf32>, tensor<64xf32>, tensor<64xf32>
}

//===----------------------------------------------------------------------===//
// axt.transpose
//===----------------------------------------------------------------------===//

// Dimension d of the result is dimension permutation[d] of the input; the
// identity permutation is allowed; the dynamic dimension moves with it.
// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<16x4x8xf32>, %[[M:[^:]+]]: tensor<?x5xf32>, %[[Z:[^:]+]]: tensor<?x2x3x4xf32>)
// CHECK:         %[[H:.+]] = axt.transpose %[[X]] {permutation = array<i64: 1, 0, 2>} : tensor<16x4x8xf32> -> tensor<4x16x8xf32>
// CHECK:         %[[R:.+]] = axt.transpose %[[X]] {permutation = array<i64: 2, 0, 1>} : tensor<16x4x8xf32> -> tensor<8x16x4xf32>
// CHECK:         %[[MT:.+]] = axt.transpose %[[M]] {permutation = array<i64: 1, 0>} : tensor<?x5xf32> -> tensor<5x?xf32>
// CHECK:         %[[ZT:.+]] = axt.transpose %[[Z]] {permutation = array<i64: 3, 0, 2, 1>} : tensor<?x2x3x4xf32> -> tensor<4x?x3x2xf32>
// CHECK:         %[[ID:.+]] = axt.transpose %[[X]] {permutation = array<i64: 0, 1, 2>} : tensor<16x4x8xf32> -> tensor<16x4x8xf32>
// CHECK:         return %[[H]], %[[R]], %[[MT]], %[[ZT]], %[[ID]]
// GENERIC-LABEL: sym_name = "transpose"
// GENERIC:       "axt.transpose"(%{{.+}}) <{permutation = array<i64: 1, 0, 2>}> : (tensor<16x4x8xf32>) -> tensor<4x16x8xf32>
func.func @transpose(%x: tensor<16x4x8xf32>, %m: tensor<?x5xf32>, %z: tensor<?x2x3x4xf32>)
    -> (tensor<4x16x8xf32>, tensor<8x16x4xf32>, tensor<5x?xf32>, tensor<4x?x3x2xf32>, tensor<16x4x8xf32>) {
  %h = axt.transpose %x {permutation = array<i64: 1, 0, 2>} : tensor<16x4x8xf32> -> tensor<4x16x8xf32>
  %r = axt.transpose %x {permutation = array<i64: 2, 0, 1>} : tensor<16x4x8xf32> -> tensor<8x16x4xf32>
  %mt = axt.transpose %m {permutation = array<i64: 1, 0>} : tensor<?x5xf32> -> tensor<5x?xf32>
  %zt = axt.transpose %z {permutation = array<i64: 3, 0, 2, 1>} : tensor<?x2x3x4xf32> -> tensor<4x?x3x2xf32>
  %id = axt.transpose %x {permutation = array<i64: 0, 1, 2>} : tensor<16x4x8xf32> -> tensor<16x4x8xf32>
  return %h, %r, %mt, %zt, %id : tensor<4x16x8xf32>, tensor<8x16x4xf32>, tensor<5x?xf32>, tensor<4x?x3x2xf32>, tensor<16x4x8xf32>
}

// The generic form reads back into the custom form, properties and all.
// CHECK-LABEL: func.func @from_generic(
// CHECK:         %[[C:.+]] = axt.matmul %{{.+}}, %{{.+}} {transpose_lhs = true} : tensor<2x8x4xf32>, tensor<2x8x5xf32> -> tensor<2x4x5xf32>
// CHECK:         %[[P:.+]] = axt.softmax %[[C]] : tensor<2x4x5xf32>
// CHECK:         %[[G:.+]] = axt.gelu %[[P]] : tensor<2x4x5xf32>
// CHECK:         %[[N:.+]] = axt.layer_norm %[[G]], %{{.+}}, %{{.+}} {epsilon = 1.000000e-01 : f32} : tensor<2x4x5xf32>, tensor<5xf32>
// CHECK:         %[[T:.+]] = axt.transpose %[[N]] {permutation = array<i64: 0, 2, 1>} : tensor<2x4x5xf32> -> tensor<2x5x4xf32>
// CHECK:         return %[[T]]
func.func @from_generic(%a: tensor<2x8x4xf32>, %b: tensor<2x8x5xf32>, %g: tensor<5xf32>) -> tensor<2x5x4xf32> {
  %c = "axt.matmul"(%a, %b) <{transpose_lhs = true}> : (tensor<2x8x4xf32>, tensor<2x8x5xf32>) -> tensor<2x4x5xf32>
  %p = "axt.softmax"(%c) : (tensor<2x4x5xf32>) -> tensor<2x4x5xf32>
  %e = "axt.gelu"(%p) : (tensor<2x4x5xf32>) -> tensor<2x4x5xf32>
  %n = "axt.layer_norm"(%e, %g, %g) <{epsilon = 0.1 : f32}> : (tensor<2x4x5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x4x5xf32>
  %t = "axt.transpose"(%n) <{permutation = array<i64: 0, 2, 1>}> : (tensor<2x4x5xf32>) -> tensor<2x5x4xf32>
  return %t : tensor<2x5x4xf32>
}
