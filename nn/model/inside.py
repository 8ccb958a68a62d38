"""Inside a network for one input: every layer's a and z, the strongest links, one neuron's sum.

The Inside tab shows these; chapter 3's toy network and softmax demos live here too, so the tests
hold the course's numbers against the same functions the tab draws.
Layers are numbered as the course numbers W: layer l = 1..L is the output of W_l (W_l (n_{l-1}, n_l)),
layer 0 is the input x, layer L the output scores.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitlab.nn.model.functions import identity, relu, sigmoid, softmax, step_function, tanh

HIDDEN_FUNCTIONS = {"relu": relu, "sigmoid": sigmoid, "tanh": tanh}
# the three functions chapter 3 plots
COURSE_FUNCTIONS = {"step": step_function, "sigmoid": sigmoid, "relu": relu}


@dataclass(frozen=True)
class Trace:
    """One input through the network: x (n_0,), a[l-1] = a_l (n_l,) for l = 1..L, z[l-1] = h(a_l)
    for the hidden layers l = 1..L-1, y = softmax(a_L) (n_L,)."""
    x: np.ndarray
    a: tuple[np.ndarray, ...]
    z: tuple[np.ndarray, ...]
    y: np.ndarray

    @property
    def depth(self) -> int:
        """L, the number of weight layers."""
        return len(self.a)

    def layer_input(self, layer: int) -> np.ndarray:
        """What W_layer multiplies: x for layer 1, z_{layer-1} after it."""
        return self.x if layer == 1 else self.z[layer - 2]

    def values(self, layer: int) -> np.ndarray:
        """What a neuron of `layer` shows: x (layer 0), z_l (hidden), y (output)."""
        if layer == 0:
            return self.x
        return self.y if layer == self.depth else self.z[layer - 1]


def trace(network, x: np.ndarray) -> Trace:
    """Forward x (784,) through `network` (a MultiLayerNet, eval mode), keeping every a and z."""
    h = HIDDEN_FUNCTIONS[network.activation]
    z = np.asarray(x, network.dtype).reshape(-1)
    a_all, z_all = [], []
    layers = len(network.sizes) - 1
    for layer in range(1, layers + 1):
        a = z @ network.params[f"W{layer}"] + network.params[f"b{layer}"]
        a_all.append(a)
        if layer < layers:
            z = h(a)
            z_all.append(z)
    return Trace(np.asarray(x, network.dtype).reshape(-1), tuple(a_all), tuple(z_all), softmax(a_all[-1]))


def most_active(values: np.ndarray, n: int) -> np.ndarray:
    """Indices of the n largest values (all when there are at most n), in ascending index order."""
    values = np.asarray(values)
    if values.size <= n:
        return np.arange(values.size)
    return np.sort(np.argpartition(-values, n - 1)[:n])


@dataclass(frozen=True)
class Links:
    """The strongest contributions z_i * W[i, j] of one layer: source i, target j, value, each (k,)."""
    source: np.ndarray
    target: np.ndarray
    value: np.ndarray


def strongest_links(z_prev: np.ndarray, W: np.ndarray, k: int, rows: np.ndarray | None = None,
                    cols: np.ndarray | None = None) -> Links:
    """The k largest |z_prev[i] * W[i, j]| among rows i and columns j (all when None), largest first.

    z_prev: (n_in,), W: (n_in, n_out). Inputs that are 0 contribute nothing and are skipped first
    (most pixels of a drawing), so a 784 x 512 layer costs a fraction of its 401,408 products.
    Indices are of the whole layer, not of rows and cols.
    """
    rows = np.arange(W.shape[0]) if rows is None else np.asarray(rows)
    cols = np.arange(W.shape[1]) if cols is None else np.asarray(cols)
    rows = rows[np.asarray(z_prev)[rows] != 0]
    if rows.size == 0 or cols.size == 0 or k <= 0:
        empty = np.zeros(0, np.intp)
        return Links(empty, empty, np.zeros(0, W.dtype))
    c = z_prev[rows, None] * W[np.ix_(rows, cols)]
    flat = np.abs(c).ravel()
    if flat.size > k:
        best = np.argpartition(-flat, k - 1)[:k]
    else:
        best = np.arange(flat.size)
    best = best[np.argsort(-flat[best], kind="stable")]
    i, j = np.divmod(best, cols.size)
    return Links(rows[i], cols[j], c.ravel()[best])


@dataclass(frozen=True)
class NeuronSum:
    """a = x1*w1 + x2*w2 + ... + b for one neuron, as the course writes it.

    index, inputs, weights, terms: the `top` largest |terms| (k,), largest first; rest: the sum of
    the other n_terms - k terms; bias, a, h (h(a); a itself for the output layer)."""
    layer: int
    neuron: int
    index: np.ndarray
    inputs: np.ndarray
    weights: np.ndarray
    terms: np.ndarray
    rest: float
    n_terms: int
    bias: float
    a: float
    h: float


def neuron_sum(network, tr: Trace, layer: int, neuron: int, top: int = 6) -> NeuronSum:
    """The weighted sum of `neuron` (0-based) in `layer` (1..L) for the traced input."""
    x = tr.layer_input(layer)
    w = network.params[f"W{layer}"][:, neuron]
    b = float(network.params[f"b{layer}"][neuron])
    terms = (x * w).astype(np.float64)
    top = min(top, terms.size)
    best = np.argpartition(-np.abs(terms), top - 1)[:top] if terms.size > top else np.arange(terms.size)
    best = best[np.argsort(-np.abs(terms[best]), kind="stable")]
    rest = float(terms.sum() - terms[best].sum())
    a = float(tr.a[layer - 1][neuron])
    h = a if layer == tr.depth else float(tr.z[layer - 1][neuron])
    return NeuronSum(layer, neuron, best, x[best], w[best], terms[best], rest, terms.size, b, a, h)


def first_layer_images(network, x: np.ndarray, neuron: int) -> tuple[np.ndarray, np.ndarray]:
    """A first-layer neuron's 784 weights as (28, 28), and weights * input pixels as (28, 28)."""
    w = network.params["W1"][:, neuron]
    return w.reshape(28, 28), (np.asarray(x).reshape(-1) * w).reshape(28, 28)


