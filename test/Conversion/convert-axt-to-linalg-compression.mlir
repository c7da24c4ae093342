// RUN: axt-opt %s --convert-axt-to-linalg --canonicalize | FileCheck %s

// The compression ops call the runtime's kernels on buffers: the operand's
// buffer (bufferization.to_buffer, read only, flattened to 1-D) and a fresh
// allocation of the result's bytes (for 3-bit codes in groups of 32:
// ceil(n / 32) x (32 x 3 / 8 + 4) = 16 bytes per group; for a mask
// ceil(n / 8)), which becomes the result tensor; the kernels are declared
// with the C interface. Through the stash, the dequantization reads the
// quantizer's own buffer.

// CHECK-DAG:   func.func private @axtrt_quantize_f32(memref<?xf32, strided<[?], offset: ?>>, memref<?xi8, strided<[?], offset: ?>>, i32, i64, i32, i64, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @axtrt_dequantize_f32(memref<?xi8, strided<[?], offset: ?>>, memref<?xf32, strided<[?], offset: ?>>, i32, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @axtrt_pack_mask_f32(memref<?xf32, strided<[?], offset: ?>>, memref<?xi8, strided<[?], offset: ?>>) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @axtrt_pack_indices_i32(memref<?xi32, strided<[?], offset: ?>>, memref<?xi8, strided<[?], offset: ?>>, i32) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @axtrt_unpack_indices_i32(memref<?xi8, strided<[?], offset: ?>>, memref<?xi32, strided<[?], offset: ?>>, i32) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @axtrt_quantize_exact_zero_f32(memref<?xf32, strided<[?], offset: ?>>, memref<?xi8, strided<[?], offset: ?>>, i32, i64, i32, i64, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @axtrt_dequantize_exact_zero_f32(memref<?xi8, strided<[?], offset: ?>>, memref<?xf32, strided<[?], offset: ?>>, i32, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @axtrt_unpack_mask_from_codes_f32(memref<?xi8, strided<[?], offset: ?>>, memref<?xf32, strided<[?], offset: ?>>, i32, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @axtrt_unpack_mask_f32(memref<?xi8, strided<[?], offset: ?>>, memref<?xf32, strided<[?], offset: ?>>) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @compress(
// CHECK-SAME:      %[[X:[^:]+]]: tensor<?x16xf32>, %[[SEED:[^:]+]]: i64, %[[N:[^:]+]]: index)
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG:     %[[C32:.+]] = arith.constant 32 : index
// CHECK:         %[[FLAT:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<?x16xf32> into tensor<?xf32>
// CHECK:         %[[LEN:.+]] = tensor.dim %[[FLAT]]
// CHECK:         %[[GROUPS:.+]] = arith.ceildivui %[[LEN]], %[[C32]] : index
// CHECK:         %[[BYTES:.+]] = arith.muli %[[GROUPS]], %[[C16]] : index
// CHECK:         %[[PACKED:.+]] = memref.alloc(%[[BYTES]]) : memref<?xi8>
// CHECK:         %[[OUT:.+]] = memref.cast %[[PACKED]]
// CHECK:         %[[IN:.+]] = bufferization.to_buffer %[[FLAT]] read_only
// CHECK:         call @axtrt_quantize_f32(%[[IN]], %[[OUT]], %{{.+}}, %{{.+}}, %{{.+}}, %[[SEED]], %{{.+}})
// CHECK:         %[[NUM:.+]] = arith.muli %[[N]], %[[C16]] : index
// CHECK:         %[[VALUES:.+]] = memref.alloc(%[[NUM]]) : memref<?xf32>
// CHECK:         %[[VIEW:.+]] = memref.cast %[[VALUES]]
// CHECK:         %[[BYTESVIEW:.+]] = memref.cast %[[PACKED]]
// CHECK:         call @axtrt_dequantize_f32(%[[BYTESVIEW]], %[[VIEW]], %{{.+}}, %{{.+}})
// CHECK:         %[[T:.+]] = bufferization.to_tensor %[[VALUES]] restrict writable
// CHECK:         %[[Y:.+]] = tensor.expand_shape %[[T]] {{\[}}[0, 1]] output_shape [%[[N]], 16]
// CHECK:         call @axtrt_pack_mask_f32(
// CHECK:         call @axtrt_unpack_mask_f32(
// CHECK:         return %[[Y]],
func.func @compress(%x: tensor<?x16xf32>, %seed: i64, %n: index) -> (tensor<?x16xf32>, tensor<?x16xf32>) {
  %p = axt.quantize %x, %seed {stream = 7 : i64} : tensor<?x16xf32> -> !axt.packed<tensor<?x16xf32>, bits = 3, group = 32>
  %s = axt.stash %p : !axt.packed<tensor<?x16xf32>, bits = 3, group = 32>
  %u = axt.unstash %s : !axt.stashed<!axt.packed<tensor<?x16xf32>, bits = 3, group = 32>>
  %y = axt.dequantize %u[%n] : !axt.packed<tensor<?x16xf32>, bits = 3, group = 32>
  %m = axt.pack_mask %x : tensor<?x16xf32>
  %z = axt.unpack_mask %m[%n] : !axt.mask<tensor<?x16xf32>>
  return %y, %z : tensor<?x16xf32>, tensor<?x16xf32>
}

