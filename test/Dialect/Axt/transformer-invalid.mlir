// RUN: axt-opt %s --split-input-file --verify-diagnostics

// One case per diagnostic of the verifiers of the Transformer ops
// (AxtTransformerOps.cpp), repeated for the backward op where it shares the
// verifier, and of their ODS constraints and traits. Each case has exactly
// one thing wrong.

//===----------------------------------------------------------------------===//
// axt.matmul (a valid one: [4, 8] · [8, 5] -> [4, 5])
//===----------------------------------------------------------------------===//

func.func @matmul_rank_1(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.matmul' op operands must have rank 2 or 3 (got 1)}}
  %c = axt.matmul %a, %b : tensor<8xf32>, tensor<8xf32> -> tensor<f32>
  return %c : tensor<f32>
}

// -----

func.func @matmul_rank_4(%a: tensor<2x2x4x8xf32>, %b: tensor<2x2x8x5xf32>) -> tensor<2x2x4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op operands must have rank 2 or 3 (got 4)}}
  %c = axt.matmul %a, %b : tensor<2x2x4x8xf32>, tensor<2x2x8x5xf32> -> tensor<2x2x4x5xf32>
  return %c : tensor<2x2x4x5xf32>
}

// -----

// The lhs decides the rank; the rhs must follow.
func.func @matmul_rhs_rank_3(%a: tensor<4x8xf32>, %b: tensor<2x8x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op rhs must have rank 2 (got 3)}}
  %c = axt.matmul %a, %b : tensor<4x8xf32>, tensor<2x8x5xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

func.func @matmul_rhs_rank_2(%a: tensor<2x4x8xf32>, %b: tensor<8x5xf32>) -> tensor<2x4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op rhs must have rank 3 (got 2)}}
  %c = axt.matmul %a, %b : tensor<2x4x8xf32>, tensor<8x5xf32> -> tensor<2x4x5xf32>
  return %c : tensor<2x4x5xf32>
}

// -----

func.func @matmul_result_rank_3(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<1x4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op result must have rank 2 (got 3)}}
  %c = axt.matmul %a, %b : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<1x4x5xf32>
  return %c : tensor<1x4x5xf32>
}

// -----

func.func @matmul_result_rank_2(%a: tensor<2x4x8xf32>, %b: tensor<2x8x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op result must have rank 3 (got 2)}}
  %c = axt.matmul %a, %b : tensor<2x4x8xf32>, tensor<2x8x5xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

func.func @matmul_rhs_batch(%a: tensor<2x4x8xf32>, %b: tensor<3x8x5xf32>) -> tensor<2x4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op rhs batch dimension (3) does not match lhs batch dimension (2)}}
  %c = axt.matmul %a, %b : tensor<2x4x8xf32>, tensor<3x8x5xf32> -> tensor<2x4x5xf32>
  return %c : tensor<2x4x5xf32>
}

// -----

func.func @matmul_result_batch(%a: tensor<2x4x8xf32>, %b: tensor<?x8x5xf32>) -> tensor<3x4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op result batch dimension (3) does not match lhs batch dimension (2)}}
  %c = axt.matmul %a, %b : tensor<2x4x8xf32>, tensor<?x8x5xf32> -> tensor<3x4x5xf32>
  return %c : tensor<3x4x5xf32>
}

// -----

// The batch dimensions are checked before the matrix dimensions.
func.func @matmul_batch_before_contraction(%a: tensor<2x4x8xf32>, %b: tensor<3x9x5xf32>) -> tensor<2x4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op rhs batch dimension (3) does not match lhs batch dimension (2)}}
  %c = axt.matmul %a, %b : tensor<2x4x8xf32>, tensor<3x9x5xf32> -> tensor<2x4x5xf32>
  return %c : tensor<2x4x5xf32>
}

// -----

// The contraction dimension of op(lhs) is its column count, of op(rhs) its
// row count, for each of the four transpose combinations.
func.func @matmul_contraction(%a: tensor<4x8xf32>, %b: tensor<9x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op rhs contraction dimension (9) does not match lhs contraction dimension (8)}}
  %c = axt.matmul %a, %b : tensor<4x8xf32>, tensor<9x5xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

