// RUN: axt-opt %s | axt-opt | FileCheck %s
// RUN: axt-opt %s --mlir-print-op-generic | axt-opt | FileCheck %s

// Round trip of the compression types and ops, through the custom and the
// generic form.

// CHECK-LABEL: func.func @quantize(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x16x4x4xf32>, %[[S:[^:]+]]: i64)
// CHECK:         %[[P:.+]] = axt.quantize %[[X]], %[[S]] {stream = 7 : i64} : tensor<?x16x4x4xf32> -> !axt.packed<tensor<?x16x4x4xf32>, bits = 2, group = 256>
// CHECK:         %[[C:.+]] = axt.quantize %[[X]], %[[S]] {rounding = "nearest", stream = 8 : i64} : tensor<?x16x4x4xf32> -> !axt.packed<tensor<?x16x4x4xf32>, bits = 3, group = channel>
// CHECK:         %[[K:.+]] = axt.stash %[[P]] : !axt.packed<tensor<?x16x4x4xf32>, bits = 2, group = 256>
// CHECK:         %[[U:.+]] = axt.unstash %[[K]] : !axt.stashed<!axt.packed<tensor<?x16x4x4xf32>, bits = 2, group = 256>>
// CHECK:         %[[Y:.+]] = axt.dequantize %[[U]][%[[N:.+]]] : !axt.packed<tensor<?x16x4x4xf32>, bits = 2, group = 256>
// CHECK:         %[[Z:.+]] = axt.dequantize %[[C]][%[[N]]] : !axt.packed<tensor<?x16x4x4xf32>, bits = 3, group = channel>
// CHECK:         return %[[Y]], %[[Z]]
func.func @quantize(%x: tensor<?x16x4x4xf32>, %seed: i64) -> (tensor<?x16x4x4xf32>, tensor<?x16x4x4xf32>) {
  %p = axt.quantize %x, %seed {stream = 7 : i64} : tensor<?x16x4x4xf32> -> !axt.packed<tensor<?x16x4x4xf32>, bits = 2, group = 256>
  %c = axt.quantize %x, %seed {stream = 8 : i64, rounding = "nearest"} : tensor<?x16x4x4xf32> -> !axt.packed<tensor<?x16x4x4xf32>, bits = 3, group = channel>
  %s = axt.stash %p : !axt.packed<tensor<?x16x4x4xf32>, bits = 2, group = 256>
  %u = axt.unstash %s : !axt.stashed<!axt.packed<tensor<?x16x4x4xf32>, bits = 2, group = 256>>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x16x4x4xf32>
  %y = axt.dequantize %u [%n] : !axt.packed<tensor<?x16x4x4xf32>, bits = 2, group = 256>
  %z = axt.dequantize %c [%n] : !axt.packed<tensor<?x16x4x4xf32>, bits = 3, group = channel>
  return %y, %z : tensor<?x16x4x4xf32>, tensor<?x16x4x4xf32>
}

// Every bit width.
// CHECK-LABEL: func.func private @bit_widths(
// CHECK-SAME:    !axt.packed<tensor<8xf32>, bits = 1, group = 8>
// CHECK-SAME:    !axt.packed<tensor<8xf32>, bits = 4, group = 3>
// CHECK-SAME:    !axt.packed<tensor<8xf32>, bits = 8, group = 1>
func.func private @bit_widths(!axt.packed<tensor<8xf32>, bits = 1, group = 8>,
                              !axt.packed<tensor<8xf32>, bits = 4, group = 3>,
                              !axt.packed<tensor<8xf32>, bits = 8, group = 1>)

