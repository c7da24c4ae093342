// RUN: axt-opt %s | axt-opt | FileCheck %s
// RUN: axt-opt %s --mlir-print-op-generic | axt-opt | FileCheck %s

// Round trip of the convolution, pooling, normalization and reshape ops,
// through the custom form and through the generic form. Both RUN lines end
// in the custom form, where attributes at their default value are omitted.

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

// Default attributes: none is printed, whether written out or left away;
// the bias is optional.
// CHECK-LABEL: func.func @conv2d_defaults(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x1x28x28xf32>, %[[W:[^:]+]]: tensor<6x1x5x5xf32>, %[[B:[^:]+]]: tensor<6xf32>)
// CHECK:         %[[Y0:.+]] = axt.conv2d %[[X]], %[[W]], %[[B]] : tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32> -> tensor<?x6x24x24xf32>
// CHECK:         %[[Y1:.+]] = axt.conv2d %[[X]], %[[W]] : tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32> -> tensor<?x6x24x24xf32>
// CHECK:         %[[Y2:.+]] = axt.conv2d %[[X]], %[[W]], %[[B]] : tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32> -> tensor<?x6x24x24xf32>
// CHECK:         return %[[Y0]], %[[Y1]], %[[Y2]]
func.func @conv2d_defaults(%x: tensor<?x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<6xf32>)
    -> (tensor<?x6x24x24xf32>, tensor<?x6x24x24xf32>, tensor<?x6x24x24xf32>) {
  %y0 = axt.conv2d %x, %w, %b : tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32> -> tensor<?x6x24x24xf32>
  %y1 = axt.conv2d %x, %w : tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32> -> tensor<?x6x24x24xf32>
  %y2 = axt.conv2d %x, %w, %b {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64}
      : tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32> -> tensor<?x6x24x24xf32>
  return %y0, %y1, %y2 : tensor<?x6x24x24xf32>, tensor<?x6x24x24xf32>, tensor<?x6x24x24xf32>
}

// Every attribute set, static batch: (9 + 2·1 − 2·(3 − 1) − 1) / 2 + 1 = 4;
// 2 groups of 2 channels and 3 filters each.
// CHECK-LABEL: func.func @conv2d_all_attributes(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x4x9x9xf32>, %[[W:[^:]+]]: tensor<6x2x3x3xf32>, %[[B:[^:]+]]: tensor<6xf32>)
// CHECK:         %[[Y0:.+]] = axt.conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 2, 2>, groups = 2 : i64, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32>, tensor<6xf32> -> tensor<2x6x4x4xf32>
// CHECK:         %[[Y1:.+]] = axt.conv2d %[[X]], %[[W]] {groups = 2 : i64, padding = array<i64: 1, 0>, strides = array<i64: 1, 2>} : tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x9x4xf32>
// CHECK:         return %[[Y0]], %[[Y1]]
func.func @conv2d_all_attributes(%x: tensor<2x4x9x9xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>)
    -> (tensor<2x6x4x4xf32>, tensor<2x6x9x4xf32>) {
  %y0 = axt.conv2d %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilations = array<i64: 2, 2>, groups = 2 : i64}
      : tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32>, tensor<6xf32> -> tensor<2x6x4x4xf32>
  %y1 = axt.conv2d %x, %w {strides = array<i64: 1, 2>, padding = array<i64: 1, 0>, groups = 2 : i64}
      : tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x9x4xf32>
  return %y0, %y1 : tensor<2x6x4x4xf32>, tensor<2x6x9x4xf32>
}

