//===- mlp_reference.cpp - Independent MLP gradient reference -------------===//
//
// axt-mlp-reference: reads a step dump written by `axt-run --dump-step FILE`,
// recomputes the loss and the parameter gradients of the MLP in double
// precision with nothing but the C++ standard library, and compares them with
// the values the compiler produced.
//
// This program deliberately shares no code with the compiler or the runtime:
// it is the independent oracle for the integration tests.
//
// The dump format (v1) and its reader are in step_dump.h, shared with
// axt-op-reference.
//
// Model: h0 = input; z_l = h_l * w_l^T + b_l; h_{l+1} = relu(z_l) for every
// layer but the last; loss = mean_i (logsumexp(z_i) - z_i[label_i]).
//
// Exit status: 0 = all relative errors <= tol, 1 = some error > tol,
// 2 = bad usage or a malformed / inconsistent dump.
//
// The code uses no exceptions and no RTTI so it builds under LLVM's flags.
//
//===----------------------------------------------------------------------===//

#include "step_dump.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

using namespace axtref;

namespace {

const char *kProg = "axt-mlp-reference";

void usage(FILE *out) {
  std::fprintf(out,
               "usage: %s [--tol X] DUMP_FILE\n"
               "  Recomputes the MLP loss and gradients from a step dump\n"
               "  (axt-run --dump-step) in double precision and compares.\n"
               "  --tol X   max allowed relative error (default 1e-5)\n"
               "  exit: 0 pass, 1 fail, 2 bad usage or malformed dump\n",
               kProg);
}

struct Layer {
  int64_t in = 0, out = 0;
  const Tensor *w = nullptr, *b = nullptr;
};

} // namespace

