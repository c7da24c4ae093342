//===- op_reference.cpp - Independent single-op gradient reference --------===//
//
// axt-op-reference: reads a step dump written by `axt-run --dump-step FILE`
// for a model made of ONE convolution-network op followed by a flattening
// reshape and the mean softmax cross-entropy, recomputes the loss and the
// gradients of every parameter in double precision with a hand-written
// backward pass of the op (no finite differences), and compares them with
// the values the compiler produced.
//
//   param0        the op's input, a trainable parameter with a static batch
//                 (so that its gradient, grad0, is the op's input gradient);
//                 the dump's `input` (the model's real batch) is not used
//   param1..      the op's parameters:
//                   conv2d      filter [F, C/groups, KH, KW], then an
//                               optional bias [F] (present iff param2 is)
//                   batch_norm  scale [C], shift [C]
//                   add         the other addend, a shape that broadcasts
//                               to param0's (NumPy rules)
//                   others      none
//   y      = op(param0, param1, ...)
//   logits = y reshaped to [N, numel(y) / N], N = param0's dimension 0
//   loss   = mean_n (logsumexp(logits[n]) - logits[n, labels[n]])
//
// Op semantics (images NCHW, window attributes (height, width)):
//   conv2d             cross-correlation with zero padding, strides,
//                      dilations and groups; out = (in + 2 pad - dil (k - 1)
//                      - 1) / stride + 1
//   max_pool2d         padding with -inf; the first maximum of a window (in
//                      row-major window order) takes the gradient
//   avg_pool2d         every window sum divided by KH * KW, padding included
//   global_avg_pool2d  [N, C, H, W] -> [N, C], mean over H and W
//   batch_norm         training mode: per channel of [N, C, ...], the batch
//                      mean and biased variance, y = scale (x - mean) /
//                      sqrt(var + epsilon) + shift
//   relu               max(x, 0), derivative 0 at 0
//   dropout            y = u >= rate ? x / (1 - rate) : 0, u the uniform
//                      variate of the element's row-major index i: word
//                      i % 4 of Philox4x32-10 with counter (i / 4 low, high,
//                      stream low, high) and key (seed low, high), top 24
//                      bits times 2^-24; the seed is the dump's `seed`
//   add                y = param0 + param1 broadcast to param0's shape
//                      (aligned at the last dimension, size-1 dimensions
//                      and missing leading ones repeated)
//
// The dump reader is shared with axt-mlp-reference (step_dump.h). Like it,
// this program shares no code with the compiler or the runtime: it is an
// independent oracle for the integration tests. Standard library only; no
// exceptions, no RTTI.
//
// Exit status: 0 = all relative errors <= tol, 1 = some error > tol,
// 2 = bad usage or a malformed / inconsistent dump.
//
//===----------------------------------------------------------------------===//

#include "step_dump.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

using namespace axtref;

