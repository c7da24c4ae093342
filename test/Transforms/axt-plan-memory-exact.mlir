// RUN: axt-opt %s --split-input-file --axt-plan-memory | FileCheck %s --check-prefix=FIT
// RUN: axt-opt %s --split-input-file --axt-plan-memory="search-ms=200" | FileCheck %s --check-prefix=LOCAL
// RUN: axt-opt %s --split-input-file --axt-plan-memory="exact-ms=2000" | FileCheck %s --check-prefix=EXACT
// The exact refinement (exact-ms) against best fit and the local search.
// Each buffer lives from its alloc to its dealloc; the instances were found
// by search among random ones and shrunk.

// Best fit in all its orders needs 1984 bytes, 64 above LOAD; the branch
// and bound reaches LOAD, which proves the arena optimal.
// FIT-LABEL:   func.func @best_fit_above_load()
// FIT-SAME:        attributes {axt.arena_bytes = 1984 : i64, axt.arena_load = 1920 : i64} {
// EXACT-LABEL: func.func @best_fit_above_load()
// EXACT-SAME:      attributes {axt.arena_bytes = 1920 : i64, axt.arena_load = 1920 : i64, axt.arena_optimal} {
// EXACT:         memref.alloc() {alignment = 64 : i64} : memref<1920xi8>
func.func @best_fit_above_load() {
  %b5 = memref.alloc() : memref<304xf32>
  %b2 = memref.alloc() : memref<16xf32>
  %b7 = memref.alloc() : memref<160xf32>
  memref.dealloc %b5 : memref<304xf32>
  %b1 = memref.alloc() : memref<16xf32>
  memref.dealloc %b7 : memref<160xf32>
  %b0 = memref.alloc() : memref<16xf32>
  %b4 = memref.alloc() : memref<64xf32>
  memref.dealloc %b0 : memref<16xf32>
  memref.dealloc %b2 : memref<16xf32>
  %b3 = memref.alloc() : memref<112xf32>
  %b6 = memref.alloc() : memref<288xf32>
  memref.dealloc %b1 : memref<16xf32>
  memref.dealloc %b3 : memref<112xf32>
  memref.dealloc %b4 : memref<64xf32>
  memref.dealloc %b6 : memref<288xf32>
  return
}

// -----

// No arena of LOAD (1216 bytes) exists here. Best fit needs 1344 bytes.
// The local search may find 1280 (it does on this machine), but it cannot
// tell whether that is the least; the branch and bound finds 1280 and
// exhausts every other placement, which proves it optimal.
// FIT-LABEL:   func.func @optimum_above_load()
// FIT-SAME:        attributes {axt.arena_bytes = 1344 : i64, axt.arena_load = 1216 : i64} {
// LOCAL-LABEL: func.func @optimum_above_load()
// LOCAL-SAME:      attributes {axt.arena_bytes = {{[0-9]+}} : i64, axt.arena_load = 1216 : i64} {
// EXACT-LABEL: func.func @optimum_above_load()
// EXACT-SAME:      attributes {axt.arena_bytes = 1280 : i64, axt.arena_load = 1216 : i64, axt.arena_optimal} {
// EXACT:         memref.alloc() {alignment = 64 : i64} : memref<1280xi8>
func.func @optimum_above_load() {
  %b0 = memref.alloc() : memref<160xf32>
  %b2 = memref.alloc() : memref<32xf32>
  %b7 = memref.alloc() : memref<96xf32>
  memref.dealloc %b0 : memref<160xf32>
  %b5 = memref.alloc() : memref<32xf32>
  %b6 = memref.alloc() : memref<144xf32>
  memref.dealloc %b6 : memref<144xf32>
  %b3 = memref.alloc() : memref<48xf32>
  memref.dealloc %b7 : memref<96xf32>
  %b1 = memref.alloc() : memref<112xf32>
  memref.dealloc %b2 : memref<32xf32>
  memref.dealloc %b3 : memref<48xf32>
  %b4 = memref.alloc() : memref<160xf32>
  memref.dealloc %b4 : memref<160xf32>
  memref.dealloc %b5 : memref<32xf32>
  memref.dealloc %b1 : memref<112xf32>
  return
}
