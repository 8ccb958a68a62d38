"""Pen-drawn digits that are not MNIST: vector skeletons, a human-hand randomiser and a renderer.

Skeletons live in unit coordinates: x to the right, y downwards, the digit inside [0, 1] x [0, 1]
(height 1, width about 0.6). Each digit has several styles, the way people draw it with a mouse.
Angles of arcs are in degrees with y down, so increasing angle runs clockwise on screen.
"""
from __future__ import annotations

import numpy as np

from digitlab.nn.data.preprocess import preprocess

Polyline = np.ndarray   # (K, 2) points (x, y)


def line(*points: tuple[float, float]) -> Polyline:
    """Straight pieces through the points, 12 samples per piece. Returns (K, 2)."""
    p = np.asarray(points, float)
    t = np.linspace(0.0, 1.0, 12)[:, None]
    return np.concatenate([a + t * (b - a) for a, b in zip(p[:-1], p[1:])])


def arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> Polyline:
    """Elliptic arc from angle a0 to a1 (degrees, y down). Returns (K, 2)."""
    a = np.deg2rad(np.linspace(a0, a1, max(8, int(abs(a1 - a0) / 6))))
    return np.stack([cx + rx * np.cos(a), cy + ry * np.sin(a)], -1)


def bezier(p0, p1, p2, p3) -> Polyline:
    """Cubic Bezier curve with control points p0..p3 (each (x, y)). Returns (24, 2)."""
    t = np.linspace(0.0, 1.0, 24)[:, None]
    p0, p1, p2, p3 = (np.asarray(p, float) for p in (p0, p1, p2, p3))
    return ((1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1
            + 3 * (1 - t) * t ** 2 * p2 + t ** 3 * p3)


def chain(*pieces: Polyline) -> Polyline:
    """Join pieces into one pen-down polyline. Returns (K, 2)."""
    return np.concatenate(pieces)


def _zero(u, style):
    rx, ry = u(0.26, 0.34), u(0.45, 0.5)
    start = -90 + u(-25, 10)
    return [arc(0.5, 0.5, rx, ry, start, start - 360 - u(0, 25))]


def _one(u, style):
    if style == 0:
        return [line((0.52, 0.0), (0.5, 1.0))]
    flag = line((0.55 - u(0.1, 0.2), u(0.1, 0.22)), (0.55, 0.0), (0.55, 1.0))   # short: not a 7
    if style == 1:
        return [flag]
    return [flag, line((0.55 - u(0.18, 0.25), 1.0), (0.55 + u(0.18, 0.25), 1.0))]


def _two(u, style):
    top = arc(0.5, 0.3, u(0.26, 0.32), 0.28, 200 + u(-15, 10), 360 + u(0, 20))
    x1, y1 = top[-1]
    if style == 0:
        neck = bezier((x1, y1), (x1 - 0.02, y1 + 0.25), (0.35, 0.75), (0.18, 1.0))
        return [chain(top, neck, line((0.18, 1.0), (0.85, 1.02)))]
    neck = bezier((x1, y1), (x1 - 0.02, y1 + 0.25), (0.3, 0.8), (0.2, 0.95))
    loop = arc(0.3, 0.9, 0.1, u(0.07, 0.1), 180, 360 + 90)
    return [chain(top, neck, loop, line(loop[-1], (0.85, 1.0)))]


def _three(u, style):
    mid = (0.42 + u(-0.05, 0.05), 0.48)
    lower = arc(0.45, 0.73, u(0.3, 0.34), 0.26, -90, 145)
    lower[0] = mid
    if style == 0:
        upper = arc(0.48, 0.25, u(0.25, 0.3), 0.24, 200, 450)
        upper[-1] = mid
        return [chain(upper, lower)]
    top = line((0.2, 0.0), (0.78, 0.0), mid)
    return [chain(top, lower)]


def _four(u, style):
    x = 0.62 + u(-0.05, 0.05)
    bar_y = 0.62 + u(-0.05, 0.05)
    if style == 0:      # open: two strokes, the vertical crosses the bar
        return [line((0.5, 0.0), (0.12, bar_y), (0.88, bar_y)), line((x, 0.2), (x, 1.0))]
    if style == 1:      # closed: one stroke, up the stem, down the diagonal, along the bar
        return [line((x, 1.0), (x, 0.0), (0.12, bar_y), (0.88, bar_y))]
    return [line((0.2, 0.0), (0.18, bar_y), (0.88, bar_y)), line((x + 0.05, 0.0), (x, 1.0))]


def _five(u, style):
    corner = (0.28, 0.42 + u(-0.04, 0.04))
    belly = arc(0.46, 0.7, u(0.3, 0.35), 0.28, -120, 150)
    belly[0] = corner
    stem = line((0.3, 0.0), corner)
    flag = line((0.3, 0.0), (0.82, 0.0))
    if style == 0:
        return [chain(stem, belly), flag]
    return [chain(flag[::-1], stem, belly)]


def _six(u, style):
    r = u(0.25, 0.3)
    cy = 1.0 - r
    # A steep start: a flat flick at the top would read as the bar of a 5.
    descent = bezier((0.65, 0.0), (0.4, 0.1), (0.2 + 0.05 * style, 0.4), (0.5 - r, cy))
    loop = arc(0.5, cy, r, r, 180, 180 - 340)
    return [chain(descent, loop)]


def _seven(u, style):
    top_y = u(-0.02, 0.02)
    foot = (0.38 + u(-0.06, 0.08), 1.0)
    if style == 2:   # curved stem
        stroke = chain(line((0.15, 0.0), (0.85, top_y)),
                       bezier((0.85, top_y), (0.65, 0.3), (0.45, 0.6), foot))
    else:
        stroke = line((0.15, 0.0), (0.85, top_y), foot)
    if style == 1:   # crossbar
        return [stroke, line((0.4, 0.52), (0.8, 0.52))]
    return [stroke]


def _eight(u, style):
    rt, rb = u(0.2, 0.25), u(0.25, 0.3)
    top = arc(0.5, rt, rt, rt, -30, -270)                        # counter-clockwise from top right
    bottom = arc(0.5, 1.0 - rb, rb, rb, -90, 250)                  # clockwise round the bottom
    if style == 0:
        back = bezier(bottom[-1], (0.38, 0.45), (0.62, 0.35), top[0])
        return [chain(top, bottom, back)]
    return [arc(0.5, rt, rt, rt, 90, 450), arc(0.5, 1.0 - rb, rb, rb, -90, 270)]


def _nine(u, style):
    r = u(0.22, 0.27)
    cx = 0.3 + r + u(-0.03, 0.03)
    loop = arc(cx, r, r, r * u(0.9, 1.1), 10, -350)
    right = (cx + r, r)
    if style == 0:
        tail = line(right, (cx + r - u(0.0, 0.06), 1.0))
    else:
        tail = bezier(right, (cx + r, 0.7), (cx + r - 0.05, 1.0), (cx - 0.05, 1.0))
    return [chain(loop, tail)]


_GLYPHS = (_zero, _one, _two, _three, _four, _five, _six, _seven, _eight, _nine)
# How often each style is drawn (people rarely put a base on a 1).
STYLE_WEIGHTS = ((1.0,), (0.5, 0.35, 0.15), (0.7, 0.3), (0.7, 0.3), (0.45, 0.35, 0.2),
                 (0.6, 0.4), (0.5, 0.5), (0.5, 0.25, 0.25), (0.75, 0.25), (0.6, 0.4))
STYLE_COUNTS = tuple(len(w) for w in STYLE_WEIGHTS)


def digit_strokes(digit: int, rng: np.random.Generator, style: int | None = None) -> list[Polyline]:
    """Skeleton of `digit` in unit coordinates, in one of its styles (random when None).

    Returns a list of pen-down polylines, each (K, 2) as (x, y). Shape parameters vary a little.
    """
    if style is None:
        style = int(rng.choice(STYLE_COUNTS[digit], p=STYLE_WEIGHTS[digit]))
    if not 0 <= style < STYLE_COUNTS[digit]:
        raise ValueError(f"digit {digit} has styles 0..{STYLE_COUNTS[digit] - 1}, got {style}")

    def u(low: float, high: float) -> float:
        return float(rng.uniform(low, high))

    return [np.asarray(s, float) for s in _GLYPHS[digit](u, style)]


def jitter(strokes: list[Polyline], rng: np.random.Generator, tilt: float = 15.0, *,
           size: int = 280, height: tuple[float, float] = (0.5, 0.8),
           aspect: tuple[float, float] = (0.8, 1.25), wobble: float = 0.015,
           spacing: float = 4.0) -> list[Polyline]:
    """Place unit-coordinate strokes on a (size, size) canvas the way a hand would.

    Random tilt in +-tilt degrees, digit height a fraction `height` of the canvas, width scaled by
    `aspect`, random position inside the canvas, smooth per-point wobble (fraction of the height),
    random stroke order and direction; points resampled every `spacing` px like mouse events.
    Returns polylines (K, 2) in canvas pixels (x, y).
    """
    angle = np.deg2rad(rng.uniform(-tilt, tilt))
    h = rng.uniform(*height) * size
    sx, sy = h * rng.uniform(*aspect), h
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    placed = []
    for stroke in strokes:
        p = stroke + _wobble(stroke, rng, wobble)
        placed.append(((p - 0.5) * (sx, sy)) @ rotation.T)
    points = np.concatenate(placed)
    low, high = points.min(0), points.max(0)
    margin = 0.04 * size
    room = np.maximum(size - 2 * margin - (high - low), 0.0)
    offset = margin - low + rng.uniform(0.0, 1.0, 2) * room
    order = rng.permutation(len(placed))
    return [resample(placed[i][::(-1 if rng.random() < 0.3 else 1)] + offset, spacing)
            for i in order]


def _wobble(stroke: Polyline, rng: np.random.Generator, amount: float) -> Polyline:
    """Smooth random displacement along a stroke: a few low-frequency sines. (K, 2) -> (K, 2)."""
    s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(stroke, axis=0), axis=1))])
    out = np.zeros_like(stroke)
    for freq in (0.7, 1.6, 3.5):
        phase = rng.uniform(0, 2 * np.pi, 2)
        amp = rng.normal(0.0, amount / freq ** 0.5, 2)
        out += amp * np.sin(2 * np.pi * freq * s[:, None] + phase)
    return out