namespace {

const char *kProg = "axt-op-reference";

void usage(FILE *out) {
  std::fprintf(
      out,
      "usage: %s --op OP [options] DUMP_FILE\n"
      "  Recomputes loss = mean softmax cross-entropy of OP(param0,\n"
      "  param1, ...) flattened to [N, -1], and the gradients of all\n"
      "  params, from a step dump (axt-run --dump-step) in double\n"
      "  precision with hand-written backward passes, and compares.\n"
      "  param0 is the op's input; the dump's 'input' is not used.\n"
      "  --op OP          conv2d (params: filter [, bias]), max_pool2d,\n"
      "                   avg_pool2d, global_avg_pool2d, relu,\n"
      "                   batch_norm (params: scale, shift), dropout,\n"
      "                   add (params: the broadcast addend)\n"
      "  --strides H,W    conv2d (default 1,1), pools (required)\n"
      "  --padding H,W    conv2d and pools (default 0,0)\n"
      "  --dilations H,W  conv2d (default 1,1)\n"
      "  --groups G       conv2d (default 1)\n"
      "  --kernel H,W     pools (required)\n"
      "  --epsilon E      batch_norm (default 1e-5)\n"
      "  --rate R         dropout (required), in [0, 1)\n"
      "  --stream S       dropout (required)\n"
      "  --tol X          max allowed relative error (default 1e-5)\n"
      "  A single number N for a pair means N,N.\n"
      "  exit: 0 pass, 1 fail, 2 bad usage or malformed dump\n",
      kProg);
}

// Bad command line: a message (with the usage text where the command line's
// shape is wrong, not just one value) and exit status 2.
[[noreturn]] void usageError(const std::string &msg, bool showUsage = true) {
  std::fprintf(stderr, "%s: error: %s\n", kProg, msg.c_str());
  if (showUsage)
    usage(stderr);
  std::exit(2);
}

[[noreturn]] void optionError(const std::string &msg) {
  usageError(msg, /*showUsage=*/false);
}

enum class Op {
  None,
  Conv2D,
  MaxPool2D,
  AvgPool2D,
  GlobalAvgPool2D,
  BatchNorm,
  Relu,
  Dropout,
  Add
};

struct OpName {
  const char *name;
  Op op;
};
const OpName kOps[] = {
    {"conv2d", Op::Conv2D},        {"max_pool2d", Op::MaxPool2D},
    {"avg_pool2d", Op::AvgPool2D}, {"global_avg_pool2d", Op::GlobalAvgPool2D},
    {"batch_norm", Op::BatchNorm}, {"relu", Op::Relu},
    {"dropout", Op::Dropout},      {"add", Op::Add}};

const char *opName(Op op) {
  for (const OpName &o : kOps)
    if (o.op == op)
      return o.name;
  return "?";
}

// An optional (height, width) pair from the command line.
struct Pair {
  bool given = false;
  int64_t h = 0, w = 0;
};

// Parses "A,B" or "A" (meaning A,A) into non-negative integers <= 2^20.
bool parsePair(const std::string &s, Pair &p) {
  size_t comma = s.find(',');
  std::string a = s.substr(0, comma);
  std::string b = comma == std::string::npos ? a : s.substr(comma + 1);
  int64_t x = 0, y = 0;
  if (!parseInt64(a, x) || !parseInt64(b, y) || x < 0 || y < 0 ||
      x > (1 << 20) || y > (1 << 20))
    return false;
  p.given = true;
  p.h = x;
  p.w = y;
  return true;
}

std::string pairStr(int64_t h, int64_t w) {
  return std::to_string(h) + "," + std::to_string(w);
}

std::string shapeStr(const std::vector<int64_t> &dims) {
  Tensor t;
  t.dims = dims;
  return t.shapeStr();
}

int64_t product(const std::vector<int64_t> &dims, size_t from = 0) {
  int64_t p = 1;
  for (size_t k = from; k < dims.size(); ++k)
    p *= dims[k];
  return p;
}

// Output size of a window sliding over `in` elements; < 1 if none fits.
int64_t windowOut(int64_t in, int64_t kernel, int64_t stride, int64_t pad,
                  int64_t dil) {
  int64_t span = in + 2 * pad - dil * (kernel - 1) - 1;
  if (span < 0)
    return 0;
  return span / stride + 1;
}

struct Options {
  Op op = Op::None;
  Pair strides, padding, dilations, kernel;
  bool groupsGiven = false, epsilonGiven = false, rateGiven = false,
       streamGiven = false;
  int64_t groups = 1, stream = 0;
  double epsilon = 1e-5, rate = 0;
  double tol = 1e-5;
  std::string file;
};

Options parseArgs(int argc, char **argv) {
  Options o;
  for (int a = 1; a < argc; ++a) {
    std::string arg = argv[a];
    if (arg == "-h" || arg == "--help") {
      usage(stdout);
      std::exit(0);
    }
    if (arg.size() < 2 || arg[0] != '-') {
      if (!o.file.empty())
        usageError("more than one input file given");
      o.file = arg;
      continue;
    }
    // --name value or --name=value; a single leading dash is accepted too.
    std::string name = arg, value;
    bool hasValue = false;
    size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      hasValue = true;
    }
    if (name.compare(0, 2, "--") != 0)
      name = "-" + name;
    static const char *const kKnown[] = {
        "--op",     "--strides", "--padding", "--dilations",
        "--groups", "--kernel",  "--epsilon", "--tol", "--rate", "--stream"};
    bool known = false;
    for (const char *k : kKnown)
      known = known || name == k;
    if (!known)
      usageError("unknown option " + quote(arg));
    if (!hasValue) {
      if (a + 1 >= argc)
        usageError(name + " needs a value");
      value = argv[++a];
    }
    if (name == "--op") {
      o.op = Op::None;
      for (const OpName &k : kOps)
        if (value == k.name)
          o.op = k.op;
      if (o.op == Op::None) {
        std::string list;
        for (const OpName &k : kOps)
          list += std::string(list.empty() ? "" : ", ") + k.name;
        optionError("unknown op " + quote(value) + " (expected one of " + list +
                    ")");
      }
    } else if (name == "--strides" || name == "--padding" ||
               name == "--dilations" || name == "--kernel") {
      Pair &p = name == "--strides"     ? o.strides
                : name == "--padding"   ? o.padding
                : name == "--dilations" ? o.dilations
                                        : o.kernel;
      if (!parsePair(value, p))
        optionError(name + " expects two non-negative integers 'H,W', got " +
                    quote(value));
      if (name != "--padding" && (p.h < 1 || p.w < 1))
        optionError(name + " must be positive, got " + quote(value));
    } else if (name == "--groups") {
      if (!parseInt64(value, o.groups) || o.groups < 1 || o.groups > (1 << 20))
        optionError("--groups expects a positive integer, got " + quote(value));
      o.groupsGiven = true;
    } else if (name == "--epsilon") {
      if (!parseDouble(value, o.epsilon) || !std::isfinite(o.epsilon) ||
          o.epsilon <= 0)
        optionError("--epsilon expects a positive number, got " + quote(value));
      o.epsilonGiven = true;
    } else if (name == "--rate") {
      if (!parseDouble(value, o.rate) || !(o.rate >= 0 && o.rate < 1))
        optionError("--rate expects a number in [0, 1), got " + quote(value));
      o.rateGiven = true;
    } else if (name == "--stream") {
      if (!parseInt64(value, o.stream) || o.stream < 0)
        optionError("--stream expects a non-negative integer, got " +
                    quote(value));
      o.streamGiven = true;
    } else { // --tol
      if (!parseDouble(value, o.tol) || !std::isfinite(o.tol) || o.tol <= 0)
        optionError("--tol expects a positive number, got " + quote(value));
    }
  }
  if (o.op == Op::None)
    usageError("no --op given");
  if (o.file.empty())
    usageError("no dump file given");

