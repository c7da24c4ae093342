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
// SAVED8: saved activations (batch 16): 6 values
// REF8:   reference check: PASS
// REF2:   reference check: FAIL
//
// 2. The saved-activation bytes of examples/mlp.mlir at batch 64, 2 bits,
//    groups of 256, against a count by hand of the layout in
//    runtime/include/axtrt/quantize.h (bytes = groups x (group x bits / 8
//    + 4)): the input, 64 x 784 = 50176 values = 196 groups x 68 bytes =
//    13328; each ReLU output, 64 x 256 = 16384 values = 64 x 68 = 4352,
//    plus its 1-bit mask for the ReLU backward (axt-relu-mask), 16384 / 8 =
//    2048; the logits at 8 bits, 640 values = 3 groups x 260 = 780; in all
//    26908 bytes, against (50176 + 2 x 16384 + 640) x 4 = 334336 for the
//    same values as f32 stashes: 12.43x.
// RUN: axt-run %axt_src_root/examples/mlp.mlir --bits 2 --batch 64 --bench-steps 1 \
// RUN:   --saved-report | FileCheck %s --check-prefix=BYTES
// BYTES:      saved: input {{ *}}Nx784 2-bit, group 256 {{ *}}13328 bytes
// BYTES-NEXT: saved: axt.relu {{ *}}Nx256 2-bit, group 256 {{ *}}4352 bytes
// BYTES-NEXT: saved: axt.relu {{ *}}Nx256 1-bit mask {{ *}}2048 bytes
// BYTES-NEXT: saved: axt.relu {{ *}}Nx256 2-bit, group 256 {{ *}}4352 bytes
// BYTES-NEXT: saved: axt.relu {{ *}}Nx256 1-bit mask {{ *}}2048 bytes
// BYTES-NEXT: saved: axt.linear {{ *}}Nx10 8-bit, group 256 {{ *}}780 bytes
// BYTES-NEXT: saved activations (batch 64): 6 values, 26908 bytes (as f32: 334336 bytes, 12.43x)
//
// 3. Bad compression options are refused.
// RUN: not axt-run %axt_src_root/examples/mlp.mlir --bits 5 2>&1 | FileCheck %s --check-prefix=BAD-BITS
// BAD-BITS: axt-run: error: --bits must be 0, 1, 2, 3, 4 or 8 (got 5)
// RUN: not axt-run %axt_src_root/examples/mlp.mlir --rounding up 2>&1 | FileCheck %s --check-prefix=BAD-ROUNDING
// BAD-ROUNDING: axt-run: error: --rounding must be stochastic or nearest
