"""Shared by the benchmark scripts: the axt-run step timer, the PyTorch step
timer (mlp_step.py, cnn_step.py) and the command-line options common to the
PyTorch training references (torch_mlp_train.py, torch_cnn_train.py).

Each function takes the calling script's `die` so that error messages keep
that script's name."""
import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"

BENCH_RE = re.compile(r"^bench:\s.*\bstep_ms_median=([0-9.eE+-]+)")


def run_axt_bench(args, model, die, missing_hint, who=None):
    """Runs `args.axt_run MODEL --bench-steps S --batch B --num-threads T`
    (with args.timeout) and returns the step_ms_median of the single
    'bench: ...' line it prints. `missing_hint` completes the error for a
    missing executable; `who` names axt-run in parse errors (default: the
    command line in backquotes)."""
    cmd = [args.axt_run, model, "--bench-steps", str(args.steps),
           "--batch", str(args.batch), "--num-threads", str(args.threads)]
    cmdline = " ".join(map(shlex.quote, cmd))
    if who is None:
        who = "`%s`" % cmdline
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=args.timeout)
    except FileNotFoundError:
        die("cannot execute %s (%s)" % (args.axt_run, missing_hint))
    except PermissionError:
        die("%s is not executable" % args.axt_run)
    except subprocess.TimeoutExpired:
        die("`%s` timed out after %ss" % (cmdline, args.timeout))
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        die("`%s` failed with exit status %d" % (cmdline, p.returncode))
    medians = []
    # The line is expected on stdout; accept it on stderr too.
    for line in (p.stdout + "\n" + p.stderr).splitlines():
        m = BENCH_RE.match(line.strip())
        if m:
            medians.append(m.group(1))
    if len(medians) != 1:
        sys.stderr.write(p.stderr)
        die("`%s` printed %d 'bench: ... step_ms_median=...' lines, expected "
            "exactly 1; its stdout was:\n%s"
            % (cmdline, len(medians), p.stdout.rstrip()))
    try:
        value = float(medians[0])
    except ValueError:
        die("cannot parse step_ms_median=%r from %s" % (medians[0], who))
    if not value > 0:
        die("%s reported a non-positive step time %r" % (who, medians[0]))
    return value


def import_torch(threads, die):
    """Imports torch with `threads` intra- and inter-op threads."""
    try:
        import torch
    except ImportError:
        die("PyTorch is not importable by %s; run with /usr/bin/python3"
            % sys.executable)
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(threads)
    except RuntimeError:
        pass  # already set (only allowed once per process)
    return torch


class TorchStepTimer:
    """One SGD training step (zero_grad, forward, cross-entropy, backward,
    step) on a fixed batch. Subclasses build the model and call
    setup(); measure() returns the median step time in ms."""

    def setup(self, model, opt, x, y, steps, warmup_steps):
        import torch.nn.functional as F
        self.F = F
        self.model, self.opt, self.x, self.y = model, opt, x, y
        self.steps = steps
        for _ in range(warmup_steps):
            self.step()

    def step(self):
        self.opt.zero_grad()
        loss = self.F.cross_entropy(self.model(self.x), self.y)
        loss.backward()
        self.opt.step()

    def measure(self):
        times = []
        clock = time.perf_counter
        for _ in range(self.steps):
            t0 = clock()
            self.step()
            times.append((clock() - t0) * 1e3)
        return statistics.median(times)


def parse_train_args(ap, init_help, die, inits=("he", "default")):
    """Adds the options shared by the PyTorch training references (after the
    script's own), parses and checks them, imports PyTorch. `inits` are the
    choices of --init, the first the default. Returns
    (args, torch, torch.nn.functional)."""
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--init", choices=list(inits), default=inits[0],
                    help=init_help)
    ap.add_argument("--data", default=DEFAULT_DATA,
                    help="directory with the Fashion-MNIST *.gz IDX files")
    ap.add_argument("--drop-last", action="store_true",
                    help="skip the final partial batch of each epoch "
                         "(as a fixed-batch-shape runner would)")
    ap.add_argument("--log-every", type=int, default=100)
    ap.add_argument("--standardize", action=argparse.BooleanOptionalAction,
                    default=True,
                    help="scale pixels to zero mean and unit variance with "
                         "the training split's statistics (as axt-run does)")
    args = ap.parse_args()
    if args.epochs < 1 or args.batch < 1 or args.threads < 1:
        die("--epochs, --batch and --threads must be >= 1")

    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        die("PyTorch is not importable by %s; run with /usr/bin/python3"
            % sys.executable)
    return args, torch, F
