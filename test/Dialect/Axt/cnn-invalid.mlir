// RUN: axt-opt %s --split-input-file --verify-diagnostics

// One case per diagnostic of the verifiers of the convolution, pooling,
// normalization and reshape ops (AxtCnnOps.cpp), repeated for the gradient
// ops where their operand names change the message, and of their ODS
// constraints and traits. Each case has exactly one thing wrong.

//===----------------------------------------------------------------------===//
// axt.conv2d (a valid one: 2x4x8x8 input, 6x4x3x3 filter -> 2x6x6x6)
//===----------------------------------------------------------------------===//

func.func @conv2d_input_rank_3(%x: tensor<4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op input must have rank 4 (got 3)}}
  %y = axt.conv2d %x, %w : tensor<4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_filter_rank_2(%x: tensor<2x4x8x8xf32>, %w: tensor<6x36xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op filter must have rank 4 (got 2)}}
  %y = axt.conv2d %x, %w : tensor<2x4x8x8xf32>, tensor<6x36xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_result_rank_5(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6x1xf32> {
  // expected-error @+1 {{'axt.conv2d' op result must have rank 4 (got 5)}}
  %y = axt.conv2d %x, %w : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6x1xf32>
  return %y : tensor<2x6x6x6x1xf32>
}

// -----

func.func @conv2d_zero_stride(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op strides must be positive (got [1, 0])}}
  %y = axt.conv2d %x, %w {strides = array<i64: 1, 0>} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_negative_padding(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op padding must be non-negative (got [-1, 0])}}
  %y = axt.conv2d %x, %w {padding = array<i64: -1, 0>} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_zero_dilation(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op dilations must be positive (got [0, 1])}}
  %y = axt.conv2d %x, %w {dilations = array<i64: 0, 1>} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_zero_groups(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op groups must be positive (got 0)}}
  %y = axt.conv2d %x, %w {groups = 0 : i64} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_negative_groups(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op groups must be positive (got -2)}}
  %y = axt.conv2d %x, %w {groups = -2 : i64} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_channels_not_divisible(%x: tensor<2x3x8x8xf32>, %w: tensor<6x1x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op input channels (3) are not divisible by groups (2)}}
  %y = axt.conv2d %x, %w {groups = 2 : i64} : tensor<2x3x8x8xf32>, tensor<6x1x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_filters_not_divisible(%x: tensor<2x4x8x8xf32>, %w: tensor<5x2x3x3xf32>) -> tensor<2x5x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op filter count (5) is not divisible by groups (2)}}
  %y = axt.conv2d %x, %w {groups = 2 : i64} : tensor<2x4x8x8xf32>, tensor<5x2x3x3xf32> -> tensor<2x5x6x6xf32>
  return %y : tensor<2x5x6x6xf32>
}

// -----

// With 2 groups each filter sees 2 of the 4 channels, not all 4.
func.func @conv2d_filter_channels_per_group(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op filter channel dimension (4) does not match input channels per group (2)}}
  %y = axt.conv2d %x, %w {groups = 2 : i64} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_filter_channels(%x: tensor<?x4x8x8xf32>, %w: tensor<6x3x3x3xf32>) -> tensor<?x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op filter channel dimension (3) does not match input channels per group (4)}}
  %y = axt.conv2d %x, %w : tensor<?x4x8x8xf32>, tensor<6x3x3x3xf32> -> tensor<?x6x6x6xf32>
  return %y : tensor<?x6x6x6xf32>
}

// -----

func.func @conv2d_result_batch(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<3x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op result batch dimension (3) does not match input batch dimension (2)}}
  %y = axt.conv2d %x, %w : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<3x6x6x6xf32>
  return %y : tensor<3x6x6x6xf32>
}

// -----

func.func @conv2d_result_channels(%x: tensor<?x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<?x5x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op result channel dimension (5) does not match filter count (6)}}
  %y = axt.conv2d %x, %w : tensor<?x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<?x5x6x6xf32>
  return %y : tensor<?x5x6x6xf32>
}

// -----

func.func @conv2d_kernel_too_large(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x9x9xf32>) -> tensor<2x6x1x1xf32> {
  // expected-error @+1 {{'axt.conv2d' op window (kernel [9, 9], dilations [1, 1]) does not fit the input (8x8) with padding [0, 0]}}
  %y = axt.conv2d %x, %w : tensor<2x4x8x8xf32>, tensor<6x4x9x9xf32> -> tensor<2x6x1x1xf32>
  return %y : tensor<2x6x1x1xf32>
}

// -----

// A 3x3 kernel dilated by 4 spans 9 columns; the 8 of the input are too few.
func.func @conv2d_dilated_window_too_large(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x1xf32> {
  // expected-error @+1 {{'axt.conv2d' op window (kernel [3, 3], dilations [1, 4]) does not fit the input (8x8) with padding [0, 0]}}
  %y = axt.conv2d %x, %w {dilations = array<i64: 1, 4>} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x1xf32>
  return %y : tensor<2x6x6x1xf32>
}

// -----

func.func @conv2d_result_height(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x7x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op result height (7) does not match the size the window gives (6)}}
  %y = axt.conv2d %x, %w : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x7x6xf32>
  return %y : tensor<2x6x7x6xf32>
}

