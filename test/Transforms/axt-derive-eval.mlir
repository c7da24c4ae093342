// RUN: axt-opt %s --split-input-file --axt-derive-eval | FileCheck %s
// RUN: axt-opt %s --split-input-file --axt-derive-eval --axt-autodiff | FileCheck %s --check-prefix=BOTH

// The evaluation function has the forward's arguments and returns the loss
// and the logits that fed it.

// CHECK-LABEL: func.func @classifier(
// CHECK-LABEL: func.func @classifier_eval(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<3x5xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[X:[^:]+]]: tensor<?x5xf32>, %[[T:[^:]+]]: tensor<?xi32>)
// CHECK-SAME:      -> (tensor<f32>, tensor<?x3xf32>)
// CHECK-NEXT:    %[[Z:.+]] = axt.linear %[[X]], %[[W]], %[[B]]
// CHECK-NEXT:    %[[L:.+]] = axt.softmax_cross_entropy %[[Z]], %[[T]]
// CHECK-NEXT:    return %[[L]], %[[Z]] : tensor<f32>, tensor<?x3xf32>

// The eval function is not itself taken for a loss function by autodiff.
// BOTH-NOT:   func.func @classifier_eval_train_step
// BOTH-LABEL: func.func @classifier_train_step(
func.func @classifier(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                      %x: tensor<?x5xf32>, %t: tensor<?xi32>) -> tensor<f32> {
  %z = axt.linear %x, %w, %b : tensor<?x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<?x3xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}

// -----

// Evaluation runs batch norm in inference mode and drops the new state.

// CHECK-LABEL: func.func @normalized_eval(
// CHECK-SAME:      -> (tensor<f32>, tensor<?x2xf32>)
// CHECK:         axt.batch_norm {{.*}} {training = false}
// CHECK:         return %{{.+}}, %{{.+}} : tensor<f32>, tensor<?x2xf32>
func.func @normalized(%g: tensor<2xf32>, %b: tensor<2xf32>,
                      %m: tensor<2xf32> {axt.state}, %v: tensor<2xf32> {axt.state},
                      %x: tensor<?x2xf32>, %t: tensor<?xi32>) -> (tensor<f32>, tensor<2xf32>, tensor<2xf32>) {
  %y, %nm, %nv = axt.batch_norm %x, %g, %b, %m, %v : tensor<?x2xf32>, tensor<2xf32>
  %l = axt.softmax_cross_entropy %y, %t : tensor<?x2xf32>, tensor<?xi32> -> tensor<f32>
  return %l, %nm, %nv : tensor<f32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Evaluation drops nothing: dropout switches to inference mode, folds away,
// and the seed argument goes with it.

// CHECK-LABEL: func.func @regularized_eval(
// CHECK-SAME:      %[[W:[^:]+]]: tensor<3x5xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[X:[^:]+]]: tensor<?x5xf32>, %[[T:[^:]+]]: tensor<?xi32>)
// CHECK-SAME:      -> (tensor<f32>, tensor<?x3xf32>)
// CHECK-NEXT:    %[[Z:.+]] = axt.linear %[[X]], %[[W]], %[[B]]
// CHECK-NEXT:    %[[L:.+]] = axt.softmax_cross_entropy %[[Z]], %[[T]]
// CHECK-NEXT:    return %[[L]], %[[Z]]
func.func @regularized(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                       %x: tensor<?x5xf32>, %t: tensor<?xi32>, %seed: i64) -> tensor<f32> {
  %d = axt.dropout %x, %seed {rate = 0.2 : f32, stream = 1 : i64} : tensor<?x5xf32>
  %z = axt.linear %d, %w, %b : tensor<?x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %loss = axt.softmax_cross_entropy %z, %t : tensor<?x3xf32>, tensor<?xi32> -> tensor<f32>
  return %loss : tensor<f32>
}
