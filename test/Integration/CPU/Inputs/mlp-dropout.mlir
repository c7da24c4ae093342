// A small MLP with dropout after the hidden ReLU (../dropout-gradients.mlir).
func.func @mlp_dropout(%w1: tensor<16x12xf32>, %b1: tensor<16xf32>,
                       %w2: tensor<10x16xf32>, %b2: tensor<10xf32>,
                       %x: tensor<?x12xf32>, %labels: tensor<?xi32>,
                       %seed: i64) -> tensor<f32> {
  %h = axt.linear %x, %w1, %b1 : tensor<?x12xf32>, tensor<16x12xf32>, tensor<16xf32> -> tensor<?x16xf32>
  %r = axt.relu %h : tensor<?x16xf32>
  %d = axt.dropout %r, %seed {rate = 0.5 : f32, stream = 1 : i64} : tensor<?x16xf32>
  %logits = axt.linear %d, %w2, %b2 : tensor<?x16xf32>, tensor<10x16xf32>, tensor<10xf32> -> tensor<?x10xf32>
  %loss = axt.softmax_cross_entropy %logits, %labels : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
