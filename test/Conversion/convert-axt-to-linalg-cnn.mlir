// RUN: axt-opt %s --split-input-file --convert-axt-to-linalg | FileCheck %s

// Lowering of the convolution, pooling, normalization and reshape ops to
// linalg and tensor. Where the lowering creates independent ops whose order
// depends on the host compiler (the group slices, the two spatial sizes of a
// global pooling), CHECK-DAG accepts either order.

// The forward convolution: the bias broadcast into the output is the
// accumulator; the input is zero-padded; strides and dilations (here unequal
// per dimension) go to linalg.conv_2d_nchw_fchw unchanged.
// CHECK-LABEL: func.func @conv2d(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x8x8xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK:         %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x3x8x8xf32>
// CHECK:         %[[EMPTY:.+]] = tensor.empty(%[[N]]) : tensor<?x4x4x4xf32>
// CHECK:         %[[BIAS:.+]] = linalg.broadcast ins(%[[B]] : tensor<4xf32>) outs(%[[EMPTY]] : tensor<?x4x4x4xf32>) dimensions = [0, 2, 3]
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[PAD:.+]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK:           tensor.yield %[[ZERO]] : f32
// CHECK:         } : tensor<?x3x8x8xf32> to tensor<?x3x10x8xf32>
// CHECK:         %[[Y:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>} ins(%[[PAD]], %[[W]] : tensor<?x3x10x8xf32>, tensor<4x3x3x3xf32>) outs(%[[BIAS]] : tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
// CHECK-NEXT:    return %[[Y]]
func.func @conv2d(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<?x4x4x4xf32> {
  %y = axt.conv2d %x, %w, %b {strides = array<i64: 2, 1>, padding = array<i64: 1, 0>, dilations = array<i64: 1, 2>}
      : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<?x4x4x4xf32>
  return %y : tensor<?x4x4x4xf32>
}

// -----

// Without a bias the accumulator is zeros; without padding there is no pad.
// CHECK-LABEL: func.func @conv2d_no_bias(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<2x3x8x8xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>)
// CHECK-NOT:     linalg.broadcast
// CHECK-NOT:     tensor.pad
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2x4x6x6xf32>)
// CHECK-NOT:     tensor.pad
// CHECK:         %[[Y:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X]], %[[W]] : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%[[INIT]] : tensor<2x4x6x6xf32>)
// CHECK-NEXT:    return %[[Y]]
func.func @conv2d_no_bias(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32> {
  %y = axt.conv2d %x, %w : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<2x4x6x6xf32>
  return %y : tensor<2x4x6x6xf32>
}

// -----

// Groups: each group's channels, filters and outputs are sliced, convolved
// and inserted back; group 1 starts at channel 2, filter 3, output 3.
// CHECK-LABEL: func.func @conv2d_groups(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<2x4x8x8xf32>, %[[W:[^:]+]]: tensor<6x2x3x3xf32>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x6x4x4xf32>)
// CHECK-DAG:     %[[O0:.+]] = tensor.extract_slice %[[INIT]][0, 0, 0, 0] [2, 3, 4, 4] [1, 1, 1, 1] : tensor<2x6x4x4xf32> to tensor<2x3x4x4xf32>
// CHECK-DAG:     %[[W0:.+]] = tensor.extract_slice %[[W]][0, 0, 0, 0] [3, 2, 3, 3] [1, 1, 1, 1] : tensor<6x2x3x3xf32> to tensor<3x2x3x3xf32>
// CHECK-DAG:     %[[X0:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [2, 2, 8, 8] [1, 1, 1, 1] : tensor<2x4x8x8xf32> to tensor<2x2x8x8xf32>
// CHECK:         %[[Y0:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X0]], %[[W0]] : tensor<2x2x8x8xf32>, tensor<3x2x3x3xf32>) outs(%[[O0]] : tensor<2x3x4x4xf32>)
// CHECK:         %[[R0:.+]] = tensor.insert_slice %[[Y0]] into %[[INIT]][0, 0, 0, 0] [2, 3, 4, 4] [1, 1, 1, 1] : tensor<2x3x4x4xf32> into tensor<2x6x4x4xf32>
// CHECK-DAG:     %[[O1:.+]] = tensor.extract_slice %[[INIT]][0, 3, 0, 0] [2, 3, 4, 4] [1, 1, 1, 1]
// CHECK-DAG:     %[[W1:.+]] = tensor.extract_slice %[[W]][3, 0, 0, 0] [3, 2, 3, 3] [1, 1, 1, 1]
// CHECK-DAG:     %[[X1:.+]] = tensor.extract_slice %[[X]][0, 2, 0, 0] [2, 2, 8, 8] [1, 1, 1, 1]
// CHECK:         %[[Y1:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X1]], %[[W1]] : tensor<2x2x8x8xf32>, tensor<3x2x3x3xf32>) outs(%[[O1]] : tensor<2x3x4x4xf32>)
// CHECK:         %[[R1:.+]] = tensor.insert_slice %[[Y1]] into %[[R0]][0, 3, 0, 0] [2, 3, 4, 4] [1, 1, 1, 1] : tensor<2x3x4x4xf32> into tensor<2x6x4x4xf32>
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
// CHECK:         return %[[R1]]
func.func @conv2d_groups(%x: tensor<2x4x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<2x6x4x4xf32> {
  %y = axt.conv2d %x, %w {dilations = array<i64: 2, 2>, groups = 2 : i64} : tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x4x4xf32>
  return %y : tensor<2x6x4x4xf32>
}

// -----

// The input gradient is a transposed convolution: dy is spread by the stride
// into zeros ((3 − 1) · 2 + 1 = 5), padded by dilation · (kernel − 1) −
// padding = 3 before and up to the input size after (4), and correlated at
// stride 1 and the forward dilation with the filter flipped in space and with
// its channel dimensions swapped.
// CHECK-DAG:   #[[$FLIP:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, -d2 + 2, -d3 + 2)>
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv2d_backward_input(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<?x4x3x3xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<?x3x8x8xf32>)
// CHECK:         %[[ZEROS:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<?x4x5x5xf32>)
// CHECK:         %[[SPREAD:.+]] = tensor.insert_slice %[[DY]] into %[[ZEROS]][0, 0, 0, 0] [%{{.+}}, 4, 3, 3] [1, 1, 2, 2] : tensor<?x4x3x3xf32> into tensor<?x4x5x5xf32>
// CHECK:         %[[PAD:.+]] = tensor.pad %[[SPREAD]] low[0, 0, 3, 3] high[0, 0, 4, 4]
// CHECK:         } : tensor<?x4x5x5xf32> to tensor<?x4x12x12xf32>
// CHECK:         %[[FLIP_INIT:.+]] = tensor.empty() : tensor<3x4x3x3xf32>
// CHECK:         %[[FLIPPED:.+]] = linalg.generic {indexing_maps = [#[[$FLIP]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[W]] : tensor<4x3x3x3xf32>) outs(%[[FLIP_INIT]] : tensor<3x4x3x3xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      linalg.yield %[[IN]] : f32
// CHECK:         %[[DX:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[PAD]], %[[FLIPPED]] : tensor<?x4x12x12xf32>, tensor<3x4x3x3xf32>) outs(%[[INIT]] : tensor<?x3x8x8xf32>)
// CHECK-NEXT:    return %[[DX]]
func.func @conv2d_backward_input(%dy: tensor<?x4x3x3xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x3x8x8xf32> {
  %dx = axt.conv2d_backward_input %dy, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilations = array<i64: 2, 2>}
      : tensor<?x4x3x3xf32>, tensor<4x3x3x3xf32> -> tensor<?x3x8x8xf32>
  return %dx : tensor<?x3x8x8xf32>
}

// -----

// Stride 1 spreads nothing; padding beyond the kernel's reach (a 1x1 kernel
// with padding 1) crops the gradient instead of padding it.
// CHECK-DAG:   #[[$FLIP:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, -d2, -d3)>
// CHECK-LABEL: func.func @conv2d_backward_input_crop(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<2x4x10x10xf32>, %[[W:[^:]+]]: tensor<4x3x1x1xf32>)
// CHECK-NOT:     tensor.insert_slice
// CHECK:         %[[CROP:.+]] = tensor.extract_slice %[[DY]][0, 0, 1, 1] [2, 4, 8, 8] [1, 1, 1, 1] : tensor<2x4x10x10xf32> to tensor<2x4x8x8xf32>
// CHECK-NOT:     tensor.pad
// CHECK:         %[[FLIPPED:.+]] = linalg.generic {indexing_maps = [#[[$FLIP]], {{.+}}]{{.*}} ins(%[[W]] : tensor<4x3x1x1xf32>)
// CHECK:         %[[DX:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[CROP]], %[[FLIPPED]] : tensor<2x4x8x8xf32>, tensor<3x4x1x1xf32>)
// CHECK-NEXT:    return %[[DX]]
func.func @conv2d_backward_input_crop(%dy: tensor<2x4x10x10xf32>, %w: tensor<4x3x1x1xf32>) -> tensor<2x3x8x8xf32> {
  %dx = axt.conv2d_backward_input %dy, %w {padding = array<i64: 1, 1>} : tensor<2x4x10x10xf32>, tensor<4x3x1x1xf32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

// The filter gradient correlates the padded input with dy, both with batch
// and channels swapped; the forward stride becomes the dilation and the
// forward dilation the stride. The correlation reaches one row past the
// kernel (the stride skips the input's last row): extract_slice drops it,
// and a last transpose gives [F, C, KH, KW].
// CHECK-LABEL: func.func @conv2d_backward_filter(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<?x4x4x6xf32>, %[[X:[^:]+]]: tensor<?x3x8x8xf32>)
// CHECK:         %[[PAD:.+]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:         } : tensor<?x3x8x8xf32> to tensor<?x3x10x10xf32>
// CHECK:         %[[XT:.+]] = linalg.transpose ins(%[[PAD]] : tensor<?x3x10x10xf32>) outs(%{{.+}} : tensor<3x?x10x10xf32>) permutation = [1, 0, 2, 3]
// CHECK:         %[[DYT:.+]] = linalg.transpose ins(%[[DY]] : tensor<?x4x4x6xf32>) outs(%{{.+}} : tensor<4x?x4x6xf32>) permutation = [1, 0, 2, 3]
// CHECK:         %[[ZEROS:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<3x4x4x3xf32>)
// CHECK:         %[[FULL:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<[1, 2]> : tensor<2xi64>} ins(%[[XT]], %[[DYT]] : tensor<3x?x10x10xf32>, tensor<4x?x4x6xf32>) outs(%[[ZEROS]] : tensor<3x4x4x3xf32>)
// CHECK:         %[[KERNEL:.+]] = tensor.extract_slice %[[FULL]][0, 0, 0, 0] [3, 4, 3, 3] [1, 1, 1, 1] : tensor<3x4x4x3xf32> to tensor<3x4x3x3xf32>
// CHECK:         %[[DW:.+]] = linalg.transpose ins(%[[KERNEL]] : tensor<3x4x3x3xf32>) outs(%{{.+}} : tensor<4x3x3x3xf32>) permutation = [1, 0, 2, 3]
// CHECK-NEXT:    return %[[DW]]
func.func @conv2d_backward_filter(%dy: tensor<?x4x4x6xf32>, %x: tensor<?x3x8x8xf32>) -> tensor<4x3x3x3xf32> {
  %dw = axt.conv2d_backward_filter %dy, %x {strides = array<i64: 2, 1>, padding = array<i64: 1, 1>, dilations = array<i64: 1, 2>}
      : tensor<?x4x4x6xf32>, tensor<?x3x8x8xf32> -> tensor<4x3x3x3xf32>
  return %dw : tensor<4x3x3x3xf32>
}

// -----

// Both gradients of a grouped convolution work group by group too: dy is
// sliced along its channels, the filter along its filters, the input along
// its channels, and the results are reassembled with insert_slice.
// CHECK-LABEL: func.func @conv2d_backward_groups(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<2x4x6x6xf32>, %[[W:[^:]+]]: tensor<4x1x3x3xf32>, %[[X:[^:]+]]: tensor<2x2x8x8xf32>)
// CHECK-DAG:     tensor.extract_slice %[[DY]][0, 0, 0, 0] [2, 2, 6, 6] [1, 1, 1, 1]
// CHECK-DAG:     tensor.extract_slice %[[W]][0, 0, 0, 0] [2, 1, 3, 3] [1, 1, 1, 1]
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} -> tensor<2x1x8x8xf32>
// CHECK:         %[[DX0:.+]] = tensor.insert_slice %{{.+}} into %{{.+}}[0, 0, 0, 0] [2, 1, 8, 8] [1, 1, 1, 1] : tensor<2x1x8x8xf32> into tensor<2x2x8x8xf32>
// CHECK-DAG:     tensor.extract_slice %[[DY]][0, 2, 0, 0] [2, 2, 6, 6] [1, 1, 1, 1]
// CHECK-DAG:     tensor.extract_slice %[[W]][2, 0, 0, 0] [2, 1, 3, 3] [1, 1, 1, 1]
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} -> tensor<2x1x8x8xf32>
// CHECK:         %[[DX:.+]] = tensor.insert_slice %{{.+}} into %[[DX0]][0, 1, 0, 0] [2, 1, 8, 8] [1, 1, 1, 1] : tensor<2x1x8x8xf32> into tensor<2x2x8x8xf32>
// CHECK-DAG:     tensor.extract_slice %[[DY]][0, 0, 0, 0] [2, 2, 6, 6] [1, 1, 1, 1]
// CHECK-DAG:     tensor.extract_slice %[[X]][0, 0, 0, 0] [2, 1, 8, 8] [1, 1, 1, 1]
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x2x3x3xf32>
// CHECK:         %[[DW0:.+]] = tensor.insert_slice %{{.+}} into %{{.+}}[0, 0, 0, 0] [2, 1, 3, 3] [1, 1, 1, 1] : tensor<2x1x3x3xf32> into tensor<4x1x3x3xf32>
// CHECK-DAG:     tensor.extract_slice %[[DY]][0, 2, 0, 0] [2, 2, 6, 6] [1, 1, 1, 1]
// CHECK-DAG:     tensor.extract_slice %[[X]][0, 1, 0, 0] [2, 1, 8, 8] [1, 1, 1, 1]
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x2x3x3xf32>
// CHECK:         %[[DW:.+]] = tensor.insert_slice %{{.+}} into %[[DW0]][2, 0, 0, 0] [2, 1, 3, 3] [1, 1, 1, 1] : tensor<2x1x3x3xf32> into tensor<4x1x3x3xf32>
// CHECK-NEXT:    return %[[DX]], %[[DW]]
func.func @conv2d_backward_groups(%dy: tensor<2x4x6x6xf32>, %w: tensor<4x1x3x3xf32>, %x: tensor<2x2x8x8xf32>)
    -> (tensor<2x2x8x8xf32>, tensor<4x1x3x3xf32>) {
  %dx = axt.conv2d_backward_input %dy, %w {groups = 2 : i64} : tensor<2x4x6x6xf32>, tensor<4x1x3x3xf32> -> tensor<2x2x8x8xf32>
  %dw = axt.conv2d_backward_filter %dy, %x {groups = 2 : i64} : tensor<2x4x6x6xf32>, tensor<2x2x8x8xf32> -> tensor<4x1x3x3xf32>
  return %dx, %dw : tensor<2x2x8x8xf32>, tensor<4x1x3x3xf32>
}

// -----

// The bias gradient: a sum over every dimension but the channels, in two
// passes beyond rank 2: over the batch into [C, H, W] (loops C, N, H, W:
// the outer and the inner loops parallel), then over H and W. At rank 2
// the first pass is the sum.
// CHECK-DAG:   #[[$ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>
// CHECK-DAG:   #[[$SAMPLE:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG:   #[[$ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$COL:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @channel_sum(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<?x4x5x5xf32>, %[[DZ:[^:]+]]: tensor<?x6xf32>)
// CHECK:         %[[ZP:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4x5x5xf32>)
// CHECK:         %[[P:.+]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$SAMPLE]]], iterator_types = ["parallel", "reduction", "parallel", "parallel"]} ins(%[[DY]] : tensor<?x4x5x5xf32>) outs(%[[ZP]] : tensor<4x5x5xf32>)
// CHECK:           arith.addf
// CHECK:         %[[Z4:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4xf32>)
// CHECK:         %[[S4:.+]] = linalg.reduce ins(%[[P]] : tensor<4x5x5xf32>) outs(%[[Z4]] : tensor<4xf32>) dimensions = [1, 2]
// CHECK:           arith.addf
// CHECK:         %[[Z6:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<6xf32>)
// CHECK:         %[[S6:.+]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$COL]]], iterator_types = ["reduction", "parallel"]} ins(%[[DZ]] : tensor<?x6xf32>) outs(%[[Z6]] : tensor<6xf32>)
// CHECK:           arith.addf
// CHECK:         return %[[S4]], %[[S6]]
func.func @channel_sum(%dy: tensor<?x4x5x5xf32>, %dz: tensor<?x6xf32>) -> (tensor<4xf32>, tensor<6xf32>) {
  %s4 = axt.channel_sum %dy : tensor<?x4x5x5xf32> -> tensor<4xf32>
  %s6 = axt.channel_sum %dz : tensor<?x6xf32> -> tensor<6xf32>
  return %s4, %s6 : tensor<4xf32>, tensor<6xf32>
}

// -----

// Max pooling with a window of more than 16 places (here 5 x 5): the input
// padded with −∞, one linalg.generic over (n, c, oh, kh, kw, ow) (the
// output column innermost, so that it vectorizes) with two outputs, the
// maximum and its position kh · KW + kw; NaN propagates (ugt, and only
// while the best is ordered).
// CHECK-DAG:   #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d3, d5 * 2 + d4)>
// CHECK-DAG:   #[[$WIN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
// CHECK-DAG:   #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
// CHECK-LABEL: func.func @max_pool2d(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x7x7xf32>)
// CHECK:         %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[PAD:.+]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:           tensor.yield %[[NEG_INF]] : f32
// CHECK:         } : tensor<?x3x7x7xf32> to tensor<?x3x9x9xf32>
// CHECK:         %[[NEG_INF2:.+]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[MAX_INIT:.+]] = linalg.fill ins(%[[NEG_INF2]] : f32) outs(%{{.+}} : tensor<?x3x3x3xf32>)
// CHECK:         %[[ZERO_I:.+]] = arith.constant 0 : i32
// CHECK:         %[[IDX_INIT:.+]] = linalg.fill ins(%[[ZERO_I]] : i32) outs(%{{.+}} : tensor<?x3x3x3xi32>)
// CHECK:         %[[WINDOW:.+]] = tensor.empty() : tensor<5x5xf32>
// CHECK:         %[[POOL:.+]]:2 = linalg.generic {indexing_maps = [#[[$IN]], #[[$WIN]], #[[$OUT]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%[[PAD]], %[[WINDOW]] : tensor<?x3x9x9xf32>, tensor<5x5xf32>) outs(%[[MAX_INIT]], %[[IDX_INIT]] : tensor<?x3x3x3xf32>, tensor<?x3x3x3xi32>)
// CHECK-NEXT:    ^bb0(%[[V:.+]]: f32, %{{.+}}: f32, %[[BEST:.+]]: f32, %[[BEST_I:.+]]: i32):
// CHECK-NEXT:      %[[GT:.+]] = arith.cmpf ugt, %[[V]], %[[BEST]] : f32
// CHECK-NEXT:      %[[ORD:.+]] = arith.cmpf ord, %[[BEST]], %[[BEST]] : f32
// CHECK-NEXT:      %[[TAKE:.+]] = arith.andi %[[GT]], %[[ORD]] : i1
// CHECK-NEXT:      %[[KH:.+]] = linalg.index 3 : index
// CHECK-NEXT:      %[[KW:.+]] = linalg.index 4 : index
// CHECK-NEXT:      %[[C5:.+]] = arith.constant 5 : index
// CHECK-NEXT:      %[[ROW:.+]] = arith.muli %[[KH]], %[[C5]] : index
// CHECK-NEXT:      %[[POS:.+]] = arith.addi %[[ROW]], %[[KW]] : index
// CHECK-NEXT:      %[[POS_I:.+]] = arith.index_cast %[[POS]] : index to i32
// CHECK-NEXT:      %[[NEW:.+]] = arith.select %[[TAKE]], %[[V]], %[[BEST]] : f32
// CHECK-NEXT:      %[[NEW_I:.+]] = arith.select %[[TAKE]], %[[POS_I]], %[[BEST_I]] : i32
// CHECK-NEXT:      linalg.yield %[[NEW]], %[[NEW_I]] : f32, i32
// CHECK-NEXT:    } -> (tensor<?x3x3x3xf32>, tensor<?x3x3x3xi32>)
// CHECK-NEXT:    return %[[POOL]]#0, %[[POOL]]#1
func.func @max_pool2d(%x: tensor<?x3x7x7xf32>) -> (tensor<?x3x3x3xf32>, tensor<?x3x3x3xi32>) {
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 5, 5>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<?x3x7x7xf32> -> tensor<?x3x3x3xf32>, tensor<?x3x3x3xi32>
  return %y, %i : tensor<?x3x3x3xf32>, tensor<?x3x3x3xi32>
}

// -----

// Max pooling with a small window (at most 16 places): one strided view of
// the padded input per place, in row-major order, and one all-parallel
// pass over the outputs that keeps the first maximum and its place.
// CHECK-LABEL: func.func @max_pool2d_unrolled(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x7x7xf32>)
// CHECK:         %[[V0:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [%{{.+}}, 3, 3, 3] [1, 1, 2, 2] : tensor<?x3x7x7xf32> to tensor<?x3x3x3xf32>
// CHECK:         %[[V1:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 1] [%{{.+}}, 3, 3, 3] [1, 1, 2, 2]
// CHECK:         %[[V2:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 0] [%{{.+}}, 3, 3, 3] [1, 1, 2, 2]
// CHECK:         %[[V3:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 1] [%{{.+}}, 3, 3, 3] [1, 1, 2, 2]
// CHECK:         %[[POOL:.+]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[V0]], %[[V1]], %[[V2]], %[[V3]] : {{.*}}) outs(%{{.+}}, %{{.+}} : tensor<?x3x3x3xf32>, tensor<?x3x3x3xi32>)
// CHECK-NEXT:    ^bb0(%[[A0:.+]]: f32, %[[A1:.+]]: f32, %[[A2:.+]]: f32, %[[A3:.+]]: f32, %{{.+}}: f32, %{{.+}}: i32):
// CHECK-NEXT:      %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT:      %[[I0:.+]] = arith.constant 0 : i32
// CHECK-NEXT:      %[[GT0:.+]] = arith.cmpf ugt, %[[A0]], %[[NEG_INF]] : f32
// CHECK-NEXT:      %[[ORD0:.+]] = arith.cmpf ord, %[[NEG_INF]], %[[NEG_INF]] : f32
// CHECK-NEXT:      %[[TAKE0:.+]] = arith.andi %[[GT0]], %[[ORD0]] : i1
// CHECK-NEXT:      %[[P0:.+]] = arith.constant 0 : i32
// CHECK-NEXT:      %[[B0:.+]] = arith.select %[[TAKE0]], %[[A0]], %[[NEG_INF]] : f32
// CHECK-NEXT:      %[[J0:.+]] = arith.select %[[TAKE0]], %[[P0]], %[[I0]] : i32
// CHECK-NEXT:      %[[GT1:.+]] = arith.cmpf ugt, %[[A1]], %[[B0]] : f32
// CHECK-NEXT:      %[[ORD1:.+]] = arith.cmpf ord, %[[B0]], %[[B0]] : f32
// CHECK-NEXT:      %[[TAKE1:.+]] = arith.andi %[[GT1]], %[[ORD1]] : i1
// CHECK-NEXT:      %[[P1:.+]] = arith.constant 1 : i32
// CHECK-NEXT:      %[[B1:.+]] = arith.select %[[TAKE1]], %[[A1]], %[[B0]] : f32
// CHECK-NEXT:      %[[J1:.+]] = arith.select %[[TAKE1]], %[[P1]], %[[J0]] : i32
// CHECK:           arith.constant 3 : i32
// CHECK:           %[[B3:.+]] = arith.select %{{.+}}, %[[A3]], %{{.+}} : f32
// CHECK-NEXT:      %[[J3:.+]] = arith.select
// CHECK-NEXT:      linalg.yield %[[B3]], %[[J3]] : f32, i32
// CHECK:         return %[[POOL]]#0, %[[POOL]]#1
func.func @max_pool2d_unrolled(%x: tensor<?x3x7x7xf32>) -> (tensor<?x3x3x3xf32>, tensor<?x3x3x3xi32>) {
  %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<?x3x7x7xf32> -> tensor<?x3x3x3xf32>, tensor<?x3x3x3xi32>
  return %y, %i : tensor<?x3x3x3xf32>, tensor<?x3x3x3xi32>
}

// -----

// The max-pool gradient with disjoint windows (stride >= kernel, no
// padding): one pass over the input positions, each reading the gradient
// and index of its window (h div 2, w div 2) and keeping the gradient if the
// index names its place (h mod 2) * 2 + (w mod 2) in the window. No fill, no
// slices.
// CHECK:       #[[$WINDOW:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 floordiv 2, d3 floordiv 2)>
// CHECK-LABEL: func.func @max_pool2d_backward(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<?x3x4x4xf32>, %[[I:[^:]+]]: tensor<?x3x4x4xi32>)
// CHECK:         %[[E:.+]] = tensor.empty(%{{.+}}) : tensor<?x3x8x8xf32>
// CHECK:         %[[DX:.+]] = linalg.generic {indexing_maps = [#[[$WINDOW]], #[[$WINDOW]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[DY]], %[[I]] : tensor<?x3x4x4xf32>, tensor<?x3x4x4xi32>) outs(%[[E]] : tensor<?x3x8x8xf32>)
// CHECK:           %[[H:.+]] = linalg.index 2
// CHECK:           %[[ROW:.+]] = arith.remui %[[H]], %{{.+}} : index
// CHECK:           %[[W:.+]] = linalg.index 3
// CHECK:           %[[COL:.+]] = arith.remui %[[W]], %{{.+}} : index
// CHECK:           %[[R2:.+]] = arith.muli %[[ROW]], %{{.+}} : index
// CHECK:           %[[PLACE:.+]] = arith.addi %[[R2]], %[[COL]] : index
// CHECK:           %[[P32:.+]] = arith.index_cast %[[PLACE]] : index to i32
// CHECK:           %[[HERE:.+]] = arith.cmpi eq, %{{.+}}, %[[P32]] : i32
// CHECK-NOT:       arith.cmpi
// CHECK:           arith.select %[[HERE]], %{{.+}}, %{{.+}} : f32
// CHECK-NOT:     linalg.fill
// CHECK-NOT:     tensor.insert_slice
// CHECK:         return %[[DX]]
func.func @max_pool2d_backward(%dy: tensor<?x3x4x4xf32>, %i: tensor<?x3x4x4xi32>) -> tensor<?x3x8x8xf32> {
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<?x3x4x4xf32>, tensor<?x3x4x4xi32> -> tensor<?x3x8x8xf32>
  return %dx : tensor<?x3x8x8xf32>
}

// -----

// Gaps between windows (stride 3 > kernel 2): places in a gap (h mod 3 or
// w mod 3 equal to 2) are in no window and get zeros; the positions reach
// 3 · 3 = 9 > 8, so the last row and column are cropped.
// CHECK-LABEL: func.func @max_pool2d_backward_gaps(
// CHECK:         %[[DX:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<2x3x9x9xf32>)
// CHECK:           %[[HERE:.+]] = arith.cmpi eq
// CHECK:           %[[ROWIN:.+]] = arith.cmpi ult, %{{.+}}, %[[C2:.+]] : index
// CHECK:           %[[H1:.+]] = arith.andi %[[HERE]], %[[ROWIN]] : i1
// CHECK:           %[[COLIN:.+]] = arith.cmpi ult
// CHECK:           %[[H2:.+]] = arith.andi %[[H1]], %[[COLIN]] : i1
// CHECK:           arith.select %[[H2]]
// CHECK:         %[[CROP:.+]] = tensor.extract_slice %[[DX]][0, 0, 0, 0] [2, 3, 8, 8] [1, 1, 1, 1]
// CHECK:         return %[[CROP]]
func.func @max_pool2d_backward_gaps(%dy: tensor<2x3x3x3xf32>, %i: tensor<2x3x3x3xi32>) -> tensor<2x3x8x8xf32> {
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 3, 3>}
      : tensor<2x3x3x3xf32>, tensor<2x3x3x3xi32> -> tensor<2x3x8x8xf32>
  return %dx : tensor<2x3x8x8xf32>
}

