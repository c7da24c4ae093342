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
BLAS_RE = re.compile(r"\bblas=(\S+)")


def run_axt_bench(args, model, die, missing_hint, who=None):
    """Runs `args.axt_run MODEL --bench-steps S --batch B --num-threads T`
    (with args.timeout) and returns (step_ms_median, blas) from the single
    'bench: ...' line it prints; blas, the OpenBLAS kernels axt-run used, is
    None if the line does not name them. `missing_hint` completes the error for a
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
    medians, blas = [], None
    # The line is expected on stdout; accept it on stderr too.
    for line in (p.stdout + "\n" + p.stderr).splitlines():
        m = BENCH_RE.match(line.strip())
        if m:
            medians.append(m.group(1))
            kernels = BLAS_RE.search(line)
            blas = kernels.group(1) if kernels else None
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
    return value, blas


def blas_line(kernels):
    """The docs' line on the OpenBLAS kernels: AXT's GEMMs run on them, and
    PyTorch's linear layers (its convolutions use oneDNN). Their GEMM
    throughput differs by about 2x between the AVX2 and AVX-512 kernels."""
    forced = os.environ.get("OPENBLAS_CORETYPE")
    how = ("forced by OPENBLAS_CORETYPE=%s in the environment" % forced
           if forced else "OpenBLAS's own choice for this CPU")
    return "- OpenBLAS kernels (AXT's GEMMs, PyTorch's linear layers): " \
        "%s, %s" % (kernels or "not reported", how)


HEAP_LINE = ("- Heap: both processes keep freed memory in the heap (glibc's "
             "mmap and trim thresholds at 1 GiB: axt-run sets them itself, "
             "this script for PyTorch)")


# glibc's mallopt parameters (malloc.h).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
# What axt-run sets (tools/axt-run/axt-run.cpp).
HEAP_THRESHOLD = 1 << 30


def keep_freed_memory_in_heap(die):
    """Gives this process the heap settings axt-run gives itself. By default
    glibc maps each large block afresh and returns it to the OS when it is
    freed (raising its threshold only as it goes), so a training step that
    frees and allocates the same activations each time pays page faults
    for them, a different number in each process: PyTorch's ResNet-8 step
    took 26 to 115 ms from one process to the next on the benchmark
    machine, and a steady 25 to 26 ms with these settings
    (docs/benchmarks.md)."""
    import ctypes
    import ctypes.util
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        ok = (libc.mallopt(M_MMAP_THRESHOLD, HEAP_THRESHOLD) == 1 and
              libc.mallopt(M_TRIM_THRESHOLD, HEAP_THRESHOLD) == 1)
    except (OSError, AttributeError):
        ok = False
    if not ok:
        die("cannot set glibc's heap thresholds (mallopt); the PyTorch "
            "timings would not be comparable with axt-run's")


def import_torch(threads, die):
    """Imports torch with `threads` intra- and inter-op threads, in a heap
    set up as axt-run's (keep_freed_memory_in_heap)."""
    keep_freed_memory_in_heap(die)
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
