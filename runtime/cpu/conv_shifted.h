// The direct convolution of planes as wide as each other (stride 1): every
// kernel place then reads the input plane shifted by a constant, so the
// kernel runs straight off the tensors, with no column matrix.
#ifndef AXTRT_CPU_CONV_SHIFTED_H
#define AXTRT_CPU_CONV_SHIFTED_H

#include <cstdint>

namespace axtrt {

// N samples of `channels` planes [rows, width], each plane contiguous
// (row-major), at the given sample and channel strides.
struct PlaneStack {
  float *data;
  int64_t sampleStride, channelStride, channels, rows;
};

// out[n, o, r, c] = sum over i, kh, kw of
//   weights[i*wInput + o*wOutput + kh*wRow + kw*wCol] *
//   in[n, i, r + rowBase + kh*rowStep, c + colBase + kw*colStep],
// where input positions outside [0, in.rows) x [0, width) read as zeros.
// The forward convolution with stride 1 and an output as wide as its input
// is this with rowBase = -padH, rowStep = dilationH (and the same for
// columns); its input gradient is the transposed sums (transposed below).
// in is only read.
struct ShiftedPlaneConv {
  PlaneStack in, out;
  int64_t samples, width;
  const float *weights;
  int64_t wInput, wOutput, wRow, wCol;
  int64_t kernelRows, kernelCols;
  int64_t rowBase, rowStep, colBase, colStep;
};

// The sums that take the gradient of c's output to the gradient of its
// input: in and out swapped, the weights read transposed and the kernel
// flipped (input (r, c) of c receives from output (r - rowBase -
// kh*rowStep, ...)).
inline ShiftedPlaneConv transposed(const ShiftedPlaneConv &c) {
  ShiftedPlaneConv t = c;
  t.in = c.out;
  t.out = c.in;
  t.wInput = c.wOutput;
  t.wOutput = c.wInput;
  t.rowBase = -c.rowBase;
  t.rowStep = -c.rowStep;
  t.colBase = -c.colBase;
  t.colStep = -c.colStep;
  return t;
}

// Whether runShiftedPlaneConv can run: this CPU has AVX-512F and the
// kernel is enabled.
bool shiftedPlaneConvAvailable();

// Enables or disables the kernel (it is enabled at start), so that tests
// can reach the im2col path on any CPU; returns the previous setting.
bool setShiftedPlaneConvEnabled(bool enable);

// Overwrites conv.out with the sums above, on kernelThreads() threads
// (each its own samples, so results do not depend on the thread count).
// Returns false, writing nothing, when the CPU lacks AVX-512F, scratch
// memory cannot be had, or a size is out of range (every size >= 1, a
// plane at most INT32_MAX elements). out must not overlap in or weights.
bool runShiftedPlaneConv(const ShiftedPlaneConv &conv);

// The gradient of those sums with respect to the weights, given conv.out
// holding the gradient of the output (conv.weights is not read):
// gradient[i*wInput + o*wOutput + kh*wRow + kw*wCol] = sum over n, r, c
// of out[n, o, r, c] * (the input that place reads for (r, c)). Overwrites
// it; one partial sum per thread, added in thread order. Works on a
// channels-last copy of each sample's input (with zero borders) and output
// gradient. False, writing nothing, in the cases runShiftedPlaneConv
// returns false.
bool runShiftedPlaneConvWeightGradient(const ShiftedPlaneConv &conv,
                                       float *gradient);

} // namespace axtrt

#endif // AXTRT_CPU_CONV_SHIFTED_H
