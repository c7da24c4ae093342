// RUN: axt-opt %s --split-input-file --verify-diagnostics

// One case per diagnostic of the axt op verifiers (AxtOps.cpp) and of the
// ODS type constraints and traits. Each case has exactly one thing wrong.

//===----------------------------------------------------------------------===//
// axt.linear
//===----------------------------------------------------------------------===//

func.func @linear_input_rank_3(%x: tensor<2x4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'axt.linear' op input must have rank 2 (got 3)}}
  %y = axt.linear %x, %w, %b : tensor<2x4x8xf32>, tensor<16x8xf32>, tensor<16xf32> -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @linear_weight_rank_1(%x: tensor<4x8xf32>, %w: tensor<8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'axt.linear' op weight must have rank 2 (got 1)}}
  %y = axt.linear %x, %w, %b : tensor<4x8xf32>, tensor<8xf32>, tensor<16xf32> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @linear_bias_rank_2(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<1x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'axt.linear' op bias must have rank 1 (got 2)}}
  %y = axt.linear %x, %w, %b : tensor<4x8xf32>, tensor<16x8xf32>, tensor<1x16xf32> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @linear_result_rank_0(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.linear' op result must have rank 2 (got 0)}}
  %y = axt.linear %x, %w, %b : tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32> -> tensor<f32>
  return %y : tensor<f32>
}

// -----

func.func @linear_weight_input_dim_mismatch(%x: tensor<4x8xf32>, %w: tensor<16x9xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'axt.linear' op weight input dimension (9) does not match input feature dimension (8)}}
  %y = axt.linear %x, %w, %b : tensor<4x8xf32>, tensor<16x9xf32>, tensor<16xf32> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @linear_bias_size_mismatch(%x: tensor<?x8xf32>, %w: tensor<16x8xf32>, %b: tensor<15xf32>) -> tensor<?x16xf32> {
  // expected-error @+1 {{'axt.linear' op bias size (15) does not match weight output dimension (16)}}
  %y = axt.linear %x, %w, %b : tensor<?x8xf32>, tensor<16x8xf32>, tensor<15xf32> -> tensor<?x16xf32>
  return %y : tensor<?x16xf32>
}

// -----

func.func @linear_result_batch_mismatch(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<5x16xf32> {
  // expected-error @+1 {{'axt.linear' op result batch dimension (5) does not match input batch dimension (4)}}
  %y = axt.linear %x, %w, %b : tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32> -> tensor<5x16xf32>
  return %y : tensor<5x16xf32>
}

// -----

func.func @linear_result_feature_mismatch(%x: tensor<?x8xf32>, %w: tensor<16x8xf32>, %b: tensor<?xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'axt.linear' op result feature dimension (8) does not match weight output dimension (16)}}
  %y = axt.linear %x, %w, %b : tensor<?x8xf32>, tensor<16x8xf32>, tensor<?xf32> -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

