// Single axt.batch_norm models (training mode) for cnn-op-gradients.mlir.
// The op's input is the first argument, a trainable parameter with a static
// batch (its gradient is the op's input gradient); the real batch input %x
// is unused. The running statistics are state arguments (neither trainable
// nor dumped) returned after the loss. The scale and the shift start from
// he-uniform values rather than ones and zeros, so that a gradient that
// forgot the scale, or a forward pass that forgot the shift, shows.

// Rank 4 [N, C, H, W]: statistics over N, H and W; epsilon 1e-5.
func.func @bn_rank4(%in: tensor<2x3x4x4xf32>,
                    %gamma: tensor<3xf32> {axt.init = "he-uniform"},
                    %beta: tensor<3xf32> {axt.init = "he-uniform"},
                    %mean: tensor<3xf32> {axt.state},
                    %var: tensor<3xf32> {axt.state, axt.init = "ones"},
                    %x: tensor<2x1xf32>, %t: tensor<2xi32>)
    -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>) {
  %y, %m, %v = axt.batch_norm %in, %gamma, %beta, %mean, %var {epsilon = 1.0e-5 : f32, momentum = 0.1 : f32, training = true}
      : tensor<2x3x4x4xf32>, tensor<3xf32>
  %f = axt.reshape %y : tensor<2x3x4x4xf32> -> tensor<2x48xf32>
  %l = axt.softmax_cross_entropy %f, %t : tensor<2x48xf32>, tensor<2xi32> -> tensor<f32>
  return %l, %m, %v : tensor<f32>, tensor<3xf32>, tensor<3xf32>
}

// Rank 2 [N, C] (after a linear layer): statistics over the batch only;
// epsilon 1e-3, and the result is already the logits.
func.func @bn_rank2(%in: tensor<6x5xf32>,
                    %gamma: tensor<5xf32> {axt.init = "he-uniform"},
                    %beta: tensor<5xf32> {axt.init = "he-uniform"},
                    %mean: tensor<5xf32> {axt.state},
                    %var: tensor<5xf32> {axt.state, axt.init = "ones"},
                    %x: tensor<6x1xf32>, %t: tensor<6xi32>)
    -> (tensor<f32>, tensor<5xf32>, tensor<5xf32>) {
  %y, %m, %v = axt.batch_norm %in, %gamma, %beta, %mean, %var {epsilon = 1.0e-3 : f32}
      : tensor<6x5xf32>, tensor<5xf32>
  %l = axt.softmax_cross_entropy %y, %t : tensor<6x5xf32>, tensor<6xi32> -> tensor<f32>
  return %l, %m, %v : tensor<f32>, tensor<5xf32>, tensor<5xf32>
}
