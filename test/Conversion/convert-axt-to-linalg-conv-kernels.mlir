// RUN: axt-opt %s --split-input-file --convert-axt-to-linalg=runtime-conv-gradients | FileCheck %s

// With runtime-conv-gradients, the gradients of ungrouped f32 convolutions
// call the runtime's kernels on buffers: the operands' buffers, read only,
// and a fresh buffer the kernel writes, which becomes the result (restrict,
// so one-shot bufferization sees exactly what the call reads and writes).
// The window goes as (strides, padding, dilations), each (h, w).

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
// CHECK-NOT:     func.func private @axtrt_conv2d_backward
// CHECK-LABEL: func.func @grouped(
// CHECK-NOT:     call @axtrt_conv2d_backward
// CHECK-COUNT-4: linalg.conv_2d_nchw_fchw
// CHECK-NOT:     call @axtrt_conv2d_backward
// CHECK:         return
func.func @grouped(%dy: tensor<2x4x6x6xf32>, %w: tensor<4x1x3x3xf32>, %x: tensor<2x2x8x8xf32>)
    -> (tensor<2x2x8x8xf32>, tensor<4x1x3x3xf32>) {
  %dx = axt.conv2d_backward_input %dy, %w {groups = 2 : i64} : tensor<2x4x6x6xf32>, tensor<4x1x3x3xf32> -> tensor<2x2x8x8xf32>
  %dw = axt.conv2d_backward_filter %dy, %x {groups = 2 : i64} : tensor<2x4x6x6xf32>, tensor<2x2x8x8xf32> -> tensor<4x1x3x3xf32>
  return %dx, %dw : tensor<2x2x8x8xf32>, tensor<4x1x3x3xf32>
}