// Without transpose_lhs, [4, 8] · [8, 5] would be valid; with it the lhs
// contributes its rows (4) to the contraction.
func.func @matmul_contraction_transpose_lhs(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<8x5xf32> {
  // expected-error @+1 {{'axt.matmul' op rhs contraction dimension (8) does not match lhs contraction dimension (4)}}
  %c = axt.matmul %a, %b {transpose_lhs = true} : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<8x5xf32>
  return %c : tensor<8x5xf32>
}

// -----

// [4, 8] · [5, 8]ᵀ is valid; [4, 8] · [8, 5]ᵀ contracts 8 with 5.
func.func @matmul_contraction_transpose_rhs(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.matmul' op rhs contraction dimension (5) does not match lhs contraction dimension (8)}}
  %c = axt.matmul %a, %b {transpose_rhs = true} : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<4x8xf32>
  return %c : tensor<4x8xf32>
}

// -----

func.func @matmul_contraction_transpose_both(%a: tensor<2x8x4xf32>, %b: tensor<2x5x7xf32>) -> tensor<2x4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op rhs contraction dimension (7) does not match lhs contraction dimension (8)}}
  %c = axt.matmul %a, %b {transpose_lhs = true, transpose_rhs = true} : tensor<2x8x4xf32>, tensor<2x5x7xf32> -> tensor<2x4x5xf32>
  return %c : tensor<2x4x5xf32>
}

// -----

func.func @matmul_result_rows(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{'axt.matmul' op result rows (3) does not match lhs rows (4)}}
  %c = axt.matmul %a, %b : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<3x5xf32>
  return %c : tensor<3x5xf32>
}

// -----

// With transpose_lhs the rows of op(lhs) are the lhs's columns.
func.func @matmul_result_rows_transpose_lhs(%a: tensor<2x8x4xf32>, %b: tensor<2x8x5xf32>) -> tensor<2x8x5xf32> {
  // expected-error @+1 {{'axt.matmul' op result rows (8) does not match lhs rows (4)}}
  %c = axt.matmul %a, %b {transpose_lhs = true} : tensor<2x8x4xf32>, tensor<2x8x5xf32> -> tensor<2x8x5xf32>
  return %c : tensor<2x8x5xf32>
}

// -----