func.func @linear_f16_input(%x: tensor<4x8xf16>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'axt.linear' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4x8xf16>'}}
  %y = axt.linear %x, %w, %b : tensor<4x8xf16>, tensor<16x8xf32>, tensor<16xf32> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @linear_f64_weight(%x: tensor<4x8xf32>, %w: tensor<16x8xf64>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'axt.linear' op operand #1 must be ranked tensor of 32-bit float values, but got 'tensor<16x8xf64>'}}
  %y = axt.linear %x, %w, %b : tensor<4x8xf32>, tensor<16x8xf64>, tensor<16xf32> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @linear_bf16_result(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xbf16> {
  // expected-error @+1 {{'axt.linear' op result #0 must be ranked tensor of 32-bit float values, but got 'tensor<4x16xbf16>'}}
  %y = axt.linear %x, %w, %b : tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32> -> tensor<4x16xbf16>
  return %y : tensor<4x16xbf16>
}

// -----

func.func @linear_unranked_input_generic(%x: tensor<*xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'axt.linear' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<*xf32>'}}
  %y = "axt.linear"(%x, %w, %b) : (tensor<*xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @linear_unranked_input_custom(%x: tensor<*xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) {
  // The custom form parses each type as a ranked tensor type.
  // expected-error @+1 {{custom op 'axt.linear' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %y = axt.linear %x, %w, %b : tensor<*xf32>, tensor<16x8xf32>, tensor<16xf32> -> tensor<4x16xf32>
  return
}

// -----

func.func @linear_two_operands_generic(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'axt.linear' op expected 3 operands, but found 2}}
  %y = "axt.linear"(%x, %w) : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.relu, axt.add, axt.relu_backward
//===----------------------------------------------------------------------===//

func.func @relu_f16(%x: tensor<4x8xf16>) -> tensor<4x8xf16> {
  // expected-error @+1 {{'axt.relu' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4x8xf16>'}}
  %y = axt.relu %x : tensor<4x8xf16>
  return %y : tensor<4x8xf16>
}

// -----

func.func @relu_result_shape_mismatch_generic(%x: tensor<4x8xf32>) -> tensor<4x9xf32> {
  // expected-error @+1 {{'axt.relu' op failed to verify that all of {input, result} have same type}}
  %y = "axt.relu"(%x) : (tensor<4x8xf32>) -> tensor<4x9xf32>
  return %y : tensor<4x9xf32>
}

// -----

func.func @relu_result_less_static_generic(%x: tensor<4x8xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'axt.relu' op failed to verify that all of {input, result} have same type}}
  %y = "axt.relu"(%x) : (tensor<4x8xf32>) -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

func.func @relu_i32_result_generic(%x: tensor<4x8xf32>) -> tensor<4x8xi32> {
  // expected-error @+1 {{'axt.relu' op result #0 must be ranked tensor of 32-bit float values, but got 'tensor<4x8xi32>'}}
  %y = "axt.relu"(%x) : (tensor<4x8xf32>) -> tensor<4x8xi32>
  return %y : tensor<4x8xi32>
}

// -----

func.func @add_operand_type_mismatch_generic(%a: tensor<4x8xf32>, %b: tensor<4x9xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.add' op operand types ('tensor<4x8xf32>', 'tensor<4x9xf32>') do not broadcast: dimension 1 of the result: sizes 8 and 9 do not broadcast (they must be equal or one of them 1; a dynamic size matches only a dynamic size or 1)}}
  %s = "axt.add"(%a, %b) : (tensor<4x8xf32>, tensor<4x9xf32>) -> tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}

// -----

func.func @add_i32(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'axt.add' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xi32>'}}
  %s = axt.add %a, %a : tensor<4xi32>
  return %s : tensor<4xi32>
}

// -----

func.func @relu_backward_operand_shape_mismatch_generic(%dy: tensor<4x8xf32>, %y: tensor<4x9xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.relu_backward' op failed to verify that all of {grad, output, result} have same type}}
  %dx = "axt.relu_backward"(%dy, %y) : (tensor<4x8xf32>, tensor<4x9xf32>) -> tensor<4x8xf32>
  return %dx : tensor<4x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.softmax_cross_entropy
//===----------------------------------------------------------------------===//

func.func @softmax_cross_entropy_logits_rank_1(%z: tensor<10xf32>, %t: tensor<4xi32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy' op logits must have rank 2 (got 1)}}
  %l = axt.softmax_cross_entropy %z, %t : tensor<10xf32>, tensor<4xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @softmax_cross_entropy_labels_rank_2(%z: tensor<4x10xf32>, %t: tensor<4x1xi32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy' op labels must have rank 1 (got 2)}}
  %l = axt.softmax_cross_entropy %z, %t : tensor<4x10xf32>, tensor<4x1xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @softmax_cross_entropy_label_count_mismatch(%z: tensor<4x10xf32>, %t: tensor<3xi64>) -> tensor<f32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy' op label count (3) does not match logits batch dimension (4)}}
  %l = axt.softmax_cross_entropy %z, %t : tensor<4x10xf32>, tensor<3xi64> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @softmax_cross_entropy_float_labels(%z: tensor<?x10xf32>, %t: tensor<?xf32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy' op operand #1 must be ranked tensor of signless integer values, but got 'tensor<?xf32>'}}
  %l = axt.softmax_cross_entropy %z, %t : tensor<?x10xf32>, tensor<?xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @softmax_cross_entropy_unsigned_labels(%z: tensor<?x10xf32>, %t: tensor<?xui32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy' op operand #1 must be ranked tensor of signless integer values, but got 'tensor<?xui32>'}}
  %l = axt.softmax_cross_entropy %z, %t : tensor<?x10xf32>, tensor<?xui32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @softmax_cross_entropy_loss_rank_1(%z: tensor<?x10xf32>, %t: tensor<?xi32>) -> tensor<1xf32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy' op result #0 must be 0D tensor of 32-bit float values, but got 'tensor<1xf32>'}}
  %l = axt.softmax_cross_entropy %z, %t : tensor<?x10xf32>, tensor<?xi32> -> tensor<1xf32>
  return %l : tensor<1xf32>
}

// -----

func.func @softmax_cross_entropy_loss_not_tensor_generic(%z: tensor<?x10xf32>, %t: tensor<?xi32>) -> f32 {
  // expected-error @+1 {{'axt.softmax_cross_entropy' op result #0 must be 0D tensor of 32-bit float values, but got 'f32'}}
  %l = "axt.softmax_cross_entropy"(%z, %t) : (tensor<?x10xf32>, tensor<?xi32>) -> f32
  return %l : f32
}

// -----

func.func @softmax_cross_entropy_f16_logits(%z: tensor<?x10xf16>, %t: tensor<?xi32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<?x10xf16>'}}
  %l = axt.softmax_cross_entropy %z, %t : tensor<?x10xf16>, tensor<?xi32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.linear_backward_input
//===----------------------------------------------------------------------===//

func.func @linear_backward_input_gradient_rank_1(%dy: tensor<10xf32>, %w: tensor<10x256xf32>) -> tensor<4x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_input' op gradient must have rank 2 (got 1)}}
  %dx = axt.linear_backward_input %dy, %w : tensor<10xf32>, tensor<10x256xf32> -> tensor<4x256xf32>
  return %dx : tensor<4x256xf32>
}

// -----

func.func @linear_backward_input_weight_rank_3(%dy: tensor<4x10xf32>, %w: tensor<10x256x1xf32>) -> tensor<4x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_input' op weight must have rank 2 (got 3)}}
  %dx = axt.linear_backward_input %dy, %w : tensor<4x10xf32>, tensor<10x256x1xf32> -> tensor<4x256xf32>
  return %dx : tensor<4x256xf32>
}

// -----

func.func @linear_backward_input_result_rank_1(%dy: tensor<4x10xf32>, %w: tensor<10x256xf32>) -> tensor<256xf32> {
  // expected-error @+1 {{'axt.linear_backward_input' op result must have rank 2 (got 1)}}
  %dx = axt.linear_backward_input %dy, %w : tensor<4x10xf32>, tensor<10x256xf32> -> tensor<256xf32>
  return %dx : tensor<256xf32>
}

// -----

func.func @linear_backward_input_gradient_feature_mismatch(%dy: tensor<?x11xf32>, %w: tensor<10x256xf32>) -> tensor<?x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_input' op gradient feature dimension (11) does not match weight output dimension (10)}}
  %dx = axt.linear_backward_input %dy, %w : tensor<?x11xf32>, tensor<10x256xf32> -> tensor<?x256xf32>
  return %dx : tensor<?x256xf32>
}

// -----

func.func @linear_backward_input_result_batch_mismatch(%dy: tensor<4x10xf32>, %w: tensor<10x256xf32>) -> tensor<8x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_input' op result batch dimension (8) does not match gradient batch dimension (4)}}
  %dx = axt.linear_backward_input %dy, %w : tensor<4x10xf32>, tensor<10x256xf32> -> tensor<8x256xf32>
  return %dx : tensor<8x256xf32>
}

// -----

func.func @linear_backward_input_result_feature_mismatch(%dy: tensor<?x10xf32>, %w: tensor<10x256xf32>) -> tensor<?x10xf32> {
  // expected-error @+1 {{'axt.linear_backward_input' op result feature dimension (10) does not match weight input dimension (256)}}
  %dx = axt.linear_backward_input %dy, %w : tensor<?x10xf32>, tensor<10x256xf32> -> tensor<?x10xf32>
  return %dx : tensor<?x10xf32>
}

// -----

func.func @linear_backward_input_f16_gradient(%dy: tensor<?x10xf16>, %w: tensor<10x256xf32>) -> tensor<?x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_input' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<?x10xf16>'}}
  %dx = axt.linear_backward_input %dy, %w : tensor<?x10xf16>, tensor<10x256xf32> -> tensor<?x256xf32>
  return %dx : tensor<?x256xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.linear_backward_weight
//===----------------------------------------------------------------------===//

func.func @linear_backward_weight_gradient_rank_3(%dy: tensor<4x10x1xf32>, %x: tensor<4x256xf32>) -> tensor<10x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_weight' op gradient must have rank 2 (got 3)}}
  %dw = axt.linear_backward_weight %dy, %x : tensor<4x10x1xf32>, tensor<4x256xf32> -> tensor<10x256xf32>
  return %dw : tensor<10x256xf32>
}

// -----

func.func @linear_backward_weight_input_rank_1(%dy: tensor<4x10xf32>, %x: tensor<256xf32>) -> tensor<10x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_weight' op input must have rank 2 (got 1)}}
  %dw = axt.linear_backward_weight %dy, %x : tensor<4x10xf32>, tensor<256xf32> -> tensor<10x256xf32>
  return %dw : tensor<10x256xf32>
}

