#!/usr/bin/env python3
"""Test accuracy of the MLP after training on Fashion-MNIST, AXT vs PyTorch.

For each seed, trains examples/mlp.mlir with axt-run and the same model with
benchmarks/torch_mlp_train.py (same init scheme, data, standardization,
batch, lr and momentum, one epoch by default), and reports each run and the
mean and standard deviation over seeds.

    /usr/bin/python3 benchmarks/mlp_accuracy.py --seeds 1 2 3 4 5 \\
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

from docs_section import cpu_model, die, write_section

BEGIN_MARK = "<!-- bench:mlp-accuracy:begin -->"
END_MARK = "<!-- bench:mlp-accuracy:end -->"
ACCURACY_RE = re.compile(r"^test accuracy: ([0-9.]+)%", re.M)
HERE = os.path.dirname(os.path.abspath(__file__))


def accuracy_of(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode != 0:
        die("`%s` failed (%d):\n%s" % (" ".join(map(shlex.quote, cmd)),
                                        p.returncode, p.stderr))
    found = ACCURACY_RE.findall(p.stdout)
    if len(found) != 1:
        die("`%s` printed no 'test accuracy: X%%' line" % " ".join(cmd))
    return float(found[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--axt-run", default="build/bin/axt-run")
    ap.add_argument("--model", default="examples/mlp.mlir")
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--write-docs")
    args = ap.parse_args()

    common = ["--epochs", str(args.epochs), "--batch", "64", "--lr", "0.05",
              "--momentum", "0.9"]
    rows = []
    for seed in args.seeds:
        axt = accuracy_of([args.axt_run, args.model, "--seed", str(seed),
                           "--num-threads", str(args.threads)] + common)
        torch = accuracy_of([sys.executable,
                             os.path.join(HERE, "torch_mlp_train.py"),
                             "--seed", str(seed), "--threads",
                             str(args.threads)] + common)
        print("seed %d: AXT %.2f%%  PyTorch %.2f%%" % (seed, axt, torch),
              flush=True)
        rows.append((seed, axt, torch))

    def summary(values):
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        return statistics.mean(values), sd

    axt_mean, axt_sd = summary([r[1] for r in rows])
    torch_mean, torch_sd = summary([r[2] for r in rows])
    print("mean over %d seeds: AXT %.2f%% (sd %.2f)  PyTorch %.2f%% (sd %.2f)"
          % (len(rows), axt_mean, axt_sd, torch_mean, torch_sd))
    if not args.write_docs:
        return
    command = " ".join(["/usr/bin/python3", "benchmarks/mlp_accuracy.py",
                        "--axt-run", args.axt_run, "--seeds"] +
                       [str(s) for s in args.seeds] +
                       ["--epochs", str(args.epochs), "--threads",
                        str(args.threads), "--write-docs", args.write_docs])
    lines = [
        BEGIN_MARK,
        "## MLP test accuracy on Fashion-MNIST (%d epoch(s))" % args.epochs,
        "",
        "784-256-256-10 ReLU MLP, batch 64, SGD lr 0.05 momentum 0.9, "
        "He-uniform weights and zero biases, inputs standardized with the "
        "training split's mean and standard deviation; the same settings in "
        "both. Test accuracy on the 10,000 t10k images after the last step.",
        "",
        "- Command: `%s`" % command,
        "- Date: %s" % datetime.date.today().isoformat(),
        "- CPU: %s, %d threads" % (cpu_model(), args.threads),
        "",
        "| seed | AXT | PyTorch |",
        "|---:|---:|---:|",
    ]
    lines += ["| %d | %.2f%% | %.2f%% |" % r for r in rows]
    lines += [
        "| **mean (sd)** | **%.2f%% (%.2f)** | **%.2f%% (%.2f)** |"
        % (axt_mean, axt_sd, torch_mean, torch_sd),
        "",
        "The last-iterate accuracy after one epoch at this learning rate "
        "varies by about a point between seeds in both implementations; "
        "the two use different random streams, so only the distributions "
        "are comparable, not individual seeds.",
        END_MARK,
    ]
    write_section(args.write_docs, BEGIN_MARK, END_MARK, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