func.func @matmul_result_columns(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x6xf32> {
  // expected-error @+1 {{'axt.matmul' op result columns (6) does not match rhs columns (5)}}
  %c = axt.matmul %a, %b : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<4x6xf32>
  return %c : tensor<4x6xf32>
}

// -----

// With transpose_rhs the columns of op(rhs) are the rhs's rows.
func.func @matmul_result_columns_transpose_rhs(%a: tensor<?x4x8xf32>, %b: tensor<?x5x8xf32>) -> tensor<?x4x8xf32> {
  // expected-error @+1 {{'axt.matmul' op result columns (8) does not match rhs columns (5)}}
  %c = axt.matmul %a, %b {transpose_rhs = true} : tensor<?x4x8xf32>, tensor<?x5x8xf32> -> tensor<?x4x8xf32>
  return %c : tensor<?x4x8xf32>
}

// -----

// ODS: operands and result are ranked f32 tensors; the flags are booleans.
func.func @matmul_i32_lhs(%a: tensor<4x8xi32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4x8xi32>'}}
  %c = axt.matmul %a, %b : tensor<4x8xi32>, tensor<8x5xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

func.func @matmul_f64_rhs(%a: tensor<4x8xf32>, %b: tensor<8x5xf64>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op operand #1 must be ranked tensor of 32-bit float values, but got 'tensor<8x5xf64>'}}
  %c = axt.matmul %a, %b : tensor<4x8xf32>, tensor<8x5xf64> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

func.func @matmul_f16_result(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf16> {
  // expected-error @+1 {{'axt.matmul' op result #0 must be ranked tensor of 32-bit float values, but got 'tensor<4x5xf16>'}}
  %c = axt.matmul %a, %b : tensor<4x8xf32>, tensor<8x5xf32> -> tensor<4x5xf16>
  return %c : tensor<4x5xf16>
}

// -----

func.func @matmul_unranked(%a: tensor<*xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<*xf32>'}}
  %c = "axt.matmul"(%a, %b) : (tensor<*xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

func.func @matmul_integer_flag(%a: tensor<8x4xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'axt.matmul' op attribute 'transpose_lhs' failed to satisfy constraint: bool attribute}}
  %c = axt.matmul %a, %b {transpose_lhs = 1 : i64} : tensor<8x4xf32>, tensor<8x5xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.softmax, axt.softmax_backward: ODS only
//===----------------------------------------------------------------------===//

// ODS: the result has the input's type (the custom form cannot even spell
// a mismatch), a dynamic dimension included.
func.func @softmax_result_type(%x: tensor<2x8xf32>) -> tensor<2x9xf32> {
  // expected-error @+1 {{'axt.softmax' op failed to verify that all of {input, result} have same type}}
  %y = "axt.softmax"(%x) : (tensor<2x8xf32>) -> tensor<2x9xf32>
  return %y : tensor<2x9xf32>
}

// -----

func.func @softmax_result_dynamic(%x: tensor<2x8xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'axt.softmax' op failed to verify that all of {input, result} have same type}}
  %y = "axt.softmax"(%x) : (tensor<2x8xf32>) -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

func.func @softmax_f64(%x: tensor<2x8xf64>) -> tensor<2x8xf64> {
  // expected-error @+1 {{'axt.softmax' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<2x8xf64>'}}
  %y = axt.softmax %x : tensor<2x8xf64>
  return %y : tensor<2x8xf64>
}

// -----

func.func @softmax_backward_output_type(%dy: tensor<2x8xf32>, %y: tensor<?x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.softmax_backward' op failed to verify that all of {grad, output, result} have same type}}
  %dx = "axt.softmax_backward"(%dy, %y) : (tensor<2x8xf32>, tensor<?x8xf32>) -> tensor<2x8xf32>
  return %dx : tensor<2x8xf32>
}

// -----

func.func @softmax_backward_result_type(%dy: tensor<2x8xf32>, %y: tensor<2x8xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'axt.softmax_backward' op failed to verify that all of {grad, output, result} have same type}}
  %dx = "axt.softmax_backward"(%dy, %y) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<8x2xf32>
  return %dx : tensor<8x2xf32>
}

// -----

func.func @softmax_backward_bf16(%dy: tensor<2x8xbf16>, %y: tensor<2x8xbf16>) -> tensor<2x8xbf16> {
  // expected-error @+1 {{'axt.softmax_backward' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<2x8xbf16>'}}
  %dx = axt.softmax_backward %dy, %y : tensor<2x8xbf16>
  return %dx : tensor<2x8xbf16>
}

// -----

//===----------------------------------------------------------------------===//
// axt.gelu, axt.gelu_backward: ODS only
//===----------------------------------------------------------------------===//

func.func @gelu_result_type(%x: tensor<?x64xf32>) -> tensor<?x32xf32> {
  // expected-error @+1 {{'axt.gelu' op failed to verify that all of {input, result} have same type}}
  %y = "axt.gelu"(%x) : (tensor<?x64xf32>) -> tensor<?x32xf32>
  return %y : tensor<?x32xf32>
}

// -----

func.func @gelu_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  // expected-error @+1 {{'axt.gelu' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xf16>'}}
  %y = axt.gelu %x : tensor<4xf16>
  return %y : tensor<4xf16>
}

// -----

func.func @gelu_unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'axt.gelu' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<*xf32>'}}
  %y = "axt.gelu"(%x) : (tensor<*xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @gelu_backward_input_type(%dy: tensor<?x64xf32>, %x: tensor<2x64xf32>) -> tensor<?x64xf32> {
  // expected-error @+1 {{'axt.gelu_backward' op failed to verify that all of {grad, input, result} have same type}}
  %dx = "axt.gelu_backward"(%dy, %x) : (tensor<?x64xf32>, tensor<2x64xf32>) -> tensor<?x64xf32>
  return %dx : tensor<?x64xf32>
}

// -----

func.func @gelu_backward_result_type(%dy: tensor<2x64xf32>, %x: tensor<2x64xf32>) -> tensor<2x63xf32> {
  // expected-error @+1 {{'axt.gelu_backward' op failed to verify that all of {grad, input, result} have same type}}
  %dx = "axt.gelu_backward"(%dy, %x) : (tensor<2x64xf32>, tensor<2x64xf32>) -> tensor<2x63xf32>
  return %dx : tensor<2x63xf32>
}

// -----

func.func @gelu_backward_i32(%dy: tensor<2x64xi32>, %x: tensor<2x64xi32>) -> tensor<2x64xi32> {
  // expected-error @+1 {{'axt.gelu_backward' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<2x64xi32>'}}
  %dx = axt.gelu_backward %dy, %x : tensor<2x64xi32>
  return %dx : tensor<2x64xi32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.layer_norm (a valid one: [2, 8] input, [8] scale and shift)
//===----------------------------------------------------------------------===//

func.func @layer_norm_zero_epsilon(%x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op epsilon (0.000000e+00) must be finite and positive}}
  %y = axt.layer_norm %x, %g, %g {epsilon = 0.0 : f32} : tensor<2x8xf32>, tensor<8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @layer_norm_negative_epsilon(%x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op epsilon (-1.000000e-05) must be finite and positive}}
  %y = axt.layer_norm %x, %g, %g {epsilon = -1.0e-5 : f32} : tensor<2x8xf32>, tensor<8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @layer_norm_negative_zero_epsilon(%x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op epsilon (-0.000000e+00) must be finite and positive}}
  %y = axt.layer_norm %x, %g, %g {epsilon = -0.0 : f32} : tensor<2x8xf32>, tensor<8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// +inf (0x7F800000) is positive but not finite.
