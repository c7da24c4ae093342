// RUN: axt-opt %s --split-input-file --convert-axt-to-linalg | FileCheck %s

// CHECK-DAG:   #[[$A_MK:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:   #[[$B_NK:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[$C_MN:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @linear(
// CHECK-SAME:      %[[X:.+]]: tensor<?x5xf32>, %[[W:.+]]: tensor<3x5xf32>, %[[B:.+]]: tensor<3xf32>)
// CHECK:         %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x5xf32>
// CHECK:         %[[EMPTY:.+]] = tensor.empty(%[[N]]) : tensor<?x3xf32>
// CHECK:         %[[BIAS:.+]] = linalg.broadcast ins(%[[B]] : tensor<3xf32>) outs(%[[EMPTY]] : tensor<?x3xf32>) dimensions = [0]
// CHECK:         %[[Y:.+]] = linalg.matmul indexing_maps = [#[[$A_MK]], #[[$B_NK]], #[[$C_MN]]] ins(%[[X]], %[[W]] : tensor<?x5xf32>, tensor<3x5xf32>) outs(%[[BIAS]] : tensor<?x3xf32>)
// CHECK:         return %[[Y]]
func.func @linear(%x: tensor<?x5xf32>, %w: tensor<3x5xf32>, %b: tensor<3xf32>) -> tensor<?x3xf32> {
  %y = axt.linear %x, %w, %b : tensor<?x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// A result type less static than the operands gets a cast.
// CHECK-LABEL: func.func @linear_cast(
// CHECK:         %[[Y:.+]] = linalg.matmul {{.*}} -> tensor<4x3xf32>
// CHECK:         %[[C:.+]] = tensor.cast %[[Y]] : tensor<4x3xf32> to tensor<?x3xf32>
// CHECK:         return %[[C]]
func.func @linear_cast(%x: tensor<4x5xf32>, %w: tensor<3x5xf32>, %b: tensor<3xf32>) -> tensor<?x3xf32> {
  %y = axt.linear %x, %w, %b : tensor<4x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// CHECK-DAG:   #[[$A_KM:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG:   #[[$B_KN:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG:   #[[$C_MN:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @linear_backward(
// CHECK-SAME:      %[[DY:.+]]: tensor<4x3xf32>, %[[W:.+]]: tensor<3x5xf32>, %[[X:.+]]: tensor<4x5xf32>)
// dx = dy · w, into zeros.
// CHECK:         %[[ZX:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4x5xf32>)
// CHECK:         %[[DX:.+]] = linalg.matmul ins(%[[DY]], %[[W]] : tensor<4x3xf32>, tensor<3x5xf32>) outs(%[[ZX]] : tensor<4x5xf32>)
// dw = dyᵀ · x: the first operand is read transposed.
// CHECK:         %[[ZW:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<3x5xf32>)
// CHECK:         %[[DW:.+]] = linalg.matmul indexing_maps = [#[[$A_KM]], #[[$B_KN]], #[[$C_MN]]] ins(%[[DY]], %[[X]] : tensor<4x3xf32>, tensor<4x5xf32>) outs(%[[ZW]] : tensor<3x5xf32>)
// db = Σ over the batch.
// CHECK:         %[[ZB:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<3xf32>)
// CHECK:         %[[DB:.+]] = linalg.reduce ins(%[[DY]] : tensor<4x3xf32>) outs(%[[ZB]] : tensor<3xf32>) dimensions = [0]
// CHECK:           arith.addf
// CHECK:         return %[[DX]], %[[DW]], %[[DB]]
func.func @linear_backward(%dy: tensor<4x3xf32>, %w: tensor<3x5xf32>, %x: tensor<4x5xf32>)
    -> (tensor<4x5xf32>, tensor<3x5xf32>, tensor<3xf32>) {
  %dx = axt.linear_backward_input %dy, %w : tensor<4x3xf32>, tensor<3x5xf32> -> tensor<4x5xf32>
  %dw = axt.linear_backward_weight %dy, %x : tensor<4x3xf32>, tensor<4x5xf32> -> tensor<3x5xf32>
  %db = axt.linear_backward_bias %dy : tensor<4x3xf32> -> tensor<3xf32>
  return %dx, %dw, %db : tensor<4x5xf32>, tensor<3x5xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @elementwise(
// CHECK-SAME:      %[[A:.+]]: tensor<?x4xf32>, %[[B:.+]]: tensor<?x4xf32>)
// relu: maximumf propagates NaN (maxnumf would not).
// CHECK:         %[[R:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[A]] : tensor<?x4xf32>)
// CHECK:           %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:           arith.maximumf %{{.+}}, %[[Z]] : f32
// relu_backward: the gradient where the output is positive.
// CHECK:         %[[G:.+]] = linalg.generic {{.*}} ins(%[[B]], %[[R]] : tensor<?x4xf32>, tensor<?x4xf32>)
// CHECK:         ^bb0(%[[DY:.+]]: f32, %[[Y:.+]]: f32, %{{.+}}: f32):
// CHECK:           %[[POS:.+]] = arith.cmpf ogt, %[[Y]], %{{.+}} : f32
// CHECK:           arith.select %[[POS]], %[[DY]], %{{.+}} : f32
// add
// CHECK:         %[[S:.+]] = linalg.generic {{.*}} ins(%[[G]], %[[A]] : tensor<?x4xf32>, tensor<?x4xf32>)
// CHECK:           arith.addf
// CHECK:         return %[[S]]
func.func @elementwise(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %r = axt.relu %a : tensor<?x4xf32>
  %g = axt.relu_backward %b, %r : tensor<?x4xf32>
  %s = axt.add %g, %a : tensor<?x4xf32>
  return %s : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @loss(
// CHECK-SAME:      %[[Z:.+]]: tensor<?x10xf32>, %[[T:.+]]: tensor<?xi32>)
// Row maximum, then the sum of shifted exponentials.
// CHECK:         %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[MAX:.+]] = linalg.reduce ins(%[[Z]] : tensor<?x10xf32>) {{.*}} dimensions = [1]
// CHECK:           arith.maximumf
// CHECK:         %[[SUM:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[Z]], %[[MAX]] : tensor<?x10xf32>, tensor<?xf32>)
// CHECK:           arith.subf
// CHECK:           math.exp
// The label's logit is read with tensor.extract inside the reduction.
// CHECK:         %[[TOTAL:.+]] = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%[[MAX]], %[[SUM]], %[[T]] : tensor<?xf32>, tensor<?xf32>, tensor<?xi32>) outs(%{{.+}} : tensor<f32>)
// CHECK:           %[[ROW:.+]] = linalg.index 0 : index
// CHECK:           %[[CLS:.+]] = arith.index_cast %{{.+}} : i32 to index
// CHECK:           tensor.extract %[[Z]][%[[ROW]], %[[CLS]]] : tensor<?x10xf32>
// CHECK:           math.log
// The mean over the batch.
// CHECK:         %[[S:.+]] = tensor.extract %[[TOTAL]][] : tensor<f32>
// CHECK:         tensor.dim %[[Z]]
// CHECK:         %[[NF:.+]] = arith.sitofp %{{.+}} : i64 to f32
// CHECK:         %[[MEAN:.+]] = arith.divf %[[S]], %[[NF]] : f32
// CHECK:         %[[L:.+]] = tensor.from_elements %[[MEAN]] : tensor<f32>
// CHECK:         return %[[L]]
func.func @loss(%z: tensor<?x10xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %l = axt.softmax_cross_entropy %z, %t : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @loss_backward(
// CHECK-SAME:      %[[DL:.+]]: tensor<f32>, %[[Z:.+]]: tensor<8x10xf32>, %[[T:.+]]: tensor<8xi64>)
// CHECK:         %[[G:.+]] = tensor.extract %[[DL]][] : tensor<f32>
// CHECK:         %[[SCALE:.+]] = arith.divf %[[G]], %{{.+}} : f32
// CHECK:         %[[DZ:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[Z]], %{{.+}}, %{{.+}}, %[[T]] : tensor<8x10xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xi64>)
// CHECK:           math.exp
// CHECK:           %[[C:.+]] = linalg.index 1 : index
// CHECK:           %[[LBL:.+]] = arith.index_cast %{{.+}} : i64 to index
// CHECK:           arith.cmpi eq, %[[C]], %[[LBL]] : index
// CHECK:           arith.mulf %{{.+}}, %[[SCALE]] : f32
// CHECK:         return %[[DZ]]
func.func @loss_backward(%dl: tensor<f32>, %z: tensor<8x10xf32>, %t: tensor<8xi64>) -> tensor<8x10xf32> {
  %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<f32>, tensor<8x10xf32>, tensor<8xi64> -> tensor<8x10xf32>
  return %dz : tensor<8x10xf32>
}

// -----

// One pass produces both the new parameter and the new velocity.
// CHECK-LABEL: func.func @sgd(
// CHECK-SAME:      %[[P:.+]]: tensor<3x4xf32>, %[[G:.+]]: tensor<3x4xf32>, %[[V:.+]]: tensor<3x4xf32>, %[[LR:.+]]: f32)
// CHECK-DAG:     %[[MU:.+]] = arith.constant 0.899999976 : f32
// CHECK-DAG:     %[[WD:.+]] = arith.constant 0.00999999977 : f32
// CHECK:         %[[R:.+]]:2 = linalg.generic {{.*}} ins(%[[P]], %[[G]], %[[V]] : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) outs(%{{.+}}, %{{.+}} : tensor<3x4xf32>, tensor<3x4xf32>)
// CHECK:         ^bb0(%[[p:.+]]: f32, %[[g:.+]]: f32, %[[v:.+]]: f32, %{{.+}}: f32, %{{.+}}: f32):
// CHECK:           %[[DECAY:.+]] = arith.mulf %[[WD]], %[[p]] : f32
// CHECK:           %[[GD:.+]] = arith.addf %[[g]], %[[DECAY]] : f32
// CHECK:           %[[MV:.+]] = arith.mulf %[[MU]], %[[v]] : f32
// CHECK:           %[[V1:.+]] = arith.addf %[[MV]], %[[GD]] : f32
// CHECK:           %[[STEP:.+]] = arith.mulf %[[LR]], %[[V1]] : f32
// CHECK:           %[[P1:.+]] = arith.subf %[[p]], %[[STEP]] : f32
// CHECK:           linalg.yield %[[P1]], %[[V1]] : f32, f32
// CHECK:         return %[[R]]#0, %[[R]]#1
func.func @sgd(%p: tensor<3x4xf32>, %g: tensor<3x4xf32>, %v: tensor<3x4xf32>, %lr: f32) -> (tensor<3x4xf32>, tensor<3x4xf32>) {
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 0.9 : f32, weight_decay = 0.01 : f32} : tensor<3x4xf32>
  return %p1, %v1 : tensor<3x4xf32>, tensor<3x4xf32>
}

// -----

// Without weight decay the update does not read it.
// CHECK-LABEL: func.func @sgd_no_decay(
// CHECK:         linalg.generic
// CHECK-NOT:       arith.addf %{{.+}}, %{{.+}} : f32
// CHECK:           arith.mulf
// CHECK-NEXT:      arith.addf
// CHECK-NEXT:      arith.mulf
// CHECK-NEXT:      arith.subf
func.func @sgd_no_decay(%p: tensor<3xf32>, %g: tensor<3xf32>, %v: tensor<3xf32>, %lr: f32) -> (tensor<3xf32>, tensor<3xf32>) {
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 0.9 : f32, weight_decay = 0.0 : f32} : tensor<3xf32>
  return %p1, %v1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// Uncompressed stash/unstash pairs fold to the value itself.
// CHECK-LABEL: func.func @boundary(
// CHECK-SAME:      %[[X:.+]]: tensor<2x3xf32>)
// CHECK-NOT:     axt.
// CHECK:         return %[[X]] : tensor<2x3xf32>
func.func @boundary(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %s = axt.stash %x : tensor<2x3xf32>
  %y = axt.unstash %s : !axt.stashed<tensor<2x3xf32>>
  return %y : tensor<2x3xf32>
}

// -----

// Dropout: one elementwise generic; the row-major index of each element
// (linalg.index times the strides) keys Philox4x32-10 (ten rounds of two
// 32-bit wide multiplications by 0xD2511F53 and 0xCD9E8D57) under the seed
// and the stream; the element is kept, scaled by 1/(1 - rate), where the
// variate is >= rate. The backward lowers to the same computation; an
// inference-mode dropout is its input.
// CHECK-LABEL: func.func @dropout(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x8xf32>, %[[SEED:[^:]+]]: i64)
// CHECK-DAG:     %[[SCALE:.+]] = arith.constant 1.33333337 : f32
// CHECK-DAG:     %[[RATE:.+]] = arith.constant 2.500000e-01 : f32
// CHECK:         linalg.generic {{.*}} ins(%[[X]] : tensor<?x8xf32>)
// CHECK:         ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK:           linalg.index 0
// CHECK:           linalg.index 1
// CHECK:           arith.trunci %[[SEED]] : i64 to i32
// CHECK-DAG:       arith.constant -766435501 : i32
// CHECK-DAG:       arith.constant -845247145 : i32
// CHECK-COUNT-20:  arith.mului_extended
// CHECK-NOT:       arith.mului_extended
// CHECK:           %[[U:.+]] = arith.mulf %{{.+}}, %{{.+}} : f32
// CHECK:           %[[KEEP:.+]] = arith.cmpf oge, %[[U]], %[[RATE]] : f32
// CHECK:           %[[SCALED:.+]] = arith.mulf %[[IN]], %[[SCALE]] : f32
// CHECK:           %[[R:.+]] = arith.select %[[KEEP]], %[[SCALED]], %{{.+}} : f32
// CHECK:           linalg.yield %[[R]]
// CHECK:         linalg.generic
// CHECK-COUNT-20:  arith.mului_extended
// CHECK-NOT:     linalg.generic
// CHECK:         return
func.func @dropout(%x: tensor<?x8xf32>, %seed: i64) -> tensor<?x8xf32> {
  %y = axt.dropout %x, %seed {rate = 0.25 : f32, stream = 3 : i64} : tensor<?x8xf32>
  %i = axt.dropout %y, %seed {rate = 0.5 : f32, stream = 4 : i64, training = false} : tensor<?x8xf32>
  %d = axt.dropout_backward %i, %seed {rate = 0.25 : f32, stream = 3 : i64} : tensor<?x8xf32>
  return %d : tensor<?x8xf32>
}

// -----

// Broadcasting add: the broadcast operand's map drops the missing leading
// dimensions and reads index 0 along its size-1 ones; the dynamic result
// size comes from the operand that has it.
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[$CHAN:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
// CHECK-LABEL: func.func @add_broadcast(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x4x3x3xf32>, %[[B:[^:]+]]: tensor<4x1x1xf32>)
// CHECK:         %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4x3x3xf32>
// CHECK:         %[[E:.+]] = tensor.empty(%[[N]]) : tensor<?x4x3x3xf32>
// CHECK:         %[[S:.+]] = linalg.generic {indexing_maps = [#[[$CHAN]], #[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[B]], %[[X]] : tensor<4x1x1xf32>, tensor<?x4x3x3xf32>) outs(%[[E]] : tensor<?x4x3x3xf32>)
// CHECK:           arith.addf
// CHECK:         return %[[S]]
func.func @add_broadcast(%x: tensor<?x4x3x3xf32>, %b: tensor<4x1x1xf32>) -> tensor<?x4x3x3xf32> {
  %y = axt.add %b, %x : tensor<4x1x1xf32>, tensor<?x4x3x3xf32> -> tensor<?x4x3x3xf32>
  return %y : tensor<?x4x3x3xf32>
}

// -----

// sum_to_shape: a reduction over the broadcast dimensions, then the kept
// size-1 dimensions come back by expand_shape (each joins the group of the
// next kept dimension; all of them when none is kept).
// CHECK-LABEL: func.func @sum_to_shape(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<?x4x3x3xf32>)
// CHECK:         %[[R0:.+]] = linalg.reduce ins(%[[DY]] : tensor<?x4x3x3xf32>) outs(%{{.+}} : tensor<4xf32>) dimensions = [0, 2, 3]
// CHECK:         %[[E0:.+]] = tensor.expand_shape %[[R0]] {{\[}}[0, 1, 2]] output_shape [4, 1, 1] : tensor<4xf32> into tensor<4x1x1xf32>
// CHECK:         %[[R1:.+]] = linalg.reduce ins(%[[DY]] : tensor<?x4x3x3xf32>) outs(%{{.+}} : tensor<f32>) dimensions = [0, 1, 2, 3]
// CHECK:         %[[E1:.+]] = tensor.expand_shape %[[R1]] [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK:         %[[R2:.+]] = linalg.reduce ins(%[[DY]] : tensor<?x4x3x3xf32>) outs(%{{.+}} : tensor<?x3xf32>) dimensions = [1, 3]
// CHECK:         %[[E2:.+]] = tensor.expand_shape %[[R2]] {{\[}}[0], [1, 2, 3]] output_shape [%{{.+}}, 1, 3, 1] : tensor<?x3xf32> into tensor<?x1x3x1xf32>
// CHECK:         %[[R3:.+]] = linalg.reduce ins(%[[DY]] : tensor<?x4x3x3xf32>) outs(%{{.+}} : tensor<4x3x3xf32>) dimensions = [0]
// CHECK-NOT:     tensor.expand_shape
// CHECK:         return %[[E0]], %[[E1]], %[[E2]], %[[R3]]
func.func @sum_to_shape(%dy: tensor<?x4x3x3xf32>) -> (tensor<4x1x1xf32>, tensor<1xf32>, tensor<?x1x3x1xf32>, tensor<4x3x3xf32>) {
  %a = axt.sum_to_shape %dy : tensor<?x4x3x3xf32> -> tensor<4x1x1xf32>
  %b = axt.sum_to_shape %dy : tensor<?x4x3x3xf32> -> tensor<1xf32>
  %c = axt.sum_to_shape %dy : tensor<?x4x3x3xf32> -> tensor<?x1x3x1xf32>
  %d = axt.sum_to_shape %dy : tensor<?x4x3x3xf32> -> tensor<4x3x3xf32>
  return %a, %b, %c, %d : tensor<4x1x1xf32>, tensor<1xf32>, tensor<?x1x3x1xf32>, tensor<4x3x3xf32>
}
