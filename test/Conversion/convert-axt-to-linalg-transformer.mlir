// RUN: axt-opt %s --split-input-file --convert-axt-to-linalg | FileCheck %s

// Lowering of the Transformer ops (matmul, softmax, gelu, layer_norm,
// transpose and their backward ops) to linalg, tensor, arith and math.
// Where the order of ops created in one C++ expression depends on the host
// compiler (constants and operands built inside a call's argument list),
// CHECK-DAG accepts either order.

//===----------------------------------------------------------------------===//
// axt.matmul, rank 2 -> linalg.matmul. Loops (m, n, k) = (d0, d1, d2);
// a transposed operand is read in place through its indexing map.
//===----------------------------------------------------------------------===//

// No transpose: the default maps, which the printer leaves out.
// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<4x8xf32>, %[[B:[^:]+]]: tensor<8x5xf32>)
// CHECK:         %[[EMPTY:.+]] = tensor.empty() : tensor<4x5xf32>
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<4x5xf32>)
// CHECK:         %[[C:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x5xf32>) outs(%[[INIT]] : tensor<4x5xf32>) -> tensor<4x5xf32>
// CHECK-NEXT:    return %[[C]]
func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %c = axt.matmul %a, %b : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

// transpose_lhs: lhs[k, m].
// CHECK-DAG:   #[[$LHS:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG:   #[[$RHS:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG:   #[[$OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_transpose_lhs(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<8x4xf32>, %[[B:[^:]+]]: tensor<8x5xf32>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4x5xf32>)
// CHECK:         %[[C:.+]] = linalg.matmul indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]] ins(%[[A]], %[[B]] : tensor<8x4xf32>, tensor<8x5xf32>) outs(%[[INIT]] : tensor<4x5xf32>) -> tensor<4x5xf32>
// CHECK-NEXT:    return %[[C]]
func.func @matmul_transpose_lhs(%a: tensor<8x4xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %c = axt.matmul %a, %b {transpose_lhs = true} : tensor<8x4xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

// transpose_rhs: rhs[n, k]; the dynamic row count comes from the lhs.
// CHECK-DAG:   #[[$LHS:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:   #[[$RHS:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[$OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_transpose_rhs(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<?x8xf32>, %[[B:[^:]+]]: tensor<5x8xf32>)
// CHECK:         %[[C0:.+]] = arith.constant 0 : index
// CHECK:         %[[M:.+]] = tensor.dim %[[A]], %[[C0]] : tensor<?x8xf32>
// CHECK:         %[[EMPTY:.+]] = tensor.empty(%[[M]]) : tensor<?x5xf32>
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[EMPTY]] : tensor<?x5xf32>)
// CHECK:         %[[C:.+]] = linalg.matmul indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]] ins(%[[A]], %[[B]] : tensor<?x8xf32>, tensor<5x8xf32>) outs(%[[INIT]] : tensor<?x5xf32>) -> tensor<?x5xf32>
// CHECK-NEXT:    return %[[C]]
func.func @matmul_transpose_rhs(%a: tensor<?x8xf32>, %b: tensor<5x8xf32>) -> tensor<?x5xf32> {
  %c = axt.matmul %a, %b {transpose_rhs = true} : tensor<?x8xf32>, tensor<5x8xf32> -> tensor<?x5xf32>
  return %c : tensor<?x5xf32>
}

// -----

