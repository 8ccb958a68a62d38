"""Backpropagation for one input and one label, every intermediate kept for the student to see.

The course's chapter 5 chain on a single drawing: the loss, the error y - t at the output, the
gradient reaching each hidden layer, dW for the first layer, and chapter 4's numerical gradient
beside backprop for a few weights. Computed in float64 (on a float64 copy unless the network is
float64 already): the network's weights are never changed except by sgd_step, which updates the
network it is given.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitlab.nn.model.layers import Affine
from digitlab.nn.model.network import ACTIVATIONS, MultiLayerNet
from digitlab.nn.numerical.gradient import numerical_diff
from digitlab.nn.training.optimizers import SGD

SIDE = 28


@dataclass(frozen=True)
class Backward:
    """One backward pass for one input x (784,) and one label.

    loss: cross-entropy -log y[label]; y (10,) softmax output; t (10,) one-hot label;
    hidden: dL/dh for each hidden layer's output [(H1,), (H2,), ...]; deltas: dL/da for each hidden
    layer's weighted sums (before the activation), same shapes; grads: dL/dW1, dL/db1, ... as in
    MultiLayerNet.params (float64).
    """
    loss: float
    y: np.ndarray
    t: np.ndarray
    hidden: list[np.ndarray]
    deltas: list[np.ndarray]
    grads: dict[str, np.ndarray]

    @property
    def error(self) -> np.ndarray:
        """y - t (10,): what SoftmaxWithLoss sends back for one image."""
        return self.y - self.t

    @property
    def hidden_norms(self) -> list[float]:
        """||dL/dh|| for each hidden layer: how much gradient reaches it."""
        return [float(np.linalg.norm(g)) for g in self.hidden]


@dataclass(frozen=True)
class GradientCheck:
    """One weight's gradient both ways: key ("W1"), index ((i, j) or (j,)), backprop, numerical
    (central difference, h = 1e-4, float64) and their relative error."""
    key: str
    index: tuple[int, ...]
    backprop: float
    numerical: float

    @property
    def relative_error(self) -> float:
        return relative_error(self.backprop, self.numerical)


def relative_error(a: float, b: float) -> float:
    """|a - b| / (|a| + |b|), 0 when both are 0."""
    scale = abs(a) + abs(b)
    return 0.0 if scale == 0.0 else abs(a - b) / scale


def as_float64(network: MultiLayerNet) -> MultiLayerNet:
    """A float64 copy of network's weights and activation (no dropout, no weight decay); a network
    that is all that already is returned as it is (copying 784-512-256-10 costs ~30 ms: a view
    that follows the pen keeps one float64 copy and passes it)."""
    if network.dtype == np.float64 and network.dropout == 0 and network.weight_decay == 0:
        return network
    return MultiLayerNet.from_params(network.params, activation=network.activation, dtype=np.float64)


def _one_hot(label: int, classes: int) -> np.ndarray:
    if not 0 <= label < classes:
        raise ValueError(f"label must be 0..{classes - 1}, got {label}")
    t = np.zeros(classes)
    t[label] = 1.0
    return t


def backward(network: MultiLayerNet, x: np.ndarray, label: int) -> Backward:
    """Forward and backward pass of one image x (784,) with the given label, float64, eval mode."""
    net = as_float64(network)
    t = _one_hot(label, net.sizes[-1])
    loss = net.loss(np.asarray(x, np.float64).reshape(1, -1), t[None, :], train=False)
    y = net.last_layer.y[0].copy()
    dout = net.last_layer.backward(1.0)
    kinds = tuple(ACTIVATIONS.values())
    hidden, deltas = [], []
    for layer in reversed(net.layers):
        if isinstance(layer, kinds):
            hidden.append(dout[0].copy())
            dout = layer.backward(dout)
            deltas.append(dout[0].copy())
        elif isinstance(layer, Affine):
            dout = layer.backward(dout, need_dx=layer is not net.layers[0])
    grads = {}
    for i, affine in enumerate(net.param_layers, start=1):
        grads[f"W{i}"], grads[f"b{i}"] = affine.dW, affine.db
    return Backward(float(loss), y, t, hidden[::-1], deltas[::-1], grads)


def strongest_neurons(result: Backward, count: int = 4) -> np.ndarray:
    """Indices of the first-layer neurons with the largest |dL/da1|: their weights change most."""
    delta = np.abs(result.deltas[0]) if result.deltas else np.zeros(0)
    count = min(count, delta.size)
    return np.argsort(-delta, kind="stable")[:count]


def dW1_tiles(result: Backward, neurons) -> np.ndarray:
    """dL/dW1 columns of the given neurons as pictures: (len(neurons), 28, 28).

    For one image dW1[:, j] = x * dL/da1_j: the drawing itself, scaled by the neuron's error.
    """
    dW1 = result.grads["W1"]
    return np.stack([dW1[:, j].reshape(SIDE, SIDE) for j in neurons]) if len(neurons) else \
        np.zeros((0, SIDE, SIDE))


def largest_entries(result: Backward) -> list[tuple[str, tuple[int, ...]]]:
    """For each parameter (W1, b1, W2, ...), the entry with the largest |backprop gradient|."""
    return [(key, tuple(int(i) for i in np.unravel_index(np.argmax(np.abs(g)), g.shape)))
            for key, g in result.grads.items()]


def gradient_check(network: MultiLayerNet, x: np.ndarray, label: int, entries,
                   result: Backward | None = None) -> list[GradientCheck]:
    """Backprop against the course's numerical_diff (h = 1e-4, float64) for each (key, index).
    A float64 network is nudged in place and every weight put back exactly as it was."""
    result = result if result is not None else backward(network, x, label)
    net = as_float64(network)
    x2 = np.asarray(x, np.float64).reshape(1, -1)
    t = _one_hot(label, net.sizes[-1])[None, :]
    checks = []
    for key, index in entries:
        param = net.params[key]
        saved = float(param[index])

        def loss_at(value, param=param, index=index):
            param[index] = value
            return net.loss(x2, t, train=False)

        numerical = numerical_diff(loss_at, saved)
        param[index] = saved
        checks.append(GradientCheck(key, tuple(index), float(result.grads[key][index]), float(numerical)))
    return checks


def sgd_step(network: MultiLayerNet, x: np.ndarray, label: int, lr: float) -> Backward:
    """One SGD step on this one image: network.params -= lr * grads, in place (dtype kept).
    Returns the Backward the step used."""
    if not lr > 0:
        raise ValueError(f"the learning rate must be positive, got {lr}")
    result = backward(network, x, label)
    grads = {key: g.astype(network.params[key].dtype) for key, g in result.grads.items()}
    SGD(lr).update(network.params, grads)
    return result
