// RUN: axt-opt %s --split-input-file --axt-plan-memory | FileCheck %s
// RUN: axt-opt %s --split-input-file --axt-plan-memory="search-ms=50" | FileCheck %s
// With search-ms the planner also searches placement orders, and stops at
// once where best fit already meets LOAD: every plan below is the same.

// Three buffers freed after their last use: %a (1024 bytes) over ops 0-3,
// %b (512) over 1-2, %c (1024) over 4-5. %a and %b are live together; %c
// comes after both and takes %a's place: one arena of 1536 bytes, the LOAD.

// CHECK-LABEL: func.func @three(
// CHECK-SAME:      attributes {axt.arena_bytes = 1536 : i64, axt.arena_load = 1536 : i64, axt.arena_optimal}
// CHECK:         %[[ARENA:.+]] = memref.alloc() {alignment = 64 : i64} : memref<1536xi8>
// CHECK:         %[[A:.+]] = memref.view %[[ARENA]][%c0][] : memref<1536xi8> to memref<256xf32>
// CHECK:         %[[B:.+]] = memref.view %[[ARENA]][%c1024][] : memref<1536xi8> to memref<128xf32>
// CHECK:         %[[C:.+]] = memref.view %[[ARENA]][%c0{{.*}}][] : memref<1536xi8> to memref<256xf32>
// CHECK-NOT:     memref.dealloc %[[A]]
// CHECK:         memref.dealloc %[[ARENA]] : memref<1536xi8>
// CHECK-NEXT:    return
func.func @three(%x: memref<256xf32>, %y: memref<128xf32>, %out: memref<256xf32>) {
  %a = memref.alloc() : memref<256xf32>
  %b = memref.alloc() : memref<128xf32>
  memref.copy %y, %b : memref<128xf32> to memref<128xf32>
  memref.dealloc %b : memref<128xf32>
  memref.copy %x, %a : memref<256xf32> to memref<256xf32>
  memref.dealloc %a : memref<256xf32>
  %c = memref.alloc() : memref<256xf32>
  memref.copy %c, %out : memref<256xf32> to memref<256xf32>
  memref.dealloc %c : memref<256xf32>
  return
}

// -----

// Left alone: a dynamically shaped buffer, one that is never freed here
// (it escapes), and a function with a single plannable buffer.
// CHECK-LABEL: func.func @unplannable(
// CHECK-NOT:     memref.view
// CHECK:         memref.alloc(%{{.+}}) : memref<?xf32>
// CHECK:         memref.alloc() : memref<4xf32>
// CHECK:         memref.alloc() : memref<8xf32>
func.func @unplannable(%n: index) -> memref<4xf32> {
  %d = memref.alloc(%n) : memref<?xf32>
  memref.dealloc %d : memref<?xf32>
  %e = memref.alloc() : memref<4xf32>
  %f = memref.alloc() : memref<8xf32>
  memref.dealloc %f : memref<8xf32>
  return %e : memref<4xf32>
}
