// RUN: axt-opt %s | axt-opt | FileCheck %s
// RUN: axt-opt %s --mlir-print-op-generic | axt-opt | FileCheck %s

// Round trip of every axt op and of the !axt.stashed type, through the custom
// form and through the generic form. Both RUN lines end in the custom form.

// CHECK-LABEL: func.func @linear_static(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<64x784xf32>, %[[W:[^:]+]]: tensor<256x784xf32>, %[[B:[^:]+]]: tensor<256xf32>) -> tensor<64x256xf32>
// CHECK:         %[[Y:.+]] = axt.linear %[[X]], %[[W]], %[[B]] : tensor<64x784xf32>, tensor<256x784xf32>, tensor<256xf32> -> tensor<64x256xf32>
// CHECK:         return %[[Y]] : tensor<64x256xf32>
func.func @linear_static(%x: tensor<64x784xf32>, %w: tensor<256x784xf32>, %b: tensor<256xf32>) -> tensor<64x256xf32> {
  %y = axt.linear %x, %w, %b : tensor<64x784xf32>, tensor<256x784xf32>, tensor<256xf32> -> tensor<64x256xf32>
  return %y : tensor<64x256xf32>
}

// A dynamic dimension agrees with any static one.
// CHECK-LABEL: func.func @linear_dynamic_batch(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x784xf32>, %[[W:[^:]+]]: tensor<256x784xf32>, %[[B:[^:]+]]: tensor<256xf32>, %[[W2:[^:]+]]: tensor<?x?xf32>, %[[B2:[^:]+]]: tensor<?xf32>)
// CHECK:         %[[Y0:.+]] = axt.linear %[[X]], %[[W]], %[[B]] : tensor<?x784xf32>, tensor<256x784xf32>, tensor<256xf32> -> tensor<?x256xf32>
// CHECK:         %[[Y1:.+]] = axt.linear %[[X]], %[[W]], %[[B]] : tensor<?x784xf32>, tensor<256x784xf32>, tensor<256xf32> -> tensor<32x256xf32>
// CHECK:         %[[Y2:.+]] = axt.linear %[[Y0]], %[[W2]], %[[B2]] : tensor<?x256xf32>, tensor<?x?xf32>, tensor<?xf32> -> tensor<?x10xf32>
// CHECK:         return %[[Y0]], %[[Y1]], %[[Y2]] : tensor<?x256xf32>, tensor<32x256xf32>, tensor<?x10xf32>
func.func @linear_dynamic_batch(%x: tensor<?x784xf32>, %w: tensor<256x784xf32>, %b: tensor<256xf32>, %w2: tensor<?x?xf32>, %b2: tensor<?xf32>) -> (tensor<?x256xf32>, tensor<32x256xf32>, tensor<?x10xf32>) {
  %y0 = axt.linear %x, %w, %b : tensor<?x784xf32>, tensor<256x784xf32>, tensor<256xf32> -> tensor<?x256xf32>
  %y1 = axt.linear %x, %w, %b : tensor<?x784xf32>, tensor<256x784xf32>, tensor<256xf32> -> tensor<32x256xf32>
  %y2 = axt.linear %y0, %w2, %b2 : tensor<?x256xf32>, tensor<?x?xf32>, tensor<?xf32> -> tensor<?x10xf32>
  return %y0, %y1, %y2 : tensor<?x256xf32>, tensor<32x256xf32>, tensor<?x10xf32>
}

// CHECK-LABEL: func.func @relu(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<64x256xf32>, %[[D:[^:]+]]: tensor<?x256xf32>)
// CHECK:         %[[Y:.+]] = axt.relu %[[X]] : tensor<64x256xf32>
// CHECK:         %[[YD:.+]] = axt.relu %[[D]] : tensor<?x256xf32>
// CHECK:         return %[[Y]], %[[YD]] : tensor<64x256xf32>, tensor<?x256xf32>
func.func @relu(%x: tensor<64x256xf32>, %d: tensor<?x256xf32>) -> (tensor<64x256xf32>, tensor<?x256xf32>) {
  %y = axt.relu %x : tensor<64x256xf32>
  %yd = axt.relu %d : tensor<?x256xf32>
  return %y, %yd : tensor<64x256xf32>, tensor<?x256xf32>
}