func.func @layer_norm_infinite_epsilon(%x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op epsilon (INF) must be finite and positive}}
  %y = axt.layer_norm %x, %g, %g {epsilon = 0x7F800000 : f32} : tensor<2x8xf32>, tensor<8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @layer_norm_nan_epsilon(%x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op epsilon (nan) must be finite and positive}}
  %y = axt.layer_norm %x, %g, %g {epsilon = 0x7FC00000 : f32} : tensor<2x8xf32>, tensor<8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @layer_norm_rank_0(%x: tensor<f32>, %g: tensor<1xf32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.layer_norm' op input must have rank 1 or more}}
  %y = axt.layer_norm %x, %g, %g : tensor<f32>, tensor<1xf32>
  return %y : tensor<f32>
}

// -----

// epsilon is checked before the shapes.
func.func @layer_norm_epsilon_before_rank(%x: tensor<f32>, %g: tensor<1xf32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.layer_norm' op epsilon (0.000000e+00) must be finite and positive}}
  %y = axt.layer_norm %x, %g, %g {epsilon = 0.0 : f32} : tensor<f32>, tensor<1xf32>
  return %y : tensor<f32>
}

// -----

func.func @layer_norm_scale_rank_2(%x: tensor<2x8xf32>, %g: tensor<1x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op scale must have rank 1 (got 2)}}
  %y = axt.layer_norm %x, %g, %g : tensor<2x8xf32>, tensor<1x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @layer_norm_scale_rank_0(%x: tensor<2x8xf32>, %g: tensor<f32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op scale must have rank 1 (got 0)}}
  %y = axt.layer_norm %x, %g, %g : tensor<2x8xf32>, tensor<f32>
  return %y : tensor<2x8xf32>
}

// -----

// The scale runs along the last dimension, not the first.
func.func @layer_norm_scale_size(%x: tensor<?x4x8xf32>, %g: tensor<4xf32>) -> tensor<?x4x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op scale size (4) does not match input's last dimension (8)}}
  %y = axt.layer_norm %x, %g, %g : tensor<?x4x8xf32>, tensor<4xf32>
  return %y : tensor<?x4x8xf32>
}

// -----

// ODS: scale and shift share one type, input and result another.
func.func @layer_norm_shift_type(%x: tensor<2x8xf32>, %g: tensor<8xf32>, %b: tensor<?xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op failed to verify that all of {scale, shift} have same type}}
  %y = "axt.layer_norm"(%x, %g, %b) : (tensor<2x8xf32>, tensor<8xf32>, tensor<?xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @layer_norm_result_type(%x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op failed to verify that all of {input, result} have same type}}
  %y = "axt.layer_norm"(%x, %g, %g) : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

func.func @layer_norm_f64_epsilon(%x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op attribute 'epsilon' failed to satisfy constraint: 32-bit float attribute}}
  %y = axt.layer_norm %x, %g, %g {epsilon = 1.0e-5 : f64} : tensor<2x8xf32>, tensor<8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @layer_norm_f64_scale(%x: tensor<2x8xf32>, %g: tensor<8xf64>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm' op operand #1 must be ranked tensor of 32-bit float values, but got 'tensor<8xf64>'}}
  %y = axt.layer_norm %x, %g, %g : tensor<2x8xf32>, tensor<8xf64>
  return %y : tensor<2x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.layer_norm_backward: the same verifier as axt.layer_norm
//===----------------------------------------------------------------------===//

func.func @layer_norm_backward_zero_epsilon(%dy: tensor<2x8xf32>, %x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op epsilon (0.000000e+00) must be finite and positive}}
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g {epsilon = 0.0 : f32} : tensor<2x8xf32>, tensor<8xf32>
  return %dx : tensor<2x8xf32>
}

