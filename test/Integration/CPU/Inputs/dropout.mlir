// A single axt.dropout between a trainable input (param0) and the loss, for
// the gradient checks in ../dropout-gradients.mlir.
func.func @dropout(%x0: tensor<4x3x2x2xf32>, %x: tensor<4x1xf32>,
                   %labels: tensor<4xi32>, %seed: i64) -> tensor<f32> {
  %y = axt.dropout %x0, %seed {rate = 0.4 : f32, stream = 5 : i64} : tensor<4x3x2x2xf32>
  %flat = axt.reshape %y : tensor<4x3x2x2xf32> -> tensor<4x12xf32>
  %loss = axt.softmax_cross_entropy %flat, %labels : tensor<4x12xf32>, tensor<4xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