// axt.add takes tensors of any rank, rank 0 included.
// CHECK-LABEL: func.func @add(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<64x256xf32>, %[[B:[^:]+]]: tensor<64x256xf32>, %[[C:[^:]+]]: tensor<?x10xf32>, %[[S:[^:]+]]: tensor<f32>)
// CHECK:         %[[AB:.+]] = axt.add %[[A]], %[[B]] : tensor<64x256xf32>
// CHECK:         %[[CC:.+]] = axt.add %[[C]], %[[C]] : tensor<?x10xf32>
// CHECK:         %[[SS:.+]] = axt.add %[[S]], %[[S]] : tensor<f32>
// CHECK:         return %[[AB]], %[[CC]], %[[SS]] : tensor<64x256xf32>, tensor<?x10xf32>, tensor<f32>
func.func @add(%a: tensor<64x256xf32>, %b: tensor<64x256xf32>, %c: tensor<?x10xf32>, %s: tensor<f32>) -> (tensor<64x256xf32>, tensor<?x10xf32>, tensor<f32>) {
  %ab = axt.add %a, %b : tensor<64x256xf32>
  %cc = axt.add %c, %c : tensor<?x10xf32>
  %ss = axt.add %s, %s : tensor<f32>
  return %ab, %cc, %ss : tensor<64x256xf32>, tensor<?x10xf32>, tensor<f32>
}

// CHECK-LABEL: func.func @softmax_cross_entropy(
// CHECK-SAME:    %[[Z:[^:]+]]: tensor<?x10xf32>, %[[T32:[^:]+]]: tensor<?xi32>, %[[ZS:[^:]+]]: tensor<64x10xf32>, %[[T64:[^:]+]]: tensor<64xi64>) -> (tensor<f32>, tensor<f32>)
// CHECK:         %[[L0:.+]] = axt.softmax_cross_entropy %[[Z]], %[[T32]] : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
// CHECK:         %[[L1:.+]] = axt.softmax_cross_entropy %[[ZS]], %[[T64]] : tensor<64x10xf32>, tensor<64xi64> -> tensor<f32>
// CHECK:         return %[[L0]], %[[L1]] : tensor<f32>, tensor<f32>
func.func @softmax_cross_entropy(%z: tensor<?x10xf32>, %t32: tensor<?xi32>, %zs: tensor<64x10xf32>, %t64: tensor<64xi64>) -> (tensor<f32>, tensor<f32>) {
  %l0 = axt.softmax_cross_entropy %z, %t32 : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
  %l1 = axt.softmax_cross_entropy %zs, %t64 : tensor<64x10xf32>, tensor<64xi64> -> tensor<f32>
  return %l0, %l1 : tensor<f32>, tensor<f32>
}

// CHECK-LABEL: func.func @softmax_cross_entropy_mixed_batch(
// CHECK-SAME:    %[[Z:[^:]+]]: tensor<64x10xf32>, %[[T:[^:]+]]: tensor<?xi64>) -> tensor<f32>
// CHECK:         %[[L:.+]] = axt.softmax_cross_entropy %[[Z]], %[[T]] : tensor<64x10xf32>, tensor<?xi64> -> tensor<f32>
// CHECK:         return %[[L]] : tensor<f32>
func.func @softmax_cross_entropy_mixed_batch(%z: tensor<64x10xf32>, %t: tensor<?xi64>) -> tensor<f32> {
  %l = axt.softmax_cross_entropy %z, %t : tensor<64x10xf32>, tensor<?xi64> -> tensor<f32>
  return %l : tensor<f32>
}