  // Every option must apply to the op; pools need their window.
  const bool conv = o.op == Op::Conv2D;
  const bool pool = o.op == Op::MaxPool2D || o.op == Op::AvgPool2D;
  auto reject = [&](bool given, const char *opt) {
    if (given)
      optionError(std::string(opt) + " does not apply to --op " + opName(o.op));
  };
  reject(o.strides.given && !conv && !pool, "--strides");
  reject(o.padding.given && !conv && !pool, "--padding");
  reject(o.dilations.given && !conv, "--dilations");
  reject(o.groupsGiven && !conv, "--groups");
  reject(o.kernel.given && !pool, "--kernel");
  reject(o.epsilonGiven && o.op != Op::BatchNorm, "--epsilon");
  reject(o.rateGiven && o.op != Op::Dropout, "--rate");
  reject(o.streamGiven && o.op != Op::Dropout, "--stream");
  if (o.op == Op::Dropout && (!o.rateGiven || !o.streamGiven))
    usageError("--op dropout needs --rate R and --stream S");
  if (pool && !o.kernel.given)
    usageError(std::string("--op ") + opName(o.op) + " needs --kernel H,W");
  if (pool && !o.strides.given)
    usageError(std::string("--op ") + opName(o.op) + " needs --strides H,W");
  if (!o.strides.given) {
    o.strides.h = o.strides.w = 1;
  }
  if (!o.dilations.given) {
    o.dilations.h = o.dilations.w = 1;
  }
  return o;
}

//===----------------------------------------------------------------------===//
// The ops: forward and backward in double precision
//===----------------------------------------------------------------------===//

// Philox4x32-10 (Salmon et al., SC 2011), written from the paper's
// definition: ten rounds of two 32x32->64-bit products, keys bumped by the
// Weyl constants between rounds.
void philox4x32(uint32_t c[4], uint32_t k0, uint32_t k1) {
  for (int r = 0; r < 10; ++r) {
    uint64_t a = uint64_t(0xD2511F53u) * c[0];
    uint64_t b = uint64_t(0xCD9E8D57u) * c[2];
    uint32_t next[4] = {uint32_t(b >> 32) ^ c[1] ^ k0, uint32_t(b),
                        uint32_t(a >> 32) ^ c[3] ^ k1, uint32_t(a)};
    for (int i = 0; i < 4; ++i)
      c[i] = next[i];
    k0 += 0x9E3779B9u;
    k1 += 0xBB67AE85u;
  }
}

// The dropout mask's uniform variate of element `index`.
double dropoutUniform(uint64_t seed, uint64_t stream, uint64_t index) {
  uint64_t block = index / 4;
  uint32_t c[4] = {uint32_t(block), uint32_t(block >> 32), uint32_t(stream),
                   uint32_t(stream >> 32)};
  philox4x32(c, uint32_t(seed), uint32_t(seed >> 32));
  return double(c[index % 4] >> 8) / 16777216.0;
}

// For each element of a tensor of shape `to` (row-major), the index of the
// element of a tensor of shape `from` that broadcasting `from` to `to`
// puts there; empty if `from` does not broadcast to `to`.
std::vector<int64_t> broadcastSources(const std::vector<int64_t> &from,
                                      const std::vector<int64_t> &to) {
  if (from.size() > to.size())
    return {};
  const size_t lead = to.size() - from.size();
  for (size_t d = 0; d < from.size(); ++d)
    if (from[d] != 1 && from[d] != to[lead + d])
      return {};
  std::vector<int64_t> sources(product(to));
  std::vector<int64_t> index(to.size(), 0);
  for (int64_t i = 0; i < int64_t(sources.size()); ++i) {
    int64_t src = 0;
    for (size_t d = 0; d < from.size(); ++d)
      src = src * from[d] + (from[d] == 1 ? 0 : index[lead + d]);
    sources[i] = src;
    for (int64_t d = int64_t(to.size()) - 1; d >= 0; --d) {
      if (++index[d] < to[d])
        break;
      index[d] = 0;
    }
  }
  return sources;
}

// Everything the forward pass computes that the backward pass needs.
struct Forward {
  std::vector<int64_t> outDims;
  std::vector<double> y;
  std::vector<int64_t> argmax; // max_pool2d: flat input index per output
  std::vector<double> mean, invstd, xhat; // batch_norm
  std::vector<double> scale;              // dropout: 0 or 1 / (1 - rate)
  std::vector<int64_t> sources;           // add: param1's element per y's
};