// -----

// Stride 2 along the width: (8 − 2 − 1) / 2 + 1 = 3 columns.
func.func @conv2d_result_width(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op result width (6) does not match the size the window gives (3)}}
  %y = axt.conv2d %x, %w {strides = array<i64: 1, 2>} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_bias_rank_2(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %b: tensor<1x6xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op bias must have rank 1 (got 2)}}
  %y = axt.conv2d %x, %w, %b : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x6xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_bias_size(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %b: tensor<5xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op bias size (5) does not match filter count (6)}}
  %y = axt.conv2d %x, %w, %b : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<5xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

// ODS: window attributes are (height, width) pairs.
func.func @conv2d_strides_one_element(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op attribute 'strides' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %y = axt.conv2d %x, %w {strides = array<i64: 1>} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_padding_three_elements(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op attribute 'padding' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %y = axt.conv2d %x, %w {padding = array<i64: 0, 0, 0>} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_groups_i32(%x: tensor<2x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op attribute 'groups' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = axt.conv2d %x, %w {groups = 1 : i32} : tensor<2x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

func.func @conv2d_f64_input(%x: tensor<2x4x8x8xf64>, %w: tensor<6x4x3x3xf32>) -> tensor<2x6x6x6xf32> {
  // expected-error @+1 {{'axt.conv2d' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<2x4x8x8xf64>'}}
  %y = axt.conv2d %x, %w : tensor<2x4x8x8xf64>, tensor<6x4x3x3xf32> -> tensor<2x6x6x6xf32>
  return %y : tensor<2x6x6x6xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.conv2d_backward_input: the result plays the convolution's input, the
// gradient its result.
//===----------------------------------------------------------------------===//

func.func @conv2d_backward_input_result_rank_3(%dy: tensor<2x6x6x6xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<4x8x8xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op result must have rank 4 (got 3)}}
  %dx = axt.conv2d_backward_input %dy, %w : tensor<2x6x6x6xf32>, tensor<6x4x3x3xf32> -> tensor<4x8x8xf32>
  return %dx : tensor<4x8x8xf32>
}

// -----

func.func @conv2d_backward_input_filter_rank_3(%dy: tensor<2x6x6x6xf32>, %w: tensor<6x4x9xf32>) -> tensor<2x4x8x8xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op filter must have rank 4 (got 3)}}
  %dx = axt.conv2d_backward_input %dy, %w : tensor<2x6x6x6xf32>, tensor<6x4x9xf32> -> tensor<2x4x8x8xf32>
  return %dx : tensor<2x4x8x8xf32>
}

// -----

func.func @conv2d_backward_input_gradient_rank_2(%dy: tensor<2x216xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x4x8x8xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op gradient must have rank 4 (got 2)}}
  %dx = axt.conv2d_backward_input %dy, %w : tensor<2x216xf32>, tensor<6x4x3x3xf32> -> tensor<2x4x8x8xf32>
  return %dx : tensor<2x4x8x8xf32>
}

// -----

func.func @conv2d_backward_input_zero_stride(%dy: tensor<2x6x6x6xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x4x8x8xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op strides must be positive (got [0, 0])}}
  %dx = axt.conv2d_backward_input %dy, %w {strides = array<i64: 0, 0>} : tensor<2x6x6x6xf32>, tensor<6x4x3x3xf32> -> tensor<2x4x8x8xf32>
  return %dx : tensor<2x4x8x8xf32>
}

// -----

func.func @conv2d_backward_input_channels_not_divisible(%dy: tensor<2x6x6x6xf32>, %w: tensor<6x1x3x3xf32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op result channels (3) are not divisible by groups (2)}}
  %dx = axt.conv2d_backward_input %dy, %w {groups = 2 : i64} : tensor<2x6x6x6xf32>, tensor<6x1x3x3xf32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

func.func @conv2d_backward_input_filter_channels(%dy: tensor<2x6x6x6xf32>, %w: tensor<6x3x3x3xf32>) -> tensor<2x4x8x8xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op filter channel dimension (3) does not match input channels per group (4)}}
  %dx = axt.conv2d_backward_input %dy, %w : tensor<2x6x6x6xf32>, tensor<6x3x3x3xf32> -> tensor<2x4x8x8xf32>
  return %dx : tensor<2x4x8x8xf32>
}

// -----

func.func @conv2d_backward_input_gradient_batch(%dy: tensor<3x6x6x6xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x4x8x8xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op gradient batch dimension (3) does not match result batch dimension (2)}}
  %dx = axt.conv2d_backward_input %dy, %w : tensor<3x6x6x6xf32>, tensor<6x4x3x3xf32> -> tensor<2x4x8x8xf32>
  return %dx : tensor<2x4x8x8xf32>
}

// -----

func.func @conv2d_backward_input_gradient_channels(%dy: tensor<?x5x6x6xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<?x4x8x8xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op gradient channel dimension (5) does not match filter count (6)}}
  %dx = axt.conv2d_backward_input %dy, %w : tensor<?x5x6x6xf32>, tensor<6x4x3x3xf32> -> tensor<?x4x8x8xf32>
  return %dx : tensor<?x4x8x8xf32>
}

