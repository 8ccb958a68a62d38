"""Optimizers (the textbook's common/optimizer.py) and learning-rate schedules.

Every optimizer has `update(params, grads)`: params and grads are dicts of arrays with the same keys
and shapes; params are changed in place (same arrays, same dtype). `lr` is a plain attribute that a
trainer or a schedule may change between updates. Per-parameter state (velocity, squared-gradient
sums) is created lazily on the first update, like in the textbook.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

OPTIMIZER_NAMES = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
SCHEDULE_NAMES = ("constant", "step", "cosine")

# Keeps the division finite where a squared-gradient sum is still zero (textbook value).
EPS = 1e-7


class SGD:
    """W <- W - lr * dW."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params: dict, grads: dict):
        for key in params:
            params[key] -= self.lr * grads[key]

    def __repr__(self):
        return f"SGD(lr={self.lr:g})"


class Momentum:
    """v <- momentum * v - lr * dW;  W <- W + v."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params: dict, grads: dict):
        if self.v is None:
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        for key, param in params.items():
            v = self.v[key]
            v *= self.momentum
            v -= self.lr * grads[key]
            param += v

    def __repr__(self):
        return f"Momentum(lr={self.lr:g}, momentum={self.momentum:g})"


class Nesterov:
    """Nesterov's accelerated gradient in the textbook's form (Sutskever et al. rewrite):

    v <- momentum * v - lr * dW;  W <- W + momentum^2 * v - (1 + momentum) * lr * dW.
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params: dict, grads: dict):
        if self.v is None:
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]

    def __repr__(self):
        return f"Nesterov(lr={self.lr:g}, momentum={self.momentum:g})"


class AdaGrad:
    """h <- h + dW^2;  W <- W - lr * dW / (sqrt(h) + 1e-7)."""

    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params: dict, grads: dict):
        if self.h is None:
            self.h = {key: np.zeros_like(value) for key, value in params.items()}
        for key, param in params.items():
            self.h[key] += grads[key] * grads[key]
            param -= _scaled_step(self.lr, grads[key], self.h[key])

    def __repr__(self):
        return f"AdaGrad(lr={self.lr:g})"


class RMSprop:
    """h <- decay_rate * h + (1 - decay_rate) * dW^2;  W <- W - lr * dW / (sqrt(h) + 1e-7)."""

    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params: dict, grads: dict):
        if self.h is None:
            self.h = {key: np.zeros_like(value) for key, value in params.items()}
        for key, param in params.items():
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            param -= _scaled_step(self.lr, grads[key], self.h[key])

    def __repr__(self):
        return f"RMSprop(lr={self.lr:g}, decay_rate={self.decay_rate:g})"


class Adam:
    """Adam (Kingma & Ba) with the bias correction folded into the step size, as in the textbook:

    m <- m + (1 - beta1) (dW - m);  v <- v + (1 - beta2) (dW^2 - v);
    W <- W - lr * sqrt(1 - beta2^k) / (1 - beta1^k) * m / (sqrt(v) + 1e-7)   (k = update count).
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params: dict, grads: dict):
        if self.m is None:
            self.m = {key: np.zeros_like(value) for key, value in params.items()}
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        self.iter += 1
        lr_t = self.lr * math.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key, param in params.items():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] * grads[key] - self.v[key])
            param -= _scaled_step(lr_t, self.m[key], self.v[key])

    def __repr__(self):
        return f"Adam(lr={self.lr:g}, beta1={self.beta1:g}, beta2={self.beta2:g})"


def _scaled_step(lr: float, numerator: np.ndarray, squares: np.ndarray) -> np.ndarray:
    """lr * numerator / (sqrt(squares) + 1e-7), built in one array instead of four temporaries."""
    step = np.sqrt(squares)
    step += EPS
    np.divide(numerator, step, out=step)
    step *= lr
    return step


_OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "nesterov": Nesterov,
               "adagrad": AdaGrad, "rmsprop": RMSprop, "adam": Adam}


def make_optimizer(name: str, lr: float):
    """A fresh optimizer by name (one of OPTIMIZER_NAMES) with its other settings at the defaults."""
    if name not in _OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZER_NAMES}, got {name!r}")
    return _OPTIMIZERS[name](lr=float(lr))


@dataclass(frozen=True)
class ConstantSchedule:
    """lr(k) = base_lr for every iteration k."""

    base_lr: float

    def __call__(self, iteration: int) -> float:
        return self.base_lr


@dataclass(frozen=True)
class StepSchedule:
    """lr(k) = max(base_lr * gamma ** (k // step_size), min_lr): multiplied by gamma every step_size."""

    base_lr: float
    step_size: int
    gamma: float = 0.5
    min_lr: float = 0.0

    def __call__(self, iteration: int) -> float:
        return max(self.base_lr * self.gamma ** (iteration // self.step_size), self.min_lr)


@dataclass(frozen=True)
class CosineSchedule:
    """lr(k) = min_lr + (base_lr - min_lr) * (1 + cos(pi * k / total)) / 2; min_lr from k = total on."""

    base_lr: float
    total_iterations: int
    min_lr: float = 0.0

    def __call__(self, iteration: int) -> float:
        progress = min(iteration, self.total_iterations) / self.total_iterations
        return self.min_lr + (self.base_lr - self.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))


def make_schedule(name: str, base_lr: float, total_iterations: int, *, step_size=None,
                  gamma=0.5, min_lr=0.0):
    """A callable iteration -> lr (iterations count from 0), one of SCHEDULE_NAMES.

    "step": step_size None means a third of the run (the lr is halved twice with gamma 0.5).
    """
    base_lr, total_iterations = float(base_lr), max(int(total_iterations), 1)
    if name == "constant":
        return ConstantSchedule(base_lr)
    if name == "step":
        if step_size is None:
            step_size = math.ceil(total_iterations / 3)
        if step_size < 1:
            raise ValueError(f"step_size must be at least 1, got {step_size}")
        return StepSchedule(base_lr, int(step_size), float(gamma), float(min_lr))
    if name == "cosine":
        return CosineSchedule(base_lr, total_iterations, float(min_lr))
    raise ValueError(f"schedule must be one of {SCHEDULE_NAMES}, got {name!r}")
