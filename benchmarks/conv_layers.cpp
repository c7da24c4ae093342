// Times ResNet-8's convolution layers in AXT's runtime, each operation
// through im2col and a GEMM, through the entry point as compiled models
// call it, and, where it applies (stride 1, an output as wide as the
// input), through the direct kernel (runtime/cpu/conv_shifted.h) itself;
// the three alternated so that machine drift affects them alike.
// benchmarks/conv_layers.py runs it next to PyTorch.
//
//   axt-conv-layer-bench [--batch N] [--threads T] [--repeats R]
//
// Prints one line per layer and operation:
//   layer=NAME shape=CtoF,HxW,kK,sS,pP op=forward|input_grad|filter_grad
//   im2col_ms=X axt_ms=Y direct_ms=Z
// (direct_ms=- where the direct kernel does not apply), each the median of
// R repeats of the mean over 20 calls, after a repeat of warm-up.
#include "axtrt/blas.h"
#include "axtrt/conv.h"
#include "axtrt/matmul.h" // axtrt_set_num_threads

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "conv_shifted.h"

namespace {

struct Layer {
  const char *name;
  int64_t C, H, F, K, stride, pad;
  int64_t out() const { return (H + 2 * pad - K) / stride + 1; }
};

// ResNet-8 (examples/resnet8.mlir): each distinct convolution once.
const Layer kLayers[] = {
    {"conv1", 1, 28, 16, 3, 1, 1},      {"block1", 16, 28, 16, 3, 1, 1},
    {"block2a", 16, 28, 32, 3, 2, 1},   {"block2b", 32, 14, 32, 3, 1, 1},
    {"shortcut2", 16, 28, 32, 1, 2, 0}, {"block3a", 32, 14, 64, 3, 2, 1},
    {"block3b", 64, 7, 64, 3, 1, 1},    {"shortcut3", 32, 14, 64, 1, 2, 0},
};

// A contiguous NCHW tensor of random values with its descriptor.
struct Tensor {
  std::vector<float> data;
  axtrt_memref4d_f32 desc;
  Tensor(int64_t a, int64_t b, int64_t c, int64_t d, std::mt19937 &rng)
      : data(size_t(a * b * c * d)) {
    std::normal_distribution<float> normal;
    for (float &x : data)
      x = normal(rng);
    desc.allocated = desc.aligned = data.data();
    desc.offset = 0;
    const int64_t sizes[4] = {a, b, c, d};
    for (int i = 0; i < 4; ++i)
      desc.sizes[i] = sizes[i];
    desc.strides[3] = 1;
    desc.strides[2] = d;
    desc.strides[1] = c * d;
    desc.strides[0] = b * c * d;
  }
};

// A way to run one operation: the call, and whether the direct kernel is
// switched on for it (the entry points take it where it applies and pays).
struct Variant {
  std::function<void()> call;
  bool directEnabled;
};

// The median over `repeats` of the mean time of 20 calls, in ms, of each
// variant, the variants alternated; a repeat of warm-up first.
std::vector<double> timeVariants(const std::vector<Variant> &variants,
                                 int repeats) {
  std::vector<std::vector<double>> means(variants.size());
  for (int r = -1; r < repeats; ++r)
    for (size_t v = 0; v < variants.size(); ++v) {
      axtrt::setShiftedPlaneConvEnabled(variants[v].directEnabled);
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < 20; ++i)
        variants[v].call();
      const std::chrono::duration<double, std::milli> took =
          std::chrono::steady_clock::now() - start;
      if (r >= 0)
        means[v].push_back(took.count() / 20);
    }
  axtrt::setShiftedPlaneConvEnabled(true);
  std::vector<double> medians;
  for (std::vector<double> &m : means) {
    std::sort(m.begin(), m.end());
    medians.push_back(m[m.size() / 2]);
  }
  return medians;
}

// The forward convolution of a stride-1, same-width layer as the direct
// kernel's sums (x and y contiguous).
axtrt::ShiftedPlaneConv directForward(const Layer &l, int64_t N, Tensor &x,
                                      Tensor &w, Tensor &y) {
  axtrt::ShiftedPlaneConv c;
  const int64_t plane = l.H * l.H;
  c.in = {x.data.data(), l.C * plane, plane, l.C, l.H};
  c.out = {y.data.data(), l.F * plane, plane, l.F, l.H};
  c.samples = N;
  c.width = l.H;
  c.weights = w.data.data();
  c.wOutput = l.C * l.K * l.K;
  c.wInput = l.K * l.K;
  c.wRow = l.K;
  c.wCol = 1;
  c.kernelRows = c.kernelCols = l.K;
  c.rowBase = c.colBase = -l.pad;
  c.rowStep = c.colStep = 1;
  return c;
}