// -----

// Windows that overlap (3x3, stride 2, padding 1): for each of the 3 · 3
// window positions, the gradients whose index names that position are
// added into the strided slice of the zero-padded input gradient that
// position read; then the padding is cropped.
// CHECK-LABEL: func.func @max_pool2d_backward_overlapping(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<2x3x4x4xf32>, %[[I:[^:]+]]: tensor<2x3x4x4xi32>)
// CHECK:         %[[D:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x3x9x9xf32>)
// CHECK:         %[[V0:.+]] = tensor.extract_slice %[[D]][0, 0, 0, 0] [2, 3, 4, 4] [1, 1, 2, 2] : tensor<2x3x9x9xf32> to tensor<2x3x4x4xf32>
// CHECK:         %[[C0:.+]] = linalg.generic {{.*}} ins(%[[DY]], %[[I]] : tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32>)
// CHECK:           %[[K0:.+]] = arith.constant 0 : i32
// CHECK:           %[[HERE0:.+]] = arith.cmpi eq, %{{.+}}, %[[K0]] : i32
// CHECK:           arith.select %[[HERE0]], %{{.+}}, %{{.+}} : f32
// CHECK:         %[[S0:.+]] = linalg.generic {{.*}} ins(%[[V0]], %[[C0]] : tensor<2x3x4x4xf32>, tensor<2x3x4x4xf32>)
// CHECK:           arith.addf
// CHECK:         %[[D0:.+]] = tensor.insert_slice %[[S0]] into %[[D]][0, 0, 0, 0] [2, 3, 4, 4] [1, 1, 2, 2] : tensor<2x3x4x4xf32> into tensor<2x3x9x9xf32>
// CHECK:         %[[V1:.+]] = tensor.extract_slice %[[D0]][0, 0, 0, 1] [2, 3, 4, 4] [1, 1, 2, 2]
// CHECK:         %[[C1:.+]] = linalg.generic {{.*}} ins(%[[DY]], %[[I]] :
// CHECK:           arith.constant 1 : i32
// CHECK-COUNT-8:  tensor.insert_slice {{.*}} [1, 1, 2, 2] : tensor<2x3x4x4xf32> into tensor<2x3x9x9xf32>
// CHECK-NOT:     tensor.insert_slice {{.*}} [1, 1, 2, 2]
// CHECK:         %[[CROP:.+]] = tensor.extract_slice %{{.+}}[0, 0, 1, 1] [2, 3, 7, 7] [1, 1, 1, 1] : tensor<2x3x9x9xf32> to tensor<2x3x7x7xf32>
// CHECK:         return %[[CROP]]
func.func @max_pool2d_backward_overlapping(%dy: tensor<2x3x4x4xf32>, %i: tensor<2x3x4x4xi32>) -> tensor<2x3x7x7xf32> {
  %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x3x4x4xf32>, tensor<2x3x4x4xi32> -> tensor<2x3x7x7xf32>
  return %dx : tensor<2x3x7x7xf32>
}

