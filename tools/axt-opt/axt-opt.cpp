//===- axt-opt.cpp - the axt optimizer driver -----------------------------===//
#include "axt/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::axt::registerAllPasses();
  mlir::axt::registerAllPipelines();
  mlir::DialectRegistry registry;
  mlir::axt::registerAllDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "AXT optimizer driver\n", registry));
}