struct ConvGeometry {
  int64_t N, C, H, W, F, Cg, Fg, KH, KW, OH, OW;
  int64_t sh, sw, ph, pw, dh, dw;
};

void convForward(const ConvGeometry &g, const std::vector<double> &x,
                 const std::vector<double> &w, const std::vector<double> *b,
                 Forward &fw) {
  fw.outDims = {g.N, g.F, g.OH, g.OW};
  fw.y.assign(static_cast<size_t>(g.N * g.F * g.OH * g.OW), 0.0);
  for (int64_t n = 0; n < g.N; ++n)
    for (int64_t f = 0; f < g.F; ++f) {
      const int64_t cBase = (f / g.Fg) * g.Cg; // first channel of f's group
      for (int64_t oh = 0; oh < g.OH; ++oh)
        for (int64_t ow = 0; ow < g.OW; ++ow) {
          double s = b ? (*b)[f] : 0.0;
          for (int64_t c = 0; c < g.Cg; ++c)
            for (int64_t kh = 0; kh < g.KH; ++kh) {
              int64_t ih = oh * g.sh - g.ph + kh * g.dh;
              if (ih < 0 || ih >= g.H)
                continue;
              for (int64_t kw = 0; kw < g.KW; ++kw) {
                int64_t iw = ow * g.sw - g.pw + kw * g.dw;
                if (iw < 0 || iw >= g.W)
                  continue;
                s += x[((n * g.C + cBase + c) * g.H + ih) * g.W + iw] *
                     w[((f * g.Cg + c) * g.KH + kh) * g.KW + kw];
              }
            }
          fw.y[((n * g.F + f) * g.OH + oh) * g.OW + ow] = s;
        }
    }
}

// dy -> dx, dw, db: every product x * w in the forward pass sends dy * w
// to dx and dy * x to dw; the bias receives dy itself.
void convBackward(const ConvGeometry &g, const std::vector<double> &x,
                  const std::vector<double> &w, const std::vector<double> &dy,
                  std::vector<double> &dx, std::vector<double> &dw,
                  std::vector<double> *db) {
  dx.assign(x.size(), 0.0);
  dw.assign(w.size(), 0.0);
  if (db)
    db->assign(static_cast<size_t>(g.F), 0.0);
  for (int64_t n = 0; n < g.N; ++n)
    for (int64_t f = 0; f < g.F; ++f) {
      const int64_t cBase = (f / g.Fg) * g.Cg;
      for (int64_t oh = 0; oh < g.OH; ++oh)
        for (int64_t ow = 0; ow < g.OW; ++ow) {
          double d = dy[((n * g.F + f) * g.OH + oh) * g.OW + ow];
          if (db)
            (*db)[f] += d;
          for (int64_t c = 0; c < g.Cg; ++c)
            for (int64_t kh = 0; kh < g.KH; ++kh) {
              int64_t ih = oh * g.sh - g.ph + kh * g.dh;
              if (ih < 0 || ih >= g.H)
                continue;
              for (int64_t kw = 0; kw < g.KW; ++kw) {
                int64_t iw = ow * g.sw - g.pw + kw * g.dw;
                if (iw < 0 || iw >= g.W)
                  continue;
                int64_t xi = ((n * g.C + cBase + c) * g.H + ih) * g.W + iw;
                int64_t wi = ((f * g.Cg + c) * g.KH + kh) * g.KW + kw;
                dx[xi] += d * w[wi];
                dw[wi] += d * x[xi];
              }
            }
        }
    }
}

struct PoolGeometry {
  int64_t N, C, H, W, KH, KW, OH, OW, sh, sw, ph, pw;
};

void maxPoolForward(const PoolGeometry &g, const std::vector<double> &x,
                    Forward &fw) {
  fw.outDims = {g.N, g.C, g.OH, g.OW};
  size_t count = static_cast<size_t>(g.N * g.C * g.OH * g.OW);
  fw.y.assign(count, 0.0);
  fw.argmax.assign(count, -1);
  for (int64_t nc = 0; nc < g.N * g.C; ++nc)
    for (int64_t oh = 0; oh < g.OH; ++oh)
      for (int64_t ow = 0; ow < g.OW; ++ow) {
        // Padding is -inf, so it never wins against a real (finite) input;
        // a later element wins only if strictly larger (first max on ties).
        double best = -std::numeric_limits<double>::infinity();
        int64_t where = -1;
        for (int64_t kh = 0; kh < g.KH; ++kh) {
          int64_t ih = oh * g.sh - g.ph + kh;
          if (ih < 0 || ih >= g.H)
            continue;
          for (int64_t kw = 0; kw < g.KW; ++kw) {
            int64_t iw = ow * g.sw - g.pw + kw;
            if (iw < 0 || iw >= g.W)
              continue;
            int64_t xi = (nc * g.H + ih) * g.W + iw;
            if (where < 0 || x[xi] > best) {
              best = x[xi];
              where = xi;
            }
          }
        }
        size_t yi = static_cast<size_t>((nc * g.OH + oh) * g.OW + ow);
        fw.y[yi] = best;
        fw.argmax[yi] = where;
      }
}

