//===- AxtDialect.cpp - the axt dialect -----------------------------------===//
#include "axt/Dialect/Axt/IR/AxtDialect.h"
#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "axt/Dialect/Axt/IR/AxtTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::axt;

#include "axt/Dialect/Axt/IR/AxtDialect.cpp.inc"

/// A group size: an integer, or `channel` for the per-channel layout.
/// `group = 256` or `group = channel`, then `, exact_zero` if set.
static ParseResult parseGroupLayout(AsmParser &parser, int64_t &group,
                                    bool &exactZero) {
  if (succeeded(parser.parseOptionalKeyword("channel")))
    group = PackedType::kPerChannel;
  else if (failed(parser.parseInteger(group)))
    return failure();
  exactZero = succeeded(parser.parseOptionalComma());
  return exactZero ? parser.parseKeyword("exact_zero") : success();
}

static void printGroupLayout(AsmPrinter &printer, int64_t group,
                             bool exactZero) {
  if (group == PackedType::kPerChannel)
    printer << "channel";
  else
    printer << group;
  if (exactZero)
    printer << ", exact_zero";
}

#define GET_TYPEDEF_CLASSES
#include "axt/Dialect/Axt/IR/AxtTypes.cpp.inc"

LogicalResult
StashedType::verify(function_ref<InFlightDiagnostic()> emitError,
                    Type storedType) {
  if (!isa<RankedTensorType, PackedType, MaskType, IndicesType>(storedType))
    return emitError() << "a stashed value must be a ranked tensor, an "
                          "!axt.packed, an !axt.mask or an !axt.indices (got "
                       << storedType << ")";
  return success();
}

LogicalResult
IndicesType::verify(function_ref<InFlightDiagnostic()> emitError,
                    RankedTensorType tensorType, unsigned bits) {
  if (!tensorType.getElementType().isSignlessInteger(32))
    return emitError() << "only i32 tensors can be packed as indices (got "
                       << tensorType << ")";
  if (bits < 1 || bits > 16)
    return emitError() << "bits (" << bits << ") must be in [1, 16]";
  return success();
}

LogicalResult PackedType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 RankedTensorType tensorType, unsigned bits,
                                 int64_t group, bool exactZero) {
  if (!tensorType.getElementType().isF32())
    return emitError() << "only f32 tensors can be packed (got "
                       << tensorType << ")";
  if (!llvm::is_contained({1u, 2u, 3u, 4u, 8u}, bits))
    return emitError() << "bits (" << bits << ") must be 1, 2, 3, 4 or 8";
  if (exactZero && bits < 2)
    return emitError() << "exact_zero needs at least 2 bits (got " << bits
                       << ")";
  if (group == kPerChannel) {
    if (!allowsPerChannel(tensorType))
      return emitError() << "a per-channel layout needs a tensor [N, C, ...] "
                            "with static sizes after C (got "
                         << tensorType << ")";
    return success();
  }
  if (group < 1)
    return emitError() << "group (" << group << ") must be positive";
  return success();
}

bool PackedType::allowsPerChannel(RankedTensorType tensorType) {
  return tensorType.getRank() >= 3 &&
         llvm::none_of(tensorType.getShape().drop_front(2),
                       ShapedType::isDynamic);
}

int64_t PackedType::sampleAlignedGroup(RankedTensorType tensorType,
                                       int64_t maxGroup) {
  if (tensorType.getRank() < 2 || maxGroup < 1 ||
      llvm::any_of(tensorType.getShape().drop_front(), ShapedType::isDynamic))
    return maxGroup;
  const int64_t perExample =
      ShapedType::getNumElements(tensorType.getShape().drop_front());
  for (int64_t group = std::min(maxGroup, perExample); 4 * group >= maxGroup;
       --group)
    if (perExample % group == 0)
      return group;
  return maxGroup;
}

int64_t PackedType::getGroupSize() const {
  if (getGroup() != kPerChannel)
    return getGroup();
  return ShapedType::getNumElements(getTensorType().getShape().drop_front(2));
}

int64_t PackedType::getBytesPerGroup() const {
  return (getGroupSize() * getBits() + 7) / 8 + 4;
}

int64_t PackedType::getNumBytes(int64_t numElements) const {
  const int64_t group = getGroupSize();
  return (numElements + group - 1) / group * getBytesPerGroup();
}

void AxtDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "axt/Dialect/Axt/IR/AxtOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "axt/Dialect/Axt/IR/AxtTypes.cpp.inc"
      >();
}

LogicalResult AxtDialect::verifyRegionArgAttribute(Operation *op,
                                                  unsigned regionIndex,
                                                  unsigned argIndex,
                                                  NamedAttribute attribute) {
  StringRef name = attribute.getName().getValue();
  if (name == kStateAttrName || name == kInputAttrName) {
    if (!isa<UnitAttr>(attribute.getValue()))
      return op->emitError() << "'" << name << "' on argument #" << argIndex
                             << " must be a unit attribute";
    return success();
  }
  if (name == kInitAttrName) {
    auto init = dyn_cast<StringAttr>(attribute.getValue());
    if (!init || !llvm::is_contained(kInitValues, init.getValue())) {
      InFlightDiagnostic diag = op->emitError()
                                << "'" << name << "' on argument #"
                                << argIndex << " must be ";
      for (size_t i = 0; i < std::size(kInitValues); ++i)
        diag << (i == 0 ? "" : i + 1 == std::size(kInitValues) ? " or " : ", ")
             << "\"" << kInitValues[i] << "\"";
      return diag << " (got " << attribute.getValue() << ")";
    }
    return success();
  }
  return op->emitError() << "unknown argument attribute '" << name << "'";
}
