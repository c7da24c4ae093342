#!/usr/bin/python3
"""PyTorch accuracy reference: train the 784-256-256-10 MLP on Fashion-MNIST.

Same setup as AXT's MLP example: ReLU hidden layers, softmax cross-entropy,
SGD lr 0.05 momentum 0.9, batch 64, data shuffled every epoch, pixels scaled
to [0, 1] (no other normalization), He-uniform weights
U(-sqrt(6/fan_in), sqrt(6/fan_in)) and zero biases (or PyTorch's default
nn.Linear init with --init default).

    /usr/bin/python3 benchmarks/torch_mlp_train.py --epochs 1 --seed 1
"""
import argparse
import gzip
import math
import os
import struct
import sys
import time

import numpy as np

from bench_common import parse_train_args

LAYERS = [784, 256, 256, 10]


def die(msg):
    print("torch_mlp_train.py: error: " + msg, file=sys.stderr)
    sys.exit(1)


def read_idx(path, want_ndim):
    """Reads a (gzipped) IDX file into a uint8 numpy array."""
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            data = f.read()
    except OSError as e:
        die("cannot read %s: %s" % (path, e))
    if len(data) < 4:
        die("%s: truncated IDX header" % path)
    zero, dtype_code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype_code != 0x08 or ndim != want_ndim:
        die("%s: not an unsigned-byte IDX file with %d dims" % (path, want_ndim))
    header = 4 + 4 * ndim
    if len(data) < header:
        die("%s: truncated IDX header" % path)
    dims = struct.unpack(">" + "I" * ndim, data[4:header])
    count = int(np.prod(dims))
    if len(data) - header != count:
        die("%s: expected %d bytes of data, found %d"
            % (path, count, len(data) - header))
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)


def load_split(data_dir, split):
    images = read_idx(os.path.join(data_dir, "%s-images-idx3-ubyte.gz" % split), 3)
    labels = read_idx(os.path.join(data_dir, "%s-labels-idx1-ubyte.gz" % split), 1)
    if images.shape[0] != labels.shape[0]:
        die("%s: %d images but %d labels" % (split, images.shape[0],
                                              labels.shape[0]))
    x = images.reshape(images.shape[0], -1).astype(np.float32) / 255.0
    return x, labels.astype(np.int64)


def main():
    ap = argparse.ArgumentParser(
        description="Train the 784-256-256-10 MLP on Fashion-MNIST in PyTorch.")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--momentum", type=float, default=0.9)
    args, torch, F = parse_train_args(
        ap, "he: He-uniform weights, zero biases (default); "
            "default: PyTorch's nn.Linear init", die)
    import torch.nn as nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    x_train, y_train = load_split(args.data, "train")
    x_test, y_test = load_split(args.data, "t10k")
    if args.standardize:
        mean = x_train.astype(np.float64).mean()
        std = x_train.astype(np.float64).std()
        x_train = ((x_train - mean) / std).astype(np.float32)
        x_test = ((x_test - mean) / std).astype(np.float32)
    x_train, y_train = torch.from_numpy(x_train), torch.from_numpy(y_train)
    x_test, y_test = torch.from_numpy(x_test), torch.from_numpy(y_test)

    mods = []
    for l, (i, o) in enumerate(zip(LAYERS[:-1], LAYERS[1:])):
        lin = nn.Linear(i, o)
        if args.init == "he":
            bound = math.sqrt(6.0 / i)
            with torch.no_grad():
                lin.weight.uniform_(-bound, bound)
                lin.bias.zero_()
        mods.append(lin)
        if l + 2 < len(LAYERS):
            mods.append(nn.ReLU())
    model = nn.Sequential(*mods)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr,
                          momentum=args.momentum)

    n = x_train.shape[0]
    if args.drop_last:
        steps_per_epoch = n // args.batch
    else:
        steps_per_epoch = (n + args.batch - 1) // args.batch
    print("Fashion-MNIST: %d train, %d test; MLP %s; init=%s seed=%d "
          "threads=%d batch=%d lr=%g momentum=%g"
          % (n, x_test.shape[0], "-".join(map(str, LAYERS)), args.init,
             args.seed, args.threads, args.batch, args.lr, args.momentum),
          flush=True)

    t_start = time.perf_counter()
    step = 0
    for epoch in range(args.epochs):
        model.train()
        perm = torch.from_numpy(rng.permutation(n))
        running, running_n = 0.0, 0
        for b in range(steps_per_epoch):
            idx = perm[b * args.batch:(b + 1) * args.batch]
            xb, yb = x_train[idx], y_train[idx]
            opt.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            step += 1
            running += loss.item()
            running_n += 1
            if args.log_every > 0 and step % args.log_every == 0:
                print("epoch %d step %d/%d loss %.4f (%.1fs)"
                      % (epoch + 1, b + 1, steps_per_epoch,
                         running / running_n, time.perf_counter() - t_start),
                      flush=True)
                running, running_n = 0.0, 0
    train_time = time.perf_counter() - t_start

    model.eval()
    with torch.no_grad():
        logits = model(x_test)
        test_loss = F.cross_entropy(logits, y_test).item()
        acc = (logits.argmax(dim=1) == y_test).double().mean().item()
    print("test accuracy: %.2f%% (%d/%d), test loss %.4f"
          % (100 * acc, round(acc * x_test.shape[0]), x_test.shape[0],
             test_loss))
    print("wall time: %.1fs training (%d steps, %.3f ms/step), %.1fs total"
          % (train_time, step, 1e3 * train_time / max(step, 1),
             time.perf_counter() - t_start))


if __name__ == "__main__":
    main()
