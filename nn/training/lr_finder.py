"""The learning-rate range test: a short run whose learning rate grows exponentially at every
mini-batch, the loss it reaches at each rate, and a suggested rate.

Too small a rate barely moves the loss; somewhere the loss falls fastest; too large a rate makes
it climb. The suggestion is the rate where the (smoothed) loss was lowest, divided by 10: safely
below the rates where steps start to overshoot.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from digitlab.nn.training.optimizers import make_optimizer

LR_MIN, LR_MAX = 1e-5, 10.0
STEPS = 100
SMOOTHING = 0.9         # exponential moving average of the loss: one batch's loss is noisy
STOP_FACTOR = 4.0       # the sweep ends once the smoothed loss is 4x its best
SUGGESTION_FACTOR = 10.0


@dataclass(frozen=True)
class LrRange:
    """lrs (K,), losses (K,) and smoothed (K,) the raw and smoothed loss at each rate (K <= steps:
    the sweep stops once the loss blew up); suggested the rate to train with."""

    lrs: np.ndarray
    losses: np.ndarray
    smoothed: np.ndarray
    suggested: float
    best_lr: float

    def __repr__(self):
        return f"LrRange({len(self.lrs)} rates, best {self.best_lr:.3g}, suggested {self.suggested:.3g})"


def lr_schedule(lr_min: float = LR_MIN, lr_max: float = LR_MAX, steps: int = STEPS) -> np.ndarray:
    """steps rates from lr_min to lr_max, each the previous times the same factor."""
    return np.geomspace(lr_min, lr_max, steps)


def lr_range_test(network, x: np.ndarray, t: np.ndarray, rng: np.random.Generator, *,
                  optimizer: str = "sgd", lr_min: float = LR_MIN, lr_max: float = LR_MAX,
                  steps: int = STEPS, batch_size: int = 100,
                  cancel: Callable[[], bool] | None = None) -> LrRange:
    """Train network (changed in place: pass a fresh copy) for up to `steps` mini-batches of
    (x (N, 784), t (N,)) drawn from rng, the rate growing from lr_min to lr_max.

    cancel() is asked before each step; True ends the sweep where it is.
    """
    if len(x) == 0:
        raise ValueError("the training set is empty")
    opt = make_optimizer(optimizer, lr_min)
    lrs, losses, smoothed = [], [], []
    average, best = 0.0, math.inf
    for step, lr in enumerate(lr_schedule(lr_min, lr_max, steps), start=1):
        if cancel is not None and cancel():
            break
        batch = rng.integers(0, len(x), min(batch_size, len(x)))
        with np.errstate(over="ignore", invalid="ignore"):
            loss, grads = network.loss_and_gradient(x[batch], t[batch])
        if not math.isfinite(loss):
            break
        average = SMOOTHING * average + (1 - SMOOTHING) * loss
        value = average / (1 - SMOOTHING ** step)      # bias correction of the early average
        lrs.append(float(lr)), losses.append(float(loss)), smoothed.append(value)
        best = min(best, value)
        if value > STOP_FACTOR * best:
            break
        opt.lr = float(lr)
        with np.errstate(over="ignore", invalid="ignore"):
            opt.update(network.params, grads)
    return _result(np.array(lrs), np.array(losses), np.array(smoothed))


def _result(lrs: np.ndarray, losses: np.ndarray, smoothed: np.ndarray) -> LrRange:
    if len(lrs) == 0:
        return LrRange(lrs, losses, smoothed, LR_MIN, LR_MIN)
    best_lr = float(lrs[int(np.argmin(smoothed))])
    return LrRange(lrs, losses, smoothed, suggested_rate(best_lr), best_lr)


def suggested_rate(best_lr: float) -> float:
    """best_lr / 10 rounded to 2 significant digits (a rate a student can type)."""
    value = best_lr / SUGGESTION_FACTOR
    return float(f"{value:.2g}")