void maxPoolBackward(const Forward &fw, const std::vector<double> &dy,
                     size_t inputSize, std::vector<double> &dx) {
  dx.assign(inputSize, 0.0);
  for (size_t yi = 0; yi < dy.size(); ++yi)
    dx[static_cast<size_t>(fw.argmax[yi])] += dy[yi];
}

void avgPoolForward(const PoolGeometry &g, const std::vector<double> &x,
                    Forward &fw) {
  fw.outDims = {g.N, g.C, g.OH, g.OW};
  fw.y.assign(static_cast<size_t>(g.N * g.C * g.OH * g.OW), 0.0);
  const double area = double(g.KH * g.KW); // padding counts
  for (int64_t nc = 0; nc < g.N * g.C; ++nc)
    for (int64_t oh = 0; oh < g.OH; ++oh)
      for (int64_t ow = 0; ow < g.OW; ++ow) {
        double s = 0;
        for (int64_t kh = 0; kh < g.KH; ++kh) {
          int64_t ih = oh * g.sh - g.ph + kh;
          if (ih < 0 || ih >= g.H)
            continue;
          for (int64_t kw = 0; kw < g.KW; ++kw) {
            int64_t iw = ow * g.sw - g.pw + kw;
            if (iw >= 0 && iw < g.W)
              s += x[(nc * g.H + ih) * g.W + iw];
          }
        }
        fw.y[(nc * g.OH + oh) * g.OW + ow] = s / area;
      }
}

void avgPoolBackward(const PoolGeometry &g, const std::vector<double> &dy,
                     std::vector<double> &dx) {
  dx.assign(static_cast<size_t>(g.N * g.C * g.H * g.W), 0.0);
  const double area = double(g.KH * g.KW);
  for (int64_t nc = 0; nc < g.N * g.C; ++nc)
    for (int64_t oh = 0; oh < g.OH; ++oh)
      for (int64_t ow = 0; ow < g.OW; ++ow) {
        double d = dy[(nc * g.OH + oh) * g.OW + ow] / area;
        for (int64_t kh = 0; kh < g.KH; ++kh) {
          int64_t ih = oh * g.sh - g.ph + kh;
          if (ih < 0 || ih >= g.H)
            continue;
          for (int64_t kw = 0; kw < g.KW; ++kw) {
            int64_t iw = ow * g.sw - g.pw + kw;
            if (iw >= 0 && iw < g.W)
              dx[(nc * g.H + ih) * g.W + iw] += d;
          }
        }
      }
}

// [N, C, H, W] -> [N, C]: the mean of each H x W plane.
void globalAvgPoolForward(const std::vector<int64_t> &dims,
                          const std::vector<double> &x, Forward &fw) {
  const int64_t NC = dims[0] * dims[1], HW = dims[2] * dims[3];
  fw.outDims = {dims[0], dims[1]};
  fw.y.assign(static_cast<size_t>(NC), 0.0);
  for (int64_t nc = 0; nc < NC; ++nc) {
    double s = 0;
    for (int64_t k = 0; k < HW; ++k)
      s += x[nc * HW + k];
    fw.y[nc] = s / double(HW);
  }
}

void globalAvgPoolBackward(const std::vector<int64_t> &dims,
                           const std::vector<double> &dy,
                           std::vector<double> &dx) {
  const int64_t NC = dims[0] * dims[1], HW = dims[2] * dims[3];
  dx.assign(static_cast<size_t>(NC * HW), 0.0);
  for (int64_t nc = 0; nc < NC; ++nc)
    for (int64_t k = 0; k < HW; ++k)
      dx[nc * HW + k] = dy[nc] / double(HW);
}

// [N, C, S...]: statistics per channel c over n and the trailing dims.
struct BnGeometry {
  int64_t N, C, S; // S = product of the dims after C (1 for rank 2)
  size_t at(int64_t n, int64_t c, int64_t s) const {
    return static_cast<size_t>((n * C + c) * S + s);
  }
};

void batchNormForward(const BnGeometry &g, const std::vector<double> &x,
                      const std::vector<double> &scale,
                      const std::vector<double> &shift, double eps,
                      const std::vector<int64_t> &dims, Forward &fw) {
  const double M = double(g.N * g.S);
  fw.outDims = dims;
  fw.y.assign(x.size(), 0.0);
  fw.xhat.assign(x.size(), 0.0);
  fw.mean.assign(static_cast<size_t>(g.C), 0.0);
  fw.invstd.assign(static_cast<size_t>(g.C), 0.0);
  for (int64_t c = 0; c < g.C; ++c) {
    double sum = 0;
    for (int64_t n = 0; n < g.N; ++n)
      for (int64_t s = 0; s < g.S; ++s)
        sum += x[g.at(n, c, s)];
    const double mean = sum / M;
    double sq = 0; // two passes: the variance of the centered values
    for (int64_t n = 0; n < g.N; ++n)
      for (int64_t s = 0; s < g.S; ++s) {
        double d = x[g.at(n, c, s)] - mean;
        sq += d * d;
      }
    const double var = sq / M; // biased
    const double invstd = 1.0 / std::sqrt(var + eps);
    fw.mean[c] = mean;
    fw.invstd[c] = invstd;
    for (int64_t n = 0; n < g.N; ++n)
      for (int64_t s = 0; s < g.S; ++s) {
        size_t i = g.at(n, c, s);
        fw.xhat[i] = (x[i] - mean) * invstd;
        fw.y[i] = scale[c] * fw.xhat[i] + shift[c];
      }
  }
}

