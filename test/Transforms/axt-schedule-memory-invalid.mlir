// RUN: axt-opt %s --axt-schedule-memory="batch=0" --verify-diagnostics

// expected-error @+1 {{axt-schedule-memory: batch (0) must be positive}}
func.func @step(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