def resample(polyline: Polyline, spacing: float) -> Polyline:
    """Points every `spacing` along the polyline (ends kept). (K, 2) -> (M, 2)."""
    s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(polyline, axis=0), axis=1))])
    if s[-1] == 0.0:
        return polyline[:1].copy()
    t = np.linspace(0.0, s[-1], max(2, int(np.ceil(s[-1] / spacing)) + 1))
    return np.stack([np.interp(t, s, polyline[:, 0]), np.interp(t, s, polyline[:, 1])], -1)


def render_strokes(strokes: list[Polyline], size: int = 280, pen_width: float = 18) -> np.ndarray:
    """Rasterise polylines with a round pen, antialiased: ink = clip(r + 0.5 - distance, 0, 1).

    strokes: polylines (K, 2) in pixels (x, y), pixel (row i, col j) has its centre at
    (j + 0.5, i + 0.5) as in Qt. Returns (size, size) float32, ink 1 on 0.
    """
    image = np.zeros((size, size), np.float32)
    r = pen_width / 2.0
    for stroke in strokes:
        p = np.asarray(stroke, float).reshape(-1, 2)
        if len(p) == 1:
            p = np.concatenate([p, p])
        for k in range(0, len(p) - 1, 16):     # chunks of segments, each on its bounding box
            _render_chunk(image, p[k:k + 17], r)
    return image


