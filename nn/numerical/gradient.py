"""The course's chapter-4 tools: numerical derivatives, gradients, gradient descent, simpleNet.

No plotting here: the Gradient descent tab of the GUI only shows what these functions compute.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from digitlab.nn.model.functions import softmax
from digitlab.nn.model.losses import DELTA, cross_entropy_error


def numerical_diff(f: Callable, x: float, h: float = 1e-4) -> float:
    """Central difference (f(x+h) - f(x-h)) / 2h: the derivative of a scalar function at x."""
    return (f(x + h) - f(x - h)) / (2 * h)


def forward_diff(f: Callable, x: float, h: float) -> float:
    """Forward difference (f(x+h) - f(x)) / h, the naive version the course warns about."""
    return (f(x + h) - f(x)) / h


def tangent_line(f: Callable, x: float) -> tuple[float, float]:
    """The tangent of f at x as (slope, intercept): y = slope * t + intercept."""
    slope = numerical_diff(f, x)
    return slope, f(x) - slope * x


def _as_float_array(x) -> np.ndarray:
    """x itself when it is already a float array (so callers that close over it see the nudges)."""
    if isinstance(x, np.ndarray) and np.issubdtype(x.dtype, np.floating):
        return x
    return np.array(x, dtype=np.float64)


def numerical_gradient(f: Callable, x, h: float = 1e-4,
                       after_each: Callable[[], None] | None = None) -> np.ndarray:
    """Central-difference gradient of a scalar f at x; x any shape, nudged in place and restored.

    x: float array of any shape (a list is copied to float64 first). Returns an array of x's shape.
    after_each(), if given, is called once the entry is restored: to report progress, or to
    cancel by raising (x is left unchanged).
    """
    x = _as_float_array(x)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        saved = x[idx].copy()
        x[idx] = saved + h
        fxh1 = f(x)
        x[idx] = saved - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = saved
        if after_each is not None:
            after_each()
    return grad


def numerical_gradient_field(f: Callable, points: np.ndarray, h: float = 1e-4) -> np.ndarray:
    """The same central difference, vectorised over many points at once.

    points: (..., D) float; f must accept (..., D) and return (...). Returns (..., D).
    """
    points = np.asarray(points, dtype=np.float64)
    grad = np.empty_like(points)
    for d in range(points.shape[-1]):
        step = np.zeros(points.shape[-1])
        step[d] = h
        grad[..., d] = (f(points + step) - f(points - step)) / (2 * h)
    return grad


def _fill_after_overflow(path: np.ndarray, i: int) -> np.ndarray:
    """Mark rows i.. as NaN: once a value has overflowed nothing after it means anything."""
    path[i:] = np.nan
    return path


def gradient_descent(f: Callable, init_x, lr: float = 0.01, step_num: int = 100):
    """x <- x - lr * grad f(x), step_num times, with the numerical gradient (the course's loop).

    init_x: (D,). Returns (x, path): the final x (D,) and path (step_num + 1, D) with init_x first.
    If the values overflow (a learning rate far too large), the rows from there on are NaN.
    """
    x = np.array(init_x, dtype=np.float64)
    path = np.empty((step_num + 1, x.size))
    path[0] = x
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(1, step_num + 1):
            x = x - lr * numerical_gradient(f, x)
            if not np.all(np.isfinite(x)):
                return x, _fill_after_overflow(path, i)
            path[i] = x
    return x, path


def function_1(x):
    """The course's 0.01 x^2 + 0.1 x (scalar or any array, elementwise)."""
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    """The course's x0^2 + x1^2. x: (2,) -> scalar, or (..., 2) grid -> (...)."""
    x = np.asarray(x)
    return np.sum(x**2, axis=-1)


def diff_errors(f: Callable, df: Callable, x: float, hs, dtype=np.float64):
    """Absolute errors of the forward and central differences of f at x for each step h.

    hs: (K,) step sizes. The arithmetic runs in dtype, so in float32 h = 1e-50 rounds to 0 and the
    estimate becomes 0 (error |df(x)|). Returns (forward_err, central_err), each (K,) float64.
    """
    exact = float(df(x))
    x_d = dtype(x)
    forward_err = np.empty(len(hs))
    central_err = np.empty(len(hs))
    for k, h in enumerate(hs):
        h_d = dtype(h)
        if h_d == 0:
            forward, central = 0.0, 0.0
        else:
            forward = (f(x_d + h_d) - f(x_d)) / h_d
            central = (f(x_d + h_d) - f(x_d - h_d)) / (dtype(2) * h_d)
        forward_err[k] = abs(float(forward) - exact)
        central_err[k] = abs(float(central) - exact)
    return forward_err, central_err


@dataclass(frozen=True)
class Curve:
    """A one-variable function with its exact derivative, for the derivative panel."""

    name: str
    f: Callable
    df: Callable
    x_range: tuple[float, float]
    default_x: float


def curves() -> tuple[Curve, ...]:
    """function_1 first, then a few others whose exact slope is known."""
    return (
        Curve("function_1", function_1, lambda x: 0.02 * x + 0.1, (-5.0, 20.0), 5.0),
        Curve("square", lambda x: x**2, lambda x: 2 * x, (-3.0, 3.0), 1.0),
        Curve("sine", np.sin, np.cos, (-2 * np.pi, 2 * np.pi), 1.0),
        Curve("exp", np.exp, np.exp, (-3.0, 2.0), 0.5),
    )


@dataclass(frozen=True)
class Surface:
    """A function of two variables with its exact gradient, to descend on.

    f: (..., 2) -> (...); grad: (..., 2) -> (..., 2). minimum is None for the saddle;
    lr is a learning rate with which plain gradient descent behaves on this surface.
    """

    name: str
    f: Callable
    grad: Callable
    default_start: tuple[float, float]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    minimum: tuple[float, float] | None = None
    lr: float = 0.1


def _elongated(x):
    x = np.asarray(x)
    return x[..., 0] ** 2 / 20.0 + x[..., 1] ** 2


def _elongated_grad(x):
    x = np.asarray(x, dtype=np.float64)
    return np.stack([x[..., 0] / 10.0, 2.0 * x[..., 1]], axis=-1)


def _saddle(x):
    x = np.asarray(x)
    return x[..., 0] ** 2 - x[..., 1] ** 2


def _rosenbrock(x):
    x = np.asarray(x)
    return (1.0 - x[..., 0]) ** 2 + 100.0 * (x[..., 1] - x[..., 0] ** 2) ** 2


def _rosenbrock_grad(x):
    x = np.asarray(x, dtype=np.float64)
    x0, x1 = x[..., 0], x[..., 1]
    return np.stack([-2.0 * (1.0 - x0) - 400.0 * x0 * (x1 - x0**2), 200.0 * (x1 - x0**2)], axis=-1)


def surfaces() -> tuple[Surface, ...]:
    """sphere (the course's function_2), elongated (x^2/20 + y^2), saddle, rosenbrock."""
    return (
        Surface("sphere", function_2, lambda x: 2.0 * np.asarray(x, dtype=np.float64),
                (-3.0, 4.0), (-5.0, 5.0), (-5.0, 5.0), (0.0, 0.0), 0.1),
        Surface("elongated", _elongated, _elongated_grad,
                (-7.0, 2.0), (-10.0, 10.0), (-5.0, 5.0), (0.0, 0.0), 0.9),
        Surface("saddle", _saddle, lambda x: np.asarray(x, dtype=np.float64) * [2.0, -2.0],
                (-3.0, 0.05), (-4.0, 4.0), (-4.0, 4.0), None, 0.1),
        Surface("rosenbrock", _rosenbrock, _rosenbrock_grad,
                (-1.5, 2.0), (-2.0, 2.0), (-1.0, 3.0), (1.0, 1.0), 0.001),
    )


def optimizer_path(surface: Surface, optimizer, init_x, step_num: int) -> np.ndarray:
    """Run an nn.optimizers optimizer on the surface's exact gradient. Returns (step_num + 1, 2).

    Rows after an overflow are NaN, as in gradient_descent.
    """
    params = {"x": np.array(init_x, dtype=np.float64)}
    path = np.empty((step_num + 1, 2))
    path[0] = params["x"]
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(1, step_num + 1):
            optimizer.update(params, {"x": surface.grad(params["x"])})
            if not np.all(np.isfinite(params["x"])):
                return _fill_after_overflow(path, i)
            path[i] = params["x"]
    return path


def path_values(surface: Surface, path: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f(x) and |grad f(x)| at every row of a path (N, 2); NaN where the path is NaN or overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        values = np.asarray(surface.f(path), dtype=np.float64)
        norms = np.linalg.norm(surface.grad(path), axis=-1)
    values[~np.isfinite(values)] = np.nan
    norms[~np.isfinite(norms)] = np.nan
    return values, norms


class SimpleNet:
    """The course's simpleNet: one weight matrix W (2, 3), softmax, cross-entropy.

    W is drawn from rng (the course's randn(2, 3)) unless given; delta is the 1e-7 that the loss
    adds inside the log (0: the plain formula).
    """

    def __init__(self, rng: np.random.Generator | None = None, *, W=None, delta: float = DELTA):
        if W is None:
            if rng is None:
                raise ValueError("SimpleNet needs an rng to draw W, or W itself")
            W = rng.standard_normal((2, 3))
        self.W = np.array(W, dtype=np.float64)
        self.delta = delta

    def predict(self, x: np.ndarray) -> np.ndarray:
        """x: (2,) or (N, 2) -> scores (3,) or (N, 3)."""
        return np.asarray(x) @ self.W

    def loss(self, x: np.ndarray, t: np.ndarray) -> float:
        """Cross-entropy of softmax(predict(x)) against t (one-hot (3,) or labels)."""
        return cross_entropy_error(softmax(self.predict(x)), t, delta=self.delta)

    def numerical_gradient(self, x: np.ndarray, t: np.ndarray) -> np.ndarray:
        """dL/dW (2, 3), the course's way: nudge each entry of W and watch the loss."""
        return numerical_gradient(lambda W: self.loss(x, t), self.W)

    def __repr__(self) -> str:
        return f"SimpleNet(W={np.array2string(self.W, precision=4)})"
