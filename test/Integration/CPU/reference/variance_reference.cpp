//===- variance_reference.cpp - weight-gradient variance at low bits ------===//
//
// axt-variance-reference: reads a step dump of a one-layer softmax
// regression (param0 = W [C, F], param1 = b [C]) written by
// `axt-run --dump-step FILE --gradient-draws K` with the batch input kept as
// B-bit codes (axt-compress-activations), and checks the measured mean and
// variance of the weight gradient over the K draws against ActNN's model:
//
//   dW = dZ^T X^, X^ = X + e, e independent per element with E[e] = 0 and
//   Var[e] = step_g^2 f (1 - f), f the fractional part of (x - lo_g)/step_g,
//   so Var[dW_oi] = sum_n dZ_no^2 step_g(n,i)^2 f_ni (1 - f_ni),
//
// with dZ = (softmax(Z) - onehot) / N from the exact forward pass (BLPA: the
// forward runs exactly) and lo_g, step_g the group's parameters as
// runtime/include/axtrt/quantize.h specifies them (f16, rounded down and
// up), recomputed here from the input.
//
// Checks: per output row o, sum_i Var[dW_oi] measured vs predicted within
// --tol (relative); and unbiasedness: T = sum (mean - dW)^2 / sum Var/K,
// whose expectation is 1 for an unbiased estimator, within [0.75, 1.25].
//
// Shares no code with the compiler or the runtime (only step_dump.h).
// Exit status: 0 pass, 1 fail, 2 bad usage or a malformed dump.
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

const char *kProg = "axt-variance-reference";

int usage() {
  std::fprintf(stderr,
               "usage: %s --bits B [--group G] [--tol X] DUMP_FILE\n"
               "  Compares the weight-gradient mean and variance over the\n"
               "  draws of a dump (axt-run --gradient-draws) with the\n"
               "  variance of B-bit stochastic rounding of the input.\n",
               kProg);
  return 2;
}

// The spacing of f16 values around a > 0 (subnormal spacing below 2^-14).
double halfSpacing(double a) {
  int e = 0;
  std::frexp(a, &e); // a = m 2^e, m in [0.5, 1): leading bit 2^(e-1)
  return std::ldexp(1.0, std::max(e - 1, -14) - 10);
}

double halfDown(double v) {
  if (v == 0)
    return 0;
  const double q = halfSpacing(std::fabs(v));
  return std::floor(v / q) * q;
}

double halfUp(double v) {
  if (v == 0)
    return 0;
  const double q = halfSpacing(std::fabs(v));
  return std::ceil(v / q) * q;
}

} // namespace

int main(int argc, char **argv) {
  setProgramName(kProg);
  int64_t bits = 0, group = 256;
  double tol = 0.1;
  std::string file;
  for (int a = 1; a < argc; ++a) {
    std::string arg = argv[a];
    bool ok = true;
    if (arg == "--bits" && a + 1 < argc)
      ok = parseInt64(argv[++a], bits) && bits >= 1 && bits <= 8;
    else if (arg == "--group" && a + 1 < argc)
      ok = parseInt64(argv[++a], group) && group >= 1;
    else if (arg == "--tol" && a + 1 < argc)
      ok = parseDouble(argv[++a], tol) && tol > 0;
    else if (!arg.empty() && arg[0] != '-' && file.empty())
      file = arg;
    else
      ok = false;
    if (!ok) {
      std::fprintf(stderr, "%s: error: bad argument %s\n", kProg,
                   quote(arg).c_str());
      return usage();
    }
  }
  if (file.empty() || bits == 0)
    return usage();

  StepDump D = loadStepDump(file);
  const Tensor &X = *D.input;
  if (D.params.size() != 2 || D.params[0]->dims.size() != 2 ||
      X.dims.size() != 2 || D.params[0]->dims[1] != X.dims[1])
    fail(file, 0, "expected a softmax regression: param0 [C, F], param1 [C] "
                  "and input [N, F]");
  auto need = [&](const std::string &name) -> const Tensor & {
    auto it = D.tensors.find(name);
    if (it == D.tensors.end())
      fail(file, 0, "missing tensor '" + name + "' (axt-run --gradient-draws)");
    return it->second;
  };
  const Tensor &draws = need("draws");
  const Tensor &mean = need("drawmean0");
  const Tensor &var = need("drawvar0");
  const std::vector<double> &W = D.params[0]->f, &b = D.params[1]->f;
  const int64_t C = D.params[0]->dims[0], F = X.dims[1], N = X.dims[0];
  const double K = draws.i.empty() ? 0 : draws.i[0];
  if (K < 2 || mean.dims != D.params[0]->dims || var.dims != mean.dims)
    fail(file, draws.line, "draws must be at least 2, drawmean0 and "
                           "drawvar0 shaped as param0");
  checkLabelRange(D, C);

  // Exact forward and loss gradient.
  std::vector<double> z(size_t(N * C));
  for (int64_t n = 0; n < N; ++n)
    for (int64_t o = 0; o < C; ++o) {
      double s = b[size_t(o)];
      for (int64_t i = 0; i < F; ++i)
        s += X.f[size_t(n * F + i)] * W[size_t(o * F + i)];
      z[size_t(n * C + o)] = s;
    }
  std::vector<double> dz;
  softmaxCrossEntropy(z, D.labels->i, N, C, dz);

  // Per-element rounding variance of the input, group by group (flat).
  const double maxCode = double((int64_t(1) << bits) - 1);
  std::vector<double> sigma2(X.f.size(), 0.0);
  for (int64_t start = 0; start < N * F; start += group) {
    const int64_t end = std::min(N * F, start + group);
    double mn = X.f[size_t(start)], mx = mn;
    for (int64_t j = start; j < end; ++j) {
      mn = std::min(mn, X.f[size_t(j)]);
      mx = std::max(mx, X.f[size_t(j)]);
    }
    if (mx == mn)
      continue;
    const double lo = halfDown(mn);
    double step = halfUp((mx - lo) / maxCode);
    while (lo + maxCode * step < mx)
      step += halfSpacing(step);
    for (int64_t j = start; j < end; ++j) {
      const double v = (X.f[size_t(j)] - lo) / step;
      const double f = v - std::floor(v);
      sigma2[size_t(j)] = step * step * f * (1 - f);
    }
  }

  bool pass = true;
  double biasSum = 0, varSum = 0;
  for (int64_t o = 0; o < C; ++o) {
    double predicted = 0, measured = 0;
    for (int64_t i = 0; i < F; ++i) {
      double exact = 0, v = 0;
      for (int64_t n = 0; n < N; ++n) {
        const double g = dz[size_t(n * C + o)];
        exact += g * X.f[size_t(n * F + i)];
        v += g * g * sigma2[size_t(n * F + i)];
      }
      predicted += v;
      measured += var.f[size_t(o * F + i)];
      const double d = mean.f[size_t(o * F + i)] - exact;
      biasSum += d * d;
      varSum += v / K;
    }
    const double rel = std::fabs(measured - predicted) / predicted;
    pass = pass && rel <= tol;
    std::printf("row %lld: variance measured %.4e predicted %.4e rel_err "
                "%.3f\n",
                (long long)o, measured, predicted, rel);
  }
  const double T = biasSum / varSum;
  const bool unbiased = T >= 0.75 && T <= 1.25;
  std::printf("unbiasedness: sum (mean - exact)^2 / sum Var/K = %.3f "
              "(%.0f draws)\n",
              T, K);
  pass = pass && unbiased;
  std::printf("variance check: %s (tol %.2f)\n", pass ? "PASS" : "FAIL", tol);
  return pass ? 0 : 1;
}
