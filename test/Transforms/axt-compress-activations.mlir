// RUN: axt-opt %s --split-input-file --axt-compress-activations | FileCheck %s
// RUN: axt-opt %s --split-input-file --axt-compress-activations="bits=4 group-size=64 rounding=nearest" | FileCheck %s --check-prefix=OPTS
// RUN: axt-opt %s --split-input-file --axt-compress-activations="exclude=axt.relu" | FileCheck %s --check-prefix=EXCLUDE
// RUN: axt-opt %s --split-input-file --axt-compress-activations="derive-masks=false" | FileCheck %s --check-prefix=BOTH
// RUN: axt-opt %s --split-input-file --axt-compress-activations="bits=1" | FileCheck %s --check-prefix=BOTH
// RUN: axt-opt %s --split-input-file --axt-compress-activations="streams=4294967297" | FileCheck %s --check-prefix=ONE
// RUN: axt-opt %s --split-input-file --axt-compress-activations="compress-inputs=true" | FileCheck %s --check-prefix=INPUT

// The training step of a two-layer MLP (axt-autodiff's output): every
// stashed f32 activation is kept quantized (2 bits, groups of 256,
// stochastic rounding with the step's seed and one stream per compressed
// stash); the logits of the loss keep 8 bits; the arguments (labels,
// weights, the batch input), alive for the whole step anyway, stay as they
// are. Each backward use dequantizes the one copy, with the dynamic batch
// size read in the forward.

// CHECK-LABEL: func.func @mlp_train_step(
// CHECK-SAME:      %[[W2:[^:]+]]: tensor<10x16xf32>, %{{[^:]+}}: tensor<10xf32>, %{{[^:]+}}: tensor<16x12xf32>, %{{[^:]+}}: tensor<16xf32>, %{{[^:]+}}: tensor<10x16xf32>, %{{[^:]+}}: tensor<10xf32>, %[[X:[^:]+]]: tensor<?x12xf32> {axt.input}, %[[T:[^:]+]]: tensor<?xi32>, %{{[^:]+}}: f32, %[[SEED:[^:]+]]: i64)
// CHECK:         axt.stash %[[T]] : tensor<?xi32>
// CHECK:         axt.stash %[[W2]] : tensor<10x16xf32>
// CHECK:         %[[SX:.+]] = axt.stash %[[X]] : tensor<?x12xf32>
// CHECK:         %[[R:.+]] = axt.relu
// CHECK:         %[[QR:.+]] = axt.quantize %[[R]], %[[SEED]] {stream = 4294967296 : i64} : tensor<?x16xf32> -> !axt.packed<tensor<?x16xf32>, bits = 2, group = 256>
// CHECK:         %[[SR:.+]] = axt.stash %[[QR]]
// CHECK:         %[[NR:.+]] = tensor.dim %[[R]]
// CHECK:         %[[Z:.+]] = axt.linear %[[R]]
// CHECK:         axt.quantize %[[Z]], %[[SEED]] {axt.min_bits = 8 : i64, stream = 4294967297 : i64} : tensor<?x10xf32> -> !axt.packed<tensor<?x10xf32>, bits = 8, group = 256>
// CHECK:         %[[UR:.+]] = axt.unstash %[[SR]] : !axt.stashed<!axt.packed<tensor<?x16xf32>, bits = 2, group = 256>>
// CHECK:         %[[DR:.+]] = axt.dequantize %[[UR]][%[[NR]]] : !axt.packed<tensor<?x16xf32>, bits = 2, group = 256>
// CHECK:         axt.linear_backward_weight %{{.+}}, %[[DR]]
// CHECK:         %[[UX:.+]] = axt.unstash %[[SX]] : !axt.stashed<tensor<?x12xf32>>
// CHECK:         axt.linear_backward_weight %{{.+}}, %[[UX]]