// CHECK-LABEL: func.func @conv2d_backward_input(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x16x28x28xf32>, %[[W:[^:]+]]: tensor<16x16x3x3xf32>, %[[DYS:[^:]+]]: tensor<2x6x4x4xf32>, %[[WS:[^:]+]]: tensor<6x2x3x3xf32>)
// CHECK:         %[[DX0:.+]] = axt.conv2d_backward_input %[[DY]], %[[W]] {padding = array<i64: 1, 1>} : tensor<?x16x28x28xf32>, tensor<16x16x3x3xf32> -> tensor<?x16x28x28xf32>
// CHECK:         %[[DX1:.+]] = axt.conv2d_backward_input %[[DYS]], %[[WS]] {dilations = array<i64: 2, 2>, groups = 2 : i64, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<2x6x4x4xf32>, tensor<6x2x3x3xf32> -> tensor<2x4x9x9xf32>
// CHECK:         %[[DX2:.+]] = axt.conv2d_backward_input %[[DY]], %[[W]] : tensor<?x16x28x28xf32>, tensor<16x16x3x3xf32> -> tensor<?x16x30x30xf32>
// CHECK:         return %[[DX0]], %[[DX1]], %[[DX2]]
func.func @conv2d_backward_input(%dy: tensor<?x16x28x28xf32>, %w: tensor<16x16x3x3xf32>,
                                 %dys: tensor<2x6x4x4xf32>, %ws: tensor<6x2x3x3xf32>)
    -> (tensor<?x16x28x28xf32>, tensor<2x4x9x9xf32>, tensor<?x16x30x30xf32>) {
  %dx0 = axt.conv2d_backward_input %dy, %w {padding = array<i64: 1, 1>} : tensor<?x16x28x28xf32>, tensor<16x16x3x3xf32> -> tensor<?x16x28x28xf32>
  %dx1 = axt.conv2d_backward_input %dys, %ws {strides = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilations = array<i64: 2, 2>, groups = 2 : i64}
      : tensor<2x6x4x4xf32>, tensor<6x2x3x3xf32> -> tensor<2x4x9x9xf32>
  %dx2 = axt.conv2d_backward_input %dy, %w {strides = array<i64: 1, 1>, groups = 1 : i64} : tensor<?x16x28x28xf32>, tensor<16x16x3x3xf32> -> tensor<?x16x30x30xf32>
  return %dx0, %dx1, %dx2 : tensor<?x16x28x28xf32>, tensor<2x4x9x9xf32>, tensor<?x16x30x30xf32>
}