def activation_curve(activation: str, lo: float = -5.0, hi: float = 5.0, n: int = 201):
    """(x (n,), h(x) (n,)) of a hidden activation ("relu", "sigmoid", "tanh") or "step" or
    "identity" (the output layer), float64."""
    functions = {**HIDDEN_FUNCTIONS, **COURSE_FUNCTIONS, "identity": identity}
    x = np.linspace(lo, hi, n)
    return x, np.asarray(functions[activation](x), np.float64)


@dataclass(frozen=True)
class SoftmaxSteps:
    """Softmax step by step at temperature T: a (C,), scaled = a / T, shifted = scaled - max,
    exp = exp(shifted), total = sum(exp), y = exp / total."""
    a: np.ndarray
    temperature: float
    scaled: np.ndarray
    shifted: np.ndarray
    exp: np.ndarray
    total: float
    y: np.ndarray


def softmax_steps(a: np.ndarray, temperature: float = 1.0) -> SoftmaxSteps:
    """The stable softmax of scores a (C,) divided by temperature (> 0), keeping each step."""
    if not temperature > 0:
        raise ValueError(f"the temperature must be above 0, got {temperature}")
    a = np.asarray(a, np.float64)
    scaled = a / temperature
    shifted = scaled - scaled.max()
    e = np.exp(shifted)
    total = float(e.sum())
    return SoftmaxSteps(a, float(temperature), scaled, shifted, e, total, e / total)


def naive_softmax(a: np.ndarray) -> np.ndarray:
    """exp(a) / sum(exp(a)) without subtracting the maximum, as the course first writes it.

    For a = [1010, 1000, 990] exp overflows to inf and inf / inf is nan: NumPy warns
    (RuntimeWarning) as it would in the course; callers that only show it use np.errstate.
    """
    e = np.exp(np.asarray(a, np.float64))
    return e / np.sum(e)


# --- chapter 3's three-layer toy network -----------------------------------------------

def init_network() -> dict[str, np.ndarray]:
    """The book's init_network(): W1 (2, 3), b1 (3,), W2 (3, 2), b2 (2,), W3 (2, 2), b3 (2,)."""
    return {
        "W1": np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
        "b1": np.array([0.1, 0.2, 0.3]),
        "W2": np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]),
        "b2": np.array([0.1, 0.2]),
        "W3": np.array([[0.1, 0.3], [0.2, 0.4]]),
        "b3": np.array([0.1, 0.2]),
    }


TOY_X = (1.0, 0.5)
TOY_STEPS = ("a1", "z1", "a2", "z2", "a3", "y")


def toy_forward(network: dict[str, np.ndarray], x: np.ndarray) -> dict[str, np.ndarray]:
    """The book's forward(network, x): sigmoid hidden layers, identity output; every intermediate
    {"a1", "z1", "a2", "z2", "a3", "y"} (x (2,) -> a1, z1 (3,) -> a2, z2 (2,) -> a3, y (2,))."""
    x = np.asarray(x, np.float64)
    a1 = x @ network["W1"] + network["b1"]
    z1 = sigmoid(a1)
    a2 = z1 @ network["W2"] + network["b2"]
    z2 = sigmoid(a2)
    a3 = z2 @ network["W3"] + network["b3"]
    return {"a1": a1, "z1": z1, "a2": a2, "z2": z2, "a3": a3, "y": identity(a3)}


@dataclass(frozen=True)
class LayerShapes:
    """One step of the chain z_{l-1} (N, n_in) . W_l (n_in, n_out) + b_l (n_out,) -> a_l (N, n_out)."""
    layer: int
    input: tuple[int, int]
    W: tuple[int, int]
    b: tuple[int]
    output: tuple[int, int]


def shape_chain(sizes: tuple[int, ...], batch: int = 1) -> list[LayerShapes]:
    """The shapes along the network of layer sizes (784, ..., 10) for a batch of `batch` inputs."""
    return [LayerShapes(l, (batch, n_in), (n_in, n_out), (n_out,), (batch, n_out))
            for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1)]
