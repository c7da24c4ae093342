// Dropout (Inputs/dropout.mlir: rate 0.4, stream 5, on a trainable 4x3x2x2
// input): the compiled gradient against central finite differences of the
// compiled loss (the seed, hence the mask, is fixed during a check) and
// against axt-op-reference, whose own Philox4x32-10 redraws the mask from
// the dump's seed. A reference run with another stream must fail: the mask
// the compiled code applied is the one of stream 5, not any mask.
//
// RUN: axt-run %S/Inputs/dropout.mlir --batch 4 --seed 1 --check-gradients \
// RUN:   --dump-step %t.dump | FileCheck %s --check-prefix=FD
// RUN: axt-op-reference --op dropout --rate 0.4 --stream 5 %t.dump \
// RUN:   | FileCheck %s --check-prefix=REF
// RUN: not axt-op-reference --op dropout --rate 0.4 --stream 4 %t.dump \
// RUN:   | FileCheck %s --check-prefix=WRONG-STREAM
// RUN: axt-run %S/Inputs/dropout.mlir --batch 4 --seed 2 --check-gradients \
// RUN:   --dump-step %t.2.dump | FileCheck %s --check-prefix=FD
// RUN: axt-op-reference --op dropout --rate 0.4 --stream 5 %t.2.dump \
// RUN:   | FileCheck %s --check-prefix=REF
//
// FD:      gradient check of '@dropout': batch 4, seed {{[12]}}, loss
// FD-NEXT: param0 [4x3x2x2] |fd|
// FD-NEXT: gradient check: PASS
// REF:      op: dropout input [4x3x2x2] rate 0.4 stream 5 -> [4x3x2x2], logits [4x12]
// REF-NEXT: loss axt={{.*}} rel_err=
// REF-NEXT: grad0 [4x3x2x2] rel_err=
// REF-NEXT: reference check: PASS
// WRONG-STREAM: reference check: FAIL
//
// Evaluation does not drop: the evaluation function has no seed argument
// and no dropout (see Transforms/axt-derive-eval.mlir); training with
// dropout runs end to end on the MLP with a dropout layer below.
// RUN: axt-run %S/Inputs/mlp-dropout.mlir --seed 3 --batch 16 --check-gradients \
// RUN:   | FileCheck %s --check-prefix=MLP
// MLP:      gradient check of '@mlp_dropout': batch 16, seed 3
// MLP-COUNT-4: param{{[0-3]}} [{{.*}}] |fd|
// MLP-NEXT: gradient check: PASS
