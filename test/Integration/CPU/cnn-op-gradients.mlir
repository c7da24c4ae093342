// Gradients of the convolution-network ops (conv2d, max_pool2d, avg_pool2d,
// global_avg_pool2d, batch_norm, relu, and reshape, which flattens every
// result into logits), each checked two independent ways:
//  * against central finite differences of the compiled training-mode loss
//    (axt-run --check-gradients, FD below), and
//  * against axt-op-reference, a plain C++ double-precision forward and
//    hand-written backward of the op, on the step dump (axt-run
//    --dump-step, REF below).
// The single-op models (Inputs/cnn-conv.mlir, cnn-pool.mlir,
// cnn-batch-norm.mlir) take the op's input as their first argument, a
// trainable parameter with a static batch, so that param0's gradient is the
// op's INPUT gradient; the real batch input is unused. One axt-run call with
// both --check-gradients and --dump-step does the FD check and writes the
// dump for the reference. Where the gradient's routing depends on the data
// (max pooling, relu), a second seed is checked too.
//
// Choice of the finite-difference step (--fd-epsilon) and seeds. The loss
// is computed in f32, so its rounding noise divided by 2·epsilon limits the
// FD accuracy (about 3e-3 relative error at the default 1e-3 for these
// small gradients, too close to the 1e-2 tolerance):
//  * conv2d, avg_pool2d, global_avg_pool2d and batch_norm are smooth (conv
//    and pooling are linear in each parameter), so a large step is exact
//    enough and cuts the noise: 1e-2 (batch_norm, more curved: 3e-3). The
//    relative errors are then 1e-4 to 1e-3.
//  * max_pool2d and relu have kinks, where FD is meaningless: a step that
//    moves an input past another in its window (or past 0) changes which
//    input takes the gradient. No epsilon avoids that for every seed, so
//    the seeds are picked such that no window's top-two gap (no |input| for
//    relu) is within a few steps: max 2x2 seeds 13 and 8, smallest gap
//    8.7e-3 and 3.6e-3 with the default step 1e-3; max 3x3 s2 p1 seeds 45
//    and 33, smallest gap 3.8e-3 and 2.4e-3, step 5e-4; relu seed 9,
//    smallest |input| 1.6e-2, step 1e-3. Errors then stay below 1.5e-3.
//  * the residual block and the multi-use model have ReLUs after batch
//    norm / conv; their seeds keep every ReLU input at least 7.8e-3 (residual:
//    seeds 30 and 43, step 2e-3) and 6.6e-3 (multi-use: seeds 29 and 31,
//    default step 1e-3) away from 0. Errors stay below 2.5e-3.
// (When the seeds were chosen, the compiled gradients of the residual and
// multi-use models were also compared once with an f64 PyTorch
// recomputation: they agree to about 1e-6, so what is left of the FD error
// is FD's own.)

//===----------------------------------------------------------------------===//
// conv2d (Inputs/cnn-conv.mlir)
//===----------------------------------------------------------------------===//

// Default attributes, with bias.
// RUN: axt-run %S/Inputs/cnn-conv.mlir --function conv_plain --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.conv_plain.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-PLAIN-FD
// RUN: axt-op-reference --op conv2d %t.conv_plain.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-PLAIN-REF
// CONV-PLAIN-FD:      gradient check of '@conv_plain': batch 2, seed 1, loss {{.*}}, epsilon 0.01
// CONV-PLAIN-FD-NEXT: param0 [2x3x6x6] |fd|
// CONV-PLAIN-FD-NEXT: param1 [4x3x3x3] |fd|
// CONV-PLAIN-FD-NEXT: param2 [4] |fd|
// CONV-PLAIN-FD-NEXT: gradient check: PASS
// CONV-PLAIN-REF:      op: conv2d input [2x3x6x6] filter [4x3x3x3] bias [4] strides 1,1 padding 0,0 dilations 1,1 groups 1 -> [2x4x4x4], logits [2x64]
// CONV-PLAIN-REF-NEXT: loss axt={{.*}} ref={{.*}} rel_err=
// CONV-PLAIN-REF-NEXT: grad0 [2x3x6x6] rel_err=
// CONV-PLAIN-REF-NEXT: grad1 [4x3x3x3] rel_err=
// CONV-PLAIN-REF-NEXT: grad2 [4] rel_err=
// CONV-PLAIN-REF-NEXT: reference check: PASS

