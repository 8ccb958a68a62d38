"""A convolutional network (the book's chapter 7, SimpleConvNet grown by one stage).

    conv -> ReLU -> pool -> conv -> ReLU -> pool -> Affine -> ReLU -> Affine -> SoftmaxWithLoss

Every convolution has stride 1 and is followed by 2x2 max pooling with stride 2, so each stage
halves the image's side. The weights keep the book's names in order: the first convolution's
filters are W1 (FN, C, FH, FW), the first Affine after the last pooling is W{stages + 1}.
"""
from __future__ import annotations

import copy

import numpy as np

from digitlab.nn.model.conv import Convolution, Pooling, output_size
from digitlab.nn.model.layers import Affine, Dropout, Relu, SoftmaxWithLoss
from digitlab.nn.model.network import LayerNet, init_std

INPUT_SHAPE = (1, 28, 28)
POOL = 2
# Images per forward pass when evaluating: the feature maps of a large batch stop fitting in the
# caches. 2,000 test images took 281 ms in batches of 100, 314 ms of 200, 371 ms of 1,000 (best
# of 4 on the 2-core machine, load average 4.5; the median at 1,000 was 713 ms).
EVAL_BATCH = 100


def weight_shapes(conv, hidden_sizes, n_out=10) -> list[tuple[int, ...]]:
    """Shapes of W1, W2, ...: (FN, C, FH, FW) per conv stage, then (n_in, n_out) per Affine.

    Raises ValueError when a stage is not (filters >= 1, size >= 1, pad >= 0) or shrinks the
    28x28 image to nothing. Allocates nothing: model files are checked with it before loading.
    """
    channels, side = INPUT_SHAPE[0], INPUT_SHAPE[1]
    shapes = []
    for filters, size, pad in conv:
        if min(filters, size) < 1 or pad < 0:
            raise ValueError(f"a convolution needs filters and a size of at least 1, got "
                             f"{(filters, size, pad)}")
        side = output_size(side, size, 1, pad) // POOL
        if side < 1:
            raise ValueError(f"the convolutions {tuple(map(tuple, conv))} shrink the 28x28 image "
                             f"to nothing")
        shapes.append((filters, channels, size, size))
        channels = filters
    sizes = (channels * side * side, *hidden_sizes, n_out)
    if min(sizes) < 1:
        raise ValueError(f"layer sizes must be positive, got {sizes}")
    return shapes + list(zip(sizes[:-1], sizes[1:]))


