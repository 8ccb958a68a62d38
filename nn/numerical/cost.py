"""What the numerical gradient costs and where it is allowed: its limits, and one timed iteration.

The course trains its TwoLayerNet (784-50-10, 39,760 weights) with numerical_gradient and then
shows why backprop is needed. The limits below are the one place that says which numerical runs
DigitLab starts (the trainer, the Training tab and the command line all ask here):

    refusal = numerical_refusal(count_params(network), train_size)   # None, or why not
    timing = time_iteration(network, x[:100], t[:100], progress=bar, cancel=button_pressed)
    timing.numerical_seconds, timing.backprop_seconds, timing.projected(10_000)
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from digitlab.nn.numerical.gradient import numerical_gradient
from digitlab.nn.training.train_config import (NUMERICAL_MAX_IMAGES, NUMERICAL_MAX_PARAMS,  # noqa: F401 - re-exported
                             numerical_gradient_refusal)

COURSE_ITERATIONS = 10_000   # the course's iters_num: what the projection is for

_UNITS = (("days", 86_400.0), ("hours", 3_600.0), ("minutes", 60.0), ("seconds", 1.0))


class Cancelled(Exception):
    """The cancel callback asked to stop a timed numerical iteration."""


def count_params(network) -> int:
    """Number of trainable numbers (weights and biases) of the network."""
    return sum(int(value.size) for value in network.params.values())


def numerical_refusal(n_params: int, n_images: int | None = None) -> str | None:
    """Why a numerical-gradient run of this size is refused, or None; n_images None: not checked
    (a single timed iteration). The rule itself is nn.train_config.numerical_gradient_refusal."""
    return numerical_gradient_refusal(n_params, 0 if n_images is None else n_images)


def numerical_gradients(network, x, t, progress: Callable[[int, int], None] | None = None,
                        cancel: Callable[[], bool] | None = None) -> dict:
    """network.numerical_gradient(x, t), reporting progress(done, total) after every parameter.

    cancel() returning True raises Cancelled; the parameters are left as they were.
    """
    total = count_params(network)
    done = 0

    def after_each():
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)
        if cancel is not None and cancel():
            raise Cancelled(f"numerical gradient cancelled after {done:,} of {total:,} parameters")

    # The same central differences as MultiLayerNet.numerical_gradient (dropout off).
    return {key: numerical_gradient(lambda _: network.loss(x, t, train=False), param,
                                    after_each=after_each)
            for key, param in network.params.items()}


def time_numerical_iteration(network, x, t, progress=None, cancel=None,
                             clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds of one numerical-gradient iteration (the loss, then every parameter's difference).

    x: (N, 784) one batch; t: (N,) labels. The weights are not updated. Raises Cancelled.
    """
    started = clock()
    network.loss(x, t, train=False)
    numerical_gradients(network, x, t, progress, cancel)
    return clock() - started


def time_backprop_iteration(network, x, t, repeats: int = 10,
                            clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds of one backprop iteration on the same batch: the fastest of repeats (a few ms each,
    so one measurement would be mostly noise from other programs). The weights are not updated."""
    best = float("inf")
    for _ in range(repeats):
        started = clock()
        network.loss_and_gradient(x, t)
        best = min(best, clock() - started)
    return best


@dataclass(frozen=True)
class IterationTiming:
    """One iteration on one batch, timed both ways."""

    numerical_seconds: float
    backprop_seconds: float
    params: int
    batch_size: int

    @property
    def ratio(self) -> float:
        """How many times slower the numerical gradient is."""
        return self.numerical_seconds / max(self.backprop_seconds, 1e-12)

    def projected(self, iterations: int = COURSE_ITERATIONS) -> tuple[float, float]:
        """(numerical, backprop) seconds of that many iterations at the measured speeds."""
        return projected_seconds(self.numerical_seconds, iterations), projected_seconds(
            self.backprop_seconds, iterations)


def time_iteration(network, x, t, progress=None, cancel=None) -> IterationTiming:
    """Times one numerical-gradient iteration (with progress and cancel) and one backprop one."""
    numerical = time_numerical_iteration(network, x, t, progress, cancel)
    return IterationTiming(numerical, time_backprop_iteration(network, x, t),
                           count_params(network), len(x))


def projected_seconds(seconds_per_iteration: float, iterations: int = COURSE_ITERATIONS) -> float:
    """Seconds of `iterations` iterations at the measured speed (the course: iters_num 10,000)."""
    return seconds_per_iteration * iterations


def in_units(seconds: float) -> tuple[float, str]:
    """seconds in the largest unit that keeps the number at 1 or more: (value, "days" | "hours" |
    "minutes" | "seconds"), for "about 7.2 days"."""
    for unit, size in _UNITS:
        if seconds >= size:
            return seconds / size, unit
    return seconds, "seconds"