// Stride 2 and padding 1.
// RUN: axt-run %S/Inputs/cnn-conv.mlir --function conv_stride_pad --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.conv_stride_pad.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-STRIDE-FD
// RUN: axt-op-reference --op conv2d --strides 2,2 --padding 1,1 %t.conv_stride_pad.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-STRIDE-REF
// CONV-STRIDE-FD:      gradient check of '@conv_stride_pad': batch 2, seed 1
// CONV-STRIDE-FD-NEXT: param0 [2x3x7x7] |fd|
// CONV-STRIDE-FD-NEXT: param1 [4x3x3x3] |fd|
// CONV-STRIDE-FD-NEXT: param2 [4] |fd|
// CONV-STRIDE-FD-NEXT: gradient check: PASS
// CONV-STRIDE-REF:      op: conv2d input [2x3x7x7] filter [4x3x3x3] bias [4] strides 2,2 padding 1,1 dilations 1,1 groups 1 -> [2x4x4x4], logits [2x64]
// CONV-STRIDE-REF:      reference check: PASS

// Dilation 2.
// RUN: axt-run %S/Inputs/cnn-conv.mlir --function conv_dilation --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.conv_dilation.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-DILATION-FD
// RUN: axt-op-reference --op conv2d --dilations 2,2 %t.conv_dilation.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-DILATION-REF
// CONV-DILATION-FD:      gradient check of '@conv_dilation': batch 2, seed 1
// CONV-DILATION-FD-NEXT: param0 [2x3x7x7] |fd|
// CONV-DILATION-FD-NEXT: param1 [4x3x3x3] |fd|
// CONV-DILATION-FD-NEXT: param2 [4] |fd|
// CONV-DILATION-FD-NEXT: gradient check: PASS
// CONV-DILATION-REF:      op: conv2d input [2x3x7x7] filter [4x3x3x3] bias [4] strides 1,1 padding 0,0 dilations 2,2 groups 1 -> [2x4x3x3], logits [2x36]
// CONV-DILATION-REF:      reference check: PASS

// Two groups.
// RUN: axt-run %S/Inputs/cnn-conv.mlir --function conv_groups --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.conv_groups.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-GROUPS-FD
// RUN: axt-op-reference --op conv2d --groups 2 %t.conv_groups.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-GROUPS-REF
// CONV-GROUPS-FD:      gradient check of '@conv_groups': batch 2, seed 1
// CONV-GROUPS-FD-NEXT: param0 [2x4x6x6] |fd|
// CONV-GROUPS-FD-NEXT: param1 [6x2x3x3] |fd|
// CONV-GROUPS-FD-NEXT: param2 [6] |fd|
// CONV-GROUPS-FD-NEXT: gradient check: PASS
// CONV-GROUPS-REF:      op: conv2d input [2x4x6x6] filter [6x2x3x3] bias [6] strides 1,1 padding 0,0 dilations 1,1 groups 2 -> [2x6x4x4], logits [2x96]
// CONV-GROUPS-REF:      reference check: PASS