// With compress-inputs, the batch input is kept quantized too (the first
// stream); the other arguments are not.
// INPUT-LABEL: func.func @mlp_train_step(
// INPUT-SAME:      %[[X:[^:]+]]: tensor<?x12xf32> {axt.input}, %{{[^:]+}}: tensor<?xi32>, %{{[^:]+}}: f32, %[[SEED:[^:]+]]: i64)
// INPUT:         axt.stash %{{.+}} : tensor<?xi32>
// INPUT:         axt.stash %{{.+}} : tensor<10x16xf32>
// INPUT:         %[[QX:.+]] = axt.quantize %[[X]], %[[SEED]] {stream = 4294967296 : i64} : tensor<?x12xf32> -> !axt.packed<tensor<?x12xf32>, bits = 2, group = 256>
// INPUT:         %[[SX:.+]] = axt.stash %[[QX]] : !axt.packed<tensor<?x12xf32>, bits = 2, group = 256>
// INPUT:         %[[NX:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x12xf32>
// INPUT:         axt.quantize {{.*}} {stream = 4294967297 : i64} : tensor<?x16xf32>
// INPUT:         axt.quantize {{.*}} {axt.min_bits = 8 : i64, stream = 4294967298 : i64} : tensor<?x10xf32>
// INPUT:         %[[UX:.+]] = axt.unstash %[[SX]]
// INPUT:         %[[DX:.+]] = axt.dequantize %[[UX]][%[[NX]]]
// INPUT:         axt.linear_backward_weight %{{.+}}, %[[DX]]
// INPUT-NOT:     axt.unstash {{.*}} : !axt.stashed<tensor<?x{{.*}}xf32>>

// OPTS-LABEL: func.func @mlp_train_step(
// OPTS:         axt.quantize {{.*}} {rounding = "nearest", stream = 4294967296 : i64} : tensor<?x16xf32> -> !axt.packed<tensor<?x16xf32>, bits = 4, group = 16>
// OPTS:         axt.quantize {{.*}} -> !axt.packed<tensor<?x10xf32>, bits = 8, group = 64>

// Only the stash of stream 2^32 + 1 (the logits) is compressed; the ReLU
// output keeps its f32 stash.
// ONE-LABEL: func.func @mlp_train_step(
// ONE:         %[[R:.+]] = axt.relu
// ONE-NEXT:    axt.stash %[[R]] : tensor<?x16xf32>
// ONE:         axt.quantize %{{.+}} {axt.min_bits = 8 : i64, stream = 4294967297 : i64} : tensor<?x10xf32>
// ONE-NOT:     axt.quantize

// EXCLUDE-LABEL: func.func @mlp_train_step(
// EXCLUDE:         %[[R:.+]] = axt.relu
// EXCLUDE-NEXT:    axt.stash %[[R]] : tensor<?x16xf32>
// EXCLUDE:         axt.quantize {{.*}} {axt.min_bits = 8 : i64, stream = 4294967296 : i64} : tensor<?x10xf32>
func.func @mlp_train_step(%w1: tensor<16x12xf32>, %b1: tensor<16xf32>, %w2: tensor<10x16xf32>, %b2: tensor<10xf32>,
    %v1: tensor<16x12xf32>, %v2: tensor<16xf32>, %v3: tensor<10x16xf32>, %v4: tensor<10xf32>,
    %x: tensor<?x12xf32> {axt.input}, %t: tensor<?xi32>, %lr: f32, %seed: i64) -> (tensor<10x16xf32>, tensor<16x12xf32>) {
  %st = axt.stash %t : tensor<?xi32>
  %sw2 = axt.stash %w2 : tensor<10x16xf32>
  %sx = axt.stash %x : tensor<?x12xf32>
  %h = axt.linear %x, %w1, %b1 : tensor<?x12xf32>, tensor<16x12xf32>, tensor<16xf32> -> tensor<?x16xf32>
  %r = axt.relu %h : tensor<?x16xf32>
  %sr = axt.stash %r : tensor<?x16xf32>
  %z = axt.linear %r, %w2, %b2 : tensor<?x16xf32>, tensor<10x16xf32>, tensor<10xf32> -> tensor<?x10xf32>
  %sz = axt.stash %z : tensor<?x10xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %uz = axt.unstash %sz : !axt.stashed<tensor<?x10xf32>>
  %ut = axt.unstash %st : !axt.stashed<tensor<?xi32>>
  %dz = axt.softmax_cross_entropy_backward %one, %uz, %ut : tensor<f32>, tensor<?x10xf32>, tensor<?xi32> -> tensor<?x10xf32>
  %ur = axt.unstash %sr : !axt.stashed<tensor<?x16xf32>>
  %dw2 = axt.linear_backward_weight %dz, %ur : tensor<?x10xf32>, tensor<?x16xf32> -> tensor<10x16xf32>
  %uw2 = axt.unstash %sw2 : !axt.stashed<tensor<10x16xf32>>
  %dr = axt.linear_backward_input %dz, %uw2 : tensor<?x10xf32>, tensor<10x16xf32> -> tensor<?x16xf32>
  %ux = axt.unstash %sx : !axt.stashed<tensor<?x12xf32>>
  %dw1 = axt.linear_backward_weight %dr, %ux : tensor<?x16xf32>, tensor<?x12xf32> -> tensor<16x12xf32>
  return %dw2, %dw1 : tensor<10x16xf32>, tensor<16x12xf32>
}

