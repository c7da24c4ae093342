// Input for axt-run-errors.mlir: a valid module with no function that
// returns a scalar loss.
func.func @features(%w: tensor<4x12xf32>, %b: tensor<4xf32>,
                    %x: tensor<?x12xf32>) -> tensor<?x4xf32> {
  %z = axt.linear %x, %w, %b : tensor<?x12xf32>, tensor<4x12xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %h = axt.relu %z : tensor<?x4xf32>
  return %h : tensor<?x4xf32>
}
