#!/usr/bin/python3
"""Time one training step of LeNet-5 and ResNet-8 in AXT and in PyTorch.

For each model, AXT runs MODEL_DIR/<model>.mlir and PyTorch runs the same
network (cnn_models.py) on the CPU with the same batch and thread count. The
measurements are interleaved (AXT lenet5, PyTorch lenet5, AXT resnet8,
PyTorch resnet8, then again) so that machine noise affects both alike, and
the median of the per-repeat medians is reported.

    /usr/bin/python3 benchmarks/cnn_step.py --threads 2 \\
        --write-docs docs/benchmarks.md

The AXT side runs `axt-run MODEL --bench-steps S --batch B --num-threads T`,
which must print exactly one line
    bench: steps=S batch=B threads=T step_ms_median=X step_ms_min=Y ...
A model whose .mlir file is missing is timed in PyTorch only.
"""
import argparse
import datetime
import os
import shlex
import statistics
import sys

from bench_common import (HEAP_LINE, TorchStepTimer, blas_line, import_torch,
                          run_axt_bench)
from cnn_models import MODELS, build_model, forward_flops
from docs_section import cpu_model, write_section

LR = 0.05
MOMENTUM = 0.9
WARMUP_STEPS = 20
TITLES = {"lenet5": "LeNet-5", "lenet5_bn": "LeNet-5 BN", "resnet8": "ResNet-8"}

BEGIN_MARK = "<!-- bench:cnn-step:begin -->"
END_MARK = "<!-- bench:cnn-step:end -->"

def die(msg):
    print("cnn_step.py: error: " + msg, file=sys.stderr)
    sys.exit(1)


def model_path(args, name):
    return os.path.join(args.model_dir, name + ".mlir")


def run_axt(args, path):
    return run_axt_bench(args, path, die, "build it first, pass --axt-run, "
                         "or use --torch-only")


class TorchBench(TorchStepTimer):
    """One model, one fixed random batch, SGD with momentum, training mode
    (BatchNorm with batch statistics)."""

    def __init__(self, torch, name, args):
        torch.manual_seed(0)
        model = build_model(name)
        self.flops = 3 * forward_flops(model, args.batch)
        opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
        # Uniform [0, 1) pixels and uniform labels, as axt-run --bench-steps.
        self.setup(model, opt, torch.rand(args.batch, 1, 28, 28),
                   torch.randint(0, 10, (args.batch,)), args.steps,
                   WARMUP_STEPS)


def reconstruct_command(args):
    parts = ["/usr/bin/python3", "benchmarks/cnn_step.py",
             "--axt-run", args.axt_run, "--model-dir", args.model_dir,
             "--models"] + args.models + [
             "--threads", str(args.threads), "--batch", str(args.batch),
             "--steps", str(args.steps), "--repeats", str(args.repeats)]
    if args.torch_only:
        parts.append("--torch-only")
    if args.write_docs:
        parts += ["--write-docs", args.write_docs]
    return " ".join(shlex.quote(p) for p in parts)


def gflops(flops, ms):
    return flops / (ms * 1e-3) / 1e9


def fmt(value, spec):
    return "n/a" if value is None else spec % value