// The chain rule through y = scale * xhat + shift, xhat = (x - mean) *
// (var + eps)^(-1/2), var = mean((x - mean)^2), mean = mean(x), written out
// term by term (the gradient through var and through mean separately);
// invstd = (var + eps)^(-1/2) comes from the forward pass.
void batchNormBackward(const BnGeometry &g, const std::vector<double> &x,
                       const std::vector<double> &scale, const Forward &fw,
                       const std::vector<double> &dy, std::vector<double> &dx,
                       std::vector<double> &dscale,
                       std::vector<double> &dshift) {
  const double M = double(g.N * g.S);
  dx.assign(x.size(), 0.0);
  dscale.assign(static_cast<size_t>(g.C), 0.0);
  dshift.assign(static_cast<size_t>(g.C), 0.0);
  for (int64_t c = 0; c < g.C; ++c) {
    const double mean = fw.mean[c], invstd = fw.invstd[c];
    // dL/dvar = sum dxhat * (x - mean) * (-1/2) (var + eps)^(-3/2)
    // dL/dmean = sum dxhat * (-invstd) + dL/dvar * sum(-2 (x - mean)) / M
    double dvar = 0, dmeanDirect = 0, centeredSum = 0;
    for (int64_t n = 0; n < g.N; ++n)
      for (int64_t s = 0; s < g.S; ++s) {
        size_t i = g.at(n, c, s);
        double dxhat = dy[i] * scale[c];
        dshift[c] += dy[i];
        dscale[c] += dy[i] * fw.xhat[i];
        dvar += dxhat * (x[i] - mean);
        dmeanDirect += -dxhat * invstd;
        centeredSum += x[i] - mean;
      }
    dvar *= -0.5 * invstd * invstd * invstd; // (var + eps)^(-3/2)
    const double dmean = dmeanDirect + dvar * (-2.0 * centeredSum / M);
    for (int64_t n = 0; n < g.N; ++n)
      for (int64_t s = 0; s < g.S; ++s) {
        size_t i = g.at(n, c, s);
        double dxhat = dy[i] * scale[c];
        dx[i] = dxhat * invstd + dvar * 2.0 * (x[i] - mean) / M + dmean / M;
      }
  }
}

} // namespace

