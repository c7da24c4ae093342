#!/usr/bin/python3
"""Time ResNet-8's convolution layers one operation at a time: AXT's
runtime (im2col and a GEMM, the direct kernel, and what the compiled models
call) against PyTorch on the same shapes.

    env -u OPENBLAS_CORETYPE /usr/bin/python3 benchmarks/conv_layers.py \\
        --bench build/bin/axt-conv-layer-bench --threads 2 \\
        --write-docs docs/benchmarks.md

The AXT side is axt-conv-layer-bench (benchmarks/conv_layers.cpp), which
prints one line per layer and operation:
    layer=NAME shape=CtoF,HxW,kK,sS,pP op=OP im2col_ms=X axt_ms=Y direct_ms=Z|-
PyTorch times F.conv2d for the forward convolution and
aten.convolution_backward with one output selected for each gradient, the
median of R repeats of the mean over 20 calls, as the AXT side does; AXT
and PyTorch take turns over several rounds, and the medians over the rounds
are reported.
"""
import argparse
import datetime
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

from bench_common import HEAP_LINE, blas_line, import_torch
from docs_section import cpu_model, write_section

BEGIN_MARK = "<!-- bench:conv-layers:begin -->"
END_MARK = "<!-- bench:conv-layers:end -->"
LINE_RE = re.compile(
    r"^layer=(\S+) shape=(\d+)to(\d+),(\d+)x\d+,k(\d+),s(\d+),p(\d+) "
    r"op=(\S+) "
    r"im2col_ms=([0-9.]+) axt_ms=([0-9.]+) direct_ms=([0-9.]+|-)$")
OPS = ("forward", "input_grad", "filter_grad")


def die(msg):
    print("conv_layers.py: error: " + msg, file=sys.stderr)
    sys.exit(1)


def run_axt(args):
    cmd = [args.bench, "--batch", str(args.batch), "--threads",
           str(args.threads), "--repeats", str(args.repeats)]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=args.timeout)
    except FileNotFoundError:
        die("cannot execute %s (build the axt-conv-layer-bench target, or "
            "pass --bench)" % args.bench)
    except subprocess.TimeoutExpired:
        die("`%s` timed out" % " ".join(map(shlex.quote, cmd)))
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        die("`%s` failed with exit status %d"
            % (" ".join(map(shlex.quote, cmd)), p.returncode))
    rows, blas = [], None
    for line in p.stdout.splitlines():
        if line.startswith("#"):
            m = re.search(r"\bblas=(\S+)", line)
            blas = m.group(1) if m else None
            continue
        m = LINE_RE.match(line.strip())
        if not m:
            die("cannot parse %r from %s" % (line, args.bench))
        name, c, f, h, k, s, pad, op = m.groups()[:8]
        rows.append({
            "layer": name, "C": int(c), "F": int(f), "H": int(h), "K": int(k),
            "stride": int(s), "pad": int(pad), "op": op,
            "im2col": float(m.group(9)), "axt": float(m.group(10)),
            "direct": None if m.group(11) == "-" else float(m.group(11)),
        })
    if not rows:
        die("%s printed no layers" % args.bench)
    return rows, blas


def time_torch(torch, row, args):
    """Median over args.repeats of the mean of 20 calls, in ms."""
    F = torch.nn.functional
    n, c, h, f, k, s, pad = (args.batch, row["C"], row["H"], row["F"],
                             row["K"], row["stride"], row["pad"])
    x = torch.randn(n, c, h, h)
    w = torch.randn(f, c, k, k)
    y = F.conv2d(x, w, stride=s, padding=pad)
    dy = torch.randn_like(y)
    mask = {"input_grad": [True, False, False],
            "filter_grad": [False, True, False]}.get(row["op"])
    if mask is None:
        def call():
            F.conv2d(x, w, stride=s, padding=pad)
    else:
        def call():
            torch.ops.aten.convolution_backward(
                dy, x, w, None, [s, s], [pad, pad], [1, 1], False, [0, 0], 1,
                mask)
    means = []
    with torch.no_grad():
        for r in range(args.repeats + 1):  # the first: warm-up
            t0 = time.perf_counter()
            for _ in range(20):
                call()
            if r > 0:
                means.append((time.perf_counter() - t0) / 20 * 1e3)
    return statistics.median(means)


