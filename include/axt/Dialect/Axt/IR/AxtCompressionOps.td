//===- AxtCompressionOps.td - compressed saved activations -*- tablegen -*-===//
//
// Quantized tensors (ActNN, BLPA) and 1-bit masks: the forms in which
// axt-compress-activations and axt-relu-mask keep forward values for the
// backward pass.
//
//===----------------------------------------------------------------------===//
#ifndef AXT_DIALECT_AXT_IR_AXTCOMPRESSIONOPS_TD
#define AXT_DIALECT_AXT_IR_AXTCOMPRESSIONOPS_TD

include "axt/Dialect/Axt/IR/AxtOpBase.td"

def Axt_QuantizeOp : Axt_Op<"quantize", [Pure,
    TypesMatchWith<"result packs the input type", "result", "input",
                   "::llvm::cast<::mlir::axt::PackedType>($_self)"
                   ".getTensorType()">]> {
  let summary = "quantize a tensor to per-group low-bit codes";
  let description = [{
    ActNN's quantizer. Per group (see `!axt.packed`), with `B = 2^bits − 1`,
    `lo` = the group minimum rounded down to f16 and `step` = (max − lo) / B
    rounded up to f16, each element gets the code
    `clamp(floor((x − lo) / step + u), 0, B)`: with `rounding = "stochastic"`
    (the default) `u` is the element's uniform variate of stream `stream`
    under `seed` (Philox4x32-10, as for `axt.dropout`), which makes
    `lo + code · step` an unbiased estimate of `x` with variance
    `step² · f · (1 − f)`, `f` the fractional part of `(x − lo) / step`;
    with `rounding = "nearest"`, `u = 1/2` (deterministic; the seed is not
    read). A group holding NaN or ±Inf, or a range beyond f16, dequantizes
    to NaN. With `exact_zero` (see `!axt.packed`), zeros get code 0 and
    the other elements `1 + clamp(floor((x − lo) / step + u), 0, B − 1)`,
    `lo` and `step` taken over the group's non-zero elements.

    Example:
    ```mlir
    %p = axt.quantize %h, %seed {stream = 4294967297 : i64}
        : tensor<?x256xf32> -> !axt.packed<tensor<?x256xf32>, bits = 2, group = 256>
    ```
  }];
  let arguments = (ins Axt_FloatTensor:$input, I64:$seed, I64Attr:$stream,
                       DefaultValuedAttr<StrAttr, "\"stochastic\"">:$rounding);
  let results = (outs Axt_PackedType:$result);
  let assemblyFormat = [{
    $input `,` $seed attr-dict `:` type($input) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
}

def Axt_DequantizeOp : Axt_Op<"dequantize", [Pure,
    TypesMatchWith<"result is the packed tensor type", "input", "result",
                   "::llvm::cast<::mlir::axt::PackedType>($_self)"
                   ".getTensorType()">]> {
  let summary = "the tensor a packed value approximates";
  let description = [{
    `lo + code · step` per element (with `exact_zero`: 0 for code 0, else
    `lo + (code − 1) · step`); NaN for a group that held non-finite values. The packed bytes do not record the tensor's dynamic sizes:
    they are operands, one per dynamic dimension in order, as for
    `tensor.empty` (`axt-compress-activations` takes them in the forward).

    Example:
    ```mlir
    %h = axt.dequantize %p[%batch] : !axt.packed<tensor<?x256xf32>, bits = 2, group = 256>
    ```
  }];
  let arguments = (ins Axt_PackedType:$input, Variadic<Index>:$dynamic_sizes);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $input (`[` $dynamic_sizes^ `]`)? attr-dict `:` qualified(type($input))
  }];
  let hasVerifier = 1;
}

