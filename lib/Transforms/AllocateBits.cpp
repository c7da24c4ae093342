//===- AllocateBits.cpp - mixed-precision saved activations ---------------===//
#include "axt/Dialect/Axt/IR/AxtOps.h"
#include "axt/Transforms/BitAllocation.h"
#include "axt/Transforms/Passes.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTALLOCATEBITS
#include "axt/Transforms/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

namespace {

/// One stash of the calibration file.
struct Calibrated {
  int64_t elements = 0;
  double sensitivity = 0;
};

/// Elements per example of a stashed tensor: its static sizes (a dynamic
/// batch dimension cancels out of the budget).
int64_t elementsPerExample(RankedTensorType type) {
  int64_t n = 1;
  for (int64_t size : type.getShape())
    if (!ShapedType::isDynamic(size))
      n *= size;
  return n;
}

/// The calibration file's entries of `function`, by stream; failure with a
/// diagnostic at `func` if the file cannot be read or is malformed.
FailureOr<llvm::DenseMap<int64_t, Calibrated>>
readCalibration(func::FuncOp func, StringRef path) {
  auto fail = [&](const Twine &why) {
    func.emitError() << "axt-allocate-bits: " << why;
    return failure();
  };
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return fail("cannot read the sensitivity file '" + path +
                "': " + buffer.getError().message());
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*buffer)->getBuffer());
  if (!json)
    return fail("the sensitivity file '" + path +
                "' is not JSON: " + llvm::toString(json.takeError()));
  const llvm::json::Object *root = json->getAsObject();
  const llvm::json::Array *stashes =
      root ? root->getArray("stashes") : nullptr;
  if (!root || root->getString("format") != "axt-sensitivity-v1" || !stashes)
    return fail("'" + path +
                "' is not a sensitivity file (format axt-sensitivity-v1 "
                "with a 'stashes' array)");
  llvm::DenseMap<int64_t, Calibrated> byStream;
  for (auto [index, entry] : llvm::enumerate(*stashes)) {
    const llvm::json::Object *stash = entry.getAsObject();
    std::optional<llvm::StringRef> function =
        stash ? stash->getString("function") : std::nullopt;
    std::optional<int64_t> stream =
        stash ? stash->getInteger("stream") : std::nullopt;
    std::optional<int64_t> elements =
        stash ? stash->getInteger("elements") : std::nullopt;
    std::optional<double> sensitivity =
        stash ? stash->getNumber("sensitivity") : std::nullopt;
    if (!function || !stream || !elements || !sensitivity ||
        *elements <= 0 || !(*sensitivity >= 0) ||
        !std::isfinite(*sensitivity))
      return fail("stash " + Twine(index) + " of '" + path +
                  "' needs 'function', 'stream', a positive 'elements' and "
                  "a finite non-negative 'sensitivity'");
    if (*function == func.getName())
      byStream[*stream] = {*elements, *sensitivity};
  }
  return byStream;
}

/// The first user that would not take another width of the codes of
/// `quantize`: anything but stashes, their unstashes, and the
/// dequantizations and masks read from those.
Operation *findFixedUser(QuantizeOp quantize) {
  for (Operation *user : quantize->getUsers()) {
    if (!isa<StashOp>(user))
      return user;
    for (Operation *unstash : user->getUsers()) {
      if (!isa<UnstashOp>(unstash))
        return unstash;
      for (Operation *reader : unstash->getUsers())
        if (!isa<DequantizeOp, UnpackMaskOp>(reader))
          return reader;
    }
  }
  return nullptr;
}

/// Gives the stash of `quantize` `bits` bits: the packed type of its
/// result, its stash and the unstashes (dequantize and unpack_mask read it
/// as an operand).
void setBits(QuantizeOp quantize, unsigned bits) {
  PackedType old = quantize.getType();
  auto packed = PackedType::get(old.getContext(), old.getTensorType(), bits,
                                old.getGroup(), old.getExactZero());
  auto stashed = StashedType::get(old.getContext(), packed);
  quantize.getResult().setType(packed);
  for (Operation *user : quantize->getUsers()) {
    auto stash = dyn_cast<StashOp>(user);
    if (!stash)
      continue;
    stash.getResult().setType(stashed);
    for (Operation *unstash : stash->getUsers())
      unstash->getResult(0).setType(packed);
  }
}

struct AxtAllocateBitsPass
    : axt::impl::AxtAllocateBitsBase<AxtAllocateBitsPass> {
  using AxtAllocateBitsBase::AxtAllocateBitsBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<QuantizeOp> quantizes;
    func.walk([&](QuantizeOp op) { quantizes.push_back(op); });
    if (quantizes.empty())
      return;
    if (sensitivityFile.empty()) {
      func.emitError() << "axt-allocate-bits: no sensitivity file (option "
                          "sensitivity=FILE, from axt-run --calibrate)";
      return signalPassFailure();
    }
    FailureOr<llvm::DenseMap<int64_t, Calibrated>> calibration =
        readCalibration(func, sensitivityFile);
    if (failed(calibration))
      return signalPassFailure();

    std::vector<StashCost> costs;
    for (QuantizeOp quantize : quantizes) {
      if (Operation *user = findFixedUser(quantize)) {
        quantize.emitError() << "axt-allocate-bits: these codes are used by '"
                             << user->getName()
                             << "', not only kept for the backward; their "
                                "width cannot change";
        return signalPassFailure();
      }
      auto stream = static_cast<int64_t>(quantize.getStream());
      int64_t elements = elementsPerExample(quantize.getInput().getType());
      auto it = calibration->find(stream);
      if (it == calibration->end()) {
        quantize.emitError() << "axt-allocate-bits: no sensitivity for this "
                                "stash (function '"
                             << func.getName() << "', stream " << stream
                             << ") in '" << sensitivityFile << "'";
        return signalPassFailure();
      }
      if (it->second.elements != elements) {
        quantize.emitError()
            << "axt-allocate-bits: the sensitivity file has "
            << it->second.elements << " elements per example for stream "
            << stream << ", the stash " << elements
            << " (a calibration of another model?)";
        return signalPassFailure();
      }
      bool exactZero = quantize.getType().getExactZero();
      int64_t floor = exactZero ? 2 : 1;
      if (auto minimum =
              quantize->getAttrOfType<IntegerAttr>(kMinimumBitsAttrName))
        floor = std::max(floor, minimum.getInt());
      std::vector<unsigned> widths;
      for (unsigned b : {1u, 2u, 3u, 4u, 8u})
        if (b >= floor)
          widths.push_back(b);
      if (widths.empty()) {
        quantize.emitError() << "axt-allocate-bits: no width of 1, 2, 3, 4 "
                                "or 8 bits meets "
                             << kMinimumBitsAttrName << " (" << floor << ")";
        return signalPassFailure();
      }
      costs.push_back({elements, it->second.sensitivity, widths, exactZero});
    }

    BitAllocation allocation;
    std::string error;
    if (!allocateBits(costs, budget, allocation, error)) {
      func.emitError() << "axt-allocate-bits: " << error;
      return signalPassFailure();
    }
    for (auto [quantize, bits] : llvm::zip(quantizes, allocation.bits))
      setBits(quantize, bits);
    Builder b(func.getContext());
    func->setAttr("axt.average_bits", b.getF64FloatAttr(allocation.averageBits));
    func->setAttr("axt.predicted_variance",
                  b.getF64FloatAttr(allocation.variance));
  }
};

} // namespace
