// Training steps with compressed saved activations (axt-run --bits).
//
// 1. A step whose activations are kept at 8 bits with nearest rounding
//    computes gradients within 1e-2 (relative L2) of the exact ones, which
//    axt-mlp-reference recomputes in double from the dumped parameters and
//    batch (observed: about 2e-3). At 2 bits the same check fails: the
//    compression is really in the step (observed errors 0.05 to 0.3).
// RUN: axt-run %S/mlp-gradients.mlir --batch 16 --seed 1 --bits 8 --rounding nearest \
// RUN:   --dump-step %t.8bit.dump | FileCheck %s --check-prefix=SAVED8
// RUN: axt-mlp-reference --tol 1e-2 %t.8bit.dump | FileCheck %s --check-prefix=REF8
// RUN: axt-run %S/mlp-gradients.mlir --batch 16 --seed 1 --bits 2 --rounding nearest \
// RUN:   --dump-step %t.2bit.dump
// RUN: not axt-mlp-reference --tol 1e-2 %t.2bit.dump | FileCheck %s --check-prefix=REF2
// SAVED8: saved activations (batch 16): 3 values
// REF8:   reference check: PASS
// REF2:   reference check: FAIL
//
// 2. The saved-activation bytes of examples/mlp.mlir at batch 64, 2 bits,
//    groups of 256, against a count by hand of the layout in
//    runtime/include/axtrt/quantize.h (bytes = groups x (group x bits / 8
//    + 4)): each ReLU output, 64 x 256 = 16384 values = 64 x 68 = 4352,
//    its codes holding the mask of the ReLU backward too (exact_zero; no
//    separate 1-bit mask); the logits at 8 bits, 640 values = 3 groups x
//    260 = 780; in all 9484 bytes, against (2 x 16384 + 640) x 4 = 133632
//    for the same values as f32 stashes: 14.09x. The batch input, an
//    argument the caller keeps anyway, is stashed as it is and counted in
//    neither; with --compress-inputs it is kept as codes too, 64 x 784 =
//    50176 values in groups of 196 (an example's 784 in four, so that no
//    group straddles two examples) = 256 groups x 53 bytes = 13568 more
//    (against 200704 as f32): 23052 bytes, 14.50x.
// RUN: axt-run %axt_src_root/examples/mlp.mlir --bits 2 --batch 64 --bench-steps 1 \
// RUN:   --saved-report | FileCheck %s --check-prefix=BYTES
// BYTES:      saved: axt.relu {{ *}}Nx256 2-bit, group 256, mask in codes {{ *}}4352 bytes
// BYTES-NEXT: saved: axt.relu {{ *}}Nx256 2-bit, group 256, mask in codes {{ *}}4352 bytes
// BYTES-NEXT: saved: axt.linear {{ *}}Nx10 8-bit, group 256 {{ *}}780 bytes
// BYTES-NEXT: saved activations (batch 64): 3 values, 9484 bytes (as f32: 133632 bytes, 14.09x)
// RUN: axt-run %axt_src_root/examples/mlp.mlir --bits 2 --compress-inputs --batch 64 --bench-steps 1 \
// RUN:   --saved-report | FileCheck %s --check-prefix=INPUT
// INPUT:      saved: input {{ *}}Nx784 2-bit, group 196 {{ *}}13568 bytes
// INPUT:      saved activations (batch 64): 4 values, 23052 bytes (as f32: 334336 bytes, 14.50x)
//
// 3. Bad compression options are refused.
// RUN: not axt-run %axt_src_root/examples/mlp.mlir --bits 5 2>&1 | FileCheck %s --check-prefix=BAD-BITS
// BAD-BITS: axt-run: error: --bits must be 0, 1, 2, 3, 4 or 8 (got 5)
// RUN: not axt-run %axt_src_root/examples/mlp.mlir --rounding up 2>&1 | FileCheck %s --check-prefix=BAD-ROUNDING
// BAD-ROUNDING: axt-run: error: --rounding must be stochastic or nearest
// RUN: not axt-run %axt_src_root/examples/mlp.mlir --compress-inputs 2>&1 | FileCheck %s --check-prefix=BAD-INPUTS
// BAD-INPUTS: axt-run: error: --compress-inputs needs --bits
//
// 4. Max-pool positions kept in ceil(log2(window)) bits (axt-relu-mask, on
//    with --bits): 2 bits for 2x2 windows, 4 for 3x3. In these single-op
//    models the pooled input is a parameter (not compressed) and only the
//    logits are quantized (8 bits): the gradients match the reference to
//    1e-3 (observed 9e-5), while one misplaced position would cost O(1).
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function max_2x2_s2 --batch 2 --seed 13 \
// RUN:   --bits 2 --saved-report --dump-step %t.max2.dump | FileCheck %s --check-prefix=POS2
// RUN: axt-op-reference --tol 1e-3 --op max_pool2d --kernel 2,2 --strides 2,2 %t.max2.dump \
// RUN:   | FileCheck %s --check-prefix=POS-REF
// RUN: axt-run %S/Inputs/cnn-pool.mlir --function max_3x3_s2_p1 --batch 2 --seed 45 \
// RUN:   --bits 2 --saved-report --dump-step %t.max3.dump | FileCheck %s --check-prefix=POS4
// RUN: axt-op-reference --tol 1e-3 --op max_pool2d --kernel 3,3 --strides 2,2 --padding 1,1 %t.max3.dump \
// RUN:   | FileCheck %s --check-prefix=POS-REF
// POS2: saved: axt.max_pool2d {{ *}}2x3x3x3 2-bit positions {{ *}}14 bytes
// POS4: saved: axt.max_pool2d {{ *}}2x3x4x4 4-bit positions {{ *}}48 bytes
// POS-REF: reference check: PASS
// RUN: not axt-run %axt_src_root/examples/mlp.mlir --bits 2 --group-size -1 2>&1 | FileCheck %s --check-prefix=BAD-GROUP
// BAD-GROUP: axt-run: error: --group-size must be non-negative
