// RUN: axt-opt %s --split-input-file --axt-outline-parallel-loops --cse | FileCheck %s
// RUN: axt-opt %s --split-input-file --axt-outline-parallel-loops="min-elements=0" --cse | FileCheck %s --check-prefix=ALL

// (--cse merges the constants the pass materializes with those there are.)

// A large static loop nest moves into a function over a range of its first
// dimension; the call covers the whole range (8 iterations of 64 x 256
// innermost iterations). Constants are cloned, the buffers captured.

// CHECK-LABEL: func.func private @scale_parallel(
// CHECK-SAME:      %[[BEGIN:[^:]+]]: index, %[[END:[^:]+]]: index, %{{[^:]+}}: index,
// CHECK-SAME:      %[[X:[^:]+]]: memref<8x64x256xf32>, %[[S:[^:]+]]: f32, %[[Y:[^:]+]]: memref<8x64x256xf32>)
// CHECK-SAME:      attributes {axt.parallel_body}
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C64:.+]] = arith.constant 64 : index
// CHECK-DAG:     %[[C256:.+]] = arith.constant 256 : index
// CHECK:         %[[O0:.+]] = arith.muli %[[BEGIN]], %[[C1]]
// CHECK:         %[[FIRST:.+]] = arith.addi %[[C0]], %[[O0]]
// CHECK:         %[[O1:.+]] = arith.muli %[[END]], %[[C1]]
// CHECK:         %[[LAST:.+]] = arith.addi %[[C0]], %[[O1]]
// CHECK:         scf.parallel (%[[I:.+]], %[[J:.+]]) = (%[[FIRST]], %[[C0]]) to (%[[LAST]], %[[C64]]) step (%[[C1]], %[[C1]]) {
// CHECK:           scf.for %[[K:.+]] = %[[C0]] to %[[C256]] step %[[C1]] {
// CHECK:             memref.load %[[X]][%[[I]], %[[J]], %[[K]]]
// CHECK:             arith.mulf %{{.+}}, %[[S]]
// CHECK:             memref.store %{{.+}}, %[[Y]][%[[I]], %[[J]], %[[K]]]
// CHECK:         return
// CHECK-LABEL: func.func @scale(
// CHECK-SAME:      %[[X:[^:]+]]: memref<8x64x256xf32>, %[[Y:[^:]+]]: memref<8x64x256xf32>, %[[S:[^:]+]]: f32)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG:     %[[WORK:.+]] = arith.constant 16384 : index
// CHECK:         call @scale_parallel(%[[C0]], %[[C8]], %[[WORK]], %[[X]], %[[S]], %[[Y]])
// CHECK-NOT:     scf.parallel
// CHECK:         return
func.func @scale(%x: memref<8x64x256xf32>, %y: memref<8x64x256xf32>, %s: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c64) step (%c1, %c1) {
    scf.for %k = %c0 to %c256 step %c1 {
      %v = memref.load %x[%i, %j, %k] : memref<8x64x256xf32>
      %w = arith.mulf %v, %s : f32
      memref.store %w, %y[%i, %j, %k] : memref<8x64x256xf32>
    }
    scf.reduce
  }
  return
}

// -----

// Small loops stay: fewer than the runtime's 65536 innermost iterations
// in all, or a single iteration in the first dimension. With
// min-elements=0 only the single-iteration one stays.

// CHECK-LABEL: func.func @small(
// CHECK-NOT:     call
// CHECK:         scf.parallel
// CHECK:         scf.parallel
// CHECK:         return
// ALL:         func.func private @small_parallel(
// ALL-LABEL:   func.func @small(
// ALL:           call @small_parallel(
// ALL:           scf.parallel (%{{.+}}) = (%{{.+}}) to (%{{.+}}) step
// ALL-NOT:       call
// ALL:           return
func.func @small(%x: memref<16x16xf32>, %y: memref<1x100000xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c100000 = arith.constant 100000 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c16, %c16) step (%c1, %c1) {
    memref.store %zero, %x[%i, %j] : memref<16x16xf32>
    scf.reduce
  }
  scf.parallel (%i) = (%c0) to (%c1) step (%c1) {
    scf.for %j = %c0 to %c100000 step %c1 {
      memref.store %zero, %y[%i, %j] : memref<1x100000xf32>
    }
    scf.reduce
  }
  return
}

// -----

