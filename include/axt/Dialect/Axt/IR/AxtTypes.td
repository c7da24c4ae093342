//===- AxtTypes.td - types of the axt dialect --------------*- tablegen -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTTYPES_TD
#define AXT_DIALECT_AXT_IR_AXTTYPES_TD

include "axt/Dialect/Axt/IR/AxtDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

def Axt_StashedType : TypeDef<Axt_Dialect, "Stashed"> {
  let mnemonic = "stashed";
  let summary = "a value kept from the forward pass for the backward pass";
  let description = [{
    The value produced by `axt.stash` and consumed by `axt.unstash`. It wraps
    the type of the saved value: a ranked tensor, or after compression a
    `!axt.packed` tensor or an `!axt.mask`. Keeping the saved value behind
    its own type makes the forward→backward boundary explicit: the only way
    to use a stashed value is `axt.unstash`, so compression and memory
    planning see every byte that crosses the boundary.

    Example: `!axt.stashed<tensor<64x256xf32>>`,
    `!axt.stashed<!axt.packed<tensor<64x256xf32>, bits = 2, group = 256>>`
  }];
  let parameters = (ins "::mlir::Type":$storedType);
  let assemblyFormat = "`<` $storedType `>`";
  let genVerifyDecl = 1;
}

def Axt_PackedType : TypeDef<Axt_Dialect, "Packed"> {
  let mnemonic = "packed";
  let summary = "a tensor quantized to a few bits per element, per group";
  let description = [{
    An f32 tensor of type `tensorType` kept as `bits`-bit codes (1, 2, 3, 4
    or 8) with a minimum and a step per group of `group` consecutive
    elements in row-major order (the last group may be shorter), or per
    channel plane (`group = channel`: each `[n, c]` plane of an `[N, C, ...]`
    tensor, H·W elements). A value is `lo + code · step`. The byte layout
    (`runtime/include/axtrt/quantize.h`): the codes group after group, each
    group in ⌈group · bits / 8⌉ bytes, then `lo` and `step` per group as f16
    (32 bits per group: 0.125 bits per element at group 256, so 2-bit codes
    take 2.125 bits per element, 15.06× less than f32).

    With `exact_zero` (2 bits or more), code 0 is reserved for elements that
    are exactly zero, and the others take codes 1 … 2^bits − 1 over the
    range of the group's non-zero elements: a value is `lo + (code − 1) ·
    step`. The codes then also say where the tensor is non-zero, which is
    all a ReLU's backward needs of its output (`axt.unpack_mask` reads it
    from them), so a ReLU output kept quantized needs no separate mask.
    The price is one level fewer for the non-zero elements.

    Example: `!axt.packed<tensor<?x256xf32>, bits = 2, group = 256>`,
    `!axt.packed<tensor<?x256xf32>, bits = 2, group = 256, exact_zero>`
  }];
  let parameters = (ins "::mlir::RankedTensorType":$tensorType,
                        "unsigned":$bits, "int64_t":$group,
                        DefaultValuedParameter<"bool", "false">:$exactZero);
  let assemblyFormat = [{
    `<` $tensorType `,` `bits` `=` $bits `,` `group` `=`
    custom<GroupLayout>($group, $exactZero) `>`
  }];
  let builders = [
    TypeBuilder<(ins "::mlir::RankedTensorType":$tensorType, "unsigned":$bits,
                     "int64_t":$group, CArg<"bool", "false">:$exactZero), [{
      return $_get($_ctxt, tensorType, bits, group, exactZero);
    }]>
  ];
  let skipDefaultBuilders = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// `group` of a per-channel layout.
    static constexpr int64_t kPerChannel = 0;
    /// Whether `tensorType` can take a per-channel layout: [N, C, ...] with
    /// static sizes after C.
    static bool allowsPerChannel(::mlir::RankedTensorType tensorType);
    /// The group size, at most `maxGroup`, under which no group straddles
    /// two examples of `tensorType` ([N, ...] with static sizes after N,
    /// F elements per example): the largest divisor of F not above
    /// `maxGroup`, as long as it is at least `maxGroup / 4` (at most four
    /// times the scale overhead); `maxGroup` where there is none.
    static int64_t sampleAlignedGroup(::mlir::RankedTensorType tensorType,
                                      int64_t maxGroup);
    /// Elements per group (the plane size for a per-channel layout).
    int64_t getGroupSize() const;
    /// Bytes of one group: its codes, then lo and step as f16.
    int64_t getBytesPerGroup() const;
    /// Bytes of `numElements` values packed this way.
    int64_t getNumBytes(int64_t numElements) const;
  }];
}

def Axt_MaskType : TypeDef<Axt_Dialect, "Mask"> {
  let mnemonic = "mask";
  let summary = "one bit per element of a tensor: where it was positive";
  let description = [{
    The sign pattern of a tensor of type `tensorType`, one bit per element
    (⌈n / 8⌉ bytes, element i in bit i % 8 of byte i / 8). Unpacked, it is
    a tensor of that type holding 1.0 where the element was positive and 0.0
    elsewhere: all that `axt.relu_backward` needs of a ReLU's output.

    Example: `!axt.mask<tensor<?x256xf32>>`
  }];
  let parameters = (ins "::mlir::RankedTensorType":$tensorType);
  let assemblyFormat = "`<` $tensorType `>`";
  let extraClassDeclaration = [{
    /// Bytes of the mask of `numElements` values.
    static int64_t getNumBytes(int64_t numElements) {
      return (numElements + 7) / 8;
    }
  }];
}

def Axt_IndicesType : TypeDef<Axt_Dialect, "Indices"> {
  let mnemonic = "indices";
  let summary = "small non-negative integers packed into a few bits each";
  let description = [{
    An i32 tensor of type `tensorType` whose values are known to lie in
    `[0, 2^bits)` (max-pool positions inside a window: ⌈log2(KH·KW)⌉ bits),
    kept as a bit stream of `bits` bits per value (⌈n · bits / 8⌉ bytes;
    `runtime/include/axtrt/pack_indices.h`).

    Example: `!axt.indices<tensor<?x6x14x14xi32>, bits = 2>`
  }];
  let parameters = (ins "::mlir::RankedTensorType":$tensorType,
                        "unsigned":$bits);
  let assemblyFormat = "`<` $tensorType `,` `bits` `=` $bits `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Bytes of `numElements` values of `bits` bits.
    int64_t getNumBytes(int64_t numElements) const {
      return (numElements * getBits() + 7) / 8;
    }
  }];
}

#endif // AXT_DIALECT_AXT_IR_AXTTYPES_TD
