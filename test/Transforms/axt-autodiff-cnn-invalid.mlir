// RUN: axt-opt %s --split-input-file --axt-autodiff --verify-diagnostics

// CNN ops that the autodiff pass refuses to differentiate.

// Inference mode uses the running statistics, which are state, not
// differentiable; only training mode has a gradient.
func.func @batch_norm_inference(%g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32> {axt.state}, %v: tensor<3xf32> {axt.state},
                                %x: tensor<?x3xf32>, %t: tensor<?xi32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error @+1 {{'axt.batch_norm' op cannot be differentiated in inference mode}}
  %y, %nm, %nv = axt.batch_norm %x, %g, %b, %m, %v {training = false} : tensor<?x3xf32>, tensor<3xf32>
  %l = axt.softmax_cross_entropy %y, %t : tensor<?x3xf32>, tensor<?xi32> -> tensor<f32>
  return %l, %nm, %nv : tensor<f32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// The same after a convolution, whose filter is the parameter asking for the
// gradient.
func.func @conv_batch_norm_inference(%w: tensor<3x1x3x3xf32>, %g: tensor<3xf32> {axt.state}, %b: tensor<3xf32> {axt.state},
                                     %m: tensor<3xf32> {axt.state}, %v: tensor<3xf32> {axt.state},
                                     %x: tensor<?x1x5x5xf32>, %t: tensor<?xi32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %c = axt.conv2d %x, %w : tensor<?x1x5x5xf32>, tensor<3x1x3x3xf32> -> tensor<?x3x3x3xf32>
  // expected-error @+1 {{'axt.batch_norm' op cannot be differentiated in inference mode}}
  %y, %nm, %nv = axt.batch_norm %c, %g, %b, %m, %v {training = false} : tensor<?x3x3x3xf32>, tensor<3xf32>
  %p = axt.global_avg_pool2d %y : tensor<?x3x3x3xf32> -> tensor<?x3xf32>
  %l = axt.softmax_cross_entropy %p, %t : tensor<?x3xf32>, tensor<?xi32> -> tensor<f32>
  return %l, %g, %b, %nm, %nv : tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// The gradient of a global average pool spreads over H · W positions, which
// must be known.
func.func @global_avg_pool2d_dynamic_size(%w: tensor<4x3x3x3xf32>, %x: tensor<?x3x?x?xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %c = axt.conv2d %x, %w : tensor<?x3x?x?xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x?x?xf32>
  // expected-error @+1 {{'axt.global_avg_pool2d' op needs a static height and width to be differentiated (got 'tensor<?x4x?x?xf32>')}}
  %p = axt.global_avg_pool2d %c : tensor<?x4x?x?xf32> -> tensor<?x4xf32>
  %l = axt.softmax_cross_entropy %p, %t : tensor<?x4xf32>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}