// Depthwise: groups = channels = 3, padding 1.
// RUN: axt-run %S/Inputs/cnn-conv.mlir --function conv_depthwise --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.conv_depthwise.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-DEPTHWISE-FD
// RUN: axt-op-reference --op conv2d --groups 3 --padding 1,1 %t.conv_depthwise.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-DEPTHWISE-REF
// CONV-DEPTHWISE-FD:      gradient check of '@conv_depthwise': batch 2, seed 1
// CONV-DEPTHWISE-FD-NEXT: param0 [2x3x5x5] |fd|
// CONV-DEPTHWISE-FD-NEXT: param1 [3x1x3x3] |fd|
// CONV-DEPTHWISE-FD-NEXT: param2 [3] |fd|
// CONV-DEPTHWISE-FD-NEXT: gradient check: PASS
// CONV-DEPTHWISE-REF:      op: conv2d input [2x3x5x5] filter [3x1x3x3] bias [3] strides 1,1 padding 1,1 dilations 1,1 groups 3 -> [2x3x5x5], logits [2x75]
// CONV-DEPTHWISE-REF:      reference check: PASS

// No bias; strides (1, 2), padding (1, 0), a 3x2 filter.
// RUN: axt-run %S/Inputs/cnn-conv.mlir --function conv_nobias --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.conv_nobias.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-NOBIAS-FD
// RUN: axt-op-reference --op conv2d --strides 1,2 --padding 1,0 %t.conv_nobias.1.dump \
// RUN:   | FileCheck %s --check-prefix=CONV-NOBIAS-REF
// CONV-NOBIAS-FD:      gradient check of '@conv_nobias': batch 2, seed 1
// CONV-NOBIAS-FD-NEXT: param0 [2x3x6x6] |fd|
// CONV-NOBIAS-FD-NEXT: param1 [4x3x3x2] |fd|
// CONV-NOBIAS-FD-NEXT: gradient check: PASS
// CONV-NOBIAS-REF:      op: conv2d input [2x3x6x6] filter [4x3x3x2] strides 1,2 padding 1,0 dilations 1,1 groups 1 -> [2x4x6x3], logits [2x72]
// CONV-NOBIAS-REF-NEXT: loss axt=
// CONV-NOBIAS-REF-NEXT: grad0 [2x3x6x6] rel_err=
// CONV-NOBIAS-REF-NEXT: grad1 [4x3x3x2] rel_err=
// CONV-NOBIAS-REF-NEXT: reference check: PASS

//===----------------------------------------------------------------------===//
// Pooling and relu (Inputs/cnn-pool.mlir)
//===----------------------------------------------------------------------===//

// Max pooling 2x2 stride 2 (on 7x7: the last row and column are unused).
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function max_2x2_s2 --batch 2 --seed 13 \
// RUN:   --check-gradients --dump-step %t.max_2x2_s2.13.dump \
// RUN:   | FileCheck %s --check-prefix=MAX2-FD -DSEED=13
// RUN: axt-op-reference --op max_pool2d --kernel 2,2 --strides 2,2 %t.max_2x2_s2.13.dump \
// RUN:   | FileCheck %s --check-prefix=MAX2-REF
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function max_2x2_s2 --batch 2 --seed 8 \
// RUN:   --check-gradients --dump-step %t.max_2x2_s2.8.dump \
// RUN:   | FileCheck %s --check-prefix=MAX2-FD -DSEED=8
// RUN: axt-op-reference --op max_pool2d --kernel 2,2 --strides 2,2 %t.max_2x2_s2.8.dump \
// RUN:   | FileCheck %s --check-prefix=MAX2-REF
// MAX2-FD:      gradient check of '@max_2x2_s2': batch 2, seed [[SEED]], loss {{.*}}, epsilon 0.001
// MAX2-FD-NEXT: param0 [2x3x7x7] |fd|
// MAX2-FD-NEXT: gradient check: PASS
// MAX2-REF:      op: max_pool2d input [2x3x7x7] kernel 2,2 strides 2,2 padding 0,0 -> [2x3x3x3], logits [2x27]
// MAX2-REF-NEXT: loss axt=
// MAX2-REF-NEXT: grad0 [2x3x7x7] rel_err=
// MAX2-REF-NEXT: reference check: PASS

