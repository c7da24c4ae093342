//===- Philox.cpp - counter-based random numbers in IR --------------------===//
#include "Philox.h"

#include "axtrt/philox.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::axt;

namespace {

/// Builds 32-bit integer arithmetic at one location.
struct WordBuilder {
  OpBuilder &b;
  Location loc;

  Value constant(uint64_t value, unsigned width = 32) {
    return arith::ConstantOp::create(
        b, loc, b.getIntegerAttr(b.getIntegerType(width), value));
  }
  Value low(Value v64) {
    return arith::TruncIOp::create(b, loc, b.getI32Type(), v64);
  }
  Value high(Value v64) {
    return low(arith::ShRUIOp::create(b, loc, v64, constant(32, 64)));
  }
  Value xorOf(Value x, Value y, Value z) {
    return arith::XOrIOp::create(b, loc,
                                 arith::XOrIOp::create(b, loc, x, y), z);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
};

} // namespace

Value lowering::buildRandomUniform(OpBuilder &b, Location loc, Value seed,
                                   uint64_t stream, Value index) {
  WordBuilder w{b, loc};
  Value block = arith::ShRUIOp::create(b, loc, index, w.constant(2, 64));
  Value word = w.low(arith::AndIOp::create(b, loc, index, w.constant(3, 64)));
  Value c[4] = {w.low(block), w.high(block), w.constant(stream & 0xffffffffu),
                w.constant(stream >> 32)};
  Value k0 = w.low(seed), k1 = w.high(seed);
  Value m0 = w.constant(AXTRT_PHILOX_M0), m1 = w.constant(AXTRT_PHILOX_M1);
  Value w0 = w.constant(AXTRT_PHILOX_W0), w1 = w.constant(AXTRT_PHILOX_W1);
  for (int round = 0; round < AXTRT_PHILOX_ROUNDS; ++round) {
    auto p0 = arith::MulUIExtendedOp::create(b, loc, m0, c[0]);
    auto p1 = arith::MulUIExtendedOp::create(b, loc, m1, c[2]);
    Value n0 = w.xorOf(p1.getHigh(), c[1], k0);
    Value n2 = w.xorOf(p0.getHigh(), c[3], k1);
    c[0] = n0;
    c[1] = p1.getLow();
    c[2] = n2;
    c[3] = p0.getLow();
    k0 = w.add(k0, w0);
    k1 = w.add(k1, w1);
  }
  // Word `index % 4` of the block.
  Value selected = c[3];
  for (int i = 2; i >= 0; --i) {
    Value isWord = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                         word, w.constant(i));
    selected = arith::SelectOp::create(b, loc, isWord, c[i], selected);
  }
  // The top 24 bits, exactly representable in f32, times 2^-24.
  Value top = arith::ShRUIOp::create(b, loc, selected, w.constant(8));
  Value asFloat = arith::UIToFPOp::create(b, loc, b.getF32Type(), top);
  Value scale = arith::ConstantOp::create(b, loc,
                                          b.getF32FloatAttr(1.0f / 16777216.0f));
  return arith::MulFOp::create(b, loc, asFloat, scale);
}
