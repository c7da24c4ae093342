// RUN: axt-opt %s --split-input-file --verify-diagnostics

// !axt.stashed takes exactly one parameter: a ranked tensor, !axt.packed or
// !axt.mask type.

// expected-error @+1 {{a stashed value must be a ranked tensor, an !axt.packed, an !axt.mask or an !axt.indices (got 'f32')}}
func.func private @stashed_scalar(!axt.stashed<f32>)

// -----

// expected-error @+1 {{a stashed value must be a ranked tensor, an !axt.packed, an !axt.mask or an !axt.indices (got 'tensor<*xf32>')}}
func.func private @stashed_unranked_tensor(!axt.stashed<tensor<*xf32>>)

// -----

// expected-error @+1 {{a stashed value must be a ranked tensor, an !axt.packed, an !axt.mask or an !axt.indices (got 'memref<4xf32>')}}
func.func private @stashed_memref(!axt.stashed<memref<4xf32>>)

// -----

// expected-error @+1 {{a stashed value must be a ranked tensor, an !axt.packed, an !axt.mask or an !axt.indices (got 'vector<4xf32>')}}
func.func private @stashed_vector(!axt.stashed<vector<4xf32>>)

// -----

// expected-error @+1 {{a stashed value must be a ranked tensor, an !axt.packed, an !axt.mask or an !axt.indices (got '!axt.stashed<tensor<4xf32>>')}}
func.func private @stashed_stashed(!axt.stashed<!axt.stashed<tensor<4xf32>>>)

// -----

// expected-error @+2 {{expected non-function type}}
// expected-error @+1 {{failed to parse Axt_StashedType parameter 'storedType' which is to be a `::mlir::Type`}}
func.func private @stashed_no_parameter(!axt.stashed<>)

// -----

// expected-error @+1 {{expected '<'}}
func.func private @stashed_no_brackets(!axt.stashed)

// -----

// expected-error @+1 {{expected '>'}}
func.func private @stashed_two_parameters(!axt.stashed<tensor<4xf32>, tensor<4xf32>>)

// -----

// expected-error @+1 {{unbalanced '<' character in pretty dialect name}}
func.func private @stashed_unbalanced(!axt.stashed<tensor<4xf32>)

// -----

// expected-error @+1 {{unknown  type `stash` in dialect `axt`}}
func.func private @unknown_mnemonic(!axt.stash<tensor<4xf32>>)
