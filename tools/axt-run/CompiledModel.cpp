//===- CompiledModel.cpp - a model compiled for training on the CPU -------===//
//
// Two pass-manager runs: autodiff and the eval derivation first, so that the
// generated functions can be given C interfaces, then the lowering. The JIT
// resolves the runtime's kernels through explicitly registered symbols.
//
//===----------------------------------------------------------------------===//
#include "CompiledModel.h"

#include "AllocationTracker.h"
#include "axt/Analysis/InPlaceUpdates.h"
#include "axt/Analysis/MemoryModel.h"
#include "axt/Conversion/ParallelLoops/ParallelLoops.h"

#include "axt/InitAll.h"
#include "axt/Pipelines/Pipelines.h"
#include "axt/Transforms/LossFunctions.h"
#include "axt/Transforms/Passes.h"
#include "axtrt/conv.h"
#include "axtrt/matmul.h"
#include "axtrt/memref_copy.h"
#include "axtrt/pack_indices.h"
#include "axtrt/parallel_for.h"
#include "axtrt/quantize.h"

#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

using namespace axt;

namespace {

class JitModel : public CompiledModel {
public:
  bool build(const std::string &path, const CompileOptions &options);

protected:
  bool invoke(const std::string &function, std::vector<void *> &args,
              std::string &error) override {
    llvm::Error err = engine->invokePacked("_mlir_ciface_" + function, args);
    if (!err)
      return true;
    error = llvm::toString(std::move(err));
    return false;
  }

private:
  bool readSignature(mlir::ModuleOp module, const CompileOptions &options);
  /// What the training step keeps for the backward, from its stashes.
  void readSavedValues(mlir::func::FuncOp step);
  void readMemoryModel(mlir::func::FuncOp step, int64_t batch);
  /// Which arguments and velocities the step updates in place: those it
  /// may (InPlaceUpdates.h), or none without `enable`.
  void readInPlaceUpdates(mlir::func::FuncOp step, bool enable);
  bool jit(mlir::ModuleOp module);