// -----

func.func @linear_backward_weight_result_rank_0(%dy: tensor<4x10xf32>, %x: tensor<4x256xf32>) -> tensor<f32> {
  // expected-error @+1 {{'axt.linear_backward_weight' op result must have rank 2 (got 0)}}
  %dw = axt.linear_backward_weight %dy, %x : tensor<4x10xf32>, tensor<4x256xf32> -> tensor<f32>
  return %dw : tensor<f32>
}

// -----

func.func @linear_backward_weight_input_batch_mismatch(%dy: tensor<4x10xf32>, %x: tensor<5x256xf32>) -> tensor<10x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_weight' op input batch dimension (5) does not match gradient batch dimension (4)}}
  %dw = axt.linear_backward_weight %dy, %x : tensor<4x10xf32>, tensor<5x256xf32> -> tensor<10x256xf32>
  return %dw : tensor<10x256xf32>
}

// -----

func.func @linear_backward_weight_result_output_mismatch(%dy: tensor<?x10xf32>, %x: tensor<?x256xf32>) -> tensor<256x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_weight' op result output dimension (256) does not match gradient feature dimension (10)}}
  %dw = axt.linear_backward_weight %dy, %x : tensor<?x10xf32>, tensor<?x256xf32> -> tensor<256x256xf32>
  return %dw : tensor<256x256xf32>
}

