// RUN: axt-opt %s --split-input-file --verify-diagnostics

// One case per diagnostic of the compression types and ops.

// expected-error @+1 {{bits (5) must be 1, 2, 3, 4 or 8}}
func.func private @bits_5(!axt.packed<tensor<8xf32>, bits = 5, group = 8>)

// -----

// expected-error @+1 {{bits (0) must be 1, 2, 3, 4 or 8}}
func.func private @bits_0(!axt.packed<tensor<8xf32>, bits = 0, group = 8>)

// -----

// expected-error @+1 {{only f32 tensors can be packed (got 'tensor<8xi32>')}}
func.func private @packed_i32(!axt.packed<tensor<8xi32>, bits = 2, group = 8>)

// -----

// expected-error @+1 {{group (-4) must be positive}}
func.func private @group_negative(!axt.packed<tensor<8xf32>, bits = 2, group = -4>)

// -----

// expected-error @+1 {{a per-channel layout needs a tensor [N, C, ...] with static sizes after C (got 'tensor<4x8xf32>')}}
func.func private @channel_rank_2(!axt.packed<tensor<4x8xf32>, bits = 2, group = channel>)

// -----

// expected-error @+1 {{a per-channel layout needs a tensor [N, C, ...] with static sizes after C (got 'tensor<4x8x?xf32>')}}
func.func private @channel_dynamic_plane(!axt.packed<tensor<4x8x?xf32>, bits = 2, group = channel>)

// -----

// expected-error @+1 {{a stashed value must be a ranked tensor, an !axt.packed, an !axt.mask or an !axt.indices (got 'f32')}}
func.func private @stashed_scalar(!axt.stashed<f32>)

// -----

func.func @quantize_integer_tensor(%x: tensor<8xi32>, %seed: i64) {
  // expected-error @+1 {{'axt.quantize' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<8xi32>'}}
  %p = "axt.quantize"(%x, %seed) {stream = 0 : i64} : (tensor<8xi32>, i64) -> !axt.packed<tensor<8xf32>, bits = 2, group = 8>
  return
}

// -----

func.func @quantize_type_mismatch(%x: tensor<4xf32>, %seed: i64) {
  // expected-error @+1 {{'axt.quantize' op failed to verify that result packs the input type}}
  %p = axt.quantize %x, %seed {stream = 0 : i64} : tensor<4xf32> -> !axt.packed<tensor<8xf32>, bits = 2, group = 8>
  return
}

// -----

func.func @quantize_rounding(%x: tensor<8xf32>, %seed: i64) {
  // expected-error @+1 {{'axt.quantize' op rounding ("up") must be "stochastic" or "nearest"}}
  %p = axt.quantize %x, %seed {stream = 0 : i64, rounding = "up"} : tensor<8xf32> -> !axt.packed<tensor<8xf32>, bits = 2, group = 8>
  return
}

// -----

func.func @quantize_stream(%x: tensor<8xf32>, %seed: i64) {
  // expected-error @+1 {{'axt.quantize' op stream (-2) must be non-negative}}
  %p = axt.quantize %x, %seed {stream = -2 : i64} : tensor<8xf32> -> !axt.packed<tensor<8xf32>, bits = 2, group = 8>
  return
}

// -----

func.func @pack_mask_integer(%x: tensor<8xi32>) {
  // expected-error @+1 {{'axt.pack_mask' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<8xi32>'}}
  %m = "axt.pack_mask"(%x) : (tensor<8xi32>) -> !axt.mask<tensor<8xi32>>
  return
}

// -----

func.func @dequantize_missing_size(%p: !axt.packed<tensor<?x8xf32>, bits = 2, group = 8>) {
  // expected-error @+1 {{'axt.dequantize' op needs one size per dynamic dimension of 'tensor<?x8xf32>' (1), got 0}}
  %y = axt.dequantize %p : !axt.packed<tensor<?x8xf32>, bits = 2, group = 8>
  return
}

// -----

func.func @unpack_mask_extra_size(%m: !axt.mask<tensor<4x8xf32>>, %n: index) {
  // expected-error @+1 {{'axt.unpack_mask' op needs one size per dynamic dimension of 'tensor<4x8xf32>' (0), got 1}}
  %y = axt.unpack_mask %m [%n] : !axt.mask<tensor<4x8xf32>>
  return
}

// -----

func.func @unpack_mask_type(%m: !axt.mask<tensor<8xf32>>) {
  // expected-error @+1 {{'axt.unpack_mask' op failed to verify that result is the masked tensor type}}
  %y = "axt.unpack_mask"(%m) : (!axt.mask<tensor<8xf32>>) -> tensor<4xf32>
  return
}

// -----

// expected-error @+1 {{only i32 tensors can be packed as indices (got 'tensor<8xf32>')}}
func.func private @indices_f32(!axt.indices<tensor<8xf32>, bits = 2>)

// -----

// expected-error @+1 {{bits (17) must be in [1, 16]}}
func.func private @indices_17_bits(!axt.indices<tensor<8xi32>, bits = 17>)

// -----

func.func @unpack_indices_missing_size(%p: !axt.indices<tensor<?x8xi32>, bits = 2>) {
  // expected-error @+1 {{'axt.unpack_indices' op needs one size per dynamic dimension of 'tensor<?x8xi32>' (1), got 0}}
  %i = axt.unpack_indices %p : !axt.indices<tensor<?x8xi32>, bits = 2>
  return
}

// -----

// expected-error @+1 {{exact_zero needs at least 2 bits (got 1)}}
func.func private @exact_zero_1_bit(!axt.packed<tensor<8xf32>, bits = 1, group = 8, exact_zero>)

// -----

// expected-error @+1 {{expected 'exact_zero'}}
func.func private @exact_zero_misspelt(!axt.packed<tensor<8xf32>, bits = 2, group = 8, exact_zeros>)

// -----

func.func @unpack_mask_of_plain_codes(%p: !axt.packed<tensor<8xf32>, bits = 2, group = 8>) {
  // expected-error @+1 {{'axt.unpack_mask' op reads a mask from the codes of a packed tensor only with exact_zero (got '!axt.packed<tensor<8xf32>, bits = 2, group = 8>')}}
  %y = axt.unpack_mask %p : !axt.packed<tensor<8xf32>, bits = 2, group = 8>
  return
}