// -----

// Average pooling: the same window loop over the zero-padded input, one
// output, every element weighted by 1 / (3 · 3), padding included.
// CHECK-DAG:   #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d3, d5 * 2 + d4)>
// CHECK-DAG:   #[[$WIN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
// CHECK-DAG:   #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
// CHECK-LABEL: func.func @avg_pool2d(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x7x7xf32>)
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[PAD:.+]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:           tensor.yield %[[ZERO]] : f32
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<?x3x4x4xf32>)
// CHECK:         %[[WINDOW:.+]] = tensor.empty() : tensor<3x3xf32>
// CHECK:         %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$WIN]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%[[PAD]], %[[WINDOW]] : tensor<?x3x9x9xf32>, tensor<3x3xf32>) outs(%[[INIT]] : tensor<?x3x4x4xf32>)
// CHECK-NEXT:    ^bb0(%[[V:.+]]: f32, %{{.+}}: f32, %[[ACC:.+]]: f32):
// CHECK-NEXT:      %[[NINTH:.+]] = arith.constant 0.111111112 : f32
// CHECK-NEXT:      %[[PART:.+]] = arith.mulf %[[V]], %[[NINTH]] : f32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addf %[[ACC]], %[[PART]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM]] : f32
// CHECK:         return %[[Y]]
func.func @avg_pool2d(%x: tensor<?x3x7x7xf32>) -> tensor<?x3x4x4xf32> {
  %y = axt.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<?x3x7x7xf32> -> tensor<?x3x4x4xf32>
  return %y : tensor<?x3x4x4xf32>
}