class ConvNet(LayerNet):
    """conv stages (filters, size, pad) each with ReLU and 2x2 pooling, then hidden Affine layers.

    conv: ((16, 5, 2), (32, 5, 2)) means 16 filters 5x5 with padding 2, then 32 of them.
    Inputs x: (N, 784), (N, 28, 28), (N, 1, 28, 28) or one (784,) or (28, 28) image.
    """

    kind = "conv"

    def __init__(self, conv=((16, 5, 2), (32, 5, 2)), hidden_sizes=(128,), output_size=10, *,
                 weight_init="he", dropout=0.0, weight_decay=0.0, dtype=np.float32,
                 rng: np.random.Generator | None = None):
        self.conv = tuple(tuple(int(v) for v in stage) for stage in conv)
        self.hidden_sizes = tuple(int(h) for h in hidden_sizes)
        self.output_size = int(output_size)
        self.input_size = int(np.prod(INPUT_SHAPE))
        self.weight_init = weight_init
        self.dropout = float(dropout)
        self.weight_decay = float(weight_decay)
        self.dtype = np.dtype(dtype)
        self.rng = rng if rng is not None else np.random.default_rng()
        self.params = {}
        for i, shape in enumerate(self.weight_shapes(), start=1):
            fan_in = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]
            # Drawn in float64 so float32 and float64 nets from one seed start from the same weights.
            W = init_std(weight_init, fan_in) * self.rng.standard_normal(shape)
            self.params[f"W{i}"] = W.astype(self.dtype)
            self.params[f"b{i}"] = np.zeros(shape[0] if len(shape) == 4 else shape[1], self.dtype)
        self._build_layers()

    def weight_shapes(self) -> list[tuple[int, ...]]:
        """Shapes of W1, W2, ... (see the module function weight_shapes)."""
        return weight_shapes(self.conv, self.hidden_sizes, self.output_size)

    def _build_layers(self):
        n_conv = len(self.conv)
        self.param_layers, self.layers = [], []
        for i, (_, _, pad) in enumerate(self.conv, start=1):
            layer = Convolution(self.params[f"W{i}"], self.params[f"b{i}"], stride=1, pad=pad)
            self.param_layers.append(layer)
            self.layers += [layer, Relu(), Pooling(POOL, POOL, stride=POOL)]
        n_affine = len(self.hidden_sizes) + 1
        for i in range(n_conv + 1, n_conv + n_affine + 1):
            affine = Affine(self.params[f"W{i}"], self.params[f"b{i}"])
            self.param_layers.append(affine)
            self.layers.append(affine)
            if i < n_conv + n_affine:
                self.layers.append(Relu())
                if self.dropout > 0:
                    self.layers.append(Dropout(self.dropout, self.rng))
        self.last_layer = SoftmaxWithLoss()

    def _input(self, x) -> np.ndarray:
        return np.asarray(x, dtype=self.dtype).reshape(-1, *INPUT_SHAPE)

    def _forward(self, x, train):
        """LayerNet's forward; when evaluating, in batches of at most EVAL_BATCH images (predict,
        accuracy and nn.evaluate hand it any number)."""
        x, forward = self._input(x), super()._forward
        if train or len(x) <= EVAL_BATCH:
            return forward(x, train)
        return np.concatenate([forward(x[start:start + EVAL_BATCH], train)
                               for start in range(0, len(x), EVAL_BATCH)])

    def _is_single(self, x) -> bool:
        return x.size == self.input_size and x.ndim < 4 and (x.ndim < 3 or x.shape[0] != 1) \
            and not (x.ndim == 2 and x.shape[1] == self.input_size)

    def architecture(self) -> dict:
        """What a model file records to rebuild this network (nn.files.model_io)."""
        return {"kind": self.kind, "conv": [list(stage) for stage in self.conv],
                "hidden_sizes": list(self.hidden_sizes), "output_size": self.output_size}

    def __repr__(self):
        stages = ", ".join(f"{f}@{s}x{s}" for f, s, _ in self.conv)
        hidden = "-".join(str(h) for h in self.hidden_sizes)
        return (f"ConvNet(conv [{stages}], hidden {hidden}, dropout={self.dropout}, "
                f"weight_decay={self.weight_decay}, dtype={self.dtype.name})")

    def copy(self) -> ConvNet:
        """A snapshot: same settings, its own copies of the parameters."""
        net = ConvNet(self.conv, self.hidden_sizes, self.output_size, weight_init=0.0,
                      dropout=self.dropout, weight_decay=self.weight_decay, dtype=self.dtype,
                      rng=copy.deepcopy(self.rng))
        net.weight_init = self.weight_init
        net.params = {key: value.copy() for key, value in self.params.items()}
        return net

    @classmethod
    def from_params(cls, params: dict, architecture: dict, dtype=None) -> ConvNet:
        """A network of the given architecture around copies of params; ValueError when the
        shapes of params do not chain as the architecture says."""
        conv = tuple(tuple(int(v) for v in stage) for stage in architecture["conv"])
        hidden, n_out = tuple(architecture["hidden_sizes"]), architecture.get("output_size", 10)
        expected = weight_shapes(conv, hidden, n_out)
        keys = sorted(f"{kind}{i}" for i in range(1, len(expected) + 1) for kind in "Wb")
        if sorted(params) != keys:
            raise ValueError(f"the architecture has the weights {keys}, got {sorted(params)}")
        for i, shape in enumerate(expected, start=1):
            W, b = np.shape(params[f"W{i}"]), np.shape(params[f"b{i}"])
            if W != shape or b != (shape[0] if len(shape) == 4 else shape[1],):
                raise ValueError(f"W{i} {W} / b{i} {b} do not chain: expected W{i} {shape}")
        net = cls(conv, hidden, n_out, weight_init=0.0, dtype=np.float32 if dtype is None else dtype,
                  rng=np.random.default_rng(0))
        if dtype is None:
            W1 = np.asarray(params["W1"])
            net.dtype = W1.dtype if np.issubdtype(W1.dtype, np.floating) else np.dtype(np.float32)
        net.params = {key: np.array(value, dtype=net.dtype) for key, value in params.items()}
        net._build_layers()
        return net
