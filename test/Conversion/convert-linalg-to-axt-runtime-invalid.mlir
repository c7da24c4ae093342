// RUN: axt-opt %s --convert-linalg-to-axt-runtime --verify-diagnostics

// The kernel's name is reserved: a user function with another type is an
// error, not silently replaced.
// expected-error @+1 {{'@axtrt_matmul_f32' is reserved for the runtime kernel (expected type '(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>) -> ()')}}
func.func private @axtrt_matmul_f32(memref<4xf32>)

func.func @plain(%a: memref<4x3xf32>, %b: memref<3x5xf32>, %c: memref<4x5xf32>) {
  linalg.matmul ins(%a, %b : memref<4x3xf32>, memref<3x5xf32>) outs(%c : memref<4x5xf32>)
  return
}
