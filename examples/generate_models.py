#!/usr/bin/env python3
"""Writes the generated example models of AXT as axt-dialect MLIR.

    python3 examples/generate_models.py            # (re)write every model
    python3 examples/generate_models.py lenet5     # only the named ones
    python3 examples/generate_models.py --check    # fail if a file is stale

Each model is a `func.func` whose arguments are the parameters (in order of
use: a conv/linear weight then its bias, a batch or layer norm's scale and
shift, a batch norm's running mean and running variance), then the batch `%x`
(NCHW, dynamic batch size unless the model fixes it) and `%labels`. It
returns the mean softmax cross-entropy loss followed by the new batch-norm
running statistics, in argument order.

The output depends only on this file: running it again reproduces the .mlir
files byte for byte. Plain Python 3, no dependencies.
"""
import argparse
import os
import sys
import textwrap

GENERATOR = "examples/generate_models.py"
EXAMPLES_DIR = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------
# Types and shapes
# ---------------------------------------------------------------------------

def tensor_type(shape, elem="f32"):
    """tensor<...> for a shape whose entries are ints or None (dynamic)."""
    dims = ["?" if d is None else str(d) for d in shape]
    return "tensor<" + "".join(d + "x" for d in dims) + elem + ">"


def window_out(size, kernel, stride, padding, dilation=1):
    """out = (in + 2p - d(k-1) - 1) / s + 1, as the axt ops define it."""
    span = size + 2 * padding - dilation * (kernel - 1) - 1
    if span < 0:
        raise ValueError("window of %d (dilation %d) does not fit in %d + 2*%d"
                         % (kernel, dilation, size, padding))
    return span // stride + 1


