"""PyTorch definitions of the two CNNs that AXT trains (examples/lenet5.mlir
and examples/resnet8.mlir), shared by torch_cnn_train.py and cnn_step.py.

Both take NCHW 1x28x28 inputs and produce 10 logits.

LeNet-5: conv 1->6 k5 pad 2 (+bias), ReLU, max-pool 2/2, conv 6->16 k5
(+bias), ReLU, max-pool 2/2, flatten (400), linear 400->120, ReLU,
linear 120->84, ReLU, linear 84->10.

LeNet-5 BN: LeNet-5 with a BatchNorm after each conv (then without bias)
and after fc1 and fc2, each before its ReLU.

ResNet-8: conv3x3 1->16 (no bias), BN, ReLU; block(16->16, s1);
block(16->32, s2); block(32->64, s2); global average pool; linear 64->10.
A block is conv3x3 (stride s) - BN - ReLU - conv3x3 - BN plus a shortcut
(identity, or conv1x1 stride s - BN when the shape changes), added, ReLU.
BatchNorm: eps 1e-5, momentum 0.1, gamma 1 and beta 0 at the start.

Initialization "he": every conv and linear weight drawn from
U(-sqrt(6/fan_in), sqrt(6/fan_in)) with fan_in = in_channels/groups x kh x kw
(in_features for a linear layer), biases zero; "fan-in": the same with bound
1/sqrt(fan_in); "model": the scheme of the model's file in examples/
(MODEL_WEIGHT_INIT, from its axt.init attributes); "default": PyTorch's own.
This module imports torch lazily so that scripts can report a missing torch.
"""
import math

MODELS = ("lenet5", "lenet5_bn", "resnet8")
# Gains g of the weight bounds sqrt(g/fan_in), by init name.
WEIGHT_GAINS = {"he": 6.0, "fan-in": 1.0}
WEIGHT_INITS = tuple(WEIGHT_GAINS)
# The weight init of each model in examples/ (generate_models.py).
MODEL_WEIGHT_INIT = {"lenet5": "fan-in", "lenet5_bn": "he", "resnet8": "he"}
BN_EPS = 1e-5
BN_MOMENTUM = 0.1


def _modules():
    import torch.nn as nn
    import torch.nn.functional as F

    class LeNet5(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
            self.conv2 = nn.Conv2d(6, 16, 5)
            self.fc1 = nn.Linear(16 * 5 * 5, 120)
            self.fc2 = nn.Linear(120, 84)
            self.fc3 = nn.Linear(84, 10)

        def forward(self, x):
            x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)
            x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)
            x = x.flatten(1)
            x = F.relu(self.fc1(x))
            x = F.relu(self.fc2(x))
            return self.fc3(x)

    def bn(channels):
        return nn.BatchNorm2d(channels, eps=BN_EPS, momentum=BN_MOMENTUM,
                              affine=True)

    def bn1d(features):
        return nn.BatchNorm1d(features, eps=BN_EPS, momentum=BN_MOMENTUM,
                              affine=True)

    class LeNet5BN(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 6, 5, padding=2, bias=False)
            self.bn1 = bn(6)
            self.conv2 = nn.Conv2d(6, 16, 5, bias=False)
            self.bn2 = bn(16)
            self.fc1 = nn.Linear(16 * 5 * 5, 120)
            self.bn3 = bn1d(120)
            self.fc2 = nn.Linear(120, 84)
            self.bn4 = bn1d(84)
            self.fc3 = nn.Linear(84, 10)

        def forward(self, x):
            x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2, 2)
            x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2, 2)
            x = x.flatten(1)
            x = F.relu(self.bn3(self.fc1(x)))
            x = F.relu(self.bn4(self.fc2(x)))
            return self.fc3(x)

    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1,
                                   bias=False)
            self.bn1 = bn(cout)
            self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
            self.bn2 = bn(cout)
            if stride == 1 and cin == cout:
                self.shortcut = nn.Identity()
            else:
                self.shortcut = nn.Sequential(
                    nn.Conv2d(cin, cout, 1, stride=stride, bias=False),
                    bn(cout))

        def forward(self, x):
            y = F.relu(self.bn1(self.conv1(x)))
            y = self.bn2(self.conv2(y))
            return F.relu(y + self.shortcut(x))

    class ResNet8(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(1, 16, 3, padding=1, bias=False)
            self.bn = bn(16)
            self.block1 = Block(16, 16, 1)
            self.block2 = Block(16, 32, 2)
            self.block3 = Block(32, 64, 2)
            self.fc = nn.Linear(64, 10)

        def forward(self, x):
            x = F.relu(self.bn(self.conv(x)))
            x = self.block3(self.block2(self.block1(x)))
            x = x.mean(dim=(2, 3))  # global average pool: 64x7x7 -> 64
            return self.fc(x)

    return nn, {"lenet5": LeNet5, "lenet5_bn": LeNet5BN, "resnet8": ResNet8}


def uniform_fan_in_(model, gain):
    """Weights from U(+-sqrt(gain/fan_in)) and zero biases for every conv and
    linear layer."""
    import torch
    nn, _ = _modules()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                # weight[0] is one output unit's fan-in:
                # in_channels/groups x kh x kw, or in_features.
                fan_in = m.weight[0].numel()
                bound = math.sqrt(gain / fan_in)
                m.weight.uniform_(-bound, bound)
                if m.bias is not None:
                    m.bias.zero_()


def build_model(name, init="model"):
    """Returns the named model (in training mode), initialized per `init`."""
    if name not in MODELS:
        raise ValueError("unknown model %r (expected one of %s)"
                         % (name, ", ".join(MODELS)))
    if init == "model":
        init = MODEL_WEIGHT_INIT[name]
    if init not in WEIGHT_GAINS and init != "default":
        raise ValueError("unknown init %r" % init)
    _, classes = _modules()
    model = classes[name]()
    if init in WEIGHT_GAINS:
        uniform_fan_in_(model, WEIGHT_GAINS[init])
    model.train()
    return model


def forward_flops(model, batch):
    """Multiply-add FLOPs (2 per MAC) of the conv and linear layers in one
    forward pass at `batch`; pooling, BN, ReLU and the loss are left out."""
    import torch
    nn, _ = _modules()
    total = [0]

    def hook(m, inputs, out):
        total[0] += 2 * out.numel() * m.weight[0].numel()

    handles = [m.register_forward_hook(hook) for m in model.modules()
               if isinstance(m, (nn.Conv2d, nn.Linear))]
    was_training = model.training
    model.eval()  # so the probe does not touch BN running statistics
    try:
        with torch.no_grad():
            model(torch.zeros(batch, 1, 28, 28))
    finally:
        for h in handles:
            h.remove()
        model.train(was_training)
    return total[0]


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())
