// Every model in examples/ goes through the default training pipeline down
// to the LLVM dialect: its training step and its evaluation function come
// out as LLVM functions. (ResNet-50 takes about 5 s of the suite.) The
// generated ones are what examples/generate_models.py writes today.
//
// RUN: %python %axt_src_root/examples/generate_models.py --check
//
// RUN: axt-opt %axt_src_root/examples/mlp.mlir --axt-memory-efficient-training | FileCheck %s -DF=mlp
// RUN: axt-opt %axt_src_root/examples/lenet5.mlir --axt-memory-efficient-training | FileCheck %s -DF=lenet5
// RUN: axt-opt %axt_src_root/examples/lenet5_bn.mlir --axt-memory-efficient-training | FileCheck %s -DF=lenet5_bn
// RUN: axt-opt %axt_src_root/examples/resnet8.mlir --axt-memory-efficient-training | FileCheck %s -DF=resnet8
// RUN: axt-opt %axt_src_root/examples/vgg11.mlir --axt-memory-efficient-training | FileCheck %s -DF=vgg11
// RUN: axt-opt %axt_src_root/examples/resnet18.mlir --axt-memory-efficient-training | FileCheck %s -DF=resnet18
// RUN: axt-opt %axt_src_root/examples/resnet50.mlir --axt-memory-efficient-training | FileCheck %s -DF=resnet50
// RUN: axt-opt %axt_src_root/examples/transformer_block.mlir --axt-memory-efficient-training | FileCheck %s -DF=transformer_block
//
// CHECK-DAG: llvm.func @[[F]]_train_step(
// CHECK-DAG: llvm.func @[[F]]_eval(
// CHECK-NOT: axt.
