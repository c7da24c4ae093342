// RUN: axt-opt %s --split-input-file --axt-relu-mask | FileCheck %s

// A ReLU output read by its own backward and by the next layer's weight
// gradient: the backward reads a 1-bit mask (stashed next to the output,
// with the batch size taken in the forward); the output stays stashed for
// the weight gradient.

// CHECK-LABEL: func.func @relu_then_linear(
// CHECK:         %[[R:.+]] = axt.relu %{{.+}} : tensor<?x16xf32>
// CHECK-NEXT:    %[[S:.+]] = axt.stash %[[R]] : tensor<?x16xf32>
// CHECK-NEXT:    %[[M:.+]] = axt.pack_mask %[[R]] : tensor<?x16xf32>
// CHECK-NEXT:    %[[SM:.+]] = axt.stash %[[M]] : !axt.mask<tensor<?x16xf32>>
// CHECK:         %[[N:.+]] = tensor.dim %[[R]]
// CHECK:         %[[UR:.+]] = axt.unstash %[[S]] : !axt.stashed<tensor<?x16xf32>>
// CHECK:         axt.linear_backward_weight %{{.+}}, %[[UR]]
// CHECK:         %[[UM:.+]] = axt.unstash %[[SM]] : !axt.stashed<!axt.mask<tensor<?x16xf32>>>
// CHECK:         %[[MASK:.+]] = axt.unpack_mask %[[UM]][%[[N]]] : !axt.mask<tensor<?x16xf32>>
// CHECK:         axt.relu_backward %{{.+}}, %[[MASK]] : tensor<?x16xf32>
func.func @relu_then_linear(%h: tensor<?x16xf32>, %dz: tensor<?x10xf32>, %dr: tensor<?x16xf32>) -> (tensor<10x16xf32>, tensor<?x16xf32>) {
  %r = axt.relu %h : tensor<?x16xf32>
  %s = axt.stash %r : tensor<?x16xf32>
  %u1 = axt.unstash %s : !axt.stashed<tensor<?x16xf32>>
  %dw = axt.linear_backward_weight %dz, %u1 : tensor<?x10xf32>, tensor<?x16xf32> -> tensor<10x16xf32>
  %u2 = axt.unstash %s : !axt.stashed<tensor<?x16xf32>>
  %dh = axt.relu_backward %dr, %u2 : tensor<?x16xf32>
  return %dw, %dh : tensor<10x16xf32>, tensor<?x16xf32>
}

// -----

// Read only by its own backward (ReLU then max-pool, whose backward needs
// only its indices): the output is no longer kept at all, only its mask.

// CHECK-LABEL: func.func @relu_only_backward(
// CHECK:         %[[R:.+]] = axt.relu %{{.+}} : tensor<2x8xf32>
// CHECK-NOT:     axt.stash %[[R]] :
// CHECK:         %[[M:.+]] = axt.pack_mask %[[R]]
// CHECK:         axt.stash %[[M]] : !axt.mask<tensor<2x8xf32>>
// CHECK-NOT:     axt.unstash {{.*}} : !axt.stashed<tensor<2x8xf32>>
// CHECK:         axt.unpack_mask %{{.+}} : !axt.mask<tensor<2x8xf32>>
func.func @relu_only_backward(%h: tensor<2x8xf32>, %dr: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %r = axt.relu %h : tensor<2x8xf32>
  %s = axt.stash %r : tensor<2x8xf32>
  %u = axt.unstash %s : !axt.stashed<tensor<2x8xf32>>
  %dh = axt.relu_backward %dr, %u : tensor<2x8xf32>
  return %dh : tensor<2x8xf32>
}

// -----

// A relu_backward of something else than a stashed ReLU output is left
// alone.

// CHECK-LABEL: func.func @not_a_relu(
// CHECK-NOT:     axt.pack_mask
// CHECK:         axt.relu_backward %{{.+}}, %{{.+}} : tensor<2x8xf32>
func.func @not_a_relu(%h: tensor<2x8xf32>, %dr: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %s = axt.stash %h : tensor<2x8xf32>
  %u = axt.unstash %s : !axt.stashed<tensor<2x8xf32>>
  %dh = axt.relu_backward %dr, %u : tensor<2x8xf32>
  return %dh : tensor<2x8xf32>
}

// -----

// Max-pool positions inside 2x2 windows keep 2 bits each; each backward use
// unpacks them (with the batch size read in the forward).

// CHECK-LABEL: func.func @pool_positions(
// CHECK:         %[[Y:.+]], %[[I:.+]] = axt.max_pool2d
// CHECK-NEXT:    %[[P:.+]] = axt.pack_indices %[[I]] : tensor<?x3x4x4xi32> -> !axt.indices<tensor<?x3x4x4xi32>, bits = 2>
// CHECK-NEXT:    %[[S:.+]] = axt.stash %[[P]]
// CHECK:         %[[N:.+]] = tensor.dim %[[I]]
// CHECK:         %[[U:.+]] = axt.unstash %[[S]]
// CHECK:         %[[J:.+]] = axt.unpack_indices %[[U]][%[[N]]] : !axt.indices<tensor<?x3x4x4xi32>, bits = 2>
// CHECK:         axt.max_pool2d_backward %{{.+}}, %[[J]]
func.func @pool_positions(%x: tensor<?x3x8x8xf32>, %dy: tensor<?x3x4x4xf32>) -> tensor<?x3x8x8xf32> {
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x8x8xf32> -> tensor<?x3x4x4xf32>, tensor<?x3x4x4xi32>
  %s = axt.stash %i : tensor<?x3x4x4xi32>
  %u = axt.unstash %s : !axt.stashed<tensor<?x3x4x4xi32>>
  %dx = axt.max_pool2d_backward %dy, %u {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x4x4xf32>, tensor<?x3x4x4xi32> -> tensor<?x3x8x8xf32>
  return %dx : tensor<?x3x8x8xf32>
}
