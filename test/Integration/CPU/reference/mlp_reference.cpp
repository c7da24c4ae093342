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
// Dump format (v1):
//
//   # axt step dump v1
//   tensor <name> <dtype> <rank> <d0> <d1> ...
//   <values, whitespace separated, product(dims) of them (1 for rank 0)>
//   ...
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

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

const char *kProg = "axt-mlp-reference";

// Refuse absurd element counts before allocating anything (2^31 elements).
const uint64_t kMaxElements = uint64_t(1) << 31;

enum class DType { F32, I32 };

struct Tensor {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> dims;
  std::vector<double> f;   // f32 values, widened
  std::vector<int32_t> i;  // i32 values
  int line = 0;            // line of the `tensor` header
  uint64_t count = 1;

  std::string shapeStr() const {
    if (dims.empty())
      return "[]";
    std::string s = "[";
    for (size_t k = 0; k < dims.size(); ++k) {
      if (k)
        s += "x";
      s += std::to_string(dims[k]);
    }
    return s + "]";
  }
};

// Every diagnostic that ends the program with status 2 goes through here.
[[noreturn]] void fail(const std::string &file, int line,
                       const std::string &msg) {
  if (line > 0)
    std::fprintf(stderr, "%s: error: %s:%d: %s\n", kProg, file.c_str(), line,
                 msg.c_str());
  else
    std::fprintf(stderr, "%s: error: %s: %s\n", kProg, file.c_str(),
                 msg.c_str());
  std::exit(2);
}

void usage(FILE *out) {
  std::fprintf(out,
               "usage: %s [--tol X] DUMP_FILE\n"
               "  Recomputes the MLP loss and gradients from a step dump\n"
               "  (axt-run --dump-step) in double precision and compares.\n"
               "  --tol X   max allowed relative error (default 1e-5)\n"
               "  exit: 0 pass, 1 fail, 2 bad usage or malformed dump\n",
               kProg);
}

std::vector<std::string> splitWs(const std::string &line) {
  std::vector<std::string> toks;
  size_t p = 0, n = line.size();
  while (p < n) {
    while (p < n && (line[p] == ' ' || line[p] == '\t' || line[p] == '\r' ||
                     line[p] == '\v' || line[p] == '\f'))
      ++p;
    if (p >= n)
      break;
    size_t q = p;
    while (q < n && !(line[q] == ' ' || line[q] == '\t' || line[q] == '\r' ||
                      line[q] == '\v' || line[q] == '\f'))
      ++q;
    toks.push_back(line.substr(p, q - p));
    p = q;
  }
  return toks;
}

bool parseInt64(const std::string &s, int64_t &out) {
  if (s.empty())
    return false;
  errno = 0;
  char *end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno != 0 || end == s.c_str() || *end != '\0')
    return false;
  out = v;
  return true;
}

bool parseDouble(const std::string &s, double &out) {
  if (s.empty())
    return false;
  errno = 0;
  char *end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0')
    return false;
  // ERANGE on underflow is harmless (denormals / zero); overflow gives inf,
  // which the finiteness check below reports.
  out = v;
  return true;
}

std::string quote(const std::string &s) {
  std::string q = "'";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 32 || u >= 127) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      q += buf;
    } else {
      q += c;
    }
    if (q.size() > 60) {
      q += "...";
      break;
    }
  }
  return q + "'";
}

bool validName(const std::string &s) {
  if (s.empty() || s.size() > 128)
    return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok)
      return false;
  }
  return true;
}