def ms(value):
    return "-" if value is None else "%.3f" % value


def docs_section(args, rows, blas, torch_version):
    total = {key: sum(r[key] for r in rows) for key in ("axt", "torch")}
    lines = [
        BEGIN_MARK,
        "### ResNet-8's convolutions, one operation at a time",
        "",
        "Batch %d. Each time is the median of %d repeats of the mean over "
        "20 calls, then the median over %d rounds of AXT (every layer) "
        "then PyTorch (every layer) in one run; in AXT the three ways are "
        "alternated. `im2col`: im2col "
        "and one GEMM per sample (the direct kernel switched off); `direct`: "
        "the AVX-512 kernel over shifted planes (`runtime/cpu/conv_shifted.h`"
        "), only for stride 1 with an output as wide as the input; `AXT`: "
        "the entry point the compiled models call, which picks one of the "
        "two. PyTorch: `F.conv2d`, and `aten.convolution_backward` with one "
        "gradient selected. Each layer of the model is listed once "
        "(`block1` runs twice per step)." % (args.batch, args.repeats,
                                             args.rounds),
        "",
        "- Command: `%s`" % " ".join(
            map(shlex.quote, [sys.executable] + sys.argv)),
        "- Date: %s" % datetime.date.today().isoformat(),
        "- CPU: %s" % cpu_model(),
        "- Threads: %d" % args.threads,
        "- PyTorch: %s" % torch_version,
        blas_line(blas),
        HEAP_LINE,
        "",
        "| Layer | Operation | im2col ms | direct ms | AXT ms | PyTorch ms |"
        " AXT / PyTorch |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append("| %s (%d->%d, %dx%d, k%d, s%d) | %s | %.3f | %s | %.3f "
                     "| %.3f | %.2fx |" % (
                         r["layer"], r["C"], r["F"], r["H"], r["H"], r["K"],
                         r["stride"], r["op"], r["im2col"], ms(r["direct"]),
                         r["axt"], r["torch"], r["axt"] / r["torch"]))
    lines += [
        "",
        "Sum over the table: AXT %.3f ms, PyTorch %.3f ms." % (
            total["axt"], total["torch"]),
        END_MARK,
    ]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(
        description="Time ResNet-8's convolution layers in AXT and PyTorch.")
    ap.add_argument("--bench", default="build/bin/axt-conv-layer-bench")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=3,
                    help="AXT-then-PyTorch rounds; medians over them")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--write-docs", default=None, metavar="FILE",
                    help="update the conv-layers section of FILE")
    args = ap.parse_args()
    for name in ("threads", "batch", "repeats", "rounds"):
        if getattr(args, name) < 1:
            die("--%s must be >= 1" % name)
    if os.environ.get("OPENBLAS_CORETYPE"):
        print("note: OPENBLAS_CORETYPE=%s forces OpenBLAS's kernels"
              % os.environ["OPENBLAS_CORETYPE"], file=sys.stderr)
    torch = import_torch(args.threads, die)
    # Rounds of AXT (every layer) then PyTorch (every layer), so that drift
    # in the machine's speed reaches both; the median over rounds is kept.
    rounds = []
    for k in range(args.rounds):
        rows, blas = run_axt(args)
        for r in rows:
            r["torch"] = time_torch(torch, r, args)
        rounds.append(rows)
        print("round %d/%d done" % (k + 1, args.rounds), flush=True)
    rows = rounds[0]
    for i, r in enumerate(rows):
        for key in ("im2col", "axt", "direct", "torch"):
            if r[key] is not None:
                r[key] = statistics.median(rnd[i][key] for rnd in rounds)
    print("%-12s %-12s %9s %9s %9s %9s %8s" % (
        "layer", "op", "im2col", "direct", "AXT", "PyTorch", "AXT/PT"))
    for r in rows:
        print("%-12s %-12s %9.3f %9s %9.3f %9.3f %7.2fx" % (
            r["layer"], r["op"], r["im2col"], ms(r["direct"]), r["axt"],
            r["torch"], r["axt"] / r["torch"]))
    if args.write_docs:
        write_section(args.write_docs, BEGIN_MARK, END_MARK,
                      docs_section(args, rows, blas, torch.__version__))
        print("wrote %s" % args.write_docs)


if __name__ == "__main__":
    main()