// Both transposed: lhs[k, m], rhs[n, k].
// CHECK-DAG:   #[[$LHS:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG:   #[[$RHS:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[$OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_transpose_both(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<8x4xf32>, %[[B:[^:]+]]: tensor<5x8xf32>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4x5xf32>)
// CHECK:         %[[C:.+]] = linalg.matmul indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]] ins(%[[A]], %[[B]] : tensor<8x4xf32>, tensor<5x8xf32>) outs(%[[INIT]] : tensor<4x5xf32>) -> tensor<4x5xf32>
// CHECK-NEXT:    return %[[C]]
func.func @matmul_transpose_both(%a: tensor<8x4xf32>, %b: tensor<5x8xf32>) -> tensor<4x5xf32> {
  %c = axt.matmul %a, %b {transpose_lhs = true, transpose_rhs = true} : tensor<8x4xf32>, tensor<5x8xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

// A result type more static than the operands: the product is computed at
// the operands' shape and cast.
// CHECK-LABEL: func.func @matmul_cast_result(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<?x8xf32>, %[[B:[^:]+]]: tensor<8x5xf32>)
// CHECK:         %[[C:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<?x8xf32>, tensor<8x5xf32>) outs(%{{.+}} : tensor<?x5xf32>) -> tensor<?x5xf32>
// CHECK-NEXT:    %[[CAST:.+]] = tensor.cast %[[C]] : tensor<?x5xf32> to tensor<4x5xf32>
// CHECK-NEXT:    return %[[CAST]]
func.func @matmul_cast_result(%a: tensor<?x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %c = axt.matmul %a, %b : tensor<?x8xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.matmul, rank 3 -> linalg.batch_matmul. Loops (b, m, n, k) =
// (d0, d1, d2, d3).
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @batch_matmul(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<?x4x8xf32>, %[[B:[^:]+]]: tensor<?x8x5xf32>)
// CHECK:         %[[C0:.+]] = arith.constant 0 : index
// CHECK:         %[[BATCH:.+]] = tensor.dim %[[A]], %[[C0]] : tensor<?x4x8xf32>
// CHECK:         %[[EMPTY:.+]] = tensor.empty(%[[BATCH]]) : tensor<?x4x5xf32>
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[EMPTY]] : tensor<?x4x5xf32>)
// CHECK:         %[[C:.+]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<?x4x8xf32>, tensor<?x8x5xf32>) outs(%[[INIT]] : tensor<?x4x5xf32>) -> tensor<?x4x5xf32>
// CHECK-NEXT:    return %[[C]]
func.func @batch_matmul(%a: tensor<?x4x8xf32>, %b: tensor<?x8x5xf32>) -> tensor<?x4x5xf32> {
  %c = axt.matmul %a, %b : tensor<?x4x8xf32>, tensor<?x8x5xf32> -> tensor<?x4x5xf32>
  return %c : tensor<?x4x5xf32>
}

// -----

// CHECK-DAG:   #[[$LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1)>
// CHECK-DAG:   #[[$RHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG:   #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @batch_matmul_transpose_lhs(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<2x8x4xf32>, %[[B:[^:]+]]: tensor<2x8x5xf32>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x4x5xf32>)
// CHECK:         %[[C:.+]] = linalg.batch_matmul indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]] ins(%[[A]], %[[B]] : tensor<2x8x4xf32>, tensor<2x8x5xf32>) outs(%[[INIT]] : tensor<2x4x5xf32>) -> tensor<2x4x5xf32>
// CHECK-NEXT:    return %[[C]]
func.func @batch_matmul_transpose_lhs(%a: tensor<2x8x4xf32>, %b: tensor<2x8x5xf32>) -> tensor<2x4x5xf32> {
  %c = axt.matmul %a, %b {transpose_lhs = true} : tensor<2x8x4xf32>, tensor<2x8x5xf32> -> tensor<2x4x5xf32>
  return %c : tensor<2x4x5xf32>
}

// -----

// Attention scores Q · Kᵀ.
// CHECK-DAG:   #[[$LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG:   #[[$RHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG:   #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @batch_matmul_transpose_rhs(
// CHECK-SAME:      %[[Q:[^:]+]]: tensor<4x16x8xf32>, %[[K:[^:]+]]: tensor<4x16x8xf32>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4x16x16xf32>)
// CHECK:         %[[S:.+]] = linalg.batch_matmul indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]] ins(%[[Q]], %[[K]] : tensor<4x16x8xf32>, tensor<4x16x8xf32>) outs(%[[INIT]] : tensor<4x16x16xf32>) -> tensor<4x16x16xf32>
// CHECK-NEXT:    return %[[S]]
func.func @batch_matmul_transpose_rhs(%q: tensor<4x16x8xf32>, %k: tensor<4x16x8xf32>) -> tensor<4x16x16xf32> {
  %s = axt.matmul %q, %k {transpose_rhs = true} : tensor<4x16x8xf32>, tensor<4x16x8xf32> -> tensor<4x16x16xf32>
  return %s : tensor<4x16x16xf32>
}

// -----

