#!/usr/bin/env python3
"""Compressed saved activations: test accuracy, bytes and step time.

For each model and seed, trains it with axt-run three ways in one run:
f32 saved activations, 4-bit and 2-bit (groups of at most 256 within an
example, stochastic rounding), with the same seed, data and settings (2 epochs, batch 64, SGD lr
0.05 momentum 0.9 by default), and reports the test accuracy of each run,
the mean and standard deviation over seeds, the saved-activation bytes per
step (axt-run's report) and the median step time of each configuration
measured side by side (--bench-steps, same process conditions).

    python3 benchmarks/compression.py --models mlp lenet5 --seeds 1 2 3 \\
        --write-docs docs/benchmarks.md
"""
import argparse
import datetime
import math
import os
import re
import shlex
import statistics
import subprocess
import sys

from bench_common import BENCH_RE, DEFAULT_DATA
from docs_section import cpu_model, die, write_section

BEGIN_MARK = "<!-- bench:compression:begin -->"
END_MARK = "<!-- bench:compression:end -->"
ACCURACY_RE = re.compile(r"^test accuracy: ([0-9.]+)%", re.M)
SAVED_RE = re.compile(r"^saved activations \(batch \d+\): \d+ values, (\d+) "
                      r"bytes \(as f32: (\d+) bytes", re.M)
PACKED_RE = re.compile(r"^saved: \S+\s+N?x?([\dx]*) (\d+)-bit, group ", re.M)
# (name, bits, mixed precision): "2-bit mixed" calibrates each seed's
# sensitivities first (axt-run --calibrate) and trains with the widths
# axt-allocate-bits chooses for as many bits per element on average as the
# uniform 2-bit step keeps (its logits take 8 and its ReLU codes at least 2,
# so the budget is a little above 2).
CONFIGS = (("f32", 0, False), ("4-bit", 4, False), ("2-bit", 2, False),
           ("2-bit mixed", 2, True))
TITLES = {"mlp": "MLP 784-256-256-10", "lenet5": "LeNet-5",
          "lenet5_bn": "LeNet-5 BN", "resnet8": "ResNet-8"}


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode != 0:
        die("`%s` failed (%d):\n%s" % (" ".join(map(shlex.quote, cmd)),
                                        p.returncode, p.stderr[-2000:]))
    return p.stdout


def one(regex, text, cmd):
    found = [m.group(1) if regex.groups == 1 else m.groups()
             for line in text.splitlines() for m in [regex.match(line)] if m]
    if len(found) != 1:
        die("`%s`: expected one match of %s" % (" ".join(cmd), regex.pattern))
    return found[0]


