//===- AxtInterfaces.cpp - the differentiable-op interface ----------------===//
#include "axt/Dialect/Axt/IR/AxtInterfaces.h"

#include "axt/Dialect/Axt/IR/AxtInterfaces.cpp.inc"