// CHECK-LABEL: func.func @linear_backward_input(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x10xf32>, %[[W:[^:]+]]: tensor<10x256xf32>, %[[DYS:[^:]+]]: tensor<64x10xf32>)
// CHECK:         %[[DX:.+]] = axt.linear_backward_input %[[DY]], %[[W]] : tensor<?x10xf32>, tensor<10x256xf32> -> tensor<?x256xf32>
// CHECK:         %[[DXS:.+]] = axt.linear_backward_input %[[DYS]], %[[W]] : tensor<64x10xf32>, tensor<10x256xf32> -> tensor<64x256xf32>
// CHECK:         return %[[DX]], %[[DXS]] : tensor<?x256xf32>, tensor<64x256xf32>
func.func @linear_backward_input(%dy: tensor<?x10xf32>, %w: tensor<10x256xf32>, %dys: tensor<64x10xf32>) -> (tensor<?x256xf32>, tensor<64x256xf32>) {
  %dx = axt.linear_backward_input %dy, %w : tensor<?x10xf32>, tensor<10x256xf32> -> tensor<?x256xf32>
  %dxs = axt.linear_backward_input %dys, %w : tensor<64x10xf32>, tensor<10x256xf32> -> tensor<64x256xf32>
  return %dx, %dxs : tensor<?x256xf32>, tensor<64x256xf32>
}

// CHECK-LABEL: func.func @linear_backward_weight(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x10xf32>, %[[X:[^:]+]]: tensor<?x256xf32>, %[[DYS:[^:]+]]: tensor<64x10xf32>, %[[XS:[^:]+]]: tensor<64x256xf32>)
// CHECK:         %[[DW:.+]] = axt.linear_backward_weight %[[DY]], %[[X]] : tensor<?x10xf32>, tensor<?x256xf32> -> tensor<10x256xf32>
// CHECK:         %[[DWS:.+]] = axt.linear_backward_weight %[[DYS]], %[[XS]] : tensor<64x10xf32>, tensor<64x256xf32> -> tensor<10x256xf32>
// CHECK:         return %[[DW]], %[[DWS]] : tensor<10x256xf32>, tensor<10x256xf32>
func.func @linear_backward_weight(%dy: tensor<?x10xf32>, %x: tensor<?x256xf32>, %dys: tensor<64x10xf32>, %xs: tensor<64x256xf32>) -> (tensor<10x256xf32>, tensor<10x256xf32>) {
  %dw = axt.linear_backward_weight %dy, %x : tensor<?x10xf32>, tensor<?x256xf32> -> tensor<10x256xf32>
  %dws = axt.linear_backward_weight %dys, %xs : tensor<64x10xf32>, tensor<64x256xf32> -> tensor<10x256xf32>
  return %dw, %dws : tensor<10x256xf32>, tensor<10x256xf32>
}

// CHECK-LABEL: func.func @linear_backward_bias(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x10xf32>, %[[DYS:[^:]+]]: tensor<64x10xf32>)
// CHECK:         %[[DB:.+]] = axt.linear_backward_bias %[[DY]] : tensor<?x10xf32> -> tensor<10xf32>
// CHECK:         %[[DBS:.+]] = axt.linear_backward_bias %[[DYS]] : tensor<64x10xf32> -> tensor<10xf32>
// CHECK:         return %[[DB]], %[[DBS]] : tensor<10xf32>, tensor<10xf32>
func.func @linear_backward_bias(%dy: tensor<?x10xf32>, %dys: tensor<64x10xf32>) -> (tensor<10xf32>, tensor<10xf32>) {
  %db = axt.linear_backward_bias %dy : tensor<?x10xf32> -> tensor<10xf32>
  %dbs = axt.linear_backward_bias %dys : tensor<64x10xf32> -> tensor<10xf32>
  return %db, %dbs : tensor<10xf32>, tensor<10xf32>
}

