// One activation feeding two convolutions, for cnn-op-gradients.mlir
// (finite-difference check only): autodiff must add the input gradients of
// both convolutions into the gradient of %h (and so of %w0, %b0).
//
//   h = relu(conv3x3 2->4 pad 1 (x))
//   s = conv3x3 4->4 pad 1 (h) + conv1x1 4->4 (h)
//   logits = flatten(avg_pool 2x2 stride 2 (s))   [N, 4 * 3 * 3]
func.func @two_convs(%w0: tensor<4x2x3x3xf32>, %b0: tensor<4xf32>,
                     %wa: tensor<4x4x3x3xf32>, %ba: tensor<4xf32>,
                     %wb: tensor<4x4x1x1xf32>,
                     %x: tensor<?x2x6x6xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %c0 = axt.conv2d %x, %w0, %b0 {padding = array<i64: 1, 1>}
      : tensor<?x2x6x6xf32>, tensor<4x2x3x3xf32>, tensor<4xf32> -> tensor<?x4x6x6xf32>
  %h = axt.relu %c0 : tensor<?x4x6x6xf32>
  %ya = axt.conv2d %h, %wa, %ba {padding = array<i64: 1, 1>}
      : tensor<?x4x6x6xf32>, tensor<4x4x3x3xf32>, tensor<4xf32> -> tensor<?x4x6x6xf32>
  %yb = axt.conv2d %h, %wb : tensor<?x4x6x6xf32>, tensor<4x4x1x1xf32> -> tensor<?x4x6x6xf32>
  %s = axt.add %ya, %yb : tensor<?x4x6x6xf32>
  %p = axt.avg_pool2d %s {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<?x4x6x6xf32> -> tensor<?x4x3x3xf32>
  %f = axt.reshape %p : tensor<?x4x3x3xf32> -> tensor<?x36xf32>
  %loss = axt.softmax_cross_entropy %f, %labels : tensor<?x36xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
