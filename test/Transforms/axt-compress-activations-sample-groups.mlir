// RUN: axt-opt %s --axt-compress-activations | FileCheck %s
// RUN: axt-opt %s --axt-compress-activations="sample-groups=false" | FileCheck %s --check-prefix=FLAT
// RUN: axt-opt %s --axt-compress-activations="group-size=100" | FileCheck %s --check-prefix=G100

// Groups follow the examples of the batch: an example of F elements gets
// groups of the largest divisor of F not above group-size, if that divisor
// is at least group-size / 4. LeNet-5's shapes at group-size 256:
//   ?x120 -> 120 (one group per example, not 256 spanning two or three),
//   ?x400 -> 200 (two per example), ?x6x14x14 (1176) -> 196,
//   ?x512 -> 256 (already aligned), ?x10 -> 256 (10 < 256 / 4: the scale
//   overhead would be 3.2 bits per element), ?x257 -> 256 (prime: no
//   divisor in [64, 256]), ?x? (unknown F) -> 256.

// CHECK-LABEL: func.func @sample_groups(
// CHECK:         tensor<?x120xf32> -> !axt.packed<tensor<?x120xf32>, bits = 2, group = 120>
// CHECK:         tensor<?x400xf32> -> !axt.packed<tensor<?x400xf32>, bits = 2, group = 200>
// CHECK:         tensor<?x6x14x14xf32> -> !axt.packed<tensor<?x6x14x14xf32>, bits = 2, group = 196>
// CHECK:         tensor<?x512xf32> -> !axt.packed<tensor<?x512xf32>, bits = 2, group = 256>
// CHECK:         tensor<?x10xf32> -> !axt.packed<tensor<?x10xf32>, bits = 2, group = 256>
// CHECK:         tensor<?x257xf32> -> !axt.packed<tensor<?x257xf32>, bits = 2, group = 256>
// CHECK:         tensor<?x?xf32> -> !axt.packed<tensor<?x?xf32>, bits = 2, group = 256>

// sample-groups=false: groups of exactly group-size everywhere.
// FLAT-LABEL: func.func @sample_groups(
// FLAT:         tensor<?x120xf32> -> !axt.packed<tensor<?x120xf32>, bits = 2, group = 256>
// FLAT:         tensor<?x400xf32> -> !axt.packed<tensor<?x400xf32>, bits = 2, group = 256>
// FLAT:         tensor<?x6x14x14xf32> -> !axt.packed<tensor<?x6x14x14xf32>, bits = 2, group = 256>
// FLAT:         tensor<?x512xf32> -> !axt.packed<tensor<?x512xf32>, bits = 2, group = 256>
// FLAT:         tensor<?x10xf32> -> !axt.packed<tensor<?x10xf32>, bits = 2, group = 256>
// FLAT:         tensor<?x257xf32> -> !axt.packed<tensor<?x257xf32>, bits = 2, group = 256>
// FLAT:         tensor<?x?xf32> -> !axt.packed<tensor<?x?xf32>, bits = 2, group = 256>

// group-size=100 (divisors from 25 up): 120 -> 60, 400 -> 100,
// 1176 -> 98, 512 -> 64; 10 (below 25), 257 and ? keep 100.
// G100-LABEL: func.func @sample_groups(
// G100:         tensor<?x120xf32> -> !axt.packed<tensor<?x120xf32>, bits = 2, group = 60>
// G100:         tensor<?x400xf32> -> !axt.packed<tensor<?x400xf32>, bits = 2, group = 100>
// G100:         tensor<?x6x14x14xf32> -> !axt.packed<tensor<?x6x14x14xf32>, bits = 2, group = 98>
// G100:         tensor<?x512xf32> -> !axt.packed<tensor<?x512xf32>, bits = 2, group = 64>
// G100:         tensor<?x10xf32> -> !axt.packed<tensor<?x10xf32>, bits = 2, group = 100>
// G100:         tensor<?x257xf32> -> !axt.packed<tensor<?x257xf32>, bits = 2, group = 100>
// G100:         tensor<?x?xf32> -> !axt.packed<tensor<?x?xf32>, bits = 2, group = 100>
func.func @sample_groups(%a: tensor<?x120xf32>, %b: tensor<?x400xf32>,
                         %c: tensor<?x6x14x14xf32>, %d: tensor<?x512xf32>,
                         %e: tensor<?x10xf32>, %f: tensor<?x257xf32>,
                         %g: tensor<?x?xf32>, %seed: i64)
    -> (tensor<?x120xf32>, tensor<?x400xf32>, tensor<?x6x14x14xf32>,
        tensor<?x512xf32>, tensor<?x10xf32>, tensor<?x257xf32>,
        tensor<?x?xf32>) {
  %ra = axt.relu %a : tensor<?x120xf32>
  %sa = axt.stash %ra : tensor<?x120xf32>
  %rb = axt.relu %b : tensor<?x400xf32>
  %sb = axt.stash %rb : tensor<?x400xf32>
  %rc = axt.relu %c : tensor<?x6x14x14xf32>
  %sc = axt.stash %rc : tensor<?x6x14x14xf32>
  %rd = axt.relu %d : tensor<?x512xf32>
  %sd = axt.stash %rd : tensor<?x512xf32>
  %re = axt.relu %e : tensor<?x10xf32>
  %se = axt.stash %re : tensor<?x10xf32>
  %rf = axt.relu %f : tensor<?x257xf32>
  %sf = axt.stash %rf : tensor<?x257xf32>
  %rg = axt.relu %g : tensor<?x?xf32>
  %sg = axt.stash %rg : tensor<?x?xf32>
  %ua = axt.unstash %sa : !axt.stashed<tensor<?x120xf32>>
  %ub = axt.unstash %sb : !axt.stashed<tensor<?x400xf32>>
  %uc = axt.unstash %sc : !axt.stashed<tensor<?x6x14x14xf32>>
  %ud = axt.unstash %sd : !axt.stashed<tensor<?x512xf32>>
  %ue = axt.unstash %se : !axt.stashed<tensor<?x10xf32>>
  %uf = axt.unstash %sf : !axt.stashed<tensor<?x257xf32>>
  %ug = axt.unstash %sg : !axt.stashed<tensor<?x?xf32>>
  return %ua, %ub, %uc, %ud, %ue, %uf, %ug
      : tensor<?x120xf32>, tensor<?x400xf32>, tensor<?x6x14x14xf32>,
        tensor<?x512xf32>, tensor<?x10xf32>, tensor<?x257xf32>,
        tensor<?x?xf32>
}
