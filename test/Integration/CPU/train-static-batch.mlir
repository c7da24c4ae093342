// REQUIRES: fashion-mnist
//
// Training a model with a static batch of 64 on Fashion-MNIST. 2000
// examples make 31 full batches; the short last one is dropped. The test
// split (10000 examples, not a multiple of 64) is evaluated with a padded
// last batch, and every test example is counted exactly once. The result is
// deterministic for a seed.

// RUN: axt-run %s --data-dir %fashion_mnist_dir --limit 2000 --seed 3 --print-every 10 > %t.1
// RUN: axt-run %s --data-dir %fashion_mnist_dir --limit 2000 --seed 3 --print-every 10 --batch 64 > %t.2
// RUN: FileCheck %s < %t.1
// RUN: sed -e 's/ *[0-9.]* examples\/s$//' -e '/^wall time:/d' %t.1 > %t.a
// RUN: sed -e 's/ *[0-9.]* examples\/s$//' -e '/^wall time:/d' %t.2 > %t.b
// RUN: diff %t.a %t.b

// CHECK:      training '@mlp_static64' on 1984 examples: 1 epoch(s) of 31 steps, batch 64, lr 0.05, seed 3
// CHECK-NEXT: epoch 1/1 step 10/31 loss
// CHECK-NEXT: epoch 1/1 step 20/31 loss
// CHECK-NEXT: epoch 1/1 step 30/31 loss
// CHECK-NEXT: epoch 1/1 step 31/31 loss
// CHECK-NEXT: epoch 1/1 test accuracy [[ACC:[0-9]+\.[0-9][0-9]]]% test loss
// CHECK-NEXT: test accuracy: [[ACC]]% ({{[5-9][0-9][0-9][0-9]}}/10000)

func.func @mlp_static64(%w0: tensor<32x784xf32>, %b0: tensor<32xf32>,
                        %w1: tensor<10x32xf32>, %b1: tensor<10xf32>,
                        %x: tensor<64x784xf32>, %labels: tensor<64xi32>) -> tensor<f32> {
  %z0 = axt.linear %x, %w0, %b0 : tensor<64x784xf32>, tensor<32x784xf32>, tensor<32xf32> -> tensor<64x32xf32>
  %h0 = axt.relu %z0 : tensor<64x32xf32>
  %z1 = axt.linear %h0, %w1, %b1 : tensor<64x32xf32>, tensor<10x32xf32>, tensor<10xf32> -> tensor<64x10xf32>
  %loss = axt.softmax_cross_entropy %z1, %labels : tensor<64x10xf32>, tensor<64xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
