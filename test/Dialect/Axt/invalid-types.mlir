// RUN: axt-opt %s --split-input-file --verify-diagnostics

// !axt.stashed takes exactly one parameter, a ranked tensor type.

// expected-error @+2 {{invalid kind of type specified: expected builtin.tensor, but found 'f32'}}
// expected-error @+1 {{failed to parse Axt_StashedType parameter 'tensorType' which is to be a `::mlir::RankedTensorType`}}
func.func private @stashed_scalar(!axt.stashed<f32>)

// -----

// expected-error @+2 {{invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
// expected-error @+1 {{failed to parse Axt_StashedType parameter 'tensorType' which is to be a `::mlir::RankedTensorType`}}
func.func private @stashed_unranked_tensor(!axt.stashed<tensor<*xf32>>)

// -----

// expected-error @+2 {{invalid kind of type specified: expected builtin.tensor, but found 'memref<4xf32>'}}
// expected-error @+1 {{failed to parse Axt_StashedType parameter 'tensorType' which is to be a `::mlir::RankedTensorType`}}
func.func private @stashed_memref(!axt.stashed<memref<4xf32>>)

// -----

// expected-error @+2 {{invalid kind of type specified: expected builtin.tensor, but found 'vector<4xf32>'}}
// expected-error @+1 {{failed to parse Axt_StashedType parameter 'tensorType' which is to be a `::mlir::RankedTensorType`}}
func.func private @stashed_vector(!axt.stashed<vector<4xf32>>)

// -----

// expected-error @+2 {{invalid kind of type specified: expected builtin.tensor, but found '!axt.stashed<tensor<4xf32>>'}}
// expected-error @+1 {{failed to parse Axt_StashedType parameter 'tensorType' which is to be a `::mlir::RankedTensorType`}}
func.func private @stashed_stashed(!axt.stashed<!axt.stashed<tensor<4xf32>>>)

// -----

// expected-error @+2 {{expected non-function type}}
// expected-error @+1 {{failed to parse Axt_StashedType parameter 'tensorType' which is to be a `::mlir::RankedTensorType`}}
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
