// RUN: axt-opt %s --axt-compress-activations="group-size=0" | FileCheck %s

// group-size=0 asks for one group per channel plane. A stash [N, C, H, W]
// gets it; a linear layer's [N, F] has no plane (it would be a group, with
// its scale and minimum, per element) and keeps groups of 256.

// CHECK-LABEL: func.func @per_channel(
// CHECK:         axt.quantize {{.*}} : tensor<?x4x3x3xf32> -> !axt.packed<tensor<?x4x3x3xf32>, bits = 2, group = channel>
// CHECK:         axt.quantize {{.*}} : tensor<?x8xf32> -> !axt.packed<tensor<?x8xf32>, bits = 2, group = 256>
func.func @per_channel(%x: tensor<?x4x3x3xf32>, %y: tensor<?x8xf32>, %seed: i64) -> (tensor<?x4x3x3xf32>, tensor<?x8xf32>) {
  %a = axt.relu %x : tensor<?x4x3x3xf32>
  %sa = axt.stash %a : tensor<?x4x3x3xf32>
  %b = axt.relu %y : tensor<?x8xf32>
  %sb = axt.stash %b : tensor<?x8xf32>
  %ua = axt.unstash %sa : !axt.stashed<tensor<?x4x3x3xf32>>
  %ub = axt.unstash %sb : !axt.stashed<tensor<?x8xf32>>
  return %ua, %ub : tensor<?x4x3x3xf32>, tensor<?x8xf32>
}
