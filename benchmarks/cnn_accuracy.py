#!/usr/bin/python3
"""Test accuracy of LeNet-5 and ResNet-8 on Fashion-MNIST, AXT vs PyTorch.

For each model and seed, trains MODEL_DIR/<model>.mlir with axt-run and the
same network with benchmarks/torch_cnn_train.py (same init scheme, data,
standardization, epochs, batch 64, lr 0.05, momentum 0.9), and reports each
run's test accuracy and wall time and the mean and standard deviation over
seeds. Defaults: LeNet-5 2 epochs, ResNet-8 3 epochs, seeds 1 2 3. A model
whose .mlir file is missing is trained in PyTorch only.

    /usr/bin/python3 benchmarks/cnn_accuracy.py --threads 2 \\
        --write-docs docs/benchmarks.md
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

from cnn_models import MODELS
from docs_section import cpu_model, write_section

BEGIN_MARK = "<!-- bench:cnn-accuracy:begin -->"
END_MARK = "<!-- bench:cnn-accuracy:end -->"
ACCURACY_RE = re.compile(r"^test accuracy: ([0-9.]+)%", re.M)
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_EPOCHS = {"lenet5": 2, "lenet5_bn": 2, "resnet8": 3}
TITLES = {"lenet5": "LeNet-5", "lenet5_bn": "LeNet-5 BN", "resnet8": "ResNet-8"}
LR = 0.05
MOMENTUM = 0.9
BATCH = 64


def die(msg):
    print("cnn_accuracy.py: error: " + msg, file=sys.stderr)
    sys.exit(1)


def run_for_accuracy(cmd, timeout):
    """Runs `cmd`; returns (test accuracy in %, wall seconds)."""
    cmdline = " ".join(map(shlex.quote, cmd))
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=timeout)
    except OSError as e:
        die("cannot execute `%s`: %s" % (cmdline, e))
    except subprocess.TimeoutExpired:
        die("`%s` timed out after %ss" % (cmdline, timeout))
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        die("`%s` failed (%d):\n%s%s" % (cmdline, p.returncode,
                                          p.stdout[-2000:], p.stderr))
    found = ACCURACY_RE.findall(p.stdout)
    if len(found) != 1:
        die("`%s` printed %d 'test accuracy: X%%' lines, expected exactly 1; "
            "its stdout ended with:\n%s"
            % (cmdline, len(found), p.stdout[-2000:]))
    return float(found[0]), seconds


def summary(values):
    if not values:
        return None, None
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return statistics.mean(values), sd


def fmt(value, spec):
    return "n/a" if value is None else spec % value


def reconstruct_command(args):
    parts = ["/usr/bin/python3", "benchmarks/cnn_accuracy.py",
             "--axt-run", args.axt_run, "--model-dir", args.model_dir,
             "--models"] + args.models + ["--seeds"] + \
            [str(s) for s in args.seeds]
    for name in args.models:
        parts += ["--%s-epochs" % name, str(args.epochs[name])]
    parts += ["--threads", str(args.threads)]
    if not args.drop_last:
        parts.append("--no-drop-last")
    if args.torch_only:
        parts.append("--torch-only")
    if args.write_docs:
        parts += ["--write-docs", args.write_docs]
    return " ".join(shlex.quote(p) for p in parts)


def docs_section(args, results, why):
    lines = [
        BEGIN_MARK,
        "## CNN test accuracy on Fashion-MNIST",
        "",
        "%s (%s; the same layers in PyTorch in benchmarks/cnn_models.py), "
        "batch %d, "
        "SGD lr %g momentum %g, no weight decay, conv and linear weights "
        "initialized as the model file says (LeNet-5: U(±1/√fan_in), the "
        "others He-uniform) and zero biases, BatchNorm with batch statistics in training "
        "and running statistics for the test set, inputs standardized with "
        "the training split's mean and standard deviation; the same settings "
        "in both.%s Test accuracy on the 10,000 t10k images after the last "
        "step; time is the whole run (loading, training and evaluation)."
        % (" and ".join(TITLES[m] for m in args.models),
           ", ".join(os.path.join(args.model_dir, m + ".mlir")
                     for m in args.models), BATCH, LR, MOMENTUM,
           " PyTorch skips the short last batch of each epoch, as axt-run "
           "does with a fixed batch size." if args.drop_last else ""),
        "",
        "- Command: `%s`" % reconstruct_command(args),
        "- Date: %s" % datetime.date.today().isoformat(),
        "- CPU: %s, %d threads" % (cpu_model(), args.threads),
        "- PyTorch: %s" % args.torch_version,
    ]
    for name in args.models:
        rows = results[name]
        axt_mean, axt_sd = summary([r[1] for r in rows if r[1] is not None])
        pt_mean, pt_sd = summary([r[3] for r in rows])
        lines += [
            "",
            "### %s, %d epoch(s)" % (TITLES[name], args.epochs[name]),
            "",
            "| seed | AXT | PyTorch | AXT time (s) | PyTorch time (s) |",
            "|---:|---:|---:|---:|---:|",
        ]
        for seed, axt, axt_s, pt, pt_s in rows:
            lines.append("| %d | %s | %.2f%% | %s | %.0f |" % (
                seed, fmt(axt, "%.2f%%"), pt, fmt(axt_s, "%.0f"), pt_s))
        lines.append("| **mean (sd)** | %s | **%.2f%% (%.2f)** | | |" % (
            "n/a" if axt_mean is None
            else "**%.2f%% (%.2f)**" % (axt_mean, axt_sd), pt_mean, pt_sd))
        if name in why:
            lines += ["", "Not run in AXT: %s." % why[name]]
    lines += [
        "",
        "The two implementations use different random streams for "
        "initialization and shuffling, so only the distributions over seeds "
        "are comparable, not individual seeds.",
        END_MARK,
    ]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--axt-run", default="build/bin/axt-run")
    ap.add_argument("--model-dir", default="examples",
                    help="directory holding <model>.mlir (default examples)")
    ap.add_argument("--models", nargs="+", choices=MODELS,
                    default=list(MODELS))
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    for name in MODELS:
        ap.add_argument("--%s-epochs" % name, type=int,
                        default=DEFAULT_EPOCHS[name],
                        help="epochs for %s (default %d)"
                             % (name, DEFAULT_EPOCHS[name]))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--drop-last", action=argparse.BooleanOptionalAction,
                    default=True,
                    help="PyTorch skips each epoch's short last batch, as "
                         "axt-run does for a model with a fixed batch size "
                         "(default on)")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds allowed per training run (default none)")
    ap.add_argument("--torch-only", action="store_true",
                    help="train in PyTorch alone, without running axt-run")
    ap.add_argument("--write-docs", metavar="FILE",
                    help="update the cnn-accuracy section of FILE "
                         "(e.g. docs/benchmarks.md)")
    args = ap.parse_args()
    args.models = list(dict.fromkeys(args.models))
    args.epochs = {name: getattr(args, "%s_epochs" % name) for name in MODELS}
    if args.threads < 1 or min(args.epochs[m] for m in args.models) < 1:
        die("--threads and the epoch counts must be >= 1")

    try:
        import torch
        args.torch_version = torch.__version__
    except ImportError:
        die("PyTorch is not importable by %s; run with /usr/bin/python3"
            % sys.executable)

    why = {}
    for name in args.models:
        path = os.path.join(args.model_dir, name + ".mlir")
        if args.torch_only:
            why[name] = "--torch-only"
        elif not os.path.isfile(path):
            why[name] = "%s not found" % path
            print("note: %s not found; %s is trained in PyTorch only"
                  % (path, name), file=sys.stderr, flush=True)
    if len(why) < len(args.models) and not os.access(args.axt_run, os.X_OK):
        die("%s is missing or not executable (build it first, pass "
            "--axt-run, or use --torch-only)" % args.axt_run)

    results = {}
    for name in args.models:
        common = ["--epochs", str(args.epochs[name]), "--batch", str(BATCH),
                  "--lr", str(LR), "--momentum", str(MOMENTUM)]
        rows = []
        for seed in args.seeds:
            axt = axt_s = None
            if name not in why:
                axt, axt_s = run_for_accuracy(
                    [args.axt_run, os.path.join(args.model_dir, name + ".mlir"),
                     "--seed", str(seed), "--num-threads", str(args.threads)]
                    + common, args.timeout)
            pt, pt_s = run_for_accuracy(
                [sys.executable, os.path.join(HERE, "torch_cnn_train.py"),
                 "--model", name, "--seed", str(seed),
                 "--threads", str(args.threads)] + common
                + (["--drop-last"] if args.drop_last else []), args.timeout)
            print("%s seed %d: AXT %s  PyTorch %.2f%% (%.0f s)"
                  % (name, seed, "n/a" if axt is None
                     else "%.2f%% (%.0f s)" % (axt, axt_s), pt, pt_s),
                  flush=True)
            rows.append((seed, axt, axt_s, pt, pt_s))
        results[name] = rows

    print()
    for name in args.models:
        rows = results[name]
        axt_mean, axt_sd = summary([r[1] for r in rows if r[1] is not None])
        pt_mean, pt_sd = summary([r[3] for r in rows])
        print("%s, %d epoch(s), mean over %d seeds: AXT %s  PyTorch %.2f%% "
              "(sd %.2f)" % (
                  name, args.epochs[name], len(rows),
                  "n/a (%s)" % why[name] if axt_mean is None
                  else "%.2f%% (sd %.2f)" % (axt_mean, axt_sd),
                  pt_mean, pt_sd))
    if args.write_docs:
        write_section(args.write_docs, BEGIN_MARK, END_MARK,
                      docs_section(args, results, why))
        print("updated %s" % args.write_docs)


if __name__ == "__main__":
    main()
