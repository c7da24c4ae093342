// A 784-256-256-10 multilayer perceptron for 28×28 images (Fashion-MNIST).
// Arguments: the parameters (weights [out, in] and biases), then the batch
// (flattened images and integer labels). The result is the mean loss.
// The batch size is left dynamic; axt-run picks it (--batch).
func.func @mlp(%w0: tensor<256x784xf32>, %b0: tensor<256xf32>,
               %w1: tensor<256x256xf32>, %b1: tensor<256xf32>,
               %w2: tensor<10x256xf32>, %b2: tensor<10xf32>,
               %x: tensor<?x784xf32>, %labels: tensor<?xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b0 : tensor<?x784xf32>, tensor<256x784xf32>, tensor<256xf32> -> tensor<?x256xf32>
  %h0 = axt.relu %z0 : tensor<?x256xf32>
  %z1 = axt.linear %h0, %w1, %b1 : tensor<?x256xf32>, tensor<256x256xf32>, tensor<256xf32> -> tensor<?x256xf32>
  %h1 = axt.relu %z1 : tensor<?x256xf32>
  %z2 = axt.linear %h1, %w2, %b2 : tensor<?x256xf32>, tensor<10x256xf32>, tensor<10xf32> -> tensor<?x10xf32>
  %loss = axt.softmax_cross_entropy %z2, %labels : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