def docs_section(args, res):
    torch_version = res["torch_version"]
    lines = [
        BEGIN_MARK,
        "## CNN training step (LeNet-5, ResNet-8, batch %d)" % args.batch,
        "",
        "One SGD step (lr %g, momentum %g) with softmax cross-entropy on "
        "1x28x28 inputs, on the CPU: forward, backward and update, BatchNorm "
        "in training mode. Median over %d steps (after warm-up), median of "
        "%d interleaved repeats. AXT runs %s; PyTorch the same layers "
        "(benchmarks/cnn_models.py) on a fixed batch of uniform random "
        "inputs."
        % (LR, MOMENTUM, args.steps, args.repeats,
           " and ".join(model_path(args, m) for m in args.models)),
        "",
        "- Command: `%s`" % reconstruct_command(args),
        "- Date: %s" % res["date"],
        "- CPU: %s" % res["cpu"],
        "- Threads: %d" % args.threads,
        "- PyTorch: %s" % torch_version,
        blas_line(res["blas"]),
        HEAP_LINE,
        "",
        "| Model | AXT ms/step | PyTorch ms/step | AXT / PyTorch | "
        "AXT GFLOP/s | PyTorch GFLOP/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in res["rows"]:
        lines.append("| %s | %s | %.3f | %s | %s | %.2f |" % (
            TITLES[r["model"]], fmt(r["axt_ms"], "%.3f"), r["torch_ms"],
            fmt(r["ratio"], "**%.2fx**"), fmt(r["axt_gflops"], "%.2f"),
            r["torch_gflops"]))
    lines += [
        "",
        "The ratio is time per step, AXT over PyTorch: below 1 means AXT is "
        "faster. Training FLOPs per step = 3 x forward, counting only the "
        "multiply-adds of convolutions and linear layers (2 per MAC): "
        + ", ".join("%s %.3g" % (TITLES[r["model"]], r["flops"])
                    for r in res["rows"]) + ".",
    ]
    skipped = [r for r in res["rows"] if r["axt_ms"] is None]
    if skipped:
        lines += ["", "Not measured in AXT: " + "; ".join(
            "%s (%s)" % (TITLES[r["model"]], r["why"]) for r in skipped) + "."]
    lines.append(END_MARK)
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(
        description="Time one CNN training step in AXT and PyTorch (CPU).")
    ap.add_argument("--axt-run", default="build/bin/axt-run")
    ap.add_argument("--model-dir", default="examples",
                    help="directory holding <model>.mlir (default examples)")
    ap.add_argument("--models", nargs="+", choices=MODELS,
                    default=list(MODELS))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds allowed per axt-run invocation")
    ap.add_argument("--torch-only", action="store_true",
                    help="time PyTorch alone, without running axt-run")
    ap.add_argument("--write-docs", default=None, metavar="FILE",
                    help="update the cnn-step section of FILE "
                         "(e.g. docs/benchmarks.md)")
    args = ap.parse_args()
    for name in ("threads", "batch", "steps", "repeats"):
        if getattr(args, name) < 1:
            die("--%s must be >= 1" % name)
    args.models = list(dict.fromkeys(args.models))  # drop repeats, keep order

    axt_models, why = [], {}
    for name in args.models:
        path = model_path(args, name)
        if args.torch_only:
            why[name] = "--torch-only"
        elif not os.path.isfile(path):
            why[name] = "%s not found" % path
            print("note: %s not found; %s is timed in PyTorch only"
                  % (path, name), file=sys.stderr, flush=True)
        else:
            axt_models.append(name)
    if axt_models and not os.access(args.axt_run, os.X_OK):
        die("%s is missing or not executable (build it first, pass "
            "--axt-run, or use --torch-only)" % args.axt_run)

    torch = import_torch(args.threads, die)

    benches = {}
    blas = None
    axt_meds = {m: [] for m in axt_models}
    torch_meds = {m: [] for m in args.models}
    for r in range(args.repeats):
        for name in args.models:
            parts = []
            if name in axt_meds:
                a, blas = run_axt(args, model_path(args, name))
                axt_meds[name].append(a)
                parts.append("axt %.3f ms/step" % a)
            if name not in benches:
                # Built after the first AXT run so a broken axt-run fails fast.
                benches[name] = TorchBench(torch, name, args)
            t = benches[name].measure()
            torch_meds[name].append(t)
            parts.append("pytorch %.3f ms/step" % t)
            print("repeat %d/%d %-8s %s" % (r + 1, args.repeats, name,
                                            ", ".join(parts)), flush=True)

    rows = []
    for name in args.models:
        flops = benches[name].flops
        torch_ms = statistics.median(torch_meds[name])
        axt_ms = (statistics.median(axt_meds[name]) if name in axt_meds
                  else None)
        rows.append({
            "model": name,
            "flops": flops,
            "torch_ms": torch_ms,
            "torch_gflops": gflops(flops, torch_ms),
            "axt_ms": axt_ms,
            "axt_gflops": None if axt_ms is None else gflops(flops, axt_ms),
            "ratio": None if axt_ms is None else axt_ms / torch_ms,
            "why": why.get(name),
        })
    res = {
        "rows": rows,
        "torch_version": torch.__version__,
        "cpu": cpu_model(),
        "date": datetime.date.today().isoformat(),
        "blas": blas,
    }

    print()
    print("CNN training step, batch %d, %d threads, %d steps x %d repeats"
          % (args.batch, args.threads, args.steps, args.repeats))
    print("%-8s %12s %12s %10s %10s %10s" % (
        "model", "AXT ms", "PyTorch ms", "AXT/PT", "AXT GF/s", "PT GF/s"))
    for row in rows:
        print("%-8s %12s %12.3f %10s %10s %10.2f" % (
            row["model"], fmt(row["axt_ms"], "%.3f"), row["torch_ms"],
            fmt(row["ratio"], "%.2fx"), fmt(row["axt_gflops"], "%.2f"),
            row["torch_gflops"]))
    for row in rows:
        if row["axt_ms"] is None:
            print("%s: not measured in AXT (%s)" % (row["model"], row["why"]))
    print("PyTorch %s; GFLOP/s count conv and linear multiply-adds only"
          % torch.__version__)

    if args.write_docs:
        write_section(args.write_docs, BEGIN_MARK, END_MARK,
                      docs_section(args, res))
        print("updated %s" % args.write_docs)


if __name__ == "__main__":
    main()
