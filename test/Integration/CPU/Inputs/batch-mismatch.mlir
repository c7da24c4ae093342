// Input for axt-run-errors.mlir: a static batch of 5 inputs but 4 labels
// (the dynamic logits hide the conflict from the op verifiers).
func.func @f(%w: tensor<4x12xf32>, %b: tensor<4xf32>,
             %x: tensor<5x12xf32>, %labels: tensor<4xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<5x12xf32>, tensor<4x12xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z, %labels : tensor<?x4xf32>, tensor<4xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