// -----

func.func @layer_norm_backward_infinite_epsilon(%dy: tensor<2x8xf32>, %x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op epsilon (INF) must be finite and positive}}
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g {epsilon = 0x7F800000 : f32} : tensor<2x8xf32>, tensor<8xf32>
  return %dx : tensor<2x8xf32>
}

// -----

func.func @layer_norm_backward_rank_0(%dy: tensor<f32>, %x: tensor<f32>, %g: tensor<1xf32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op input must have rank 1 or more}}
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g : tensor<f32>, tensor<1xf32>
  return %dx : tensor<f32>
}

// -----

func.func @layer_norm_backward_scale_rank_2(%dy: tensor<2x8xf32>, %x: tensor<2x8xf32>, %g: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op scale must have rank 1 (got 2)}}
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g : tensor<2x8xf32>, tensor<2x8xf32>
  return %dx : tensor<2x8xf32>
}

// -----

func.func @layer_norm_backward_scale_size(%dy: tensor<?x8xf32>, %x: tensor<?x8xf32>, %g: tensor<7xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op scale size (7) does not match input's last dimension (8)}}
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g : tensor<?x8xf32>, tensor<7xf32>
  return %dx : tensor<?x8xf32>
}

// -----

// ODS: grad, input and the input gradient share one type; the scale and
// its and the shift's gradients another.
func.func @layer_norm_backward_input_type(%dy: tensor<2x8xf32>, %x: tensor<3x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op failed to verify that all of {grad, input, grad_input} have same type}}
  %dx, %dg, %db = "axt.layer_norm_backward"(%dy, %x, %g) : (tensor<2x8xf32>, tensor<3x8xf32>, tensor<8xf32>) -> (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>)
  return %dx : tensor<2x8xf32>
}

// -----

func.func @layer_norm_backward_grad_input_type(%dy: tensor<2x8xf32>, %x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op failed to verify that all of {grad, input, grad_input} have same type}}
  %dx, %dg, %db = "axt.layer_norm_backward"(%dy, %x, %g) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> (tensor<?x8xf32>, tensor<8xf32>, tensor<8xf32>)
  return %dx : tensor<?x8xf32>
}

// -----

func.func @layer_norm_backward_grad_scale_type(%dy: tensor<2x8xf32>, %x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op failed to verify that all of {scale, grad_scale, grad_shift} have same type}}
  %dx, %dg, %db = "axt.layer_norm_backward"(%dy, %x, %g) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> (tensor<2x8xf32>, tensor<1x8xf32>, tensor<8xf32>)
  return %dx : tensor<2x8xf32>
}

// -----

func.func @layer_norm_backward_grad_shift_type(%dy: tensor<2x8xf32>, %x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op failed to verify that all of {scale, grad_scale, grad_shift} have same type}}
  %dx, %dg, %db = "axt.layer_norm_backward"(%dy, %x, %g) <{epsilon = 1.0e-5 : f32}> : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> (tensor<2x8xf32>, tensor<8xf32>, tensor<?xf32>)
  return %dx : tensor<2x8xf32>
}

// -----

func.func @layer_norm_backward_f64_epsilon(%dy: tensor<2x8xf32>, %x: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'axt.layer_norm_backward' op attribute 'epsilon' failed to satisfy constraint: 32-bit float attribute}}
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g {epsilon = 1.0e-5 : f64} : tensor<2x8xf32>, tensor<8xf32>
  return %dx : tensor<2x8xf32>
}

// -----

func.func @layer_norm_backward_f16(%dy: tensor<2x8xf16>, %x: tensor<2x8xf16>, %g: tensor<8xf32>) -> tensor<2x8xf16> {
  // expected-error @+1 {{'axt.layer_norm_backward' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<2x8xf16>'}}
  %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %g : tensor<2x8xf16>, tensor<8xf32>
  return %dx : tensor<2x8xf16>
}

// -----