// Exact-zero codes have kernels of their own, and the mask is read from
// the codes (same byte count).
// CHECK-LABEL: func.func @exact_zero(
// CHECK:         %[[B:.+]] = memref.alloc(%{{.+}}) : memref<?xi8>
// CHECK:         call @axtrt_quantize_exact_zero_f32(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}})
// CHECK:         call @axtrt_dequantize_exact_zero_f32(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}})
// CHECK:         call @axtrt_unpack_mask_from_codes_f32(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}})
// CHECK-NOT:     call @axtrt_unpack_mask_f32(
// CHECK:         return
func.func @exact_zero(%x: tensor<?x16xf32>, %seed: i64, %n: index) -> (tensor<?x16xf32>, tensor<?x16xf32>) {
  %p = axt.quantize %x, %seed {stream = 7 : i64} : tensor<?x16xf32> -> !axt.packed<tensor<?x16xf32>, bits = 2, group = 32, exact_zero>
  %y = axt.dequantize %p[%n] : !axt.packed<tensor<?x16xf32>, bits = 2, group = 32, exact_zero>
  %z = axt.unpack_mask %p[%n] : !axt.packed<tensor<?x16xf32>, bits = 2, group = 32, exact_zero>
  return %y, %z : tensor<?x16xf32>, tensor<?x16xf32>
}

// Max-pool positions: ceil(n x bits / 8) bytes; a static tensor's buffer is
// passed as a dynamic view.
// CHECK-LABEL: func.func @positions(
// CHECK-SAME:      %[[I:[^:]+]]: tensor<4x9xi32>)
// CHECK:         %[[BYTES:.+]] = memref.alloc() : memref<9xi8>
// CHECK:         %[[BUF:.+]] = bufferization.to_buffer %{{.+}} read_only : tensor<36xi32> to memref<36xi32, strided<[?], offset: ?>>
// CHECK:         %[[IN:.+]] = memref.cast %[[BUF]] : memref<36xi32, strided<[?], offset: ?>> to memref<?xi32, strided<[?], offset: ?>>
// CHECK:         call @axtrt_pack_indices_i32(%[[IN]], %{{.+}}, %{{.+}})
// CHECK:         call @axtrt_unpack_indices_i32(%{{.+}}, %{{.+}}, %{{.+}})
// CHECK:         tensor.expand_shape %{{.+}} {{\[}}[0, 1]] output_shape [4, 9] : tensor<36xi32> into tensor<4x9xi32>
func.func @positions(%i: tensor<4x9xi32>) -> tensor<4x9xi32> {
  %p = axt.pack_indices %i : tensor<4x9xi32> -> !axt.indices<tensor<4x9xi32>, bits = 2>
  %j = axt.unpack_indices %p : !axt.indices<tensor<4x9xi32>, bits = 2>
  return %j : tensor<4x9xi32>
}
