// Input for axt-run-errors.mlir: the input's batch dimension is dynamic but
// the labels fix it at 5.
func.func @f(%w: tensor<4x12xf32>, %b: tensor<4xf32>,
             %x: tensor<?x12xf32>, %labels: tensor<5xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<?x12xf32>, tensor<4x12xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %h = axt.relu %z : tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %h, %labels : tensor<?x4xf32>, tensor<5xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