// Max pooling 2x2 stride 3: gaps between the windows.
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function max_2x2_s3 --batch 2 --seed 13 \
// RUN:   --check-gradients --dump-step %t.max_2x2_s3.13.dump \
// RUN:   | FileCheck %s --check-prefix=MAXGAP-FD -DSEED=13
// RUN: axt-op-reference --op max_pool2d --kernel 2,2 --strides 3,3 %t.max_2x2_s3.13.dump \
// RUN:   | FileCheck %s --check-prefix=MAXGAP-REF
// MAXGAP-FD:      gradient check of '@max_2x2_s3': batch 2, seed [[SEED]], loss {{.*}}, epsilon 0.001
// MAXGAP-FD-NEXT: param0 [2x3x8x8] |fd|
// MAXGAP-FD-NEXT: gradient check: PASS
// MAXGAP-REF:      op: max_pool2d input [2x3x8x8] kernel 2,2 strides 3,3 padding 0,0 -> [2x3x3x3], logits [2x27]
// MAXGAP-REF-NEXT: loss axt=
// MAXGAP-REF-NEXT: grad0 [2x3x8x8] rel_err=
// MAXGAP-REF-NEXT: reference check: PASS

// Max pooling 5x5 stride 2 padding 2: a window reduction (not unrolled).
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function max_5x5_s2_p2 --batch 2 --seed 13 \
// RUN:   --check-gradients --fd-epsilon 5e-4 --dump-step %t.max_5x5.13.dump \
// RUN:   | FileCheck %s --check-prefix=MAX5-FD -DSEED=13
// RUN: axt-op-reference --op max_pool2d --kernel 5,5 --strides 2,2 --padding 2,2 %t.max_5x5.13.dump \
// RUN:   | FileCheck %s --check-prefix=MAX5-REF
// MAX5-FD:      gradient check of '@max_5x5_s2_p2': batch 2, seed [[SEED]], loss {{.*}}, epsilon 0.0005
// MAX5-FD-NEXT: param0 [2x3x9x9] |fd|
// MAX5-FD-NEXT: gradient check: PASS
// MAX5-REF:      op: max_pool2d input [2x3x9x9] kernel 5,5 strides 2,2 padding 2,2 -> [2x3x5x5], logits [2x75]
// MAX5-REF-NEXT: loss axt=
// MAX5-REF-NEXT: grad0 [2x3x9x9] rel_err=
// MAX5-REF-NEXT: reference check: PASS

// Max pooling 3x3 stride 2 padding 1: overlapping windows.
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function max_3x3_s2_p1 --batch 2 --seed 45 \
// RUN:   --check-gradients --fd-epsilon 5e-4 --dump-step %t.max_3x3_s2_p1.45.dump \
// RUN:   | FileCheck %s --check-prefix=MAX3-FD -DSEED=45
// RUN: axt-op-reference --op max_pool2d --kernel 3,3 --strides 2,2 --padding 1,1 %t.max_3x3_s2_p1.45.dump \
// RUN:   | FileCheck %s --check-prefix=MAX3-REF
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function max_3x3_s2_p1 --batch 2 --seed 33 \
// RUN:   --check-gradients --fd-epsilon 5e-4 --dump-step %t.max_3x3_s2_p1.33.dump \
// RUN:   | FileCheck %s --check-prefix=MAX3-FD -DSEED=33
// RUN: axt-op-reference --op max_pool2d --kernel 3,3 --strides 2,2 --padding 1,1 %t.max_3x3_s2_p1.33.dump \
// RUN:   | FileCheck %s --check-prefix=MAX3-REF
// MAX3-FD:      gradient check of '@max_3x3_s2_p1': batch 2, seed [[SEED]], loss {{.*}}, epsilon 0.0005
// MAX3-FD-NEXT: param0 [2x3x7x7] |fd|
// MAX3-FD-NEXT: gradient check: PASS
// MAX3-REF:      op: max_pool2d input [2x3x7x7] kernel 3,3 strides 2,2 padding 1,1 -> [2x3x4x4], logits [2x48]
// MAX3-REF:      reference check: PASS