def pair(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def i64_array(values):
    return "array<i64: %s>" % ", ".join(str(v) for v in values)


def attr_dict(attrs):
    """{a = x, b = y} from (name, text) pairs; empty when there are none."""
    if not attrs:
        return ""
    return " {" + ", ".join("%s = %s" % a for a in attrs) + "}"


def product(values):
    result = 1
    for v in values:
        result *= v
    return result


def wrap(items, first_prefix, prefix, last_suffix, width=100):
    """Joins `items` with ", ", breaking lines before `width` columns."""
    lines = []
    line = first_prefix
    fresh = True
    for i, item in enumerate(items):
        piece = item + ("," if i + 1 < len(items) else last_suffix)
        if not fresh and len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = prefix
            fresh = True
        line += piece if fresh else " " + piece
        fresh = False
    lines.append(line)
    return lines


# ---------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------

class Value:
    """An SSA value of the function body: its name (without %) and shape."""

    def __init__(self, name, shape, elem="f32"):
        self.name = name
        self.shape = tuple(shape)
        self.elem = elem

    @property
    def ref(self):
        return "%" + self.name

    @property
    def type(self):
        return tensor_type(self.shape, self.elem)


# The batch size of models that leave it open: None (dynamic), or a static
# size given by --batch (for memory planning, which needs static shapes).
DEFAULT_BATCH = None


class Model:
    """Collects the arguments and the ops of one loss function."""

    def __init__(self, func_name, channels, height, width, classes,
                 batch=None, weight_init=None):
        """`batch` None gives DEFAULT_BATCH, dynamic unless --batch is set.
        `weight_init` is the axt.init of conv and linear weights (None: the
        runner's default, He-uniform)."""
        batch = DEFAULT_BATCH if batch is None else batch
        self.func_name = func_name
        self.weight_init = weight_init
        self.classes = classes
        self.batch = batch
        self.params = []   # (Value, attributes text, is_state)
        self.ops = []      # lines of the body
        self.new_state = []  # Values returned after the loss
        self.names = set()
        self.x = Value(self._fresh("x"), (batch, channels, height, width))
        self.labels = Value(self._fresh("labels"), (batch,), "i32")

    # -- names and arguments ------------------------------------------------

    def _fresh(self, name):
        if name in self.names:
            raise ValueError("SSA name %%%s used twice" % name)
        self.names.add(name)
        return name

    def _param(self, name, shape, init=None, state=False):
        value = Value(self._fresh(name), shape)
        attrs = []
        if state:
            attrs.append("axt.state")
        if init is not None:
            attrs.append('axt.init = "%s"' % init)
        self.params.append((value, ", ".join(attrs), state))
        return value

    def _emit(self, line):
        self.ops.append("  " + line)

    # -- layers -------------------------------------------------------------

    def conv2d(self, x, name, filters, kernel, stride=1, padding=0,
               dilation=1, groups=1, bias=True):
        n, c, h, w = x.shape
        kh, kw = pair(kernel)
        sh, sw = pair(stride)
        ph, pw = pair(padding)
        dh, dw = pair(dilation)
        if c % groups or filters % groups:
            raise ValueError("%s: %d channels, %d filters, %d groups"
                             % (name, c, filters, groups))
        weight = self._param(name + "_w", (filters, c // groups, kh, kw),
                             init=self.weight_init)
        b = self._param(name + "_b", (filters,)) if bias else None
        y = Value(self._fresh(name),
                  (n, filters, window_out(h, kh, sh, ph, dh),
                   window_out(w, kw, sw, pw, dw)))
        attrs = []
        if (sh, sw) != (1, 1):
            attrs.append(("strides", i64_array((sh, sw))))
        if (ph, pw) != (0, 0):
            attrs.append(("padding", i64_array((ph, pw))))
        if (dh, dw) != (1, 1):
            attrs.append(("dilations", i64_array((dh, dw))))
        if groups != 1:
            attrs.append(("groups", "%d : i64" % groups))
        operands = [x, weight] + ([b] if b else [])
        self._emit("%s = axt.conv2d %s%s : %s -> %s" % (
            y.ref, ", ".join(v.ref for v in operands), attr_dict(attrs),
            ", ".join(v.type for v in operands), y.type))
        return y

    def batch_norm(self, x, name):
        """Training-mode batch norm (eps 1e-5, momentum 0.1: the defaults)."""
        c = x.shape[1]
        gamma = self._param(name + "_gamma", (c,), init="ones")
        beta = self._param(name + "_beta", (c,))
        mean = self._param(name + "_mean", (c,), state=True)
        var = self._param(name + "_var", (c,), init="ones", state=True)
        y = Value(self._fresh(name), x.shape)
        new_mean = Value(self._fresh(name + "_new_mean"), (c,))
        new_var = Value(self._fresh(name + "_new_var"), (c,))
        self.new_state += [new_mean, new_var]
        self._emit("%s, %s, %s = axt.batch_norm %s, %s, %s, %s, %s : %s, %s" % (
            y.ref, new_mean.ref, new_var.ref, x.ref, gamma.ref, beta.ref,
            mean.ref, var.ref, x.type, gamma.type))
        return y

    def relu(self, x, name):
        y = Value(self._fresh(name), x.shape)
        self._emit("%s = axt.relu %s : %s" % (y.ref, x.ref, x.type))
        return y

    def add(self, a, b, name):
        if a.shape != b.shape:
            raise ValueError("%s: adding %s and %s" % (name, a.type, b.type))
        y = Value(self._fresh(name), a.shape)
        self._emit("%s = axt.add %s, %s : %s" % (y.ref, a.ref, b.ref, a.type))
        return y

    def _pool_shape(self, x, kernel, stride, padding):
        n, c, h, w = x.shape
        kh, kw = pair(kernel)
        sh, sw = pair(stride)
        ph, pw = pair(padding)
        attrs = [("kernel", i64_array((kh, kw))),
                 ("strides", i64_array((sh, sw)))]
        if (ph, pw) != (0, 0):
            attrs.append(("padding", i64_array((ph, pw))))
        shape = (n, c, window_out(h, kh, sh, ph), window_out(w, kw, sw, pw))
        return shape, attr_dict(attrs)

    def max_pool2d(self, x, name, kernel, stride, padding=0):
        shape, attrs = self._pool_shape(x, kernel, stride, padding)
        y = Value(self._fresh(name), shape)
        indices = Value(self._fresh(name + "_idx"), shape, "i32")
        self._emit("%s, %s = axt.max_pool2d %s%s : %s -> %s, %s" % (
            y.ref, indices.ref, x.ref, attrs, x.type, y.type, indices.type))
        return y

    def avg_pool2d(self, x, name, kernel, stride, padding=0):
        shape, attrs = self._pool_shape(x, kernel, stride, padding)
        y = Value(self._fresh(name), shape)
        self._emit("%s = axt.avg_pool2d %s%s : %s -> %s" % (
            y.ref, x.ref, attrs, x.type, y.type))
        return y

    def global_avg_pool2d(self, x, name):
        y = Value(self._fresh(name), x.shape[:2])
        self._emit("%s = axt.global_avg_pool2d %s : %s -> %s" % (
            y.ref, x.ref, x.type, y.type))
        return y

    def reshape(self, x, name, shape):
        """The same elements in another shape: both static, or both with a
        dynamic leading dimension and static others (the op's rule)."""
        shape = tuple(shape)
        if None in x.shape[1:] or None in shape[1:] or \
                (x.shape[0] is None) != (shape[0] is None):
            raise ValueError("%s: reshape %s to %s" % (
                name, x.type, tensor_type(shape)))
        first = 1 if x.shape[0] is None else 0
        if product(x.shape[first:]) != product(shape[first:]):
            raise ValueError("%s: %s and %s differ in size" % (
                name, x.type, tensor_type(shape)))
        y = Value(self._fresh(name), shape)
        self._emit("%s = axt.reshape %s : %s -> %s" % (
            y.ref, x.ref, x.type, y.type))
        return y

    def flatten(self, x, name):
        return self.reshape(x, name, (x.shape[0], product(x.shape[1:])))

    def transpose(self, x, name, permutation):
        if sorted(permutation) != list(range(len(x.shape))):
            raise ValueError("%s: permutation %s of %s" % (
                name, permutation, x.type))
        y = Value(self._fresh(name), [x.shape[p] for p in permutation])
        self._emit("%s = axt.transpose %s {permutation = %s} : %s -> %s" % (
            y.ref, x.ref, i64_array(permutation), x.type, y.type))
        return y

    def matmul(self, a, b, name, transpose_lhs=False, transpose_rhs=False):
        """op(a) . op(b), rank 2 or rank 3 with equal batch dimensions."""
        if len(a.shape) != len(b.shape) or len(a.shape) not in (2, 3) or \
                a.shape[:-2] != b.shape[:-2]:
            raise ValueError("%s: matmul of %s and %s" % (name, a.type, b.type))
        m, k = a.shape[-2:][::-1] if transpose_lhs else a.shape[-2:]
        k2, n = b.shape[-2:][::-1] if transpose_rhs else b.shape[-2:]
        if k != k2:
            raise ValueError("%s: contracting %s with %s" % (name, k, k2))
        y = Value(self._fresh(name), a.shape[:-2] + (m, n))
        attrs = []
        if transpose_lhs:
            attrs.append(("transpose_lhs", "true"))
        if transpose_rhs:
            attrs.append(("transpose_rhs", "true"))
        self._emit("%s = axt.matmul %s, %s%s : %s, %s -> %s" % (
            y.ref, a.ref, b.ref, attr_dict(attrs), a.type, b.type, y.type))
        return y

    def softmax(self, x, name):
        y = Value(self._fresh(name), x.shape)
        self._emit("%s = axt.softmax %s : %s" % (y.ref, x.ref, x.type))
        return y

    def gelu(self, x, name):
        y = Value(self._fresh(name), x.shape)
        self._emit("%s = axt.gelu %s : %s" % (y.ref, x.ref, x.type))
        return y

    def layer_norm(self, x, name):
        """Over the last dimension, epsilon 1e-5 (the op's default)."""
        d = x.shape[-1]
        gamma = self._param(name + "_gamma", (d,), init="ones")
        beta = self._param(name + "_beta", (d,))
        y = Value(self._fresh(name), x.shape)
        self._emit("%s = axt.layer_norm %s, %s, %s : %s, %s" % (
            y.ref, x.ref, gamma.ref, beta.ref, x.type, gamma.type))
        return y

    def linear(self, x, name, features):
        if len(x.shape) != 2:
            raise ValueError("%s: linear of rank-%d %s" % (
                name, len(x.shape), x.type))
        n, k = x.shape
        weight = self._param(name + "_w", (features, k), init=self.weight_init)
        bias = self._param(name + "_b", (features,))
        y = Value(self._fresh(name), (n, features))
        self._emit("%s = axt.linear %s, %s, %s : %s, %s, %s -> %s" % (
            y.ref, x.ref, weight.ref, bias.ref, x.type, weight.type,
            bias.type, y.type))
        return y

    def loss(self, logits):
        if logits.shape[1:] != (self.classes,):
            raise ValueError("logits %s for %d classes"
                             % (logits.type, self.classes))
        self.result = Value(self._fresh("loss"), ())
        self._emit("%s = axt.softmax_cross_entropy %s, %s : %s, %s -> %s" % (
            self.result.ref, logits.ref, self.labels.ref, logits.type,
            self.labels.type, self.result.type))

    # -- statistics and output ----------------------------------------------

    def trainable(self):
        return [v for v, _, state in self.params if not state]

    def state(self):
        return [v for v, _, state in self.params if state]

    def parameter_count(self):
        return sum(product(v.shape) for v in self.trainable())

    def state_count(self):
        return sum(product(v.shape) for v in self.state())

    def render(self, description):
        lines = ["// " + line if line else "//" for line in description]
        args = []
        for value, attrs, _ in self.params:
            text = "%s: %s" % (value.ref, value.type)
            args.append(text + (" {%s}" % attrs if attrs else ""))
        args += ["%s: %s" % (v.ref, v.type) for v in (self.x, self.labels)]
        results = [self.result] + self.new_state
        result_types = [v.type for v in results]
        if len(results) == 1:
            signature_end = ") -> %s {" % result_types[0]
        else:
            signature_end = ") -> (%s) {" % ", ".join(result_types)
        lines.append("func.func @%s(" % self.func_name)
        for i, arg in enumerate(args):
            lines.append("    " + arg + ("," if i + 1 < len(args) else ""))
        if len(signature_end) <= 100:
            lines.append("  " + signature_end)
        else:
            lines.append("  ) -> (")
            lines += wrap(result_types, "    ", "    ", "")
            lines.append("  ) {")
        lines += self.ops
        refs = [v.ref for v in results]
        if len(results) == 1:
            lines.append("  return %s : %s" % (refs[0], result_types[0]))
        else:
            lines += wrap(refs, "  return ", "         ", " :")
            lines += wrap(result_types, "      ", "      ", "")
        lines.append("}")
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# The models
# ---------------------------------------------------------------------------

def count_text(n):
    return "{:,}".format(n)


def header(model, title, body):
    """Title, description, input, parameter counts and the generator note."""
    trainable = model.trainable()
    state = model.state()
    if model.batch is None:
        batch_text = "dynamic batch size"
    else:
        batch_text = "static batch size %d" % model.batch
    inputs = ["Input: %%x: %s (NCHW, %s)," % (model.x.type, batch_text),
              "%%labels: %s (class indices in [0, %d))."
              % (model.labels.type, model.classes)]
    text = "Parameters: %s trainable in %d tensors" % (
        count_text(model.parameter_count()), len(trainable))
    if state:
        text += (", plus %s batch-norm running statistics in %d tensors "
                 "(marked axt.state). Results: the mean softmax cross-entropy "
                 "loss, then the new running mean and variance of every "
                 "batch norm, in argument order." % (
                     count_text(model.state_count()), len(state)))
    else:
        text += ". Result: the mean softmax cross-entropy loss."
    lines = [title, ""] + body + [""]
    lines += inputs
    lines += textwrap.wrap(text, width=77, break_long_words=False,
                           break_on_hyphens=False)
    lines += ["", "Generated by %s; do not edit." % GENERATOR]
    return lines


def lenet5():
    # Without batch norm, He-uniform weights (bound sqrt(6/fan_in)) start
    # this network at a loss of about 3 with lr 0.05 and momentum 0.9; the
    # bound 1/sqrt(fan_in) (PyTorch's default) trains it steadily.
    m = Model("lenet5", 1, 28, 28, 10, weight_init="fan-in-uniform")
    x = m.conv2d(m.x, "conv1", 6, 5, padding=2)
    x = m.relu(x, "relu1")
    x = m.max_pool2d(x, "pool1", 2, 2)
    x = m.conv2d(x, "conv2", 16, 5)
    x = m.relu(x, "relu2")
    x = m.max_pool2d(x, "pool2", 2, 2)
    x = m.flatten(x, "flat")
    x = m.relu(m.linear(x, "fc1", 120), "relu3")
    x = m.relu(m.linear(x, "fc2", 84), "relu4")
    m.loss(m.linear(x, "fc3", 10))
    return m, header(m, "LeNet-5 for 28x28 grayscale images (MNIST, Fashion-MNIST), 10 classes.", [
        "conv5x5 1->6 (padding 2, bias), ReLU, max-pool 2/2 (6x14x14);",
        "conv5x5 6->16 (bias), ReLU, max-pool 2/2 (16x5x5); flatten to 400;",
        "linear 400->120, ReLU, linear 120->84, ReLU, linear 84->10.",
        "Weights start from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), biases from 0.",
    ])


def lenet5_bn():
    m = Model("lenet5_bn", 1, 28, 28, 10)
    x = m.batch_norm(m.conv2d(m.x, "conv1", 6, 5, padding=2, bias=False), "bn1")
    x = m.max_pool2d(m.relu(x, "relu1"), "pool1", 2, 2)
    x = m.batch_norm(m.conv2d(x, "conv2", 16, 5, bias=False), "bn2")
    x = m.max_pool2d(m.relu(x, "relu2"), "pool2", 2, 2)
    x = m.flatten(x, "flat")
    x = m.relu(m.batch_norm(m.linear(x, "fc1", 120), "bn3"), "relu3")
    x = m.relu(m.batch_norm(m.linear(x, "fc2", 84), "bn4"), "relu4")
    m.loss(m.linear(x, "fc3", 10))
    return m, header(m, "LeNet-5 with batch normalization, for 28x28 grayscale images, 10 classes.", [
        "LeNet-5 (lenet5.mlir) with a training-mode batch norm after each conv",
        "(which then has no bias) and after each hidden linear layer, before",
        "the ReLU: conv5x5 1->6 (padding 2), BN, ReLU, max-pool 2/2;",
        "conv5x5 6->16, BN, ReLU, max-pool 2/2; flatten to 400;",
        "linear 400->120, BN, ReLU; linear 120->84, BN, ReLU; linear 84->10.",
        "BN uses eps 1e-5, momentum 0.1.",
    ])


def conv_bn(m, x, prefix, conv, bn, filters, kernel, stride=1, padding=0):
    y = m.conv2d(x, prefix + conv, filters, kernel, stride=stride,
                 padding=padding, bias=False)
    return m.batch_norm(y, prefix + bn)


def shortcut(m, x, prefix, filters, stride):
    """Identity when the shape is kept, else a projection conv1x1 + BN."""
    if stride == 1 and x.shape[1] == filters:
        return x
    return conv_bn(m, x, prefix, "downsample_conv", "downsample_bn",
                   filters, 1, stride=stride)


def basic_block(m, x, prefix, filters, stride):
    """conv3x3 (stride) - BN - ReLU - conv3x3 - BN, plus shortcut, ReLU."""
    y = conv_bn(m, x, prefix, "conv1", "bn1", filters, 3, stride, 1)
    y = m.relu(y, prefix + "relu1")
    y = conv_bn(m, y, prefix, "conv2", "bn2", filters, 3, 1, 1)
    s = shortcut(m, x, prefix, filters, stride)
    return m.relu(m.add(y, s, prefix + "add"), prefix + "out")


def bottleneck_block(m, x, prefix, width, stride, expansion=4):
    """conv1x1 - BN - ReLU - conv3x3 (stride) - BN - ReLU - conv1x1
    (width * expansion) - BN, plus shortcut, ReLU."""
    y = conv_bn(m, x, prefix, "conv1", "bn1", width, 1)
    y = m.relu(y, prefix + "relu1")
    y = conv_bn(m, y, prefix, "conv2", "bn2", width, 3, stride, 1)
    y = m.relu(y, prefix + "relu2")
    y = conv_bn(m, y, prefix, "conv3", "bn3", width * expansion, 1)
    s = shortcut(m, x, prefix, width * expansion, stride)
    return m.relu(m.add(y, s, prefix + "add"), prefix + "out")


def resnet8():
    m = Model("resnet8", 1, 28, 28, 10)
    x = conv_bn(m, m.x, "", "conv1", "bn1", 16, 3, padding=1)
    x = m.relu(x, "relu1")
    for i, (filters, stride) in enumerate(((16, 1), (32, 2), (64, 2))):
        x = basic_block(m, x, "layer%d_" % (i + 1), filters, stride)
    x = m.global_avg_pool2d(x, "pool")
    m.loss(m.linear(x, "fc", 10))
    return m, header(m, "ResNet-8 for 28x28 grayscale images (MNIST, Fashion-MNIST), 10 classes.", [
        "conv3x3 1->16 (padding 1, no bias), BN, ReLU; then three basic blocks,",
        "16->16 stride 1 (28x28), 16->32 stride 2 (14x14), 32->64 stride 2 (7x7);",
        "global average pool to 64; linear 64->10.",
        "A basic block is conv3x3 (stride s) - BN - ReLU - conv3x3 - BN, plus a",
        "shortcut (identity, or conv1x1 stride s - BN where the shape changes),",
        "added, ReLU. Every conv has no bias; BN uses eps 1e-5, momentum 0.1.",
    ])


def vgg11():
    m = Model("vgg11", 3, 224, 224, 1000)
    x = m.x
    conv, block = 0, 1
    for item in (64, "M", 128, "M", 256, 256, "M", 512, 512, "M",
                 512, 512, "M"):
        if item == "M":
            x = m.max_pool2d(x, "pool%d" % block, 2, 2)
            block += 1
            conv = 0
        else:
            conv += 1
            name = "conv%d_%d" % (block, conv)
            x = m.conv2d(x, name, item, 3, padding=1)
            x = m.relu(x, "relu%d_%d" % (block, conv))
    x = m.flatten(x, "flat")
    x = m.relu(m.linear(x, "fc1", 4096), "relu_fc1")
    x = m.relu(m.linear(x, "fc2", 4096), "relu_fc2")
    m.loss(m.linear(x, "fc3", 1000))
    return m, header(m, "VGG-11 (configuration A) for 224x224 RGB images (ImageNet), 1000 classes.", [
        "Eight conv3x3 layers (padding 1, bias), each followed by ReLU, in five",
        "blocks of 64 | 128 | 256, 256 | 512, 512 | 512, 512 channels, each block",
        "ending in a max-pool 2/2 (224 -> 7); flatten to 512x7x7 = 25088;",
        "linear 25088->4096, ReLU, linear 4096->4096, ReLU, linear 4096->1000.",
        "No batch norm and no dropout.",
    ])


def resnet_imagenet(name, blocks, bottleneck):
    m = Model(name, 3, 224, 224, 1000)
    x = conv_bn(m, m.x, "", "conv1", "bn1", 64, 7, stride=2, padding=3)
    x = m.relu(x, "relu1")
    x = m.max_pool2d(x, "pool1", 3, 2, padding=1)
    for stage, count in enumerate(blocks):
        width = 64 << stage
        for i in range(count):
            prefix = "layer%d_%d_" % (stage + 1, i)
            stride = 2 if stage > 0 and i == 0 else 1
            if bottleneck:
                x = bottleneck_block(m, x, prefix, width, stride)
            else:
                x = basic_block(m, x, prefix, width, stride)
    x = m.global_avg_pool2d(x, "pool")
    m.loss(m.linear(x, "fc", 1000))
    return m


def resnet18():
    m = resnet_imagenet("resnet18", (2, 2, 2, 2), bottleneck=False)
    return m, header(m, "ResNet-18 for 224x224 RGB images (ImageNet), 1000 classes.", [
        "Stem: conv7x7 3->64 stride 2 padding 3 (no bias), BN, ReLU, max-pool 3x3",
        "stride 2 padding 1 (56x56). Four stages of two basic blocks, 64, 128, 256",
        "and 512 channels at 56, 28, 14 and 7 pixels; the first block of stages 2-4",
        "has stride 2 and a projection shortcut (conv1x1 stride 2, BN). A basic",
        "block is conv3x3 - BN - ReLU - conv3x3 - BN, plus the shortcut, added,",
        "ReLU. Global average pool to 512; linear 512->1000.",
        "Every conv has no bias; BN uses eps 1e-5, momentum 0.1.",
    ])


def resnet50():
    m = resnet_imagenet("resnet50", (3, 4, 6, 3), bottleneck=True)
    return m, header(m, "ResNet-50 for 224x224 RGB images (ImageNet), 1000 classes.", [
        "Stem: conv7x7 3->64 stride 2 padding 3 (no bias), BN, ReLU, max-pool 3x3",
        "stride 2 padding 1 (56x56). Four stages of 3, 4, 6 and 3 bottleneck",
        "blocks of width 64, 128, 256 and 512 (outputs 4x wider: 256 ... 2048",
        "channels) at 56, 28, 14 and 7 pixels. A bottleneck block is conv1x1 - BN",
        "- ReLU - conv3x3 (stride) - BN - ReLU - conv1x1 - BN, plus a shortcut,",
        "added, ReLU; the first block of each stage has a projection shortcut",
        "(conv1x1 with the block's stride, BN), and in stages 2-4 stride 2 on its",
        "conv3x3. Global average pool to 2048; linear 2048->1000.",
        "Every conv has no bias; BN uses eps 1e-5, momentum 0.1.",
    ])


def split_heads(m, x, name, batch, seq, heads):
    """[B*T, D] -> [B, T, H, dh] -> [B, H, T, dh] -> [B*H, T, dh]."""
    dh = x.shape[1] // heads
    y = m.reshape(x, name + "_split", (batch, seq, heads, dh))
    y = m.transpose(y, name + "_heads", (0, 2, 1, 3))
    return m.reshape(y, name + "_bh", (batch * heads, seq, dh))


def merge_heads(m, x, name, batch, heads):
    """[B*H, T, dh] -> [B, H, T, dh] -> [B, T, H, dh] -> [B*T, D]."""
    _, seq, dh = x.shape
    y = m.reshape(x, name + "_heads", (batch, heads, seq, dh))
    y = m.transpose(y, name + "_split", (0, 2, 1, 3))
    return m.reshape(y, name + "_merged", (batch * seq, heads * dh))


def attention(m, x, prefix, batch, seq, heads):
    """Pre-norm multi-head self-attention with its residual, on [B*T, D]
    tokens: LN, q/k/v projections, softmax(q k^T) v per head, output
    projection, plus x. The 1/sqrt(dh) scale of the scores is left out."""
    d = x.shape[1]
    h = m.layer_norm(x, prefix + "ln")
    q = split_heads(m, m.linear(h, prefix + "q", d), prefix + "q",
                    batch, seq, heads)
    k = split_heads(m, m.linear(h, prefix + "k", d), prefix + "k",
                    batch, seq, heads)
    v = split_heads(m, m.linear(h, prefix + "v", d), prefix + "v",
                    batch, seq, heads)
    scores = m.matmul(q, k, prefix + "scores", transpose_rhs=True)
    probs = m.softmax(scores, prefix + "probs")
    ctx = m.matmul(probs, v, prefix + "ctx")
    ctx = merge_heads(m, ctx, prefix + "ctx", batch, heads)
    out = m.linear(ctx, prefix + "out", d)
    return m.add(x, out, prefix + "res")


def mlp_block(m, x, prefix, hidden):
    """Pre-norm MLP with its residual: LN, linear D->hidden, GELU, linear
    hidden->D, plus x."""
    h = m.layer_norm(x, prefix + "ln")
    h = m.gelu(m.linear(h, prefix + "fc1", hidden), prefix + "gelu")
    h = m.linear(h, prefix + "fc2", x.shape[1])
    return m.add(x, h, prefix + "res")


def transformer_block():
    batch, seq, width, dim, heads = 64, 28, 28, 64, 4
    m = Model("transformer_block", 1, seq, width, 10, batch=batch)
    x = m.reshape(m.x, "rows", (batch * seq, width))
    x = m.linear(x, "embed", dim)
    x = attention(m, x, "attn_", batch, seq, heads)
    x = mlp_block(m, x, "mlp_", 4 * dim)
    x = m.layer_norm(x, "final_ln")
    x = m.reshape(x, "flat", (batch, seq * dim))
    m.loss(m.linear(x, "fc", 10))
    return m, header(m, "A pre-norm Transformer encoder block for 28x28 grayscale images, 10 classes.", [
        "Each image is a sequence of T = 28 tokens, its rows of 28 pixels; the",
        "tokens of the batch are kept as one [B*T, D] matrix (D = 64) between",
        "sub-blocks, so that every linear layer sees a rank-2 input.",
        "Embedding: linear 28->64 per row. Attention: layer norm, linear 64->64",
        "for each of q, k and v, split into H = 4 heads of dh = 16 ([B*H, T, dh]",
        "by reshape - transpose [0, 2, 1, 3] - reshape), softmax(q k^T) v per",
        "head, heads merged back to [B*T, 64], linear 64->64, plus the residual.",
        "MLP: layer norm, linear 64->256, GELU, linear 256->64, plus the residual.",
        "Head: layer norm, flatten each image's tokens to 28*64 = 1792, linear",
        "1792->10. Layer norms use eps 1e-5 over the last dimension.",
        "Simplifications, as the dialect has no broadcasting add and no scalar",
        "multiply: no positional embedding (the head's flatten still sees each",
        "token's position), and the 1/sqrt(dh) scale of the attention scores is",
        "left out (the q and k projections learn it).",
        "The batch size is static (B = 64, in every type): the reshapes that",
        "split and merge the heads of a batched matmul need static shapes.",
        "axt-run therefore trains with batches of 64 and rejects another --batch.",
    ])


MODELS = {
    "lenet5": lenet5,
    "lenet5_bn": lenet5_bn,
    "resnet8": resnet8,
    "vgg11": vgg11,
    "resnet18": resnet18,
    "resnet50": resnet50,
    "transformer_block": transformer_block,
}


def generate(name):
    model, description = MODELS[name]()
    return model.render(description)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="*", metavar="MODEL",
                    help="models to write (default: all of %s)"
                    % ", ".join(MODELS))
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if a file differs from what "
                    "would be generated")
    ap.add_argument("--output-dir", default=EXAMPLES_DIR,
                    help="directory of the .mlir files (default: examples/)")
    ap.add_argument("--batch", type=int, metavar="N",
                    help="a static batch size instead of a dynamic one "
                    "(needs --output-dir other than examples/)")
    args = ap.parse_args()
    if args.batch is not None:
        if args.batch < 1 or os.path.abspath(args.output_dir) == \
                os.path.abspath(EXAMPLES_DIR):
            ap.error("--batch needs a positive size and another --output-dir")
        global DEFAULT_BATCH
        DEFAULT_BATCH = args.batch
    for name in args.models:
        if name not in MODELS:
            ap.error("unknown model %r (expected one of %s)"
                     % (name, ", ".join(MODELS)))
    stale = []
    for name in args.models or list(MODELS):
        path = os.path.join(args.output_dir, name + ".mlir")
        text = generate(name)
        if args.check:
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    current = f.read()
            except FileNotFoundError:
                current = None
            if current != text:
                stale.append(path)
            continue
        os.makedirs(args.output_dir, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print("wrote %s" % path)
    if stale:
        for path in stale:
            print("stale: %s (run python3 %s)" % (path, GENERATOR),
                  file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