  std::unique_ptr<mlir::ExecutionEngine> engine;
};

std::vector<int64_t> shapeOf(mlir::Type type) {
  auto ranked = llvm::cast<mlir::RankedTensorType>(type);
  std::vector<int64_t> shape(ranked.getShape().begin(),
                             ranked.getShape().end());
  for (int64_t &d : shape)
    if (mlir::ShapedType::isDynamic(d))
      d = -1;
  return shape;
}

bool fail(const llvm::Twine &message) {
  llvm::errs() << "axt-run: error: " << message << "\n";
  return false;
}

void JitModel::readMemoryModel(mlir::func::FuncOp step, int64_t batch) {
  mlir::axt::MemoryModel model(step, batch);
  mlir::axt::ArenaPlan plan = model.planOwnBuffers();
  sig.memory.batch = batch;
  sig.memory.load = model.getLoad();
  sig.memory.internalLoad = plan.load;
  sig.memory.arenaHeight = plan.height;
}

void JitModel::readSavedValues(mlir::func::FuncOp step) {
  if (auto bits = step->getAttrOfType<mlir::FloatAttr>("axt.average_bits"))
    sig.averageBits = bits.getValueAsDouble();
  if (auto variance =
          step->getAttrOfType<mlir::FloatAttr>("axt.predicted_variance"))
    sig.predictedVariance = variance.getValueAsDouble();
  step.walk([&](mlir::axt::StashOp stash) {
    SavedValue saved;
    mlir::Value value = stash.getInput();
    mlir::Type type = value.getType();
    // A compressed value: describe what it keeps, and name its producer.
    if (auto quantize = value.getDefiningOp<mlir::axt::QuantizeOp>()) {
      auto packed = quantize.getType();
      saved.form = SavedValue::Form::Packed;
      saved.bits = packed.getBits();
      saved.group = packed.getGroupSize();
      saved.maskInCodes = packed.getExactZero();
      saved.stream = static_cast<int64_t>(quantize.getStream());
      value = quantize.getInput();
      type = value.getType();
    } else if (auto mask = value.getDefiningOp<mlir::axt::PackMaskOp>()) {
      saved.form = SavedValue::Form::Mask;
      value = mask.getInput();
      type = value.getType();
    } else if (auto pack = value.getDefiningOp<mlir::axt::PackIndicesOp>()) {
      saved.form = SavedValue::Form::Indices;
      saved.bits = pack.getType().getBits();
      value = pack.getInput();
      type = value.getType();
    }
    auto tensor = llvm::cast<mlir::RankedTensorType>(type);
    saved.source = reinterpret_cast<uintptr_t>(value.getAsOpaquePointer());
    saved.shape = shapeOf(tensor);
    saved.elementBytes = tensor.getElementTypeBitWidth() / 8;
    if (auto arg = llvm::dyn_cast<mlir::BlockArgument>(value)) {
      // The caller keeps its arguments: only a compressed copy of the batch
      // (axt-compress-activations{compress-inputs}) costs the step memory.
      bool input = static_cast<bool>(
          step.getArgAttr(arg.getArgNumber(), mlir::axt::kInputAttrName));
      saved.activation = input && saved.form != SavedValue::Form::Tensor;
      saved.producer = input ? "input" : "parameter";
    } else {
      saved.producer = value.getDefiningOp()->getName().getStringRef().str();
    }
    sig.saved.push_back(saved);
  });
}

void JitModel::readInPlaceUpdates(mlir::func::FuncOp step, bool enable) {
  // Results: the loss, the new arguments, the new velocities; arguments:
  // the model's, then the velocities, in the same orders.
  llvm::SmallVector<int64_t> argOf = mlir::axt::getInPlaceResults(step);
  const size_t numArgs = sig.args.size(), numVelocities = sig.numParameters();
  sig.argInPlace.assign(numArgs, false);
  sig.velocityInPlace.assign(numVelocities, false);
  if (!enable || argOf.size() != 1 + numArgs + numVelocities)
    return;
  for (size_t i = 0; i < numArgs; ++i)
    sig.argInPlace[i] = argOf[1 + i] == int64_t(i);
  for (size_t i = 0; i < numVelocities; ++i)
    sig.velocityInPlace[i] = argOf[1 + numArgs + i] == int64_t(numArgs + i);
}

bool JitModel::readSignature(mlir::ModuleOp module,
                             const CompileOptions &options) {
  mlir::func::FuncOp loss;
  for (auto func : module.getOps<mlir::func::FuncOp>()) {
    if (!func.getName().ends_with("_train_step"))
      continue;
    llvm::StringRef base = func.getName().drop_back(strlen("_train_step"));
    if (!options.function.empty() && base != options.function)
      continue;
    if (loss)
      return fail("the model has several loss functions ('@" +
                  loss.getName() + "', '@" + base +
                  "'): choose one with --function");
    loss = module.lookupSymbol<mlir::func::FuncOp>(base);
  }
  if (!loss)
    return fail(options.function.empty()
                    ? llvm::Twine("the model has no loss function")
                    : "the model has no loss function '@" + options.function +
                          "'");
  sig.name = loss.getName().str();
  unsigned numArgs = mlir::axt::getNumModelArguments(loss);
  for (unsigned i = 0; i < numArgs; ++i) {
    ArgumentSpec arg;
    arg.shape = shapeOf(loss.getArgument(i).getType());
    arg.state = mlir::axt::isStateArgument(loss, i);
    arg.init = arg.shape.size() >= 2 ? ArgumentSpec::Init::HeUniform
                                     : ArgumentSpec::Init::Zeros;
    if (auto init = loss.getArgAttrOfType<mlir::StringAttr>(
            i, mlir::axt::kInitAttrName))
      arg.init = llvm::StringSwitch<ArgumentSpec::Init>(init.getValue())
                     .Case("ones", ArgumentSpec::Init::Ones)
                     .Case("he-uniform", ArgumentSpec::Init::HeUniform)
                     .Case("fan-in-uniform", ArgumentSpec::Init::FanInUniform)
                     .Default(ArgumentSpec::Init::Zeros);
    sig.args.push_back(arg);
  }
  sig.input = shapeOf(loss.getArgument(numArgs).getType());
  auto labels = llvm::dyn_cast<mlir::RankedTensorType>(
      loss.getArgument(numArgs + 1).getType());
  if (!labels || labels.getRank() != 1 ||
      !labels.getElementType().isSignlessInteger(32))
    return fail("the labels of '@" + sig.name + "' must be tensor<?xi32>");
  if (sig.input.empty())
    return fail("the input of '@" + sig.name + "' must have a batch dimension");
  int64_t labelBatch = shapeOf(labels)[0];
  if (sig.input[0] >= 0 && labelBatch >= 0 && sig.input[0] != labelBatch)
    return fail("the input and labels of '@" + sig.name +
                "' have different batch sizes (" +
                llvm::Twine(sig.input[0]) + " and " + llvm::Twine(labelBatch) +
                ")");
  sig.staticBatch = std::max(sig.input[0], labelBatch);
  for (size_t i = 1; i < sig.input.size(); ++i)
    if (sig.input[i] < 0)
      return fail("only the batch dimension of the input of '@" + sig.name +
                  "' may be dynamic");
  auto eval = module.lookupSymbol<mlir::func::FuncOp>(sig.name + "_eval");
  std::vector<int64_t> logits = shapeOf(eval.getResultTypes()[1]);
  if (logits.size() != 2 || logits[1] < 0)
    return fail("the logits of '@" + sig.name +
                "' must have a static number of classes");
  sig.numClasses = logits[1];
  return true;
}

bool JitModel::build(const std::string &path,
                     const CompileOptions &options) {
  mlir::DialectRegistry registry;
  mlir::axt::registerAllDialects(registry);
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  mlir::MLIRContext context(registry);
  context.disableMultithreading();    // 2 cores: the kernels' threads need them
  context.printOpOnDiagnostic(false); // the location says where; no IR dump

  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  std::string errorMessage;
  auto file = mlir::openInputFile(path, &errorMessage);
  if (!file)
    return fail(errorMessage);
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail("cannot parse '" + path + "'");

  // Stage 1: the training step and the evaluation function.
  mlir::PassManager derive(&context);
  mlir::axt::AxtAutodiffOptions autodiff;
  autodiff.momentum = options.momentum;
  autodiff.weightDecay = options.weightDecay;
  if (!options.function.empty())
    autodiff.functions = {options.function};
  derive.addPass(mlir::axt::createAxtAutodiff(autodiff));
  mlir::axt::AxtDeriveEvalOptions eval;
  eval.functions = autodiff.functions;
  derive.addPass(mlir::axt::createAxtDeriveEval(eval));
  mlir::axt::TrainingPipelineOptions saved;
  saved.bits = options.bits;
  saved.groupSize = options.groupSize;
  saved.sampleGroups = options.sampleGroups;
  saved.rounding = options.rounding;
  saved.compressInputs = options.compressInputs;
  saved.streams = options.streams;
  saved.sensitivity = options.sensitivityFile;
  saved.bitBudget = options.bitBudget;
  saved.scheduleMemory = options.scheduleMemory;
  mlir::axt::buildSavedActivationPipeline(derive, saved);
  if (mlir::failed(derive.run(*module)))
    return fail("cannot build the training step of '" + path + "'");
  if (!readSignature(*module, options))
    return false;
  auto step =
      module->lookupSymbol<mlir::func::FuncOp>(sig.name + "_train_step");
  readSavedValues(step);
  readMemoryModel(step, options.memoryBatch);
  readInPlaceUpdates(step, options.inPlaceUpdates);
  for (llvm::StringRef name : {sig.name + "_train_step", sig.name + "_eval"})
    module->lookupSymbol(name)->setAttr("llvm.emit_c_interface",
                                        mlir::UnitAttr::get(&context));

  // Stage 2: down to the LLVM dialect.
  mlir::PassManager lower(&context);
  mlir::axt::LowerToLLVMOptions lowerOptions;
  lowerOptions.runtimeMatmul = options.runtimeMatmul;
  lowerOptions.parallelLoops = options.parallelLoops;
  lowerOptions.planMemory = options.planMemory;
  lowerOptions.planSearchMs = options.planSearchMs;
  lowerOptions.planExactMs = options.planExactMs;
  mlir::axt::buildLowerToLLVMPipeline(lower, lowerOptions);
  if (mlir::failed(lower.run(*module)))
    return fail("cannot lower '" + path + "'");
  // The arena axt-plan-memory gave the step, if any.
  if (mlir::Operation *step = module->lookupSymbol(sig.name + "_train_step"))
    if (auto bytes = step->getAttrOfType<mlir::IntegerAttr>(
            mlir::axt::kArenaBytesAttrName)) {
      sig.memory.plannedArena = bytes.getInt();
      if (auto load = step->getAttrOfType<mlir::IntegerAttr>(
              mlir::axt::kArenaLoadAttrName))
        sig.memory.plannedLoad = load.getInt();
      sig.memory.plannedOptimal =
          step->hasAttr(mlir::axt::kArenaOptimalAttrName);
    }
  if (!options.dumpLoweredPath.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream out(options.dumpLoweredPath, ec);
    if (ec)
      return fail("cannot write '" + options.dumpLoweredPath +
                  "': " + ec.message());
    module->print(out);
  }
  return jit(*module);
}

bool JitModel::jit(mlir::ModuleOp module) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return fail("cannot target the host: " +
                llvm::toString(builder.takeError()));
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  auto machine = builder->createTargetMachine();
  if (!machine)
    return fail("cannot target the host: " +
                llvm::toString(machine.takeError()));
  auto transformer =
      mlir::makeOptimizingTransformer(3, 0, machine->get());
  mlir::ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto created =
      mlir::ExecutionEngine::create(module, engineOptions, std::move(*machine));
  if (!created)
    return fail("cannot JIT-compile the model: " +
                llvm::toString(created.takeError()));
  engine = std::move(*created);
  // The runtime's kernels, and its copy under the name MLIR's memref
  // lowering calls.
  engine->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    auto add = [&](llvm::StringRef name, auto *function) {
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(function),
                                 llvm::JITSymbolFlags::Exported};
    };
    // Kernels called through MLIR's C interface, under their C names.