// CHECK-LABEL: func.func @relu_backward(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x256xf32>, %[[Y:[^:]+]]: tensor<?x256xf32>, %[[DYS:[^:]+]]: tensor<64x256xf32>, %[[YS:[^:]+]]: tensor<64x256xf32>)
// CHECK:         %[[DX:.+]] = axt.relu_backward %[[DY]], %[[Y]] : tensor<?x256xf32>
// CHECK:         %[[DXS:.+]] = axt.relu_backward %[[DYS]], %[[YS]] : tensor<64x256xf32>
// CHECK:         return %[[DX]], %[[DXS]] : tensor<?x256xf32>, tensor<64x256xf32>
func.func @relu_backward(%dy: tensor<?x256xf32>, %y: tensor<?x256xf32>, %dys: tensor<64x256xf32>, %ys: tensor<64x256xf32>) -> (tensor<?x256xf32>, tensor<64x256xf32>) {
  %dx = axt.relu_backward %dy, %y : tensor<?x256xf32>
  %dxs = axt.relu_backward %dys, %ys : tensor<64x256xf32>
  return %dx, %dxs : tensor<?x256xf32>, tensor<64x256xf32>
}

// CHECK-LABEL: func.func @softmax_cross_entropy_backward(
// CHECK-SAME:    %[[DL:[^:]+]]: tensor<f32>, %[[Z:[^:]+]]: tensor<?x10xf32>, %[[T:[^:]+]]: tensor<?xi32>, %[[ZS:[^:]+]]: tensor<64x10xf32>, %[[TS:[^:]+]]: tensor<64xi64>)
// CHECK:         %[[DZ:.+]] = axt.softmax_cross_entropy_backward %[[DL]], %[[Z]], %[[T]] : tensor<f32>, tensor<?x10xf32>, tensor<?xi32> -> tensor<?x10xf32>
// CHECK:         %[[DZS:.+]] = axt.softmax_cross_entropy_backward %[[DL]], %[[ZS]], %[[TS]] : tensor<f32>, tensor<64x10xf32>, tensor<64xi64> -> tensor<64x10xf32>
// CHECK:         return %[[DZ]], %[[DZS]] : tensor<?x10xf32>, tensor<64x10xf32>
func.func @softmax_cross_entropy_backward(%dl: tensor<f32>, %z: tensor<?x10xf32>, %t: tensor<?xi32>, %zs: tensor<64x10xf32>, %ts: tensor<64xi64>) -> (tensor<?x10xf32>, tensor<64x10xf32>) {
  %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<f32>, tensor<?x10xf32>, tensor<?xi32> -> tensor<?x10xf32>
  %dzs = axt.softmax_cross_entropy_backward %dl, %zs, %ts : tensor<f32>, tensor<64x10xf32>, tensor<64xi64> -> tensor<64x10xf32>
  return %dz, %dzs : tensor<?x10xf32>, tensor<64x10xf32>
}

