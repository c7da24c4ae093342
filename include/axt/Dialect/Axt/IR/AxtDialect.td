//===- AxtDialect.td - the axt dialect ---------------------*- tablegen -*-===//
#ifndef AXT_DIALECT_AXT_IR_AXTDIALECT_TD
#define AXT_DIALECT_AXT_IR_AXTDIALECT_TD

include "mlir/IR/OpBase.td"

def Axt_Dialect : Dialect {
  let name = "axt";
  let cppNamespace = "::mlir::axt";
  let summary = "Memory- and energy-efficient neural-network training";
  let description = [{
    The `axt` dialect describes the forward graph of a neural network and the
    training step derived from it. Ops have value semantics on ranked tensors
    (images are NCHW, the batch is the leading dimension and may be dynamic).

    The forward→backward boundary is explicit: `axt.stash` in the forward and
    `axt.unstash` in the backward mark every value kept for the backward pass,
    so the memory that crosses it is visible to every later pass.
  }];
  let useDefaultTypePrinterParser = 1;
  // `axt.state` and `axt.init` on the arguments of loss functions.
  let hasRegionArgAttrVerify = 1;
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

class Axt_Op<string mnemonic, list<Trait> traits = []>
    : Op<Axt_Dialect, mnemonic, traits>;

#endif // AXT_DIALECT_AXT_IR_AXTDIALECT_TD
