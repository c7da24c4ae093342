//===- InitAll.cpp - register everything axt provides ---------------------===//
#include "axt/InitAll.h"

#include "axt/Conversion/Passes.h"
#include "axt/Dialect/Axt/IR/AxtDialect.h"
#include "axt/Pipelines/Pipelines.h"
#include "axt/Transforms/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"

void mlir::axt::registerAllDialects(DialectRegistry &registry) {
  registry.insert<AxtDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
}

void mlir::axt::registerAllPasses() {
  registerAxtTransformsPasses();
  registerAxtConversionPasses();
}

void mlir::axt::registerAllPipelines() { registerAxtPipelines(); }
