// RUN: axt-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(axt-collapse-contiguous-dims))' | FileCheck %s

// An elementwise op over a contiguous [N, C, H, W] buffer becomes one loop
// over all its elements; the operands are views of the same buffers, and
// nothing else is left behind.

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// CHECK: #[[$ID1:.+]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @elementwise(
// CHECK-SAME:      %[[A:[^:]+]]: memref<?x16x28x28xf32>, %[[B:[^:]+]]: memref<?x16x28x28xf32>, %[[OUT:[^:]+]]: memref<?x16x28x28xf32>)
// CHECK-NEXT:    %[[AC:.+]] = memref.collapse_shape %[[A]] {{\[}}[0, 1, 2, 3]] : memref<?x16x28x28xf32> into memref<?xf32>
// CHECK-NEXT:    %[[BC:.+]] = memref.collapse_shape %[[B]] {{\[}}[0, 1, 2, 3]]
// CHECK-NEXT:    %[[OC:.+]] = memref.collapse_shape %[[OUT]] {{\[}}[0, 1, 2, 3]]
// CHECK-NEXT:    linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]}
// CHECK-SAME:        ins(%[[AC]], %[[BC]] : memref<?xf32>, memref<?xf32>) outs(%[[OC]] : memref<?xf32>)
// CHECK:           arith.addf
// CHECK:         return
func.func @elementwise(%a: memref<?x16x28x28xf32>, %b: memref<?x16x28x28xf32>,
                       %out: memref<?x16x28x28xf32>) {
  linalg.generic {indexing_maps = [#id, #id, #id],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%a, %b : memref<?x16x28x28xf32>, memref<?x16x28x28xf32>)
      outs(%out : memref<?x16x28x28xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// An op that writes over its input reads and writes one view, not two of
// the same buffer (two pointers LLVM could not prove equal).

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// CHECK-LABEL: func.func @in_place(
// CHECK-SAME:      %[[A:[^:]+]]: memref<?x16x28x28xf32>, %[[B:[^:]+]]: memref<?x16x28x28xf32>)
// CHECK-NEXT:    %[[AC:.+]] = memref.collapse_shape %[[A]] {{\[}}[0, 1, 2, 3]]
// CHECK-NEXT:    %[[BC:.+]] = memref.collapse_shape %[[B]] {{\[}}[0, 1, 2, 3]]
// CHECK-NEXT:    linalg.generic
// CHECK-SAME:        ins(%[[AC]], %[[BC]] : memref<?xf32>, memref<?xf32>) outs(%[[AC]] : memref<?xf32>)
// CHECK-NOT:     collapse_shape
// CHECK:         return
func.func @in_place(%a: memref<?x16x28x28xf32>, %b: memref<?x16x28x28xf32>) {
  linalg.generic {indexing_maps = [#id, #id, #id],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%a, %b : memref<?x16x28x28xf32>, memref<?x16x28x28xf32>)
      outs(%a : memref<?x16x28x28xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A per-channel operand splits the dimensions: only H and W are contiguous
// in every map.

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>

// CHECK-DAG: #[[$ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$CH3:.+]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @per_channel(
// CHECK-SAME:      %[[X:[^:]+]]: memref<4x16x7x7xf32>, %[[S:[^:]+]]: memref<16xf32>, %[[OUT:[^:]+]]: memref<4x16x7x7xf32>)
// CHECK:         %[[XC:.+]] = memref.collapse_shape %[[X]] {{\[}}[0], [1], [2, 3]] : memref<4x16x7x7xf32> into memref<4x16x49xf32>
// CHECK:         %[[OC:.+]] = memref.collapse_shape %[[OUT]] {{\[}}[0], [1], [2, 3]]
// CHECK:         linalg.generic {indexing_maps = [#[[$ID3]], #[[$CH3]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:        ins(%[[XC]], %[[S]] : memref<4x16x49xf32>, memref<16xf32>) outs(%[[OC]] : memref<4x16x49xf32>)
// CHECK:           arith.mulf
func.func @per_channel(%x: memref<4x16x7x7xf32>, %scale: memref<16xf32>,
                       %out: memref<4x16x7x7xf32>) {
  linalg.generic {indexing_maps = [#id, #channel, #id],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %scale : memref<4x16x7x7xf32>, memref<16xf32>)
      outs(%out : memref<4x16x7x7xf32>) {
  ^bb0(%v: f32, %s: f32, %o: f32):
    %m = arith.mulf %v, %s : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// A per-channel sum with the channels outermost (C, N, H, W): the reduction
// over N stays between the parallel C and the merged H and W.

// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2) -> (d1, d0, d2)>
// CHECK-DAG: #[[$OUTMAP:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @channel_sum(
// CHECK:         %[[XC:.+]] = memref.collapse_shape %{{.+}} {{\[}}[0], [1], [2, 3]] : memref<?x16x28x28xf32> into memref<?x16x784xf32>
// CHECK:         %[[OC:.+]] = memref.collapse_shape %{{.+}} {{\[}}[0], [1, 2]] : memref<16x28x28xf32> into memref<16x784xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$IN]], #[[$OUTMAP]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME:        ins(%[[XC]] : memref<?x16x784xf32>) outs(%[[OC]] : memref<16x784xf32>)
func.func @channel_sum(%x: memref<?x16x28x28xf32>, %out: memref<16x28x28xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>,
                                   affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>],
                  iterator_types = ["parallel", "reduction", "parallel", "parallel"]}
      ins(%x : memref<?x16x28x28xf32>) outs(%out : memref<16x28x28xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %v, %o : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Left alone: an operand with a strided layout (a collapsed view could not
// be expressed), a map that is not a projection (the window of a pooling
// gradient), a body that reads its indices, a transpose (no dimensions
// contiguous in both maps), and an op on tensors.

#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>

// CHECK-LABEL: func.func @left_alone(
// CHECK-NOT:     collapse_shape
// CHECK-COUNT-5: linalg.generic
// CHECK-NOT:     collapse_shape
// CHECK:         return
func.func @left_alone(%strided: memref<2x4x8xf32, strided<[64, 16, 1]>>,
                      %dense: memref<2x4x8xf32>, %pooled: memref<2x4x4xf32>,
                      %indices: memref<2x4x8xi64>, %cube: memref<4x4x4xf32>,
                      %t: tensor<2x4x8xf32>)
    -> tensor<2x4x8xf32> {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%strided : memref<2x4x8xf32, strided<[64, 16, 1]>>) outs(%dense : memref<2x4x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2 floordiv 2)>, #id],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%pooled : memref<2x4x4xf32>) outs(%dense : memref<2x4x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel", "parallel"]}
      outs(%indices : memref<2x4x8xi64>) {
  ^bb0(%o: i64):
    %i = linalg.index 2 : index
    %c = arith.index_cast %i : index to i64
    linalg.yield %c : i64
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d1, d0)>, #id],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%cube : memref<4x4x4xf32>) outs(%cube : memref<4x4x4xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%t : tensor<2x4x8xf32>) outs(%t : tensor<2x4x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<2x4x8xf32>
  return %r : tensor<2x4x8xf32>
}
