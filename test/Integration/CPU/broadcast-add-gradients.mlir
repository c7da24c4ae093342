// Broadcasting axt.add (Inputs/broadcast-add.mlir): the gradients of both
// addends, the broadcast one summed over its repeated dimensions
// (axt.sum_to_shape), against central finite differences of the compiled
// loss (FD) and against axt-op-reference's double-precision forward and
// backward (REF). The loss is linear in both addends, so a large FD step
// (1e-2) is exact enough and keeps f32 rounding noise low.
//
// RUN: axt-run %S/Inputs/broadcast-add.mlir --function add_channel --batch 3 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.channel.dump \
// RUN:   | FileCheck %s --check-prefix=CHANNEL-FD
// RUN: axt-op-reference --op add %t.channel.dump | FileCheck %s --check-prefix=CHANNEL-REF
// CHANNEL-FD:      param0 [3x4x2x3] |fd|
// CHANNEL-FD-NEXT: param1 [4x1x1] |fd|
// CHANNEL-FD-NEXT: gradient check: PASS
// CHANNEL-REF:      op: add input [3x4x2x3] addend [4x1x1] -> [3x4x2x3], logits [3x24]
// CHANNEL-REF:      grad1 [4x1x1] rel_err=
// CHANNEL-REF-NEXT: reference check: PASS
//
// RUN: axt-run %S/Inputs/broadcast-add.mlir --function add_inner --batch 3 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.inner.dump \
// RUN:   | FileCheck %s --check-prefix=INNER-FD
// RUN: axt-op-reference --op add %t.inner.dump | FileCheck %s --check-prefix=INNER-REF
// INNER-FD:      param1 [1x4x1x3] |fd|
// INNER-FD-NEXT: gradient check: PASS
// INNER-REF:      op: add input [3x4x2x3] addend [1x4x1x3]
// INNER-REF:      reference check: PASS
//
// RUN: axt-run %S/Inputs/broadcast-add.mlir --function add_row --batch 5 \
// RUN:   --check-gradients --fd-epsilon 1e-2 --dump-step %t.row.dump \
// RUN:   | FileCheck %s --check-prefix=ROW-FD
// RUN: axt-op-reference --op add %t.row.dump | FileCheck %s --check-prefix=ROW-REF
// ROW-FD:      param1 [10] |fd|
// ROW-FD-NEXT: gradient check: PASS
// ROW-REF:      op: add input [5x10] addend [10] -> [5x10], logits [5x10]
// ROW-REF:      reference check: PASS
