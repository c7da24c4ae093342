// RUN: axt-opt %s --split-input-file --axt-dispatch-parallel-loops --verify-diagnostics

// expected-error @below {{a parallel loop body must take its range and its work per iteration as three i64 arguments first and return nothing}}
llvm.func @body(%begin: i64, %end: i64) attributes {axt.parallel_body} {
  llvm.return
}

// -----

// expected-error @below {{a parallel loop body must take its range and its work per iteration as three i64 arguments first and return nothing}}
llvm.func @body(%begin: i32, %end: i64, %work: i64) attributes {axt.parallel_body} {
  llvm.return
}

// -----

// expected-error @below {{a parallel loop body must take its range and its work per iteration as three i64 arguments first and return nothing}}
llvm.func @body(%begin: i64, %end: i64, %work: i64) -> i64 attributes {axt.parallel_body} {
  llvm.return %begin : i64
}

// -----

llvm.func @body(%begin: i64, %end: i64, %work: i64) attributes {axt.parallel_body} {
  llvm.return
}
// expected-error @below {{'axtrt_parallel_for' is declared with a different type}}
llvm.func @axtrt_parallel_for(!llvm.ptr, i64, i64)
