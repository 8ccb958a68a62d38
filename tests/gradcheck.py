"""Float64 gradient checks in the DeZero style: backprop against central differences."""
from __future__ import annotations

import numpy as np


def numerical_gradient(f, x: np.ndarray, h: float = 1e-3) -> np.ndarray:
    """d f() / dx for every element of x by the five-point central difference.

    (-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / 12h has an O(h^4) error, so truncation (~h^4)
    and rounding (~eps |f| / h) both stay far below the 1e-6 tolerance; the course's two-point
    formula leaves ~h^2 times the third derivative and fails on small gradient elements.
    x must be float64; it is modified in place and restored.
    """
    assert x.dtype == np.float64, "gradient checks need float64"
    grad = np.zeros_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        saved = flat_x[i]
        values = []
        for step in (2 * h, h, -h, -2 * h):
            flat_x[i] = saved + step
            values.append(f())
        flat_x[i] = saved
        flat_grad[i] = (-values[0] + 8 * values[1] - 8 * values[2] + values[3]) / (12 * h)
    return grad


def max_relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """max |a - n| / max(|a|, |n|) over the elements.

    The denominator is at least 1e-3 of the largest gradient: a central difference carries a
    rounding error of about eps * |L| / h (~1e-11), which would swamp an element of size 1e-7.
    """
    assert analytic.shape == numeric.shape
    floor = max(1e-3 * float(np.max(np.abs(numeric), initial=0.0)), 1e-12)
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), floor)
    return float(np.max(np.abs(analytic - numeric) / scale))


def layer_gradient_errors(make_layer, x: np.ndarray, rng: np.random.Generator) -> dict[str, float]:
    """Relative errors of dx and of every parameter gradient of a layer, for L = sum(forward(x) * dout).

    make_layer() must build the layer afresh with the same parameter arrays (and the same
    random mask for Dropout), so every evaluation of L sees the same function.
    """
    layer = make_layer()
    out = layer.forward(x, train=True)
    dout = rng.standard_normal(out.shape)
    dout_before = dout.copy()
    dx = layer.backward(dout)
    assert np.array_equal(dout, dout_before), "backward modified dout"

    def loss():
        return float(np.sum(make_layer().forward(x, train=True) * dout))

    errors = {"x": max_relative_error(dx, numerical_gradient(loss, x))}
    for name in layer.params:
        numeric = numerical_gradient(loss, getattr(layer, name))
        errors[name] = max_relative_error(getattr(layer, "d" + name), numeric)
    return errors