// Reads the whole dump. Aborts with status 2 on any syntax problem.
std::map<std::string, Tensor> readDump(const std::string &file) {
  std::ifstream in(file, std::ios::in | std::ios::binary);
  if (!in)
    fail(file, 0, std::string("cannot open file: ") + std::strerror(errno));

  std::map<std::string, Tensor> tensors;
  Tensor cur;
  bool inValues = false; // reading values of `cur`
  uint64_t got = 0;
  int lineNo = 0;
  std::string line;

  auto finish = [&](int atLine) {
    if (got != cur.count)
      fail(file, atLine,
           "tensor '" + cur.name + "' (declared at line " +
               std::to_string(cur.line) + ") has " + std::to_string(got) +
               " value(s), expected " + std::to_string(cur.count));
    std::string name = cur.name;
    tensors[name] = std::move(cur);
    cur = Tensor();
    inValues = false;
    got = 0;
  };

  bool sawAnyLine = false;
  while (std::getline(in, line)) {
    ++lineNo;
    sawAnyLine = true;
    if (line.find('\0') != std::string::npos)
      fail(file, lineNo, "binary data (NUL byte) in text dump");
    std::vector<std::string> toks = splitWs(line);
    if (toks.empty() || toks[0][0] == '#')
      continue;

    if (toks[0] == "tensor") {
      if (inValues)
        finish(lineNo);
      if (toks.size() < 4)
        fail(file, lineNo,
             "malformed tensor header, expected "
             "'tensor <name> <dtype> <rank> <dims...>'");
      Tensor t;
      t.line = lineNo;
      t.name = toks[1];
      if (!validName(t.name))
        fail(file, lineNo, "invalid tensor name " + quote(t.name));
      if (tensors.count(t.name))
        fail(file, lineNo,
             "duplicate tensor '" + t.name + "' (first declared at line " +
                 std::to_string(tensors[t.name].line) + ")");
      if (toks[2] == "f32")
        t.dtype = DType::F32;
      else if (toks[2] == "i32")
        t.dtype = DType::I32;
      else
        fail(file, lineNo,
             "tensor '" + t.name + "': unsupported dtype " + quote(toks[2]) +
                 " (expected f32 or i32)");
      int64_t rank = 0;
      if (!parseInt64(toks[3], rank) || rank < 0 || rank > 8)
        fail(file, lineNo,
             "tensor '" + t.name + "': invalid rank " + quote(toks[3]));
      if (toks.size() != static_cast<size_t>(4 + rank))
        fail(file, lineNo,
             "tensor '" + t.name + "': rank " + std::to_string(rank) +
                 " needs " + std::to_string(rank) + " dimensions, header has " +
                 std::to_string(toks.size() - 4));
      uint64_t count = 1;
      for (int64_t k = 0; k < rank; ++k) {
        int64_t d = 0;
        if (!parseInt64(toks[4 + k], d) || d <= 0)
          fail(file, lineNo,
               "tensor '" + t.name + "': invalid dimension " +
                   quote(toks[4 + k]) + " (must be a positive integer)");
        if (static_cast<uint64_t>(d) > kMaxElements ||
            count * static_cast<uint64_t>(d) > kMaxElements)
          fail(file, lineNo, "tensor '" + t.name + "': too many elements");
        count *= static_cast<uint64_t>(d);
        t.dims.push_back(d);
      }
      t.count = count;
      cur = std::move(t);
      inValues = true;
      got = 0;
      continue;
    }

    if (!inValues)
      fail(file, lineNo,
           "expected a 'tensor' header, found " + quote(toks[0]));

    for (const std::string &tok : toks) {
      if (got >= cur.count)
        fail(file, lineNo,
             "tensor '" + cur.name + "' (declared at line " +
                 std::to_string(cur.line) + ") has more than " +
                 std::to_string(cur.count) + " values");
      if (cur.dtype == DType::F32) {
        double v = 0;
        if (!parseDouble(tok, v))
          fail(file, lineNo,
               "tensor '" + cur.name + "': invalid f32 value " + quote(tok));
        if (!std::isfinite(v))
          fail(file, lineNo,
               "tensor '" + cur.name + "': non-finite value " + quote(tok) +
                   " at index " + std::to_string(got));
        cur.f.push_back(v);
      } else {
        int64_t v = 0;
        if (!parseInt64(tok, v) || v < INT32_MIN || v > INT32_MAX)
          fail(file, lineNo,
               "tensor '" + cur.name + "': invalid i32 value " + quote(tok));
        cur.i.push_back(static_cast<int32_t>(v));
      }
      ++got;
    }
  }
  if (in.bad())
    fail(file, 0, std::string("read error: ") + std::strerror(errno));
  if (inValues)
    finish(lineNo);
  if (!sawAnyLine)
    fail(file, 0, "file is empty");
  return tensors;
}