// -----

func.func @linear_backward_weight_result_input_mismatch(%dy: tensor<?x10xf32>, %x: tensor<?x256xf32>) -> tensor<10x784xf32> {
  // expected-error @+1 {{'axt.linear_backward_weight' op result input dimension (784) does not match input feature dimension (256)}}
  %dw = axt.linear_backward_weight %dy, %x : tensor<?x10xf32>, tensor<?x256xf32> -> tensor<10x784xf32>
  return %dw : tensor<10x784xf32>
}

// -----

func.func @linear_backward_weight_f64_input(%dy: tensor<?x10xf32>, %x: tensor<?x256xf64>) -> tensor<10x256xf32> {
  // expected-error @+1 {{'axt.linear_backward_weight' op operand #1 must be ranked tensor of 32-bit float values, but got 'tensor<?x256xf64>'}}
  %dw = axt.linear_backward_weight %dy, %x : tensor<?x10xf32>, tensor<?x256xf64> -> tensor<10x256xf32>
  return %dw : tensor<10x256xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.linear_backward_bias
//===----------------------------------------------------------------------===//

func.func @linear_backward_bias_gradient_rank_1(%dy: tensor<10xf32>) -> tensor<10xf32> {
  // expected-error @+1 {{'axt.linear_backward_bias' op gradient must have rank 2 (got 1)}}
  %db = axt.linear_backward_bias %dy : tensor<10xf32> -> tensor<10xf32>
  return %db : tensor<10xf32>
}

// -----

func.func @linear_backward_bias_result_rank_2(%dy: tensor<4x10xf32>) -> tensor<1x10xf32> {
  // expected-error @+1 {{'axt.linear_backward_bias' op result must have rank 1 (got 2)}}
  %db = axt.linear_backward_bias %dy : tensor<4x10xf32> -> tensor<1x10xf32>
  return %db : tensor<1x10xf32>
}

// -----

func.func @linear_backward_bias_result_size_mismatch(%dy: tensor<?x10xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'axt.linear_backward_bias' op result size (4) does not match gradient feature dimension (10)}}
  %db = axt.linear_backward_bias %dy : tensor<?x10xf32> -> tensor<4xf32>
  return %db : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.softmax_cross_entropy_backward
