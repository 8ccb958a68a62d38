"""A multi-layer perceptron built from digitlab.nn.model.layers (the textbook's MultiLayerNet)."""
from __future__ import annotations

import copy

import numpy as np

from digitlab.nn.model.functions import softmax
from digitlab.nn.numerical.gradient import numerical_gradient
from digitlab.nn.model.layers import Affine, Dropout, Relu, Sigmoid, SoftmaxWithLoss, Tanh

ACTIVATIONS = {"relu": Relu, "sigmoid": Sigmoid, "tanh": Tanh}


def init_std(weight_init, n_in: int) -> float:
    """Standard deviation of the initial weights of a layer with n_in inputs.

    "he": sqrt(2 / n_in) (for ReLU), "xavier": sqrt(1 / n_in) (for sigmoid/tanh), or a number.
    """
    if weight_init == "he":
        return float(np.sqrt(2.0 / n_in))
    if weight_init == "xavier":
        return float(np.sqrt(1.0 / n_in))
    try:
        return float(weight_init)
    except (TypeError, ValueError):
        message = f"weight_init must be 'he', 'xavier' or a number, got {weight_init!r}"
        raise ValueError(message) from None


class LayerNet:
    """What every network of layers here shares: predict, loss, accuracy and backprop.

    A subclass builds `layers` (every layer but the loss, in order), `param_layers` (the layers
    with a weight W and a bias b, in order: W1, b1 belong to the first), `last_layer`
    (SoftmaxWithLoss), `params` ("W1", "b1", ...), and sets `input_size` (784), `dtype` and
    `weight_decay`. Inputs x: (N, 784), (N, 28, 28) or one (784,) image; t: labels or one-hot.
    """

    def _is_single(self, x) -> bool:
        return x.ndim == 1 or (x.ndim == 2 and x.shape[1] != self.input_size
                               and x.size == self.input_size)

    def _input(self, x) -> np.ndarray:
        """x as the first layer takes it (in the network's dtype)."""
        return np.asarray(x, dtype=self.dtype)

    def _sync_params(self):
        # Optimizers or a rollback may have replaced the arrays in params: use the current ones.
        for i, layer in enumerate(self.param_layers, start=1):
            layer.W, layer.b = self.params[f"W{i}"], self.params[f"b{i}"]

    def _forward(self, x, train):
        """Runs every layer but the loss. x: any accepted input -> scores (N, output_size)."""
        self._sync_params()
        out = self._input(x)
        for layer in self.layers:
            out = layer.forward(out, train)
        return out

    def predict(self, x, train=False) -> np.ndarray:
        """Scores before softmax. x: (N, 784), (N, 28, 28) -> (N, 10); one (784,) image -> (10,)."""
        scores = self._forward(x, train)
        return scores[0] if self._is_single(np.asarray(x)) else scores

    def probabilities(self, x) -> np.ndarray:
        """softmax(predict(x)) in eval mode: (N, 10), or (10,) for one image."""
        return softmax(self.predict(x))

    def hidden_activations(self, x) -> list[np.ndarray]:
        """Output of each hidden activation layer in eval mode: [(N, h1), (N, h2), ...]
        ((h1,), (h2,), ... for one image)."""
        return self.probabilities_and_hidden(x)[1]

    def probabilities_and_hidden(self, x) -> tuple[np.ndarray, list[np.ndarray]]:
        """probabilities(x) and hidden_activations(x) from one eval-mode forward pass.

        x: (N, 784) -> ((N, 10), [(N, h1), ...]); one image -> ((10,), [(h1,), ...]).
        """
        single = self._is_single(np.asarray(x))
        self._sync_params()
        kinds = tuple(ACTIVATIONS.values())
        hidden = []
        out = self._input(x)
        for layer in self.layers:
            out = layer.forward(out, train=False)
            if isinstance(layer, kinds):
                hidden.append(out[0] if single else out)
        return softmax(out[0] if single else out), hidden

    def _decay_loss(self) -> float:
        if self.weight_decay == 0.0:
            return 0.0
        total = sum(float(np.vdot(self.params[f"W{i}"], self.params[f"W{i}"]))
                    for i in range(1, len(self.param_layers) + 1))
        return 0.5 * self.weight_decay * total

    def loss(self, x, t, train=True) -> float:
        """Cross-entropy of softmax(scores) + 0.5 * weight_decay * sum(W^2). t: labels or one-hot."""
        scores = self._forward(x, train)
        return self.last_layer.forward(scores, t) + self._decay_loss()

    def accuracy(self, x, t, batch_size=1000) -> float:
        """Fraction of x whose highest score is the label, in eval mode and in batches.

        x: (N, 784) or (N, 28, 28); t: labels (N,) or one-hot (N, 10).
        """
        t = np.asarray(t)
        labels = t.argmax(axis=1) if t.ndim == 2 else t
        x = np.asarray(x)
        correct = 0
        for start in range(0, len(x), batch_size):
            scores = self._forward(x[start:start + batch_size], train=False)
            correct += int(np.sum(scores.argmax(axis=1) == labels[start:start + batch_size]))
        return correct / len(x)

    def gradient(self, x, t) -> dict[str, np.ndarray]:
        """Backpropagation: d loss / d param for every key of params (same shapes and dtype)."""
        return self.loss_and_gradient(x, t)[1]

    def loss_and_gradient(self, x, t) -> tuple[float, dict[str, np.ndarray]]:
        """The training loss and its backprop gradient from one forward pass (one dropout mask)."""
        loss = self.loss(x, t, train=True)
        dout = self.last_layer.backward(1.0)
        for layer in reversed(self.layers[1:]):
            dout = layer.backward(dout)
        # The gradient with respect to the input image is never used: skip its matmul.
        self.layers[0].backward(dout, need_dx=False)
        grads = {}
        for i, layer in enumerate(self.param_layers, start=1):
            dW = layer.dW
            grads[f"W{i}"] = dW + self.weight_decay * layer.W if self.weight_decay else dW
            grads[f"b{i}"] = layer.db
        return loss, grads

    def numerical_gradient(self, x, t, after_each=None) -> dict[str, np.ndarray]:
        """The course's central differences (h = 1e-4) for every parameter; slow (2 losses each).

        Dropout is off here: a fresh mask for every loss would turn the differences into noise.
        after_each() is called after every parameter (nn.gradient.numerical_gradient): a run
        that is stopped raises there instead of finishing an iteration of minutes.
        """
        return {key: numerical_gradient(lambda _: self.loss(x, t, train=False), param, after_each=after_each)
                for key, param in self.params.items()}


