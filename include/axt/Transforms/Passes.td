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

def AxtCompressActivations
    : Pass<"axt-compress-activations", "::mlir::func::FuncOp"> {
  let summary = "keep saved activations as low-bit per-group codes (ActNN, BLPA)";
  let description = [{
    Rewrites every `axt.stash` of an f32 activation into a stash of its
    `axt.quantize`d form, and every `axt.unstash` of it into an unstash
    followed by `axt.dequantize`: one compressed copy per value, shared by
    all its backward users. The forward pass itself is unchanged (BLPA: it
    runs exactly; only the copies kept for the backward are approximate).

    Compressed: results of ops. The logits of
    `axt.softmax_cross_entropy` keep at least 8 bits (N × classes values,
    and the loss gradient is the most sensitive to them), recorded as
    `axt.min_bits = 8` on their quantize for `axt-allocate-bits`. Left as
    they are: function arguments, non-f32 values (labels, max-pool
    indices), values already compressed, and results of the ops named in
    `exclude`. The caller keeps every argument (parameters and the batch)
    alive for the whole step, so a compressed copy of one would add memory
    and rounding error and save nothing; `compress-inputs` compresses the
    batch input (the argument marked `{axt.input}` by `axt-autodiff`)
    anyway, as frameworks that quantize every layer's input do.

    A ReLU output that `axt-relu-mask` also keeps as a 1-bit mask (its
    output read both by `axt.relu_backward` and by another backward op) is
    quantized with `exact_zero` codes (code 0 for zeros; 2 bits or more),
    and the mask is read from those codes (`axt.unpack_mask` of the packed
    value): one copy instead of codes plus mask, 1 bit per element less
    (`derive-masks=false` keeps both).

    Groups follow the examples of the batch (ActNN's per-sample groups):
    where an example has F elements and F has a divisor d with
    `group-size / 4 <= d <= group-size`, the groups take the largest such d,
    so that no group mixes the ranges of two examples (the 120 and 84
    features of a LeNet-5 linear layer's input get one group per example
    instead of groups of 256 spanning two or three examples). The scale
    overhead then stays within four times that of `group-size`;
    `sample-groups=false` keeps groups of exactly `group-size`.

    Stochastic rounding reads the function's trailing `i64` argument (the
    training step's seed) and gives each stash its own stream,
    2^32 + its position among the function's stashes, so the streams never
    meet those of `axt.dropout`.
  }];
  let options = [
    Option<"bits", "bits", "unsigned", "2",
           "bits per element: 1, 2, 3, 4 or 8">,
    Option<"groupSize", "group-size", "int64_t", "256",
           "elements per quantization group (0: one group per channel "
           "plane of [N, C, ...] tensors, per-group elsewhere)">,
    Option<"rounding", "rounding", "std::string", "\"stochastic\"",
           "stochastic (unbiased) or nearest (deterministic)">,
    Option<"sampleGroups", "sample-groups", "bool", "true",
           "shrink a group so that none straddles two examples, where a "
           "divisor of the example's size of at least group-size / 4 "
           "allows it (false: groups of exactly group-size)">,
    ListOption<"exclude", "exclude", "std::string",
               "names of ops (e.g. axt.softmax_cross_entropy) whose results "
               "stay uncompressed">,
    Option<"compressInputs", "compress-inputs", "bool", "false",
           "also compress the batch input (alive for the whole step "
           "anyway: the copy adds memory and error)">,
    Option<"deriveMasks", "derive-masks", "bool", "true",
           "read the 1-bit masks of kept ReLU outputs from their codes "
           "(exact_zero) instead of keeping both">,
    ListOption<"streams", "streams", "int64_t",
               "compress only the stashes of these streams (2^32 + their "
               "position; default: all), e.g. to measure one stash's "
               "effect on the gradient (axt-run --calibrate)">,
  ];
  let dependentDialects = ["::mlir::axt::AxtDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

def AxtReluMask : Pass<"axt-relu-mask", "::mlir::func::FuncOp"> {
  let summary = "1-bit ReLU masks and few-bit max-pool positions for the backward";
  let description = [{
    `axt.relu_backward` needs only where the ReLU's output was positive. For
    each one that reads a stashed ReLU output, keeps a 1-bit
    `axt.pack_mask` of that output (one per output, stashed next to it) and
    gives the backward `axt.unpack_mask` of it instead. The output itself
    stays stashed only if another backward op still reads it (the next
    layer's weight gradient, usually; a max-pool's backward needs only its
    indices, so after ReLU → max-pool the output is no longer kept at all).

    The positions a max-pool keeps for its backward (`indices`, inside
    each window) are stashed as `axt.pack_indices` of ⌈log2(KH·KW)⌉ bits
    each (2 bits for 2×2 windows, 4 for 3×3) instead of i32.

    Run it before `axt-compress-activations`: the mask then stays exact
    while the output, where still kept, is quantized; the ReLU backward
    never depends on rounded values (rounding a small positive output to
    zero would drop its gradient). Where the output is kept too,
    `axt-compress-activations` quantizes it with `exact_zero` codes and
    reads this mask from them, still exactly.
  }];
  let dependentDialects = ["::mlir::axt::AxtDialect",
                           "::mlir::tensor::TensorDialect"];
}

def AxtAllocateBits : Pass<"axt-allocate-bits", "::mlir::func::FuncOp"> {
  let summary = "per-stash bit widths under an average-bit budget (ActNN, GACT)";
  let description = [{
    Mixed precision for the codes `axt-compress-activations` keeps: each
    `axt.quantize` (a stash, identified by its function and stream) gets
    the width b_l in {1, 2, 3, 4, 8} ({2, 3, 4, 8} for `exact_zero` codes,
    and none below its `axt.min_bits`: 8 for the logits of the loss, whose
    effect through the softmax is far from the linear variance model at a
    few bits) that minimizes the predicted gradient variance

        sum_l C_l / (2^b_l − 1)^2       ((2^b_l − 2)^2 with exact_zero)

    subject to an average of at most `budget` bits per element,
    sum_l n_l b_l <= budget · sum_l n_l (n_l: the stash's elements per
    example). The sensitivities C_l come from a calibration file
    (`axt-run --calibrate`, GACT's measured gradient variance: the variance
    of all parameter gradients when only stash l is quantized, times its
    number of intervals squared). The allocation is solved exactly, by
    dynamic programming over the bits spent (multiple-choice knapsack; see
    `include/axt/Transforms/BitAllocation.h`), not greedily.

    The widths are written into the packed types (the quantize's result,
    its stash and unstashes, which the dequantizations read); the function
    gets `axt.average_bits` and `axt.predicted_variance` (sum of C_l over
    the squared intervals) for reports.

    The calibration file (JSON):
    ```
    {"format": "axt-sensitivity-v1",
     "stashes": [{"function": "mlp_train_step", "stream": 4294967296,
                  "producer": "input", "elements": 784,
                  "sensitivity": 0.0123}, ...]}
    ```
    Every quantize of the function needs an entry with its element count
    per example (a mismatch means the file is for another model).
  }];
  let options = [
    Option<"sensitivityFile", "sensitivity", "std::string", "",
           "calibration file with one sensitivity per stash (JSON)">,
    Option<"budget", "budget", "double", "2.0",
           "average bits per element over all quantized stashes">,
  ];
  let dependentDialects = ["::mlir::axt::AxtDialect"];
}

def AxtScheduleMemory : Pass<"axt-schedule-memory", "::mlir::func::FuncOp"> {
  let summary = "reorder ops to lower the step's peak memory (LOAD)";
  let description = [{
    Reorders the ops of a single-block function (a training step) without
    changing what it computes: every op stays after the definitions of its
    operands, ops with side effects keep their relative order, and an
    update that may write over its parameter and velocity
    (`include/axt/Analysis/InPlaceUpdates.h`: it is their last reader)
    stays after their other readers, so that it still may. Tries
    several orders and keeps the one of least LOAD under the memory model
    of `include/axt/Analysis/MemoryModel.h` at `batch` (the first among
    equals, so the original order stays when nothing is better):

    1. the order as it is;
    2. each `axt.sgd_momentum` as early as its operands (and the readers of
       what it writes over) allow, right after its weight gradient, which
       then dies at once instead of waiting for the end of the backward
       pass;
    3. greedy list scheduling: the ready op that adds the fewest live bytes
       (its results' buffers minus the buffers it is the last user of).

    Forward activations already die after their last forward use: only
    what is stashed crosses into the backward.
  }];
  let options = [
    Option<"batch", "batch", "int64_t", "32",
           "the size of dynamic dimensions when comparing orders">,
  ];
}

def AxtSplitEmptyTensors
    : Pass<"axt-split-empty-tensors", "::mlir::func::FuncOp"> {
  let summary = "a destination of its own right before each user, or a dying input";
  let description = [{
    One-shot bufferization allocates a `tensor.empty` where it stands, and
    writes into that buffer in place wherever the values it held before
    are dead. After CSE, one `tensor.empty` of a shape serves many
    destinations and sits before the first: its single buffer lives from
    there to the last reader of anything written into it, so a forward
    activation's buffer reused by a gradient at the end of the backward
    pass is held through all of it, where neither deallocation nor
    `axt-plan-memory` can use the gap. A shared `linalg.fill` of an empty
    tensor (the zeros a matmul or convolution accumulates into) is worse:
    its buffer stays for the whole step as the source of a copy for each
    user.

    Run right before bufferization, this pass replaces each use (in the
    same block) of a `tensor.empty`, or of a fill of one, with a copy made
    right before the user (a fill with an empty tensor of its own), and
    erases the original. Each destination becomes its own allocation, made
    where it is first written and freed after its last reader.

    Before that, an elementwise `linalg.generic` (all loops parallel,
    identity maps) that writes into an empty tensor writes over an input of
    its type that dies there instead, such as a ReLU's gradient over the
    ReLU's output: each element is read before it is written, and one
    buffer serves both, as the sharing above did by chance. Only inputs
    with a buffer of their own qualify (results of linalg ops or of runtime
    kernels, possibly reshaped or cast by their only user), not arguments
    (the caller's), so bufferization never has to copy.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def AxtPlanMemory : Pass<"axt-plan-memory", "::mlir::func::FuncOp"> {
  let summary = "put a bufferized function's buffers into one planned arena";
  let description = [{
    After bufferization and deallocation (each buffer freed after its last
    use): every statically shaped `memref.alloc` of the function's block
    that one `memref.dealloc` in the same block frees becomes a
    `memref.view` into a single 64-byte aligned arena, at an offset planned
    from the buffers' live ranges (alloc to dealloc) by best fit
    (`include/axt/Analysis/ArenaPlanner.h`): buffers live at the same time
    never overlap, and the arena is close to their LOAD. The arena is
    allocated at the start of the function and freed before it returns.
    Dynamically shaped buffers (a dynamic batch), and those freed
    elsewhere, keep their own allocations.

    The function gets `axt.arena_bytes` (its height) and `axt.arena_load`
    (LOAD of the planned buffers, 64-byte aligned).

    With `search-ms`, the planner then searches placement orders locally
    (moving one buffer in the order at a time, keeping moves that need no
    more height) for up to that many milliseconds, and stops early at LOAD,
    which proves the arena optimal. With `exact-ms`, it then runs an exact
    branch and bound over placements (`lib/Analysis/ArenaBranchAndBound.cpp`)
    for up to that many milliseconds: it keeps the lowest arena it finds,
    and when it finishes, the arena is proven optimal even above LOAD. A
    proven arena gets `axt.arena_optimal`. With either option, plans are as
    good as the machine's speed allows, and no longer reproducible across
    machines.
  }];
  let options = [
    Option<"searchMilliseconds", "search-ms", "unsigned", /*default=*/"0",
           "time limit of the local search over placement orders (0: none)">,
    Option<"exactMilliseconds", "exact-ms", "unsigned", /*default=*/"0",
           "time limit of the exact branch and bound (0: none)">
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def AxtMemoryReport : Pass<"axt-memory-report", "::mlir::ModuleOp"> {
  let summary = "print what each function's memory holds: bytes by kind, LOAD, the peak";
  let description = [{
    For every function with a body (a training step after `axt-autodiff`
    and the compression passes, typically), prints the memory model of
    `include/axt/Analysis/MemoryModel.h` at batch `batch`: the bytes of
    parameters, optimizer state, the batch, weight gradients, saved
    activations (as f32, packed codes, masks and max-pool positions) and
    temporaries; their sum without any reuse; LOAD, the largest sum of
    live bytes at one op (the least memory any buffer assignment of this
    op order needs), the op where it is reached, and the buffers live
    there, largest first. `format=json` prints the same as JSON. The IR is
    not changed.
  }];
  let options = [
    Option<"batch", "batch", "int64_t", "1",
           "the size of dynamic dimensions (the batch)">,
    Option<"format", "format", "std::string", "\"text\"",
           "text or json">,
  ];
}

#endif // AXT_TRANSFORMS_PASSES_TD
