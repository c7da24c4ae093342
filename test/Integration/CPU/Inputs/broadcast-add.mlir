// Broadcasting axt.add between a trainable input (param0) and a trainable
// addend of a shape that broadcasts to it (param1), then the loss, for
// ../broadcast-add-gradients.mlir. One function per broadcast pattern.

// Per-channel: [C, 1, 1] against [N, C, H, W].
func.func @add_channel(%x0: tensor<3x4x2x3xf32>, %b: tensor<4x1x1xf32>,
                       %x: tensor<3x1xf32>, %labels: tensor<3xi32>) -> tensor<f32> {
  %y = axt.add %x0, %b : tensor<3x4x2x3xf32>, tensor<4x1x1xf32> -> tensor<3x4x2x3xf32>
  %flat = axt.reshape %y : tensor<3x4x2x3xf32> -> tensor<3x24xf32>
  %loss = axt.softmax_cross_entropy %flat, %labels : tensor<3x24xf32>, tensor<3xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// Size-1 dimensions inside and at the front: [1, 4, 1, 3].
func.func @add_inner(%x0: tensor<3x4x2x3xf32>, %b: tensor<1x4x1x3xf32>,
                     %x: tensor<3x1xf32>, %labels: tensor<3xi32>) -> tensor<f32> {
  %y = axt.add %x0, %b : tensor<3x4x2x3xf32>, tensor<1x4x1x3xf32> -> tensor<3x4x2x3xf32>
  %flat = axt.reshape %y : tensor<3x4x2x3xf32> -> tensor<3x24xf32>
  %loss = axt.softmax_cross_entropy %flat, %labels : tensor<3x24xf32>, tensor<3xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// A lower-rank addend, repeated along the batch: [10] against [N, 10]
// (the bias of a linear layer written as a separate add).
func.func @add_row(%x0: tensor<5x10xf32>, %b: tensor<10xf32>,
                   %x: tensor<5x1xf32>, %labels: tensor<5xi32>) -> tensor<f32> {
  %y = axt.add %b, %x0 : tensor<10xf32>, tensor<5x10xf32> -> tensor<5x10xf32>
  %loss = axt.softmax_cross_entropy %y, %labels : tensor<5x10xf32>, tensor<5xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