class MultiLayerNet(LayerNet):
    """Affine -> activation [-> Dropout] -> ... -> Affine -> SoftmaxWithLoss.

    params: "W1", "b1", "W2", ... with W{i}: (sizes[i-1], sizes[i]) and b{i}: (sizes[i],).
    Inputs x: (N, input_size), (N, 28, 28) or one (input_size,) image; t: labels (N,) or one-hot.
    """

    def __init__(self, input_size=784, hidden_sizes=(100,), output_size=10, *,
                 activation="relu", weight_init="he", dropout=0.0, weight_decay=0.0,
                 dtype=np.float32, rng: np.random.Generator | None = None):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {tuple(ACTIVATIONS)}, got {activation!r}")
        self.sizes = (int(input_size), *(int(h) for h in hidden_sizes), int(output_size))
        self.input_size = self.sizes[0]
        if min(self.sizes) < 1:
            raise ValueError(f"layer sizes must be positive, got {self.sizes}")
        self.activation = activation
        self.weight_init = weight_init
        self.dropout = float(dropout)
        # A Python float, not np.float64: NumPy would upcast float32 gradients to float64.
        self.weight_decay = float(weight_decay)
        self.dtype = np.dtype(dtype)
        self.rng = rng if rng is not None else np.random.default_rng()
        self.params = {}
        for i, (n_in, n_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:]), start=1):
            # Drawn in float64 so float32 and float64 nets from one seed start from the same weights.
            W = init_std(weight_init, n_in) * self.rng.standard_normal((n_in, n_out))
            self.params[f"W{i}"] = W.astype(self.dtype)
            self.params[f"b{i}"] = np.zeros(n_out, dtype=self.dtype)
        self._build_layers()

    def _build_layers(self):
        n_affine = len(self.sizes) - 1
        self.param_layers = [Affine(self.params[f"W{i}"], self.params[f"b{i}"])
                             for i in range(1, n_affine + 1)]
        self.layers = []
        for i, affine in enumerate(self.param_layers, start=1):
            self.layers.append(affine)
            if i < n_affine:
                self.layers.append(ACTIVATIONS[self.activation]())
                if self.dropout > 0:
                    self.layers.append(Dropout(self.dropout, self.rng))
        self.last_layer = SoftmaxWithLoss()

    def __repr__(self):
        sizes = "-".join(str(s) for s in self.sizes)
        return (f"MultiLayerNet({sizes}, activation={self.activation!r}, dropout={self.dropout}, "
                f"weight_decay={self.weight_decay}, dtype={self.dtype.name})")

    def copy(self) -> MultiLayerNet:
        """A snapshot: same settings, its own copies of the parameters."""
        net = MultiLayerNet(self.sizes[0], self.sizes[1:-1], self.sizes[-1],
                            activation=self.activation, weight_init=0.0, dropout=self.dropout,
                            weight_decay=self.weight_decay, dtype=self.dtype,
                            rng=copy.deepcopy(self.rng))
        net.weight_init = self.weight_init
        net.params = {key: value.copy() for key, value in self.params.items()}
        return net

    @classmethod
    def from_params(cls, params: dict, activation="relu", dtype=None) -> MultiLayerNet:
        """A network around copies of W1, b1, W2, b2, ... (e.g. the textbook's sample_weight.pkl).

        dtype None keeps the dtype of W1 (float32 when it is not a float type).
        """
        n_affine = sum(1 for key in params if key.startswith("W"))
        Ws = [np.asarray(params[f"W{i}"]) for i in range(1, n_affine + 1)]
        sizes = [Ws[0].shape[0]] + [W.shape[1] for W in Ws]
        for i, W in enumerate(Ws, start=1):
            bias = np.asarray(params[f"b{i}"])
            if W.ndim != 2 or W.shape[0] != sizes[i - 1] or bias.shape != (W.shape[1],):
                raise ValueError(f"W{i} {W.shape} / b{i} {bias.shape} do not chain to sizes {sizes}")
        if dtype is None:
            dtype = Ws[0].dtype if np.issubdtype(Ws[0].dtype, np.floating) else np.float32
        net = cls(sizes[0], sizes[1:-1], sizes[-1], activation=activation, weight_init=0.0,
                  dtype=dtype, rng=np.random.default_rng(0))
        net.params = {key: np.array(params[key], dtype=net.dtype)
                      for i in range(1, n_affine + 1) for key in (f"W{i}", f"b{i}")}
        return net
