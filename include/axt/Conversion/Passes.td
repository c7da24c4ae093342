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

    Convolutions become `linalg.conv_2d_nchw_fchw`, their gradients too (a
    transposed convolution of the spread output gradient; a convolution of
    the transposed input and output gradient). With
    `runtime-conv-gradients`, the gradients of ungrouped f32 convolutions
    call the runtime's kernels instead (`axtrt_conv2d_backward_input_f32`,
    `axtrt_conv2d_backward_filter_f32`: one GEMM and col2im, or im2col and
    one GEMM, per sample), which need none of those copies.
  }];
  let options = [
    Option<"runtimeConvGradients", "runtime-conv-gradients", "bool",
           /*default=*/"false",
           "call the runtime's kernels for the input and filter gradients "
           "of ungrouped f32 convolutions">
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

#endif // AXT_CONVERSION_PASSES_TD
