// Input for axt-run-errors.mlir: the dialect accepts i64 labels, the runner
// only feeds i32 ones.
func.func @f(%w: tensor<4x12xf32>, %b: tensor<4xf32>,
             %x: tensor<?x12xf32>, %labels: tensor<?xi64>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<?x12xf32>, tensor<4x12xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z, %labels : tensor<?x4xf32>, tensor<?xi64> -> tensor<f32>
  return %loss : tensor<f32>
}
