//===- AxtTransformerOps.td - ops of Transformer blocks ----*- tablegen -*-===//
//
// Matrix products of activations, softmax, GELU and layer normalization:
// what attention and the MLP of a Transformer encoder block need.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_DIALECT_AXT_IR_AXTTRANSFORMEROPS_TD
#define AXT_DIALECT_AXT_IR_AXTTRANSFORMEROPS_TD

include "axt/Dialect/Axt/IR/AxtOpBase.td"

def Axt_MatmulOp : Axt_Op<"matmul", [Pure, Axt_Differentiable]> {
  let summary = "matrix product, optionally batched and with transposed operands";
  let description = [{
    `op(lhs) · op(rhs)` where `op` transposes the last two dimensions when
    `transpose_lhs` / `transpose_rhs` is set. Operands have rank 2
    (`[M, K] · [K, N]`) or rank 3 with equal leading (batch) dimensions
    (`[B, M, K] · [B, K, N]`). The gradients are matmuls again, with the
    transposes rearranged, so there is no separate backward op.

    Example (attention scores):
    ```mlir
    %s = axt.matmul %q, %k {transpose_rhs = true}
        : tensor<8x16x32xf32>, tensor<8x16x32xf32> -> tensor<8x16x16xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$lhs, Axt_FloatTensor:$rhs,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_lhs,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_rhs);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Axt_SoftmaxOp : Axt_Op<"softmax", [Pure, Axt_Differentiable,
    AllTypesMatch<["input", "result"]>]> {
  let summary = "softmax over the last dimension";
  let description = [{
    `exp(x − max) / Σ exp(x − max)` along the last dimension, computed with
    the maximum subtracted for stability.

    Example: `%p = axt.softmax %s : tensor<8x16x16xf32>`
  }];
  let arguments = (ins Axt_FloatTensor:$input);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Axt_SoftmaxBackwardOp : Axt_Op<"softmax_backward", [Pure,
    AllTypesMatch<["grad", "output", "result"]>]> {
  let summary = "input gradient of axt.softmax: y ⊙ (dy − Σ dy ⊙ y)";
  let description = [{
    `output` is the softmax's result; the sum runs over the last dimension.

    Example: `%dx = axt.softmax_backward %dy, %p : tensor<8x16x16xf32>`
  }];
  let arguments = (ins Axt_FloatTensor:$grad, Axt_FloatTensor:$output);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$grad `,` $output attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Axt_GeluOp : Axt_Op<"gelu", [Pure, Axt_Differentiable,
    AllTypesMatch<["input", "result"]>]> {
  let summary = "Gaussian error linear unit, x · Φ(x) (exact, with erf)";
  let description = [{
    `x · (1 + erf(x / √2)) / 2`, PyTorch's default GELU.

    Example: `%y = axt.gelu %x : tensor<?x64xf32>`
  }];
  let arguments = (ins Axt_FloatTensor:$input);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Axt_GeluBackwardOp : Axt_Op<"gelu_backward", [Pure,
    AllTypesMatch<["grad", "input", "result"]>]> {
  let summary = "input gradient of axt.gelu: dy · (Φ(x) + x · φ(x))";
  let description = [{
    `input` is the GELU's input.

    Example: `%dx = axt.gelu_backward %dy, %x : tensor<?x64xf32>`
  }];
  let arguments = (ins Axt_FloatTensor:$grad, Axt_FloatTensor:$input);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$grad `,` $input attr-dict `:` type($result)";
}

def Axt_LayerNormOp : Axt_Op<"layer_norm", [Pure, Axt_Differentiable,
    AllTypesMatch<["input", "result"]>, AllTypesMatch<["scale", "shift"]>]> {
  let summary = "layer normalization over the last dimension";
  let description = [{
    Each row (the last dimension, of size D) is normalized with its own mean
    and biased variance, then scaled and shifted by the `[D]` parameters:
    `y = scale · (x − mean) / √(var + epsilon) + shift`.

    Example:
    ```mlir
    %y = axt.layer_norm %x, %gamma, %beta : tensor<?x16x64xf32>, tensor<64xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$input, Axt_FloatTensor:$scale,
                       Axt_FloatTensor:$shift,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale `,` $shift attr-dict `:` type($input) `,` type($scale)
  }];
  let hasVerifier = 1;
}

def Axt_LayerNormBackwardOp : Axt_Op<"layer_norm_backward", [Pure,
    AllTypesMatch<["grad", "input", "grad_input"]>,
    AllTypesMatch<["scale", "grad_scale", "grad_shift"]>]> {
  let summary = "gradients of axt.layer_norm";
  let description = [{
    Recomputes each row's statistics from the input and returns the
    gradients of the input, the scale and the shift:
    `dx = invstd / D · (D · g − Σg − x̂ · Σ(g · x̂))` with `g = dy · scale`.

    Example:
    ```mlir
    %dx, %dg, %db = axt.layer_norm_backward %dy, %x, %gamma
        : tensor<?x16x64xf32>, tensor<64xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$grad, Axt_FloatTensor:$input,
                       Axt_FloatTensor:$scale,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon);
  let results = (outs Axt_FloatTensor:$grad_input,
                      Axt_FloatTensor:$grad_scale,
                      Axt_FloatTensor:$grad_shift);
  let assemblyFormat = [{
    $grad `,` $input `,` $scale attr-dict `:` type($grad) `,` type($scale)
  }];
  let hasVerifier = 1;
}

def Axt_TransposeOp : Axt_Op<"transpose", [Pure, Axt_Differentiable]> {
  let summary = "permutes the dimensions of a tensor";
  let description = [{
    `result[i₀, …] = input[…]` with dimension `d` of the result being
    dimension `permutation[d]` of the input; multi-head attention uses it to
    bring the heads in front.

    Example:
    ```mlir
    %h = axt.transpose %x {permutation = array<i64: 1, 0, 2>}
        : tensor<16x4x8xf32> -> tensor<4x16x8xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

#endif // AXT_DIALECT_AXT_IR_AXTTRANSFORMEROPS_TD
