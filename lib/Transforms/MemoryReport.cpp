//===- MemoryReport.cpp - what a training step's memory holds -------------===//
#include "axt/Analysis/MemoryModel.h"
#include "axt/Transforms/Passes.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include "llvm/Support/raw_ostream.h"

namespace mlir::axt {
#define GEN_PASS_DEF_AXTMEMORYREPORT
#include "axt/Transforms/Passes.h.inc"
} // namespace mlir::axt

using namespace mlir;
using namespace mlir::axt;

namespace {

constexpr BufferKind kKinds[] = {
    BufferKind::Parameter,       BufferKind::OptimizerState,
    BufferKind::Batch,           BufferKind::Gradient,
    BufferKind::SavedActivation, BufferKind::Temporary};

StringRef savedFormName(SavedForm form) {
  switch (form) {
  case SavedForm::Packed:
    return "packed";
  case SavedForm::Mask:
    return "masks";
  case SavedForm::Indices:
    return "positions";
  default:
    return "f32";
  }
}

/// Where a buffer comes from: its defining op, or the argument.
std::string describe(Value value) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (auto arg = dyn_cast<BlockArgument>(value))
    os << "argument " << arg.getArgNumber();
  else
    os << value.getDefiningOp()->getName();
  os << " " << value.getType();
  return text;
}

struct Summary {
  int64_t byKind[6] = {};
  int64_t bySaved[5] = {};
  int64_t total = 0; // every buffer, no reuse
  int64_t caller = 0; // arguments and returned values, the caller's
  // The step's own buffers (not arguments or results) in one arena.
  ArenaPlan arena;
  double planSeconds = 0;
};

Summary summarize(const MemoryModel &model) {
  Summary s;
  for (const BufferInfo &buffer : model.getBuffers()) {
    s.byKind[int(buffer.kind)] += buffer.bytes;
    s.bySaved[int(buffer.saved)] += buffer.bytes;
    s.total += buffer.bytes;
    if (buffer.external)
      s.caller += buffer.bytes;
  }
  const auto start = std::chrono::steady_clock::now();
  s.arena = model.planOwnBuffers();
  s.planSeconds = std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  return s;
}

struct AxtMemoryReportPass
    : axt::impl::AxtMemoryReportBase<AxtMemoryReportPass> {
  using AxtMemoryReportBase::AxtMemoryReportBase;

  void runOnOperation() override {
    if (batch < 1 || (format != "text" && format != "json")) {
      getOperation().emitError()
          << "axt-memory-report: batch (" << int64_t(batch)
          << ") must be positive and format (\"" << std::string(format)
          << "\") \"text\" or \"json\"";
      return signalPassFailure();
    }
    llvm::json::Array functions;
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.getBody().hasOneBlock())
        continue;
      MemoryModel model(func, batch);
      if (format == "json")
        functions.push_back(toJson(func, model));
      else
        printText(func, model, llvm::outs());
    }
    if (format == "json")
      llvm::outs() << llvm::formatv(
          "{0:2}\n", llvm::json::Value(llvm::json::Object{
                         {"batch", int64_t(batch)},
                         {"functions", std::move(functions)}}));
  }

  void printText(func::FuncOp func, const MemoryModel &model,
                 raw_ostream &os) const {
    Summary s = summarize(model);
    os << "memory of @" << func.getName() << " at batch " << batch
       << " (one buffer per value; stashes, unstashes and reshapes share "
          "their operand's)\n";
    for (BufferKind kind : kKinds)
      os << llvm::formatv("  {0,-18} {1,14} bytes\n", getBufferKindName(kind),
                          s.byKind[int(kind)]);
    os << llvm::formatv("    saved as f32 {0}, packed {1}, masks {2}, "
                        "positions {3}\n",
                        s.bySaved[int(SavedForm::Tensor)],
                        s.bySaved[int(SavedForm::Packed)],
                        s.bySaved[int(SavedForm::Mask)],
                        s.bySaved[int(SavedForm::Indices)]);
    os << llvm::formatv("  {0,-18} {1,14} bytes\n", "no reuse", s.total);
    Operation *peak = model.getOps()[size_t(model.getPeakIndex())];
    os << llvm::formatv("  {0,-18} {1,14} bytes at op {2} ({3})\n", "LOAD",
                        model.getLoad(), model.getPeakIndex(),
                        peak->getName());
    os << llvm::formatv("  {0,-18} {1,14} bytes planned in one arena for "
                        "LOAD {2} of the step's own buffers ({3:F3}x, best "
                        "fit by {4}, {5:F1} ms)\n",
                        "arena", s.arena.height, s.arena.load,
                        s.arena.load ? double(s.arena.height) / s.arena.load
                                     : 1.0,
                        s.arena.order, 1e3 * s.planSeconds);
    os << llvm::formatv("  {0,-18} {1,14} bytes: the arena and the caller's "
                        "{2} bytes (arguments and returned values)\n",
                        "planned peak", s.arena.height + s.caller, s.caller);
    os << "  live at the peak:\n";
    for (const BufferInfo *buffer : model.liveAt(model.getPeakIndex()))
      os << llvm::formatv("    {0,14} {1,-18} {2}\n", buffer->bytes,
                          getBufferKindName(buffer->kind),
                          describe(buffer->value));
  }

  llvm::json::Value toJson(func::FuncOp func, const MemoryModel &model) const {
    Summary s = summarize(model);
    llvm::json::Object kinds;
    for (BufferKind kind : kKinds)
      kinds[getBufferKindName(kind)] = s.byKind[int(kind)];
    llvm::json::Object saved;
    for (SavedForm form : {SavedForm::Tensor, SavedForm::Packed,
                           SavedForm::Mask, SavedForm::Indices})
      saved[savedFormName(form)] = s.bySaved[int(form)];
    llvm::json::Array live;
    for (const BufferInfo *buffer : model.liveAt(model.getPeakIndex()))
      live.push_back(llvm::json::Object{
          {"bytes", buffer->bytes},
          {"kind", getBufferKindName(buffer->kind)},
          {"value", describe(buffer->value)}});
    return llvm::json::Object{
        {"function", func.getName()},
        {"bytes", std::move(kinds)},
        {"saved", std::move(saved)},
        {"no_reuse", s.total},
        {"load", model.getLoad()},
        {"arena_height", s.arena.height},
        {"arena_load", s.arena.load},
        {"caller_bytes", s.caller},
        {"planned_peak", s.arena.height + s.caller},
        {"plan_seconds", s.planSeconds},
        {"peak_op", model.getPeakIndex()},
        {"peak_op_name", model.getOps()[size_t(model.getPeakIndex())]
                             ->getName()
                             .getStringRef()},
        {"live_at_peak", std::move(live)}};
  }
};

} // namespace
