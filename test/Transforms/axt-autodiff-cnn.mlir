// RUN: axt-opt %s --split-input-file --axt-autodiff | FileCheck %s

// The training steps of small convolutional loss functions: which forward
// values each CNN op stashes for its backward, and which backward ops it
// builds, with the forward's window attributes carried over. The checks run
// line by line (CHECK-NEXT) through the step so that no other stash hides
// in between.

// A first-layer convolution on the data: the filter gradient needs the input
// (stashed), the bias gradient only dy; the filter is not stashed and no
// input gradient is built. Reshape stashes nothing; its gradient is the
// reverse reshape.
// CHECK-LABEL: func.func @conv_first_layer_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<4x3x3x3xf32>, %[[B:[^:]+]]: tensor<4xf32>, %[[VW:[^:]+]]: tensor<4x3x3x3xf32>, %[[VB:[^:]+]]: tensor<4xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x8x8xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %[[LR:[^:]+]]: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]] : tensor<?xi32>
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x3x8x8xf32>
// CHECK-NEXT:    %[[C:.+]] = axt.conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 2>, padding = array<i64: 1, 2>, strides = array<i64: 2, 1>} : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<?x4x4x8xf32>
// CHECK-NEXT:    %[[F:.+]] = axt.reshape %[[C]] : tensor<?x4x4x8xf32> -> tensor<?x128xf32>
// CHECK-NEXT:    %[[S_F:.+]] = axt.stash %[[F]] : tensor<?x128xf32>
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[F]], %[[T]]
// CHECK-NEXT:    %[[ONE:.+]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[U_F:.+]] = axt.unstash %[[S_F]]
// CHECK-NEXT:    %[[U_T:.+]] = axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DF:.+]] = axt.softmax_cross_entropy_backward %[[ONE]], %[[U_F]], %[[U_T]]
// CHECK-NEXT:    %[[DC:.+]] = axt.reshape %[[DF]] : tensor<?x128xf32> -> tensor<?x4x4x8xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]] : !axt.stashed<tensor<?x3x8x8xf32>>
// CHECK-NEXT:    %[[DW:.+]] = axt.conv2d_backward_filter %[[DC]], %[[U_X]] {dilations = array<i64: 1, 2>, padding = array<i64: 1, 2>, strides = array<i64: 2, 1>} : tensor<?x4x4x8xf32>, tensor<?x3x8x8xf32> -> tensor<4x3x3x3xf32>
// CHECK-NEXT:    %[[DB:.+]] = axt.channel_sum %[[DC]] : tensor<?x4x4x8xf32> -> tensor<4xf32>
// CHECK-NEXT:    %[[PW:.+]], %[[NVW:.+]] = axt.sgd_momentum %[[W]], %[[DW]], %[[VW]], %[[LR]]
// CHECK-NEXT:    %[[PB:.+]], %[[NVB:.+]] = axt.sgd_momentum %[[B]], %[[DB]], %[[VB]], %[[LR]]
// CHECK-NEXT:    return %[[LOSS]], %[[PW]], %[[PB]], %[[NVW]], %[[NVB]]
// CHECK-NOT:     axt.conv2d_backward_input
func.func @conv_first_layer(%w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>, %x: tensor<?x3x8x8xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %c = axt.conv2d %x, %w, %b {strides = array<i64: 2, 1>, padding = array<i64: 1, 2>, dilations = array<i64: 1, 2>}
      : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<?x4x4x8xf32>
  %f = axt.reshape %c : tensor<?x4x4x8xf32> -> tensor<?x128xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<?x128xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// A second convolution (grouped, strided, padded, dilated, no bias) needs
// both gradients: its input (the relu output, stashed once and read by
// relu_backward too) and its filter are stashed, and both backward ops carry
// every window attribute, groups included. No channel_sum without a bias.
// CHECK-LABEL: func.func @conv_two_layers_train_step(
// CHECK-SAME:      %[[W1:[^:]+]]: tensor<4x3x3x3xf32>, %[[W2:[^:]+]]: tensor<6x2x3x3xf32>, %{{[^:]+}}: tensor<4x3x3x3xf32>, %{{[^:]+}}: tensor<6x2x3x3xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x8x8xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]] : tensor<?xi32>
// CHECK-NEXT:    %[[S_W2:.+]] = axt.stash %[[W2]] : tensor<6x2x3x3xf32>
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x3x8x8xf32>
// CHECK-NEXT:    %[[C1:.+]] = axt.conv2d %[[X]], %[[W1]] {padding = array<i64: 1, 1>}
// CHECK-NEXT:    %[[H:.+]] = axt.relu %[[C1]]
// CHECK-NEXT:    %[[S_H:.+]] = axt.stash %[[H]] : tensor<?x4x8x8xf32>
// CHECK-NEXT:    %[[C2:.+]] = axt.conv2d %[[H]], %[[W2]] {dilations = array<i64: 2, 2>, groups = 2 : i64, padding = array<i64: 2, 2>, strides = array<i64: 2, 2>}
// CHECK-NEXT:    %[[F:.+]] = axt.reshape %[[C2]]
// CHECK-NEXT:    %[[S_F:.+]] = axt.stash %[[F]]
// CHECK-NEXT:    axt.softmax_cross_entropy %[[F]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_F]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DF:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[DC2:.+]] = axt.reshape %[[DF]] : tensor<?x96xf32> -> tensor<?x6x4x4xf32>
// CHECK-NEXT:    %[[U_H:.+]] = axt.unstash %[[S_H]]
// CHECK-NEXT:    %[[U_W2:.+]] = axt.unstash %[[S_W2]]
// CHECK-NEXT:    %[[DH:.+]] = axt.conv2d_backward_input %[[DC2]], %[[U_W2]] {dilations = array<i64: 2, 2>, groups = 2 : i64, padding = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x4x4xf32>, tensor<6x2x3x3xf32> -> tensor<?x4x8x8xf32>
// CHECK-NEXT:    %[[DW2:.+]] = axt.conv2d_backward_filter %[[DC2]], %[[U_H]] {dilations = array<i64: 2, 2>, groups = 2 : i64, padding = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x4x4xf32>, tensor<?x4x8x8xf32> -> tensor<6x2x3x3xf32>
// CHECK-NEXT:    %[[U_H2:.+]] = axt.unstash %[[S_H]]
// CHECK-NEXT:    %[[DC1:.+]] = axt.relu_backward %[[DH]], %[[U_H2]]
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[DW1:.+]] = axt.conv2d_backward_filter %[[DC1]], %[[U_X]] {padding = array<i64: 1, 1>} : tensor<?x4x8x8xf32>, tensor<?x3x8x8xf32> -> tensor<4x3x3x3xf32>
// CHECK-NEXT:    axt.sgd_momentum %[[W1]], %[[DW1]],
// CHECK-NEXT:    axt.sgd_momentum %[[W2]], %[[DW2]],
// CHECK-NOT:     axt.channel_sum
// CHECK-NEXT:    return
func.func @conv_two_layers(%w1: tensor<4x3x3x3xf32>, %w2: tensor<6x2x3x3xf32>, %x: tensor<?x3x8x8xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %c1 = axt.conv2d %x, %w1 {padding = array<i64: 1, 1>} : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x8x8xf32>
  %h = axt.relu %c1 : tensor<?x4x8x8xf32>
  %c2 = axt.conv2d %h, %w2 {strides = array<i64: 2, 2>, padding = array<i64: 2, 2>, dilations = array<i64: 2, 2>, groups = 2 : i64}
      : tensor<?x4x8x8xf32>, tensor<6x2x3x3xf32> -> tensor<?x6x4x4xf32>
  %f = axt.reshape %c2 : tensor<?x6x4x4xf32> -> tensor<?x96xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<?x96xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Poolings: a max-pool stashes only its i32 indices (not its input, not its
// result); an average pool and a global average pool stash nothing. Each
// backward op carries the forward's kernel, strides and padding and has the
// pooling input's type.
// CHECK-LABEL: func.func @pools_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<4x3x3x3xf32>, %[[B:[^:]+]]: tensor<4xf32>, %{{[^:]+}}: tensor<4x3x3x3xf32>, %{{[^:]+}}: tensor<4xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x8x8xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]]
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]]
// CHECK-NEXT:    %[[C:.+]] = axt.conv2d %[[X]], %[[W]], %[[B]]
// CHECK-NEXT:    %[[P:.+]], %[[IDX:.+]] = axt.max_pool2d %[[C]] {kernel = array<i64: 2, 2>, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<?x4x8x8xf32> -> tensor<?x4x5x5xf32>, tensor<?x4x5x5xi32>
// CHECK-NEXT:    %[[S_IDX:.+]] = axt.stash %[[IDX]] : tensor<?x4x5x5xi32>
// CHECK-NEXT:    %[[A:.+]] = axt.avg_pool2d %[[P]] {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<?x4x5x5xf32> -> tensor<?x4x3x3xf32>
// CHECK-NEXT:    %[[G:.+]] = axt.global_avg_pool2d %[[A]] : tensor<?x4x3x3xf32> -> tensor<?x4xf32>
// CHECK-NEXT:    %[[S_G:.+]] = axt.stash %[[G]] : tensor<?x4xf32>
// CHECK-NEXT:    axt.softmax_cross_entropy %[[G]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_G]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DG:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[DA:.+]] = axt.global_avg_pool2d_backward %[[DG]] : tensor<?x4xf32> -> tensor<?x4x3x3xf32>
// CHECK-NEXT:    %[[DP:.+]] = axt.avg_pool2d_backward %[[DA]] {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<?x4x3x3xf32> -> tensor<?x4x5x5xf32>
// CHECK-NEXT:    %[[U_IDX:.+]] = axt.unstash %[[S_IDX]] : !axt.stashed<tensor<?x4x5x5xi32>>
// CHECK-NEXT:    %[[DC:.+]] = axt.max_pool2d_backward %[[DP]], %[[U_IDX]] {kernel = array<i64: 2, 2>, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<?x4x5x5xf32>, tensor<?x4x5x5xi32> -> tensor<?x4x8x8xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    axt.conv2d_backward_filter %[[DC]], %[[U_X]]
// CHECK-NEXT:    axt.channel_sum %[[DC]]
func.func @pools(%w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>, %x: tensor<?x3x8x8xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %c = axt.conv2d %x, %w, %b {padding = array<i64: 1, 1>} : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<?x4x8x8xf32>
  %p, %i = axt.max_pool2d %c {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<?x4x8x8xf32> -> tensor<?x4x5x5xf32>, tensor<?x4x5x5xi32>
  %a = axt.avg_pool2d %p {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<?x4x5x5xf32> -> tensor<?x4x3x3xf32>
  %g = axt.global_avg_pool2d %a : tensor<?x4x3x3xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %g, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Batch norm after a convolution: its input (the convolution's result) and
// its scale are stashed, nothing else; batch_norm_backward recomputes the
// statistics with the forward's epsilon and gives the input, scale and shift
// gradients. The running statistics (state) get no velocity and no update:
// the step returns the new ones the forward computed.
// CHECK-LABEL: func.func @conv_batch_norm_train_step(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<4x3x3x3xf32>, %[[G:[^:]+]]: tensor<4xf32>, %[[B:[^:]+]]: tensor<4xf32>,
// CHECK-SAME:      %[[M:[^:]+]]: tensor<4xf32> {axt.state}, %[[V:[^:]+]]: tensor<4xf32> {axt.state},
// CHECK-SAME:      %[[VW:[^:]+]]: tensor<4x3x3x3xf32>, %[[VG:[^:]+]]: tensor<4xf32>, %[[VB:[^:]+]]: tensor<4xf32>,
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x8x8xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %[[LR:[^:]+]]: f32, %{{[^:]+}}: i64)
// CHECK-SAME:      -> (tensor<f32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]]
// CHECK-NEXT:    %[[S_G:.+]] = axt.stash %[[G]] : tensor<4xf32>
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]]
// CHECK-NEXT:    %[[C:.+]] = axt.conv2d %[[X]], %[[W]]
// CHECK-NEXT:    %[[S_C:.+]] = axt.stash %[[C]] : tensor<?x4x6x6xf32>
// CHECK-NEXT:    %[[Y:.+]], %[[NM:.+]], %[[NV:.+]] = axt.batch_norm %[[C]], %[[G]], %[[B]], %[[M]], %[[V]] {epsilon = 1.000000e-03 : f32, momentum = 2.000000e-01 : f32} : tensor<?x4x6x6xf32>, tensor<4xf32>
// CHECK-NEXT:    %[[P:.+]] = axt.global_avg_pool2d %[[Y]]
// CHECK-NEXT:    %[[S_P:.+]] = axt.stash %[[P]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[P]], %[[T]]
// CHECK-NEXT:    arith.constant
// CHECK-NEXT:    axt.unstash %[[S_P]]
// CHECK-NEXT:    axt.unstash %[[S_T]]
// CHECK-NEXT:    %[[DP:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[DY:.+]] = axt.global_avg_pool2d_backward %[[DP]] : tensor<?x4xf32> -> tensor<?x4x6x6xf32>
// CHECK-NEXT:    %[[U_C:.+]] = axt.unstash %[[S_C]]
// CHECK-NEXT:    %[[U_G:.+]] = axt.unstash %[[S_G]]
// CHECK-NEXT:    %[[DC:.+]], %[[DG:.+]], %[[DB:.+]] = axt.batch_norm_backward %[[DY]], %[[U_C]], %[[U_G]] {epsilon = 1.000000e-03 : f32} : tensor<?x4x6x6xf32>, tensor<4xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[DW:.+]] = axt.conv2d_backward_filter %[[DC]], %[[U_X]]
// CHECK-NEXT:    %[[PW:.+]], %[[NVW:.+]] = axt.sgd_momentum %[[W]], %[[DW]], %[[VW]], %[[LR]]
// CHECK-NEXT:    %[[PG:.+]], %[[NVG:.+]] = axt.sgd_momentum %[[G]], %[[DG]], %[[VG]], %[[LR]]
// CHECK-NEXT:    %[[PB:.+]], %[[NVB:.+]] = axt.sgd_momentum %[[B]], %[[DB]], %[[VB]], %[[LR]]
// CHECK-NEXT:    return %[[LOSS]], %[[PW]], %[[PG]], %[[PB]], %[[NM]], %[[NV]], %[[NVW]], %[[NVG]], %[[NVB]]
func.func @conv_batch_norm(%w: tensor<4x3x3x3xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>,
                           %m: tensor<4xf32> {axt.state}, %v: tensor<4xf32> {axt.state},
                           %x: tensor<?x3x8x8xf32>, %t: tensor<?xi32>) -> (tensor<f32>, tensor<4xf32>, tensor<4xf32>) {
  %c = axt.conv2d %x, %w : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x6x6xf32>
  %y, %nm, %nv = axt.batch_norm %c, %g, %b, %m, %v {epsilon = 1.0e-3 : f32, momentum = 0.2 : f32} : tensor<?x4x6x6xf32>, tensor<4xf32>
  %p = axt.global_avg_pool2d %y : tensor<?x4x6x6xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %p, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l, %nm, %nv : tensor<f32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Batch norm (rank 2, default epsilon) on the data itself: the input is not
// a parameter, but the scale and shift gradients still need it and the
// scale, so both are stashed; only scale and shift are updated.
// CHECK-LABEL: func.func @batch_norm_on_input_train_step(
// CHECK-SAME:      %[[G:[^:]+]]: tensor<5xf32>, %[[B:[^:]+]]: tensor<5xf32>, %[[M:[^:]+]]: tensor<5xf32> {axt.state}, %[[V:[^:]+]]: tensor<5xf32> {axt.state},
// CHECK-SAME:      %[[VG:[^:]+]]: tensor<5xf32>, %[[VB:[^:]+]]: tensor<5xf32>, %[[X:[^:]+]]: tensor<?x5xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %[[LR:[^:]+]]: f32, %{{[^:]+}}: i64)
// CHECK-NEXT:    %[[S_T:.+]] = axt.stash %[[T]]
// CHECK-NEXT:    %[[S_X:.+]] = axt.stash %[[X]] : tensor<?x5xf32>
// CHECK-NEXT:    %[[S_G:.+]] = axt.stash %[[G]] : tensor<5xf32>
// CHECK-NEXT:    %[[Y:.+]], %[[NM:.+]], %[[NV:.+]] = axt.batch_norm %[[X]], %[[G]], %[[B]], %[[M]], %[[V]] : tensor<?x5xf32>, tensor<5xf32>
// CHECK-NEXT:    %[[S_Y:.+]] = axt.stash %[[Y]]
// CHECK-NEXT:    %[[LOSS:.+]] = axt.softmax_cross_entropy %[[Y]], %[[T]]
// CHECK:         %[[DY:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %[[S_X]]
// CHECK-NEXT:    %[[U_G:.+]] = axt.unstash %[[S_G]]
// CHECK-NEXT:    %{{.+}}, %[[DG:.+]], %[[DB:.+]] = axt.batch_norm_backward %[[DY]], %[[U_X]], %[[U_G]] : tensor<?x5xf32>, tensor<5xf32>
// CHECK-NEXT:    %[[PG:.+]], %[[NVG:.+]] = axt.sgd_momentum %[[G]], %[[DG]], %[[VG]], %[[LR]]
// CHECK-NEXT:    %[[PB:.+]], %[[NVB:.+]] = axt.sgd_momentum %[[B]], %[[DB]], %[[VB]], %[[LR]]
// CHECK-NEXT:    return %[[LOSS]], %[[PG]], %[[PB]], %[[NM]], %[[NV]], %[[NVG]], %[[NVB]]
func.func @batch_norm_on_input(%g: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32> {axt.state}, %v: tensor<5xf32> {axt.state},
                               %x: tensor<?x5xf32>, %t: tensor<?xi32>) -> (tensor<f32>, tensor<5xf32>, tensor<5xf32>) {
  %y, %nm, %nv = axt.batch_norm %x, %g, %b, %m, %v : tensor<?x5xf32>, tensor<5xf32>
  %l = axt.softmax_cross_entropy %y, %t : tensor<?x5xf32>, tensor<?xi32> -> tensor<f32>
  return %l, %nm, %nv : tensor<f32>, tensor<5xf32>, tensor<5xf32>
}

// -----

// A static batch and a reshape between two static shapes: the gradient is
// reshaped back to the convolution's static result type.
// CHECK-LABEL: func.func @static_batch_train_step(
// CHECK:         %[[C:.+]] = axt.conv2d {{.*}} -> tensor<2x2x3x3xf32>
// CHECK-NEXT:    %[[F:.+]] = axt.reshape %[[C]] : tensor<2x2x3x3xf32> -> tensor<2x18xf32>
// CHECK:         %[[DF:.+]] = axt.softmax_cross_entropy_backward
// CHECK-NEXT:    %[[DC:.+]] = axt.reshape %[[DF]] : tensor<2x18xf32> -> tensor<2x2x3x3xf32>
// CHECK-NEXT:    %[[U_X:.+]] = axt.unstash %{{.+}} : !axt.stashed<tensor<2x1x5x5xf32>>
// CHECK-NEXT:    axt.conv2d_backward_filter %[[DC]], %[[U_X]] : tensor<2x2x3x3xf32>, tensor<2x1x5x5xf32> -> tensor<2x1x3x3xf32>
func.func @static_batch(%w: tensor<2x1x3x3xf32>, %x: tensor<2x1x5x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %c = axt.conv2d %x, %w : tensor<2x1x5x5xf32>, tensor<2x1x3x3xf32> -> tensor<2x2x3x3xf32>
  %f = axt.reshape %c : tensor<2x2x3x3xf32> -> tensor<2x18xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x18xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}