def _render_chunk(image: np.ndarray, p: Polyline, r: float) -> None:
    """Max the coverage of the segments p[i] -> p[i+1] into image, in place. p: (S+1, 2)."""
    size = image.shape[0]
    low = np.clip(np.floor(p.min(0) - r - 1).astype(int), 0, size)
    high = np.clip(np.ceil(p.max(0) + r + 1).astype(int), 0, size)
    if np.any(high <= low):
        return
    ys, xs = np.mgrid[low[1]:high[1], low[0]:high[0]]
    q = np.stack([xs.ravel() + 0.5, ys.ravel() + 0.5], -1)[:, None, :]     # (P, 1, 2)
    a, d = p[:-1][None], (p[1:] - p[:-1])[None]                           # (1, S, 2)
    length2 = np.maximum((d ** 2).sum(-1), 1e-12)
    t = np.clip(((q - a) * d).sum(-1) / length2, 0.0, 1.0)                # (P, S)
    distance = np.sqrt(((q - a - t[..., None] * d) ** 2).sum(-1)).min(1)
    coverage = np.clip(r + 0.5 - distance, 0.0, 1.0).reshape(ys.shape).astype(np.float32)
    window = image[low[1]:high[1], low[0]:high[0]]
    np.maximum(window, coverage, out=window)


def drawn_digit(digit: int, rng: np.random.Generator, size: int = 280,
                pen_width: float | None = None) -> tuple[np.ndarray, list[Polyline]]:
    """One randomised drawn digit: ((size, size) float32 image, polylines in canvas pixels).

    pen_width None draws a random width around the canvas default 18 px per 280 px.
    """
    if pen_width is None:
        pen_width = rng.uniform(12.0, 26.0) * size / 280.0
    strokes = jitter(digit_strokes(digit, rng), rng, size=size)
    return render_strokes(strokes, size, pen_width), strokes


def drawn_digit_set(n_per_digit: int, rng: np.random.Generator, size: int = 280
                    ) -> tuple[np.ndarray, np.ndarray, list[list[Polyline]]]:
    """n_per_digit drawings of each digit 0-9, in the order 0, 1, ..., 9, 0, 1, ...

    Returns images (10 n, size, size) float32 (ink 1 on 0; about 0.3 MB each at size 280),
    labels (10 n,) int64 and, per image, its polylines (K, 2) in canvas pixels (x, y).
    """
    labels = np.tile(np.arange(10), n_per_digit)
    images = np.empty((len(labels), size, size), np.float32)
    strokes_list = []
    for i, digit in enumerate(labels):
        images[i], strokes = drawn_digit(int(digit), rng, size)
        strokes_list.append(strokes)
    return images, labels, strokes_list


def drawn_training_set(n: int, rng: np.random.Generator, size: int = 84
                       ) -> tuple[np.ndarray, np.ndarray]:
    """n random drawn digits, preprocessed like the canvas, to mix into MNIST for training.

    Returns x (n, 784) float32 in [0, 1] and labels t (n,) int64. Drawn on a small canvas
    (size px) because the 28x28 result hardly differs from a 280 px drawing and it is 6x faster
    (about 7 ms a digit).
    """
    t = rng.integers(0, 10, n)
    x = np.empty((n, 784), np.float32)
    for i, digit in enumerate(t):
        x[i] = preprocess(drawn_digit(int(digit), rng, size)[0]).reshape(784)
    return x, t
