// axt-schedule-memory reorders the step without changing what it
// computes. On these two models (one activation feeding two convolutions,
// compressed at 2 bits, and a dilated convolution; VGG-11 is too large to
// run here) it picks another order than autodiff's (checked on the IR), and
// the step then dumps the same loss and gradients, to the last digit, as
// the unscheduled one with the same seed.
// RUN: axt-opt %S/Inputs/cnn-multi-use.mlir --axt-autodiff --axt-relu-mask --axt-compress-activations -o %t.plain.mlir
// RUN: axt-opt %S/Inputs/cnn-multi-use.mlir --axt-autodiff --axt-relu-mask --axt-compress-activations \
// RUN:   --axt-schedule-memory -o %t.scheduled.mlir
// RUN: not diff -q %t.plain.mlir %t.scheduled.mlir
// RUN: axt-run %S/Inputs/cnn-multi-use.mlir --bits 2 --batch 4 --seed 3 --dump-step %t.plain.dump
// RUN: axt-run %S/Inputs/cnn-multi-use.mlir --bits 2 --batch 4 --seed 3 --schedule-memory --dump-step %t.scheduled.dump
// RUN: diff %t.plain.dump %t.scheduled.dump
// RUN: axt-opt %S/Inputs/cnn-conv.mlir --axt-autodiff=functions=conv_dilation -o %t.conv.plain.mlir
// RUN: axt-opt %S/Inputs/cnn-conv.mlir --axt-autodiff=functions=conv_dilation --axt-schedule-memory -o %t.conv.scheduled.mlir
// RUN: not diff -q %t.conv.plain.mlir %t.conv.scheduled.mlir
// RUN: axt-run %S/Inputs/cnn-conv.mlir --function conv_dilation --batch 2 --seed 5 --dump-step %t.conv.plain.dump
// RUN: axt-run %S/Inputs/cnn-conv.mlir --function conv_dilation --batch 2 --seed 5 --schedule-memory --dump-step %t.conv.scheduled.dump
// RUN: diff %t.conv.plain.dump %t.conv.scheduled.dump