//===----------------------------------------------------------------------===//

func.func @softmax_cross_entropy_backward_logits_rank_3(%dl: tensor<f32>, %z: tensor<4x10x1xf32>, %t: tensor<4xi32>) -> tensor<4x10x1xf32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy_backward' op logits must have rank 2 (got 3)}}
  %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<f32>, tensor<4x10x1xf32>, tensor<4xi32> -> tensor<4x10x1xf32>
  return %dz : tensor<4x10x1xf32>
}

// -----

func.func @softmax_cross_entropy_backward_labels_rank_0(%dl: tensor<f32>, %z: tensor<4x10xf32>, %t: tensor<i32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy_backward' op labels must have rank 1 (got 0)}}
  %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<f32>, tensor<4x10xf32>, tensor<i32> -> tensor<4x10xf32>
  return %dz : tensor<4x10xf32>
}

// -----

func.func @softmax_cross_entropy_backward_label_count_mismatch(%dl: tensor<f32>, %z: tensor<4x10xf32>, %t: tensor<8xi64>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy_backward' op label count (8) does not match logits batch dimension (4)}}
  %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<f32>, tensor<4x10xf32>, tensor<8xi64> -> tensor<4x10xf32>
  return %dz : tensor<4x10xf32>
}

// -----

func.func @softmax_cross_entropy_backward_result_type_mismatch(%dl: tensor<f32>, %z: tensor<?x10xf32>, %t: tensor<?xi32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy_backward' op result type ('tensor<4x10xf32>') must match logits type ('tensor<?x10xf32>')}}
  %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<f32>, tensor<?x10xf32>, tensor<?xi32> -> tensor<4x10xf32>
  return %dz : tensor<4x10xf32>
}

// -----

func.func @softmax_cross_entropy_backward_result_rank_1(%dl: tensor<f32>, %z: tensor<4x10xf32>, %t: tensor<4xi32>) -> tensor<40xf32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy_backward' op result type ('tensor<40xf32>') must match logits type ('tensor<4x10xf32>')}}
  %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<f32>, tensor<4x10xf32>, tensor<4xi32> -> tensor<40xf32>
  return %dz : tensor<40xf32>
}

// -----

func.func @softmax_cross_entropy_backward_grad_rank_1(%dl: tensor<1xf32>, %z: tensor<4x10xf32>, %t: tensor<4xi32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy_backward' op operand #0 must be 0D tensor of 32-bit float values, but got 'tensor<1xf32>'}}
  %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<1xf32>, tensor<4x10xf32>, tensor<4xi32> -> tensor<4x10xf32>
  return %dz : tensor<4x10xf32>
}

// -----

