#!/usr/bin/env python3
"""Counts the bytes a training step keeps for its backward pass from its IR.

An independent count for the saved-activation reports: reads the textual IR
of a training step (axt-opt output, after axt-autodiff and, for the
compressed step, axt-relu-mask and axt-compress-activations), takes every
`axt.stash` of an activation (an op result, or a compressed copy of the
argument marked {axt.input}; arguments kept as they are, the batch,
parameters and labels, are alive anyway and not counted) and
computes its bytes from the stashed type alone, with the layouts of
runtime/include/axtrt/quantize.h and pack_indices.h written out here:

  tensor<...xf32|i32>                    4 bytes per element
  !axt.packed<T, bits = b, group = G>    ceil(n/G) * (ceil(G*b/8) + 4)
      (group = channel: G = the product of the sizes after N and C)
  !axt.mask<T>                           ceil(n/8)
  !axt.indices<T, bits = b>              ceil(n*b/8)

Dynamic sizes (the batch) are --batch. Prints the total and, with --f32
(the IR of the uncompressed step), the total as f32 stashes and the ratio;
--report checks both against the last line of `axt-run --saved-report`;
--min-ratio fails below a ratio.
"""
import argparse
import math
import re
import sys

STASH = re.compile(r"=\s*axt\.stash\s+(%[\w.$-]+)\s*:\s*(.+)$")
TRAIN_STEP = re.compile(r"func\.func\s+@\w+_train_step\((.*)\)\s*->")
ARG = re.compile(r"(%arg\d+):\s*[^,{]+(\{[^}]*\})?")
REPORT = re.compile(r"saved activations \(batch \d+\): \d+ values, (\d+) bytes "
                    r"\(as f32: (\d+) bytes, ([\d.]+)x\)")


def elements(tensor, batch):
    """Shape and element count of 'tensor<AxBx...xT>'."""
    dims = re.match(r"tensor<(.*)x\w+>$", tensor.strip())
    shape = [batch if d == "?" else int(d) for d in dims.group(1).split("x")]
    return shape, math.prod(shape)


def stashed_bytes(typ, batch):
    typ = typ.strip()
    m = re.match(r"!axt\.packed<(tensor<[^>]*>), bits = (\d+), group = (\w+)", typ)
    if m:
        shape, n = elements(m.group(1), batch)
        bits = int(m.group(2))
        group = math.prod(shape[2:]) if m.group(3) == "channel" else int(m.group(3))
        return math.ceil(n / group) * (math.ceil(group * bits / 8) + 4)
    m = re.match(r"!axt\.mask<(tensor<[^>]*>)>", typ)
    if m:
        return math.ceil(elements(m.group(1), batch)[1] / 8)
    m = re.match(r"!axt\.indices<(tensor<[^>]*>), bits = (\d+)>", typ)
    if m:
        return math.ceil(elements(m.group(1), batch)[1] * int(m.group(2)) / 8)
    m = re.match(r"tensor<[^>]*x(f32|i32)>$", typ)
    if m:
        return 4 * elements(typ, batch)[1]
    sys.exit(f"count_saved_bytes: unknown stashed type {typ}")


def count(path, batch):
    """Bytes of the activations stashed by the training steps of one file."""
    total, inputs = 0, None
    for line in open(path):
        step = TRAIN_STEP.search(line)
        if step:
            inputs = {a for a, attrs in ARG.findall(step.group(1))
                      if attrs and "axt.input" in attrs}
            continue
        m = STASH.search(line)
        if not m or inputs is None:
            continue
        value, typ = m.groups()
        if value.startswith("%arg") and (value not in inputs or
                                         typ.strip().startswith("tensor<")):
            continue  # a parameter, the labels or the batch as it is
        total += stashed_bytes(typ, batch)
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ir", help="IR of the (compressed) training step")
    ap.add_argument("--f32", help="IR of the same step before compression")
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--report", help="axt-run --saved-report output to check")
    ap.add_argument("--min-ratio", type=float, default=0.0)
    args = ap.parse_args()
    total = count(args.ir, args.batch)
    ok = True
    line = f"counted: {total} bytes"
    if args.f32:
        base = count(args.f32, args.batch)
        ratio = base / total
        line += f", as f32: {base} bytes, {ratio:.2f}x"
        if ratio < args.min_ratio:
            line += f" (below {args.min_ratio}x)"
            ok = False
    print(line)
    if args.report:
        found = REPORT.findall(open(args.report).read())
        if not found:
            sys.exit("count_saved_bytes: no saved-activation line in the report")
        reported, reported_f32, _ = found[-1]
        same = int(reported) == total and (
            not args.f32 or int(reported_f32) == base)
        print(f"report: {reported} bytes, as f32: {reported_f32} bytes: "
              f"{'matches' if same else 'DIFFERS'}")
        ok = ok and same
    print("saved-bytes check:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
