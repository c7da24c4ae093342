// A ResNet basic block with a projection shortcut on a dynamic batch of
// 3x8x8 images, for cnn-op-gradients.mlir (finite-difference check only):
//
//   main:     conv3x3 3->8 stride 2 pad 1 - BN - ReLU - conv3x3 8->8 pad 1 - BN
//   shortcut: conv1x1 3->8 stride 2 - BN
//   add, ReLU, global average pool, linear 8->10, softmax cross-entropy.
//
// The input %x feeds both branches. Convolutions have no bias (BN follows).
// BN scales start at ones, running variances at ones (as in the examples).
func.func @residual_block(
    %w1: tensor<8x3x3x3xf32>,
    %g1: tensor<8xf32> {axt.init = "ones"}, %b1: tensor<8xf32>,
    %m1: tensor<8xf32> {axt.state}, %v1: tensor<8xf32> {axt.state, axt.init = "ones"},
    %w2: tensor<8x8x3x3xf32>,
    %g2: tensor<8xf32> {axt.init = "ones"}, %b2: tensor<8xf32>,
    %m2: tensor<8xf32> {axt.state}, %v2: tensor<8xf32> {axt.state, axt.init = "ones"},
    %ws: tensor<8x3x1x1xf32>,
    %gs: tensor<8xf32> {axt.init = "ones"}, %bs: tensor<8xf32>,
    %ms: tensor<8xf32> {axt.state}, %vs: tensor<8xf32> {axt.state, axt.init = "ones"},
    %fc_w: tensor<10x8xf32>, %fc_b: tensor<10xf32>,
    %x: tensor<?x3x8x8xf32>, %labels: tensor<?xi32>)
    -> (tensor<f32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8xf32>, tensor<8xf32>) {
  %c1 = axt.conv2d %x, %w1 {strides = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<?x3x8x8xf32>, tensor<8x3x3x3xf32> -> tensor<?x8x4x4xf32>
  %n1, %nm1, %nv1 = axt.batch_norm %c1, %g1, %b1, %m1, %v1 : tensor<?x8x4x4xf32>, tensor<8xf32>
  %r1 = axt.relu %n1 : tensor<?x8x4x4xf32>
  %c2 = axt.conv2d %r1, %w2 {padding = array<i64: 1, 1>}
      : tensor<?x8x4x4xf32>, tensor<8x8x3x3xf32> -> tensor<?x8x4x4xf32>
  %n2, %nm2, %nv2 = axt.batch_norm %c2, %g2, %b2, %m2, %v2 : tensor<?x8x4x4xf32>, tensor<8xf32>
  %cs = axt.conv2d %x, %ws {strides = array<i64: 2, 2>}
      : tensor<?x3x8x8xf32>, tensor<8x3x1x1xf32> -> tensor<?x8x4x4xf32>
  %ns, %nms, %nvs = axt.batch_norm %cs, %gs, %bs, %ms, %vs : tensor<?x8x4x4xf32>, tensor<8xf32>
  %sum = axt.add %n2, %ns : tensor<?x8x4x4xf32>
  %out = axt.relu %sum : tensor<?x8x4x4xf32>
  %pool = axt.global_avg_pool2d %out : tensor<?x8x4x4xf32> -> tensor<?x8xf32>
  %logits = axt.linear %pool, %fc_w, %fc_b : tensor<?x8xf32>, tensor<10x8xf32>, tensor<10xf32> -> tensor<?x10xf32>
  %loss = axt.softmax_cross_entropy %logits, %labels : tensor<?x10xf32>, tensor<?xi32> -> tensor<f32>
  return %loss, %nm1, %nv1, %nm2, %nv2, %nms, %nvs
      : tensor<f32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8xf32>, tensor<8xf32>
}
