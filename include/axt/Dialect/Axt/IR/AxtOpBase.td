//===- AxtOpBase.td - shared definitions of the axt ops ----*- tablegen -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTOPBASE_TD
#define AXT_DIALECT_AXT_IR_AXTOPBASE_TD

include "axt/Dialect/Axt/IR/AxtDialect.td"
include "axt/Dialect/Axt/IR/AxtInterfaces.td"
include "axt/Dialect/Axt/IR/AxtTypes.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// f32 first; bf16 and f16 come with mixed-precision training.
def Axt_FloatTensor : RankedTensorOf<[F32]>;
// What axt.stash can keep: a tensor, or a compressed form of one.
def Axt_StorableType : AnyTypeOf<[AnyRankedTensor, Axt_PackedType,
                                  Axt_MaskType, Axt_IndicesType],
                                 "a ranked tensor, !axt.packed, !axt.mask or "
                                 "!axt.indices">;
def Axt_LabelTensor : RankedTensorOf<[AnySignlessInteger]>;
def Axt_Scalar : TensorRankOf<[F32], [0]>;


// Per spatial dimension (height, width).
def Axt_Pair : ConfinedAttr<DenseI64ArrayAttr, [DenseArrayCount<2>]>;

/// Traits of an op the autodiff pass differentiates.
def Axt_Differentiable : DeclareOpInterfaceMethods<
    Axt_DifferentiableOpInterface, ["getValuesForGradient", "buildGradients"]>;

#endif // AXT_DIALECT_AXT_IR_AXTOPBASE_TD