// Average pooling 2x2 stride 2 (on 7x6: the last row is unused).
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function avg_2x2_s2 --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.avg_2x2_s2.1.dump \
// RUN:   | FileCheck %s --check-prefix=AVG2-FD
// RUN: axt-op-reference --op avg_pool2d --kernel 2,2 --strides 2,2 %t.avg_2x2_s2.1.dump \
// RUN:   | FileCheck %s --check-prefix=AVG2-REF
// AVG2-FD:      gradient check of '@avg_2x2_s2': batch 2, seed 1
// AVG2-FD-NEXT: param0 [2x3x7x6] |fd|
// AVG2-FD-NEXT: gradient check: PASS
// AVG2-REF:      op: avg_pool2d input [2x3x7x6] kernel 2,2 strides 2,2 padding 0,0 -> [2x3x3x3], logits [2x27]
// AVG2-REF:      reference check: PASS

// Average pooling 3x3 stride 1 padding 1 (the padding counts in the mean).
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function avg_3x3_s1_p1 --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.avg_3x3_s1_p1.1.dump \
// RUN:   | FileCheck %s --check-prefix=AVG3-FD
// RUN: axt-op-reference --op avg_pool2d --kernel 3,3 --strides 1,1 --padding 1,1 %t.avg_3x3_s1_p1.1.dump \
// RUN:   | FileCheck %s --check-prefix=AVG3-REF
// AVG3-FD:      gradient check of '@avg_3x3_s1_p1': batch 2, seed 1
// AVG3-FD-NEXT: param0 [2x3x5x5] |fd|
// AVG3-FD-NEXT: gradient check: PASS
// AVG3-REF:      op: avg_pool2d input [2x3x5x5] kernel 3,3 strides 1,1 padding 1,1 -> [2x3x5x5], logits [2x75]
// AVG3-REF:      reference check: PASS

// Global average pooling (its [N, C] result is the logits, no reshape).
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function global_avg --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.global_avg.1.dump \
// RUN:   | FileCheck %s --check-prefix=GAP-FD
// RUN: axt-op-reference --op global_avg_pool2d %t.global_avg.1.dump \
// RUN:   | FileCheck %s --check-prefix=GAP-REF
// GAP-FD:      gradient check of '@global_avg': batch 2, seed 1
// GAP-FD-NEXT: param0 [2x6x4x3] |fd|
// GAP-FD-NEXT: gradient check: PASS
// GAP-REF:      op: global_avg_pool2d input [2x6x4x3] -> [2x6], logits [2x6]
// GAP-REF:      reference check: PASS

// ReLU on an image-shaped tensor.
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function relu --batch 2 --seed 9 \
// RUN:   --check-gradients --dump-step %t.relu.9.dump \
// RUN:   | FileCheck %s --check-prefix=RELU-FD
// RUN: axt-op-reference --op relu %t.relu.9.dump \
// RUN:   | FileCheck %s --check-prefix=RELU-REF
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function relu --batch 2 --seed 1 \
// RUN:   --dump-step %t.relu.1.dump
// RUN: axt-op-reference --op relu %t.relu.1.dump \
// RUN:   | FileCheck %s --check-prefix=RELU-REF
// RELU-FD:      gradient check of '@relu': batch 2, seed 9
// RELU-FD-NEXT: param0 [2x3x4x4] |fd|
// RELU-FD-NEXT: gradient check: PASS
// RELU-REF:      op: relu input [2x3x4x4] -> [2x3x4x4], logits [2x48]
// RELU-REF:      reference check: PASS

//===----------------------------------------------------------------------===//
// batch_norm, training mode (Inputs/cnn-batch-norm.mlir)
//===----------------------------------------------------------------------===//