// The custom form of axt.unstash prints its operand type with the
// `!axt.stashed` prefix elided; both spellings parse.
// CHECK-LABEL: func.func @stash_unstash(
// CHECK-SAME:    %[[H:[^:]+]]: tensor<?x256xf32>, %[[T:[^:]+]]: tensor<64xi32>, %[[L:[^:]+]]: tensor<f32>)
// CHECK-SAME:    -> (tensor<?x256xf32>, tensor<?x256xf32>, tensor<64xi32>, tensor<f32>)
// CHECK:         %[[SH:.+]] = axt.stash %[[H]] : tensor<?x256xf32>
// CHECK:         %[[ST:.+]] = axt.stash %[[T]] : tensor<64xi32>
// CHECK:         %[[SL:.+]] = axt.stash %[[L]] : tensor<f32>
// CHECK:         %[[U0:.+]] = axt.unstash %[[SH]] : !axt.stashed<tensor<?x256xf32>>
// CHECK:         %[[U1:.+]] = axt.unstash %[[SH]] : !axt.stashed<tensor<?x256xf32>>
// CHECK:         %[[UT:.+]] = axt.unstash %[[ST]] : !axt.stashed<tensor<64xi32>>
// CHECK:         %[[UL:.+]] = axt.unstash %[[SL]] : !axt.stashed<tensor<f32>>
// CHECK:         return %[[U0]], %[[U1]], %[[UT]], %[[UL]] : tensor<?x256xf32>, tensor<?x256xf32>, tensor<64xi32>, tensor<f32>
func.func @stash_unstash(%h: tensor<?x256xf32>, %t: tensor<64xi32>, %l: tensor<f32>) -> (tensor<?x256xf32>, tensor<?x256xf32>, tensor<64xi32>, tensor<f32>) {
  %sh = axt.stash %h : tensor<?x256xf32>
  %st = axt.stash %t : tensor<64xi32>
  %sl = axt.stash %l : tensor<f32>
  // A stashed value may be unstashed more than once.
  %u0 = axt.unstash %sh : !axt.stashed<tensor<?x256xf32>>
  %u1 = axt.unstash %sh : !axt.stashed<tensor<?x256xf32>>
  %ut = axt.unstash %st : !axt.stashed<tensor<64xi32>>
  %ul = axt.unstash %sl : !axt.stashed<tensor<f32>>
  return %u0, %u1, %ut, %ul : tensor<?x256xf32>, tensor<?x256xf32>, tensor<64xi32>, tensor<f32>
}

// Stashed values cross function boundaries as !axt.stashed.
// CHECK-LABEL: func.func @stashed_across_functions(
// CHECK-SAME:    %[[H:[^:]+]]: tensor<64x256xf32>) -> !axt.stashed<tensor<64x256xf32>>
// CHECK:         %[[S:.+]] = axt.stash %[[H]] : tensor<64x256xf32>
// CHECK:         return %[[S]] : !axt.stashed<tensor<64x256xf32>>
func.func @stashed_across_functions(%h: tensor<64x256xf32>) -> !axt.stashed<tensor<64x256xf32>> {
  %s = axt.stash %h : tensor<64x256xf32>
  return %s : !axt.stashed<tensor<64x256xf32>>
}

// CHECK-LABEL: func.func @unstash_argument(
// CHECK-SAME:    %[[S:[^:]+]]: !axt.stashed<tensor<64x256xf32>>) -> tensor<64x256xf32>
// CHECK:         %[[H:.+]] = axt.unstash %[[S]] : !axt.stashed<tensor<64x256xf32>>
// CHECK:         return %[[H]] : tensor<64x256xf32>
func.func @unstash_argument(%s: !axt.stashed<tensor<64x256xf32>>) -> tensor<64x256xf32> {
  %h = axt.unstash %s : !axt.stashed<tensor<64x256xf32>>
  return %h : tensor<64x256xf32>
}