func.func @softmax_cross_entropy_backward_float_labels(%dl: tensor<f32>, %z: tensor<4x10xf32>, %t: tensor<4xf32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'axt.softmax_cross_entropy_backward' op operand #2 must be ranked tensor of signless integer values, but got 'tensor<4xf32>'}}
  %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<f32>, tensor<4x10xf32>, tensor<4xf32> -> tensor<4x10xf32>
  return %dz : tensor<4x10xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.stash, axt.unstash
//===----------------------------------------------------------------------===//

func.func @unstash_of_tensor_generic(%t: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'axt.unstash' op operand #0 must be a value kept from the forward pass for the backward pass, but got 'tensor<4xf32>'}}
  %0 = "axt.unstash"(%t) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unstash_of_tensor_custom(%t: tensor<4xf32>) {
  // expected-error @+1 {{custom op 'axt.unstash' 'input' must be a value kept from the forward pass for the backward pass, but got 'tensor<4xf32>'}}
  %0 = axt.unstash %t : tensor<4xf32>
  return
}

// -----

func.func @unstash_result_type_mismatch_generic(%s: !axt.stashed<tensor<4xf32>>) -> tensor<8xf32> {
  // expected-error @+1 {{'axt.unstash' op failed to verify that result is the wrapped type}}
  %0 = "axt.unstash"(%s) : (!axt.stashed<tensor<4xf32>>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @unstash_unranked_result_generic(%s: !axt.stashed<tensor<4xf32>>) -> tensor<*xf32> {
  // expected-error @+1 {{'axt.unstash' op result #0 must be a ranked tensor, !axt.packed, !axt.mask or !axt.indices, but got 'tensor<*xf32>'}}
  %0 = "axt.unstash"(%s) : (!axt.stashed<tensor<4xf32>>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @stash_result_type_mismatch_generic(%t: tensor<4xf32>) -> !axt.stashed<tensor<8xf32>> {
  // expected-error @+1 {{'axt.stash' op failed to verify that result wraps the input type}}
  %0 = "axt.stash"(%t) : (tensor<4xf32>) -> !axt.stashed<tensor<8xf32>>
  return %0 : !axt.stashed<tensor<8xf32>>
}

// -----

func.func @stash_result_not_stashed_generic(%t: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'axt.stash' op result #0 must be a value kept from the forward pass for the backward pass, but got 'tensor<4xf32>'}}
  %0 = "axt.stash"(%t) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @stash_unranked_generic(%t: tensor<*xf32>) -> !axt.stashed<tensor<4xf32>> {
  // expected-error @+1 {{'axt.stash' op operand #0 must be a ranked tensor, !axt.packed, !axt.mask or !axt.indices, but got 'tensor<*xf32>'}}
  %0 = "axt.stash"(%t) : (tensor<*xf32>) -> !axt.stashed<tensor<4xf32>>
  return %0 : !axt.stashed<tensor<4xf32>>
}

// -----

func.func @stash_unranked_custom(%t: tensor<*xf32>) {
  // expected-error @+1 {{custom op 'axt.stash' 'input' must be a ranked tensor, !axt.packed, !axt.mask or !axt.indices, but got 'tensor<*xf32>'}}
  %0 = axt.stash %t : tensor<*xf32>
  return
}

// -----

func.func @stash_scalar_custom(%t: f32) {
  // expected-error @+1 {{custom op 'axt.stash' 'input' must be a ranked tensor, !axt.packed, !axt.mask or !axt.indices, but got 'f32'}}
  %0 = axt.stash %t : f32
  return
}

// -----

//===----------------------------------------------------------------------===//
// axt.sgd_momentum
//===----------------------------------------------------------------------===//

func.func @sgd_momentum_negative_momentum(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op momentum (-1.000000e+00) must be finite and non-negative}}
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = -1.0 : f32, weight_decay = 0.0 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_nan_momentum(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op momentum (nan) must be finite and non-negative}}
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 0x7FC00000 : f32, weight_decay = 0.0 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_inf_momentum(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op momentum (INF) must be finite and non-negative}}
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 0x7F800000 : f32, weight_decay = 0.0 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_momentum_overflows_f32(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // 1.0e39 is beyond the f32 range and becomes +inf when parsed as f32.
  // expected-error @+1 {{'axt.sgd_momentum' op momentum (INF) must be finite and non-negative}}
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 1.0e39 : f32, weight_decay = 0.0 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_negative_weight_decay(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op weight_decay (-5.000000e-01) must be finite and non-negative}}
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 0.9 : f32, weight_decay = -0.5 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_nan_weight_decay(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op weight_decay (nan) must be finite and non-negative}}
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 0.9 : f32, weight_decay = 0x7FC00000 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_negative_inf_weight_decay(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op weight_decay (-INF) must be finite and non-negative}}
  %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 0.9 : f32, weight_decay = 0xFF800000 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_grad_type_mismatch_generic(%p: tensor<10xf32>, %g: tensor<11xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op failed to verify that all of {param, grad, velocity, new_param, new_velocity} have same type}}
  %r:2 = "axt.sgd_momentum"(%p, %g, %v, %lr) <{momentum = 0.9 : f32, weight_decay = 0.0 : f32}> : (tensor<10xf32>, tensor<11xf32>, tensor<10xf32>, f32) -> (tensor<10xf32>, tensor<10xf32>)
  return %r#0, %r#1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_new_velocity_type_mismatch_generic(%p: tensor<10xf32>, %g: tensor<10xf32>, %v: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<?xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op failed to verify that all of {param, grad, velocity, new_param, new_velocity} have same type}}
  %r:2 = "axt.sgd_momentum"(%p, %g, %v, %lr) <{momentum = 0.9 : f32, weight_decay = 0.0 : f32}> : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, f32) -> (tensor<10xf32>, tensor<?xf32>)
  return %r#0, %r#1 : tensor<10xf32>, tensor<?xf32>
}