// Rank 4, epsilon 1e-5.
// RUN: axt-run %S/Inputs/cnn-batch-norm.mlir --function bn_rank4 --batch 2 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 3e-3 --dump-step %t.bn_rank4.1.dump \
// RUN:   | FileCheck %s --check-prefix=BN4-FD
// RUN: axt-op-reference --op batch_norm %t.bn_rank4.1.dump \
// RUN:   | FileCheck %s --check-prefix=BN4-REF
// BN4-FD:      gradient check of '@bn_rank4': batch 2, seed 1
// BN4-FD-NEXT: param0 [2x3x4x4] |fd|
// BN4-FD-NEXT: param1 [3] |fd|
// BN4-FD-NEXT: param2 [3] |fd|
// BN4-FD-NEXT: gradient check: PASS
// BN4-REF:      op: batch_norm input [2x3x4x4] scale [3] shift [3] epsilon 1e-05 -> [2x3x4x4], logits [2x48]
// BN4-REF-NEXT: loss axt=
// BN4-REF-NEXT: grad0 [2x3x4x4] rel_err=
// BN4-REF-NEXT: grad1 [3] rel_err=
// BN4-REF-NEXT: grad2 [3] rel_err=
// BN4-REF-NEXT: reference check: PASS

// Rank 2 [N, C], epsilon 1e-3 (the reference must be told).
// RUN: axt-run %S/Inputs/cnn-batch-norm.mlir --function bn_rank2 --batch 6 --seed 1 \
// RUN:   --check-gradients --fd-epsilon 3e-3 --dump-step %t.bn_rank2.1.dump \
// RUN:   | FileCheck %s --check-prefix=BN2-FD
// RUN: axt-op-reference --op batch_norm --epsilon 1e-3 %t.bn_rank2.1.dump \
// RUN:   | FileCheck %s --check-prefix=BN2-REF
// BN2-FD:      gradient check of '@bn_rank2': batch 6, seed 1
// BN2-FD-NEXT: param0 [6x5] |fd|
// BN2-FD-NEXT: param1 [5] |fd|
// BN2-FD-NEXT: param2 [5] |fd|
// BN2-FD-NEXT: gradient check: PASS
// BN2-REF:      op: batch_norm input [6x5] scale [5] shift [5] epsilon 0.001 -> [6x5], logits [6x5]
// BN2-REF:      reference check: PASS

//===----------------------------------------------------------------------===//
// Whole models, finite differences only
//===----------------------------------------------------------------------===//

// A residual block: conv-BN-relu-conv-BN plus a strided 1x1 conv-BN
// projection shortcut, add, relu, global pool, linear (Inputs/
// cnn-residual-block.mlir). The running statistics are not parameters.
// RUN: axt-run %S/Inputs/cnn-residual-block.mlir --batch 4 --seed 30 \
// RUN:   --check-gradients --fd-epsilon 2e-3 \
// RUN:   | FileCheck %s --check-prefix=RESIDUAL -DSEED=30
// RUN: axt-run %S/Inputs/cnn-residual-block.mlir --batch 4 --seed 43 \
// RUN:   --check-gradients --fd-epsilon 2e-3 \
// RUN:   | FileCheck %s --check-prefix=RESIDUAL -DSEED=43
// RESIDUAL:      gradient check of '@residual_block': batch 4, seed [[SEED]], loss {{.*}}, epsilon 0.002
// RESIDUAL-NEXT: param0 [8x3x3x3] |fd|
// RESIDUAL-NEXT: param1 [8] |fd|
// RESIDUAL-NEXT: param2 [8] |fd|
// RESIDUAL-NEXT: param3 [8x8x3x3] |fd|
// RESIDUAL-NEXT: param4 [8] |fd|
// RESIDUAL-NEXT: param5 [8] |fd|
// RESIDUAL-NEXT: param6 [8x3x1x1] |fd|
// RESIDUAL-NEXT: param7 [8] |fd|
// RESIDUAL-NEXT: param8 [8] |fd|
// RESIDUAL-NEXT: param9 [10x8] |fd|
// RESIDUAL-NEXT: param10 [10] |fd|
// RESIDUAL-NEXT: gradient check: PASS