// CHECK-LABEL: func.func @mask(
// CHECK-SAME:    %[[Y:[^:]+]]: tensor<?x256xf32>)
// CHECK:         %[[M:.+]] = axt.pack_mask %[[Y]] : tensor<?x256xf32>
// CHECK:         %[[S:.+]] = axt.stash %[[M]] : !axt.mask<tensor<?x256xf32>>
// CHECK:         %[[U:.+]] = axt.unstash %[[S]] : !axt.stashed<!axt.mask<tensor<?x256xf32>>>
// CHECK:         %[[Z:.+]] = axt.unpack_mask %[[U]][%{{.+}}] : !axt.mask<tensor<?x256xf32>>
// CHECK:         return %[[Z]]
func.func @mask(%y: tensor<?x256xf32>) -> tensor<?x256xf32> {
  %m = axt.pack_mask %y : tensor<?x256xf32>
  %s = axt.stash %m : !axt.mask<tensor<?x256xf32>>
  %u = axt.unstash %s : !axt.stashed<!axt.mask<tensor<?x256xf32>>>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %y, %c0 : tensor<?x256xf32>
  %z = axt.unpack_mask %u [%n] : !axt.mask<tensor<?x256xf32>>
  return %z : tensor<?x256xf32>
}

// CHECK-LABEL: func.func @indices(
// CHECK-SAME:    %[[I:[^:]+]]: tensor<?x6x14x14xi32>, %[[N:[^:]+]]: index)
// CHECK:         %[[P:.+]] = axt.pack_indices %[[I]] : tensor<?x6x14x14xi32> -> !axt.indices<tensor<?x6x14x14xi32>, bits = 2>
// CHECK:         %[[S:.+]] = axt.stash %[[P]] : !axt.indices<tensor<?x6x14x14xi32>, bits = 2>
// CHECK:         %[[U:.+]] = axt.unstash %[[S]] : !axt.stashed<!axt.indices<tensor<?x6x14x14xi32>, bits = 2>>
// CHECK:         %[[J:.+]] = axt.unpack_indices %[[U]][%[[N]]] : !axt.indices<tensor<?x6x14x14xi32>, bits = 2>
// CHECK:         return %[[J]]
func.func @indices(%i: tensor<?x6x14x14xi32>, %n: index) -> tensor<?x6x14x14xi32> {
  %p = axt.pack_indices %i : tensor<?x6x14x14xi32> -> !axt.indices<tensor<?x6x14x14xi32>, bits = 2>
  %s = axt.stash %p : !axt.indices<tensor<?x6x14x14xi32>, bits = 2>
  %u = axt.unstash %s : !axt.stashed<!axt.indices<tensor<?x6x14x14xi32>, bits = 2>>
  %j = axt.unpack_indices %u[%n] : !axt.indices<tensor<?x6x14x14xi32>, bits = 2>
  return %j : tensor<?x6x14x14xi32>
}

// Exact-zero codes, and the mask read from them.
// CHECK-LABEL: func.func @exact_zero(
// CHECK:         %[[P:.+]] = axt.quantize %{{.+}}, %{{.+}} {stream = 3 : i64} : tensor<?x256xf32> -> !axt.packed<tensor<?x256xf32>, bits = 2, group = 256, exact_zero>
// CHECK:         axt.dequantize %[[P]][%{{.+}}] : !axt.packed<tensor<?x256xf32>, bits = 2, group = 256, exact_zero>
// CHECK:         axt.unpack_mask %[[P]][%{{.+}}] : !axt.packed<tensor<?x256xf32>, bits = 2, group = 256, exact_zero>
// CHECK-LABEL: func.func private @exact_zero_channel(
// CHECK-SAME:    !axt.packed<tensor<?x8x4x4xf32>, bits = 4, group = channel, exact_zero>
func.func @exact_zero(%x: tensor<?x256xf32>, %seed: i64, %n: index) -> (tensor<?x256xf32>, tensor<?x256xf32>) {
  %p = axt.quantize %x, %seed {stream = 3 : i64} : tensor<?x256xf32> -> !axt.packed<tensor<?x256xf32>, bits = 2, group = 256, exact_zero>
  %y = axt.dequantize %p [%n] : !axt.packed<tensor<?x256xf32>, bits = 2, group = 256, exact_zero>
  %m = axt.unpack_mask %p [%n] : !axt.packed<tensor<?x256xf32>, bits = 2, group = 256, exact_zero>
  return %y, %m : tensor<?x256xf32>, tensor<?x256xf32>
}
func.func private @exact_zero_channel(!axt.packed<tensor<?x8x4x4xf32>, bits = 4, group = channel, exact_zero>)
