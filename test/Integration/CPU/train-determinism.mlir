// REQUIRES: fashion-mnist
//
// Training examples/mlp.mlir on the first 2000 Fashion-MNIST examples is
// deterministic: the same seed gives the same losses and accuracy (all of
// the output except the throughput and the wall time), another seed gives
// another result. The progress lines have a fixed format.
// This file holds no model: it trains %axt_src_root/examples/mlp.mlir.

// RUN: axt-run %axt_src_root/examples/mlp.mlir --data-dir %fashion_mnist_dir \
// RUN:   --limit 2000 --batch 64 --seed 3 --print-every 8 > %t.1
// RUN: axt-run %axt_src_root/examples/mlp.mlir --data-dir %fashion_mnist_dir \
// RUN:   --limit 2000 --batch 64 --seed 3 --print-every 8 > %t.2
// RUN: axt-run %axt_src_root/examples/mlp.mlir --data-dir %fashion_mnist_dir \
// RUN:   --limit 2000 --batch 64 --seed 4 --print-every 8 > %t.3
// RUN: sed -e 's/ *[0-9.]* examples\/s$//' -e '/^wall time:/d' %t.1 > %t.a
// RUN: sed -e 's/ *[0-9.]* examples\/s$//' -e '/^wall time:/d' %t.2 > %t.b
// RUN: sed -e 's/ *[0-9.]* examples\/s$//' -e '/^wall time:/d' %t.3 > %t.c
// RUN: diff %t.a %t.b
// RUN: not diff %t.a %t.c

// Nothing but the throughput and the wall time was filtered out.
// RUN: wc -l < %t.1 | FileCheck %s --check-prefix=LINES-9 --match-full-lines
// RUN: wc -l < %t.a | FileCheck %s --check-prefix=LINES-8 --match-full-lines
// LINES-9: 9
// LINES-8: 8

// The format, whitespace included. 2000 examples in batches of 64 make 31
// full batches and one of 16: 32 steps. Ten classes make chance 10%; even
// this short run must do much better.
// RUN: FileCheck %s --check-prefix=FORMAT --strict-whitespace --match-full-lines < %t.1
// FORMAT:inputs standardized with the training mean 0.2860 and standard deviation 0.3530
// FORMAT-NEXT:training '@mlp' on 2000 examples: 1 epoch(s) of 32 steps, batch 64, lr 0.05, seed 3
// FORMAT-NEXT:epoch 1/1  step     8/32  loss {{[0-9]+\.[0-9][0-9][0-9][0-9]}}  {{[0-9]+}} examples/s
// FORMAT-NEXT:epoch 1/1  step    16/32  loss {{[0-9]+\.[0-9][0-9][0-9][0-9]}}  {{[0-9]+}} examples/s
// FORMAT-NEXT:epoch 1/1  step    24/32  loss {{[0-9]+\.[0-9][0-9][0-9][0-9]}}  {{[0-9]+}} examples/s
// FORMAT-NEXT:epoch 1/1  step    32/32  loss {{[0-9]+\.[0-9][0-9][0-9][0-9]}}  {{[0-9]+}} examples/s
// FORMAT-NEXT:epoch 1/1  test accuracy [[ACC:[5-9][0-9]\.[0-9][0-9]]]%  test loss {{[0-9]+\.[0-9][0-9][0-9][0-9]}}
// FORMAT-NEXT:test accuracy: [[ACC]]% ({{[5-9][0-9][0-9][0-9]}}/10000)
// FORMAT-NEXT:wall time: {{[0-9]+\.[0-9]}} s training, {{[0-9]+\.[0-9]}} s in all

// RUN: FileCheck %s --check-prefix=SEED4 < %t.3
// SEED4: training '@mlp' on 2000 examples: 1 epoch(s) of 32 steps, batch 64, lr 0.05, seed 4

// Several epochs: progress and test lines per epoch, the final summary once.
// RUN: axt-run %axt_src_root/examples/mlp.mlir --data-dir %fashion_mnist_dir \
// RUN:   --limit 640 --batch 64 --epochs 2 --seed 3 --print-every 10 \
// RUN:   | FileCheck %s --check-prefix=EPOCHS --implicit-check-not="test accuracy:"
// EPOCHS:      training '@mlp' on 640 examples: 2 epoch(s) of 10 steps, batch 64, lr 0.05, seed 3
// EPOCHS-NEXT: epoch 1/2 step 10/10 loss {{[0-9.]+}} {{[0-9]+}} examples/s
// EPOCHS-NEXT: epoch 1/2 test accuracy {{[0-9.]+}}% test loss {{[0-9.]+}}
// EPOCHS-NEXT: epoch 2/2 step 10/10 loss {{[0-9.]+}} {{[0-9]+}} examples/s
// EPOCHS-NEXT: epoch 2/2 test accuracy {{[0-9.]+}}% test loss {{[0-9.]+}}
// EPOCHS-NEXT: test accuracy: {{[0-9.]+}}% ({{[0-9]+}}/10000)
// EPOCHS-NEXT: wall time:
