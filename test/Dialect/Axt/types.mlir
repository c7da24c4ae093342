// RUN: axt-opt %s | axt-opt | FileCheck %s
// RUN: axt-opt %s --mlir-print-op-generic | axt-opt | FileCheck %s

// Parsing and printing of !axt.stashed<...>: it wraps any ranked tensor type,
// whatever its shape, element type or encoding.

// CHECK-LABEL: func.func private @static_f32(!axt.stashed<tensor<64x256xf32>>)
func.func private @static_f32(!axt.stashed<tensor<64x256xf32>>)

// CHECK-LABEL: func.func private @dynamic_batch(!axt.stashed<tensor<?x256xf32>>)
func.func private @dynamic_batch(!axt.stashed<tensor<?x256xf32>>)

// CHECK-LABEL: func.func private @all_dynamic(!axt.stashed<tensor<?x?x?x?xf32>>)
func.func private @all_dynamic(!axt.stashed<tensor<?x?x?x?xf32>>)

// CHECK-LABEL: func.func private @rank_0(!axt.stashed<tensor<f32>>)
func.func private @rank_0(!axt.stashed<tensor<f32>>)

// CHECK-LABEL: func.func private @zero_size(!axt.stashed<tensor<0x10xf32>>)
func.func private @zero_size(!axt.stashed<tensor<0x10xf32>>)

// Labels and masks are stashed as integer tensors.
// CHECK-LABEL: func.func private @integer_elements(!axt.stashed<tensor<?xi32>>, !axt.stashed<tensor<64xi64>>, !axt.stashed<tensor<?x256xi1>>)
func.func private @integer_elements(!axt.stashed<tensor<?xi32>>, !axt.stashed<tensor<64xi64>>, !axt.stashed<tensor<?x256xi1>>)

// Compressed values may be kept in a narrower float type.
// CHECK-LABEL: func.func private @other_float_elements(!axt.stashed<tensor<?x256xbf16>>, !axt.stashed<tensor<?x256xf16>>, !axt.stashed<tensor<4xf64>>)
func.func private @other_float_elements(!axt.stashed<tensor<?x256xbf16>>, !axt.stashed<tensor<?x256xf16>>, !axt.stashed<tensor<4xf64>>)

// CHECK-LABEL: func.func private @encoding(!axt.stashed<tensor<64x256xf32, "compressed">>)
func.func private @encoding(!axt.stashed<tensor<64x256xf32, "compressed">>)

// Whitespace inside the brackets is not significant.
// CHECK-LABEL: func.func private @whitespace(!axt.stashed<tensor<4x4xf32>>)
func.func private @whitespace(!axt.stashed< tensor<4x4xf32> >)

// CHECK-LABEL: func.func private @results(tensor<?x784xf32>) -> (!axt.stashed<tensor<?x784xf32>>, !axt.stashed<tensor<?xi32>>)
func.func private @results(tensor<?x784xf32>) -> (!axt.stashed<tensor<?x784xf32>>, !axt.stashed<tensor<?xi32>>)

// CHECK-LABEL: func.func private @nested(tuple<!axt.stashed<tensor<4xf32>>, !axt.stashed<tensor<f32>>>) -> (() -> !axt.stashed<tensor<2x2xf32>>)
func.func private @nested(tuple<!axt.stashed<tensor<4xf32>>, !axt.stashed<tensor<f32>>>) -> (() -> !axt.stashed<tensor<2x2xf32>>)

// Stashed values pass through calls and returns unchanged.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x784xf32>) -> !axt.stashed<tensor<?x784xf32>>
// CHECK:         %[[S:.+]] = axt.stash %[[X]] : tensor<?x784xf32>
// CHECK:         return %[[S]] : !axt.stashed<tensor<?x784xf32>>
func.func @forward(%x: tensor<?x784xf32>) -> !axt.stashed<tensor<?x784xf32>> {
  %s = axt.stash %x : tensor<?x784xf32>
  return %s : !axt.stashed<tensor<?x784xf32>>
}

// CHECK-LABEL: func.func @pass_through(
// CHECK-SAME:    %[[A:[^:]+]]: !axt.stashed<tensor<?x784xf32>>, %[[B:[^:]+]]: !axt.stashed<tensor<f32>>) -> (!axt.stashed<tensor<f32>>, !axt.stashed<tensor<?x784xf32>>)
// CHECK:         return %[[B]], %[[A]] : !axt.stashed<tensor<f32>>, !axt.stashed<tensor<?x784xf32>>
func.func @pass_through(%a: !axt.stashed<tensor<?x784xf32>>, %b: !axt.stashed<tensor<f32>>) -> (!axt.stashed<tensor<f32>>, !axt.stashed<tensor<?x784xf32>>) {
  return %b, %a : !axt.stashed<tensor<f32>>, !axt.stashed<tensor<?x784xf32>>
}

// CHECK-LABEL: func.func @call(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x784xf32>) -> tensor<?x784xf32>
// CHECK:         %[[S:.+]] = call @forward(%[[X]]) : (tensor<?x784xf32>) -> !axt.stashed<tensor<?x784xf32>>
// CHECK:         %[[U:.+]] = axt.unstash %[[S]] : !axt.stashed<tensor<?x784xf32>>
// CHECK:         return %[[U]] : tensor<?x784xf32>
func.func @call(%x: tensor<?x784xf32>) -> tensor<?x784xf32> {
  %s = func.call @forward(%x) : (tensor<?x784xf32>) -> !axt.stashed<tensor<?x784xf32>>
  %u = axt.unstash %s : !axt.stashed<tensor<?x784xf32>>
  return %u : tensor<?x784xf32>
}
