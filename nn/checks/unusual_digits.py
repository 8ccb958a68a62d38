"""A synthetic personal data set: one writer's unusual digits, drawn with nn.strokes tools.

The writer slashes the 0, gives the 1 a long flag (sometimes with a base), crosses the 2 like a
Z with a bar and puts the bar of the 7 low. These are the styles the shipped model reads worst
(measured when this was written: about half right), so fine-tuning has something to learn.
The skeletons are our own polylines (unit square, y down) placed with nn.strokes.jitter,
rendered with nn.strokes.render_strokes and prepared with nn.preprocess.preprocess. Used by the
fine-tuning tests and scripts/screenshot.py --tab handwriting.
"""
from __future__ import annotations

import numpy as np

from digitlab.nn.data.personal import PersonalSet
from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.data.strokes import arc, jitter, line, render_strokes


def _zero(u):
    return [arc(0.5, 0.5, u(0.25, 0.32), 0.5, -90, 270), line((0.85, u(-0.05, 0.05)),
                                                            (0.15, u(0.95, 1.05)))]


def _one(u):
    flag = line((u(0.0, 0.05), u(0.45, 0.65)), (0.6, 0.0), (0.6, 1.0))
    if u(0, 1) < 0.3:
        return [flag, line((u(0.1, 0.2), 1.0), (u(0.9, 1.0), 1.0))]
    return [flag]


def _two(u):
    return [line((0.1, 0.0), (0.9, u(-0.03, 0.03)), (0.1, 1.0), (0.9, u(0.97, 1.03))),
            line((u(0.2, 0.3), 0.5), (u(0.7, 0.8), 0.5))]


def _seven(u):
    return [line((0.1, 0.0), (0.9, 0.0), (u(0.3, 0.4), 1.0)),
            line((u(0.25, 0.35), u(0.7, 0.8)), (u(0.75, 0.85), u(0.7, 0.8)))]


STYLES = {0: _zero, 1: _one, 2: _two, 7: _seven}


def unusual_digit(digit: int, rng: np.random.Generator, size: int = 84) -> tuple[np.ndarray, list]:
    """(preprocessed (28, 28) float32, strokes in canvas pixels) of one unusual digit."""
    def u(low, high):
        return float(rng.uniform(low, high))
    strokes = jitter(STYLES[digit](u), rng, size=size)
    image = render_strokes(strokes, size, rng.uniform(4.0, 8.5) * size / 84)
    return preprocess(image), strokes


def unusual_personal_set(per_digit: int, rng: np.random.Generator) -> PersonalSet:
    """A PersonalSet with per_digit samples of each unusual digit, the digits interleaved."""
    personal = PersonalSet()
    for k in range(per_digit * len(STYLES)):
        digit = list(STYLES)[k % len(STYLES)]
        image, strokes = unusual_digit(digit, rng)
        personal.add(image, digit, strokes, created=1.7e9 + k)
    return personal