#define AXT_ADD_KERNEL(kernel) add("_mlir_ciface_" #kernel, &_mlir_ciface_##kernel)
    AXT_ADD_KERNEL(axtrt_matmul_f32);
    AXT_ADD_KERNEL(axtrt_conv2d_nchw_fchw_f32);
    AXT_ADD_KERNEL(axtrt_conv2d_forward_f32);
    AXT_ADD_KERNEL(axtrt_conv2d_backward_input_f32);
    AXT_ADD_KERNEL(axtrt_conv2d_backward_filter_f32);
    AXT_ADD_KERNEL(axtrt_quantize_f32);
    AXT_ADD_KERNEL(axtrt_dequantize_f32);
    AXT_ADD_KERNEL(axtrt_quantize_exact_zero_f32);
    AXT_ADD_KERNEL(axtrt_dequantize_exact_zero_f32);
    AXT_ADD_KERNEL(axtrt_unpack_mask_from_codes_f32);
    AXT_ADD_KERNEL(axtrt_pack_mask_f32);
    AXT_ADD_KERNEL(axtrt_unpack_mask_f32);
    AXT_ADD_KERNEL(axtrt_pack_indices_i32);
    AXT_ADD_KERNEL(axtrt_unpack_indices_i32);
#undef AXT_ADD_KERNEL
    add("memrefCopy", &axtrt_memref_copy);
    // Outlined loops (axt-dispatch-parallel-loops), called directly.
    add(mlir::axt::kRuntimeParallelFor, &axtrt_parallel_for);
    // The step's buffers, counted (--memory-report).
    add("malloc", &trackedMalloc);
    add("free", &trackedFree);
    return symbols;
  });
  engine->initialize();
  return true;
}

} // namespace

CompiledModel::~CompiledModel() = default;

std::unique_ptr<CompiledModel>
CompiledModel::compile(const std::string &path,
                       const CompileOptions &options) {
  auto model = std::make_unique<JitModel>();
  if (!model->build(path, options))
    return nullptr;
  return model;
}
