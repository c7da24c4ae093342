// Input for axt-run-errors.mlir: softmax regression with a static batch of 8,
// more than the synthetic data set holds.
func.func @softmax_regression8(%w: tensor<10x784xf32>, %b: tensor<10xf32>,
                               %x: tensor<8x784xf32>, %labels: tensor<8xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<8x784xf32>, tensor<10x784xf32>, tensor<10xf32> -> tensor<8x10xf32>
  %loss = axt.softmax_cross_entropy %z, %labels : tensor<8x10xf32>, tensor<8xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