//===----------------------------------------------------------------------===//
// axt.transpose (a valid one: [2, 3, 4] with [2, 0, 1] -> [4, 2, 3])
//===----------------------------------------------------------------------===//

func.func @transpose_short_permutation(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error @+1 {{'axt.transpose' op permutation must be a permutation of the 3 input dimensions}}
  %y = axt.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  return %y : tensor<3x2x4xf32>
}

// -----

func.func @transpose_long_permutation(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'axt.transpose' op permutation must be a permutation of the 2 input dimensions}}
  %y = axt.transpose %x {permutation = array<i64: 1, 0, 2>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @transpose_repeated_dimension(%x: tensor<2x3x4xf32>) -> tensor<4x2x2xf32> {
  // expected-error @+1 {{'axt.transpose' op permutation must be a permutation of the 3 input dimensions}}
  %y = axt.transpose %x {permutation = array<i64: 2, 0, 0>} : tensor<2x3x4xf32> -> tensor<4x2x2xf32>
  return %y : tensor<4x2x2xf32>
}

// -----

func.func @transpose_dimension_out_of_range(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  // expected-error @+1 {{'axt.transpose' op permutation must be a permutation of the 3 input dimensions}}
  %y = axt.transpose %x {permutation = array<i64: 2, 0, 3>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  return %y : tensor<4x2x3xf32>
}

// -----

func.func @transpose_negative_dimension(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  // expected-error @+1 {{'axt.transpose' op permutation must be a permutation of the 3 input dimensions}}
  %y = axt.transpose %x {permutation = array<i64: -1, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  return %y : tensor<4x2x3xf32>
}

// -----

func.func @transpose_result_rank(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  // expected-error @+1 {{'axt.transpose' op result must have rank 3 (got 2)}}
  %y = axt.transpose %x {permutation = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// -----

// Result dimension d is input dimension permutation[d]: [2, 0, 1] gives
// [4, 2, 3], not the inverse's [3, 4, 2].
func.func @transpose_inverse_shape(%x: tensor<2x3x4xf32>) -> tensor<3x4x2xf32> {
  // expected-error @+1 {{'axt.transpose' op result dimension 0 (3) does not match input dimension 2 (4)}}
  %y = axt.transpose %x {permutation = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  return %y : tensor<3x4x2xf32>
}

// -----

func.func @transpose_last_dimension(%x: tensor<?x3x4xf32>) -> tensor<4x?x2xf32> {
  // expected-error @+1 {{'axt.transpose' op result dimension 2 (2) does not match input dimension 1 (3)}}
  %y = axt.transpose %x {permutation = array<i64: 2, 0, 1>} : tensor<?x3x4xf32> -> tensor<4x?x2xf32>
  return %y : tensor<4x?x2xf32>
}

// -----

// ODS: the permutation is a required i64 dense array.
func.func @transpose_no_permutation(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'axt.transpose' op requires attribute 'permutation'}}
  %y = axt.transpose %x : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @transpose_array_attribute(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'axt.transpose' op attribute 'permutation' failed to satisfy constraint: i64 dense array attribute}}
  %y = axt.transpose %x {permutation = [1, 0]} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @transpose_i32_permutation(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'axt.transpose' op attribute 'permutation' failed to satisfy constraint: i64 dense array attribute}}
  %y = axt.transpose %x {permutation = array<i32: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @transpose_f64_result(%x: tensor<2x3xf32>) -> tensor<3x2xf64> {
  // expected-error @+1 {{'axt.transpose' op result #0 must be ranked tensor of 32-bit float values, but got 'tensor<3x2xf64>'}}
  %y = axt.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf64>
  return %y : tensor<3x2xf64>
}

// -----

func.func @softmax_rank0(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.softmax' op needs rank 1 or more (got 'tensor<f32>')}}
  %c = axt.softmax %a : tensor<f32>
  return %c : tensor<f32>
}

// -----

func.func @softmax_backward_rank0(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.softmax_backward' op needs rank 1 or more (got 'tensor<f32>')}}
  %c = axt.softmax_backward %a, %a : tensor<f32>
  return %c : tensor<f32>
}

// -----

func.func @transpose_rank0(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.transpose' op needs rank 1 or more}}
  %c = axt.transpose %a {permutation = array<i64>} : tensor<f32> -> tensor<f32>
  return %c : tensor<f32>
}
