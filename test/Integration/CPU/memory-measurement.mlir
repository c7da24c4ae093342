// axt-run --memory-report counts the compiled step's own allocations
// (malloc and free of the JIT-compiled code) over one step and sets their
// peak against the step's tensor-level memory model. The buffers are freed
// after their last use (optimize-allocation-liveness after the
// deallocation pipeline), not at the end of the step: well under all of
// what LeNet-5's compressed step allocates is live at once (observed 40%
// since the convolution gradients call runtime kernels and allocate no
// copies, 23% before; 100% when every buffer lived to the end of the step).
// The measured peak is not the model's: fusion removes temporaries, and
// bufferization adds copies and the kernels' flattened views (observed
// 0.8 of LOAD here).
// RUN: axt-run %axt_src_root/examples/lenet5.mlir --bits 2 --batch 64 --memory-report | FileCheck %s
// CHECK:      memory of a step at batch 64 (the step's own buffers, not its arguments and results):
// CHECK-NEXT:   model: LOAD {{[0-9]+}} bytes, planned arena {{[0-9]+}} bytes (tensor level, before fusion and bufferization)
// CHECK-NEXT:   caller: parameters, state and momentum {{[0-9]+}} bytes, updated in place: 20 of 20 (new values in separate buffers: 0 bytes)
// CHECK-NEXT:   measured: peak {{[0-9]+}} bytes live, of {{[0-9]+}} bytes in {{[0-9]+}} allocations ({{[1-5][0-9]\.[0-9]}}% of them at once; {{[0-9.]+}} of the model's LOAD)
