// RUN: axt-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{'axt.init' on argument #0 must be "zeros", "ones", "he-uniform" or "fan-in-uniform" (got "twos")}}
func.func @bad_init(%w: tensor<3xf32> {axt.init = "twos"}) {
  return
}

// -----

// expected-error @+1 {{'axt.state' on argument #1 must be a unit attribute}}
func.func @bad_state(%w: tensor<3xf32>, %m: tensor<3xf32> {axt.state = 1 : i32}) {
  return
}

// -----

// expected-error @+1 {{unknown argument attribute 'axt.frozen'}}
func.func @unknown(%w: tensor<3xf32> {axt.frozen}) {
  return
}