// CHECK-LABEL: func.func @conv2d_backward_filter(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x16x28x28xf32>, %[[X:[^:]+]]: tensor<?x16x28x28xf32>, %[[DYS:[^:]+]]: tensor<2x6x4x4xf32>, %[[XS:[^:]+]]: tensor<2x4x9x9xf32>)
// CHECK:         %[[DW0:.+]] = axt.conv2d_backward_filter %[[DY]], %[[X]] {padding = array<i64: 1, 1>} : tensor<?x16x28x28xf32>, tensor<?x16x28x28xf32> -> tensor<16x16x3x3xf32>
// CHECK:         %[[DW1:.+]] = axt.conv2d_backward_filter %[[DYS]], %[[XS]] {dilations = array<i64: 2, 2>, groups = 2 : i64, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<2x6x4x4xf32>, tensor<2x4x9x9xf32> -> tensor<6x2x3x3xf32>
// CHECK:         return %[[DW0]], %[[DW1]]
func.func @conv2d_backward_filter(%dy: tensor<?x16x28x28xf32>, %x: tensor<?x16x28x28xf32>,
                                  %dys: tensor<2x6x4x4xf32>, %xs: tensor<2x4x9x9xf32>)
    -> (tensor<16x16x3x3xf32>, tensor<6x2x3x3xf32>) {
  %dw0 = axt.conv2d_backward_filter %dy, %x {padding = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : tensor<?x16x28x28xf32>, tensor<?x16x28x28xf32> -> tensor<16x16x3x3xf32>
  %dw1 = axt.conv2d_backward_filter %dys, %xs {strides = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilations = array<i64: 2, 2>, groups = 2 : i64}
      : tensor<2x6x4x4xf32>, tensor<2x4x9x9xf32> -> tensor<6x2x3x3xf32>
  return %dw0, %dw1 : tensor<16x16x3x3xf32>, tensor<6x2x3x3xf32>
}

// channel_sum takes rank 2 and more.
// CHECK-LABEL: func.func @channel_sum(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<?x6x28x28xf32>, %[[B:[^:]+]]: tensor<8x3xf32>, %[[C:[^:]+]]: tensor<2x5x7xf32>)
// CHECK:         %[[SA:.+]] = axt.channel_sum %[[A]] : tensor<?x6x28x28xf32> -> tensor<6xf32>
// CHECK:         %[[SB:.+]] = axt.channel_sum %[[B]] : tensor<8x3xf32> -> tensor<3xf32>
// CHECK:         %[[SC:.+]] = axt.channel_sum %[[C]] : tensor<2x5x7xf32> -> tensor<5xf32>
// CHECK:         return %[[SA]], %[[SB]], %[[SC]]
func.func @channel_sum(%a: tensor<?x6x28x28xf32>, %b: tensor<8x3xf32>, %c: tensor<2x5x7xf32>)
    -> (tensor<6xf32>, tensor<3xf32>, tensor<5xf32>) {
  %sa = axt.channel_sum %a : tensor<?x6x28x28xf32> -> tensor<6xf32>
  %sb = axt.channel_sum %b : tensor<8x3xf32> -> tensor<3xf32>
  %sc = axt.channel_sum %c : tensor<2x5x7xf32> -> tensor<5xf32>
  return %sa, %sb, %sc : tensor<6xf32>, tensor<3xf32>, tensor<5xf32>
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

// kernel and strides are required; padding defaults to 0.
// CHECK-LABEL: func.func @max_pool2d(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x6x28x28xf32>, %[[XS:[^:]+]]: tensor<2x3x7x7xf32>)
// CHECK:         %[[Y0:.+]], %[[I0:.+]] = axt.max_pool2d %[[X]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x28x28xf32> -> tensor<?x6x14x14xf32>, tensor<?x6x14x14xi32>
// CHECK:         %[[Y1:.+]], %[[I1:.+]] = axt.max_pool2d %[[XS]] {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<2x3x7x7xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
// CHECK:         %[[Y2:.+]], %[[I2:.+]] = axt.max_pool2d %[[XS]] {kernel = array<i64: 3, 2>, strides = array<i64: 1, 2>} : tensor<2x3x7x7xf32> -> tensor<2x3x5x3xf32>, tensor<2x3x5x3xi32>
// CHECK:         return %[[Y0]], %[[I0]], %[[Y1]], %[[I1]], %[[Y2]], %[[I2]]
func.func @max_pool2d(%x: tensor<?x6x28x28xf32>, %xs: tensor<2x3x7x7xf32>)
    -> (tensor<?x6x14x14xf32>, tensor<?x6x14x14xi32>, tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>, tensor<2x3x5x3xf32>, tensor<2x3x5x3xi32>) {
  %y0, %i0 = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x28x28xf32> -> tensor<?x6x14x14xf32>, tensor<?x6x14x14xi32>
  %y1, %i1 = axt.max_pool2d %xs {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x7x7xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
  %y2, %i2 = axt.max_pool2d %xs {kernel = array<i64: 3, 2>, strides = array<i64: 1, 2>, padding = array<i64: 0, 0>} : tensor<2x3x7x7xf32> -> tensor<2x3x5x3xf32>, tensor<2x3x5x3xi32>
  return %y0, %i0, %y1, %i1, %y2, %i2 : tensor<?x6x14x14xf32>, tensor<?x6x14x14xi32>, tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>, tensor<2x3x5x3xf32>, tensor<2x3x5x3xi32>
}

// CHECK-LABEL: func.func @max_pool2d_backward(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x6x14x14xf32>, %[[I:[^:]+]]: tensor<?x6x14x14xi32>, %[[DYS:[^:]+]]: tensor<2x3x4x4xf32>, %[[IS:[^:]+]]: tensor<2x3x4x4xi32>)
// CHECK:         %[[DX0:.+]] = axt.max_pool2d_backward %[[DY]], %[[I]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x14x14xf32>, tensor<?x6x14x14xi32> -> tensor<?x6x28x28xf32>
// CHECK:         %[[DX1:.+]] = axt.max_pool2d_backward %[[DYS]], %[[IS]] {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32> -> tensor<2x3x7x7xf32>
// CHECK:         return %[[DX0]], %[[DX1]]
func.func @max_pool2d_backward(%dy: tensor<?x6x14x14xf32>, %i: tensor<?x6x14x14xi32>,
                               %dys: tensor<2x3x4x4xf32>, %is: tensor<2x3x4x4xi32>)
    -> (tensor<?x6x28x28xf32>, tensor<2x3x7x7xf32>) {
  %dx0 = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x14x14xf32>, tensor<?x6x14x14xi32> -> tensor<?x6x28x28xf32>
  %dx1 = axt.max_pool2d_backward %dys, %is {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32> -> tensor<2x3x7x7xf32>
  return %dx0, %dx1 : tensor<?x6x28x28xf32>, tensor<2x3x7x7xf32>
}

// CHECK-LABEL: func.func @avg_pool2d(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x6x28x28xf32>, %[[XS:[^:]+]]: tensor<2x3x7x7xf32>)
// CHECK:         %[[Y0:.+]] = axt.avg_pool2d %[[X]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x28x28xf32> -> tensor<?x6x14x14xf32>
// CHECK:         %[[Y1:.+]] = axt.avg_pool2d %[[XS]] {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<2x3x7x7xf32> -> tensor<2x3x4x4xf32>
// CHECK:         %[[Y2:.+]] = axt.avg_pool2d %[[XS]] {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>} : tensor<2x3x7x7xf32> -> tensor<2x3x5x5xf32>
// CHECK:         return %[[Y0]], %[[Y1]], %[[Y2]]
func.func @avg_pool2d(%x: tensor<?x6x28x28xf32>, %xs: tensor<2x3x7x7xf32>)
    -> (tensor<?x6x14x14xf32>, tensor<2x3x4x4xf32>, tensor<2x3x5x5xf32>) {
  %y0 = axt.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x28x28xf32> -> tensor<?x6x14x14xf32>
  %y1 = axt.avg_pool2d %xs {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x7x7xf32> -> tensor<2x3x4x4xf32>
  %y2 = axt.avg_pool2d %xs {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>} : tensor<2x3x7x7xf32> -> tensor<2x3x5x5xf32>
  return %y0, %y1, %y2 : tensor<?x6x14x14xf32>, tensor<2x3x4x4xf32>, tensor<2x3x5x5xf32>
}

// CHECK-LABEL: func.func @avg_pool2d_backward(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x6x14x14xf32>, %[[DYS:[^:]+]]: tensor<2x3x4x4xf32>)
// CHECK:         %[[DX0:.+]] = axt.avg_pool2d_backward %[[DY]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x14x14xf32> -> tensor<?x6x28x28xf32>
// CHECK:         %[[DX1:.+]] = axt.avg_pool2d_backward %[[DYS]] {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<2x3x4x4xf32> -> tensor<2x3x7x7xf32>
// CHECK:         return %[[DX0]], %[[DX1]]
func.func @avg_pool2d_backward(%dy: tensor<?x6x14x14xf32>, %dys: tensor<2x3x4x4xf32>)
    -> (tensor<?x6x28x28xf32>, tensor<2x3x7x7xf32>) {
  %dx0 = axt.avg_pool2d_backward %dy {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x6x14x14xf32> -> tensor<?x6x28x28xf32>
  %dx1 = axt.avg_pool2d_backward %dys {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x4x4xf32> -> tensor<2x3x7x7xf32>
  return %dx0, %dx1 : tensor<?x6x28x28xf32>, tensor<2x3x7x7xf32>
}

// The forward takes any spatial size; the backward needs a static one.
// CHECK-LABEL: func.func @global_avg_pool2d(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x64x7x7xf32>, %[[XD:[^:]+]]: tensor<2x64x?x?xf32>, %[[DY:[^:]+]]: tensor<?x64xf32>, %[[DYS:[^:]+]]: tensor<2x64xf32>)
// CHECK:         %[[Y0:.+]] = axt.global_avg_pool2d %[[X]] : tensor<?x64x7x7xf32> -> tensor<?x64xf32>
// CHECK:         %[[Y1:.+]] = axt.global_avg_pool2d %[[XD]] : tensor<2x64x?x?xf32> -> tensor<2x64xf32>
// CHECK:         %[[DX0:.+]] = axt.global_avg_pool2d_backward %[[DY]] : tensor<?x64xf32> -> tensor<?x64x7x7xf32>
// CHECK:         %[[DX1:.+]] = axt.global_avg_pool2d_backward %[[DYS]] : tensor<2x64xf32> -> tensor<2x64x3x5xf32>
// CHECK:         return %[[Y0]], %[[Y1]], %[[DX0]], %[[DX1]]
func.func @global_avg_pool2d(%x: tensor<?x64x7x7xf32>, %xd: tensor<2x64x?x?xf32>, %dy: tensor<?x64xf32>, %dys: tensor<2x64xf32>)
    -> (tensor<?x64xf32>, tensor<2x64xf32>, tensor<?x64x7x7xf32>, tensor<2x64x3x5xf32>) {
  %y0 = axt.global_avg_pool2d %x : tensor<?x64x7x7xf32> -> tensor<?x64xf32>
  %y1 = axt.global_avg_pool2d %xd : tensor<2x64x?x?xf32> -> tensor<2x64xf32>
  %dx0 = axt.global_avg_pool2d_backward %dy : tensor<?x64xf32> -> tensor<?x64x7x7xf32>
  %dx1 = axt.global_avg_pool2d_backward %dys : tensor<2x64xf32> -> tensor<2x64x3x5xf32>
  return %y0, %y1, %dx0, %dx1 : tensor<?x64xf32>, tensor<2x64xf32>, tensor<?x64x7x7xf32>, tensor<2x64x3x5xf32>
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

// Defaults (epsilon 1e-5, momentum 0.1, training) are omitted, written out
// or not; rank 4 and rank 2 inputs.
// CHECK-LABEL: func.func @batch_norm_defaults(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x16x28x28xf32>, %[[X2:[^:]+]]: tensor<8x16xf32>, %[[G:[^:]+]]: tensor<16xf32>, %[[B:[^:]+]]: tensor<16xf32>, %[[M:[^:]+]]: tensor<16xf32>, %[[V:[^:]+]]: tensor<16xf32>)
// CHECK:         %[[Y0:.+]], %[[M0:.+]], %[[V0:.+]] = axt.batch_norm %[[X]], %[[G]], %[[B]], %[[M]], %[[V]] : tensor<?x16x28x28xf32>, tensor<16xf32>
// CHECK:         %[[Y1:.+]], %[[M1:.+]], %[[V1:.+]] = axt.batch_norm %[[X2]], %[[G]], %[[B]], %[[M]], %[[V]] : tensor<8x16xf32>, tensor<16xf32>
// CHECK:         %[[Y2:.+]], %[[M2:.+]], %[[V2:.+]] = axt.batch_norm %[[X]], %[[G]], %[[B]], %[[M]], %[[V]] : tensor<?x16x28x28xf32>, tensor<16xf32>
// CHECK:         return %[[Y0]], %[[M0]], %[[V0]], %[[Y1]], %[[M1]], %[[V1]], %[[Y2]]
func.func @batch_norm_defaults(%x: tensor<?x16x28x28xf32>, %x2: tensor<8x16xf32>, %g: tensor<16xf32>, %b: tensor<16xf32>,
                               %m: tensor<16xf32>, %v: tensor<16xf32>)
    -> (tensor<?x16x28x28xf32>, tensor<16xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<?x16x28x28xf32>) {
  %y0, %m0, %v0 = axt.batch_norm %x, %g, %b, %m, %v : tensor<?x16x28x28xf32>, tensor<16xf32>
  %y1, %m1, %v1 = axt.batch_norm %x2, %g, %b, %m, %v : tensor<8x16xf32>, tensor<16xf32>
  %y2, %m2, %v2 = axt.batch_norm %x, %g, %b, %m, %v {epsilon = 1.0e-5 : f32, momentum = 0.1 : f32, training = true} : tensor<?x16x28x28xf32>, tensor<16xf32>
  return %y0, %m0, %v0, %y1, %m1, %v1, %y2 : tensor<?x16x28x28xf32>, tensor<16xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<?x16x28x28xf32>
}

// Every attribute set, inference mode; momentum may be 0 or 1.
// CHECK-LABEL: func.func @batch_norm_attributes(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<4x3x5x5xf32>, %[[X2:[^:]+]]: tensor<?x3xf32>, %[[G:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[M:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK:         %[[Y0:.+]], %{{.+}}, %{{.+}} = axt.batch_norm %[[X]], %[[G]], %[[B]], %[[M]], %[[V]] {epsilon = 1.000000e-03 : f32, momentum = 5.000000e-01 : f32, training = false} : tensor<4x3x5x5xf32>, tensor<3xf32>
// CHECK:         %[[Y1:.+]], %{{.+}}, %{{.+}} = axt.batch_norm %[[X2]], %[[G]], %[[B]], %[[M]], %[[V]] {training = false} : tensor<?x3xf32>, tensor<3xf32>
// CHECK:         %[[Y2:.+]], %{{.+}}, %{{.+}} = axt.batch_norm %[[X2]], %[[G]], %[[B]], %[[M]], %[[V]] {momentum = 0.000000e+00 : f32} : tensor<?x3xf32>, tensor<3xf32>
// CHECK:         %[[Y3:.+]], %{{.+}}, %{{.+}} = axt.batch_norm %[[X2]], %[[G]], %[[B]], %[[M]], %[[V]] {momentum = 1.000000e+00 : f32} : tensor<?x3xf32>, tensor<3xf32>
// CHECK:         return %[[Y0]], %[[Y1]], %[[Y2]], %[[Y3]]
func.func @batch_norm_attributes(%x: tensor<4x3x5x5xf32>, %x2: tensor<?x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>,
                                 %m: tensor<3xf32>, %v: tensor<3xf32>)
    -> (tensor<4x3x5x5xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>) {
  %y0, %m0, %v0 = axt.batch_norm %x, %g, %b, %m, %v {epsilon = 1.0e-3 : f32, momentum = 0.5 : f32, training = false} : tensor<4x3x5x5xf32>, tensor<3xf32>
  %y1, %m1, %v1 = axt.batch_norm %x2, %g, %b, %m, %v {training = false} : tensor<?x3xf32>, tensor<3xf32>
  %y2, %m2, %v2 = axt.batch_norm %x2, %g, %b, %m, %v {momentum = 0.0 : f32} : tensor<?x3xf32>, tensor<3xf32>
  %y3, %m3, %v3 = axt.batch_norm %x2, %g, %b, %m, %v {momentum = 1.0 : f32} : tensor<?x3xf32>, tensor<3xf32>
  return %y0, %y1, %y2, %y3 : tensor<4x3x5x5xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>
}

// CHECK-LABEL: func.func @batch_norm_backward(
// CHECK-SAME:    %[[DY:[^:]+]]: tensor<?x16x28x28xf32>, %[[X:[^:]+]]: tensor<?x16x28x28xf32>, %[[DY2:[^:]+]]: tensor<8x16xf32>, %[[X2:[^:]+]]: tensor<8x16xf32>, %[[G:[^:]+]]: tensor<16xf32>)
// CHECK:         %[[DX0:.+]], %[[DG0:.+]], %[[DB0:.+]] = axt.batch_norm_backward %[[DY]], %[[X]], %[[G]] : tensor<?x16x28x28xf32>, tensor<16xf32>
// CHECK:         %[[DX1:.+]], %[[DG1:.+]], %[[DB1:.+]] = axt.batch_norm_backward %[[DY2]], %[[X2]], %[[G]] {epsilon = 1.000000e-03 : f32} : tensor<8x16xf32>, tensor<16xf32>
// CHECK:         %[[DX2:.+]], %{{.+}}, %{{.+}} = axt.batch_norm_backward %[[DY]], %[[X]], %[[G]] : tensor<?x16x28x28xf32>, tensor<16xf32>
// CHECK:         return %[[DX0]], %[[DG0]], %[[DB0]], %[[DX1]], %[[DG1]], %[[DB1]], %[[DX2]]
func.func @batch_norm_backward(%dy: tensor<?x16x28x28xf32>, %x: tensor<?x16x28x28xf32>,
                               %dy2: tensor<8x16xf32>, %x2: tensor<8x16xf32>, %g: tensor<16xf32>)
    -> (tensor<?x16x28x28xf32>, tensor<16xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<?x16x28x28xf32>) {
  %dx0, %dg0, %db0 = axt.batch_norm_backward %dy, %x, %g : tensor<?x16x28x28xf32>, tensor<16xf32>
  %dx1, %dg1, %db1 = axt.batch_norm_backward %dy2, %x2, %g {epsilon = 1.0e-3 : f32} : tensor<8x16xf32>, tensor<16xf32>
  %dx2, %dg2, %db2 = axt.batch_norm_backward %dy, %x, %g {epsilon = 1.0e-5 : f32} : tensor<?x16x28x28xf32>, tensor<16xf32>
  return %dx0, %dg0, %db0, %dx1, %dg1, %db1, %dx2 : tensor<?x16x28x28xf32>, tensor<16xf32>, tensor<16xf32>, tensor<8x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<?x16x28x28xf32>
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

// Static shapes of equal element counts, rank 1 included; and shapes with a
// dynamic batch whose other dimensions agree in count.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:    %[[S:[^:]+]]: tensor<2x3x4xf32>, %[[D:[^:]+]]: tensor<?x16x5x5xf32>)
// CHECK:         %[[R0:.+]] = axt.reshape %[[S]] : tensor<2x3x4xf32> -> tensor<6x4xf32>
// CHECK:         %[[R1:.+]] = axt.reshape %[[S]] : tensor<2x3x4xf32> -> tensor<24xf32>
// CHECK:         %[[R2:.+]] = axt.reshape %[[D]] : tensor<?x16x5x5xf32> -> tensor<?x400xf32>
// CHECK:         %[[R3:.+]] = axt.reshape %[[R2]] : tensor<?x400xf32> -> tensor<?x4x10x10xf32>
// CHECK:         return %[[R0]], %[[R1]], %[[R2]], %[[R3]]
func.func @reshape(%s: tensor<2x3x4xf32>, %d: tensor<?x16x5x5xf32>)
    -> (tensor<6x4xf32>, tensor<24xf32>, tensor<?x400xf32>, tensor<?x4x10x10xf32>) {
  %r0 = axt.reshape %s : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %r1 = axt.reshape %s : tensor<2x3x4xf32> -> tensor<24xf32>
  %r2 = axt.reshape %d : tensor<?x16x5x5xf32> -> tensor<?x400xf32>
  %r3 = axt.reshape %r2 : tensor<?x400xf32> -> tensor<?x4x10x10xf32>
  return %r0, %r1, %r2, %r3 : tensor<6x4xf32>, tensor<24xf32>, tensor<?x400xf32>, tensor<?x4x10x10xf32>
}
