// RUN: axt-opt %s --split-input-file --convert-axt-to-linalg --verify-diagnostics

// Convolutions whose lowering needs sizes the types leave dynamic fail with
// a diagnostic on the op (then the conversion reports the op as not
// legalized) instead of producing wrong IR.

func.func @conv2d_dynamic_channels(%x: tensor<?x?x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x6x6xf32> {
  // expected-error @+2 {{'axt.conv2d' op needs static channel, height and width sizes and a static filter to be lowered}}
  // expected-error @+1 {{failed to legalize operation 'axt.conv2d' that was explicitly marked illegal}}
  %y = axt.conv2d %x, %w : tensor<?x?x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x6x6xf32>
  return %y : tensor<?x4x6x6xf32>
}

// -----

func.func @conv2d_dynamic_width(%x: tensor<2x3x8x?xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<2x4x6x?xf32> {
  // expected-error @+2 {{'axt.conv2d' op needs static channel, height and width sizes and a static filter to be lowered}}
  // expected-error @+1 {{failed to legalize operation 'axt.conv2d' that was explicitly marked illegal}}
  %y = axt.conv2d %x, %w, %b : tensor<2x3x8x?xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<2x4x6x?xf32>
  return %y : tensor<2x4x6x?xf32>
}

// -----

func.func @conv2d_dynamic_filter(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x?x?xf32>) -> tensor<2x4x6x6xf32> {
  // expected-error @+2 {{'axt.conv2d' op needs static channel, height and width sizes and a static filter to be lowered}}
  // expected-error @+1 {{failed to legalize operation 'axt.conv2d' that was explicitly marked illegal}}
  %y = axt.conv2d %x, %w : tensor<2x3x8x8xf32>, tensor<4x3x?x?xf32> -> tensor<2x4x6x6xf32>
  return %y : tensor<2x4x6x6xf32>
}

// -----

// The input gradient's own (result) sizes must be static too.
func.func @conv2d_backward_input_dynamic_result_channels(%dy: tensor<2x4x6x6xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x?x8x8xf32> {
  // expected-error @+2 {{'axt.conv2d_backward_input' op needs static channel, height and width sizes and a static filter to be lowered}}
  // expected-error @+1 {{failed to legalize operation 'axt.conv2d_backward_input' that was explicitly marked illegal}}
  %dx = axt.conv2d_backward_input %dy, %w : tensor<2x4x6x6xf32>, tensor<4x3x3x3xf32> -> tensor<2x?x8x8xf32>
  return %dx : tensor<2x?x8x8xf32>
}

// -----

func.func @conv2d_backward_input_dynamic_gradient(%dy: tensor<?x4x?x6xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x3x8x8xf32> {
  // expected-error @+2 {{'axt.conv2d_backward_input' op needs static channel, height and width sizes and a static filter to be lowered}}
  // expected-error @+1 {{failed to legalize operation 'axt.conv2d_backward_input' that was explicitly marked illegal}}
  %dx = axt.conv2d_backward_input %dy, %w : tensor<?x4x?x6xf32>, tensor<4x3x3x3xf32> -> tensor<?x3x8x8xf32>
  return %dx : tensor<?x3x8x8xf32>
}

// -----

// The filter gradient's result is the filter: it must be static.
func.func @conv2d_backward_filter_dynamic_result(%dy: tensor<2x4x6x6xf32>, %x: tensor<2x3x8x8xf32>) -> tensor<4x3x?x3xf32> {
  // expected-error @+2 {{'axt.conv2d_backward_filter' op needs static channel, height and width sizes and a static filter to be lowered}}
  // expected-error @+1 {{failed to legalize operation 'axt.conv2d_backward_filter' that was explicitly marked illegal}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<2x4x6x6xf32>, tensor<2x3x8x8xf32> -> tensor<4x3x?x3xf32>
  return %dw : tensor<4x3x?x3xf32>
}

// -----

func.func @conv2d_backward_filter_dynamic_input_channels(%dy: tensor<2x4x6x6xf32>, %x: tensor<2x?x8x8xf32>) -> tensor<4x3x3x3xf32> {
  // expected-error @+2 {{'axt.conv2d_backward_filter' op needs static channel, height and width sizes and a static filter to be lowered}}
  // expected-error @+1 {{failed to legalize operation 'axt.conv2d_backward_filter' that was explicitly marked illegal}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<2x4x6x6xf32>, tensor<2x?x8x8xf32> -> tensor<4x3x3x3xf32>
  return %dw : tensor<4x3x3x3xf32>
}

// -----

func.func @max_pool_dynamic_width(%x: tensor<2x3x8x?xf32>) -> tensor<2x3x4x?xf32> {
  // expected-error @+2 {{'axt.max_pool2d' op needs static channel, height and width sizes to be lowered (got 'tensor<2x3x8x?xf32>')}}
  // expected-error @+1 {{failed to legalize operation 'axt.max_pool2d' that was explicitly marked illegal}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x?xf32> -> tensor<2x3x4x?xf32>, tensor<2x3x4x?xi32>
  return %y : tensor<2x3x4x?xf32>
}
