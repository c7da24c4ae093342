#!/usr/bin/python3
"""Write an AXT step dump (format v1) with PyTorch-computed loss and grads.

Documents the format read by axt-mlp-reference and lets the reference be
checked without the compiler:

    /usr/bin/python3 make_dump.py --sizes 6,8,5 --batch 4 -o /tmp/step.txt
    build/bin/axt-mlp-reference /tmp/step.txt          # -> PASS, exit 0
    /usr/bin/python3 make_dump.py --perturb grad2 -o /tmp/bad.txt
    build/bin/axt-mlp-reference /tmp/bad.txt           # -> FAIL, exit 1

The model matches the one the reference recomputes: z_l = h_l w_l^T + b_l,
ReLU between layers, mean softmax cross-entropy on the last layer.
Everything is computed in float32, like the compiled code.
Needs torch (on this machine: /usr/bin/python3).
"""
import argparse
import sys

import torch
import torch.nn.functional as F


def write_tensor(f, name, t):
    t = t.detach().contiguous()
    if t.dtype == torch.float32:
        dtype, fmt = "f32", lambda v: "%.9g" % v
    elif t.dtype == torch.int32:
        dtype, fmt = "i32", lambda v: "%d" % v
    else:
        raise ValueError("unsupported dtype %s" % t.dtype)
    dims = list(t.shape)
    f.write("tensor %s %s %d%s\n" % (name, dtype, len(dims),
                                     "".join(" %d" % d for d in dims)))
    vals = t.reshape(-1).tolist()
    # Several values per line, like a human-readable runner dump would.
    for i in range(0, len(vals), 8):
        f.write(" ".join(fmt(v) for v in vals[i:i + 8]) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="6,8,5",
                    help="layer widths: in,hidden...,classes (default 6,8,5)")
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--perturb", default=None, metavar="NAME",
                    help="scale tensor NAME (e.g. grad0, loss) by 1.01 to "
                         "simulate a wrong gradient")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()

    sizes = [int(s) for s in args.sizes.split(",")]
    if len(sizes) < 2:
        sys.exit("--sizes needs at least in,classes")
    torch.manual_seed(args.seed)
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = (6.0 / fan_in) ** 0.5
        params.append((torch.rand(fan_out, fan_in) * 2 - 1) * bound)
        params.append(torch.randn(fan_out) * 0.1)
    for p in params:
        p.requires_grad_(True)
    x = torch.rand(args.batch, sizes[0])
    y = torch.randint(0, sizes[-1], (args.batch,), dtype=torch.int64)

    h = x
    nlayers = len(params) // 2
    for l in range(nlayers):
        h = h @ params[2 * l].t() + params[2 * l + 1]
        if l + 1 < nlayers:
            h = torch.relu(h)
    loss = F.cross_entropy(h, y)
    grads = torch.autograd.grad(loss, params)

    tensors = [("param%d" % k, p) for k, p in enumerate(params)]
    tensors += [("input", x), ("labels", y.to(torch.int32)), ("loss", loss)]
    tensors += [("grad%d" % k, g) for k, g in enumerate(grads)]
    if args.perturb is not None:
        names = [n for n, _ in tensors]
        if args.perturb not in names:
            sys.exit("--perturb: no tensor %r" % args.perturb)
        tensors = [(n, t * 1.01 if n == args.perturb else t)
                   for n, t in tensors]

    out = sys.stdout if args.output == "-" else open(args.output, "w")
    out.write("# axt step dump v1\n")
    for name, t in tensors:
        write_tensor(out, name, t)
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
