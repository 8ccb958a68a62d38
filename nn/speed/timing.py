"""Stopwatch experiments of the course, shared by the window, the command line and `bench`.

Chapter 3's batch demo (one image at a time against batches) and chapter 4's comparison of the
numerical gradient with backprop. Wall-clock seconds from time.perf_counter.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BatchTiming:
    """Seconds to classify count images one at a time (single) and in batches (batched)."""

    single: float
    batched: float
    count: int
    batch_size: int

    @property
    def speedup(self) -> float:
        """How many times faster the batches are."""
        return self.single / max(self.batched, 1e-12)


def time_batches(network, x: np.ndarray, batch_size: int = 100) -> BatchTiming:
    """Classify x (N, 784) one image at a time, then in batches of batch_size; the ch. 3 demo."""
    started = time.perf_counter()
    for i in range(len(x)):
        network.predict(x[i:i + 1])
    single = time.perf_counter() - started
    started = time.perf_counter()
    for i in range(0, len(x), batch_size):
        network.predict(x[i:i + batch_size])
    batched = time.perf_counter() - started
    return BatchTiming(single, batched, len(x), batch_size)


def backprop_seconds(network, x: np.ndarray, t: np.ndarray, batch_size: int,
                     repeats: int = 5) -> float:
    """Best of `repeats` timings of one backprop gradient on the first mini-batch of x (N, 784),
    t (N,): what an iteration of the numerical gradient is compared with."""
    xb, tb = x[:batch_size], t[:batch_size]
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        network.gradient(xb, tb)
        best = min(best, time.perf_counter() - started)
    return best


def times_slower(seconds: float, reference_seconds: float) -> float:
    """How many times longer seconds is than reference_seconds (never a division by zero)."""
    return seconds / max(reference_seconds, 1e-9)
