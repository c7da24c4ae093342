// Single pooling-op models for cnn-op-gradients.mlir. As in cnn-conv.mlir,
// the op's input is the first argument, a trainable parameter with a static
// batch of 2 (its gradient is the op's input gradient), and the real batch
// input %x is unused.

// Max pooling 2x2, stride 2, on 7x7: the windows tile the top-left 6x6; the
// last row and column get no gradient.
func.func @max_2x2_s2(%in: tensor<2x3x7x7xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y, %i = axt.max_pool2d %in {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<2x3x7x7xf32> -> tensor<2x3x3x3xf32>, tensor<2x3x3x3xi32>
  %f = axt.reshape %y : tensor<2x3x3x3xf32> -> tensor<2x27xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x27xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Max pooling 2x2, stride 3, on 8x8: gaps of one row and column between
// the windows, which get no gradient; (8 - 2) / 3 + 1 = 3 windows, whose
// strides reach one past the input.
func.func @max_2x2_s3(%in: tensor<2x3x8x8xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y, %i = axt.max_pool2d %in {kernel = array<i64: 2, 2>, strides = array<i64: 3, 3>}
      : tensor<2x3x8x8xf32> -> tensor<2x3x3x3xf32>, tensor<2x3x3x3xi32>
  %f = axt.reshape %y : tensor<2x3x3x3xf32> -> tensor<2x27xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x27xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Max pooling 5x5, stride 2, padding 2: a window of more than 16 places,
// lowered as a reduction over the window rather than unrolled; windows
// overlap. (9 + 4 - 5) / 2 + 1 = 5.
func.func @max_5x5_s2_p2(%in: tensor<2x3x9x9xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y, %i = axt.max_pool2d %in {kernel = array<i64: 5, 5>, strides = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<2x3x9x9xf32> -> tensor<2x3x5x5xf32>, tensor<2x3x5x5xi32>
  %f = axt.reshape %y : tensor<2x3x5x5xf32> -> tensor<2x75xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x75xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Max pooling 3x3, stride 2, padding 1 (ResNet's stem): windows overlap, so
// one input can be the maximum of several windows and collect their
// gradients; (7 + 2 - 3) / 2 + 1 = 4.
func.func @max_3x3_s2_p1(%in: tensor<2x3x7x7xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y, %i = axt.max_pool2d %in {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x3x7x7xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
  %f = axt.reshape %y : tensor<2x3x4x4xf32> -> tensor<2x48xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x48xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Average pooling 2x2, stride 2, on 7x6 (rows: the last one is unused).
func.func @avg_2x2_s2(%in: tensor<2x3x7x6xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.avg_pool2d %in {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<2x3x7x6xf32> -> tensor<2x3x3x3xf32>
  %f = axt.reshape %y : tensor<2x3x3x3xf32> -> tensor<2x27xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x27xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Average pooling 3x3, stride 1, padding 1: border windows include padding,
// which counts in the divisor (always 9).
func.func @avg_3x3_s1_p1(%in: tensor<2x3x5x5xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.avg_pool2d %in {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, padding = array<i64: 1, 1>}
      : tensor<2x3x5x5xf32> -> tensor<2x3x5x5xf32>
  %f = axt.reshape %y : tensor<2x3x5x5xf32> -> tensor<2x75xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x75xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// Global average pooling [2, 6, 4, 3] -> [2, 6]: already the logits.
func.func @global_avg(%in: tensor<2x6x4x3xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.global_avg_pool2d %in : tensor<2x6x4x3xf32> -> tensor<2x6xf32>
  %l = axt.softmax_cross_entropy %y, %t : tensor<2x6xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// ReLU on an image-shaped tensor.
func.func @relu(%in: tensor<2x3x4x4xf32>, %x: tensor<2x1xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %y = axt.relu %in : tensor<2x3x4x4xf32>
  %f = axt.reshape %y : tensor<2x3x4x4xf32> -> tensor<2x48xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x48xf32>, tensor<2xi32> -> tensor<f32>
  return %l : tensor<f32>
}
