// RUN: axt-opt %s --split-input-file --convert-axt-to-linalg=runtime-conv-kernels | FileCheck %s

// With runtime-conv-kernels, ungrouped f32 convolutions and their gradients
// call the runtime's kernels on buffers: the operands' buffers, read only,
// and a fresh buffer the kernel writes, which becomes the result (restrict,
// so one-shot bufferization sees exactly what the call reads and writes).
// The window goes as (strides, padding, dilations), each (h, w).

// The forward kernel reads x as it is (no padded copy) and writes y; a bias
// is added after it, elementwise along the channels.

// CHECK-DAG:   #[[$ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[$CH:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG:   func.func private @axtrt_conv2d_forward_f32(memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, i64, i64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @forward(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x3x8x8xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK-NOT:     tensor.pad
// CHECK:         %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x3x8x8xf32>
// CHECK:         %[[YBUF:.+]] = memref.alloc(%[[N]]) : memref<?x4x4x4xf32>
// CHECK:         %[[YVIEW:.+]] = memref.cast %[[YBUF]]
// CHECK:         %[[XB:.+]] = bufferization.to_buffer %{{.+}} read_only
// CHECK:         %[[WB:.+]] = bufferization.to_buffer %{{.+}} read_only
// CHECK-NEXT:    %[[SH:.+]] = arith.constant 2 : i64
// CHECK-NEXT:    %[[SW:.+]] = arith.constant 2 : i64
// CHECK-NEXT:    %[[PH:.+]] = arith.constant 1 : i64
// CHECK-NEXT:    %[[PW:.+]] = arith.constant 1 : i64
// CHECK-NEXT:    %[[DH:.+]] = arith.constant 1 : i64
// CHECK-NEXT:    %[[DW:.+]] = arith.constant 1 : i64
// CHECK-NEXT:    call @axtrt_conv2d_forward_f32(%[[XB]], %[[WB]], %[[YVIEW]], %[[SH]], %[[SW]], %[[PH]], %[[PW]], %[[DH]], %[[DW]])
// CHECK:         %[[Y:.+]] = bufferization.to_tensor %[[YBUF]] restrict writable : memref<?x4x4x4xf32> to tensor<?x4x4x4xf32>
// CHECK:         call @axtrt_conv2d_forward_f32(
// CHECK:         %[[Z0:.+]] = bufferization.to_tensor %{{.+}} restrict writable : memref<?x4x8x8xf32> to tensor<?x4x8x8xf32>
// CHECK:         %[[E:.+]] = tensor.empty(%{{.+}}) : tensor<?x4x8x8xf32>
// CHECK:         %[[Z:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$CH]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME:        ins(%[[Z0]], %[[B]] : tensor<?x4x8x8xf32>, tensor<4xf32>) outs(%[[E]] : tensor<?x4x8x8xf32>)
// CHECK:           arith.addf
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
// CHECK:         return %[[Y]], %[[Z]]
func.func @forward(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>)
    -> (tensor<?x4x4x4xf32>, tensor<?x4x8x8xf32>) {
  %y = axt.conv2d %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x4x4xf32>
  %z = axt.conv2d %x, %w, %b {padding = array<i64: 1, 1>}
      : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<?x4x8x8xf32>
  return %y, %z : tensor<?x4x4x4xf32>, tensor<?x4x8x8xf32>
}

// -----