// -----

// The average-pool gradient: dy / 9 is added into each of the 3 · 3 strided
// slices of the padded (9x9) input gradient, which is then cropped to 7x7.
// CHECK-LABEL: func.func @avg_pool2d_backward(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<2x3x4x4xf32>)
// CHECK:         %[[SHARE:.+]] = linalg.generic {{.*}} ins(%[[DY]] : tensor<2x3x4x4xf32>)
// CHECK:           %[[NINTH:.+]] = arith.constant 0.111111112 : f32
// CHECK:           arith.mulf %{{.+}}, %[[NINTH]] : f32
// CHECK:         %[[D:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x3x9x9xf32>)
// CHECK:         %[[V0:.+]] = tensor.extract_slice %[[D]][0, 0, 0, 0] [2, 3, 4, 4] [1, 1, 2, 2]
// CHECK:         linalg.generic {{.*}} ins(%[[V0]], %[[SHARE]] :
// CHECK-COUNT-9: tensor.insert_slice %{{.+}} into %{{.+}}[0, 0, {{[0-2]}}, {{[0-2]}}] [2, 3, 4, 4] [1, 1, 2, 2] : tensor<2x3x4x4xf32> into tensor<2x3x9x9xf32>
// CHECK-NOT:     tensor.insert_slice
// CHECK:         %[[DX:.+]] = tensor.extract_slice %{{.+}}[0, 0, 1, 1] [2, 3, 7, 7] [1, 1, 1, 1] : tensor<2x3x9x9xf32> to tensor<2x3x7x7xf32>
// CHECK-NEXT:    return %[[DX]]
func.func @avg_pool2d_backward(%dy: tensor<2x3x4x4xf32>) -> tensor<2x3x7x7xf32> {
  %dx = axt.avg_pool2d_backward %dy {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x3x4x4xf32> -> tensor<2x3x7x7xf32>
  return %dx : tensor<2x3x7x7xf32>
}

// -----

// Global average pooling: a reduction over (h, w) scaled by 1 / (H · W),
// the area computed from the input's sizes; its gradient broadcasts
// dy / 49 over the 7x7 positions.
// CHECK-DAG:   #[[$NC:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @global_avg_pool2d(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x8x7x7xf32>, %[[DY:[^:]+]]: tensor<?x8xf32>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<?x8xf32>)
// CHECK-DAG:     %[[H:.+]] = tensor.dim %[[X]], %c2
// CHECK-DAG:     %[[W:.+]] = tensor.dim %[[X]], %c3
// CHECK-DAG:     %[[HI:.+]] = arith.index_cast %[[H]] : index to i64
// CHECK-DAG:     %[[WI:.+]] = arith.index_cast %[[W]] : index to i64
// CHECK-DAG:     %[[HF:.+]] = arith.sitofp %[[HI]] : i64 to f32
// CHECK-DAG:     %[[WF:.+]] = arith.sitofp %[[WI]] : i64 to f32
// CHECK:         %[[AREA:.+]] = arith.mulf %[[HF]], %[[WF]] : f32
// CHECK:         %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK:         %[[SCALE:.+]] = arith.divf %[[ONE]], %[[AREA]] : f32
// CHECK:         %[[Y:.+]] = linalg.reduce ins(%[[X]] : tensor<?x8x7x7xf32>) outs(%[[INIT]] : tensor<?x8xf32>) dimensions = [2, 3]
// CHECK:           %[[PART:.+]] = arith.mulf %{{.+}}, %[[SCALE]] : f32
// CHECK:           arith.addf %[[PART]], %{{.+}} : f32
// CHECK:         %[[N:.+]] = tensor.dim %[[DY]], %{{.+}} : tensor<?x8xf32>
// CHECK:         %[[EMPTY:.+]] = tensor.empty(%[[N]]) : tensor<?x8x7x7xf32>
// CHECK:         %[[DX:.+]] = linalg.generic {indexing_maps = [#[[$NC]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[DY]] : tensor<?x8xf32>) outs(%[[EMPTY]] : tensor<?x8x7x7xf32>)
// CHECK:           %[[SHARE:.+]] = arith.constant 0.0204081628 : f32
// CHECK:           arith.mulf %{{.+}}, %[[SHARE]] : f32
// CHECK:         return %[[Y]], %[[DX]]
func.func @global_avg_pool2d(%x: tensor<?x8x7x7xf32>, %dy: tensor<?x8xf32>) -> (tensor<?x8xf32>, tensor<?x8x7x7xf32>) {
  %y = axt.global_avg_pool2d %x : tensor<?x8x7x7xf32> -> tensor<?x8xf32>
  %dx = axt.global_avg_pool2d_backward %dy : tensor<?x8xf32> -> tensor<?x8x7x7xf32>
  return %y, %dx : tensor<?x8xf32>, tensor<?x8x7x7xf32>
}

// -----

// Batch norm in training mode: M = N · H · W elements per channel; the batch
// mean and biased variance are reductions over every dimension but the
// channels; invstd = rsqrt(var + epsilon); one elementwise pass normalizes;
// the running statistics blend with momentum 0.25, the variance made
// unbiased by M / max(M − 1, 1).
// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[$CH:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG:   #[[$VEC:.+]] = affine_map<(d0) -> (d0)>
// CHECK-DAG:   #[[$CN:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>
// CHECK-DAG:   #[[$SUMCH:.+]] = affine_map<(d0, d1, d2, d3) -> (d0)>
// CHECK-LABEL: func.func @batch_norm(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x4x4xf32>, %[[G:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[M:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK:         tensor.dim %[[X]], %c0
// CHECK:         tensor.dim %[[X]], %c2
// CHECK:         tensor.dim %[[X]], %c3
// CHECK:         %[[COUNT:.+]] = arith.mulf %{{.+}}, %{{.+}} : f32
// CHECK:         %[[PSUM:.+]] = linalg.generic {indexing_maps = [#[[$CN]], #[[$SAMPLE:.+]]], iterator_types = ["parallel", "reduction", "parallel", "parallel"]} ins(%[[X]] : tensor<?x3x4x4xf32>) outs(%{{.+}} : tensor<3x4x4xf32>)
// CHECK:           arith.addf
// CHECK:         %[[SUM:.+]] = linalg.reduce ins(%[[PSUM]] : tensor<3x4x4xf32>) outs(%{{.+}} : tensor<3xf32>) dimensions = [1, 2]
// CHECK:         %[[MEAN:.+]] = linalg.generic {indexing_maps = [#[[$VEC]], #[[$VEC]]], iterator_types = ["parallel"]} ins(%[[SUM]] : tensor<3xf32>)
// CHECK:           arith.divf %{{.+}}, %[[COUNT]] : f32
// CHECK:         %[[PSQ:.+]] = linalg.generic {indexing_maps = [#[[$CN]], #[[$SUMCH]], #[[$SAMPLE]]], iterator_types = ["parallel", "reduction", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]] : tensor<?x3x4x4xf32>, tensor<3xf32>)
// CHECK:           %[[C:.+]] = arith.subf
// CHECK:           arith.mulf %[[C]], %[[C]] : f32
// CHECK:         %[[SQ:.+]] = linalg.reduce ins(%[[PSQ]] : tensor<3x4x4xf32>)
// CHECK:         %[[VAR:.+]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<3xf32>)
// CHECK:           arith.divf %{{.+}}, %[[COUNT]] : f32
// CHECK:         %[[INVSTD:.+]] = linalg.generic {{.*}} ins(%[[VAR]] : tensor<3xf32>)
// CHECK:           %[[EPS:.+]] = arith.constant 1.000000e-03 : f32
// CHECK:           %[[SHIFTED:.+]] = arith.addf %{{.+}}, %[[EPS]] : f32
// CHECK:           math.rsqrt %[[SHIFTED]] : f32
// CHECK:         %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]], %[[INVSTD]], %[[G]], %[[B]] : tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK-NEXT:    ^bb0(%[[x:.+]]: f32, %[[mean:.+]]: f32, %[[invstd:.+]]: f32, %[[g:.+]]: f32, %[[b:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      %[[T0:.+]] = arith.subf %[[x]], %[[mean]] : f32
// CHECK-NEXT:      %[[T1:.+]] = arith.mulf %[[T0]], %[[invstd]] : f32
// CHECK-NEXT:      %[[T2:.+]] = arith.mulf %[[T1]], %[[g]] : f32
// CHECK-NEXT:      %[[T3:.+]] = arith.addf %[[T2]], %[[b]] : f32
// CHECK-NEXT:      linalg.yield %[[T3]] : f32
// CHECK:         %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK:         %[[M1:.+]] = arith.subf %[[COUNT]], %[[ONE]] : f32
// CHECK:         %[[M1C:.+]] = arith.maximumf %[[M1]], %[[ONE]] : f32
// CHECK:         %[[BESSEL:.+]] = arith.divf %[[COUNT]], %[[M1C]] : f32
// CHECK:         %[[NM:.+]] = linalg.generic {{.*}} ins(%[[M]], %[[MEAN]] : tensor<3xf32>, tensor<3xf32>)
// CHECK:           arith.constant 7.500000e-01 : f32
// CHECK:           arith.constant 2.500000e-01 : f32
// CHECK:         %[[NV:.+]] = linalg.generic {{.*}} ins(%[[V]], %[[VAR]] : tensor<3xf32>, tensor<3xf32>)
// CHECK:           %[[KEPT:.+]] = arith.mulf %{{.+}}, %{{.+}} : f32
// CHECK:           %[[MOM:.+]] = arith.constant 2.500000e-01 : f32
// CHECK:           %[[F:.+]] = arith.mulf %[[BESSEL]], %[[MOM]] : f32
// CHECK:           %[[FRESH:.+]] = arith.mulf %{{.+}}, %[[F]] : f32
// CHECK:           arith.addf %[[KEPT]], %[[FRESH]] : f32
// CHECK:         return %[[Y]], %[[NM]], %[[NV]]
func.func @batch_norm(%x: tensor<?x3x4x4xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>)
    -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  %y, %nm, %nv = axt.batch_norm %x, %g, %b, %m, %v {momentum = 0.25 : f32, epsilon = 1.0e-3 : f32} : tensor<?x3x4x4xf32>, tensor<3xf32>
  return %y, %nm, %nv : tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// Batch norm in inference mode (rank 2): no reduction over the input; the
// running statistics normalize and are returned as they are.
// CHECK-LABEL: func.func @batch_norm_inference(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3xf32>, %[[G:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[M:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK-NOT:     "reduction"
// CHECK:         %[[INVSTD:.+]] = linalg.generic {{.*}} iterator_types = ["parallel"]} ins(%[[V]] : tensor<3xf32>)
// CHECK:           %[[EPS:.+]] = arith.constant 9.99999974E-6 : f32
// CHECK:           %[[SHIFTED:.+]] = arith.addf %{{.+}}, %[[EPS]] : f32
// CHECK:           math.rsqrt %[[SHIFTED]] : f32
// CHECK-NOT:     "reduction"
// CHECK:         %[[Y:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[M]], %[[INVSTD]], %[[G]], %[[B]] : tensor<?x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK-NOT:     "reduction"
// CHECK:         return %[[Y]], %[[M]], %[[V]] : tensor<?x3xf32>, tensor<3xf32>, tensor<3xf32>
func.func @batch_norm_inference(%x: tensor<?x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>)
    -> (tensor<?x3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %y, %nm, %nv = axt.batch_norm %x, %g, %b, %m, %v {training = false} : tensor<?x3xf32>, tensor<3xf32>
  return %y, %nm, %nv : tensor<?x3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// The batch-norm gradient recomputes the statistics from the input, then
// reduces dy (the shift gradient) and dy · x̂ (the scale gradient) in one
// pass over dy and x, and combines them elementwise:
// dx = scale · invstd / M · (M · dy − Σdy − x̂ · Σ(dy · x̂)), the factor
// scale · invstd / M computed per channel (no division per element).
// CHECK-LABEL: func.func @batch_norm_backward(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<?x3x4x4xf32>, %[[X:[^:]+]]: tensor<?x3x4x4xf32>, %[[G:[^:]+]]: tensor<3xf32>)
// CHECK:         tensor.dim %[[X]], %c3
// CHECK:         %[[COUNT:.+]] = arith.mulf %{{.+}}, %{{.+}} : f32
// CHECK:         %[[PSUM:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel", "parallel"]} ins(%[[X]] : tensor<?x3x4x4xf32>)
// CHECK:         %[[SUM:.+]] = linalg.reduce ins(%[[PSUM]]
// CHECK:         %[[MEAN:.+]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<3xf32>)
// CHECK:         %[[PSQ:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]] :
// CHECK:         %[[SQ:.+]] = linalg.reduce ins(%[[PSQ]]
// CHECK:         %[[VAR:.+]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<3xf32>)
// CHECK:         %[[INVSTD:.+]] = linalg.generic {{.*}} ins(%[[VAR]] : tensor<3xf32>)
// CHECK:           math.rsqrt
// CHECK:         %[[PSUMS:.+]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel", "parallel"]} ins(%[[DY]], %[[X]], %[[MEAN]], %[[INVSTD]] : tensor<?x3x4x4xf32>, tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) outs(%{{.+}}, %{{.+}} : tensor<3x4x4xf32>, tensor<3x4x4xf32>)
// CHECK-NEXT:    ^bb0(%[[dy:.+]]: f32, %[[x:.+]]: f32, %[[mean:.+]]: f32, %[[invstd:.+]]: f32, %[[accshift:.+]]: f32, %[[accscale:.+]]: f32):
// CHECK-NEXT:      %[[C:.+]] = arith.subf %[[x]], %[[mean]] : f32
// CHECK-NEXT:      %[[XHAT:.+]] = arith.mulf %[[C]], %[[invstd]] : f32
// CHECK-NEXT:      %[[DYXHAT:.+]] = arith.mulf %[[dy]], %[[XHAT]] : f32
// CHECK-NEXT:      %[[NSHIFT:.+]] = arith.addf %[[accshift]], %[[dy]] : f32
// CHECK-NEXT:      %[[NSCALE:.+]] = arith.addf %[[accscale]], %[[DYXHAT]] : f32
// CHECK-NEXT:      linalg.yield %[[NSHIFT]], %[[NSCALE]] : f32, f32
// CHECK:         %[[DSHIFT:.+]] = linalg.reduce ins(%[[PSUMS]]#0
// CHECK:         %[[DSCALE:.+]] = linalg.reduce ins(%[[PSUMS]]#1
// CHECK:         %[[FACTOR:.+]] = linalg.generic {{.*}} iterator_types = ["parallel"]} ins(%[[G]], %[[INVSTD]] : tensor<3xf32>, tensor<3xf32>)
// CHECK-NEXT:    ^bb0(%[[g:.+]]: f32, %[[invstd:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      %[[GS:.+]] = arith.mulf %[[g]], %[[invstd]] : f32
// CHECK-NEXT:      %[[F:.+]] = arith.divf %[[GS]], %[[COUNT]] : f32
// CHECK-NEXT:      linalg.yield %[[F]] : f32
// CHECK:         %[[DX:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[DY]], %[[X]], %[[MEAN]], %[[INVSTD]], %[[FACTOR]], %[[DSHIFT]], %[[DSCALE]] : tensor<?x3x4x4xf32>, tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK-NEXT:    ^bb0(%[[dy:.+]]: f32, %[[x:.+]]: f32, %[[mean:.+]]: f32, %[[invstd:.+]]: f32, %[[factor:.+]]: f32, %[[dshift:.+]]: f32, %[[dscale:.+]]: f32, %{{.+}}: f32):
// CHECK-NOT:       arith.divf
// CHECK-DAG:       %[[MDY:.+]] = arith.mulf %[[COUNT]], %[[dy]] : f32
// CHECK-DAG:       %[[T0:.+]] = arith.subf %[[MDY]], %[[dshift]] : f32
// CHECK-DAG:       %[[C:.+]] = arith.subf %[[x]], %[[mean]] : f32
// CHECK-DAG:       %[[XHAT:.+]] = arith.mulf %[[C]], %[[invstd]] : f32
// CHECK-DAG:       %[[T1:.+]] = arith.mulf %[[XHAT]], %[[dscale]] : f32
// CHECK-DAG:       %[[TERM:.+]] = arith.subf %[[T0]], %[[T1]] : f32
// CHECK:           %[[R:.+]] = arith.mulf %[[factor]], %[[TERM]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
// CHECK:         return %[[DX]], %[[DSCALE]], %[[DSHIFT]]
func.func @batch_norm_backward(%dy: tensor<?x3x4x4xf32>, %x: tensor<?x3x4x4xf32>, %g: tensor<3xf32>)
    -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  %dx, %dg, %db = axt.batch_norm_backward %dy, %x, %g : tensor<?x3x4x4xf32>, tensor<3xf32>
  return %dx, %dg, %db : tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// Reshape collapses to one dimension and expands to the result shape; with
// a dynamic batch the leading size is the element count divided by the
// static ones; a rank-1 result needs no expand.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:      %[[S:[^:]+]]: tensor<2x3x4xf32>, %[[D:[^:]+]]: tensor<?x16x5x5xf32>, %[[F:[^:]+]]: tensor<?x400xf32>)
// CHECK:         %[[FLAT0:.+]] = tensor.collapse_shape %[[S]] {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK:         %[[R0:.+]] = tensor.expand_shape %[[FLAT0]] {{\[}}[0, 1]] output_shape [6, 4] : tensor<24xf32> into tensor<6x4xf32>
// CHECK:         %[[FLAT1:.+]] = tensor.collapse_shape %[[D]] {{\[}}[0, 1, 2, 3]] : tensor<?x16x5x5xf32> into tensor<?xf32>
// CHECK:         %[[TOTAL1:.+]] = tensor.dim %[[FLAT1]], %{{.+}} : tensor<?xf32>
// CHECK:         %[[C400:.+]] = arith.constant 400 : index
// CHECK:         %[[N1:.+]] = arith.divui %[[TOTAL1]], %[[C400]] : index
// CHECK:         %[[R1:.+]] = tensor.expand_shape %[[FLAT1]] {{\[}}[0, 1]] output_shape [%[[N1]], 400] : tensor<?xf32> into tensor<?x400xf32>
// CHECK:         %[[FLAT2:.+]] = tensor.collapse_shape %[[F]] {{\[}}[0, 1]] : tensor<?x400xf32> into tensor<?xf32>
// CHECK:         %[[TOTAL2:.+]] = tensor.dim %[[FLAT2]], %{{.+}} : tensor<?xf32>
// CHECK:         %[[N2:.+]] = arith.divui %[[TOTAL2]], %{{.+}} : index
// CHECK:         %[[R2:.+]] = tensor.expand_shape %[[FLAT2]] {{\[}}[0, 1, 2, 3]] output_shape [%[[N2]], 4, 10, 10] : tensor<?xf32> into tensor<?x4x10x10xf32>
// CHECK:         %[[R3:.+]] = tensor.collapse_shape %[[S]] {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK-NOT:     tensor.expand_shape
// CHECK:         return %[[R0]], %[[R1]], %[[R2]], %[[R3]]
func.func @reshape(%s: tensor<2x3x4xf32>, %d: tensor<?x16x5x5xf32>, %f: tensor<?x400xf32>)
    -> (tensor<6x4xf32>, tensor<?x400xf32>, tensor<?x4x10x10xf32>, tensor<24xf32>) {
  %r0 = axt.reshape %s : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %r1 = axt.reshape %d : tensor<?x16x5x5xf32> -> tensor<?x400xf32>
  %r2 = axt.reshape %f : tensor<?x400xf32> -> tensor<?x4x10x10xf32>
  %r3 = axt.reshape %s : tensor<2x3x4xf32> -> tensor<24xf32>
  return %r0, %r1, %r2, %r3 : tensor<6x4xf32>, tensor<?x400xf32>, tensor<?x4x10x10xf32>, tensor<24xf32>
}

// -----

// A result type less static than the operands: sizes come from the
// operands and the result is cast.
// CHECK-LABEL: func.func @conv_dynamic_result(
// CHECK:         %[[Y:.+]] = linalg.conv_2d_nchw_fchw {{.*}} -> tensor<2x4x6x6xf32>
// CHECK:         tensor.cast %[[Y]] : tensor<2x4x6x6xf32> to tensor<2x4x?x?xf32>
func.func @conv_dynamic_result(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x?x?xf32> {
  %y = axt.conv2d %x, %w : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<2x4x?x?xf32>
  return %y : tensor<2x4x?x?xf32>
}

// -----

// Gradients of a batch norm with a dynamic channel dimension are cast to
// the static scale type.
// CHECK-LABEL: func.func @batch_norm_backward_dynamic_channels(
// CHECK:         tensor.cast %{{.+}} : tensor<?xf32> to tensor<3xf32>
// CHECK:         tensor.cast %{{.+}} : tensor<?xf32> to tensor<3xf32>
func.func @batch_norm_backward_dynamic_channels(%dy: tensor<?x?xf32>, %x: tensor<?x?xf32>, %g: tensor<3xf32>) -> (tensor<?x?xf32>, tensor<3xf32>, tensor<3xf32>) {
  %dx, %dg, %db = axt.batch_norm_backward %dy, %x, %g : tensor<?x?xf32>, tensor<3xf32>
  return %dx, %dg, %db : tensor<?x?xf32>, tensor<3xf32>, tensor<3xf32>
}
