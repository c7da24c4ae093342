#!/usr/bin/env python3
"""Memory of the training step per model: no reuse, LOAD, planned arena.

For each example model and batch size, builds the training step with
axt-opt (axt-autodiff; for 2 bits also axt-relu-mask and
axt-compress-activations) and reads axt-memory-report's JSON: the bytes
of every buffer without any reuse (the naive peak), and LOAD, the largest
sum of bytes live at one op (the least memory any buffer assignment of
that op order needs: what a planner can reach at best), with what makes
it up. Also times the report (the liveness analysis).

    python3 benchmarks/memory.py --write-docs docs/benchmarks.md \
        --plot docs/memory.png
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

from docs_section import cpu_model, die, write_section

BEGIN_MARK = "<!-- bench:memory:begin -->"
END_MARK = "<!-- bench:memory:end -->"
MODELS = (("mlp", "MLP", (1, 32)), ("lenet5", "LeNet-5", (1, 32)),
          ("resnet8", "ResNet-8", (1, 32)), ("vgg11", "VGG-11", (1, 32)),
          ("resnet18", "ResNet-18", (1, 32)),
          ("resnet50", "ResNet-50", (1, 32, 64)),
          ("transformer_block", "Transformer block", (1, 32)))
PIPELINES = (("f32", ["--axt-autodiff"]),
             ("2-bit", ["--axt-autodiff", "--axt-relu-mask",
                        "--axt-compress-activations=bits=2"]))


def report(axt_opt, path, passes, batch):
    cmd = [axt_opt, path] + passes + [
        "--axt-memory-report=batch=%d format=json" % batch, "-o", os.devnull]
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        die("`%s` failed:\n%s" % (" ".join(cmd), out.stderr))
    steps = [f for f in json.loads(out.stdout)["functions"]
             if f["function"].endswith("_train_step")]
    if len(steps) != 1:
        die("expected one training step in %s" % path)
    return steps[0], seconds


def mb(n):
    return "%.1f" % (n / 1e6)


def plot(points, path):
    """Bars of no reuse and LOAD, f32 and 2-bit, per model and batch (log)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    series = (("f32 no reuse", lambda f, b: f["no_reuse"], "#c6dbef"),
              ("f32 LOAD", lambda f, b: f["load"], "#2171b5"),
              ("2-bit no reuse", lambda f, b: b["no_reuse"], "#fdd0a2"),
              ("2-bit LOAD", lambda f, b: b["load"], "#d94801"))
    fig, ax = plt.subplots(figsize=(12, 4.5))
    width = 0.2
    for k, (label, value, color) in enumerate(series):
        ax.bar([i + (k - 1.5) * width for i in range(len(points))],
               [value(f, b) / 1e6 for _, f, b in points], width,
               label=label, color=color)
    ax.set_xticks(range(len(points)))
    ax.set_xticklabels([name for name, _, _ in points], fontsize=7)
    ax.set_yscale("log")
    ax.set_ylabel("MB")
    ax.set_title("Training-step memory: every buffer (no reuse) vs LOAD")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--axt-opt", default="build/bin/axt-opt")
    ap.add_argument("--model-dir", default="examples")
    ap.add_argument("--write-docs", metavar="FILE")
    ap.add_argument("--plot", metavar="PNG",
                    help="also draw no reuse and LOAD per model (matplotlib)")
    args = ap.parse_args()
    if not os.access(args.axt_opt, os.X_OK):
        die("%s is not an executable (build it first)" % args.axt_opt)

    rows, points = [], []
    for model, title, batches in MODELS:
        path = os.path.join(args.model_dir, model + ".mlir")
        for batch in batches:
            cells = {}
            for name, passes in PIPELINES:
                step, seconds = report(args.axt_opt, path, passes, batch)
                cells[name] = (step, seconds)
            f32, bits2 = cells["f32"][0], cells["2-bit"][0]
            ratio = (bits2["arena_height"] / bits2["arena_load"]
                     if bits2["arena_load"] else 1.0)
            row = ("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %.3f | "
                   "%s | %.1f | %.2f |" % (
                       title, batch, mb(f32["no_reuse"]), mb(f32["load"]),
                       mb(bits2["no_reuse"]), mb(bits2["load"]),
                       mb(bits2["bytes"]["saved activations"]),
                       "%.2fx" % (f32["load"] / bits2["load"]),
                       mb(bits2["arena_height"]), ratio,
                       mb(bits2["planned_peak"]), 1e3 * bits2["plan_seconds"], cells["2-bit"][1]))
            print(row, flush=True)
            rows.append(row)
            points.append(("%s\nbatch %d" % (title.split(" ")[0], batch), f32,
                           bits2))

    lines = [BEGIN_MARK,
             "## Training-step memory: no reuse vs LOAD",
             "",
             "`axt-memory-report` on the training step (one buffer per "
             "value; stashes and reshapes share their operand's): *no "
             "reuse* is every buffer at once, LOAD the largest sum of "
             "bytes live at one op in the step's current op order "
             "(parameters, their new values, momentum, gradients, saved "
             "activations, temporaries). 2-bit: `axt-relu-mask` and "
             "`axt-compress-activations=bits=2` (groups of at most 256 "
             "within an example, ReLU masks in the codes, 2-bit max-pool positions, logits at 8 bits). "
             "Arena: the step's own buffers (not its arguments or results, "
             "which the caller holds) planned into one arena by best fit "
             "(`include/axt/Analysis/ArenaPlanner.h`), its height, "
             "height / LOAD of those buffers, the planned peak (the arena "
             "plus every buffer the caller holds: parameters, momentum, "
             "statistics, batch, new values not written in place), and the "
             "planning time. "
             "MB = 10^6 bytes. The last column is the wall time of "
             "axt-opt building the 2-bit step and its report.",
             "",
             "- Command: `python3 benchmarks/memory.py%s%s`" % (
                 " --write-docs " + args.write_docs if args.write_docs
                 else "", " --plot " + args.plot if args.plot else ""),
             "- Date: %s" % datetime.date.today().isoformat(),
             "- CPU: %s" % cpu_model(),
             "",
             "| model | batch | f32 no reuse (MB) | f32 LOAD (MB) | 2-bit no "
             "reuse (MB) | 2-bit LOAD (MB) | 2-bit saved (MB) | LOAD f32 / "
             "2-bit | 2-bit arena (MB) | arena / its LOAD | 2-bit planned "
             "peak (MB) | planning (ms) | time (s) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
             "---:|"] + \
        rows + [
             "", END_MARK]
    if args.plot:
        plot(points, args.plot)
        lines[-2:-2] = ["![no reuse and LOAD per model](%s)" %
                        os.path.relpath(args.plot, os.path.dirname(
                            args.write_docs or ".") or "."), ""]
    section = "\n".join(lines) + "\n"
    if args.write_docs:
        write_section(args.write_docs, BEGIN_MARK, END_MARK, section)
    else:
        print(section)


if __name__ == "__main__":
    main()