// One relu activation feeding two convolutions whose results are added
// (Inputs/cnn-multi-use.mlir).
// RUN: axt-run %S/Inputs/cnn-multi-use.mlir --batch 4 --seed 29 --check-gradients \
// RUN:   | FileCheck %s --check-prefix=MULTI-USE -DSEED=29
// RUN: axt-run %S/Inputs/cnn-multi-use.mlir --batch 4 --seed 31 --check-gradients \
// RUN:   | FileCheck %s --check-prefix=MULTI-USE -DSEED=31
// MULTI-USE:      gradient check of '@two_convs': batch 4, seed [[SEED]]
// MULTI-USE-NEXT: param0 [4x2x3x3] |fd|
// MULTI-USE-NEXT: param1 [4] |fd|
// MULTI-USE-NEXT: param2 [4x4x3x3] |fd|
// MULTI-USE-NEXT: param3 [4] |fd|
// MULTI-USE-NEXT: param4 [4x4x1x1] |fd|
// MULTI-USE-NEXT: gradient check: PASS

//===----------------------------------------------------------------------===//
// The reference is not vacuous
//===----------------------------------------------------------------------===//

// A perturbed gradient in the dump fails (exit 1), and so do a dump checked
// with other attributes that give the same result shape (dilation 2 and
// padding 2 instead of padding 1), with another op (average instead of max
// pooling), or with another batch-norm epsilon (the default 1e-5, not 1e-3).
// RUN: sed -e '/^tensor grad1 /{n;s/^[^ ]*/1/;}' %t.conv_groups.1.dump > %t.bad.dump
// RUN: not axt-op-reference --op conv2d --groups 2 %t.bad.dump \
// RUN:   | FileCheck %s --check-prefix=REF-BAD
// REF-BAD:      op: conv2d
// REF-BAD:      grad0 [2x4x6x6] rel_err=
// REF-BAD:      reference check: FAIL ({{.*}} in grad1, tol=1e-05)
// RUN: not axt-op-reference --op conv2d --groups 3 --padding 2,2 --dilations 2,2 %t.conv_depthwise.1.dump \
// RUN:   | FileCheck %s --check-prefix=REF-ATTRS
// REF-ATTRS: op: conv2d input [2x3x5x5] filter [3x1x3x3] bias [3] strides 1,1 padding 2,2 dilations 2,2 groups 3 -> [2x3x5x5], logits [2x75]
// REF-ATTRS: reference check: FAIL
// RUN: not axt-op-reference --op avg_pool2d --kernel 3,3 --strides 2,2 --padding 1,1 %t.max_3x3_s2_p1.45.dump \
// RUN:   | FileCheck %s --check-prefix=REF-OP
// REF-OP: op: avg_pool2d input [2x3x7x7] kernel 3,3 strides 2,2 padding 1,1 -> [2x3x4x4], logits [2x48]
// REF-OP: reference check: FAIL
// RUN: not axt-op-reference --op batch_norm %t.bn_rank2.1.dump \
// RUN:   | FileCheck %s --check-prefix=REF-EPS
// REF-EPS: reference check: FAIL

// Dumps that do not fit the op, and options that do not apply, are errors
// (exit 2) with a message.
// RUN: not axt-op-reference --op conv2d %t.max_2x2_s2.13.dump 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR-PARAMS
// ERR-PARAMS: axt-op-reference: error: {{.*}}: --op conv2d expects param0 (input), param1 (filter) and optionally param2 (bias), the dump has 1 parameter(s)
// RUN: not axt-op-reference --op conv2d --kernel 3,3 %t.conv_plain.1.dump 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR-OPTION
// ERR-OPTION: axt-op-reference: error: --kernel does not apply to --op conv2d
// RUN: not axt-op-reference --op max_pool2d --strides 2,2 %t.max_2x2_s2.13.dump 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR-KERNEL
// ERR-KERNEL: axt-op-reference: error: --op max_pool2d needs --kernel H,W
// RUN: not axt-op-reference --op conv2d --groups 4 %t.conv_groups.1.dump 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR-GROUPS
// ERR-GROUPS: axt-op-reference: error: {{.*}}: --groups 4 must divide the input channels (4) and the filters (6)
