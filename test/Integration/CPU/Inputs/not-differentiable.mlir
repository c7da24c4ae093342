// Input for axt-run-errors.mlir: arith.mulf (no gradient rule) lies between
// the parameter %w and the loss.
func.func @f(%w: tensor<4x12xf32>, %b: tensor<4xf32>,
             %x: tensor<?x12xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %w2 = arith.mulf %w, %w : tensor<4x12xf32>
  %z = axt.linear %x, %w2, %b : tensor<?x12xf32>, tensor<4x12xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