// Parses "<prefix><digits>" (no leading zeros except "0"); -1 otherwise.
int64_t indexedName(const std::string &name, const char *prefix) {
  size_t plen = std::strlen(prefix);
  if (name.size() <= plen || name.compare(0, plen, prefix) != 0)
    return -1;
  std::string digits = name.substr(plen);
  if (digits.size() > 6 || (digits.size() > 1 && digits[0] == '0'))
    return -1;
  for (char c : digits)
    if (c < '0' || c > '9')
      return -1;
  return std::atol(digits.c_str());
}

struct Layer {
  int64_t in = 0, out = 0;
  const Tensor *w = nullptr, *b = nullptr;
};

double l2(const std::vector<double> &v) {
  // Scaled accumulation to avoid overflow for large entries.
  double scale = 0, ssq = 1;
  for (double x : v) {
    double a = std::fabs(x);
    if (a == 0)
      continue;
    if (scale < a) {
      ssq = 1 + ssq * (scale / a) * (scale / a);
      scale = a;
    } else {
      ssq += (a / scale) * (a / scale);
    }
  }
  return scale * std::sqrt(ssq);
}

} // namespace

int main(int argc, char **argv) {
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

  std::map<std::string, Tensor> T = readDump(file);

  // ---- Collect and validate the tensors -------------------------------
  std::map<int64_t, const Tensor *> params, grads;
  std::vector<std::string> ignored;
  for (const auto &kv : T) {
    int64_t k = indexedName(kv.first, "param");
    if (k >= 0)
      params[k] = &kv.second;
    int64_t g = indexedName(kv.first, "grad");
    if (g >= 0)
      grads[g] = &kv.second;
    if (k < 0 && g < 0 && kv.first != "input" && kv.first != "labels" &&
        kv.first != "loss")
      ignored.push_back(kv.first);
  }
  auto need = [&](const char *name) -> const Tensor & {
    auto it = T.find(name);
    if (it == T.end())
      fail(file, 0, std::string("missing tensor '") + name + "'");
    return it->second;
  };
  const Tensor &input = need("input");
  const Tensor &labels = need("labels");
  const Tensor &lossT = need("loss");
  if (params.empty())
    fail(file, 0, "missing tensor 'param0' (no parameters in dump)");
  int64_t K = params.rbegin()->first + 1;
  for (int64_t k = 0; k < K; ++k)
    if (!params.count(k))
      fail(file, 0,
           "missing tensor 'param" + std::to_string(k) + "' (have param" +
               std::to_string(K - 1) + ")");
  if (K % 2 != 0)
    fail(file, params.rbegin()->second->line,
         "odd number of parameters (" + std::to_string(K) +
             "); expected weight/bias pairs");
  for (int64_t k = 0; k < K; ++k)
    if (!grads.count(k))
      fail(file, 0, "missing tensor 'grad" + std::to_string(k) + "'");
  if (grads.rbegin()->first >= K)
    fail(file, grads.rbegin()->second->line,
         "tensor '" + grads.rbegin()->second->name +
             "' has no matching parameter (only " + std::to_string(K) +
             " params)");

  auto requireF32 = [&](const Tensor &t) {
    if (t.dtype != DType::F32)
      fail(file, t.line, "tensor '" + t.name + "' must be f32");
  };
  requireF32(input);
  requireF32(lossT);
  if (labels.dtype != DType::I32)
    fail(file, labels.line, "tensor 'labels' must be i32");
  if (input.dims.size() != 2)
    fail(file, input.line,
         "tensor 'input' must have rank 2 [N, in], got " + input.shapeStr());
  if (!(lossT.dims.empty() || (lossT.dims.size() == 1 && lossT.dims[0] == 1)))
    fail(file, lossT.line,
         "tensor 'loss' must be a scalar (rank 0), got " + lossT.shapeStr());
  const int64_t N = input.dims[0];
  if (labels.dims.size() != 1 || labels.dims[0] != N)
    fail(file, labels.line,
         "tensor 'labels' must have shape [" + std::to_string(N) +
             "] to match 'input' " + input.shapeStr() + ", got " +
             labels.shapeStr());

  const int64_t L = K / 2;
  std::vector<Layer> layers(L);
  int64_t width = input.dims[1];
  for (int64_t l = 0; l < L; ++l) {
    const Tensor &w = *params[2 * l];
    const Tensor &b = *params[2 * l + 1];
    requireF32(w);
    requireF32(b);
    if (w.dims.size() != 2)
      fail(file, w.line,
           "weight '" + w.name + "' of layer " + std::to_string(l) +
               " must have rank 2 [out, in], got " + w.shapeStr());
    if (w.dims[1] != width)
      fail(file, w.line,
           "weight '" + w.name + "' " + w.shapeStr() + " of layer " +
               std::to_string(l) + " does not chain: expected in=" +
               std::to_string(width) +
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
  for (int64_t k = 0; k < K; ++k) {
    const Tensor &g = *grads[k];
    const Tensor &p = *params[k];
    requireF32(g);
    if (g.dims != p.dims)
      fail(file, g.line,
           "tensor '" + g.name + "' has shape " + g.shapeStr() +
               " but '" + p.name + "' has shape " + p.shapeStr());
  }
  // Guard against work sizes that would overflow or take forever.
  {
    double flops = 0;
    for (const Layer &ly : layers)
      flops += double(N) * double(ly.in) * double(ly.out);
    if (flops > 1e12)
      fail(file, 0, "model too large for the reference (>1e12 MACs)");
  }
  for (int64_t n = 0; n < N; ++n) {
    int32_t y = labels.i[n];
    if (y < 0 || y >= C)
      fail(file, labels.line,
           "label " + std::to_string(y) + " at index " + std::to_string(n) +
               " is out of range [0, " + std::to_string(C) + ")");
  }

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
  const std::vector<double> &logits = pre[L - 1];
  std::vector<double> dz(logits.size());
  double lossSum = 0;
  for (int64_t n = 0; n < N; ++n) {
    const double *zr = &logits[n * C];
    double mx = zr[0];
    for (int64_t c = 1; c < C; ++c)
      mx = zr[c] > mx ? zr[c] : mx;
    double se = 0;
    for (int64_t c = 0; c < C; ++c)
      se += std::exp(zr[c] - mx);
    double lse = mx + std::log(se);
    int32_t y = labels.i[n];
    lossSum += lse - zr[y];
    for (int64_t c = 0; c < C; ++c) {
      double p = std::exp(zr[c] - lse);
      dz[n * C + c] = (p - (c == y ? 1.0 : 0.0)) / double(N);
    }
  }
  const double lossRef = lossSum / double(N);

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

  if (!std::isfinite(lossRef))
    fail(file, 0, "reference loss is not finite (values too large?)");
  for (int64_t k = 0; k < K; ++k)
    for (double v : refGrad[k])
      if (!std::isfinite(v))
        fail(file, 0,
             "reference gradient for 'param" + std::to_string(k) +
                 "' is not finite (values too large?)");

  // ---- Compare -------------------------------------------------------------
  std::printf("model: N=%lld layers=", static_cast<long long>(N));
  std::printf("%lld", static_cast<long long>(layers[0].in));
  for (const Layer &ly : layers)
    std::printf("-%lld", static_cast<long long>(ly.out));
  std::printf("\n");
  for (const std::string &name : ignored)
    std::printf("note: ignoring tensor '%s'\n", name.c_str());

  double maxErr = 0;
  std::string worst = "loss";
  const double lossAxt = lossT.f[0];
  double lossErr = std::fabs(lossAxt - lossRef) /
                   std::fmax(std::fabs(lossRef), 1e-30);
  std::printf("loss axt=%.9g ref=%.9g rel_err=%.3g\n", lossAxt, lossRef,
              lossErr);
  maxErr = lossErr;
  for (int64_t k = 0; k < K; ++k) {
    const Tensor &g = *grads[k];
    std::vector<double> diff(g.f.size());
    for (size_t j = 0; j < diff.size(); ++j)
      diff[j] = g.f[j] - refGrad[k][j];
    double refNorm = l2(refGrad[k]);
    double err = l2(diff) / std::fmax(refNorm, 1e-30);
    std::printf("%s %s rel_err=%.3g (|ref|=%.3g)\n", g.name.c_str(),
                g.shapeStr().c_str(), err, refNorm);
    if (!(err <= maxErr)) {
      maxErr = err;
      worst = g.name;
    }
  }
  bool pass = maxErr <= tol;
  std::printf("reference check: %s (max rel_err=%.3g in %s, tol=%.3g)\n",
              pass ? "PASS" : "FAIL", maxErr, worst.c_str(), tol);
  return pass ? 0 : 1;
}
