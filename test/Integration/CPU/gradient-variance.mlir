// The variance of a linear layer's weight gradient when its input is kept
// as 2-bit codes with stochastic rounding: ActNN's model says
// Var[dW_oi] = sum_n dZ_no^2 step^2 f (1 - f) (see
// reference/variance_reference.cpp). axt-run repeats one step of a softmax
// regression (batch 64, 784 features in groups of 256; its input is the
// batch, kept as codes with --compress-inputs) with 400 seeds on
// the same state and batch and dumps each gradient's mean and variance;
// axt-variance-reference recomputes the predicted variance from the input
// and checks, per output row, measured vs predicted within 10% (observed:
// within 1%), and that the mean is unbiased. The logits, kept at 8 bits,
// add a variance below 0.1% of the input's.
// RUN: axt-run %S/Inputs/softmax-regression.mlir --bits 2 --compress-inputs --batch 64 --seed 3 \
// RUN:   --dump-step %t.2bit.dump --gradient-draws 400
// RUN: axt-variance-reference --bits 2 --tol 0.1 %t.2bit.dump | FileCheck %s
// CHECK-COUNT-10: row {{[0-9]}}: variance measured {{.*}} rel_err 0.0
// CHECK:          unbiasedness: sum (mean - exact)^2 / sum Var/K = {{0\.[89]|1\.[01]}}
// CHECK:          variance check: PASS
//
// The check can fail: 4-bit codes have 1/25 of that variance, and rounding
// to nearest has none, but a bias.
// RUN: axt-run %S/Inputs/softmax-regression.mlir --bits 4 --compress-inputs --batch 64 --seed 3 \
// RUN:   --dump-step %t.4bit.dump --gradient-draws 50
// RUN: not axt-variance-reference --bits 2 --tol 0.1 %t.4bit.dump | FileCheck %s --check-prefix=FAIL
// RUN: axt-run %S/Inputs/softmax-regression.mlir --bits 2 --compress-inputs --rounding nearest --batch 64 \
// RUN:   --seed 3 --dump-step %t.nearest.dump --gradient-draws 50
// RUN: not axt-variance-reference --bits 2 --tol 0.1 %t.nearest.dump | FileCheck %s --check-prefix=FAIL
// FAIL: variance check: FAIL
//
// --gradient-draws needs a dump (or --calibrate) and at least 2 draws.
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --gradient-draws 5 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DRAWS
// DRAWS: axt-run: error: --gradient-draws needs at least 2 draws and --dump-step or --calibrate (got 5)
