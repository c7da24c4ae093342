//===- AxtInterfaces.td - the differentiable-op interface --*- tablegen -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTINTERFACES_TD
#define AXT_DIALECT_AXT_IR_AXTINTERFACES_TD

include "mlir/IR/OpBase.td"

def Axt_DifferentiableOpInterface : OpInterface<"DifferentiableOpInterface"> {
  let cppNamespace = "::mlir::axt";
  let description = [{
    An op that autodiff can differentiate. It says which of its own operands
    and results the backward pass needs (autodiff carries exactly those across
    the forward→backward boundary with `axt.stash`/`axt.unstash`) and builds
    the ops computing the gradients of its operands from the gradients of its
    results. Autodiff, compression and memory planning are written against
    this interface only.
  }];
  let methods = [
    InterfaceMethod<[{
        Whether operand `index` can carry a gradient at all (integer labels,
        for example, cannot).
      }],
      "bool", "isDifferentiableOperand", (ins "unsigned":$index),
      /*methodBody=*/"",
      /*defaultImplementation=*/[{
        return ::llvm::isa<::mlir::FloatType>(::mlir::getElementTypeOrSelf(
            $_op->getOperand(index).getType()));
      }]>,
    InterfaceMethod<[{
        The operands and results of this op that the backward pass reads when
        the operands flagged in `needsGradient` need a gradient. Each value is
        listed once; the order is the order of `saved` in `buildGradients`.
      }],
      "::llvm::SmallVector<::mlir::Value>", "getValuesForGradient",
      (ins "::llvm::ArrayRef<bool>":$needsGradient)>,
    InterfaceMethod<[{
        Builds, at the builder's insertion point, the gradients of the
        operands flagged in `needsGradient`. `saved` holds the backward-side
        copies of the values returned by `getValuesForGradient`, in order;
        `resultGradients` holds one gradient per result, null for results
        whose gradient is zero (or that are not differentiable). On return
        `operandGradients` has one entry per operand: the gradient, or a null
        value where none was asked for.
      }],
      "::mlir::LogicalResult", "buildGradients",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ValueRange":$saved,
           "::mlir::ValueRange":$resultGradients,
           "::llvm::ArrayRef<bool>":$needsGradient,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$operandGradients)>,
  ];
}

def Axt_TrainingModeOpInterface : OpInterface<"TrainingModeOpInterface"> {
  let cppNamespace = "::mlir::axt";
  let description = [{
    An op that behaves differently in training and in inference (batch
    normalization uses batch statistics or running ones; dropout drops or
    passes through). Passes that derive inference functions switch these
    ops through this interface, without knowing them.
  }];
  let methods = [
    InterfaceMethod<"Whether the op is in training mode.", "bool",
                    "isTraining">,
    InterfaceMethod<"Switches the op to training or inference mode.", "void",
                    "setTraining", (ins "bool":$training)>,
  ];
}

#endif // AXT_DIALECT_AXT_IR_AXTINTERFACES_TD
