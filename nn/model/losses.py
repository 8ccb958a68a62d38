"""Loss functions of the course (chapter 4): mean squared error and cross-entropy error."""
from __future__ import annotations

import numpy as np

DELTA = 1e-7  # keeps log away from log(0) = -inf, as in the textbook


def _as_one_hot(t, y):
    """Labels (N,) / scalar -> one-hot like y; one-hot t (same shape as y) is returned as is."""
    t = np.asarray(t)
    if t.shape == y.shape:
        return t
    one_hot = np.zeros(y.shape, dtype=y.dtype)
    np.put_along_axis(one_hot, t.reshape(*y.shape[:-1], 1).astype(np.intp), 1, axis=-1)
    return one_hot


def mean_squared_error(y, t) -> float:
    """0.5 * sum((y - t)^2), averaged over the batch for 2-D input.

    y: (N, C) or (C,); t: one-hot of the same shape, or labels (N,) / scalar.
    """
    y = np.asarray(y)
    t = _as_one_hot(t, y)
    batch_size = y.shape[0] if y.ndim == 2 else 1
    return float(0.5 * np.sum((y - t) ** 2) / batch_size)


def cross_entropy_error(y, t, delta: float = DELTA) -> float:
    """-sum(t * log(y + delta)) / N, delta = 1e-7 as in the textbook's code.

    y: (N, C) probabilities or (C,); t: one-hot of the same shape, or labels (N,) / scalar.
    delta=0 gives the plain formula, which the book's printed simpleNet digits come from.
    """
    y = np.asarray(y)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = np.reshape(t, (1, -1)) if np.ndim(t) == 1 else np.reshape(t, (1,))
    t = np.asarray(t)
    batch_size = y.shape[0]
    if t.shape == y.shape:
        return float(-np.sum(t * np.log(y + delta)) / batch_size)
    picked = y[np.arange(batch_size), t.astype(np.intp)]
    return float(-np.sum(np.log(picked + delta)) / batch_size)
