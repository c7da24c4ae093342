// Input for axt-run-errors.mlir: a loss with nothing to train.
func.func @f(%x: tensor<?x4xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %loss = axt.softmax_cross_entropy %x, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