// -----

func.func @conv2d_backward_input_window_too_large(%dy: tensor<2x6x1x1xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x4x2x2xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op window (kernel [3, 3], dilations [1, 1]) does not fit the result (2x2) with padding [0, 0]}}
  %dx = axt.conv2d_backward_input %dy, %w : tensor<2x6x1x1xf32>, tensor<6x4x3x3xf32> -> tensor<2x4x2x2xf32>
  return %dx : tensor<2x4x2x2xf32>
}

// -----

// The result size the attributes do not fix must still be consistent:
// padding 1 keeps 8x8, so the gradient must be 8x8 too.
func.func @conv2d_backward_input_gradient_height(%dy: tensor<2x6x6x8xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<2x4x8x8xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_input' op gradient height (6) does not match the size the window gives (8)}}
  %dx = axt.conv2d_backward_input %dy, %w {padding = array<i64: 1, 1>} : tensor<2x6x6x8xf32>, tensor<6x4x3x3xf32> -> tensor<2x4x8x8xf32>
  return %dx : tensor<2x4x8x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.conv2d_backward_filter: the result plays the convolution's filter, the
// gradient its result.
//===----------------------------------------------------------------------===//

func.func @conv2d_backward_filter_input_rank_2(%dy: tensor<2x6x6x6xf32>, %x: tensor<2x256xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op input must have rank 4 (got 2)}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<2x6x6x6xf32>, tensor<2x256xf32> -> tensor<6x4x3x3xf32>
  return %dw : tensor<6x4x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_result_rank_1(%dy: tensor<2x6x6x6xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<216xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op result must have rank 4 (got 1)}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<2x6x6x6xf32>, tensor<2x4x8x8xf32> -> tensor<216xf32>
  return %dw : tensor<216xf32>
}

// -----

func.func @conv2d_backward_filter_gradient_rank_5(%dy: tensor<2x6x6x6x1xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op gradient must have rank 4 (got 5)}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<2x6x6x6x1xf32>, tensor<2x4x8x8xf32> -> tensor<6x4x3x3xf32>
  return %dw : tensor<6x4x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_negative_padding(%dy: tensor<2x6x6x6xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op padding must be non-negative (got [0, -2])}}
  %dw = axt.conv2d_backward_filter %dy, %x {padding = array<i64: 0, -2>} : tensor<2x6x6x6xf32>, tensor<2x4x8x8xf32> -> tensor<6x4x3x3xf32>
  return %dw : tensor<6x4x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_zero_dilation(%dy: tensor<2x6x6x6xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op dilations must be positive (got [1, 0])}}
  %dw = axt.conv2d_backward_filter %dy, %x {dilations = array<i64: 1, 0>} : tensor<2x6x6x6xf32>, tensor<2x4x8x8xf32> -> tensor<6x4x3x3xf32>
  return %dw : tensor<6x4x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_zero_groups(%dy: tensor<2x6x6x6xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op groups must be positive (got 0)}}
  %dw = axt.conv2d_backward_filter %dy, %x {groups = 0 : i64} : tensor<2x6x6x6xf32>, tensor<2x4x8x8xf32> -> tensor<6x4x3x3xf32>
  return %dw : tensor<6x4x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_filters_not_divisible(%dy: tensor<2x5x6x6xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<5x2x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op filter count (5) is not divisible by groups (2)}}
  %dw = axt.conv2d_backward_filter %dy, %x {groups = 2 : i64} : tensor<2x5x6x6xf32>, tensor<2x4x8x8xf32> -> tensor<5x2x3x3xf32>
  return %dw : tensor<5x2x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_result_channels(%dy: tensor<2x6x6x6xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<6x3x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op result channel dimension (3) does not match input channels per group (4)}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<2x6x6x6xf32>, tensor<2x4x8x8xf32> -> tensor<6x3x3x3xf32>
  return %dw : tensor<6x3x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_gradient_batch(%dy: tensor<3x6x6x6xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op gradient batch dimension (3) does not match input batch dimension (2)}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<3x6x6x6xf32>, tensor<2x4x8x8xf32> -> tensor<6x4x3x3xf32>
  return %dw : tensor<6x4x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_gradient_channels(%dy: tensor<2x5x6x6xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op gradient channel dimension (5) does not match filter count (6)}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<2x5x6x6xf32>, tensor<2x4x8x8xf32> -> tensor<6x4x3x3xf32>
  return %dw : tensor<6x4x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_window_too_large(%dy: tensor<2x6x1x1xf32>, %x: tensor<2x4x2x8xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op window (kernel [3, 3], dilations [1, 1]) does not fit the input (2x8) with padding [0, 0]}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<2x6x1x1xf32>, tensor<2x4x2x8xf32> -> tensor<6x4x3x3xf32>
  return %dw : tensor<6x4x3x3xf32>
}

// -----

