#!/usr/bin/python3
"""Time one training step of the 784-256-256-10 MLP in AXT and in PyTorch.

Both run on the CPU in the same invocation with the same thread count; the
measurements are interleaved (AXT, PyTorch, AXT, PyTorch, ...) so that
machine noise affects both alike, and the median of the per-repeat medians is
reported.

    /usr/bin/python3 benchmarks/mlp_step.py --threads 2 \
        --write-docs docs/benchmarks.md

The AXT side runs `axt-run MODEL --bench-steps S --batch B --num-threads T`,
which must print exactly one line
    bench: steps=S batch=B threads=T step_ms_median=X step_ms_min=Y ...
"""
import argparse
import datetime
import os
import shlex
import statistics
import sys

from bench_common import (HEAP_LINE, TorchStepTimer, blas_line, import_torch,
                          run_axt_bench)
from docs_section import cpu_model, write_section

LAYERS = [784, 256, 256, 10]
LR = 0.05
MOMENTUM = 0.9
WARMUP_STEPS = 20

BEGIN_MARK = "<!-- bench:mlp-step:begin -->"
END_MARK = "<!-- bench:mlp-step:end -->"

def die(msg):
    print("mlp_step.py: error: " + msg, file=sys.stderr)
    sys.exit(1)


def train_flops(batch):
    forward = 2 * batch * sum(i * o for i, o in zip(LAYERS[:-1], LAYERS[1:]))
    return 3 * forward


def run_axt(args):
    return run_axt_bench(args, args.model, die,
                         "build it first, or pass --axt-run", who="axt-run")


class TorchBench(TorchStepTimer):
    def __init__(self, args):
        import torch
        import torch.nn as nn
        torch.manual_seed(0)
        mods = []
        for l, (i, o) in enumerate(zip(LAYERS[:-1], LAYERS[1:])):
            mods.append(nn.Linear(i, o))
            if l + 2 < len(LAYERS):
                mods.append(nn.ReLU())
        model = nn.Sequential(*mods)
        opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
        self.setup(model, opt, torch.rand(args.batch, LAYERS[0]),
                   torch.randint(0, LAYERS[-1], (args.batch,)), args.steps,
                   WARMUP_STEPS)


def reconstruct_command(args):
    parts = ["/usr/bin/python3", "benchmarks/mlp_step.py",
             "--axt-run", args.axt_run, "--model", args.model,
             "--threads", str(args.threads), "--batch", str(args.batch),
             "--steps", str(args.steps), "--repeats", str(args.repeats)]
    if args.write_docs:
        parts += ["--write-docs", args.write_docs]
    return " ".join(shlex.quote(p) for p in parts)


def docs_section(args, res):
    torch_version = res["torch_version"]
    lines = [
        BEGIN_MARK,
        "## MLP training step (784-256-256-10, batch %d)" % args.batch,
        "",
        "One SGD step (lr %g, momentum %g) of a 784-256-256-10 ReLU MLP with "
        "softmax cross-entropy, on the CPU. Median over %d steps, median of "
        "%d interleaved repeats." % (LR, MOMENTUM, args.steps, args.repeats),
        "",
        "- Command: `%s`" % reconstruct_command(args),
        "- Date: %s" % res["date"],
        "- CPU: %s" % res["cpu"],
        "- Threads: %d" % args.threads,
        "- PyTorch: %s" % torch_version,
        blas_line(res["blas"]),
        HEAP_LINE,
        "",
        "| Implementation | ms/step (median) | GFLOP/s |",
        "|---|---:|---:|",
        "| AXT | %.3f | %.2f |" % (res["axt_ms"], res["axt_gflops"]),
        "| PyTorch %s | %.3f | %.2f |" % (torch_version, res["torch_ms"],
                                         res["torch_gflops"]),
        "",
        "Ratio AXT / PyTorch (time per step, lower is better for AXT): "
        "**%.2fx**" % res["ratio"],
        "",
        "Training FLOPs per step = 3 x forward = %.3g (forward = 2 x batch x "
        "sum(in x out))." % train_flops(args.batch),
        END_MARK,
    ]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(
        description="Time one MLP training step in AXT and PyTorch (CPU).")
    ap.add_argument("--axt-run", default="build/bin/axt-run")
    ap.add_argument("--model", default="examples/mlp.mlir")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds allowed per axt-run invocation")
    ap.add_argument("--write-docs", default=None, metavar="FILE",
                    help="update the mlp-step section of FILE "
                         "(e.g. docs/benchmarks.md)")
    args = ap.parse_args()
    for name in ("threads", "batch", "steps", "repeats"):
        if getattr(args, name) < 1:
            die("--%s must be >= 1" % name)
    if not os.path.isfile(args.model):
        die("model file %s not found (pass --model)" % args.model)

    torch = import_torch(args.threads, die)

    bench = None
    axt_meds, torch_meds = [], []
    for r in range(args.repeats):
        a, blas = run_axt(args)
        if bench is None:
            # Built after the first AXT run so a broken axt-run fails fast.
            bench = TorchBench(args)
        t = bench.measure()
        axt_meds.append(a)
        torch_meds.append(t)
        print("repeat %d/%d: axt %.3f ms/step, pytorch %.3f ms/step"
              % (r + 1, args.repeats, a, t), flush=True)

    axt_ms = statistics.median(axt_meds)
    torch_ms = statistics.median(torch_meds)
    flops = train_flops(args.batch)
    res = {
        "axt_ms": axt_ms,
        "torch_ms": torch_ms,
        "axt_gflops": flops / (axt_ms * 1e-3) / 1e9,
        "torch_gflops": flops / (torch_ms * 1e-3) / 1e9,
        "ratio": axt_ms / torch_ms,
        "torch_version": torch.__version__,
        "cpu": cpu_model(),
        "date": datetime.date.today().isoformat(),
        "blas": blas,
    }

    print()
    print("MLP 784-256-256-10, batch %d, %d threads, %d steps x %d repeats"
          % (args.batch, args.threads, args.steps, args.repeats))
    print("%-16s %12s %10s" % ("", "ms/step", "GFLOP/s"))
    print("%-16s %12.3f %10.2f" % ("AXT", axt_ms, res["axt_gflops"]))
    print("%-16s %12.3f %10.2f" % ("PyTorch " + torch.__version__, torch_ms,
                                   res["torch_gflops"]))
    print("ratio AXT/PyTorch: %.2fx" % res["ratio"])

    if args.write_docs:
        write_section(args.write_docs, BEGIN_MARK, END_MARK, docs_section(args, res))
        print("updated %s" % args.write_docs)


if __name__ == "__main__":
    main()