[[noreturn]] void usage(const char *message) {
  std::fprintf(stderr,
               "axt-conv-layer-bench: %s\nusage: axt-conv-layer-bench "
               "[--batch N] [--threads T] [--repeats R]\n",
               message);
  std::exit(2);
}

} // namespace

int main(int argc, char **argv) {
  int64_t batch = 64;
  int threads = 2, repeats = 7;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc)
      usage(("missing value after " + arg).c_str());
    char *end = nullptr;
    const long value = std::strtol(argv[++i], &end, 10);
    if (*end != '\0' || value < 1 || value > 4096)
      usage(("bad value for " + arg + ": " + argv[i]).c_str());
    if (arg == "--batch")
      batch = value;
    else if (arg == "--threads")
      threads = int(value);
    else if (arg == "--repeats")
      repeats = int(value);
    else
      usage(("unknown option " + arg).c_str());
  }
  axtrt_set_num_threads(threads);
  const bool direct = axtrt::shiftedPlaneConvAvailable();
  std::printf("# batch=%lld threads=%d repeats=%d direct_kernel=%s "
              "blas=%s\n",
              static_cast<long long>(batch), threads, repeats,
              direct ? "avx512f" : "unavailable", axtrt_blas_kernels());
  std::mt19937 rng(1);
  for (const Layer &l : kLayers) {
    const int64_t O = l.out();
    Tensor x(batch, l.C, l.H, l.H, rng), w(l.F, l.C, l.K, l.K, rng),
        y(batch, l.F, O, O, rng), dx(batch, l.C, l.H, l.H, rng),
        dw(l.F, l.C, l.K, l.K, rng), dy(batch, l.F, O, O, rng);
    const int64_t s = l.stride, p = l.pad;
    const std::function<void()> viaEntryPoint[3] = {
        [&] {
          _mlir_ciface_axtrt_conv2d_forward_f32(&x.desc, &w.desc, &y.desc, s, s,
                                                p, p, 1, 1);
        },
        [&] {
          _mlir_ciface_axtrt_conv2d_backward_input_f32(
              &dy.desc, &w.desc, &dx.desc, s, s, p, p, 1, 1);
        },
        [&] {
          _mlir_ciface_axtrt_conv2d_backward_filter_f32(
              &x.desc, &dy.desc, &dw.desc, s, s, p, p, 1, 1);
        }};
    const bool applies = direct && l.stride == 1 && O == l.H;
    axtrt::ShiftedPlaneConv forward, input, filter;
    if (applies) {
      forward = directForward(l, batch, x, w, y);
      input = axtrt::transposed(directForward(l, batch, dx, w, dy));
      filter = directForward(l, batch, x, w, dy);
    }
    const std::function<void()> viaDirect[3] = {
        [&] { axtrt::runShiftedPlaneConv(forward); },
        [&] { axtrt::runShiftedPlaneConv(input); },
        [&] {
          axtrt::runShiftedPlaneConvWeightGradient(filter, dw.data.data());
        }};
    const char *ops[3] = {"forward", "input_grad", "filter_grad"};
    for (int op = 0; op < 3; ++op) {
      // im2col (the entry point with the direct kernel off), the entry
      // point as the compiled models call it, and the direct kernel.
      std::vector<Variant> variants = {{viaEntryPoint[op], false},
                                       {viaEntryPoint[op], true}};
      if (applies)
        variants.push_back({viaDirect[op], true});
      const std::vector<double> ms = timeVariants(variants, repeats);
      std::printf("layer=%s shape=%lldto%lld,%lldx%lld,k%lld,s%lld,p%lld "
                  "op=%s im2col_ms=%.3f axt_ms=%.3f",
                  l.name, static_cast<long long>(l.C),
                  static_cast<long long>(l.F), static_cast<long long>(l.H),
                  static_cast<long long>(l.H), static_cast<long long>(l.K),
                  static_cast<long long>(l.stride),
                  static_cast<long long>(l.pad), ops[op], ms[0], ms[1]);
      if (applies)
        std::printf(" direct_ms=%.3f\n", ms[2]);
      else
        std::printf(" direct_ms=-\n");
      std::fflush(stdout);
    }
  }
  return 0;
}
