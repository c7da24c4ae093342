// RUN: axt-opt %s --split-input-file --convert-linalg-to-axt-runtime | FileCheck %s

// CHECK-LABEL: func.func private @axtrt_matmul_f32(
// CHECK-SAME:      memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>)
// CHECK-SAME:      attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @plain(
// CHECK-SAME:      %[[A:.+]]: memref<4x3xf32>, %[[B:.+]]: memref<3x5xf32>, %[[C:.+]]: memref<4x5xf32>)
// CHECK:         %[[CA:.+]] = memref.cast %[[A]] : memref<4x3xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK:         %[[CB:.+]] = memref.cast %[[B]] : memref<3x5xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK:         %[[CC:.+]] = memref.cast %[[C]] : memref<4x5xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK:         call @axtrt_matmul_f32(%[[CA]], %[[CB]], %[[CC]])
// CHECK-NOT:     linalg.matmul
func.func @plain(%a: memref<4x3xf32>, %b: memref<3x5xf32>, %c: memref<4x5xf32>) {
  linalg.matmul ins(%a, %b : memref<4x3xf32>, memref<3x5xf32>) outs(%c : memref<4x5xf32>)
  return
}

// -----

// Transposed operands become transposed views; no data moves.
// CHECK-LABEL: func.func @transposed(
// CHECK-SAME:      %[[A:.+]]: memref<3x4xf32>, %[[B:.+]]: memref<3x5xf32>, %[[C:.+]]: memref<4x5xf32>, %[[X:.+]]: memref<?x5xf32>, %[[W:.+]]: memref<7x5xf32>, %[[Y:.+]]: memref<?x7xf32>)
// CHECK:         %[[AT:.+]] = memref.transpose %[[A]] (d0, d1) -> (d1, d0) : memref<3x4xf32> to memref<4x3xf32, strided<[1, 4]>>
// CHECK:         memref.cast %[[AT]]
// CHECK:         call @axtrt_matmul_f32
// CHECK:         %[[WT:.+]] = memref.transpose %[[W]] (d0, d1) -> (d1, d0) : memref<7x5xf32> to memref<5x7xf32, strided<[1, 5]>>
// CHECK:         call @axtrt_matmul_f32
func.func @transposed(%a: memref<3x4xf32>, %b: memref<3x5xf32>, %c: memref<4x5xf32>,
                      %x: memref<?x5xf32>, %w: memref<7x5xf32>, %y: memref<?x7xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : memref<3x4xf32>, memref<3x5xf32>) outs(%c : memref<4x5xf32>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%x, %w : memref<?x5xf32>, memref<7x5xf32>) outs(%y : memref<?x7xf32>)
  return
}

// -----

// Other element types, tensors and unusual maps are left for other
// lowerings; no kernel is declared when none is called.
// CHECK-NOT:   func.func private @axtrt_matmul_f32
// CHECK-LABEL: func.func @left_alone(
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : memref<4x3xf64>, memref<3x5xf64>)
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<4x3xf32>, tensor<3x5xf32>)
// CHECK:         linalg.matmul indexing_maps
func.func @left_alone(%a: memref<4x3xf64>, %b: memref<3x5xf64>, %c: memref<4x5xf64>,
                      %ta: tensor<4x3xf32>, %tb: tensor<3x5xf32>, %tc: tensor<4x5xf32>,
                      %sa: memref<3x4xf32>, %sb: memref<5x3xf32>, %sc: memref<4x5xf32>) -> tensor<4x5xf32> {
  linalg.matmul ins(%a, %b : memref<4x3xf64>, memref<3x5xf64>) outs(%c : memref<4x5xf64>)
  %r = linalg.matmul ins(%ta, %tb : tensor<4x3xf32>, tensor<3x5xf32>) outs(%tc : tensor<4x5xf32>) -> tensor<4x5xf32>
  // Both operands transposed: not one of the three forms the kernel takes.
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%sa, %sb : memref<3x4xf32>, memref<5x3xf32>) outs(%sc : memref<4x5xf32>)
  return %r : tensor<4x5xf32>
}