// CHECK-DAG:   func.func private @axtrt_conv2d_backward_input_f32(memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, i64, i64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @axtrt_conv2d_backward_filter_f32(memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, i64, i64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @gradients(
// CHECK-SAME:      %[[DY:[^:]+]]: tensor<?x4x3x3xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>, %[[X:[^:]+]]: tensor<?x3x8x8xf32>)
// CHECK:         %[[N:.+]] = tensor.dim %[[DY]], %{{.+}} : tensor<?x4x3x3xf32>
// CHECK:         %[[DXBUF:.+]] = memref.alloc(%[[N]]) : memref<?x3x8x8xf32>
// CHECK:         %[[DXVIEW:.+]] = memref.cast %[[DXBUF]] : memref<?x3x8x8xf32> to memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK:         %[[DYB:.+]] = bufferization.to_buffer %{{.+}} read_only
// CHECK:         %[[WB:.+]] = bufferization.to_buffer %{{.+}} read_only
// CHECK-NEXT:    %[[SH:.+]] = arith.constant 2 : i64
// CHECK-NEXT:    %[[SW:.+]] = arith.constant 2 : i64
// CHECK-NEXT:    %[[PH:.+]] = arith.constant 1 : i64
// CHECK-NEXT:    %[[PW:.+]] = arith.constant 1 : i64
// CHECK-NEXT:    %[[DH:.+]] = arith.constant 2 : i64
// CHECK-NEXT:    %[[DW_:.+]] = arith.constant 2 : i64
// CHECK-NEXT:    call @axtrt_conv2d_backward_input_f32(%[[DYB]], %[[WB]], %[[DXVIEW]], %[[SH]], %[[SW]], %[[PH]], %[[PW]], %[[DH]], %[[DW_]])
// CHECK:         %[[DX:.+]] = bufferization.to_tensor %[[DXBUF]] restrict writable : memref<?x3x8x8xf32> to tensor<?x3x8x8xf32>
// CHECK:         %[[DWBUF:.+]] = memref.alloc() : memref<4x3x3x3xf32>
// CHECK:         %[[DWVIEW:.+]] = memref.cast %[[DWBUF]]
// CHECK:         %[[XB:.+]] = bufferization.to_buffer %{{.+}} read_only
// CHECK:         %[[DYB2:.+]] = bufferization.to_buffer %{{.+}} read_only
// CHECK:         call @axtrt_conv2d_backward_filter_f32(%[[XB]], %[[DYB2]], %[[DWVIEW]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}})
// CHECK:         %[[DW:.+]] = bufferization.to_tensor %[[DWBUF]] restrict writable : memref<4x3x3x3xf32> to tensor<4x3x3x3xf32>
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
// CHECK:         return %[[DX]], %[[DW]]
func.func @gradients(%dy: tensor<?x4x3x3xf32>, %w: tensor<4x3x3x3xf32>, %x: tensor<?x3x8x8xf32>)
    -> (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>) {
  %dx = axt.conv2d_backward_input %dy, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilations = array<i64: 2, 2>}
      : tensor<?x4x3x3xf32>, tensor<4x3x3x3xf32> -> tensor<?x3x8x8xf32>
  %dw = axt.conv2d_backward_filter %dy, %x {strides = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilations = array<i64: 2, 2>}
      : tensor<?x4x3x3xf32>, tensor<?x3x8x8xf32> -> tensor<4x3x3x3xf32>
  return %dx, %dw : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>
}

// -----

// Grouped convolutions keep the convolution formulation, group by group;
// the kernels are not declared when nothing calls them.
// CHECK-NOT:     func.func private @axtrt_conv2d_
// CHECK-LABEL: func.func @grouped(
// CHECK-NOT:     call @axtrt_conv2d_
// CHECK-COUNT-6: linalg.conv_2d_nchw_fchw
// CHECK-NOT:     call @axtrt_conv2d_
// CHECK:         return
func.func @grouped(%dy: tensor<2x4x6x6xf32>, %w: tensor<4x1x3x3xf32>, %x: tensor<2x2x8x8xf32>)
    -> (tensor<2x4x6x6xf32>, tensor<2x2x8x8xf32>, tensor<4x1x3x3xf32>) {
  %y = axt.conv2d %x, %w {groups = 2 : i64} : tensor<2x2x8x8xf32>, tensor<4x1x3x3xf32> -> tensor<2x4x6x6xf32>
  %dx = axt.conv2d_backward_input %dy, %w {groups = 2 : i64} : tensor<2x4x6x6xf32>, tensor<4x1x3x3xf32> -> tensor<2x2x8x8xf32>
  %dw = axt.conv2d_backward_filter %dy, %x {groups = 2 : i64} : tensor<2x4x6x6xf32>, tensor<2x2x8x8xf32> -> tensor<4x1x3x3xf32>
  return %y, %dx, %dw : tensor<2x4x6x6xf32>, tensor<2x2x8x8xf32>, tensor<4x1x3x3xf32>
}
