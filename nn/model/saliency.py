"""Why the network decided: gradients with respect to the input pixels, and nudging a drawing.

Backpropagation usually stops at the first layer's weights (nobody needs d loss / d image while
training). Here it runs one layer further, down to the 784 input pixels, through the network's
own layers (forward(x, train) / backward(dout)), so a heatmap shows which pixels would raise or
lower a class score. The same gradient, followed in small signed steps, turns a drawing into one
the network reads as another digit: a first look at adversarial examples.

None of this changes the network's weights. It does run the layers' forward and backward, which
overwrite their caches and their dW / db attributes, so do not use a network that is training in
another thread at the same time: use a copy.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from digitlab.nn.model.functions import softmax

OUTPUTS = ("score", "probability", "log_probability")


def input_gradient(network, x, k: int, *, of: str = "score") -> np.ndarray:
    """d output_k / d x for one image, by backprop down to the input pixels.

    x: (784,) or (28, 28) in [0, 1]; k: class 0..9. of: "score" (default) is the pre-softmax score
    of class k (its gradient does not shrink when the network is already sure); "probability" is
    softmax(scores)[k]; "log_probability" is log softmax(scores)[k]. Returns (784,) in the
    network's dtype. Dropout is off (eval mode).
    """
    x = np.asarray(x, dtype=network.dtype).reshape(1, -1)
    scores = _forward(network, x)
    dscores = _output_gradient(scores[0], int(k), of)
    return _backward(network, dscores.reshape(1, -1)).reshape(-1)


def gradient_times_input(network, x, k: int, *, of: str = "score") -> np.ndarray:
    """input_gradient(network, x, k) * x: how much each pixel's ink contributes (first order).

    x: (784,) or (28, 28). Returns (784,). Zero wherever there is no ink.
    """
    x = np.asarray(x, dtype=network.dtype).reshape(-1)
    return input_gradient(network, x, k, of=of) * x


def _forward(network, x: np.ndarray) -> np.ndarray:
    """Scores (1, 10) in eval mode, leaving every layer's cache set for _backward."""
    network.predict(x)  # keeps the layers' W and b in step with network.params
    out = network._input(x)   # (1, 784), or (1, 1, 28, 28) for a convolutional network
    for layer in network.layers:
        out = layer.forward(out, train=False)
    return out


def _backward(network, dout: np.ndarray) -> np.ndarray:
    for layer in reversed(network.layers):
        dout = layer.backward(dout)   # the first Affine computes dx: need_dx keeps its default
    return dout


def _output_gradient(scores: np.ndarray, k: int, of: str) -> np.ndarray:
    """d output / d scores for one image. scores: (10,) -> (10,)."""
    if of not in OUTPUTS:
        raise ValueError(f"'of' must be one of {OUTPUTS}, got {of!r}")
    if not 0 <= k < scores.shape[-1]:
        raise ValueError(f"class k must be in 0..{scores.shape[-1] - 1}, got {k}")
    one_hot = np.zeros_like(scores)
    one_hot[k] = 1.0
    if of == "score":
        return one_hot
    p = softmax(scores)
    if of == "log_probability":
        return one_hot - p
    return p[k] * (one_hot - p)     # d softmax_k / d s_j = p_k (delta_kj - p_j)


def nudge_steps(network, x, target: int, *, step: float = 0.02,
                max_steps: int = 50) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Small signed-gradient steps (FGSM-like) on the image until the network says `target`.

    Each step moves every pixel by +-step in the direction that raises log p(target), then clips
    to [0, 1]. x: (784,) or (28, 28). Yields (x_k (784,) float32, probabilities (10,)) after each
    step, at most max_steps times, and stops after the first step whose top class is the target.
    Yields nothing when the network already says target. x itself is not changed.
    """
    x_k = np.clip(np.asarray(x, dtype=np.float32).reshape(-1), 0.0, 1.0)
    if int(np.argmax(network.probabilities(x_k))) == target:
        return
    for _ in range(max_steps):
        direction = np.sign(input_gradient(network, x_k, target, of="log_probability"))
        x_k = np.clip(x_k + np.float32(step) * direction.astype(np.float32), 0.0, 1.0)
        probs = np.asarray(network.probabilities(x_k), dtype=np.float64).reshape(-1)
        yield x_k.copy(), probs
        if int(np.argmax(probs)) == target:
            return


@dataclass(frozen=True)
class NudgeSummary:
    """How much a nudged image differs from the original (all changes in ink units 0..1)."""

    changed: int          # pixels that moved by more than `threshold`
    threshold: float
    max_change: float     # largest absolute change of one pixel
    mean_change: float    # mean absolute change over all 784 pixels
    l2: float             # Euclidean length of the change

    def sentence(self) -> str:
        """One line for a student, e.g. 'Only 96 of 784 pixels changed by more than 0.05 ...'."""
        return (f"{self.changed} of 784 pixels changed by more than {self.threshold:g} "
                f"(at most {self.max_change:.2f}, on average {self.mean_change:.3f}).")


def nudge_summary(x_before, x_after, threshold: float = 0.05) -> NudgeSummary:
    """Compare the original and the nudged image. x_before, x_after: (784,) or (28, 28)."""
    delta = np.abs(np.asarray(x_after, np.float64).reshape(-1)
                   - np.asarray(x_before, np.float64).reshape(-1))
    return NudgeSummary(int(np.count_nonzero(delta > threshold)), float(threshold),
                        float(delta.max(initial=0.0)), float(delta.mean()),
                        float(np.sqrt(np.sum(delta ** 2))))