func.func @conv2d_backward_filter_gradient_width(%dy: tensor<2x6x6x5xf32>, %x: tensor<2x4x8x8xf32>) -> tensor<6x4x3x3xf32> {
  // expected-error @+1 {{'axt.conv2d_backward_filter' op gradient width (5) does not match the size the window gives (6)}}
  %dw = axt.conv2d_backward_filter %dy, %x : tensor<2x6x6x5xf32>, tensor<2x4x8x8xf32> -> tensor<6x4x3x3xf32>
  return %dw : tensor<6x4x3x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.channel_sum
//===----------------------------------------------------------------------===//

func.func @channel_sum_input_rank_1(%x: tensor<6xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{'axt.channel_sum' op input must have rank 2 or more (got 1)}}
  %s = axt.channel_sum %x : tensor<6xf32> -> tensor<6xf32>
  return %s : tensor<6xf32>
}

// -----

func.func @channel_sum_result_rank_2(%x: tensor<2x6x4x4xf32>) -> tensor<1x6xf32> {
  // expected-error @+1 {{'axt.channel_sum' op result must have rank 1 (got 2)}}
  %s = axt.channel_sum %x : tensor<2x6x4x4xf32> -> tensor<1x6xf32>
  return %s : tensor<1x6xf32>
}

// -----

func.func @channel_sum_result_size(%x: tensor<?x6x4x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'axt.channel_sum' op result size (4) does not match input channel dimension (6)}}
  %s = axt.channel_sum %x : tensor<?x6x4x4xf32> -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.max_pool2d (a valid one: 2x3x8x8, 2x2 kernel, stride 2 -> 2x3x4x4)
//===----------------------------------------------------------------------===//

func.func @max_pool2d_input_rank_3(%x: tensor<3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op input must have rank 4 (got 3)}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<3x8x8xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

func.func @max_pool2d_result_rank_3(%x: tensor<2x3x8x8xf32>) -> tensor<3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op result must have rank 4 (got 3)}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<3x4x4xf32>, tensor<3x4x4xi32>
  return %y : tensor<3x4x4xf32>
}

// -----

func.func @max_pool2d_zero_kernel(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op kernel must be positive (got [0, 2])}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 0, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

func.func @max_pool2d_negative_stride(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op strides must be positive (got [2, -2])}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, -2>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

func.func @max_pool2d_negative_padding(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op padding must be non-negative (got [-1, -1])}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: -1, -1>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

// A window that would see only padding: at most 3 / 2 = 1 row of padding.
func.func @max_pool2d_padding_over_half_kernel(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x6x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op padding [2, 0] must be at most half the kernel [3, 3]}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 2, 0>} : tensor<2x3x8x8xf32> -> tensor<2x3x6x4xf32>, tensor<2x3x6x4xi32>
  return %y : tensor<2x3x6x4xf32>
}

// -----

func.func @max_pool2d_result_batch(%x: tensor<2x3x8x8xf32>) -> tensor<4x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op result batch dimension (4) does not match input batch dimension (2)}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<4x3x4x4xf32>, tensor<4x3x4x4xi32>
  return %y : tensor<4x3x4x4xf32>
}

// -----

func.func @max_pool2d_result_channels(%x: tensor<?x3x8x8xf32>) -> tensor<?x6x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op result channel dimension (6) does not match input channel dimension (3)}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x8x8xf32> -> tensor<?x6x4x4xf32>, tensor<?x6x4x4xi32>
  return %y : tensor<?x6x4x4xf32>
}

// -----

func.func @max_pool2d_window_too_large(%x: tensor<2x3x1x8xf32>) -> tensor<2x3x1x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op window (kernel [2, 2]) does not fit the input (1x8) with padding [0, 0]}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x1x8xf32> -> tensor<2x3x1x4xf32>, tensor<2x3x1x4xi32>
  return %y : tensor<2x3x1x4xf32>
}

// -----

func.func @max_pool2d_result_height(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x5x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op result height (5) does not match the size the window gives (4)}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<2x3x5x4xf32>, tensor<2x3x5x4xi32>
  return %y : tensor<2x3x5x4xf32>
}

// -----

// Padding 1 on a 3-wide window with stride 2: (8 + 2 − 3) / 2 + 1 = 4.
func.func @max_pool2d_result_width(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x3xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op result width (3) does not match the size the window gives (4)}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x3xf32>, tensor<2x3x4x3xi32>
  return %y : tensor<2x3x4x3xf32>
}

// -----

func.func @max_pool2d_indices_shape(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op indices shape ('tensor<2x3x4x4xi32>') must match the result shape ('tensor<?x3x4x4xf32>')}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x8x8xf32> -> tensor<?x3x4x4xf32>, tensor<2x3x4x4xi32>
  return %y : tensor<?x3x4x4xf32>
}

// -----

// ODS: the positions are i32.
func.func @max_pool2d_i64_indices(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op result #1 must be ranked tensor of 32-bit signless integer values, but got 'tensor<2x3x4x4xi64>'}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi64>
  return %y : tensor<2x3x4x4xf32>
}

// -----