// -----

func.func @sgd_momentum_f64_learning_rate_generic(%p: tensor<10xf32>, %lr: f64) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op operand #3 must be 32-bit float, but got 'f64'}}
  %r:2 = "axt.sgd_momentum"(%p, %p, %p, %lr) <{momentum = 0.9 : f32, weight_decay = 0.0 : f32}> : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, f64) -> (tensor<10xf32>, tensor<10xf32>)
  return %r#0, %r#1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_one_result_generic(%p: tensor<10xf32>, %lr: f32) -> tensor<10xf32> {
  // expected-error @+1 {{'axt.sgd_momentum' op expected 2 results}}
  %r = "axt.sgd_momentum"(%p, %p, %p, %lr) <{momentum = 0.9 : f32, weight_decay = 0.0 : f32}> : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, f32) -> tensor<10xf32>
  return %r : tensor<10xf32>
}

// -----

func.func @sgd_momentum_f16_param(%p: tensor<10xf16>, %lr: f32) -> (tensor<10xf16>, tensor<10xf16>) {
  // expected-error @+1 {{'axt.sgd_momentum' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<10xf16>'}}
  %p1, %v1 = axt.sgd_momentum %p, %p, %p, %lr {momentum = 0.9 : f32, weight_decay = 0.0 : f32} : tensor<10xf16>
  return %p1, %v1 : tensor<10xf16>, tensor<10xf16>
}

// -----

