//===- step_dump.h - Reader of axt-run step dumps for the references ------===//
//
// Shared by the independent references (axt-mlp-reference,
// axt-op-reference): parses the text dump written by
// `axt-run --dump-step FILE`, validates it, and offers the pieces every
// reference needs (softmax cross-entropy in double, relative L2 errors, the
// comparison report). Standard library only; no exceptions, no RTTI.
//
// Like the programs that include it, this header shares no code with the
// compiler or the runtime: it is part of the independent oracle.
//
// Dump format (v1):
//
//   # axt step dump v1
//   tensor <name> <dtype> <rank> <d0> <d1> ...
//   <values, whitespace separated, product(dims) of them (1 for rank 0)>
//   ...
//
// dtype is f32 or i32; lines whose first token starts with '#' and blank
// lines are ignored. axt-run writes the trainable parameters param0..,
// `input`, `labels`, `seed` (the step's seed as i32 [2]: low and high
// halves), `loss` and the gradients grad0.. (one per parameter).
//
// Every function that finds a problem ends the program with exit status 2
// and a diagnostic that starts with the program's name (setProgramName).
//
//===----------------------------------------------------------------------===//
#ifndef AXT_TEST_REFERENCE_STEP_DUMP_H
#define AXT_TEST_REFERENCE_STEP_DUMP_H

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

