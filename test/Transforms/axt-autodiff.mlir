// RUN: axt-opt %s --split-input-file --axt-autodiff | FileCheck %s
// RUN: axt-opt %s --split-input-file --axt-autodiff="momentum=0.5 weight-decay=0.25" | FileCheck %s --check-prefix=OPTS

// A two-layer perceptron: every value the backward reads is stashed once,
// right after its definition, and unstashed before each backward use.

// CHECK-LABEL: func.func @mlp(
// CHECK-LABEL: func.func @mlp_train_step(
// CHECK-SAME:      %[[W0:[^:]+]]: tensor<8x12xf32>, %[[B0:[^:]+]]: tensor<8xf32>, %[[W1:[^:]+]]: tensor<4x8xf32>, %[[B1:[^:]+]]: tensor<4xf32>,
// CHECK-SAME:      %[[V_W0:[^:]+]]: tensor<8x12xf32>, %[[V_B0:[^:]+]]: tensor<8xf32>, %[[V_W1:[^:]+]]: tensor<4x8xf32>, %[[V_B1:[^:]+]]: tensor<4xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x12xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %[[LR:[^:]+]]: f32, %[[SEED:[^:]+]]: i64)
// CHECK-SAME:      -> (tensor<f32>, tensor<8x12xf32>, tensor<8xf32>, tensor<4x8xf32>, tensor<4xf32>, tensor<8x12xf32>, tensor<8xf32>, tensor<4x8xf32>, tensor<4xf32>)
// Block arguments are stashed at the top, in the order the backward asks.
// CHECK:         %[[S_T:.+]] = axt.stash %[[T]] : tensor<?xi32>
// CHECK-NEXT:    %[[S_W1:.+]] = axt.stash %[[W1]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x12xf32>
// The forward, unchanged, with stashes after the values they keep.
// CHECK-NEXT:    %[[Z0:.+]] = axt.linear %[[X]], %[[W0]], %[[B0]]
// CHECK-NEXT:    %[[H0:.+]] = axt.relu %[[Z0]]
// CHECK-NEXT:    %[[S_H0:.+]] = axt.stash %[[H0]] : tensor<?x8xf32>
// CHECK-NEXT:    %[[Z1:.+]] = axt.linear %[[H0]], %[[W1]], %[[B1]]
// CHECK-NEXT:    %[[S_Z1:.+]] = axt.stash %[[Z1]] : tensor<?x4xf32>
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[Z1]], %[[T]]
// The backward: only through unstashed values.
// CHECK-NEXT:    %[[ONE:.+]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[U_Z1:.+]] = axt.unstash %[[S_Z1]]
// CHECK-NEXT:    %[[U_T:.+]] = axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DZ1:.+]] = axt.softmax_cross_entropy_backward %[[ONE]], %[[U_Z1]], %[[U_T]]
// CHECK-NEXT:    %[[U_H0:.+]] = axt.unstash %[[S_H0]]
// CHECK-NEXT:    %[[U_W1:.+]] = axt.unstash %[[S_W1]]
// CHECK-NEXT:    %[[DH0:.+]] = axt.linear_backward_input %[[DZ1]], %[[U_W1]]
// CHECK-NEXT:    %[[DW1:.+]] = axt.linear_backward_weight %[[DZ1]], %[[U_H0]]
// CHECK-NEXT:    %[[DB1:.+]] = axt.linear_backward_bias %[[DZ1]]
// CHECK-NEXT:    %[[U_H0_2:.+]] = axt.unstash %[[S_H0]]
// CHECK-NEXT:    %[[DZ0:.+]] = axt.relu_backward %[[DH0]], %[[U_H0_2]]
// The first layer's input is data: no input gradient is built.
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[DW0:.+]] = axt.linear_backward_weight %[[DZ0]], %[[U_X]]
// CHECK-NEXT:    %[[DB0:.+]] = axt.linear_backward_bias %[[DZ0]]
// CHECK-NOT:     axt.linear_backward_input
// CHECK-NEXT:    %[[P0:.+]], %[[N0:.+]] = axt.sgd_momentum %[[W0]], %[[DW0]], %[[V_W0]], %[[LR]] {momentum = 0.899999976 : f32, weight_decay = 0.000000e+00 : f32}
// CHECK-NEXT:    %[[P1:.+]], %[[N1:.+]] = axt.sgd_momentum %[[B0]], %[[DB0]], %[[V_B0]], %[[LR]]
// CHECK-NEXT:    %[[P2:.+]], %[[N2:.+]] = axt.sgd_momentum %[[W1]], %[[DW1]], %[[V_W1]], %[[LR]]
// CHECK-NEXT:    %[[P3:.+]], %[[N3:.+]] = axt.sgd_momentum %[[B1]], %[[DB1]], %[[V_B1]], %[[LR]]
// CHECK-NEXT:    return %[[LOSS]], %[[P0]], %[[P1]], %[[P2]], %[[P3]], %[[N0]], %[[N1]], %[[N2]], %[[N3]]

