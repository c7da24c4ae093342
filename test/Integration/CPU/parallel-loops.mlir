// Compiled loop nests split over the kernel threads
// (axt-outline-parallel-loops, axt-dispatch-parallel-loops) compute what
// they compute on one thread: each thread takes whole iterations of the
// outermost loop, whose iterations write disjoint elements. Training
// LeNet-5 with batch norm (elementwise loops, per-channel sums over the
// batch, pooling, the update) on 2 and 3 kernel threads gives the same
// losses and test accuracy, to the last digit, as the same number of
// threads with the loops left on the calling thread. (The convolution
// kernels split their partial sums by thread count, so only runs with the
// same --num-threads compare.)
// This file holds no model: it trains %axt_src_root/examples/lenet5_bn.mlir.

// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --limit 640 --epochs 1 --print-every 1 \
// RUN:   --num-threads 2 | sed -e 's/ *[0-9]* examples\/s//' -e '/^wall time/d' > %t.parallel2
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --limit 640 --epochs 1 --print-every 1 \
// RUN:   --num-threads 2 --parallel-loops=false | sed -e 's/ *[0-9]* examples\/s//' -e '/^wall time/d' > %t.serial2
// RUN: diff %t.parallel2 %t.serial2
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --limit 640 --epochs 1 --print-every 1 \
// RUN:   --num-threads 3 | sed -e 's/ *[0-9]* examples\/s//' -e '/^wall time/d' > %t.parallel3
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --limit 640 --epochs 1 --print-every 1 \
// RUN:   --num-threads 3 --parallel-loops=false | sed -e 's/ *[0-9]* examples\/s//' -e '/^wall time/d' > %t.serial3
// RUN: diff %t.parallel3 %t.serial3
// RUN: FileCheck %s < %t.parallel2
// CHECK-COUNT-10: step {{ *[0-9]+}}/10  loss {{[0-9.]+}}
// CHECK:          test accuracy:

// The lowered step calls the runtime for its loops, and not without them.
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --dump-lowered %t.lowered.mlir --memory-report > /dev/null
// RUN: FileCheck %s --check-prefix=LOWERED < %t.lowered.mlir
// RUN: axt-run %axt_src_root/examples/lenet5_bn.mlir --dump-lowered %t.serial.mlir --memory-report --parallel-loops=false > /dev/null
// RUN: FileCheck %s --check-prefix=SERIAL < %t.serial.mlir
// LOWERED: llvm.func internal @lenet5_bn_train_step_parallel{{.*}}_range(
// LOWERED: llvm.call @axtrt_parallel_for(
// SERIAL-NOT: axtrt_parallel_for