namespace axtref {

// Refuse absurd element counts before allocating anything (2^31 elements).
inline constexpr uint64_t kMaxElements = uint64_t(1) << 31;

inline const char *&programName() {
  static const char *name = "axt-reference";
  return name;
}
inline void setProgramName(const char *name) { programName() = name; }

enum class DType { F32, I32 };

struct Tensor {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> dims;
  std::vector<double> f;  // f32 values, widened
  std::vector<int32_t> i; // i32 values
  int line = 0;           // line of the `tensor` header
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
[[noreturn]] inline void fail(const std::string &file, int line,
                              const std::string &msg) {
  if (line > 0)
    std::fprintf(stderr, "%s: error: %s:%d: %s\n", programName(), file.c_str(),
                 line, msg.c_str());
  else
    std::fprintf(stderr, "%s: error: %s: %s\n", programName(), file.c_str(),
                 msg.c_str());
  std::exit(2);
}

inline bool isWs(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

inline std::vector<std::string> splitWs(const std::string &line) {
  std::vector<std::string> toks;
  size_t p = 0, n = line.size();
  while (p < n) {
    while (p < n && isWs(line[p]))
      ++p;
    if (p >= n)
      break;
    size_t q = p;
    while (q < n && !isWs(line[q]))
      ++q;
    toks.push_back(line.substr(p, q - p));
    p = q;
  }
  return toks;
}

inline bool parseInt64(const std::string &s, int64_t &out) {
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

inline bool parseDouble(const std::string &s, double &out) {
  if (s.empty())
    return false;
  errno = 0;
  char *end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0')
    return false;
  // ERANGE on underflow is harmless (denormals / zero); overflow gives inf,
  // which the callers' finiteness checks report.
  out = v;
  return true;
}

// A printable, length-limited, single-quoted rendering of untrusted text.
inline std::string quote(const std::string &s) {
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

inline bool validName(const std::string &s) {
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
inline std::map<std::string, Tensor> readDump(const std::string &file) {
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
      fail(file, lineNo, "expected a 'tensor' header, found " + quote(toks[0]));

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
inline int64_t indexedName(const std::string &name, const char *prefix) {
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

// A parsed dump with its common structure validated: `input` (f32),
// `labels` (i32, rank 1), `loss` (f32 scalar), param0..param{K-1} without
// gaps (K >= 1), and grad0..grad{K-1}, each f32 with its parameter's shape.
// Programs check the model-specific shapes themselves.
struct StepDump {
  std::string file;
  std::map<std::string, Tensor> tensors;
  std::vector<const Tensor *> params, grads;
  const Tensor *input = nullptr, *labels = nullptr, *loss = nullptr;
  std::vector<std::string> ignored; // tensors no reference looks at

  void requireF32(const Tensor &t) const {
    if (t.dtype != DType::F32)
      fail(file, t.line, "tensor '" + t.name + "' must be f32");
  }
};

inline StepDump loadStepDump(const std::string &file) {
  StepDump D;
  D.file = file;
  D.tensors = readDump(file);
  std::map<int64_t, const Tensor *> params, grads;
  for (const auto &kv : D.tensors) {
    int64_t k = indexedName(kv.first, "param");
    if (k >= 0)
      params[k] = &kv.second;
    int64_t g = indexedName(kv.first, "grad");
    if (g >= 0)
      grads[g] = &kv.second;
    if (k < 0 && g < 0 && kv.first != "input" && kv.first != "labels" &&
        kv.first != "loss" && kv.first != "seed")
      D.ignored.push_back(kv.first);
  }
  auto need = [&](const char *name) -> const Tensor * {
    auto it = D.tensors.find(name);
    if (it == D.tensors.end())
      fail(file, 0, std::string("missing tensor '") + name + "'");
    return &it->second;
  };
  D.input = need("input");
  D.labels = need("labels");
  D.loss = need("loss");
  if (params.empty())
    fail(file, 0, "missing tensor 'param0' (no parameters in dump)");
  int64_t K = params.rbegin()->first + 1;
  for (int64_t k = 0; k < K; ++k)
    if (!params.count(k))
      fail(file, 0,
           "missing tensor 'param" + std::to_string(k) + "' (have param" +
               std::to_string(K - 1) + ")");
  for (int64_t k = 0; k < K; ++k)
    if (!grads.count(k))
      fail(file, 0, "missing tensor 'grad" + std::to_string(k) + "'");
  if (grads.rbegin()->first >= K)
    fail(file, grads.rbegin()->second->line,
         "tensor '" + grads.rbegin()->second->name +
             "' has no matching parameter (only " + std::to_string(K) +
             " params)");
  D.requireF32(*D.input);
  D.requireF32(*D.loss);
  if (D.labels->dtype != DType::I32)
    fail(file, D.labels->line, "tensor 'labels' must be i32");
  if (D.labels->dims.size() != 1)
    fail(file, D.labels->line,
         "tensor 'labels' must have rank 1 [N], got " + D.labels->shapeStr());
  if (!(D.loss->dims.empty() ||
        (D.loss->dims.size() == 1 && D.loss->dims[0] == 1)))
    fail(file, D.loss->line,
         "tensor 'loss' must be a scalar (rank 0), got " + D.loss->shapeStr());
  for (int64_t k = 0; k < K; ++k) {
    const Tensor &p = *params[k];
    const Tensor &g = *grads[k];
    D.requireF32(p);
    D.requireF32(g);
    if (g.dims != p.dims)
      fail(file, g.line,
           "tensor '" + g.name + "' has shape " + g.shapeStr() + " but '" +
               p.name + "' has shape " + p.shapeStr());
    D.params.push_back(&p);
    D.grads.push_back(&g);
  }
  return D;
}

// Mean softmax cross-entropy of `logits` [N, C] (row-major) against
// `labels`, in double. Returns the loss and sets `dlogits` to its gradient
// (softmax - onehot) / N. Labels must already be range-checked.
inline double softmaxCrossEntropy(const std::vector<double> &logits,
                                  const std::vector<int32_t> &labels, int64_t N,
                                  int64_t C, std::vector<double> &dlogits) {
  dlogits.assign(static_cast<size_t>(N * C), 0.0);
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
    int32_t y = labels[n];
    lossSum += lse - zr[y];
    for (int64_t c = 0; c < C; ++c) {
      double p = std::exp(zr[c] - lse);
      dlogits[n * C + c] = (p - (c == y ? 1.0 : 0.0)) / double(N);
    }
  }
  return lossSum / double(N);
}

// Checks that every label lies in [0, C).
inline void checkLabelRange(const StepDump &D, int64_t C) {
  const Tensor &labels = *D.labels;
  for (size_t n = 0; n < labels.i.size(); ++n) {
    int32_t y = labels.i[n];
    if (y < 0 || y >= C)
      fail(D.file, labels.line,
           "label " + std::to_string(y) + " at index " + std::to_string(n) +
               " is out of range [0, " + std::to_string(C) + ")");
  }
}

inline double l2(const std::vector<double> &v) {
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

// Exits with status 2 unless the reference loss and gradients are finite.
inline void checkReferenceFinite(const StepDump &D, double lossRef,
                                 const std::vector<std::vector<double>> &ref) {
  if (!std::isfinite(lossRef))
    fail(D.file, 0, "reference loss is not finite (values too large?)");
  for (size_t k = 0; k < ref.size(); ++k)
    for (double v : ref[k])
      if (!std::isfinite(v))
        fail(D.file, 0,
             "reference gradient for 'param" + std::to_string(k) +
                 "' is not finite (values too large?)");
}

// Compares the dumped loss and gradients with the reference ones, prints
// one line per tensor and the verdict, and returns the exit status (0 pass,
// 1 fail). Exits with status 2 if the reference itself is not finite.
//
//   loss axt=<v> ref=<v> rel_err=<e>
//   grad<k> [shape] rel_err=<e> (|ref|=<n>)
//   reference check: PASS|FAIL (max rel_err=<e> in <name>, tol=<tol>)
inline int compareWithReference(const StepDump &D, double lossRef,
                                const std::vector<std::vector<double>> &ref,
                                double tol) {
  checkReferenceFinite(D, lossRef, ref);
  if (ref.size() != D.grads.size())
    fail(D.file, 0,
         "internal error: " + std::to_string(ref.size()) +
             " reference gradients for " + std::to_string(D.grads.size()) +
             " dumped ones");
  for (const std::string &name : D.ignored)
    std::printf("note: ignoring tensor '%s'\n", name.c_str());

  double maxErr = 0;
  std::string worst = "loss";
  const double lossAxt = D.loss->f[0];
  double lossErr =
      std::fabs(lossAxt - lossRef) / std::fmax(std::fabs(lossRef), 1e-30);
  std::printf("loss axt=%.9g ref=%.9g rel_err=%.3g\n", lossAxt, lossRef,
              lossErr);
  maxErr = lossErr;
  for (size_t k = 0; k < D.grads.size(); ++k) {
    const Tensor &g = *D.grads[k];
    std::vector<double> diff(g.f.size());
    for (size_t j = 0; j < diff.size(); ++j)
      diff[j] = g.f[j] - ref[k][j];
    double refNorm = l2(ref[k]);
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

} // namespace axtref

#endif // AXT_TEST_REFERENCE_STEP_DUMP_H
