// Single axt.conv2d models for cnn-op-gradients.mlir. The op's input is the
// first argument, a trainable parameter with a static batch of 2, so that
// its gradient (grad0 / param0) is the convolution's input gradient; the
// real batch input %x is unused. The result is flattened into the logits of
// the mean softmax cross-entropy. The biases start from he-uniform values
// (not zeros) so that the forward pass exercises them.

// Default attributes: stride 1, no padding, no dilation, one group.
func.func @conv_plain(%in: tensor<2x3x6x6xf32>, %w: tensor<4x3x3x3xf32>,
                      %b: tensor<4xf32> {axt.init = "he-uniform"},
                      %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.conv2d %in, %w, %b : tensor<2x3x6x6xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<2x4x4x4xf32>
  %f = axt.reshape %y : tensor<2x4x4x4xf32> -> tensor<2x64xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x64xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Stride 2 and padding 1: (7 + 2 - 3) / 2 + 1 = 4.
func.func @conv_stride_pad(%in: tensor<2x3x7x7xf32>, %w: tensor<4x3x3x3xf32>,
                           %b: tensor<4xf32> {axt.init = "he-uniform"},
                           %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.conv2d %in, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x3x7x7xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<2x4x4x4xf32>
  %f = axt.reshape %y : tensor<2x4x4x4xf32> -> tensor<2x64xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x64xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Dilation 2: a 3x3 filter spans 5x5; 7 - 2 * (3 - 1) = 3.
func.func @conv_dilation(%in: tensor<2x3x7x7xf32>, %w: tensor<4x3x3x3xf32>,
                         %b: tensor<4xf32> {axt.init = "he-uniform"},
                         %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.conv2d %in, %w, %b {dilations = array<i64: 2, 2>}
      : tensor<2x3x7x7xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<2x4x3x3xf32>
  %f = axt.reshape %y : tensor<2x4x3x3xf32> -> tensor<2x36xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x36xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Two groups: channels 0-1 feed filters 0-2, channels 2-3 filters 3-5.
func.func @conv_groups(%in: tensor<2x4x6x6xf32>, %w: tensor<6x2x3x3xf32>,
                       %b: tensor<6xf32> {axt.init = "he-uniform"},
                       %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.conv2d %in, %w, %b {groups = 2 : i64}
      : tensor<2x4x6x6xf32>, tensor<6x2x3x3xf32>, tensor<6xf32> -> tensor<2x6x4x4xf32>
  %f = axt.reshape %y : tensor<2x6x4x4xf32> -> tensor<2x96xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x96xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Depthwise: groups = channels = filters = 3, with padding 1.
func.func @conv_depthwise(%in: tensor<2x3x5x5xf32>, %w: tensor<3x1x3x3xf32>,
                          %b: tensor<3xf32> {axt.init = "he-uniform"},
                          %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.conv2d %in, %w, %b {groups = 3 : i64, padding = array<i64: 1, 1>}
      : tensor<2x3x5x5xf32>, tensor<3x1x3x3xf32>, tensor<3xf32> -> tensor<2x3x5x5xf32>
  %f = axt.reshape %y : tensor<2x3x5x5xf32> -> tensor<2x75xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x75xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// No bias, and different attributes along the height and the width:
// strides (1, 2), padding (1, 0), a 3x2 filter. Out: (6 + 2 - 3) / 1 + 1 = 6
// rows, (6 - 2) / 2 + 1 = 3 columns.
func.func @conv_nobias(%in: tensor<2x3x6x6xf32>, %w: tensor<4x3x3x2xf32>,
                       %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.conv2d %in, %w {strides = array<i64: 1, 2>, padding = array<i64: 1, 0>}
      : tensor<2x3x6x6xf32>, tensor<4x3x3x2xf32> -> tensor<2x4x6x3xf32>
  %f = axt.reshape %y : tensor<2x4x6x3xf32> -> tensor<2x72xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x72xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}
