//===- Passes.td - axt transformation passes ---------------*- tablegen -*-===//
#ifndef AXT_TRANSFORMS_PASSES_TD
#define AXT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AxtAutodiff : Pass<"axt-autodiff", "::mlir::ModuleOp"> {
  let summary = "build a training step (forward, backward, update) from a loss function";
  let description = [{
    For each loss function `@f(args..., input, labels[, seed: i64]) ->
    (loss, new_state...)` (the arguments before the batch are trainable
    parameters, except those marked `{axt.state}`, whose new values follow
    the rank-0 f32 loss in the results; the optional trailing seed feeds
    stochastic ops such as `axt.dropout`), builds
    `@f_train_step(args..., velocities..., input, labels, lr: f32, seed: i64)
    -> (loss, new args..., new velocities...)`, with one velocity per
    trainable parameter:

    1. the forward ops of `@f`, unchanged;
    2. for every op on a path from a parameter to the loss, the values its
       gradient needs (from the op's `DifferentiableOpInterface`) cross to the
       backward pass through one `axt.stash` per value, placed right after
       the value is defined, and one `axt.unstash` per backward use;
    3. the backward ops in reverse order; gradients of values with several
       uses are summed with `axt.add`;
    4. one `axt.sgd_momentum` per parameter.

    The pass is generic over the interface: an op on a differentiated path
    that does not implement it is reported as not differentiable. `@f` is
    kept, so the forward can still be evaluated. The step's seed replaces
    `@f`'s seed argument; runners pass a new one every step.
  }];
  let options = [
    ListOption<"functions", "functions", "std::string",
               "names of the loss functions to differentiate (default: every "
               "public function that returns one rank-0 f32 tensor)">,
    Option<"momentum", "momentum", "float", "0.9f",
           "momentum of the SGD update">,
    Option<"weightDecay", "weight-decay", "float", "0.0f",
           "L2 weight decay of the SGD update">,
  ];
  let dependentDialects = ["::mlir::axt::AxtDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

def AxtDeriveEval : Pass<"axt-derive-eval", "::mlir::ModuleOp"> {
  let summary = "derive an evaluation function returning the loss and the logits";
  let description = [{
    For each forward function `@f` whose loss is an
    `axt.softmax_cross_entropy`, adds `@f_eval` with the same arguments,
    less the seed, that returns `(loss, logits)`, so a runner can measure
    accuracy with the forward graph of the model. Ops with a training mode
    (`TrainingModeOpInterface`: batch statistics, dropout) switch to
    inference mode and fold where that makes them the identity; the seed
    argument is dropped, and it is an error if something still uses it.
  }];
  let options = [
    ListOption<"functions", "functions", "std::string",
               "names of the loss functions (default: every public function "
               "that returns one rank-0 f32 tensor)">,
  ];
  let dependentDialects = ["::mlir::axt::AxtDialect"];
}

#endif // AXT_TRANSFORMS_PASSES_TD