// Both transposed, all sizes dynamic: the batch comes from the lhs's
// dimension 0, m from its dimension 2 (it is transposed), n from the rhs's
// dimension 1 (it is transposed too).
// CHECK-DAG:   #[[$LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1)>
// CHECK-DAG:   #[[$RHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG:   #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @batch_matmul_transpose_both(
// CHECK-SAME:      %[[A:[^:]+]]: tensor<?x?x?xf32>, %[[B:[^:]+]]: tensor<?x?x?xf32>)
// CHECK:         %[[C0:.+]] = arith.constant 0 : index
// CHECK:         %[[BATCH:.+]] = tensor.dim %[[A]], %[[C0]]
// CHECK:         %[[C2:.+]] = arith.constant 2 : index
// CHECK:         %[[M:.+]] = tensor.dim %[[A]], %[[C2]]
// CHECK:         %[[C1:.+]] = arith.constant 1 : index
// CHECK:         %[[N:.+]] = tensor.dim %[[B]], %[[C1]]
// CHECK:         %[[EMPTY:.+]] = tensor.empty(%[[BATCH]], %[[M]], %[[N]]) : tensor<?x?x?xf32>
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[EMPTY]] : tensor<?x?x?xf32>)
// CHECK:         %[[C:.+]] = linalg.batch_matmul indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]] ins(%[[A]], %[[B]] : tensor<?x?x?xf32>, tensor<?x?x?xf32>) outs(%[[INIT]] : tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
// CHECK-NEXT:    return %[[C]]
func.func @batch_matmul_transpose_both(%a: tensor<?x?x?xf32>, %b: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %c = axt.matmul %a, %b {transpose_lhs = true, transpose_rhs = true} : tensor<?x?x?xf32>, tensor<?x?x?xf32> -> tensor<?x?x?xf32>
  return %c : tensor<?x?x?xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.softmax, axt.softmax_backward: row reductions over the last dimension
//===----------------------------------------------------------------------===//

// Row maximum (from -inf), row sum of exp(x - max), then exp(x - max) / sum.
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:   #[[$ROW:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x4x8xf32>)
// CHECK:         %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[MAX_INIT:.+]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.+}} : tensor<?x4xf32>)
// CHECK:         %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] : tensor<?x4x8xf32>) outs(%[[MAX_INIT]] : tensor<?x4xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT:      %[[M:.+]] = arith.maximumf %[[ACC]], %[[IN]] : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[SUM_INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<?x4xf32>)
// CHECK:         %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[MAX]] : tensor<?x4x8xf32>, tensor<?x4xf32>) outs(%[[SUM_INIT]] : tensor<?x4xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:[^:]+]]: f32, %[[IN_MAX:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT:      %[[D:.+]] = arith.subf %[[IN]], %[[IN_MAX]] : f32
// CHECK-NEXT:      %[[E:.+]] = math.exp %[[D]] : f32
// CHECK-NEXT:      %[[S:.+]] = arith.addf %[[ACC]], %[[E]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         %[[EMPTY:.+]] = tensor.empty(%{{.+}}) : tensor<?x4x8xf32>
// CHECK:         %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]], %[[MAX]], %[[SUM]] : tensor<?x4x8xf32>, tensor<?x4xf32>, tensor<?x4xf32>) outs(%[[EMPTY]] : tensor<?x4x8xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:[^:]+]]: f32, %[[IN_MAX:[^:]+]]: f32, %[[IN_SUM:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT:      %[[D:.+]] = arith.subf %[[IN]], %[[IN_MAX]] : f32
// CHECK-NEXT:      %[[E:.+]] = math.exp %[[D]] : f32
// CHECK-NEXT:      %[[P:.+]] = arith.divf %[[E]], %[[IN_SUM]] : f32
// CHECK-NEXT:      linalg.yield %[[P]] : f32
// CHECK:         return %[[Y]]
func.func @softmax(%x: tensor<?x4x8xf32>) -> tensor<?x4x8xf32> {
  %y = axt.softmax %x : tensor<?x4x8xf32>
  return %y : tensor<?x4x8xf32>
}

// -----

// Rank 1: the whole vector is one row, reduced into a 0-d tensor.
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0) -> (d0)>
// CHECK-DAG:   #[[$ROW:.+]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @softmax_rank1(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<8xf32>)
// CHECK:         %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]]], iterator_types = ["reduction"]} ins(%[[X]] : tensor<8xf32>) outs(%{{.+}} : tensor<f32>)
// CHECK:           arith.maximumf
// CHECK:         %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]]], iterator_types = ["reduction"]} ins(%[[X]], %[[MAX]] : tensor<8xf32>, tensor<f32>) outs(%{{.+}} : tensor<f32>)
// CHECK:         %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel"]} ins(%[[X]], %[[MAX]], %[[SUM]] : tensor<8xf32>, tensor<f32>, tensor<f32>)
// CHECK:         return %[[Y]]
func.func @softmax_rank1(%x: tensor<8xf32>) -> tensor<8xf32> {
  %y = axt.softmax %x : tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// dx = y · (dy − Σ_row dy · y).
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax_backward(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<3x8xf32>, %[[Y:[^:]+]]: tensor<3x8xf32>)
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<3xf32>)
// CHECK:         %[[DOT:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[DY]], %[[Y]] : tensor<3x8xf32>, tensor<3x8xf32>) outs(%[[INIT]] : tensor<3xf32>)
// CHECK-NEXT:    ^bb0(%[[IN_DY:[^:]+]]: f32, %[[IN_Y:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[IN_DY]], %[[IN_Y]] : f32
// CHECK-NEXT:      %[[S:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         %[[EMPTY:.+]] = tensor.empty() : tensor<3x8xf32>
// CHECK:         %[[DX:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[DY]], %[[Y]], %[[DOT]] : tensor<3x8xf32>, tensor<3x8xf32>, tensor<3xf32>) outs(%[[EMPTY]] : tensor<3x8xf32>)
// CHECK-NEXT:    ^bb0(%[[IN_DY:[^:]+]]: f32, %[[IN_Y:[^:]+]]: f32, %[[IN_DOT:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT:      %[[D:.+]] = arith.subf %[[IN_DY]], %[[IN_DOT]] : f32
// CHECK-NEXT:      %[[R:.+]] = arith.mulf %[[IN_Y]], %[[D]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
// CHECK:         return %[[DX]]
func.func @softmax_backward(%dy: tensor<3x8xf32>, %y: tensor<3x8xf32>) -> tensor<3x8xf32> {
  %dx = axt.softmax_backward %dy, %y : tensor<3x8xf32>
  return %dx : tensor<3x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.gelu, axt.gelu_backward: elementwise, exact (erf)
//===----------------------------------------------------------------------===//

// y = x · (1 + erf(x · 1/√2)) · 0.5.
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @gelu(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x8xf32>)
// CHECK:         %[[EMPTY:.+]] = tensor.empty(%{{.+}}) : tensor<?x8xf32>
// CHECK:         %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]] : tensor<?x8xf32>) outs(%[[EMPTY]] : tensor<?x8xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-DAG:       %[[RSQRT2:.+]] = arith.constant 0.707106769 : f32
// CHECK-DAG:       %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG:       %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:       %[[SCALED:.+]] = arith.mulf %[[IN]], %[[RSQRT2]] : f32
// CHECK-DAG:       %[[ERF:.+]] = math.erf %[[SCALED]] : f32
// CHECK-DAG:       %[[SUM:.+]] = arith.addf %[[ERF]], %[[ONE]] : f32
// CHECK-DAG:       %[[CDF:.+]] = arith.mulf %[[SUM]], %[[HALF]] : f32
// CHECK:           %[[R:.+]] = arith.mulf %[[IN]], %[[CDF]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
// CHECK:         return %[[Y]]
func.func @gelu(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %y = axt.gelu %x : tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// dx = dy · (Φ(x) + x · φ(x)), φ(x) = exp(−x²/2) · 1/√(2π).
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @gelu_backward(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<2x3x8xf32>, %[[X:[^:]+]]: tensor<2x3x8xf32>)
// CHECK:         %[[EMPTY:.+]] = tensor.empty() : tensor<2x3x8xf32>
// CHECK:         %[[DX:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[DY]], %[[X]] : tensor<2x3x8xf32>, tensor<2x3x8xf32>) outs(%[[EMPTY]] : tensor<2x3x8xf32>)
// CHECK-NEXT:    ^bb0(%[[IN_DY:[^:]+]]: f32, %[[IN_X:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-DAG:       %[[MINUS_HALF:.+]] = arith.constant -5.000000e-01 : f32
// CHECK-DAG:       %[[INV_SQRT_2PI:.+]] = arith.constant 0.398942292 : f32
// CHECK-DAG:       %[[SQUARE:.+]] = arith.mulf %[[IN_X]], %[[IN_X]] : f32
// CHECK-DAG:       %[[EXPONENT:.+]] = arith.mulf %[[SQUARE]], %[[MINUS_HALF]] : f32
// CHECK-DAG:       %[[EXP:.+]] = math.exp %[[EXPONENT]] : f32
// CHECK-DAG:       %[[PDF:.+]] = arith.mulf %[[EXP]], %[[INV_SQRT_2PI]] : f32
// CHECK-DAG:       %[[XPDF:.+]] = arith.mulf %[[IN_X]], %[[PDF]] : f32
// CHECK-DAG:       %[[RSQRT2:.+]] = arith.constant 0.707106769 : f32
// CHECK-DAG:       %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG:       %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:       %[[SCALED:.+]] = arith.mulf %[[IN_X]], %[[RSQRT2]] : f32
// CHECK-DAG:       %[[ERF:.+]] = math.erf %[[SCALED]] : f32
// CHECK-DAG:       %[[SUM:.+]] = arith.addf %[[ERF]], %[[ONE]] : f32
// CHECK-DAG:       %[[CDF:.+]] = arith.mulf %[[SUM]], %[[HALF]] : f32
// CHECK:           %[[SLOPE:.+]] = arith.addf %[[CDF]], %[[XPDF]] : f32
// CHECK-NEXT:      %[[R:.+]] = arith.mulf %[[IN_DY]], %[[SLOPE]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
// CHECK:         return %[[DX]]
func.func @gelu_backward(%dy: tensor<2x3x8xf32>, %x: tensor<2x3x8xf32>) -> tensor<2x3x8xf32> {
  %dx = axt.gelu_backward %dy, %x : tensor<2x3x8xf32>
  return %dx : tensor<2x3x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.layer_norm, axt.layer_norm_backward
//===----------------------------------------------------------------------===//

// Row statistics over the last dimension: mean = Σx / D, invstd =
// rsqrt(Σ(x − mean)² / D + epsilon) (the biased variance), with D the last
// dimension as f32; then y = (x − mean) · invstd · scale + shift with the
// scale and shift read along the last dimension.
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:   #[[$ROW:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:   #[[$ROW_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$FEATURE:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @layer_norm(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x4x8xf32>, %[[G:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<8xf32>)
// CHECK:         %[[C2:.+]] = arith.constant 2 : index
// CHECK:         %[[DIM:.+]] = tensor.dim %[[X]], %[[C2]] : tensor<?x4x8xf32>
// CHECK:         %[[DIM_I64:.+]] = arith.index_cast %[[DIM]] : index to i64
// CHECK:         %[[WIDTH:.+]] = arith.sitofp %[[DIM_I64]] : i64 to f32
// CHECK:         %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] : tensor<?x4x8xf32>) outs(%{{.+}} : tensor<?x4xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT:      %[[S:.+]] = arith.addf %[[ACC]], %[[IN]] : f32
// CHECK:         %[[MEAN:.+]] = linalg.generic {indexing_maps = [#[[$ROW_ID]], #[[$ROW_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[SUM]] : tensor<?x4xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT:      %[[Q:.+]] = arith.divf %[[IN]], %[[WIDTH]] : f32
// CHECK:         %[[SQUARES:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[MEAN]] : tensor<?x4x8xf32>, tensor<?x4xf32>) outs(%{{.+}} : tensor<?x4xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:[^:]+]]: f32, %[[IN_MEAN:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT:      %[[C:.+]] = arith.subf %[[IN]], %[[IN_MEAN]] : f32
// CHECK-NEXT:      %[[C2X:.+]] = arith.mulf %[[C]], %[[C]] : f32
// CHECK-NEXT:      %[[S:.+]] = arith.addf %[[ACC]], %[[C2X]] : f32
// CHECK:         %[[INVSTD:.+]] = linalg.generic {indexing_maps = [#[[$ROW_ID]], #[[$ROW_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[SQUARES]] : tensor<?x4xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT:      %[[VAR:.+]] = arith.divf %[[IN]], %[[WIDTH]] : f32
// CHECK-NEXT:      %[[EPS:.+]] = arith.constant 1.000000e-03 : f32
// CHECK-NEXT:      %[[VAR_EPS:.+]] = arith.addf %[[VAR]], %[[EPS]] : f32
// CHECK-NEXT:      %[[R:.+]] = math.rsqrt %[[VAR_EPS]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
// CHECK:         %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]], #[[$FEATURE]], #[[$FEATURE]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]], %[[INVSTD]], %[[G]], %[[B]] : tensor<?x4x8xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<8xf32>, tensor<8xf32>) outs(%{{.+}} : tensor<?x4x8xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:[^:]+]]: f32, %[[IN_MEAN:[^:]+]]: f32, %[[IN_INVSTD:[^:]+]]: f32, %[[IN_G:[^:]+]]: f32, %[[IN_B:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT:      %[[C:.+]] = arith.subf %[[IN]], %[[IN_MEAN]] : f32
// CHECK-NEXT:      %[[XHAT:.+]] = arith.mulf %[[C]], %[[IN_INVSTD]] : f32
// CHECK-NEXT:      %[[SCALED:.+]] = arith.mulf %[[XHAT]], %[[IN_G]] : f32
// CHECK-NEXT:      %[[R:.+]] = arith.addf %[[SCALED]], %[[IN_B]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
// CHECK:         return %[[Y]]
func.func @layer_norm(%x: tensor<?x4x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x4x8xf32> {
  %y = axt.layer_norm %x, %g, %b {epsilon = 1.0e-3 : f32} : tensor<?x4x8xf32>, tensor<8xf32>
  return %y : tensor<?x4x8xf32>
}

// -----

// The default epsilon, rank 2.
// CHECK-LABEL: func.func @layer_norm_default_epsilon(
// CHECK:           %[[EPS:.+]] = arith.constant 9.99999974E-6 : f32
// CHECK-NEXT:      %{{.+}} = arith.addf %{{.+}}, %[[EPS]] : f32
// CHECK-NEXT:      math.rsqrt
// CHECK:         linalg.generic {{.+}} iterator_types = ["parallel", "parallel"]} ins(%{{.+}} : tensor<3x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<8xf32>, tensor<8xf32>) outs(%{{.+}} : tensor<3x8xf32>)
func.func @layer_norm_default_epsilon(%x: tensor<3x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<3x8xf32> {
  %y = axt.layer_norm %x, %g, %b : tensor<3x8xf32>, tensor<8xf32>
  return %y : tensor<3x8xf32>
}

// -----

// The backward recomputes the row statistics from the input (with the
// op's epsilon), reduces dy and dy · x̂ over every dimension but the last
// for the shift and scale gradients, reduces g = dy · scale and g · x̂ per
// row, and combines: dx = invstd / D · (D · g − Σg − x̂ · Σ(g · x̂)).
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:   #[[$ROW:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:   #[[$FEATURE:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @layer_norm_backward(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<?x4x8xf32>, %[[X:[^:]+]]: tensor<?x4x8xf32>, %[[G:[^:]+]]: tensor<8xf32>)
// CHECK:         %[[C2:.+]] = arith.constant 2 : index
// CHECK:         %[[DIM:.+]] = tensor.dim %[[X]], %[[C2]] : tensor<?x4x8xf32>
// CHECK:         %[[DIM_I64:.+]] = arith.index_cast %[[DIM]] : index to i64
// CHECK:         %[[WIDTH:.+]] = arith.sitofp %[[DIM_I64]] : i64 to f32
// CHECK:         %[[SUM:.+]] = linalg.generic {{.+}} ins(%[[X]] : tensor<?x4x8xf32>)
// CHECK:         %[[MEAN:.+]] = linalg.generic {{.+}} ins(%[[SUM]] : tensor<?x4xf32>)
// CHECK:         %[[SQUARES:.+]] = linalg.generic {{.+}} ins(%[[X]], %[[MEAN]] : tensor<?x4x8xf32>, tensor<?x4xf32>)
// CHECK:         %[[INVSTD:.+]] = linalg.generic {{.+}} ins(%[[SQUARES]] : tensor<?x4xf32>)
// CHECK:           arith.constant 9.99999974E-6 : f32
// CHECK:           math.rsqrt
// CHECK:         %[[DSHIFT_EMPTY:.+]] = tensor.empty() : tensor<8xf32>
// CHECK-NEXT:    %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    %[[DSHIFT_INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[DSHIFT_EMPTY]] : tensor<8xf32>)
// CHECK-NEXT:    %[[DSHIFT:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ROW]], #[[$ROW]], #[[$FEATURE]]], iterator_types = ["reduction", "reduction", "parallel"]} ins(%[[DY]], %[[X]], %[[MEAN]], %[[INVSTD]] : tensor<?x4x8xf32>, tensor<?x4x8xf32>, tensor<?x4xf32>, tensor<?x4xf32>) outs(%[[DSHIFT_INIT]] : tensor<8xf32>)
// CHECK-NEXT:    ^bb0(%[[IN_DY:[^:]+]]: f32, %{{[^:]+}}: f32, %{{[^:]+}}: f32, %{{[^:]+}}: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT:      %[[S:.+]] = arith.addf %[[ACC]], %[[IN_DY]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         %[[DSCALE_INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<8xf32>)
// CHECK-NEXT:    %[[DSCALE:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ROW]], #[[$ROW]], #[[$FEATURE]]], iterator_types = ["reduction", "reduction", "parallel"]} ins(%[[DY]], %[[X]], %[[MEAN]], %[[INVSTD]] : tensor<?x4x8xf32>, tensor<?x4x8xf32>, tensor<?x4xf32>, tensor<?x4xf32>) outs(%[[DSCALE_INIT]] : tensor<8xf32>)
// CHECK-NEXT:    ^bb0(%[[IN_DY:[^:]+]]: f32, %[[IN_X:[^:]+]]: f32, %[[IN_MEAN:[^:]+]]: f32, %[[IN_INVSTD:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT:      %[[C:.+]] = arith.subf %[[IN_X]], %[[IN_MEAN]] : f32
// CHECK-NEXT:      %[[XHAT:.+]] = arith.mulf %[[C]], %[[IN_INVSTD]] : f32
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[IN_DY]], %[[XHAT]] : f32
// CHECK-NEXT:      %[[S:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         %[[SUM_G:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$FEATURE]], #[[$ROW]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[DY]], %[[G]] : tensor<?x4x8xf32>, tensor<8xf32>) outs(%{{.+}} : tensor<?x4xf32>)
// CHECK-NEXT:    ^bb0(%[[IN_DY:[^:]+]]: f32, %[[IN_G:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[IN_DY]], %[[IN_G]] : f32
// CHECK-NEXT:      %[[S:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK:         %[[SUM_GX:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$FEATURE]], #[[$ID]], #[[$ROW]], #[[$ROW]], #[[$ROW]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[DY]], %[[G]], %[[X]], %[[MEAN]], %[[INVSTD]] : tensor<?x4x8xf32>, tensor<8xf32>, tensor<?x4x8xf32>, tensor<?x4xf32>, tensor<?x4xf32>) outs(%{{.+}} : tensor<?x4xf32>)
// CHECK-NEXT:    ^bb0(%[[IN_DY:[^:]+]]: f32, %[[IN_G:[^:]+]]: f32, %[[IN_X:[^:]+]]: f32, %[[IN_MEAN:[^:]+]]: f32, %[[IN_INVSTD:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT:      %[[GG:.+]] = arith.mulf %[[IN_DY]], %[[IN_G]] : f32
// CHECK-NEXT:      %[[C:.+]] = arith.subf %[[IN_X]], %[[IN_MEAN]] : f32
// CHECK-NEXT:      %[[XHAT:.+]] = arith.mulf %[[C]], %[[IN_INVSTD]] : f32
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[GG]], %[[XHAT]] : f32
// CHECK-NEXT:      %[[S:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK:         %[[DX:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$FEATURE]], #[[$ID]], #[[$ROW]], #[[$ROW]], #[[$ROW]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[DY]], %[[G]], %[[X]], %[[MEAN]], %[[INVSTD]], %[[SUM_G]], %[[SUM_GX]] : tensor<?x4x8xf32>, tensor<8xf32>, tensor<?x4x8xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) outs(%{{.+}} : tensor<?x4x8xf32>)
// CHECK-NEXT:    ^bb0(%[[IN_DY:[^:]+]]: f32, %[[IN_G:[^:]+]]: f32, %[[IN_X:[^:]+]]: f32, %[[IN_MEAN:[^:]+]]: f32, %[[IN_INVSTD:[^:]+]]: f32, %[[IN_SUM_G:[^:]+]]: f32, %[[IN_SUM_GX:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT:      %[[GG:.+]] = arith.mulf %[[IN_DY]], %[[IN_G]] : f32
// CHECK-NEXT:      %[[C:.+]] = arith.subf %[[IN_X]], %[[IN_MEAN]] : f32
// CHECK-NEXT:      %[[XHAT:.+]] = arith.mulf %[[C]], %[[IN_INVSTD]] : f32
// CHECK-DAG:       %[[XHAT_SUM:.+]] = arith.mulf %[[XHAT]], %[[IN_SUM_GX]] : f32
// CHECK-DAG:       %[[DG:.+]] = arith.mulf %[[WIDTH]], %[[GG]] : f32
// CHECK-DAG:       %[[T1:.+]] = arith.subf %[[DG]], %[[IN_SUM_G]] : f32
// CHECK-DAG:       %[[T2:.+]] = arith.subf %[[T1]], %[[XHAT_SUM]] : f32
// CHECK-DAG:       %[[K:.+]] = arith.divf %[[IN_INVSTD]], %[[WIDTH]] : f32
// CHECK:           %[[R:.+]] = arith.mulf %[[K]], %[[T2]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
// CHECK:         return %[[DX]], %[[DSCALE]], %[[DSHIFT]]
func.func @layer_norm_backward(%dy: tensor<?x4x8xf32>, %x: tensor<?x4x8xf32>, %g: tensor<8xf32>)
    -> (tensor<?x4x8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g : tensor<?x4x8xf32>, tensor<8xf32>
  return %dx, %dg, %db : tensor<?x4x8xf32>, tensor<8xf32>, tensor<8xf32>
}

// -----

// Rank 2: the feature reductions run over the rows only; epsilon carried.
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG:   #[[$FEATURE:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @layer_norm_backward_rank2(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<5x8xf32>, %[[X:[^:]+]]: tensor<5x8xf32>, %[[G:[^:]+]]: tensor<8xf32>)
// CHECK:           arith.constant 2.500000e-01 : f32
// CHECK:         %[[DSHIFT:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ROW]], #[[$ROW]], #[[$FEATURE]]], iterator_types = ["reduction", "parallel"]} ins(%[[DY]], %[[X]], %{{.+}}, %{{.+}} : tensor<5x8xf32>, tensor<5x8xf32>, tensor<5xf32>, tensor<5xf32>) outs(%{{.+}} : tensor<8xf32>)
// CHECK:         %[[DSCALE:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ROW]], #[[$ROW]], #[[$FEATURE]]], iterator_types = ["reduction", "parallel"]} ins(%[[DY]], %[[X]], %{{.+}}, %{{.+}} : tensor<5x8xf32>, tensor<5x8xf32>, tensor<5xf32>, tensor<5xf32>) outs(%{{.+}} : tensor<8xf32>)
// CHECK:         %[[DX:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "parallel"]} ins(%[[DY]], %[[G]], %[[X]], {{.+}}) outs(%{{.+}} : tensor<5x8xf32>)
// CHECK:         return %[[DX]], %[[DSCALE]], %[[DSHIFT]]
func.func @layer_norm_backward_rank2(%dy: tensor<5x8xf32>, %x: tensor<5x8xf32>, %g: tensor<8xf32>)
    -> (tensor<5x8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g {epsilon = 0.25 : f32} : tensor<5x8xf32>, tensor<8xf32>
  return %dx, %dg, %db : tensor<5x8xf32>, tensor<8xf32>, tensor<8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.transpose -> linalg.transpose
//===----------------------------------------------------------------------===//

// The permutation goes over unchanged; the dynamic size moves with its
// dimension.
// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x4x8xf32>)
// CHECK:         %[[C0:.+]] = arith.constant 0 : index
// CHECK:         %[[N:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<?x4x8xf32>
// CHECK:         %[[EMPTY:.+]] = tensor.empty(%[[N]]) : tensor<8x?x4xf32>
// CHECK:         %[[T:.+]] = linalg.transpose ins(%[[X]] : tensor<?x4x8xf32>) outs(%[[EMPTY]] : tensor<8x?x4xf32>) permutation = [2, 0, 1]
// CHECK-NEXT:    return %[[T]]
func.func @transpose(%x: tensor<?x4x8xf32>) -> tensor<8x?x4xf32> {
  %y = axt.transpose %x {permutation = array<i64: 2, 0, 1>} : tensor<?x4x8xf32> -> tensor<8x?x4xf32>
  return %y : tensor<8x?x4xf32>
}

// -----

// The attention head split [T, H, dh] -> [H, T, dh].
// CHECK-LABEL: func.func @transpose_heads(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<16x4x8xf32>)
// CHECK:         %[[EMPTY:.+]] = tensor.empty() : tensor<4x16x8xf32>
// CHECK:         %[[T:.+]] = linalg.transpose ins(%[[X]] : tensor<16x4x8xf32>) outs(%[[EMPTY]] : tensor<4x16x8xf32>) permutation = [1, 0, 2]
// CHECK-NEXT:    return %[[T]]
func.func @transpose_heads(%x: tensor<16x4x8xf32>) -> tensor<4x16x8xf32> {
  %y = axt.transpose %x {permutation = array<i64: 1, 0, 2>} : tensor<16x4x8xf32> -> tensor<4x16x8xf32>
  return %y : tensor<4x16x8xf32>
}

// -----

// A result type more static than the input's: transposed, then cast.
// CHECK-LABEL: func.func @transpose_cast_result(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x?xf32>)
// CHECK:         %[[T:.+]] = linalg.transpose ins(%[[X]] : tensor<?x?xf32>) outs(%{{.+}} : tensor<?x?xf32>) permutation = [1, 0]
// CHECK-NEXT:    %[[CAST:.+]] = tensor.cast %[[T]] : tensor<?x?xf32> to tensor<3x4xf32>
// CHECK-NEXT:    return %[[CAST]]
func.func @transpose_cast_result(%x: tensor<?x?xf32>) -> tensor<3x4xf32> {
  %y = axt.transpose %x {permutation = array<i64: 1, 0>} : tensor<?x?xf32> -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// -----

// Gradients of a layer norm whose last dimension is dynamic are cast to the
// static scale type.
// CHECK-LABEL: func.func @layer_norm_backward_dynamic_width(
// CHECK:         tensor.cast %{{.+}} : tensor<?xf32> to tensor<6xf32>
// CHECK:         tensor.cast %{{.+}} : tensor<?xf32> to tensor<6xf32>
func.func @layer_norm_backward_dynamic_width(%dy: tensor<8x?xf32>, %x: tensor<8x?xf32>, %g: tensor<6xf32>) -> (tensor<8x?xf32>, tensor<6xf32>, tensor<6xf32>) {
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g : tensor<8x?xf32>, tensor<6xf32>
  return %dx, %dg, %db : tensor<8x?xf32>, tensor<6xf32>, tensor<6xf32>
}
