// Input for axt-run-errors.mlir: models that do not fit Fashion-MNIST.
// 100 input features instead of 784:
func.func @features100(%w: tensor<10x100xf32>, %b: tensor<10xf32>,
                       %x: tensor<?x100xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<?x100xf32>, tensor<10x100xf32>, tensor<10xf32> -> tensor<?x10xf32>
  %loss = axt.softmax_cross_entropy %z, %labels : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
// 4 classes instead of 10:
func.func @classes4(%w: tensor<4x784xf32>, %b: tensor<4xf32>,
                    %x: tensor<?x784xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<?x784xf32>, tensor<4x784xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %loss = axt.softmax_cross_entropy %z, %labels : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