int main(int argc, char **argv) {
  setProgramName(kProg);
  double tol = 1e-5;
  std::string file;
  for (int a = 1; a < argc; ++a) {
    std::string arg = argv[a];
    std::string tolStr;
    bool isTol = false;
    if (arg == "--tol" || arg == "-tol") {
      if (a + 1 >= argc) {
        std::fprintf(stderr, "%s: error: --tol needs a value\n", kProg);
        usage(stderr);
        return 2;
      }
      tolStr = argv[++a];
      isTol = true;
    } else if (arg.compare(0, 6, "--tol=") == 0) {
      tolStr = arg.substr(6);
      isTol = true;
    } else if (arg == "-h" || arg == "--help") {
      usage(stdout);
      return 0;
    } else if (arg.size() > 1 && arg[0] == '-') {
      std::fprintf(stderr, "%s: error: unknown option %s\n", kProg,
                   quote(arg).c_str());
      usage(stderr);
      return 2;
    } else {
      if (!file.empty()) {
        std::fprintf(stderr, "%s: error: more than one input file given\n",
                     kProg);
        usage(stderr);
        return 2;
      }
      file = arg;
    }
    if (isTol) {
      if (!parseDouble(tolStr, tol) || !std::isfinite(tol) || tol <= 0) {
        std::fprintf(stderr,
                     "%s: error: --tol expects a positive number, got %s\n",
                     kProg, quote(tolStr).c_str());
        return 2;
      }
    }
  }
  if (file.empty()) {
    std::fprintf(stderr, "%s: error: no dump file given\n", kProg);
    usage(stderr);
    return 2;
  }

  // ---- Read and validate the dump ---------------------------------------
  StepDump D = loadStepDump(file);
  const Tensor &input = *D.input;
  const Tensor &labels = *D.labels;
  const int64_t K = static_cast<int64_t>(D.params.size());
  if (K % 2 != 0)
    fail(file, D.params.back()->line,
         "odd number of parameters (" + std::to_string(K) +
             "); expected weight/bias pairs");
  if (input.dims.size() != 2)
    fail(file, input.line,
         "tensor 'input' must have rank 2 [N, in], got " + input.shapeStr());
  const int64_t N = input.dims[0];
  if (labels.dims[0] != N)
    fail(file, labels.line,
         "tensor 'labels' must have shape [" + std::to_string(N) +
             "] to match 'input' " + input.shapeStr() + ", got " +
             labels.shapeStr());

  const int64_t L = K / 2;
  std::vector<Layer> layers(L);
  int64_t width = input.dims[1];
  for (int64_t l = 0; l < L; ++l) {
    const Tensor &w = *D.params[2 * l];
    const Tensor &b = *D.params[2 * l + 1];
    if (w.dims.size() != 2)
      fail(file, w.line,
           "weight '" + w.name + "' of layer " + std::to_string(l) +
               " must have rank 2 [out, in], got " + w.shapeStr());
    if (w.dims[1] != width)
      fail(file, w.line,
           "weight '" + w.name + "' " + w.shapeStr() + " of layer " +
               std::to_string(l) +
               " does not chain: expected in=" + std::to_string(width) +
               (l == 0 ? " (input features)"
                       : " (out of layer " + std::to_string(l - 1) + ")"));
    if (b.dims.size() != 1 || b.dims[0] != w.dims[0])
      fail(file, b.line,
           "bias '" + b.name + "' of layer " + std::to_string(l) +
               " must have shape [" + std::to_string(w.dims[0]) + "], got " +
               b.shapeStr());
    layers[l].in = width;
    layers[l].out = w.dims[0];
    layers[l].w = &w;
    layers[l].b = &b;
    width = w.dims[0];
  }
  const int64_t C = width; // number of classes
  // Guard against work sizes that would overflow or take forever.
  {
    double flops = 0;
    for (const Layer &ly : layers)
      flops += double(N) * double(ly.in) * double(ly.out);
    if (flops > 1e12)
      fail(file, 0, "model too large for the reference (>1e12 MACs)");
  }
  checkLabelRange(D, C);

  // ---- Forward (double precision) --------------------------------------
  // acts[l] = h_l (N x in_l); pre[l] = z_l (N x out_l).
  std::vector<std::vector<double>> acts(L + 1), pre(L);
  acts[0] = input.f;
  for (int64_t l = 0; l < L; ++l) {
    const Layer &ly = layers[l];
    const std::vector<double> &h = acts[l];
    const std::vector<double> &W = ly.w->f;
    const std::vector<double> &B = ly.b->f;
    std::vector<double> z(static_cast<size_t>(N * ly.out));
    for (int64_t n = 0; n < N; ++n) {
      const double *hr = &h[n * ly.in];
      for (int64_t o = 0; o < ly.out; ++o) {
        const double *wr = &W[o * ly.in];
        double s = 0;
        for (int64_t i = 0; i < ly.in; ++i)
          s += hr[i] * wr[i];
        z[n * ly.out + o] = s + B[o];
      }
    }
    if (l + 1 < L) {
      std::vector<double> a(z.size());
      for (size_t j = 0; j < z.size(); ++j)
        a[j] = z[j] > 0 ? z[j] : 0.0;
      acts[l + 1] = std::move(a);
    }
    pre[l] = std::move(z);
  }

  // Loss and dLoss/dlogits = (softmax - onehot) / N.
  std::vector<double> dz;
  const double lossRef = softmaxCrossEntropy(pre[L - 1], labels.i, N, C, dz);

  // ---- Backward ---------------------------------------------------------
  std::vector<std::vector<double>> refGrad(K);
  for (int64_t l = L - 1; l >= 0; --l) {
    const Layer &ly = layers[l];
    const std::vector<double> &h = acts[l];
    std::vector<double> dW(static_cast<size_t>(ly.out * ly.in), 0.0);
    std::vector<double> dB(static_cast<size_t>(ly.out), 0.0);
    for (int64_t n = 0; n < N; ++n) {
      const double *hr = &h[n * ly.in];
      for (int64_t o = 0; o < ly.out; ++o) {
        double g = dz[n * ly.out + o];
        dB[o] += g;
        if (g == 0)
          continue;
        double *wr = &dW[o * ly.in];
        for (int64_t i = 0; i < ly.in; ++i)
          wr[i] += g * hr[i];
      }
    }
    if (l > 0) {
      // dh = dz * W, then through relu of z_{l-1} (derivative 0 at 0).
      const std::vector<double> &W = ly.w->f;
      const std::vector<double> &zPrev = pre[l - 1];
      std::vector<double> dPrev(static_cast<size_t>(N * ly.in), 0.0);
      for (int64_t n = 0; n < N; ++n) {
        double *dr = &dPrev[n * ly.in];
        for (int64_t o = 0; o < ly.out; ++o) {
          double g = dz[n * ly.out + o];
          if (g == 0)
            continue;
          const double *wr = &W[o * ly.in];
          for (int64_t i = 0; i < ly.in; ++i)
            dr[i] += g * wr[i];
        }
        for (int64_t i = 0; i < ly.in; ++i)
          if (!(zPrev[n * ly.in + i] > 0))
            dr[i] = 0;
      }
      dz = std::move(dPrev);
    }
    refGrad[2 * l] = std::move(dW);
    refGrad[2 * l + 1] = std::move(dB);
  }
  checkReferenceFinite(D, lossRef, refGrad);

  // ---- Compare -------------------------------------------------------------
  std::printf("model: N=%lld layers=", static_cast<long long>(N));
  std::printf("%lld", static_cast<long long>(layers[0].in));
  for (const Layer &ly : layers)
    std::printf("-%lld", static_cast<long long>(ly.out));
  std::printf("\n");
  return compareWithReference(D, lossRef, refGrad, tol);
}
