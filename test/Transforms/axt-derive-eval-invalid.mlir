// RUN: axt-opt %s --split-input-file --axt-derive-eval --verify-diagnostics

// expected-error @+1 {{the loss of '@no_logits' is not produced by axt.softmax_cross_entropy, so it has no logits to evaluate}}
func.func @no_logits(%w: tensor<f32>, %x: tensor<2xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  return %w : tensor<f32>
}

// -----

// expected-error @+1 {{cannot create '@taken_eval': a symbol with that name already exists}}
func.func @taken(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                 %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
func.func private @taken_eval()

// -----

// Only ops with an inference mode may read the seed: here an op that stays
// random in evaluation.
func.func @random_eval(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                       %x: tensor<2x5xf32>, %t: tensor<2xi32>, %seed: i64) -> tensor<f32> {
  // expected-error @+1 {{uses the seed of '@random_eval' in evaluation mode, where nothing may be random}}
  %d = axt.dropout_backward %x, %seed {rate = 0.2 : f32, stream = 1 : i64} : tensor<2x5xf32>
  %z = axt.linear %d, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
