#!/usr/bin/python3
"""PyTorch accuracy reference: train LeNet-5 or ResNet-8 on Fashion-MNIST.

The same models as AXT's examples/lenet5.mlir and examples/resnet8.mlir (see
cnn_models.py for the exact layers), NCHW 1x28x28 inputs standardized with
the training split's mean and standard deviation, softmax cross-entropy, SGD
with momentum (lr 0.05, momentum 0.9, no weight decay by default), batch 64,
data reshuffled every epoch, conv/linear weights initialized as the model
file says (see cnn_models.py) and zero biases, or PyTorch's default init
with --init default. BatchNorm uses batch
statistics while training and running statistics for the test set.

    /usr/bin/python3 benchmarks/torch_cnn_train.py --model lenet5 \\
        --epochs 2 --seed 1 --threads 2
"""
import argparse
import sys
import time

import numpy as np

from bench_common import parse_train_args
from cnn_models import MODELS, WEIGHT_INITS, build_model, parameter_count
from torch_mlp_train import load_split

EVAL_CHUNK = 1000


def die(msg):
    print("torch_cnn_train.py: error: " + msg, file=sys.stderr)
    sys.exit(1)


def evaluate(model, x, y, F, torch):
    """Returns (accuracy in [0, 1], correct, mean loss) in evaluation mode."""
    model.eval()
    correct, loss_sum = 0, 0.0
    with torch.no_grad():
        for i in range(0, x.shape[0], EVAL_CHUNK):
            logits = model(x[i:i + EVAL_CHUNK])
            yb = y[i:i + EVAL_CHUNK]
            loss_sum += F.cross_entropy(logits, yb, reduction="sum").item()
            correct += (logits.argmax(dim=1) == yb).sum().item()
    model.train()
    n = x.shape[0]
    return correct / n, correct, loss_sum / n


def main():
    ap = argparse.ArgumentParser(
        description="Train LeNet-5 or ResNet-8 on Fashion-MNIST in PyTorch.")
    ap.add_argument("--model", choices=MODELS, required=True)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--momentum", type=float, default=0.9)
    ap.add_argument("--weight-decay", type=float, default=0.0,
                    help="L2 weight decay applied by SGD to every parameter "
                         "(default 0)")
    args, torch, F = parse_train_args(
        ap, "model: the model file's scheme (default); he: He-uniform "
            "conv/linear weights, zero biases; fan-in: U(+-1/sqrt(fan_in)) "
            "weights, zero biases; default: PyTorch's own init", die,
        inits=("model",) + WEIGHT_INITS + ("default",))

    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(args.threads)
    except RuntimeError:
        pass
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    x_train, y_train = load_split(args.data, "train")
    x_test, y_test = load_split(args.data, "t10k")
    if x_train.shape[1] != 28 * 28 or x_test.shape[1] != 28 * 28:
        die("expected 28x28 images in %s" % args.data)
    if args.standardize:
        mean = x_train.astype(np.float64).mean()
        std = x_train.astype(np.float64).std()
        x_train = ((x_train - mean) / std).astype(np.float32)
        x_test = ((x_test - mean) / std).astype(np.float32)
    x_train = torch.from_numpy(x_train).reshape(-1, 1, 28, 28)
    x_test = torch.from_numpy(x_test).reshape(-1, 1, 28, 28)
    y_train, y_test = torch.from_numpy(y_train), torch.from_numpy(y_test)

    model = build_model(args.model, args.init)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr,
                          momentum=args.momentum,
                          weight_decay=args.weight_decay)

    n = x_train.shape[0]
    if args.drop_last:
        steps_per_epoch = n // args.batch
    else:
        steps_per_epoch = (n + args.batch - 1) // args.batch
    if steps_per_epoch == 0:
        die("fewer training examples (%d) than one batch (%d)"
            % (n, args.batch))
    print("Fashion-MNIST: %d train, %d test; %s (%d parameters); init=%s "
          "seed=%d threads=%d batch=%d lr=%g momentum=%g weight_decay=%g "
          "standardize=%s"
          % (n, x_test.shape[0], args.model, parameter_count(model), args.init,
             args.seed, args.threads, args.batch, args.lr, args.momentum,
             args.weight_decay, "yes" if args.standardize else "no"),
          flush=True)

    t_start = time.perf_counter()
    eval_time = 0.0
    step = 0
    for epoch in range(1, args.epochs + 1):
        perm = torch.from_numpy(rng.permutation(n))
        running, running_n, window_examples = 0.0, 0, 0
        window_start = time.perf_counter()
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
            window_examples += xb.shape[0]
            if args.log_every > 0 and ((b + 1) % args.log_every == 0
                                       or b + 1 == steps_per_epoch):
                seconds = time.perf_counter() - window_start
                print("epoch %d/%d  step %5d/%d  loss %.4f  %.0f examples/s"
                      % (epoch, args.epochs, b + 1, steps_per_epoch,
                         running / running_n,
                         window_examples / max(seconds, 1e-9)),
                      flush=True)
                running, running_n, window_examples = 0.0, 0, 0
                window_start = time.perf_counter()
        t_eval = time.perf_counter()
        acc, correct, test_loss = evaluate(model, x_test, y_test, F, torch)
        eval_time += time.perf_counter() - t_eval
        print("epoch %d/%d  test accuracy %.2f%%  test loss %.4f"
              % (epoch, args.epochs, 100 * acc, test_loss), flush=True)
    total = time.perf_counter() - t_start
    train_time = total - eval_time

    print("test accuracy: %.2f%% (%d/%d), test loss %.4f"
          % (100 * acc, correct, x_test.shape[0], test_loss))
    print("wall time: %.1fs training (%d steps, %.3f ms/step), %.1fs with "
          "evaluation" % (train_time, step, 1e3 * train_time / max(step, 1),
                          total))


if __name__ == "__main__":
    main()