// CHECK-LABEL: func.func @sgd_momentum(
// CHECK-SAME:    %[[P:[^:]+]]: tensor<256x784xf32>, %[[G:[^:]+]]: tensor<256x784xf32>, %[[V:[^:]+]]: tensor<256x784xf32>, %[[B:[^:]+]]: tensor<10xf32>, %[[LR:[^:]+]]: f32)
// CHECK:         %[[P1:[^ ,]+]], %[[V1:[^ ,]+]] = axt.sgd_momentum %[[P]], %[[G]], %[[V]], %[[LR]] {momentum = 0.899999976 : f32, weight_decay = 5.000000e-04 : f32} : tensor<256x784xf32>
// CHECK:         %[[P2:[^ ,]+]], %[[V2:[^ ,]+]] = axt.sgd_momentum %[[B]], %[[B]], %[[B]], %[[LR]] {momentum = 0.000000e+00 : f32, weight_decay = 0.000000e+00 : f32} : tensor<10xf32>
// CHECK:         %[[P3:[^ ,]+]], %[[V3:[^ ,]+]] = axt.sgd_momentum %[[P1]], %[[G]], %[[V1]], %[[LR]] {momentum = 5.000000e-01 : f32, weight_decay = 1.000000e+00 : f32} : tensor<256x784xf32>
// CHECK:         return %[[P3]], %[[V3]], %[[P2]], %[[V2]] : tensor<256x784xf32>, tensor<256x784xf32>, tensor<10xf32>, tensor<10xf32>
func.func @sgd_momentum(%p: tensor<256x784xf32>, %g: tensor<256x784xf32>, %v: tensor<256x784xf32>, %b: tensor<10xf32>, %lr: f32) -> (tensor<256x784xf32>, tensor<256x784xf32>, tensor<10xf32>, tensor<10xf32>) {
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 0.9 : f32, weight_decay = 5.0e-4 : f32} : tensor<256x784xf32>
  %p2, %v2 = axt.sgd_momentum %b, %b, %b, %lr {momentum = 0.0 : f32, weight_decay = 0.0 : f32} : tensor<10xf32>
  // The attributes print sorted by name.
  %p3, %v3 = axt.sgd_momentum %p1, %g, %v1, %lr {weight_decay = 1.0 : f32, momentum = 0.5 : f32} : tensor<256x784xf32>
  return %p3, %v3, %p2, %v2 : tensor<256x784xf32>, tensor<256x784xf32>, tensor<10xf32>, tensor<10xf32>
}

// CHECK-LABEL: func.func @sgd_momentum_dynamic(
// CHECK-SAME:    %[[P:[^:]+]]: tensor<?x?xf32>, %[[LR:[^:]+]]: f32)
// CHECK:         %[[P1:[^ ,]+]], %[[V1:[^ ,]+]] = axt.sgd_momentum %[[P]], %[[P]], %[[P]], %[[LR]] {momentum = 0.899999976 : f32, weight_decay = 0.000000e+00 : f32} : tensor<?x?xf32>
// CHECK:         return %[[P1]], %[[V1]] : tensor<?x?xf32>, tensor<?x?xf32>
func.func @sgd_momentum_dynamic(%p: tensor<?x?xf32>, %lr: f32) -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %p1, %v1 = axt.sgd_momentum %p, %p, %p, %lr {momentum = 0.9 : f32, weight_decay = 0.0 : f32} : tensor<?x?xf32>
  return %p1, %v1 : tensor<?x?xf32>, tensor<?x?xf32>
}

