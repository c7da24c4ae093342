//===- AxtOps.td - ops of the axt dialect ------------------*- tablegen -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTOPS_TD
#define AXT_DIALECT_AXT_IR_AXTOPS_TD

include "axt/Dialect/Axt/IR/AxtOpBase.td"

//===----------------------------------------------------------------------===//
// Forward ops
//===----------------------------------------------------------------------===//

def Axt_LinearOp : Axt_Op<"linear", [Pure,
    Axt_Differentiable]> {
  let summary = "fully connected layer: y = x · wᵀ + b";
  let description = [{
    `x` is `[N, in]`, `w` is `[out, in]` (PyTorch's layout), `b` is `[out]`,
    and the result is `[N, out]`. The batch dimension `N` may be dynamic.

    Example:
    ```mlir
    %y = axt.linear %x, %w, %b : tensor<?x784xf32>, tensor<256x784xf32>, tensor<256xf32> -> tensor<?x256xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$input, Axt_FloatTensor:$weight,
                       Axt_FloatTensor:$bias);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias attr-dict `:` type($input) `,` type($weight)
    `,` type($bias) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Axt_ReluOp : Axt_Op<"relu", [Pure, AllTypesMatch<["input", "result"]>,
    Axt_Differentiable]> {
  let summary = "rectified linear unit: max(x, 0)";
  let description = [{
    Elementwise `max(x, 0)`. The backward pass needs only the sign of the
    output, so autodiff keeps the output (which the next layer usually keeps
    anyway).

    Example: `%y = axt.relu %x : tensor<?x256xf32>`
  }];
  let arguments = (ins Axt_FloatTensor:$input);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Axt_AddOp : Axt_Op<"add", [Pure, Commutative, Axt_Differentiable]> {
  let summary = "elementwise sum with NumPy-style broadcasting";
  let description = [{
    Elementwise `lhs + rhs`. The shapes broadcast as in NumPy: they are
    aligned at their last dimension, a missing leading dimension counts as
    1, and in each dimension the sizes are equal or one of them is a static
    1, which is repeated along the other. A dynamic size (`?`) matches
    another dynamic size (the two are assumed equal, as for the batch) or a
    static 1; it never broadcasts itself, so `?` against a static size
    other than 1 is an error. The result has the broadcast shape.

    The gradient of a broadcast operand sums the result gradient over the
    repeated dimensions (`axt.sum_to_shape`). Autodiff also uses `axt.add`
    to accumulate the gradients of a value with several uses.

    When both operands have the result's type, one type is written:
    ```mlir
    %s = axt.add %a, %b : tensor<?x256xf32>
    %t = axt.add %x, %bias : tensor<?x16x8x8xf32>, tensor<16x1x1xf32> -> tensor<?x16x8x8xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$lhs, Axt_FloatTensor:$rhs);
  let results = (outs Axt_FloatTensor:$result);
  let builders = [
    // The result type is the broadcast of the operands' types.
    OpBuilder<(ins "::mlir::Value":$lhs, "::mlir::Value":$rhs)>
  ];
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

def Axt_SumToShapeOp : Axt_Op<"sum_to_shape", [Pure]> {
  let summary = "sum a tensor down to a shape that broadcasts to it";
  let description = [{
    The adjoint of broadcasting: `result` has a type that broadcasts to the
    input's type (the rules of `axt.add`); every element of `result` is
    the sum of the input elements that broadcasting it would have filled.
    It is the gradient of a broadcast operand of `axt.add`.

    Example:
    ```mlir
    %db = axt.sum_to_shape %dy : tensor<?x16x8x8xf32> -> tensor<16x1x1xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$input);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Axt_SoftmaxCrossEntropyOp : Axt_Op<"softmax_cross_entropy", [Pure,
    Axt_Differentiable]> {
  let summary = "mean softmax cross-entropy of logits against integer labels";
  let description = [{
    `logits` is `[N, C]` and `labels` is `[N]` with class indices in
    `[0, C)`. The result is the rank-0 mean over the batch of
    `logsumexp(logits[i]) - logits[i, labels[i]]`. Labels outside `[0, C)`
    are undefined behaviour at run time (the data loader checks them).

    Example:
    ```mlir
    %loss = axt.softmax_cross_entropy %logits, %labels : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$logits, Axt_LabelTensor:$labels);
  let results = (outs Axt_Scalar:$loss);
  let assemblyFormat = [{
    $logits `,` $labels attr-dict `:` type($logits) `,` type($labels) `->`
    type($loss)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Backward ops
//===----------------------------------------------------------------------===//

def Axt_LinearBackwardInputOp : Axt_Op<"linear_backward_input", [Pure]> {
  let summary = "input gradient of axt.linear: dx = dy · w";
  let description = [{
    `grad` is `[N, out]`, `weight` is `[out, in]`; the result is `[N, in]`.

    Example:
    ```mlir
    %dx = axt.linear_backward_input %dy, %w : tensor<?x10xf32>, tensor<10x256xf32> -> tensor<?x256xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$grad, Axt_FloatTensor:$weight);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $grad `,` $weight attr-dict `:` type($grad) `,` type($weight) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Axt_LinearBackwardWeightOp : Axt_Op<"linear_backward_weight", [Pure]> {
  let summary = "weight gradient of axt.linear: dw = dyᵀ · x";
  let description = [{
    `grad` is `[N, out]`, `input` is `[N, in]`; the result is `[out, in]`.

    Example:
    ```mlir
    %dw = axt.linear_backward_weight %dy, %x : tensor<?x10xf32>, tensor<?x256xf32> -> tensor<10x256xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$grad, Axt_FloatTensor:$input);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $grad `,` $input attr-dict `:` type($grad) `,` type($input) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Axt_LinearBackwardBiasOp : Axt_Op<"linear_backward_bias", [Pure]> {
  let summary = "bias gradient of axt.linear: db = Σ over the batch of dy";
  let description = [{
    `grad` is `[N, out]`; the result is `[out]`.

    Example:
    ```mlir
    %db = axt.linear_backward_bias %dy : tensor<?x10xf32> -> tensor<10xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$grad);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$grad attr-dict `:` type($grad) `->` type($result)";
  let hasVerifier = 1;
}

def Axt_ReluBackwardOp : Axt_Op<"relu_backward", [Pure,
    AllTypesMatch<["grad", "output", "result"]>]> {
  let summary = "gradient of axt.relu: dx = dy where y > 0, else 0";
  let description = [{
    `output` is the result of the forward `axt.relu`.

    Example: `%dx = axt.relu_backward %dy, %y : tensor<?x256xf32>`
  }];
  let arguments = (ins Axt_FloatTensor:$grad, Axt_FloatTensor:$output);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$grad `,` $output attr-dict `:` type($result)";
}

def Axt_DropoutOp : Axt_Op<"dropout", [Pure,
    AllTypesMatch<["input", "result"]>,
    DeclareOpInterfaceMethods<Axt_TrainingModeOpInterface>,
    Axt_Differentiable]> {
  let summary = "inverted dropout with a counter-based random mask";
  let description = [{
    In training mode each element is kept with probability `1 − rate` and
    scaled by `1 / (1 − rate)`, or set to zero:
    `y[i] = u[i] >= rate ? x[i] / (1 − rate) : 0`, where `u[i]` is the
    uniform variate of element `i` (row-major index) of stream `stream`
    under `seed`, drawn with Philox4x32-10 (`runtime/include/axtrt/philox.h`
    defines the exact mapping). In inference mode the op is the identity
    and folds away.

    The mask is a function of (seed, stream, index) only: the backward pass
    (`axt.dropout_backward`) draws it again instead of keeping it, so a
    dropout keeps nothing for the backward pass. Give every dropout of a
    model its own `stream`; two dropouts with one stream and one shape drop
    the same elements. In a loss function, `seed` is the trailing `i64`
    argument (the step's seed, which runners change every step).

    Example:
    ```mlir
    %y = axt.dropout %x, %seed {rate = 0.5 : f32, stream = 1 : i64} : tensor<?x256xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$input, I64:$seed, F32Attr:$rate,
                       I64Attr:$stream,
                       DefaultValuedAttr<BoolAttr, "true">:$training);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input `,` $seed attr-dict `:` type($input)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Axt_DropoutBackwardOp : Axt_Op<"dropout_backward", [Pure,
    AllTypesMatch<["grad", "result"]>]> {
  let summary = "gradient of axt.dropout: the same mask and scale";
  let description = [{
    `dx[i] = u[i] >= rate ? dy[i] / (1 − rate) : 0`, with the variates of
    the forward `axt.dropout` that had the same `seed`, `stream` and `rate`.

    Example:
    ```mlir
    %dx = axt.dropout_backward %dy, %seed {rate = 0.5 : f32, stream = 1 : i64} : tensor<?x256xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$grad, I64:$seed, F32Attr:$rate,
                       I64Attr:$stream);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$grad `,` $seed attr-dict `:` type($grad)";
  let hasVerifier = 1;
}

def Axt_SoftmaxCrossEntropyBackwardOp
    : Axt_Op<"softmax_cross_entropy_backward", [Pure]> {
  let summary = "logit gradient of axt.softmax_cross_entropy";
  let description = [{
    `dlogits[i, c] = grad · (softmax(logits[i])[c] − [c = labels[i]]) / N`,
    where `grad` is the rank-0 gradient of the mean loss.

    Example:
    ```mlir
    %dz = axt.softmax_cross_entropy_backward %dl, %z, %t : tensor<f32>, tensor<?x10xf32>, tensor<?xi32> -> tensor<?x10xf32>
    ```
  }];
  let arguments = (ins Axt_Scalar:$grad, Axt_FloatTensor:$logits,
                       Axt_LabelTensor:$labels);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $grad `,` $logits `,` $labels attr-dict `:` type($grad) `,` type($logits)
    `,` type($labels) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// The forward→backward boundary
//===----------------------------------------------------------------------===//

def Axt_StashOp : Axt_Op<"stash", [Pure,
    TypesMatchWith<"result wraps the input type", "input", "result",
                   "::mlir::axt::StashedType::get($_self.getContext(), "
                   "$_self)">]> {
  let summary = "keep a forward value for the backward pass";
  let description = [{
    Marks `input` as kept for the backward pass. Every value the backward
    pass reads from the forward pass goes through exactly one `axt.stash`;
    later passes may change how it is kept (compressed, as a mask), never
    whether. Without compression it lowers to nothing.

    Example: `%s = axt.stash %h : tensor<?x256xf32>`
  }];
  let arguments = (ins Axt_StorableType:$input);
  let results = (outs Axt_StashedType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Axt_UnstashOp : Axt_Op<"unstash", [Pure,
    TypesMatchWith<"result is the wrapped type", "input", "result",
                   "::llvm::cast<::mlir::axt::StashedType>($_self)"
                   ".getStoredType()">]> {
  let summary = "read a value kept by axt.stash in the backward pass";
  let description = [{
    Returns the value kept by `axt.stash`. A stashed value may be unstashed
    by several backward ops.

    Example: `%h = axt.unstash %s : !axt.stashed<tensor<?x256xf32>>`
  }];
  let arguments = (ins Axt_StashedType:$input);
  let results = (outs Axt_StorableType:$result);
  let assemblyFormat = "$input attr-dict `:` qualified(type($input))";
}

//===----------------------------------------------------------------------===//
// Optimizers
//===----------------------------------------------------------------------===//

def Axt_SgdMomentumOp : Axt_Op<"sgd_momentum", [Pure,
    AllTypesMatch<["param", "grad", "velocity", "new_param", "new_velocity"]>]> {
  let summary = "SGD with momentum and weight decay (PyTorch's convention)";
  let description = [{
    With `g = grad + weight_decay · param`:
    `new_velocity = momentum · velocity + g` and
    `new_param = param − lr · new_velocity`.
    The learning rate is an operand so schedules can change it per step.

    Example:
    ```mlir
    %p1, %v1 = axt.sgd_momentum %p, %g, %v, %lr {momentum = 0.9 : f32, weight_decay = 0.0 : f32} : tensor<10xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$param, Axt_FloatTensor:$grad,
                       Axt_FloatTensor:$velocity, F32:$lr,
                       F32Attr:$momentum, F32Attr:$weight_decay);
  let results = (outs Axt_FloatTensor:$new_param,
                      Axt_FloatTensor:$new_velocity);
  let assemblyFormat = [{
    $param `,` $grad `,` $velocity `,` $lr attr-dict `:` type($param)
  }];
  let hasVerifier = 1;
}

include "axt/Dialect/Axt/IR/AxtCnnOps.td"
include "axt/Dialect/Axt/IR/AxtTransformerOps.td"
include "axt/Dialect/Axt/IR/AxtCompressionOps.td"

#endif // AXT_DIALECT_AXT_IR_AXTOPS_TD
