//===- Passes.td - axt conversion passes -------------------*- tablegen -*-===//
#ifndef AXT_CONVERSION_PASSES_TD
#define AXT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertAxtToLinalg : Pass<"convert-axt-to-linalg"> {
  let summary = "lower axt ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Lowers every `axt` op to destination-style `linalg` ops on tensors:
    contractions become `linalg.matmul` (with transposed operands expressed
    through its indexing maps), reductions `linalg.reduce` or
    `linalg.generic`, and elementwise ops `linalg.generic`. Uncompressed
    `axt.stash`/`axt.unstash` pairs fold away. The patterns are exposed per
    op family through `populateAxt*ToLinalgPatterns`. Fails with an error at
    any op it cannot lower.

    Convolutions become `linalg.conv_2d_nchw_fchw` of the zero-padded
    input, their gradients too (a transposed convolution of the spread
    output gradient; a convolution of the transposed input and output
    gradient). With `runtime-conv-kernels`, ungrouped f32 convolutions and
    their gradients call the runtime's kernels instead
    (`axtrt_conv2d_forward_f32`, `axtrt_conv2d_backward_input_f32`,
    `axtrt_conv2d_backward_filter_f32`: im2col and one GEMM, or one GEMM
    and col2im, per sample, reading the padding as zeros), which need none
    of those copies; a bias is then added by an elementwise op after the
    forward kernel.
  }];
  let options = [
    Option<"runtimeConvKernels", "runtime-conv-kernels", "bool",
           /*default=*/"false",
           "call the runtime's kernels for ungrouped f32 convolutions and "
           "their input and filter gradients">
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::func::FuncDialect"];
}

def ConvertLinalgToAxtRuntime
    : Pass<"convert-linalg-to-axt-runtime", "::mlir::ModuleOp"> {
  let summary = "call the runtime's BLAS-backed kernels for f32 matmuls and convolutions on buffers";
  let description = [{
    After bufferization, rewrites `linalg.matmul` on f32 memrefs (plain, or
    with the first or second operand transposed) into calls to
    `axtrt_matmul_f32`, which computes `C += A · B` with `cblas_sgemm` on
    strided views, and `linalg.conv_2d_nchw_fchw` into calls to
    `axtrt_conv2d_nchw_fchw_f32` (im2col and `cblas_sgemm`, accumulating
    into the output, strides and dilations passed as arguments).
    Transposed operands are passed as `memref.transpose` views, so no data
    moves. Other linalg ops are left alone.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect"];
}

def AxtFuseElementwiseOps : Pass<"axt-fuse-elementwise-ops"> {
  let summary = "fuse elementwise linalg ops on tensors where no element is computed twice";
  let description = [{
    Upstream's `linalg-fuse-elementwise-ops` (the same patterns: elementwise
    fusion, reshapes folded by expansion, canonicalization), except that a
    producer is fused into a consumer only if the consumer is its only use
    and reads it through a permutation map. A producer that the consumer
    broadcasts (a per-channel factor read as `(n, c, h, w) -> (c)`) stays a
    loop of its own: fused, it would be recomputed for every element of
    the consumer.
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def AxtCollapseContiguousDims
    : Pass<"axt-collapse-contiguous-dims", "::mlir::func::FuncOp"> {
  let summary = "merge the loop dimensions of linalg.generic ops on buffers that every operand walks contiguously";
  let description = [{
    For each `linalg.generic` on memrefs without layout maps, merges each
    maximal run of consecutive loop dimensions that have the same iterator
    type and appear consecutively, in order, in every indexing map (for an
    elementwise op on `[N, C, H, W]`, all four; for a per-channel scale,
    `H` and `W`). The operands become `memref.collapse_shape` views, so no
    data moves. The loops that follow are fewer and their innermost loop
    longer: LLVM vectorizes it with contiguous loads instead of unrolling a
    short innermost loop and vectorizing across rows with gathers. Operands
    that are the same buffer (an op that writes over its input) share one
    view: as two values they would reach LLVM as two pointers whose
    runtime overlap check fails, and the loop would run its scalar version.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def AxtOutlineParallelLoops
    : Pass<"axt-outline-parallel-loops", "::mlir::ModuleOp"> {
  let summary = "outline large scf.parallel loop nests so that the runtime can split them over threads";
  let description = [{
    Moves each outermost `scf.parallel` (one not nested in another) without
    reductions into a private function of its own, unless it is known to be
    small: a first dimension of fewer than two iterations, or fewer than
    `min-elements` innermost iterations in all. The function takes a range
    `[begin, end)` of the first dimension's iterations (0 to its trip
    count), the innermost iterations of one such iteration, then the values
    the loop uses from above (constants are cloned instead), and runs the
    same loop nest with its first dimension restricted to the range. The
    loop is replaced by a call for the whole range, so the module stays
    correct as it is; `axt-dispatch-parallel-loops` later splits the range
    over threads.

    The innermost iterations are computed before the loop from the trip
    counts of the loops inside it (static ones fold to a constant); a trip
    count whose bounds are only known inside the loop counts as 1. The
    function carries the unit attribute `axt.parallel_body`.
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"-1",
           "leave loop nests known to have fewer innermost iterations in "
           "place (-1: the runtime's AXTRT_PARALLEL_MIN_ELEMENTS, below "
           "which it uses one thread anyway)">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::scf::SCFDialect"];
}

def AxtDispatchParallelLoops
    : Pass<"axt-dispatch-parallel-loops", "::mlir::ModuleOp"> {
  let summary = "call the runtime's axtrt_parallel_for for the loops axt-outline-parallel-loops outlined";
  let description = [{
    Runs on the LLVM dialect, after the conversion of
    `axt-outline-parallel-loops`'s output. Each call of an `llvm.func`
    marked `axt.parallel_body` (arguments: `begin`, `end` and the innermost
    iterations per iteration as `i64`, then the captured values) becomes a
    call of `axtrt_parallel_for(range_fn, context, begin, end, elements)`:
    the captured values are stored into a struct on the caller's stack
    (`context`), and `range_fn` (`@<body>_range`, added once per body)
    loads them back and calls the body for the range it is given. The body
    becomes internal, so that LLVM can inline it into `range_fn`.

    Fails with an error at a marked function whose first three arguments
    are not `i64` or that returns a value, and at an existing
    `@axtrt_parallel_for` of a different type.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // AXT_CONVERSION_PASSES_TD