// OPTS-LABEL: func.func @mlp_train_step(
// OPTS-COUNT-4: axt.sgd_momentum {{.*}} {momentum = 5.000000e-01 : f32, weight_decay = 2.500000e-01 : f32}
func.func @mlp(%w0: tensor<8x12xf32>, %b0: tensor<8xf32>, %w1: tensor<4x8xf32>, %b1: tensor<4xf32>,
               %x: tensor<?x12xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b0 : tensor<?x12xf32>, tensor<8x12xf32>, tensor<8xf32> -> tensor<?x8xf32>
  %h0 = axt.relu %z0 : tensor<?x8xf32>
  %z1 = axt.linear %h0, %w1, %b1 : tensor<?x8xf32>, tensor<4x8xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z1, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// A value with two uses: its gradient is the sum of both contributions.

// CHECK-LABEL: func.func @two_uses_train_step(
// CHECK:         %[[H:.+]] = axt.relu
// CHECK:         %[[A:.+]] = axt.linear %[[H]]
// CHECK:         %[[B:.+]] = axt.linear %[[H]]
// CHECK:         %[[SUM:.+]] = axt.add %[[A]], %[[B]]
// CHECK:         axt.softmax_cross_entropy %[[SUM]]
// CHECK:         %[[DA:.+]] = axt.linear_backward_input %[[DSUM:[^,]+]],
// CHECK:         %[[DB:.+]] = axt.linear_backward_input %[[DSUM]],
// CHECK:         %[[DH:.+]] = axt.add %[[DA]], %[[DB]] : tensor<2x3xf32>
// CHECK:         axt.relu_backward %[[DH]],
func.func @two_uses(%w0: tensor<3x5xf32>, %b0: tensor<3xf32>, %wa: tensor<4x3xf32>, %ba: tensor<4xf32>,
                    %wb: tensor<4x3xf32>, %bb: tensor<4xf32>,
                    %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w0, %b0 : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %h = axt.relu %z : tensor<2x3xf32>
  %a = axt.linear %h, %wa, %ba : tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32> -> tensor<2x4xf32>
  %b = axt.linear %h, %wb, %bb : tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32> -> tensor<2x4xf32>
  %s = axt.add %a, %b : tensor<2x4xf32>
  %loss = axt.softmax_cross_entropy %s, %t : tensor<2x4xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// A parameter shared by two layers accumulates both weight gradients; an
// unused parameter gets a zero gradient.

// CHECK-LABEL: func.func @shared_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<3x3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[UNUSED:[^:]+]]: tensor<7xf32>,
// CHECK:         %[[DW2:.+]] = axt.linear_backward_weight
// CHECK:         %[[DB2:.+]] = axt.linear_backward_bias
// CHECK:         %[[DW1:.+]] = axt.linear_backward_weight
// CHECK-NEXT:    %[[DB1:.+]] = axt.linear_backward_bias
// CHECK-NEXT:    %[[DW:.+]] = axt.add %[[DW2]], %[[DW1]] : tensor<3x3xf32>
// CHECK-NEXT:    %[[DB:.+]] = axt.add %[[DB2]], %[[DB1]] : tensor<3xf32>
// CHECK:         axt.sgd_momentum %[[W]], %[[DW]],
// CHECK:         axt.sgd_momentum %[[B]], %[[DB]],
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    %[[DU:.+]] = tensor.splat %[[ZERO]] : tensor<7xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[UNUSED]], %[[DU]],
func.func @shared(%w: tensor<3x3xf32>, %b: tensor<3xf32>, %unused: tensor<7xf32>,
                  %x: tensor<2x3xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %z1 = axt.linear %x, %w, %b : tensor<2x3xf32>, tensor<3x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %h1 = axt.relu %z1 : tensor<2x3xf32>
  %z2 = axt.linear %h1, %w, %b : tensor<2x3xf32>, tensor<3x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %z2, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// Ops off the differentiated path need no interface; only the loss function
// is differentiated, other functions are left alone.

// CHECK-LABEL: func.func @helper(
// CHECK-NOT:   func.func @helper_train_step
// CHECK-LABEL: func.func @off_path_train_step(
// CHECK:         arith.addi
// CHECK:         axt.linear_backward_weight
func.func @helper(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}
func.func @off_path(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                    %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %one = arith.constant dense<1> : tensor<2xi32>
  %shifted = arith.addi %t, %one : tensor<2xi32>
  %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %z, %shifted : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// State arguments (batch-norm running statistics) get no velocity and no
// update; their new values are the ones the loss function returns.

// CHECK-LABEL: func.func @with_state_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<2x3x3x3xf32>, %[[G:[^:]+]]: tensor<2xf32> {axt.init = "ones"}, %[[B:[^:]+]]: tensor<2xf32>,
// CHECK-SAME:      %[[M:[^:]+]]: tensor<2xf32> {axt.state}, %[[V:[^:]+]]: tensor<2xf32> {axt.init = "ones", axt.state},
// CHECK-SAME:      %[[VW:[^:]+]]: tensor<2x3x3x3xf32>, %[[VG:[^:]+]]: tensor<2xf32>, %[[VB:[^:]+]]: tensor<2xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x4x4xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %[[LR:[^:]+]]: f32, %{{[^:]+}}: i64)
// CHECK-SAME:      -> (tensor<f32>, tensor<2x3x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>, tensor<2xf32>)
// CHECK:         %[[Y:.+]], %[[NM:.+]], %[[NV:.+]] = axt.batch_norm %{{.+}}, %[[G]], %[[B]], %[[M]], %[[V]]
// Only the indices of the maxima cross to the backward of a max-pool.
// CHECK:         %{{.+}}, %[[IDX:.+]] = axt.max_pool2d
// CHECK-NEXT:    %[[S_IDX:.+]] = axt.stash %[[IDX]] : tensor<?x2x2x2xi32>
// CHECK:         %[[U_IDX:.+]] = axt.unstash %[[S_IDX]]
// CHECK-NEXT:    axt.max_pool2d_backward %{{.+}}, %[[U_IDX]]
// CHECK:         %[[DX:.+]], %[[DG:.+]], %[[DB:.+]] = axt.batch_norm_backward
// CHECK:         axt.conv2d_backward_filter
// CHECK-NOT:     axt.conv2d_backward_input
// CHECK:         %[[PW:.+]], %[[NVW:.+]] = axt.sgd_momentum %[[W]], {{.+}}, %[[VW]], %[[LR]]
// CHECK-NEXT:    %[[PG:.+]], %[[NVG:.+]] = axt.sgd_momentum %[[G]], %[[DG]], %[[VG]], %[[LR]]
// CHECK-NEXT:    %[[PB:.+]], %[[NVB:.+]] = axt.sgd_momentum %[[B]], %[[DB]], %[[VB]], %[[LR]]
// CHECK-NEXT:    return %{{.+}}, %[[PW]], %[[PG]], %[[PB]], %[[NM]], %[[NV]], %[[NVW]], %[[NVG]], %[[NVB]]
func.func @with_state(%w: tensor<2x3x3x3xf32>, %g: tensor<2xf32> {axt.init = "ones"}, %b: tensor<2xf32>,
                      %m: tensor<2xf32> {axt.state}, %v: tensor<2xf32> {axt.state, axt.init = "ones"},
                      %x: tensor<?x3x4x4xf32>, %t: tensor<?xi32>) -> (tensor<f32>, tensor<2xf32>, tensor<2xf32>) {
  %c = axt.conv2d %x, %w {padding = array<i64: 1, 1>} : tensor<?x3x4x4xf32>, tensor<2x3x3x3xf32> -> tensor<?x2x4x4xf32>
  %y, %nm, %nv = axt.batch_norm %c, %g, %b, %m, %v : tensor<?x2x4x4xf32>, tensor<2xf32>
  %p, %i = axt.max_pool2d %y {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>, tensor<?x2x2x2xi32>
  %f = axt.reshape %p : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<?x8xf32>, tensor<?xi32> -> tensor<f32>
  return %l, %nm, %nv : tensor<f32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// A trailing i64 argument is the seed: the step's seed replaces it, dropout
// keeps nothing for the backward (its mask is drawn again from the seed),
// and an inference-mode dropout's gradient passes through.

// CHECK-LABEL: func.func @dropped_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<3x5xf32>, %[[B:[^:]+]]: tensor<3xf32>, %{{[^:]+}}: tensor<3x5xf32>, %{{[^:]+}}: tensor<3xf32>, %[[X:[^:]+]]: tensor<?x5xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %[[LR:[^:]+]]: f32, %[[SEED:[^:]+]]: i64)
// CHECK-NOT:     axt.stash %[[X]]
// CHECK:         %[[D:.+]] = axt.dropout %[[X]], %[[SEED]] {rate = 2.000000e-01 : f32, stream = 7 : i64}
// CHECK:         %[[I:.+]] = axt.dropout %[[D]], %[[SEED]] {rate = 5.000000e-01 : f32, stream = 8 : i64, training = false}
// CHECK:         %[[SI:.+]] = axt.stash %[[I]]
// CHECK:         %[[UI:.+]] = axt.unstash %[[SI]]
// CHECK:         axt.linear_backward_weight %{{.+}}, %[[UI]]
// CHECK-NOT:     axt.dropout_backward
// CHECK:         return
func.func @dropped(%w: tensor<3x5xf32>, %b: tensor<3xf32>, %x: tensor<?x5xf32>,
                   %t: tensor<?xi32>, %seed: i64) -> tensor<f32> {
  %d = axt.dropout %x, %seed {rate = 0.2 : f32, stream = 7 : i64} : tensor<?x5xf32>
  %i = axt.dropout %d, %seed {rate = 0.5 : f32, stream = 8 : i64, training = false} : tensor<?x5xf32>
  %z = axt.linear %i, %w, %b : tensor<?x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<?x3xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// The gradient of a dropout draws the same mask: dropout_backward with the
// step's seed, rate and stream.

// CHECK-LABEL: func.func @hidden_dropout_train_step(
// CHECK-SAME:      %[[SEED:[^:]+]]: i64)
// CHECK:         axt.dropout %{{.+}}, %[[SEED]] {rate = 3.000000e-01 : f32, stream = 1 : i64}
// CHECK:         %[[DX:.+]] = axt.linear_backward_input
// CHECK:         axt.dropout_backward %[[DX]], %[[SEED]] {rate = 3.000000e-01 : f32, stream = 1 : i64} : tensor<?x4xf32>
func.func @hidden_dropout(%w1: tensor<4x5xf32>, %b1: tensor<4xf32>,
                          %w2: tensor<3x4xf32>, %b2: tensor<3xf32>,
                          %x: tensor<?x5xf32>, %t: tensor<?xi32>, %seed: i64) -> tensor<f32> {
  %h = axt.linear %x, %w1, %b1 : tensor<?x5xf32>, tensor<4x5xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %d = axt.dropout %h, %seed {rate = 0.3 : f32, stream = 1 : i64} : tensor<?x4xf32>
  %z = axt.linear %d, %w2, %b2 : tensor<?x4xf32>, tensor<3x4xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<?x3xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// A broadcast addend's gradient is the result gradient summed to its shape;
// the other addend's is the result gradient itself.

// CHECK-LABEL: func.func @shifted_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<3x5xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[S:[^:]+]]: tensor<1x3xf32>,
// CHECK:         %[[DZ:.+]] = axt.softmax_cross_entropy_backward
// CHECK-DAG:     %[[DS:.+]] = axt.sum_to_shape %[[DZ]] : tensor<?x3xf32> -> tensor<1x3xf32>
// CHECK-DAG:     axt.linear_backward_weight %[[DZ]]
// CHECK-DAG:     axt.sgd_momentum %[[S]], %[[DS]]
func.func @shifted(%w: tensor<3x5xf32>, %b: tensor<3xf32>, %s: tensor<1x3xf32>,
                   %x: tensor<?x5xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %y = axt.linear %x, %w, %b : tensor<?x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %z = axt.add %y, %s : tensor<?x3xf32>, tensor<1x3xf32> -> tensor<?x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<?x3xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
