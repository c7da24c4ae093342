/* 2-D convolution called from JIT-compiled MLIR code. */
#ifndef AXTRT_CONV_H
#define AXTRT_CONV_H

#include <stdint.h>

#include "axtrt/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Same layout as MLIR's descriptor for memref<?x?x?x?xf32>
   (StridedMemRefType<float, 4>): element (i, j, k, l) is
   aligned[offset + i*strides[0] + j*strides[1] + k*strides[2] + l*strides[3]].
 */
typedef struct axtrt_memref4d_f32 {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[4];
  int64_t strides[4];
} axtrt_memref4d_f32;

/* y[n,f,oh,ow] += sum over c,kh,kw of
                   x[n, c, oh*stride_h + kh*dilation_h, ow*stride_w +
   kw*dilation_w]
                   * w[f, c, kh, kw]
   through MLIR's C interface (llvm.emit_c_interface).
   x: [N,C,H,W], w: [F,C,KH,KW], y: [N,F,OH,OW], all sizes taken from the
   descriptors. No padding (the compiler pads x) and one group. Accumulates
   into y. Any strides work; contiguous NCHW is the fast path. Sizes may be 0.
   Requires H >= (OH-1)*stride_h + (KH-1)*dilation_h + 1 and likewise for W;
   if that, or the agreement of N, C and F between the operands, does not
   hold, or a stride or dilation is < 1, y is left untouched. y must not
   overlap x, w or itself.
   Runs on axtrt_get_num_threads() threads: big convolutions are split over
   threads of the runtime's own, each calling BLAS single-threaded. */
AXTRT_API void _mlir_ciface_axtrt_conv2d_nchw_fchw_f32(
    axtrt_memref4d_f32 *x, axtrt_memref4d_f32 *w, axtrt_memref4d_f32 *y,
    int64_t stride_h, int64_t stride_w, int64_t dilation_h, int64_t dilation_w);

/* y = conv2d(x, w) with zero padding (pad_h, pad_w) on each side, strides
   and dilations, one group, and its gradients given dy = dL/dy
   [N,F,OH,OW]; input position (oh*stride_h - pad_h + kh*dilation_h,
   ow*stride_w - pad_w + kw*dilation_w) feeds output (oh, ow) through kernel
   place (kh, kw), and positions outside x count as zeros.

   forward writes (overwrites) y [N,F,OH,OW]:
     y[n,f,oh,ow] = sum over c, kh, kw of x[n, c, input position] *
                    w[f,c,kh,kw];
   backward_input writes (overwrites) dx [N,C,H,W]:
     dx[n,c,h,w] = sum of dy[n,f,oh,ow] * w[f,c,kh,kw] over the (f, oh, ow,
                   kh, kw) whose input position is (h, w);
   backward_filter writes (overwrites) dw [F,C,KH,KW]:
     dw[f,c,kh,kw] = sum over n, oh, ow of dy[n,f,oh,ow] * x[n, c, input
                     position of (oh, ow, kh, kw)].
   All three work a sample at a time, per sample as im2col plus one GEMM
   (y, dw) or one GEMM plus col2im (dx), without the padded, zero-spread or
   transposed copies a convolution formulation needs (the padding is read
   as zeros, never stored), and split the samples over
   axtrt_get_num_threads() threads (dw: one partial sum per thread, added
   in thread order, so a given thread count gives the same result every
   run). With stride 1, an output as wide as the input, contiguous planes
   and at least 8 channels on either side, on a CPU with AVX-512F, a direct
   kernel replaces im2col and the GEMM: each kernel place reads the input
   plane shifted. Any strides
   work. If the sizes of the operands disagree, a stride or dilation is < 1 or a
   padding < 0, the output is left untouched. The output must not overlap the
   inputs. */
AXTRT_API void _mlir_ciface_axtrt_conv2d_forward_f32(
    axtrt_memref4d_f32 *x, axtrt_memref4d_f32 *w, axtrt_memref4d_f32 *y,
    int64_t stride_h, int64_t stride_w, int64_t pad_h, int64_t pad_w,
    int64_t dilation_h, int64_t dilation_w);
AXTRT_API void _mlir_ciface_axtrt_conv2d_backward_input_f32(
    axtrt_memref4d_f32 *dy, axtrt_memref4d_f32 *w, axtrt_memref4d_f32 *dx,
    int64_t stride_h, int64_t stride_w, int64_t pad_h, int64_t pad_w,
    int64_t dilation_h, int64_t dilation_w);
AXTRT_API void _mlir_ciface_axtrt_conv2d_backward_filter_f32(
    axtrt_memref4d_f32 *x, axtrt_memref4d_f32 *dy, axtrt_memref4d_f32 *dw,
    int64_t stride_h, int64_t stride_w, int64_t pad_h, int64_t pad_w,
    int64_t dilation_h, int64_t dilation_w);

#ifdef __cplusplus
}
#endif

#endif /* AXTRT_CONV_H */