// -----

// A ReLU output kept for the next layer's weight gradient and, by
// axt-relu-mask, as a 1-bit mask for its own backward: it is quantized with
// exact_zero codes, which hold the mask too; the mask's stash and pack are
// gone, its backward reads the mask from the codes (with the sizes taken in
// the forward). Without derive-masks, or at 1 bit (no code to spare), both
// stay.

// CHECK-LABEL: func.func @relu_mask_from_codes(
// CHECK:         %[[R:.+]] = axt.relu %{{.+}} : tensor<?x16xf32>
// CHECK-NEXT:    %[[Q:.+]] = axt.quantize %[[R]], %{{.+}} {stream = 4294967296 : i64} : tensor<?x16xf32> -> !axt.packed<tensor<?x16xf32>, bits = 2, group = 256, exact_zero>
// CHECK-NEXT:    %[[S:.+]] = axt.stash %[[Q]]
// CHECK:         %[[N:.+]] = tensor.dim %[[R]]
// CHECK-NOT:     axt.pack_mask
// CHECK:         %[[U1:.+]] = axt.unstash %[[S]]
// CHECK:         %[[D:.+]] = axt.dequantize %[[U1]][%[[N]]] : !axt.packed<tensor<?x16xf32>, bits = 2, group = 256, exact_zero>
// CHECK:         axt.linear_backward_weight %{{.+}}, %[[D]]
// CHECK:         %[[U2:.+]] = axt.unstash %[[S]]
// CHECK:         %[[M:.+]] = axt.unpack_mask %[[U2]][%[[N]]] : !axt.packed<tensor<?x16xf32>, bits = 2, group = 256, exact_zero>
// CHECK:         axt.relu_backward %{{.+}}, %[[M]] : tensor<?x16xf32>
// CHECK-NOT:     axt.unstash

// BOTH-LABEL: func.func @relu_mask_from_codes(
// BOTH-NOT:     exact_zero
// BOTH:         axt.pack_mask
// BOTH:         axt.unpack_mask %{{.+}} : !axt.mask<tensor<?x16xf32>>
func.func @relu_mask_from_codes(%h: tensor<?x16xf32>, %dz: tensor<?x10xf32>, %dr: tensor<?x16xf32>, %seed: i64) -> (tensor<10x16xf32>, tensor<?x16xf32>) {
  %r = axt.relu %h : tensor<?x16xf32>
  %s = axt.stash %r : tensor<?x16xf32>
  %m = axt.pack_mask %r : tensor<?x16xf32>
  %sm = axt.stash %m : !axt.mask<tensor<?x16xf32>>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %r, %c0 : tensor<?x16xf32>
  %u1 = axt.unstash %s : !axt.stashed<tensor<?x16xf32>>
  %dw = axt.linear_backward_weight %dz, %u1 : tensor<?x10xf32>, tensor<?x16xf32> -> tensor<10x16xf32>
  %um = axt.unstash %sm : !axt.stashed<!axt.mask<tensor<?x16xf32>>>
  %mask = axt.unpack_mask %um[%n] : !axt.mask<tensor<?x16xf32>>
  %dh = axt.relu_backward %dr, %mask : tensor<?x16xf32>
  return %dw, %dh : tensor<10x16xf32>, tensor<?x16xf32>
}

// -----

// Nothing stashed, nothing to do: no seed needed.
// CHECK-LABEL: func.func @forward_only(
// CHECK-NOT:     axt.quantize
func.func @forward_only(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = axt.relu %x : tensor<4xf32>
  return %r : tensor<4xf32>
}