func.func @sgd_momentum_missing_weight_decay(%p: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op requires attribute 'weight_decay'}}
  %p1, %v1 = axt.sgd_momentum %p, %p, %p, %lr {momentum = 0.9 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_missing_momentum(%p: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op requires attribute 'momentum'}}
  %p1, %v1 = axt.sgd_momentum %p, %p, %p, %lr {weight_decay = 0.0 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

func.func @sgd_momentum_f64_momentum_attr(%p: tensor<10xf32>, %lr: f32) -> (tensor<10xf32>, tensor<10xf32>) {
  // expected-error @+1 {{'axt.sgd_momentum' op attribute 'momentum' failed to satisfy constraint: 32-bit float attribute}}
  %p1, %v1 = axt.sgd_momentum %p, %p, %p, %lr {momentum = 0.9 : f64, weight_decay = 0.0 : f32} : tensor<10xf32>
  return %p1, %v1 : tensor<10xf32>, tensor<10xf32>
}

// -----

// Elementwise ops need identical types, not merely compatible shapes, so
// that their one-type custom form round-trips.
func.func @relu_backward_static_and_dynamic(%dy: tensor<4x8xf32>, %y: tensor<?x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.relu_backward' op failed to verify that all of {grad, output, result} have same type}}
  %dx = "axt.relu_backward"(%dy, %y) : (tensor<4x8xf32>, tensor<?x8xf32>) -> tensor<4x8xf32>
  return %dx : tensor<4x8xf32>
}

// -----

// A dynamic size never broadcasts, and only a static 1 broadcasts to it.
func.func @add_static_and_dynamic(%a: tensor<?x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.add' op operand types ('tensor<?x8xf32>', 'tensor<4x8xf32>') do not broadcast: dimension 0 of the result: sizes ? and 4 do not broadcast}}
  %s = "axt.add"(%a, %b) : (tensor<?x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}

// -----

func.func @relu_result_type_differs(%x: tensor<?x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.relu' op failed to verify that all of {input, result} have same type}}
  %y = "axt.relu"(%x) : (tensor<?x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.dropout, axt.dropout_backward
//===----------------------------------------------------------------------===//

func.func @dropout_rate_one(%x: tensor<4x8xf32>, %seed: i64) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.dropout' op rate (1.000000e+00) must be in [0, 1)}}
  %y = axt.dropout %x, %seed {rate = 1.0 : f32, stream = 0 : i64} : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @dropout_rate_negative(%x: tensor<4x8xf32>, %seed: i64) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.dropout' op rate (-5.000000e-01) must be in [0, 1)}}
  %y = axt.dropout %x, %seed {rate = -0.5 : f32, stream = 0 : i64} : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @dropout_rate_nan(%x: tensor<4x8xf32>, %seed: i64) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.dropout' op rate (nan) must be in [0, 1)}}
  %y = axt.dropout %x, %seed {rate = 0x7FC00000 : f32, stream = 0 : i64} : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @dropout_stream_negative(%x: tensor<4x8xf32>, %seed: i64) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.dropout' op stream (-1) must be non-negative}}
  %y = axt.dropout %x, %seed {rate = 0.5 : f32, stream = -1 : i64} : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @dropout_seed_i32(%x: tensor<4x8xf32>, %seed: i32) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.dropout' op operand #1 must be 64-bit signless integer, but got 'i32'}}
  %y = "axt.dropout"(%x, %seed) {rate = 0.5 : f32, stream = 0 : i64} : (tensor<4x8xf32>, i32) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @dropout_backward_rate(%dy: tensor<4x8xf32>, %seed: i64) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.dropout_backward' op rate (2.000000e+00) must be in [0, 1)}}
  %dx = axt.dropout_backward %dy, %seed {rate = 2.0 : f32, stream = 0 : i64} : tensor<4x8xf32>
  return %dx : tensor<4x8xf32>
}

// -----

func.func @add_result_not_broadcast_type(%a: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'axt.add' op result type ('tensor<?x8xf32>') must be the broadcast type ('tensor<4x8xf32>')}}
  %s = axt.add %a, %b : tensor<4x8xf32>, tensor<8xf32> -> tensor<?x8xf32>
  return %s : tensor<?x8xf32>
}

// -----

// Shapes align at their last dimension: [4, 8] meets [2, 8, 1] as
// [1, 4, 8] against [2, 8, 1].
func.func @add_broadcast_misaligned(%a: tensor<4x8xf32>, %b: tensor<2x8x1xf32>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{'axt.add' op operand types ('tensor<4x8xf32>', 'tensor<2x8x1xf32>') do not broadcast: dimension 1 of the result: sizes 4 and 8}}
  %s = axt.add %a, %b : tensor<4x8xf32>, tensor<2x8x1xf32> -> tensor<2x4x8xf32>
  return %s : tensor<2x4x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// axt.sum_to_shape
//===----------------------------------------------------------------------===//

func.func @sum_to_shape_not_broadcast(%dy: tensor<4x8xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'axt.sum_to_shape' op result type ('tensor<3xf32>') must broadcast to the input type ('tensor<4x8xf32>')}}
  %d = axt.sum_to_shape %dy : tensor<4x8xf32> -> tensor<3xf32>
  return %d : tensor<3xf32>
}

// -----

func.func @sum_to_shape_larger(%dy: tensor<8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'axt.sum_to_shape' op result type ('tensor<4x8xf32>') must broadcast to the input type ('tensor<8xf32>')}}
  %d = axt.sum_to_shape %dy : tensor<8xf32> -> tensor<4x8xf32>
  return %d : tensor<4x8xf32>
}
