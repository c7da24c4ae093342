//===- AxtCnnOps.td - convolution, pooling, normalization --*- tablegen -*-===//
//
// Ops of convolutional networks. Images are NCHW; window attributes are
// (height, width) pairs. Output sizes follow
// out = (in + 2·padding − dilation·(kernel − 1) − 1) / stride + 1.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_DIALECT_AXT_IR_AXTCNNOPS_TD
#define AXT_DIALECT_AXT_IR_AXTCNNOPS_TD

include "axt/Dialect/Axt/IR/AxtOpBase.td"

/// Attributes of a convolution window.
defvar Axt_ConvAttrs = (ins DefaultValuedAttr<Axt_Pair, "{1, 1}">:$strides,
                            DefaultValuedAttr<Axt_Pair, "{0, 0}">:$padding,
                            DefaultValuedAttr<Axt_Pair, "{1, 1}">:$dilations,
                            DefaultValuedAttr<I64Attr, "1">:$groups);

/// Attributes of a pooling window.
defvar Axt_PoolAttrs = (ins Axt_Pair:$kernel, Axt_Pair:$strides,
                            DefaultValuedAttr<Axt_Pair, "{0, 0}">:$padding);

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

def Axt_Conv2DOp : Axt_Op<"conv2d", [Pure, Axt_Differentiable]> {
  let summary = "2-D convolution (cross-correlation), NCHW";
  let description = [{
    `input` is `[N, C, H, W]`, `filter` is `[F, C / groups, KH, KW]`, the
    optional `bias` is `[F]`, and the result is `[N, F, OH, OW]`. Input
    channels and filters are split into `groups` equal groups; group `g` of
    the filters sees only group `g` of the channels. Padding is with zeros.

    Example:
    ```mlir
    %y = axt.conv2d %x, %w, %b {padding = array<i64: 2, 2>}
        : tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32> -> tensor<?x6x28x28xf32>
    ```
  }];
  let arguments = !con((ins Axt_FloatTensor:$input, Axt_FloatTensor:$filter,
                            Optional<Axt_FloatTensor>:$bias),
                       Axt_ConvAttrs);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` type($input) `,`
    type($filter) (`,` type($bias)^)? `->` type($result)
  }];
  let hasVerifier = 1;
}

def Axt_Conv2DBackwardInputOp : Axt_Op<"conv2d_backward_input", [Pure]> {
  let summary = "input gradient of axt.conv2d (a transposed convolution)";
  let description = [{
    `grad` is the gradient of the convolution's result `[N, F, OH, OW]`,
    `filter` its filter; the result has the convolution input's type, which
    also fixes the input size that the window attributes do not determine.

    Example:
    ```mlir
    %dx = axt.conv2d_backward_input %dy, %w {padding = array<i64: 1, 1>}
        : tensor<?x16x28x28xf32>, tensor<16x16x3x3xf32> -> tensor<?x16x28x28xf32>
    ```
  }];
  let arguments = !con((ins Axt_FloatTensor:$grad, Axt_FloatTensor:$filter),
                       Axt_ConvAttrs);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $grad `,` $filter attr-dict `:` type($grad) `,` type($filter) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Axt_Conv2DBackwardFilterOp : Axt_Op<"conv2d_backward_filter", [Pure]> {
  let summary = "filter gradient of axt.conv2d";
  let description = [{
    `grad` is the gradient of the convolution's result, `input` the
    convolution's input; the result has the filter's type.

    Example:
    ```mlir
    %dw = axt.conv2d_backward_filter %dy, %x {padding = array<i64: 1, 1>}
        : tensor<?x16x28x28xf32>, tensor<?x16x28x28xf32> -> tensor<16x16x3x3xf32>
    ```
  }];
  let arguments = !con((ins Axt_FloatTensor:$grad, Axt_FloatTensor:$input),
                       Axt_ConvAttrs);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $grad `,` $input attr-dict `:` type($grad) `,` type($input) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Axt_ChannelSumOp : Axt_Op<"channel_sum", [Pure]> {
  let summary = "sum over every dimension but the channel dimension (1)";
  let description = [{
    `[N, C, ...]` → `[C]`: the bias gradient of a convolution, and the
    shift gradient of a normalization.

    Example: `%db = axt.channel_sum %dy : tensor<?x6x28x28xf32> -> tensor<6xf32>`
  }];
  let arguments = (ins Axt_FloatTensor:$input);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def Axt_MaxPool2DOp : Axt_Op<"max_pool2d", [Pure, Axt_Differentiable]> {
  let summary = "2-D max pooling, NCHW, with the position of each maximum";
  let description = [{
    `[N, C, H, W]` → `[N, C, OH, OW]`, padding with −∞. `indices` holds,
    for each output, the position `kh · KW + kw` of its maximum inside its
    window (the first one on ties); the backward pass needs only these.
    NaN inputs propagate to the output.

    Example:
    ```mlir
    %y, %i = axt.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<?x6x28x28xf32> -> tensor<?x6x14x14xf32>, tensor<?x6x14x14xi32>
    ```
  }];
  let arguments = !con((ins Axt_FloatTensor:$input), Axt_PoolAttrs);
  let results = (outs Axt_FloatTensor:$result,
                      RankedTensorOf<[I32]>:$indices);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result) `,` type($indices)
  }];
  let hasVerifier = 1;
}

def Axt_MaxPool2DBackwardOp : Axt_Op<"max_pool2d_backward", [Pure]> {
  let summary = "input gradient of axt.max_pool2d";
  let description = [{
    Routes each output gradient to the input position its `indices` entry
    names; the result has the pooling input's type.

    Example:
    ```mlir
    %dx = axt.max_pool2d_backward %dy, %i {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<?x6x14x14xf32>, tensor<?x6x14x14xi32> -> tensor<?x6x28x28xf32>
    ```
  }];
  let arguments = !con((ins Axt_FloatTensor:$grad,
                            RankedTensorOf<[I32]>:$indices),
                       Axt_PoolAttrs);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $grad `,` $indices attr-dict `:` type($grad) `,` type($indices) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Axt_AvgPool2DOp : Axt_Op<"avg_pool2d", [Pure, Axt_Differentiable]> {
  let summary = "2-D average pooling, NCHW";
  let description = [{
    `[N, C, H, W]` → `[N, C, OH, OW]`; every window is divided by
    `KH · KW`, padding included (PyTorch's `count_include_pad`).

    Example:
    ```mlir
    %y = axt.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<?x6x28x28xf32> -> tensor<?x6x14x14xf32>
    ```
  }];
  let arguments = !con((ins Axt_FloatTensor:$input), Axt_PoolAttrs);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Axt_AvgPool2DBackwardOp : Axt_Op<"avg_pool2d_backward", [Pure]> {
  let summary = "input gradient of axt.avg_pool2d";
  let description = [{
    Spreads each output gradient evenly over its window; the result has the
    pooling input's type.

    Example:
    ```mlir
    %dx = axt.avg_pool2d_backward %dy {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<?x6x14x14xf32> -> tensor<?x6x28x28xf32>
    ```
  }];
  let arguments = !con((ins Axt_FloatTensor:$grad), Axt_PoolAttrs);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$grad attr-dict `:` type($grad) `->` type($result)";
  let hasVerifier = 1;
}

def Axt_GlobalAvgPool2DOp : Axt_Op<"global_avg_pool2d", [Pure,
    Axt_Differentiable]> {
  let summary = "mean over the spatial dimensions: [N, C, H, W] → [N, C]";
  let description = [{
    Example:
    ```mlir
    %y = axt.global_avg_pool2d %x : tensor<?x64x7x7xf32> -> tensor<?x64xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$input);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Axt_GlobalAvgPool2DBackwardOp
    : Axt_Op<"global_avg_pool2d_backward", [Pure]> {
  let summary = "input gradient of axt.global_avg_pool2d";
  let description = [{
    `[N, C]` → `[N, C, H, W]`, each gradient divided by `H · W`; the
    spatial size comes from the result type, which must be static there.

    Example:
    ```mlir
    %dx = axt.global_avg_pool2d_backward %dy : tensor<?x64xf32> -> tensor<?x64x7x7xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$grad);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$grad attr-dict `:` type($grad) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def Axt_BatchNormOp : Axt_Op<"batch_norm", [Pure,
    DeclareOpInterfaceMethods<Axt_DifferentiableOpInterface,
        ["getValuesForGradient", "buildGradients", "isDifferentiableOperand"]>,
    DeclareOpInterfaceMethods<Axt_TrainingModeOpInterface>,
    AllTypesMatch<["input", "result"]>,
    AllTypesMatch<["scale", "shift", "running_mean", "running_var",
                   "new_running_mean", "new_running_var"]>]> {
  let summary = "batch normalization over all dimensions but the channels";
  let description = [{
    `input` is `[N, C, ...]`; `scale`, `shift`, `running_mean` and
    `running_var` are `[C]`. In training mode each channel is normalized
    with the mean and the biased variance of the batch,
    `y = scale · (x − mean) / √(var + epsilon) + shift`, and the running
    statistics are updated as PyTorch does:
    `new = (1 − momentum) · running + momentum · batch`, with the unbiased
    variance. In inference mode the running statistics normalize and are
    returned unchanged. Only the result is differentiable.

    Example:
    ```mlir
    %y, %m, %v = axt.batch_norm %x, %gamma, %beta, %mean, %var {epsilon = 1.0e-5 : f32, momentum = 0.1 : f32, training = true}
        : tensor<?x16x28x28xf32>, tensor<16xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$input, Axt_FloatTensor:$scale,
                       Axt_FloatTensor:$shift, Axt_FloatTensor:$running_mean,
                       Axt_FloatTensor:$running_var,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon,
                       DefaultValuedAttr<F32Attr, "0.1">:$momentum,
                       DefaultValuedAttr<BoolAttr, "true">:$training);
  let results = (outs Axt_FloatTensor:$result,
                      Axt_FloatTensor:$new_running_mean,
                      Axt_FloatTensor:$new_running_var);
  let assemblyFormat = [{
    $input `,` $scale `,` $shift `,` $running_mean `,` $running_var attr-dict
    `:` type($input) `,` type($scale)
  }];
  let hasVerifier = 1;
}

def Axt_BatchNormBackwardOp : Axt_Op<"batch_norm_backward", [Pure,
    AllTypesMatch<["grad", "input", "grad_input"]>,
    AllTypesMatch<["scale", "grad_scale", "grad_shift"]>]> {
  let summary = "gradients of axt.batch_norm in training mode";
  let description = [{
    From the result gradient, the input and the scale, recomputes the batch
    statistics and returns the gradients of the input, the scale and the
    shift:
    `dx = scale · invstd / M · (M · dy − Σdy − x̂ · Σ(dy · x̂))`, with `M`
    the elements per channel and `x̂` the normalized input.

    Example:
    ```mlir
    %dx, %dg, %db = axt.batch_norm_backward %dy, %x, %gamma {epsilon = 1.0e-5 : f32}
        : tensor<?x16x28x28xf32>, tensor<16xf32>
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

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

def Axt_ReshapeOp : Axt_Op<"reshape", [Pure, Axt_Differentiable]> {
  let summary = "the same elements, in row-major order, with another shape";
  let description = [{
    Both shapes are static, or both have a dynamic leading (batch)
    dimension and static others; the element counts must agree. Flattening
    `[N, C, H, W]` to `[N, C·H·W]` is the common use.

    Example:
    ```mlir
    %f = axt.reshape %x : tensor<?x16x5x5xf32> -> tensor<?x400xf32>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$input);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

#endif // AXT_DIALECT_AXT_IR_AXTCNNOPS_TD