def average_bits(report):
    """Bits per element of the packed values in an --saved-report listing
    (the batch, a factor of every size, cancels out)."""
    total = weighted = 0
    for shape, bits in PACKED_RE.findall(report):
        n = 1
        for d in filter(None, shape.split("x")):
            n *= int(d)
        total += n
        weighted += n * int(bits)
    return weighted / total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--axt-run", default="build/bin/axt-run")
    ap.add_argument("--model-dir", default="examples")
    ap.add_argument("--data-dir", default=DEFAULT_DATA)
    ap.add_argument("--models", nargs="+", default=["mlp", "lenet5"],
                    choices=sorted(TITLES))
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bench-steps", type=int, default=100)
    ap.add_argument("--bench-rounds", type=int, default=5,
                    help="timing rounds; each times the three "
                    "configurations back to back, and each configuration "
                    "keeps its lowest median (this VM's neighbours make "
                    "single medians swing by 20%%)")
    ap.add_argument("--write-docs", metavar="FILE")
    ap.add_argument("--work-dir", default="/tmp",
                    help="where the calibration files go")
    args = ap.parse_args()
    if not os.access(args.axt_run, os.X_OK):
        die("%s is not an executable (build it first)" % args.axt_run)

    common = ["--num-threads", str(args.threads), "--batch", "64",
              "--lr", "0.05", "--momentum", "0.9"]
    results, budgets = {}, {}
    for model in args.models:
        path = os.path.join(args.model_dir, model + ".mlir")
        rows = {}
        budget = {}
        for name, bits, mixed in CONFIGS:
            extra = (["--bits", str(bits)] if bits else []) + \
                ["--saved-report"]
            accs = []
            for seed in args.seeds:
                if mixed:
                    calibration = "%s/%s-seed%d.sensitivity.json" % (
                        args.work_dir, model, seed)
                    run([args.axt_run, path, "--bits", str(bits),
                         "--seed", str(seed), "--calibrate", calibration] +
                        common)
                    extra = ["--bits", str(bits), "--sensitivity",
                             calibration, "--bit-budget", budget[bits]]
                cmd = [args.axt_run, path, "--data-dir", args.data_dir,
                       "--epochs", str(args.epochs), "--seed", str(seed)] + \
                    common + extra
                out = run(cmd)
                accs.append(float(one(ACCURACY_RE, out, cmd)))
                saved, as_f32 = map(int, one(SAVED_RE, out, cmd))
                if bits and not mixed:
                    # Rounded up, so that the uniform widths fit it.
                    budget[bits] = "%.6f" % (
                        math.ceil(average_bits(out) * 1e6) / 1e6)
                print("%s %s seed %d: %.2f%%, saved %d bytes" %
                      (model, name, seed, accs[-1], saved), flush=True)
            rows[name] = {"accs": accs, "saved": saved, "f32": as_f32}
        # Step times of the configurations back to back, in rounds.
        for _ in range(args.bench_rounds):
            for name, bits, mixed in CONFIGS:
                cmd = [args.axt_run, path, "--bench-steps",
                       str(args.bench_steps)] + common + \
                    (["--bits", str(bits)] if bits else []) + \
                    (["--sensitivity", calibration, "--bit-budget",
                      budget[bits]] if mixed else [])
                ms = float(one(BENCH_RE, run(cmd), cmd))
                rows[name]["ms"] = min(ms, rows[name].get("ms", ms))
                print("%s %s: %.3f ms/step" % (model, name, ms), flush=True)
        results[model] = rows
        budgets[model] = budget[2]

    cmdline = " ".join(shlex.quote(a) for a in
                       ["python3", "benchmarks/compression.py", "--models"] +
                       args.models + ["--seeds"] +
                       [str(s) for s in args.seeds] +
                       ["--epochs", str(args.epochs), "--threads",
                        str(args.threads)] +
                       (["--write-docs", args.write_docs]
                        if args.write_docs else []))
    lines = [BEGIN_MARK,
             "## Compressed saved activations: accuracy, bytes, step time",
             "",
             "axt-run with f32 saved activations and with `--bits 4` and "
             "`--bits 2` (groups of at most 256 that never straddle two "
             "examples, stochastic rounding, logits of the loss at 8 bits), "
             "and mixed precision at the uniform 2-bit "
             "step's average bits per element (`--calibrate` with the run's "
             "seed, then `--sensitivity` and `--bit-budget`: %s), "
             "%d epoch(s), batch 64, SGD lr 0.05 momentum "
             "0.9, the same seeds; test accuracy on the 10,000 test images. "
             "Saved bytes: axt-run's report at batch 64 (activations only; "
             "the arguments, parameters, labels and the batch itself, are "
             "kept by the caller anyway). Step "
             "time: the lowest of %d medians of %d steps (`--bench-steps`), "
             "the configurations timed back to back in each round."
             % (", ".join("%s %s" % (TITLES[m], b) for m, b in budgets.items()),
                args.epochs, args.bench_rounds, args.bench_steps),
             "",
             "- Command: `%s`" % cmdline,
             "- Date: %s" % datetime.date.today().isoformat(),
             "- CPU: %s, %d threads" % (cpu_model(), args.threads),
             ""]
    for model, rows in results.items():
        base = rows["f32"]
        lines += ["### %s" % TITLES[model], "",
                  "| saved activations | " +
                  " | ".join("seed %d" % s for s in args.seeds) +
                  " | mean (sd) | vs f32 | bytes/step | ratio | ms/step | "
                  "overhead |",
                  "|---|" + "---:|" * (len(args.seeds) + 6)]
        for name, _, _ in CONFIGS:
            r = rows[name]
            mean = statistics.mean(r["accs"])
            sd = statistics.stdev(r["accs"]) if len(r["accs"]) > 1 else 0.0
            lines.append(
                "| %s | %s | %.2f (%.2f) | %+.2f | %d | %.2fx | %.2f | %+.0f%% |"
                % (name, " | ".join("%.2f" % a for a in r["accs"]), mean, sd,
                   mean - statistics.mean(base["accs"]), r["saved"],
                   base["saved"] / r["saved"], r["ms"],
                   100.0 * (r["ms"] / base["ms"] - 1.0)))
        lines.append("")
    lines.append(END_MARK)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write_docs:
        write_section(args.write_docs, BEGIN_MARK, END_MARK, text)


if __name__ == "__main__":
    sys.exit(main())
