// RUN: axt-opt %s --axt-autodiff="functions=second" | FileCheck %s
// RUN: axt-opt %s --axt-autodiff="functions=missing" --verify-diagnostics
// RUN: not axt-opt %s --axt-autodiff="functions=not_a_loss" 2>&1 | FileCheck %s --check-prefix=NOT-A-LOSS

// Only the named loss function is differentiated.
// CHECK-NOT:   func.func @first_train_step
// CHECK-LABEL: func.func @second_train_step(

// NOT-A-LOSS: error: loss function '@not_a_loss' must return a tensor<f32> loss first (got 0 results)

// expected-error @+1 {{no function named '@missing'}}
module {
  func.func @first(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                   %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
    %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %loss = axt.softmax_cross_entropy %z, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
    return %loss : tensor<f32>
  }
  func.func @second(%w: tensor<3x5xf32>, %b: tensor<3xf32>,
                    %x: tensor<2x5xf32>, %t: tensor<2xi32>) -> tensor<f32> {
    %z = axt.linear %x, %w, %b : tensor<2x5xf32>, tensor<3x5xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %loss = axt.softmax_cross_entropy %z, %t : tensor<2x3xf32>, tensor<2xi32> -> tensor<f32>
    return %loss : tensor<f32>
  }
  func.func @not_a_loss() {
    return
  }
}