// A dynamic batch: outlined whatever its size, the work per iteration
// computed before the loop. The lower bound and step other than 0 and 1
// give ceil((ub - lb) / step) iterations, restricted as lb + i * step.

// CHECK-LABEL: func.func private @dynamic_parallel(
// CHECK-SAME:      %[[BEGIN:[^:]+]]: index, %[[END:[^:]+]]: index, %{{[^:]+}}: index, %[[X:[^:]+]]: memref<?x?xf32>, %[[M:[^:]+]]: index, %[[N:[^:]+]]: index)
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C3:.+]] = arith.constant 3 : index
// CHECK:         %[[O0:.+]] = arith.muli %[[BEGIN]], %[[C3]]
// CHECK:         %[[FIRST:.+]] = arith.addi %[[C2]], %[[O0]]
// CHECK:         %[[O1:.+]] = arith.muli %[[END]], %[[C3]]
// CHECK:         %[[LAST:.+]] = arith.addi %[[C2]], %[[O1]]
// CHECK:         scf.parallel (%{{.+}}) = (%[[FIRST]]) to (%[[LAST]]) step (%[[C3]])
// CHECK:           scf.for %{{.+}} = %{{.+}} to %[[M]] step %[[C1]]
// CHECK-LABEL: func.func @dynamic(
// CHECK-SAME:      %[[X:[^:]+]]: memref<?x?xf32>, %[[N:[^:]+]]: index, %[[M:[^:]+]]: index)
// CHECK:         %[[SPAN:.+]] = arith.subi %[[N]], %{{.+}} : index
// CHECK:         %[[ROUNDED:.+]] = arith.addi %[[SPAN]], %{{.+}} : index
// CHECK:         %[[TRIPS:.+]] = arith.divsi %[[ROUNDED]], %{{.+}} : index
// CHECK:         %[[END:.+]] = arith.maxsi %[[TRIPS]], %{{.+}} : index
// CHECK:         %[[INNER:.+]] = arith.maxsi %[[M]], %{{.+}} : index
// CHECK:         %[[WORK:.+]] = arith.maxsi %[[INNER]], %{{.+}} : index
// CHECK:         call @dynamic_parallel(%{{.+}}, %[[END]], %[[WORK]], %[[X]], %[[M]], %[[N]])
func.func @dynamic(%x: memref<?x?xf32>, %n: index, %m: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c2) to (%n) step (%c3) {
    scf.for %j = %c0 to %m step %c1 {
      memref.store %zero, %x[%i, %j] : memref<?x?xf32>
    }
    scf.reduce
  }
  return
}

// -----

// A parallel loop inside a sequential one (a sum over the batch): the
// sequential loop's index is captured; one call per iteration. Loops with
// reductions (results) stay.

// CHECK-LABEL: func.func private @inside_for_parallel(
// CHECK-SAME:      %{{[^:]+}}: index, %{{[^:]+}}: index, %{{[^:]+}}: index, %[[X:[^:]+]]: memref<?x512x256xf32>, %[[B:[^:]+]]: index, %[[ACC:[^:]+]]: memref<512x256xf32>)
// CHECK:         memref.load %[[X]][%[[B]],
// CHECK:         memref.store %{{.+}}, %[[ACC]]
// CHECK-LABEL: func.func @inside_for(
// CHECK:         scf.for %[[I:.+]] = 
// CHECK:           call @inside_for_parallel(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[I]], %{{.+}})
// CHECK:         scf.parallel {{.+}} -> f32
func.func @inside_for(%x: memref<?x512x256xf32>, %acc: memref<512x256xf32>, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant 0.0 : f32
  scf.for %b = %c0 to %n step %c1 {
    scf.parallel (%i, %j) = (%c0, %c0) to (%c512, %c256) step (%c1, %c1) {
      %v = memref.load %x[%b, %i, %j] : memref<?x512x256xf32>
      %a = memref.load %acc[%i, %j] : memref<512x256xf32>
      %s = arith.addf %a, %v : f32
      memref.store %s, %acc[%i, %j] : memref<512x256xf32>
      scf.reduce
    }
  }
  %total = scf.parallel (%i, %j) = (%c0, %c0) to (%c512, %c256) step (%c1, %c1) init (%zero) -> f32 {
    %a = memref.load %acc[%i, %j] : memref<512x256xf32>
    scf.reduce(%a : f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      scf.reduce.return %s : f32
    }
  }
  return %total : f32
}
