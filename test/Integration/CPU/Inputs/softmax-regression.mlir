// Input for axt-run-errors.mlir: the smallest model that fits Fashion-MNIST
// (784 features, 10 classes), used with small synthetic IDX files.
func.func @softmax_regression(%w: tensor<10x784xf32>, %b: tensor<10xf32>,
                              %x: tensor<?x784xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<?x784xf32>, tensor<10x784xf32>, tensor<10xf32> -> tensor<?x10xf32>
  %loss = axt.softmax_cross_entropy %z, %labels : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
