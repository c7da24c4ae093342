// RUN: axt-opt %s --split-input-file --axt-dispatch-parallel-loops | FileCheck %s

// The captured values go into a struct on the caller's stack (allocated at
// the top of the function, not inside its loop); @body_range loads them
// back and calls the body for its range; the body becomes internal.

// CHECK-LABEL: llvm.func internal @body_range(
// CHECK-SAME:      %[[CTX:[^:]+]]: !llvm.ptr, %[[BEGIN:[^:]+]]: i64, %[[END:[^:]+]]: i64)
// CHECK:         %[[P0:.+]] = llvm.getelementptr %[[CTX]][0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, i64, f32)>
// CHECK:         %[[V0:.+]] = llvm.load %[[P0]] : !llvm.ptr -> !llvm.ptr
// CHECK:         %[[P1:.+]] = llvm.getelementptr %[[CTX]][0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, i64, f32)>
// CHECK:         %[[V1:.+]] = llvm.load %[[P1]] : !llvm.ptr -> i64
// CHECK:         %[[P2:.+]] = llvm.getelementptr %[[CTX]][0, 2] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, i64, f32)>
// CHECK:         %[[V2:.+]] = llvm.load %[[P2]] : !llvm.ptr -> f32
// CHECK:         llvm.call @body(%[[BEGIN]], %[[END]], %{{.+}}, %[[V0]], %[[V1]], %[[V2]])
// CHECK:         llvm.return
// CHECK:       llvm.func internal @body(
// CHECK-NOT:     axt.parallel_body
// CHECK-LABEL: llvm.func @caller(
// CHECK-SAME:      %[[PTR:[^:]+]]: !llvm.ptr, %[[N:[^:]+]]: i64, %[[S:[^:]+]]: f32, %[[TRIPS:[^:]+]]: i64)
// CHECK:         %[[ONE:.+]] = llvm.mlir.constant(1 : i64) : i64
// CHECK:         %[[STRUCT:.+]] = llvm.alloca %[[ONE]] x !llvm.struct<(ptr, i64, f32)> : (i64) -> !llvm.ptr
// CHECK:         llvm.br ^[[LOOP:.+]](
// CHECK:       ^[[LOOP]](
// CHECK-NOT:     llvm.alloca
// CHECK:         %[[F0:.+]] = llvm.getelementptr %[[STRUCT]][0, 0]
// CHECK:         llvm.store %[[PTR]], %[[F0]] : !llvm.ptr, !llvm.ptr
// CHECK:         %[[F1:.+]] = llvm.getelementptr %[[STRUCT]][0, 1]
// CHECK:         llvm.store %[[N]], %[[F1]] : i64, !llvm.ptr
// CHECK:         %[[F2:.+]] = llvm.getelementptr %[[STRUCT]][0, 2]
// CHECK:         llvm.store %[[S]], %[[F2]] : f32, !llvm.ptr
// CHECK:         %[[FN:.+]] = llvm.mlir.addressof @body_range : !llvm.ptr
// CHECK:         llvm.call @axtrt_parallel_for(%[[FN]], %[[STRUCT]], %{{.+}}, %[[TRIPS]], %{{.+}}) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
// CHECK-NOT:     llvm.call @body(
// CHECK:       llvm.func @axtrt_parallel_for(!llvm.ptr, !llvm.ptr, i64, i64, i64)
llvm.func @body(%begin: i64, %end: i64, %work: i64, %p: !llvm.ptr, %n: i64, %s: f32) attributes {axt.parallel_body} {
  llvm.return
}
llvm.func @caller(%p: !llvm.ptr, %n: i64, %s: f32, %trips: i64) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %c4 = llvm.mlir.constant(4 : i64) : i64
  %work = llvm.mlir.constant(4096 : i64) : i64
  llvm.br ^loop(%c0 : i64)
^loop(%i: i64):
  %more = llvm.icmp "slt" %i, %c4 : i64
  llvm.cond_br %more, ^body, ^exit
^body:
  llvm.call @body(%c0, %trips, %work, %p, %n, %s) : (i64, i64, i64, !llvm.ptr, i64, f32) -> ()
  %next = llvm.add %i, %c1 : i64
  llvm.br ^loop(%next : i64)
^exit:
  llvm.return
}

// -----

// A body that captures nothing gets a null context; an existing declaration
// of the runtime function is kept. Unmarked functions are left alone.

// CHECK-LABEL: llvm.func internal @empty_range(
// CHECK-NOT:     llvm.load
// CHECK:         llvm.call @empty(
// CHECK-LABEL: llvm.func @plain(
// CHECK-LABEL: llvm.func @caller(
// CHECK:         %[[NULL:.+]] = llvm.mlir.zero : !llvm.ptr
// CHECK:         llvm.call @axtrt_parallel_for(%{{.+}}, %[[NULL]],
// CHECK:         llvm.call @plain()
// CHECK-COUNT-1: llvm.func @axtrt_parallel_for(
// CHECK-NOT:     llvm.func @axtrt_parallel_for(
llvm.func @empty(%begin: i64, %end: i64, %work: i64) attributes {axt.parallel_body} {
  llvm.return
}
llvm.func @plain() {
  llvm.return
}
llvm.func @caller(%n: i64) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  llvm.call @empty(%c0, %n, %n) : (i64, i64, i64) -> ()
  llvm.call @plain() : () -> ()
  llvm.return
}
llvm.func @axtrt_parallel_for(!llvm.ptr, !llvm.ptr, i64, i64, i64)
