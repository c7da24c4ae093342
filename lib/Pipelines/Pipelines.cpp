//===- Pipelines.cpp - registered axt pass pipelines ----------------------===//
#include "axt/Pipelines/Pipelines.h"
#include "axt/Conversion/Passes.h"
#include "axt/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::axt;

void axt::buildLowerToLLVMPipeline(OpPassManager &pm,
                                   const LowerToLLVMOptions &options) {
  ConvertAxtToLinalgOptions toLinalg;
  toLinalg.runtimeConvKernels = options.runtimeMatmul;
  pm.addPass(createConvertAxtToLinalg(toLinalg));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // One loop nest and no intermediate buffer for chains of elementwise ops
  // (batch norm's normalization and the ReLU after it, gradient masks); a
  // producer with several uses, or one its consumer broadcasts, is left
  // alone, so nothing is recomputed.
  pm.addPass(createAxtFuseElementwiseOps());
  pm.addPass(createCanonicalizerPass());

  // Buffers: whole functions, identity layouts at their boundaries, results
  // written into caller-provided buffers (static ones without a copy).
  pm.addNestedPass<func::FuncOp>(createAxtSplitEmptyTensors());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  bufferization::BufferDeallocationPipelineOptions dealloc;
  bufferization::buildBufferDeallocationPipeline(pm, dealloc);
  // The deallocations above come at the end of their block: each buffer
  // would live to the end of the step. Free each right after its last
  // user (aliases included) instead.
  pm.addNestedPass<func::FuncOp>(
      bufferization::createOptimizeAllocationLivenessPass());
  if (options.planMemory) {
    AxtPlanMemoryOptions plan;
    plan.searchMilliseconds = options.planSearchMs;
    plan.exactMilliseconds = options.planExactMs;
    pm.addNestedPass<func::FuncOp>(createAxtPlanMemory(plan));
  }

  if (options.runtimeMatmul)
    pm.addPass(createConvertLinalgToAxtRuntime());
  pm.addNestedPass<func::FuncOp>(createAxtCollapseContiguousDims());
  if (options.parallelLoops) {
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
    pm.addPass(createAxtOutlineParallelLoops());
  } else {
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  }
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  // What LLVM has no intrinsic for (erf) calls the C library.
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  if (options.parallelLoops)
    pm.addPass(createAxtDispatchParallelLoops());
  pm.addPass(createCanonicalizerPass());
}

/// axt-relu-mask, axt-compress-activations and, with a sensitivity file,
/// axt-allocate-bits.
static void buildCompressionPasses(OpPassManager &pm,
                                   const TrainingPipelineOptions &options) {
  AxtCompressActivationsOptions compress;
  compress.bits = options.bits;
  compress.groupSize = options.groupSize;
  compress.rounding = options.rounding;
  compress.sampleGroups = options.sampleGroups;
  compress.compressInputs = options.compressInputs;
  compress.streams.assign(options.streams.begin(), options.streams.end());
  pm.addNestedPass<func::FuncOp>(createAxtReluMask());
  pm.addNestedPass<func::FuncOp>(createAxtCompressActivations(compress));
  if (options.sensitivity.empty())
    return;
  AxtAllocateBitsOptions allocate;
  allocate.sensitivityFile = options.sensitivity;
  allocate.budget =
      options.bitBudget > 0 ? double(options.bitBudget) : double(options.bits);
  pm.addNestedPass<func::FuncOp>(createAxtAllocateBits(allocate));
}

void axt::buildSavedActivationPipeline(OpPassManager &pm,
                                       const TrainingPipelineOptions &options) {
  if (options.bits > 0)
    buildCompressionPasses(pm, options);
  if (options.scheduleMemory)
    pm.addNestedPass<func::FuncOp>(createAxtScheduleMemory());
}

void axt::buildMemoryEfficientTrainingPipeline(
    OpPassManager &pm, const TrainingPipelineOptions &options) {
  AxtAutodiffOptions autodiff;
  autodiff.momentum = options.momentum;
  autodiff.weightDecay = options.weightDecay;
  pm.addPass(createAxtAutodiff(autodiff));
  if (options.eval)
    pm.addPass(createAxtDeriveEval());
  buildSavedActivationPipeline(pm, options);
  LowerToLLVMOptions lower;
  options.copyLoweringOptionsTo(lower);
  buildLowerToLLVMPipeline(pm, lower);
}

void axt::registerAxtPipelines() {
  PassPipelineRegistration<LowerToLLVMOptions>(
      "axt-lower-to-llvm",
      "lower a module of axt ops (after autodiff) to the LLVM dialect",
      buildLowerToLLVMPipeline);
  PassPipelineRegistration<TrainingPipelineOptions>(
      "axt-memory-efficient-training",
      "build the training step of each loss function and lower it to the "
      "LLVM dialect",
      buildMemoryEfficientTrainingPipeline);
}