def Axt_PackMaskOp : Axt_Op<"pack_mask", [Pure,
    TypesMatchWith<"result is the mask of the input type", "input", "result",
                   "::mlir::axt::MaskType::get($_self.getContext(), "
                   "::llvm::cast<::mlir::RankedTensorType>($_self))">]> {
  let summary = "one bit per element: where the tensor is positive";
  let description = [{
    Bit i is `x[i] > 0` (0 for NaN). What a ReLU's backward needs of its
    output, at 1/32 of the bytes.

    Example: `%m = axt.pack_mask %y : tensor<?x256xf32>`
  }];
  let arguments = (ins Axt_FloatTensor:$input);
  let results = (outs Axt_MaskType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Axt_UnpackMaskOp : Axt_Op<"unpack_mask", [Pure,
    TypesMatchWith<"result is the masked tensor type", "input", "result",
                   "::mlir::axt::getMaskedTensorType($_self)">]> {
  let summary = "a mask as a tensor of ones and zeros";
  let description = [{
    1.0 where the mask bit is set, else 0.0: a stand-in for the masked
    tensor wherever only its sign is read (`axt.relu_backward`).

    The input is an `!axt.mask`, or an `!axt.packed` with `exact_zero`,
    whose mask is where the code is not 0: where the tensor was non-zero
    (the same as positive for a ReLU output; a group that held NaN or ±Inf
    has all codes 0).

    The dynamic sizes are operands, as for `axt.dequantize`.

    Examples:
    ```mlir
    %y = axt.unpack_mask %m[%batch] : !axt.mask<tensor<?x256xf32>>
    %z = axt.unpack_mask %p[%batch]
        : !axt.packed<tensor<?x256xf32>, bits = 2, group = 256, exact_zero>
    ```
  }];
  let arguments = (ins AnyTypeOf<[Axt_MaskType, Axt_PackedType]>:$input,
                       Variadic<Index>:$dynamic_sizes);
  let results = (outs Axt_FloatTensor:$result);
  let assemblyFormat = [{
    $input (`[` $dynamic_sizes^ `]`)? attr-dict `:` qualified(type($input))
  }];
  let hasVerifier = 1;
}

def Axt_PackIndicesOp : Axt_Op<"pack_indices", [Pure,
    TypesMatchWith<"result packs the input type", "result", "input",
                   "::llvm::cast<::mlir::axt::IndicesType>($_self)"
                   ".getTensorType()">]> {
  let summary = "keep small non-negative integers in a few bits each";
  let description = [{
    Keeps the low `bits` bits of each value (the result type's); the values
    must lie in `[0, 2^bits)`, as max-pool positions do.

    Example:
    ```mlir
    %p = axt.pack_indices %i : tensor<?x6x14x14xi32> -> !axt.indices<tensor<?x6x14x14xi32>, bits = 2>
    ```
  }];
  let arguments = (ins RankedTensorOf<[I32]>:$input);
  let results = (outs Axt_IndicesType:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` qualified(type($result))
  }];
}

def Axt_UnpackIndicesOp : Axt_Op<"unpack_indices", [Pure,
    TypesMatchWith<"result is the packed tensor type", "input", "result",
                   "::llvm::cast<::mlir::axt::IndicesType>($_self)"
                   ".getTensorType()">]> {
  let summary = "the integers kept by axt.pack_indices";
  let description = [{
    The dynamic sizes are operands, as for `axt.dequantize`.

    Example:
    ```mlir
    %i = axt.unpack_indices %p[%n] : !axt.indices<tensor<?x6x14x14xi32>, bits = 2>
    ```
  }];
  let arguments = (ins Axt_IndicesType:$input, Variadic<Index>:$dynamic_sizes);
  let results = (outs RankedTensorOf<[I32]>:$result);
  let assemblyFormat = [{
    $input (`[` $dynamic_sizes^ `]`)? attr-dict `:` qualified(type($input))
  }];
  let hasVerifier = 1;
}

#endif // AXT_DIALECT_AXT_IR_AXTCOMPRESSIONOPS_TD
