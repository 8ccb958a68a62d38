"""The weights' health during a run: per layer, how the weights spread, how large the gradient and
the step are, and how many hidden units died (ReLU) or saturated (sigmoid) on a fixed probe batch.

The trainer makes a HealthMonitor when asked (Trainer(health_every=k)) and yields a small frozen
HealthEvent every k iterations: numbers and histograms, never the weight arrays themselves.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HISTOGRAM_BINS = 30
PROBE_SIZE = 100    # one mini-batch: a measurement's forward pass costs about a third of an iteration
# A sigmoid unit is saturated when its output is below LOW or above HIGH on most probe images:
# there its slope y(1 - y) is below 0.01 and almost no gradient flows back through it.
SATURATED_LOW, SATURATED_HIGH = 0.01, 0.99
SATURATED_MOST = 0.5


@dataclass(frozen=True)
class LayerHealth:
    """One weight matrix W{i}: weight_norm ||W||, grad_norm ||dW||, update_ratio ||W_after -
    W_before|| / ||W_before|| (= ||lr dW|| / ||W|| for plain SGD); histogram and start_histogram
    (HISTOGRAM_BINS,) of the weights now and at the start, over the same edges (bins + 1,);
    dead_share (ReLU layers) and saturated_share (sigmoid layers) of the units the layer feeds,
    None where they do not apply (the output layer, other activations)."""

    name: str
    weight_norm: float
    grad_norm: float
    update_ratio: float
    histogram: np.ndarray
    start_histogram: np.ndarray
    edges: np.ndarray
    dead_share: float | None = None
    saturated_share: float | None = None

    def __repr__(self):
        return (f"LayerHealth({self.name}, |W|={self.weight_norm:.3g}, |dW|={self.grad_norm:.3g}, "
                f"update/weight={self.update_ratio:.2e})")


@dataclass(frozen=True)
class HealthEvent:
    """The health of every weight matrix after iteration `iteration` (counted from 1)."""

    iteration: int
    layers: tuple[LayerHealth, ...]

    def worst(self, field: str) -> float | None:
        """The largest non-None value of `field` over the layers (e.g. "dead_share"), or None."""
        values = [getattr(layer, field) for layer in self.layers if getattr(layer, field) is not None]
        return max(values) if values else None


def norm(a: np.ndarray) -> float:
    """Frobenius norm, summed by BLAS in a's own dtype (float32: about 6 digits, enough to show;
    no float64 copy of the weights at every measurement)."""
    a = np.ravel(a)
    return float(np.sqrt(np.dot(a, a)))


def update_ratio(W_before: np.ndarray, W_after: np.ndarray) -> float:
    """||W_after - W_before|| / ||W_before||: the size of one step against the size of the weights."""
    before = norm(W_before)
    step = norm(np.subtract(W_after, W_before))
    return step / before if before > 0 else float("inf") if step > 0 else 0.0


def dead_share(hidden: np.ndarray) -> float:
    """Share of ReLU units that output 0 for every probe image. hidden: (N, units) -> [0, 1]."""
    return float(np.mean(np.all(hidden <= 0, axis=0)))


def saturated_share(hidden: np.ndarray) -> float:
    """Share of sigmoid units whose output is below 0.01 or above 0.99 on most probe images."""
    stuck = (hidden < SATURATED_LOW) | (hidden > SATURATED_HIGH)
    return float(np.mean(np.mean(stuck, axis=0) > SATURATED_MOST))


def histogram_edges(W: np.ndarray, bins: int = HISTOGRAM_BINS) -> np.ndarray:
    """Symmetric edges wide enough for W at the start and for a spread three times larger later."""
    reach = 3.0 * float(np.max(np.abs(W))) if W.size else 1.0
    return np.linspace(-reach, reach, bins + 1) if reach > 0 else np.linspace(-1.0, 1.0, bins + 1)


def histogram(W: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts of W's values per bin; values beyond the edges go into the outer bins."""
    bins = len(edges) - 1
    W = np.ravel(W)
    scale = W.dtype.type(bins / (edges[-1] - edges[0])) if W.dtype.kind == "f" else bins / (edges[-1] - edges[0])
    scaled = np.clip((W - W.dtype.type(edges[0]) if W.dtype.kind == "f" else W - edges[0]) * scale, 0, bins - 1)
    with np.errstate(invalid="ignore"):     # a NaN weight lands in the first bin
        index = np.nan_to_num(scaled, nan=0.0).astype(np.intp)
    return np.bincount(index, minlength=bins)


class HealthMonitor:
    """Remembers the start of a run (histograms, a fixed probe batch) and measures the health of
    network after a step. probe_x: (P, 784) images, the same at every measurement."""

    def __init__(self, network, probe_x: np.ndarray, bins: int = HISTOGRAM_BINS):
        self.network = network
        self.probe_x = np.asarray(probe_x, dtype=network.dtype)
        self._names = [key for key in network.params if key.startswith("W")]
        self._edges = {key: histogram_edges(network.params[key], bins) for key in self._names}
        self._start = {key: histogram(network.params[key], self._edges[key]) for key in self._names}

    def __repr__(self):
        return f"HealthMonitor({len(self._names)} layers, probe of {len(self.probe_x)})"

    def measure(self, iteration: int, grads: dict, before: dict) -> HealthEvent:
        """The health after a step from weights `before` (name -> array) with gradients `grads`."""
        hidden = self.network.hidden_activations(self.probe_x)
        activation = self.network.activation
        layers = []
        for i, key in enumerate(self._names):
            W = self.network.params[key]
            dead = saturated = None
            if i < len(hidden):
                if activation == "relu":
                    dead = dead_share(hidden[i])
                elif activation == "sigmoid":
                    saturated = saturated_share(hidden[i])
            layers.append(LayerHealth(key, norm(W), norm(grads[key]), update_ratio(before[key], W),
                                      histogram(W, self._edges[key]), self._start[key],
                                      self._edges[key], dead, saturated))
        return HealthEvent(iteration, tuple(layers))