// One training step of a one-layer model, as autodiff and the optimizer
// produce it: forward with stashes, backward with unstashes, update.
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME:    %[[W:[^:]+]]: tensor<10x784xf32>, %[[B:[^:]+]]: tensor<10xf32>, %[[VW:[^:]+]]: tensor<10x784xf32>, %[[VB:[^:]+]]: tensor<10xf32>, %[[X:[^:]+]]: tensor<?x784xf32>, %[[T:[^:]+]]: tensor<?xi32>, %[[LR:[^:]+]]: f32)
// CHECK:         %[[Z:.+]] = axt.linear %[[X]], %[[W]], %[[B]] : tensor<?x784xf32>, tensor<10x784xf32>, tensor<10xf32> -> tensor<?x10xf32>
// CHECK:         %[[H:.+]] = axt.relu %[[Z]] : tensor<?x10xf32>
// CHECK:         %[[L:.+]] = axt.softmax_cross_entropy %[[H]], %[[T]] : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
// CHECK:         %[[SX:.+]] = axt.stash %[[X]] : tensor<?x784xf32>
// CHECK:         %[[SH:.+]] = axt.stash %[[H]] : tensor<?x10xf32>
// CHECK:         %[[ST:.+]] = axt.stash %[[T]] : tensor<?xi32>
// CHECK:         %[[ONE:.+]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK:         %[[UH:.+]] = axt.unstash %[[SH]] : !axt.stashed<tensor<?x10xf32>>
// CHECK:         %[[UT:.+]] = axt.unstash %[[ST]] : !axt.stashed<tensor<?xi32>>
// CHECK:         %[[DH:.+]] = axt.softmax_cross_entropy_backward %[[ONE]], %[[UH]], %[[UT]] : tensor<f32>, tensor<?x10xf32>, tensor<?xi32> -> tensor<?x10xf32>
// CHECK:         %[[DZ:.+]] = axt.relu_backward %[[DH]], %[[UH]] : tensor<?x10xf32>
// CHECK:         %[[UX:.+]] = axt.unstash %[[SX]] : !axt.stashed<tensor<?x784xf32>>
// CHECK:         %[[DW:.+]] = axt.linear_backward_weight %[[DZ]], %[[UX]] : tensor<?x10xf32>, tensor<?x784xf32> -> tensor<10x784xf32>
// CHECK:         %[[DB:.+]] = axt.linear_backward_bias %[[DZ]] : tensor<?x10xf32> -> tensor<10xf32>
// CHECK:         %[[DX:.+]] = axt.linear_backward_input %[[DZ]], %[[W]] : tensor<?x10xf32>, tensor<10x784xf32> -> tensor<?x784xf32>
// CHECK:         %[[W1:[^ ,]+]], %[[VW1:[^ ,]+]] = axt.sgd_momentum %[[W]], %[[DW]], %[[VW]], %[[LR]] {momentum = 0.899999976 : f32, weight_decay = 5.000000e-04 : f32} : tensor<10x784xf32>
// CHECK:         %[[B1:[^ ,]+]], %[[VB1:[^ ,]+]] = axt.sgd_momentum %[[B]], %[[DB]], %[[VB]], %[[LR]] {momentum = 0.899999976 : f32, weight_decay = 0.000000e+00 : f32} : tensor<10xf32>
// CHECK:         return %[[L]], %[[W1]], %[[B1]], %[[VW1]], %[[VB1]], %[[DX]] : tensor<f32>, tensor<10x784xf32>, tensor<10xf32>, tensor<10x784xf32>, tensor<10xf32>, tensor<?x784xf32>
func.func @train_step(%w: tensor<10x784xf32>, %b: tensor<10xf32>, %vw: tensor<10x784xf32>, %vb: tensor<10xf32>, %x: tensor<?x784xf32>, %t: tensor<?xi32>, %lr: f32) -> (tensor<f32>, tensor<10x784xf32>, tensor<10xf32>, tensor<10x784xf32>, tensor<10xf32>, tensor<?x784xf32>) {
  %z = axt.linear %x, %w, %b : tensor<?x784xf32>, tensor<10x784xf32>, tensor<10xf32> -> tensor<?x10xf32>
  %h = axt.relu %z : tensor<?x10xf32>
  %l = axt.softmax_cross_entropy %h, %t : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
  %sx = axt.stash %x : tensor<?x784xf32>
  %sh = axt.stash %h : tensor<?x10xf32>
  %st = axt.stash %t : tensor<?xi32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %uh = axt.unstash %sh : !axt.stashed<tensor<?x10xf32>>
  %ut = axt.unstash %st : !axt.stashed<tensor<?xi32>>
  %dh = axt.softmax_cross_entropy_backward %one, %uh, %ut : tensor<f32>, tensor<?x10xf32>, tensor<?xi32> -> tensor<?x10xf32>
  %dz = axt.relu_backward %dh, %uh : tensor<?x10xf32>
  %ux = axt.unstash %sx : !axt.stashed<tensor<?x784xf32>>
  %dw = axt.linear_backward_weight %dz, %ux : tensor<?x10xf32>, tensor<?x784xf32> -> tensor<10x784xf32>
  %db = axt.linear_backward_bias %dz : tensor<?x10xf32> -> tensor<10xf32>
  %dx = axt.linear_backward_input %dz, %w : tensor<?x10xf32>, tensor<10x784xf32> -> tensor<?x784xf32>
  %w1, %vw1 = axt.sgd_momentum %w, %dw, %vw, %lr {momentum = 0.9 : f32, weight_decay = 5.0e-4 : f32} : tensor<10x784xf32>
  %b1, %vb1 = axt.sgd_momentum %b, %db, %vb, %lr {momentum = 0.9 : f32, weight_decay = 0.0 : f32} : tensor<10xf32>
  return %l, %w1, %b1, %vw1, %vb1, %dx : tensor<f32>, tensor<10x784xf32>, tensor<10xf32>, tensor<10x784xf32>, tensor<10xf32>, tensor<?x784xf32>
}

