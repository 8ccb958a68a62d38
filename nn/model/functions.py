"""Activation and output functions of the course (chapter 3), NumPy only.

Every function keeps the floating dtype of its input (float32 stays float32).
"""
from __future__ import annotations

import numpy as np


def step_function(x):
    """Step: 1 where x > 0, else 0. x: any shape -> same shape, int."""
    return np.asarray(np.asarray(x) > 0, dtype=np.int_)


def sigmoid(x):
    """Logistic sigmoid 1 / (1 + exp(-x)). x: any shape -> same shape.

    exp is only ever taken of -|x|, so large negative inputs cannot overflow.
    """
    x = np.asarray(x)
    z = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1.0, z).astype(z.dtype, copy=False)
    out /= 1.0 + z
    return out


def relu(x):
    """Rectified linear unit max(0, x). x: any shape -> same shape."""
    return np.maximum(x, 0)


def tanh(x):
    """Hyperbolic tangent. x: any shape -> same shape."""
    return np.tanh(x)


def identity(x):
    """Identity output function (regression). Returns x unchanged."""
    return x


def softmax(x):
    """Softmax over the last axis. x: (N, C) row-wise or (C,) -> same shape, rows sum to 1.

    The row maximum is subtracted first so exp never overflows (exp(1000) would).
    """
    x = np.asarray(x)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    e /= e.sum(axis=-1, keepdims=True)
    return e


def log_softmax(x):
    """log(softmax(x)) over the last axis without taking log of 0. x: (N, C) or (C,) -> same shape."""
    x = np.asarray(x)
    shifted = x - x.max(axis=-1, keepdims=True)
    shifted -= np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return shifted
