// The optimizer updates write new parameters and momentum over the old
// ones where the step allows it (each update the last reader of both:
// include/axt/Analysis/InPlaceUpdates.h): axt-run then passes one buffer for
// an argument and its new value. Training gives the same losses and test
// accuracy, to the last digit, as with separate buffers
// (--in-place-updates=false), also after axt-schedule-memory, which keeps
// each update after the other readers of its parameter.
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --limit 640 --epochs 1 --print-every 1 \
// RUN:   --num-threads 1 | sed -e 's/ *[0-9]* examples\/s//' -e '/^wall time/d' > %t.in-place
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --limit 640 --epochs 1 --print-every 1 \
// RUN:   --num-threads 1 --in-place-updates=false | sed -e 's/ *[0-9]* examples\/s//' -e '/^wall time/d' > %t.separate
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --limit 640 --epochs 1 --print-every 1 \
// RUN:   --num-threads 1 --schedule-memory | sed -e 's/ *[0-9]* examples\/s//' -e '/^wall time/d' > %t.scheduled
// RUN: diff %t.in-place %t.separate
// RUN: diff %t.in-place %t.scheduled
// RUN: FileCheck %s --check-prefix=STEPS < %t.in-place
// STEPS-COUNT-10: step {{ *[0-9]+}}/10  loss {{[0-9.]+}}
// STEPS:          test accuracy:
//
// Which buffers are shared: every parameter and velocity of LeNet-5 with
// batch norm, not the running statistics (state, written by the forward).
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --memory-report | FileCheck %s --check-prefix=SHARED
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --memory-report --schedule-memory | FileCheck %s --check-prefix=SHARED
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --memory-report --in-place-updates=false \
// RUN:   | FileCheck %s --check-prefix=SEPARATE
// SHARED:   caller: parameters, state and momentum 498896 bytes, updated in place: 32 of 40 (new values in separate buffers: 1808 bytes)
// SEPARATE: caller: parameters, state and momentum 498896 bytes, updated in place: 0 of 40 (new values in separate buffers: 498896 bytes)