// CHECK-LABEL: func.func @dropout(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x8xf32>, %[[S:[^:]+]]: i64)
// CHECK:         %[[Y:.+]] = axt.dropout %[[X]], %[[S]] {rate = 2.500000e-01 : f32, stream = 3 : i64} : tensor<?x8xf32>
// CHECK:         %[[I:.+]] = axt.dropout %[[Y]], %[[S]] {rate = 5.000000e-01 : f32, stream = 4 : i64, training = false} : tensor<?x8xf32>
// CHECK:         %[[D:.+]] = axt.dropout_backward %[[I]], %[[S]] {rate = 2.500000e-01 : f32, stream = 3 : i64} : tensor<?x8xf32>
// CHECK:         return %[[D]]
func.func @dropout(%x: tensor<?x8xf32>, %seed: i64) -> tensor<?x8xf32> {
  %y = axt.dropout %x, %seed {rate = 0.25 : f32, stream = 3 : i64} : tensor<?x8xf32>
  %i = axt.dropout %y, %seed {rate = 0.5 : f32, stream = 4 : i64, training = false} : tensor<?x8xf32>
  %d = axt.dropout_backward %i, %seed {rate = 0.25 : f32, stream = 3 : i64} : tensor<?x8xf32>
  return %d : tensor<?x8xf32>
}

// Broadcasting add: one type when all three agree, else all three. The
// inferred result keeps the dynamic batch.
// CHECK-LABEL: func.func @add_broadcast(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x4x3x3xf32>, %[[B:[^:]+]]: tensor<4x1x1xf32>, %[[R:[^:]+]]: tensor<3xf32>)
// CHECK:         %[[S:.+]] = axt.add %[[X]], %[[B]] : tensor<?x4x3x3xf32>, tensor<4x1x1xf32> -> tensor<?x4x3x3xf32>
// CHECK:         %[[T:.+]] = axt.add %[[R]], %[[S]] : tensor<3xf32>, tensor<?x4x3x3xf32> -> tensor<?x4x3x3xf32>
// CHECK:         %[[U:.+]] = axt.add %[[T]], %[[T]] : tensor<?x4x3x3xf32>
// CHECK:         %[[D:.+]] = axt.sum_to_shape %[[U]] : tensor<?x4x3x3xf32> -> tensor<4x1x1xf32>
// CHECK:         return %[[D]]
func.func @add_broadcast(%x: tensor<?x4x3x3xf32>, %b: tensor<4x1x1xf32>, %r: tensor<3xf32>) -> tensor<4x1x1xf32> {
  %s = axt.add %x, %b : tensor<?x4x3x3xf32>, tensor<4x1x1xf32> -> tensor<?x4x3x3xf32>
  %t = axt.add %r, %s : tensor<3xf32>, tensor<?x4x3x3xf32> -> tensor<?x4x3x3xf32>
  %u = axt.add %t, %t : tensor<?x4x3x3xf32>, tensor<?x4x3x3xf32> -> tensor<?x4x3x3xf32>
  %d = axt.sum_to_shape %u : tensor<?x4x3x3xf32> -> tensor<4x1x1xf32>
  return %d : tensor<4x1x1xf32>
}