int main(int argc, char **argv) {
  setProgramName(kProg);
  Options opt = parseArgs(argc, argv);
  const std::string &file = opt.file;

  // ---- Read and validate the dump ---------------------------------------
  StepDump D = loadStepDump(file);
  const Tensor &x = *D.params[0];
  const size_t K = D.params.size();
  auto expectParams = [&](size_t lo, size_t hi, const char *what) {
    if (K < lo || K > hi)
      fail(file, D.params.back()->line,
           "--op " + std::string(opName(opt.op)) + " expects " + what +
               ", the dump has " + std::to_string(K) + " parameter(s)");
  };
  auto requireRank = [&](const Tensor &t, size_t rank, const char *layout) {
    if (t.dims.size() != rank)
      fail(file, t.line,
           "tensor '" + t.name + "' must have rank " + std::to_string(rank) +
               " " + layout + " for --op " + opName(opt.op) + ", got " +
               t.shapeStr());
  };
  const Tensor &labels = *D.labels;
  const int64_t N = x.dims.empty() ? 0 : x.dims[0];
  if (x.dims.empty())
    fail(file, x.line,
         "tensor 'param0' (the op's input) must have a batch "
         "dimension, got a scalar");
  if (labels.dims[0] != N)
    fail(file, labels.line,
         "tensor 'labels' must have shape [" + std::to_string(N) +
             "] to match the batch of 'param0' " + x.shapeStr() + ", got " +
             labels.shapeStr());

  Forward fw;
  std::vector<std::vector<double>> refGrad(K);
  std::string desc =
      std::string("op: ") + opName(opt.op) + " input " + x.shapeStr();
  ConvGeometry cg{};
  PoolGeometry pg{};
  BnGeometry bg{};
  const std::vector<double> *bias = nullptr;

  switch (opt.op) {
  case Op::Conv2D: {
    expectParams(
        2, 3, "param0 (input), param1 (filter) and optionally param2 (bias)");
    const Tensor &w = *D.params[1];
    requireRank(x, 4, "[N, C, H, W]");
    requireRank(w, 4, "[F, C/groups, KH, KW]");
    cg.N = N;
    cg.C = x.dims[1];
    cg.H = x.dims[2];
    cg.W = x.dims[3];
    cg.F = w.dims[0];
    cg.KH = w.dims[2];
    cg.KW = w.dims[3];
    const int64_t G = opt.groups;
    if (cg.C % G != 0 || cg.F % G != 0)
      fail(file, w.line,
           "--groups " + std::to_string(G) +
               " must divide the input channels (" + std::to_string(cg.C) +
               ") and the filters (" + std::to_string(cg.F) + ")");
    cg.Cg = cg.C / G;
    cg.Fg = cg.F / G;
    if (w.dims[1] != cg.Cg)
      fail(file, w.line,
           "filter 'param1' " + w.shapeStr() + " must have C/groups = " +
               std::to_string(cg.Cg) + " channels (input " + x.shapeStr() +
               ", groups " + std::to_string(G) + ")");
    if (K == 3) {
      const Tensor &b = *D.params[2];
      if (b.dims.size() != 1 || b.dims[0] != cg.F)
        fail(file, b.line,
             "bias 'param2' must have shape [" + std::to_string(cg.F) +
                 "], got " + b.shapeStr());
      bias = &b.f;
    }
    cg.sh = opt.strides.h;
    cg.sw = opt.strides.w;
    cg.ph = opt.padding.h;
    cg.pw = opt.padding.w;
    cg.dh = opt.dilations.h;
    cg.dw = opt.dilations.w;
    cg.OH = windowOut(cg.H, cg.KH, cg.sh, cg.ph, cg.dh);
    cg.OW = windowOut(cg.W, cg.KW, cg.sw, cg.pw, cg.dw);
    if (cg.OH < 1 || cg.OW < 1)
      fail(file, w.line,
           "the filter window does not fit the padded input " + x.shapeStr());
    double macs = double(N) * double(cg.F) * double(cg.OH) * double(cg.OW) *
                  double(cg.Cg) * double(cg.KH) * double(cg.KW);
    if (macs > 1e10)
      fail(file, 0, "convolution too large for the reference (>1e10 MACs)");
    convForward(cg, x.f, w.f, bias, fw);
    desc += " filter " + w.shapeStr();
    if (bias)
      desc += " bias " + D.params[2]->shapeStr();
    desc += " strides " + pairStr(cg.sh, cg.sw) + " padding " +
            pairStr(cg.ph, cg.pw) + " dilations " + pairStr(cg.dh, cg.dw) +
            " groups " + std::to_string(G);
    break;
  }
  case Op::MaxPool2D:
  case Op::AvgPool2D: {
    expectParams(1, 1, "only param0 (input)");
    requireRank(x, 4, "[N, C, H, W]");
    pg.N = N;
    pg.C = x.dims[1];
    pg.H = x.dims[2];
    pg.W = x.dims[3];
    pg.KH = opt.kernel.h;
    pg.KW = opt.kernel.w;
    pg.sh = opt.strides.h;
    pg.sw = opt.strides.w;
    pg.ph = opt.padding.h;
    pg.pw = opt.padding.w;
    // PyTorch's rule; it keeps every window on at least one real input.
    if (pg.ph > pg.KH / 2 || pg.pw > pg.KW / 2)
      optionError("--padding " + pairStr(pg.ph, pg.pw) +
                  " must be at most half the kernel " + pairStr(pg.KH, pg.KW));
    pg.OH = windowOut(pg.H, pg.KH, pg.sh, pg.ph, 1);
    pg.OW = windowOut(pg.W, pg.KW, pg.sw, pg.pw, 1);
    if (pg.OH < 1 || pg.OW < 1)
      fail(file, x.line,
           "the pooling window does not fit the padded input " + x.shapeStr());
    if (double(N) * double(pg.C) * double(pg.OH) * double(pg.OW) *
            double(pg.KH) * double(pg.KW) >
        1e10)
      fail(file, 0, "pooling too large for the reference (>1e10 steps)");
    if (opt.op == Op::MaxPool2D)
      maxPoolForward(pg, x.f, fw);
    else
      avgPoolForward(pg, x.f, fw);
    desc += " kernel " + pairStr(pg.KH, pg.KW) + " strides " +
            pairStr(pg.sh, pg.sw) + " padding " + pairStr(pg.ph, pg.pw);
    break;
  }
  case Op::GlobalAvgPool2D:
    expectParams(1, 1, "only param0 (input)");
    requireRank(x, 4, "[N, C, H, W]");
    globalAvgPoolForward(x.dims, x.f, fw);
    break;
  case Op::BatchNorm: {
    expectParams(3, 3, "param0 (input), param1 (scale) and param2 (shift)");
    if (x.dims.size() < 2)
      fail(file, x.line,
           "tensor 'param0' must have rank 2 or more [N, C, ...] for --op "
           "batch_norm, got " +
               x.shapeStr());
    bg.N = N;
    bg.C = x.dims[1];
    bg.S = product(x.dims, 2);
    for (size_t k = 1; k < 3; ++k) {
      const Tensor &p = *D.params[k];
      if (p.dims.size() != 1 || p.dims[0] != bg.C)
        fail(file, p.line,
             std::string(k == 1 ? "scale" : "shift") + " '" + p.name +
                 "' must have shape [" + std::to_string(bg.C) + "], got " +
                 p.shapeStr());
    }
    batchNormForward(bg, x.f, D.params[1]->f, D.params[2]->f, opt.epsilon,
                     x.dims, fw);
    char eps[32];
    std::snprintf(eps, sizeof eps, "%g", opt.epsilon);
    desc += " scale " + D.params[1]->shapeStr() + " shift " +
            D.params[2]->shapeStr() + " epsilon " + eps;
    break;
  }
  case Op::Relu:
    expectParams(1, 1, "only param0 (input)");
    fw.outDims = x.dims;
    fw.y.resize(x.f.size());
    for (size_t i = 0; i < x.f.size(); ++i)
      fw.y[i] = x.f[i] > 0 ? x.f[i] : 0.0;
    break;
  case Op::Dropout: {
    expectParams(1, 1, "only param0 (input)");
    auto it = D.tensors.find("seed");
    if (it == D.tensors.end() || it->second.dtype != DType::I32 ||
        it->second.i.size() != 2)
      fail(file, 0,
           "--op dropout needs the step's seed: tensor 'seed' i32 1 2 (low "
           "and high halves)");
    uint64_t seed = uint64_t(uint32_t(it->second.i[0])) |
                    uint64_t(uint32_t(it->second.i[1])) << 32;
    fw.outDims = x.dims;
    fw.y.resize(x.f.size());
    fw.scale.resize(x.f.size());
    for (size_t i = 0; i < x.f.size(); ++i) {
      bool keep = dropoutUniform(seed, opt.stream, i) >= opt.rate;
      fw.scale[i] = keep ? 1.0 / (1.0 - opt.rate) : 0.0;
      fw.y[i] = x.f[i] * fw.scale[i];
    }
    char rate[32];
    std::snprintf(rate, sizeof rate, "%g", opt.rate);
    desc += std::string(" rate ") + rate + " stream " +
            std::to_string(opt.stream);
    break;
  }
  case Op::Add: {
    expectParams(2, 2, "param0 (input) and param1 (the broadcast addend)");
    const Tensor &b = *D.params[1];
    fw.sources = broadcastSources(b.dims, x.dims);
    if (fw.sources.empty())
      fail(file, b.line,
           "addend 'param1' " + b.shapeStr() +
               " does not broadcast to the input " + x.shapeStr());
    fw.outDims = x.dims;
    fw.y.resize(x.f.size());
    for (size_t i = 0; i < x.f.size(); ++i)
      fw.y[i] = x.f[i] + b.f[fw.sources[i]];
    desc += " addend " + b.shapeStr();
    break;
  }
  case Op::None:
    break;
  }

  // ---- Loss on the flattened result ---------------------------------------
  const int64_t classes = product(fw.outDims) / N;
  checkLabelRange(D, classes);
  std::vector<double> dy; // dLoss/dy, y's layout = the logits' layout
  const double lossRef = softmaxCrossEntropy(fw.y, labels.i, N, classes, dy);

  // ---- Backward -------------------------------------------------------------
  switch (opt.op) {
  case Op::Conv2D: {
    std::vector<double> db;
    convBackward(cg, x.f, D.params[1]->f, dy, refGrad[0], refGrad[1],
                 bias ? &db : nullptr);
    if (bias)
      refGrad[2] = std::move(db);
    break;
  }
  case Op::MaxPool2D:
    maxPoolBackward(fw, dy, x.f.size(), refGrad[0]);
    break;
  case Op::AvgPool2D:
    avgPoolBackward(pg, dy, refGrad[0]);
    break;
  case Op::GlobalAvgPool2D:
    globalAvgPoolBackward(x.dims, dy, refGrad[0]);
    break;
  case Op::BatchNorm:
    batchNormBackward(bg, x.f, D.params[1]->f, fw, dy, refGrad[0], refGrad[1],
                      refGrad[2]);
    break;
  case Op::Relu:
    refGrad[0].resize(x.f.size());
    for (size_t i = 0; i < x.f.size(); ++i)
      refGrad[0][i] = x.f[i] > 0 ? dy[i] : 0.0;
    break;
  case Op::Dropout:
    refGrad[0].resize(x.f.size());
    for (size_t i = 0; i < x.f.size(); ++i)
      refGrad[0][i] = dy[i] * fw.scale[i];
    break;
  case Op::Add:
    refGrad[0] = dy;
    refGrad[1].assign(D.params[1]->f.size(), 0.0);
    for (size_t i = 0; i < dy.size(); ++i)
      refGrad[1][fw.sources[i]] += dy[i];
    break;
  case Op::None:
    break;
  }
  checkReferenceFinite(D, lossRef, refGrad);

  // ---- Compare -------------------------------------------------------------
  std::printf("%s -> %s, logits [%lldx%lld]\n", desc.c_str(),
              shapeStr(fw.outDims).c_str(), static_cast<long long>(N),
              static_cast<long long>(classes));
  return compareWithReference(D, lossRef, refGrad, opt.tol);
}
