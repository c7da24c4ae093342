//===- AxtTypes.td - types of the axt dialect --------------*- tablegen -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTTYPES_TD
#define AXT_DIALECT_AXT_IR_AXTTYPES_TD

include "axt/Dialect/Axt/IR/AxtDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

def Axt_StashedType : TypeDef<Axt_Dialect, "Stashed"> {
  let mnemonic = "stashed";
  let summary = "a tensor kept from the forward pass for the backward pass";
  let description = [{
    The value produced by `axt.stash` and consumed by `axt.unstash`. It wraps
    the ranked tensor type of the saved value. Keeping the saved value behind
    its own type makes the forward→backward boundary explicit: the only way to
    use a stashed value is `axt.unstash`, so compression and memory planning
    see every byte that crosses the boundary.

    Example: `!axt.stashed<tensor<64x256xf32>>`
  }];
  let parameters = (ins "::mlir::RankedTensorType":$tensorType);
  let assemblyFormat = "`<` $tensorType `>`";
}

#endif // AXT_DIALECT_AXT_IR_AXTTYPES_TD