// ODS: kernel and strides have no default.
func.func @max_pool2d_no_kernel(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op requires attribute 'kernel'}}
  %y, %i = axt.max_pool2d %x {strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

func.func @max_pool2d_no_strides(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op requires attribute 'strides'}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

func.func @max_pool2d_kernel_three_elements(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.max_pool2d' op attribute 'kernel' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.max_pool2d_backward: the result plays the pooling's input, the
// gradient its result.
//===----------------------------------------------------------------------===//

func.func @max_pool2d_backward_result_rank_2(%dy: tensor<2x3x4x4xf32>, %i: tensor<2x3x4x4xi32>) -> tensor<6x64xf32> {
  // expected-error @+1 {{'axt.max_pool2d_backward' op result must have rank 4 (got 2)}}
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32> -> tensor<6x64xf32>
  return %dx : tensor<6x64xf32>
}

// -----

func.func @max_pool2d_backward_gradient_rank_3(%dy: tensor<3x4x4xf32>, %i: tensor<3x4x4xi32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.max_pool2d_backward' op gradient must have rank 4 (got 3)}}
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<3x4x4xf32>, tensor<3x4x4xi32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

func.func @max_pool2d_backward_padding_over_half_kernel(%dy: tensor<2x3x5x5xf32>, %i: tensor<2x3x5x5xi32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.max_pool2d_backward' op padding [1, 1] must be at most half the kernel [2, 1]}}
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 1>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x5x5xf32>, tensor<2x3x5x5xi32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

func.func @max_pool2d_backward_gradient_channels(%dy: tensor<2x4x4x4xf32>, %i: tensor<2x4x4x4xi32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.max_pool2d_backward' op gradient channel dimension (4) does not match result channel dimension (3)}}
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x4x4x4xf32>, tensor<2x4x4x4xi32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

func.func @max_pool2d_backward_gradient_height(%dy: tensor<?x3x3x4xf32>, %i: tensor<?x3x3x4xi32>) -> tensor<?x3x8x8xf32> {
  // expected-error @+1 {{'axt.max_pool2d_backward' op gradient height (3) does not match the size the window gives (4)}}
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x3x4xf32>, tensor<?x3x3x4xi32> -> tensor<?x3x8x8xf32>
  return %dx : tensor<?x3x8x8xf32>
}

// -----

func.func @max_pool2d_backward_indices_shape(%dy: tensor<2x3x4x4xf32>, %i: tensor<2x3x2x2xi32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.max_pool2d_backward' op indices shape ('tensor<2x3x2x2xi32>') must match the gradient shape ('tensor<2x3x4x4xf32>')}}
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x4x4xf32>, tensor<2x3x2x2xi32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

func.func @max_pool2d_backward_f32_indices(%dy: tensor<2x3x4x4xf32>, %i: tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.max_pool2d_backward' op operand #1 must be ranked tensor of 32-bit signless integer values, but got 'tensor<2x3x4x4xf32>'}}
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x4x4xf32>, tensor<2x3x4x4xf32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.avg_pool2d and axt.avg_pool2d_backward
//===----------------------------------------------------------------------===//

func.func @avg_pool2d_input_rank_5(%x: tensor<2x3x8x8x1xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.avg_pool2d' op input must have rank 4 (got 5)}}
  %y = axt.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x8x1xf32> -> tensor<2x3x4x4xf32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

func.func @avg_pool2d_result_rank_2(%x: tensor<2x3x8x8xf32>) -> tensor<2x48xf32> {
  // expected-error @+1 {{'axt.avg_pool2d' op result must have rank 4 (got 2)}}
  %y = axt.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<2x48xf32>
  return %y : tensor<2x48xf32>
}

// -----

func.func @avg_pool2d_zero_kernel(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.avg_pool2d' op kernel must be positive (got [2, 0])}}
  %y = axt.avg_pool2d %x {kernel = array<i64: 2, 0>, strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

func.func @avg_pool2d_zero_stride(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.avg_pool2d' op strides must be positive (got [0, 2])}}
  %y = axt.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 0, 2>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

func.func @avg_pool2d_negative_padding(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.avg_pool2d' op padding must be non-negative (got [0, -1])}}
  %y = axt.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 0, -1>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x4xf32>
  return %y : tensor<2x3x4x4xf32>
}

// -----

// A 1-wide kernel allows no padding at all.
func.func @avg_pool2d_padding_over_half_kernel(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x5xf32> {
  // expected-error @+1 {{'axt.avg_pool2d' op padding [0, 1] must be at most half the kernel [2, 1]}}
  %y = axt.avg_pool2d %x {kernel = array<i64: 2, 1>, strides = array<i64: 2, 2>, padding = array<i64: 0, 1>} : tensor<2x3x8x8xf32> -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// -----

func.func @avg_pool2d_result_batch(%x: tensor<2x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{'axt.avg_pool2d' op result batch dimension (1) does not match input batch dimension (2)}}
  %y = axt.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

func.func @avg_pool2d_window_too_large(%x: tensor<2x3x8x2xf32>) -> tensor<2x3x3x1xf32> {
  // expected-error @+1 {{'axt.avg_pool2d' op window (kernel [3, 3]) does not fit the input (8x2) with padding [1, 0]}}
  %y = axt.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 3, 3>, padding = array<i64: 1, 0>} : tensor<2x3x8x2xf32> -> tensor<2x3x3x1xf32>
  return %y : tensor<2x3x3x1xf32>
}

// -----

func.func @avg_pool2d_result_width(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x4x7xf32> {
  // expected-error @+1 {{'axt.avg_pool2d' op result width (7) does not match the size the window gives (4)}}
  %y = axt.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x8x8xf32> -> tensor<?x3x4x7xf32>
  return %y : tensor<?x3x4x7xf32>
}

// -----

func.func @avg_pool2d_backward_result_rank_3(%dy: tensor<2x3x4x4xf32>) -> tensor<3x8x8xf32> {
  // expected-error @+1 {{'axt.avg_pool2d_backward' op result must have rank 4 (got 3)}}
  %dx = axt.avg_pool2d_backward %dy {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x4x4xf32> -> tensor<3x8x8xf32>
  return %dx : tensor<3x8x8xf32>
}

// -----

func.func @avg_pool2d_backward_gradient_rank_1(%dy: tensor<96xf32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.avg_pool2d_backward' op gradient must have rank 4 (got 1)}}
  %dx = axt.avg_pool2d_backward %dy {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<96xf32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

func.func @avg_pool2d_backward_gradient_batch(%dy: tensor<3x3x4x4xf32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.avg_pool2d_backward' op gradient batch dimension (3) does not match result batch dimension (2)}}
  %dx = axt.avg_pool2d_backward %dy {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<3x3x4x4xf32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

func.func @avg_pool2d_backward_window_too_large(%dy: tensor<2x3x1x1xf32>) -> tensor<2x3x1x1xf32> {
  // expected-error @+1 {{'axt.avg_pool2d_backward' op window (kernel [2, 2]) does not fit the result (1x1) with padding [0, 0]}}
  %dx = axt.avg_pool2d_backward %dy {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x1x1xf32> -> tensor<2x3x1x1xf32>
  return %dx : tensor<2x3x1x1xf32>
}

// -----

func.func @avg_pool2d_backward_gradient_width(%dy: tensor<2x3x4x2xf32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.avg_pool2d_backward' op gradient width (2) does not match the size the window gives (4)}}
  %dx = axt.avg_pool2d_backward %dy {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x3x4x2xf32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

func.func @avg_pool2d_backward_no_strides(%dy: tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{'axt.avg_pool2d_backward' op requires attribute 'strides'}}
  %dx = axt.avg_pool2d_backward %dy {kernel = array<i64: 2, 2>} : tensor<2x3x4x4xf32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.global_avg_pool2d and axt.global_avg_pool2d_backward
//===----------------------------------------------------------------------===//

func.func @global_avg_pool2d_input_rank_3(%x: tensor<2x64x49xf32>) -> tensor<2x64xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d' op input must have rank 4 (got 3)}}
  %y = axt.global_avg_pool2d %x : tensor<2x64x49xf32> -> tensor<2x64xf32>
  return %y : tensor<2x64xf32>
}

// -----

func.func @global_avg_pool2d_result_rank_4(%x: tensor<2x64x7x7xf32>) -> tensor<2x64x1x1xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d' op result must have rank 2 (got 4)}}
  %y = axt.global_avg_pool2d %x : tensor<2x64x7x7xf32> -> tensor<2x64x1x1xf32>
  return %y : tensor<2x64x1x1xf32>
}

// -----

func.func @global_avg_pool2d_result_batch(%x: tensor<2x64x7x7xf32>) -> tensor<4x64xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d' op result batch dimension (4) does not match input batch dimension (2)}}
  %y = axt.global_avg_pool2d %x : tensor<2x64x7x7xf32> -> tensor<4x64xf32>
  return %y : tensor<4x64xf32>
}

// -----

func.func @global_avg_pool2d_result_channels(%x: tensor<?x64x7x7xf32>) -> tensor<?x32xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d' op result channel dimension (32) does not match input channel dimension (64)}}
  %y = axt.global_avg_pool2d %x : tensor<?x64x7x7xf32> -> tensor<?x32xf32>
  return %y : tensor<?x32xf32>
}

// -----

func.func @global_avg_pool2d_backward_gradient_rank_4(%dy: tensor<2x64x1x1xf32>) -> tensor<2x64x7x7xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d_backward' op gradient must have rank 2 (got 4)}}
  %dx = axt.global_avg_pool2d_backward %dy : tensor<2x64x1x1xf32> -> tensor<2x64x7x7xf32>
  return %dx : tensor<2x64x7x7xf32>
}

// -----

func.func @global_avg_pool2d_backward_result_rank_3(%dy: tensor<2x64xf32>) -> tensor<2x64x49xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d_backward' op result must have rank 4 (got 3)}}
  %dx = axt.global_avg_pool2d_backward %dy : tensor<2x64xf32> -> tensor<2x64x49xf32>
  return %dx : tensor<2x64x49xf32>
}

// -----

// The spatial size comes from the result type alone.
func.func @global_avg_pool2d_backward_dynamic_width(%dy: tensor<?x64xf32>) -> tensor<?x64x7x?xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d_backward' op result height and width must be static (got 'tensor<?x64x7x?xf32>')}}
  %dx = axt.global_avg_pool2d_backward %dy : tensor<?x64xf32> -> tensor<?x64x7x?xf32>
  return %dx : tensor<?x64x7x?xf32>
}

// -----

func.func @global_avg_pool2d_backward_dynamic_height(%dy: tensor<2x64xf32>) -> tensor<2x64x?x7xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d_backward' op result height and width must be static (got 'tensor<2x64x?x7xf32>')}}
  %dx = axt.global_avg_pool2d_backward %dy : tensor<2x64xf32> -> tensor<2x64x?x7xf32>
  return %dx : tensor<2x64x?x7xf32>
}

// -----

func.func @global_avg_pool2d_backward_result_batch(%dy: tensor<2x64xf32>) -> tensor<3x64x7x7xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d_backward' op result batch dimension (3) does not match gradient batch dimension (2)}}
  %dx = axt.global_avg_pool2d_backward %dy : tensor<2x64xf32> -> tensor<3x64x7x7xf32>
  return %dx : tensor<3x64x7x7xf32>
}

// -----

func.func @global_avg_pool2d_backward_result_channels(%dy: tensor<?x64xf32>) -> tensor<?x16x7x7xf32> {
  // expected-error @+1 {{'axt.global_avg_pool2d_backward' op result channel dimension (16) does not match gradient channel dimension (64)}}
  %dx = axt.global_avg_pool2d_backward %dy : tensor<?x64xf32> -> tensor<?x16x7x7xf32>
  return %dx : tensor<?x16x7x7xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.batch_norm
//===----------------------------------------------------------------------===//

func.func @batch_norm_zero_epsilon(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op epsilon (0.000000e+00) must be finite and positive}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g {epsilon = 0.0 : f32} : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_negative_epsilon(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op epsilon (-1.000000e-03) must be finite and positive}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g {epsilon = -1.0e-3 : f32} : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_infinite_epsilon(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op epsilon (INF) must be finite and positive}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g {epsilon = 0x7F800000 : f32} : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_nan_epsilon(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op epsilon (nan) must be finite and positive}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g {epsilon = 0x7FC00000 : f32} : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_momentum_above_one(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op momentum (1.500000e+00) must be in [0, 1]}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g {momentum = 1.5 : f32} : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_negative_momentum(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op momentum (-1.000000e-01) must be in [0, 1]}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g {momentum = -0.1 : f32} : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_nan_momentum(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op momentum (nan) must be in [0, 1]}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g {momentum = 0x7FC00000 : f32} : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_input_rank_1(%x: tensor<3xf32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op input must have rank 2 or more (got 1)}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g : tensor<3xf32>, tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

func.func @batch_norm_scale_rank_2(%x: tensor<2x3xf32>, %g: tensor<1x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op scale must have rank 1 (got 2)}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g : tensor<2x3xf32>, tensor<1x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_scale_size(%x: tensor<?x16x4x4xf32>, %g: tensor<8xf32>) -> tensor<?x16x4x4xf32> {
  // expected-error @+1 {{'axt.batch_norm' op scale size (8) does not match input channel dimension (16)}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g : tensor<?x16x4x4xf32>, tensor<8xf32>
  return %y : tensor<?x16x4x4xf32>
}

// -----

// ODS: the per-channel operands and results share one type (the custom
// form cannot even spell a mismatch).
func.func @batch_norm_shift_type(%x: tensor<2x3xf32>, %g: tensor<3xf32>, %h: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op failed to verify that all of {scale, shift, running_mean, running_var, new_running_mean, new_running_var} have same type}}
  %y, %m, %v = "axt.batch_norm"(%x, %g, %h, %g, %g) : (tensor<2x3xf32>, tensor<3xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_result_type(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op failed to verify that all of {input, result} have same type}}
  %y, %m, %v = "axt.batch_norm"(%x, %g, %g, %g, %g) : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %y : tensor<?x3xf32>
}

// -----

func.func @batch_norm_f64_epsilon(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op attribute 'epsilon' failed to satisfy constraint: 32-bit float attribute}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g {epsilon = 1.0e-5 : f64} : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @batch_norm_training_not_bool(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm' op attribute 'training' failed to satisfy constraint: bool attribute}}
  %y, %m, %v = axt.batch_norm %x, %g, %g, %g, %g {training = 1 : i64} : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.batch_norm_backward
//===----------------------------------------------------------------------===//

func.func @batch_norm_backward_zero_epsilon(%dy: tensor<2x3xf32>, %x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm_backward' op epsilon (0.000000e+00) must be finite and positive}}
  %dx, %dg, %db = axt.batch_norm_backward %dy, %x, %g {epsilon = 0.0 : f32} : tensor<2x3xf32>, tensor<3xf32>
  return %dx : tensor<2x3xf32>
}

// -----

func.func @batch_norm_backward_infinite_epsilon(%dy: tensor<2x3xf32>, %x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm_backward' op epsilon (INF) must be finite and positive}}
  %dx, %dg, %db = axt.batch_norm_backward %dy, %x, %g {epsilon = 0x7F800000 : f32} : tensor<2x3xf32>, tensor<3xf32>
  return %dx : tensor<2x3xf32>
}

// -----

func.func @batch_norm_backward_input_rank_1(%dy: tensor<3xf32>, %x: tensor<3xf32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'axt.batch_norm_backward' op input must have rank 2 or more (got 1)}}
  %dx, %dg, %db = axt.batch_norm_backward %dy, %x, %g : tensor<3xf32>, tensor<3xf32>
  return %dx : tensor<3xf32>
}

// -----

func.func @batch_norm_backward_scale_rank_0(%dy: tensor<2x3xf32>, %x: tensor<2x3xf32>, %g: tensor<f32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm_backward' op scale must have rank 1 (got 0)}}
  %dx, %dg, %db = axt.batch_norm_backward %dy, %x, %g : tensor<2x3xf32>, tensor<f32>
  return %dx : tensor<2x3xf32>
}

// -----

func.func @batch_norm_backward_scale_size(%dy: tensor<2x3x4x4xf32>, %x: tensor<2x3x4x4xf32>, %g: tensor<4xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+1 {{'axt.batch_norm_backward' op scale size (4) does not match input channel dimension (3)}}
  %dx, %dg, %db = axt.batch_norm_backward %dy, %x, %g : tensor<2x3x4x4xf32>, tensor<4xf32>
  return %dx : tensor<2x3x4x4xf32>
}

// -----

func.func @batch_norm_backward_input_type(%dy: tensor<2x3xf32>, %x: tensor<4x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm_backward' op failed to verify that all of {grad, input, grad_input} have same type}}
  %dx, %dg, %db = "axt.batch_norm_backward"(%dy, %x, %g) : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<2x3xf32>
}

// -----

func.func @batch_norm_backward_grad_shift_type(%dy: tensor<2x3xf32>, %x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'axt.batch_norm_backward' op failed to verify that all of {scale, grad_scale, grad_shift} have same type}}
  %dx, %dg, %db = "axt.batch_norm_backward"(%dy, %x, %g) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<4xf32>)
  return %dx : tensor<2x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.reshape
//===----------------------------------------------------------------------===//

func.func @reshape_static_to_batched(%x: tensor<2x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'axt.reshape' op shapes must both be static or both have only a dynamic leading dimension (got 'tensor<2x3xf32>' and 'tensor<?x3xf32>')}}
  %y = axt.reshape %x : tensor<2x3xf32> -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

func.func @reshape_batched_to_static(%x: tensor<?x16x5x5xf32>) -> tensor<4x400xf32> {
  // expected-error @+1 {{'axt.reshape' op shapes must both be static or both have only a dynamic leading dimension (got 'tensor<?x16x5x5xf32>' and 'tensor<4x400xf32>')}}
  %y = axt.reshape %x : tensor<?x16x5x5xf32> -> tensor<4x400xf32>
  return %y : tensor<4x400xf32>
}

// -----

func.func @reshape_dynamic_inner_dimension(%x: tensor<?x?x5xf32>) -> tensor<?x5xf32> {
  // expected-error @+1 {{'axt.reshape' op shapes must both be static or both have only a dynamic leading dimension (got 'tensor<?x?x5xf32>' and 'tensor<?x5xf32>')}}
  %y = axt.reshape %x : tensor<?x?x5xf32> -> tensor<?x5xf32>
  return %y : tensor<?x5xf32>
}

// -----

func.func @reshape_dynamic_result_inner_dimension(%x: tensor<?x16x5x5xf32>) -> tensor<?x16x?xf32> {
  // expected-error @+1 {{'axt.reshape' op shapes must both be static or both have only a dynamic leading dimension (got 'tensor<?x16x5x5xf32>' and 'tensor<?x16x?xf32>')}}
  %y = axt.reshape %x : tensor<?x16x5x5xf32> -> tensor<?x16x?xf32>
  return %y : tensor<?x16x?xf32>
}

// -----

func.func @reshape_static_counts(%x: tensor<2x3x4xf32>) -> tensor<5x5xf32> {
  // expected-error @+1 {{'axt.reshape' op element counts differ ('tensor<2x3x4xf32>' has 24, 'tensor<5x5xf32>' has 25)}}
  %y = axt.reshape %x : tensor<2x3x4xf32> -> tensor<5x5xf32>
  return %y : tensor<5x5xf32>
}

// -----

func.func @reshape_batched_counts(%x: tensor<?x16x5x5xf32>) -> tensor<?x399xf32> {
  // expected-error @+1 {{'axt.reshape' op element counts differ ('tensor<?x16x5x5xf32>' has 400 per batch entry, 'tensor<?x399xf32>' has 399)}}
  %y = axt.reshape %x : tensor<?x16x5x5xf32> -> tensor<?x399xf32>
  return %y : tensor<?x399xf32>
}

// -----

// The batch dimension stays the batch: it cannot be folded into another.
func.func @reshape_batched_to_rank_1(%x: tensor<?x16x5x5xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'axt.reshape' op element counts differ ('tensor<?x16x5x5xf32>' has 400 per batch entry, 'tensor<?xf32>' has 1)}}
  %y = axt.reshape %x : tensor<?x16x5x5xf32> -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

func.func @reshape_rank0(%x: tensor<f32>) -> tensor<1xf32> {
  // expected-error @+1 {{'axt.reshape' op shapes must have rank 1 or more (got 'tensor<f32>' and 'tensor<1xf32>')}}
  %y = axt.reshape %x : tensor<f32> -> tensor<1xf32>
  return %y : tensor<1xf32>
}
