// RUN: axt-opt %s --split-input-file --axt-autodiff --verify-diagnostics
// RUN: not axt-opt %s --split-input-file --axt-autodiff="momentum=-1" 2>&1 | FileCheck %s --check-prefix=MOMENTUM

// MOMENTUM: error: axt-autodiff: momentum (-1.000000e+00) and weight-decay (0.000000e+00) must be finite and non-negative

func.func @not_differentiable(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                              %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  // expected-error @+1 {{'arith.mulf' op is not differentiable (it lies between a parameter and the loss but does not implement DifferentiableOpInterface)}}
  %sq = arith.mulf %z, %z : tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %sq, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// expected-error @+1 {{found no loss function (a public function returning a tensor<f32> loss and the new value of each axt.state argument)}}
module {
  func.func @returns_a_vector(%x: tensor<2xf32>) -> tensor<2xf32> {
    return %x : tensor<2xf32>
  }
}

// -----

// expected-error @+1 {{loss function '@no_parameters' needs at least one parameter before the input and labels (got 2 arguments)}}
func.func @no_parameters(%x: tensor<2x3xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %loss = axt.softmax_cross_entropy %x, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// expected-error @+1 {{parameter #0 of '@dynamic_parameter' must be a statically shaped f32 tensor (got 'tensor<?x5xf32>')}}
func.func @dynamic_parameter(%w: tensor<?x5xf32>, %b: tensor<3xf32>,
                             %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<?x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// expected-error @+1 {{loss function '@two_blocks' must have a single-block body}}
func.func @two_blocks(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                      %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  cf.br ^next
^next:
  %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// The user's own function is never overwritten.
// expected-error @+1 {{cannot create '@taken_train_step': a symbol with that name already exists}}
func.func @taken(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                 %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
func.func @taken_train_step() {
  return
}

// -----

// expected-error @+1 {{loss function '@state_not_returned' must return the loss and then one new value per axt.state argument (1), with their types (got 1 results)}}
func.func @state_not_returned(%w: tensor<3x5xf32>, %b: tensor<3xf32> {axt.state},
                              %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// expected-error @+1 {{loss function '@only_state' has no trainable parameter (every argument before the input and labels is marked axt.state)}}
func.func @only_state(%w: tensor<3x5xf32> {axt.state}, %b: tensor<3xf32> {axt.state},
                      %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> (tensor<f32>, tensor<3x5xf32>, tensor<3xf32>) {
  %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
  return %loss, %w, %b : tensor<f32>, tensor<3x5xf32>, tensor<3xf32>
}
