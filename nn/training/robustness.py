"""How sturdy a model is: test accuracy as the input drifts away from MNIST's clean digits.

Two kinds of test, both pure NumPy over (N, 784) images in [0, 1]:
- perturbation curves: Gaussian pixel noise, rotation, stroke thickness and shift at growing
  levels (`PERTURBATIONS`; level 0 is the clean image, exactly);
- a corruption table in the manner of MNIST-C (Mu and Gilmer, 2019): `CORRUPTIONS`, changes
  that keep the digit readable for a person (noise, blur, affine changes, stripes, fog, lines).
Several models are measured on the same perturbed images: each kind and corruption draws its
random numbers from its own generator, seeded by (seed, its index).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from digitlab.nn.data.augment import _filter3x3, affine_warp

SIDE = 28

# kind -> levels: pixel noise sigma; rotation degrees; thickness (negative: thinner by blending a
# 3x3 erosion in, positive: that many 3x3 dilations); shift in pixels
PERTURBATIONS: dict[str, tuple[float, ...]] = {
    "noise": (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6),
    "rotation": (0.0, 10.0, 20.0, 30.0, 45.0, 60.0, 90.0),
    "thickness": (-1.0, -0.5, 0.0, 1.0, 2.0, 3.0),
    "shift": (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0),
}


def _images(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float32).reshape(-1, SIDE, SIDE)


def _warp(images: np.ndarray, forward: np.ndarray, shift: np.ndarray | None = None) -> np.ndarray:
    """Resample images (N, 28, 28) through the forward maps (N, 2, 2) (row, col) and shifts (N, 2)."""
    n = len(images)
    shift = np.zeros((n, 2)) if shift is None else shift
    return np.clip(affine_warp(images, np.linalg.inv(forward), shift), 0.0, 1.0)


def _rotations(degrees: np.ndarray) -> np.ndarray:
    a = np.deg2rad(degrees)
    cos, sin = np.cos(a), np.sin(a)
    return np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], -2)


def _directions(n: int) -> np.ndarray:
    """Right, left, down, up in turn: (n, 2) unit (row, col) steps, the same for every model."""
    return np.array([[0, 1], [0, -1], [1, 0], [-1, 0]], dtype=np.float64)[np.arange(n) % 4]


def thickness(images: np.ndarray, level: float) -> np.ndarray:
    """Thinner (level in [-1, 0): erosion blended in by -level) or thicker (level dilations)."""
    if level < 0:
        return images + (-level) * (_filter3x3(images, np.minimum) - images)
    out = images
    for _ in range(int(round(level))):
        out = _filter3x3(out, np.maximum)
    return out


def perturb(x: np.ndarray, kind: str, level: float, rng: np.random.Generator) -> np.ndarray:
    """x (N, 784) in [0, 1] perturbed by `kind` at `level` -> (N, 784) float32; level 0 returns x."""
    if kind not in PERTURBATIONS:
        raise ValueError(f"unknown perturbation {kind!r}; expected one of {', '.join(PERTURBATIONS)}")
    x = np.asarray(x)
    if level == 0:
        return x.astype(np.float32, copy=True).reshape(len(x), -1)
    images = _images(x)
    n = len(images)
    if kind == "noise":
        out = np.clip(images + rng.normal(0.0, level, images.shape).astype(np.float32), 0.0, 1.0)
    elif kind == "rotation":
        out = _warp(images, _rotations(np.full(n, level)))
    elif kind == "thickness":
        out = thickness(images, level)
    else:
        out = _warp(images, np.broadcast_to(np.eye(2), (n, 2, 2)).copy(), _directions(n) * level)
    return out.reshape(n, -1).astype(np.float32, copy=False)


@dataclass(frozen=True)
class RobustnessCurve:
    """Test accuracy (len(levels),) of one model under one perturbation kind."""

    kind: str
    levels: tuple[float, ...]
    accuracy: np.ndarray

    def to_dict(self) -> dict:
        return {"levels": list(self.levels), "accuracy": [float(a) for a in self.accuracy]}


def robustness_curves(networks: Sequence, x: np.ndarray, t: np.ndarray, *, seed: int = 0,
                      kinds: dict[str, tuple[float, ...]] = PERTURBATIONS,
                      cancel: Callable[[], bool] | None = None) -> list[dict[str, RobustnessCurve]]:
    """For each network, kind -> RobustnessCurve on x (N, 784), t (N,); all on the same images."""
    results: list[dict[str, np.ndarray]] = [{} for _ in networks]
    for k, (kind, levels) in enumerate(kinds.items()):
        rng = np.random.default_rng((seed, k))
        for level in levels:
            if cancel is not None and cancel():
                raise InterruptedError("cancelled")
            perturbed = perturb(x, kind, level, rng)
            for result, network in zip(results, networks):
                result.setdefault(kind, []).append(network.accuracy(perturbed, t))
    return [{kind: RobustnessCurve(kind, tuple(kinds[kind]), np.array(values))
             for kind, values in result.items()} for result in results]


# -- MNIST-C-style corruptions: images (N, 28, 28) float32, rng -> (N, 28, 28) in [0, 1] --------

def shot_noise(images, rng):
    """Photon noise: each pixel a Poisson count around 60 x its ink, divided back."""
    return rng.poisson(images * 60.0).astype(np.float32) / 60.0


def impulse_noise(images, rng):
    """Salt and pepper: 8% of the pixels set to white or black ink at random."""
    out = images.copy()
    hit = rng.random(images.shape) < 0.08
    out[hit] = rng.integers(0, 2, int(hit.sum())).astype(np.float32)
    return out


def glass_blur(images, rng):
    """A light blur, then every pixel takes a neighbour's value (as through frosted glass)."""
    blurred = _blur(images, 0.7)
    n = len(images)
    rows, cols = np.mgrid[0:SIDE, 0:SIDE]
    dr = rng.integers(-1, 2, (n, SIDE, SIDE))
    dc = rng.integers(-1, 2, (n, SIDE, SIDE))
    r = np.clip(rows + dr, 0, SIDE - 1)
    c = np.clip(cols + dc, 0, SIDE - 1)
    return blurred[np.arange(n)[:, None, None], r, c]


def motion_blur(images, rng):
    """The average of the image moved along a line of 7 px in a random direction per image."""
    n = len(images)
    angle = rng.uniform(0, np.pi, n)
    step = np.stack([np.sin(angle), np.cos(angle)], -1)
    eye = np.broadcast_to(np.eye(2), (n, 2, 2)).copy()
    return sum(_warp(images, eye, step * k) for k in range(-3, 4)) / 7.0


def shear(images, rng):
    """Slanted by a shear of 0.4-0.6 to a random side."""
    n = len(images)
    forward = np.broadcast_to(np.eye(2), (n, 2, 2)).copy()
    forward[:, 1, 0] = rng.uniform(0.4, 0.6, n) * rng.choice([-1.0, 1.0], n)
    return _warp(images, forward)


def scale(images, rng):
    """Shrunk to 50-70% of its size (MNIST's digits fill 20 of 28 px)."""
    n = len(images)
    return _warp(images, np.eye(2)[None] * rng.uniform(0.5, 0.7, n)[:, None, None])


def rotate(images, rng):
    """Turned by 30-50 degrees to a random side."""
    n = len(images)
    return _warp(images, _rotations(rng.uniform(30, 50, n) * rng.choice([-1.0, 1.0], n)))


def translate(images, rng):
    """Moved by 4-6 px in a random direction."""
    n = len(images)
    angle = rng.uniform(0, 2 * np.pi, n)
    shift = np.stack([np.sin(angle), np.cos(angle)], -1) * rng.uniform(4, 6, n)[:, None]
    return _warp(images, np.broadcast_to(np.eye(2), (n, 2, 2)).copy(), shift)


def stripe(images, rng):
    """A vertical band of 3-5 columns with its ink inverted."""
    out = images.copy()
    n = len(images)
    start = rng.integers(8, 18, n)
    width = rng.integers(3, 6, n)
    cols = np.arange(SIDE)[None, :]
    band = (cols >= start[:, None]) & (cols < (start + width)[:, None])       # (N, 28)
    out[np.broadcast_to(band[:, None, :], out.shape)] = 1.0 - images[np.broadcast_to(band[:, None, :], out.shape)]
    return out


def fog(images, rng):
    """Smooth clouds of grey over the whole image (random 4x4 values, bilinearly enlarged)."""
    n = len(images)
    coarse = rng.random((n, 4, 4)).astype(np.float32)
    up = _linear_upsample(4, SIDE)
    clouds = up @ coarse @ up.T
    return np.clip(images + 0.45 * clouds, 0.0, 1.0)


def spatter(images, rng):
    """A few small blots of ink splashed around the digit."""
    n = len(images)
    drops = (rng.random((n, SIDE, SIDE)) < 0.012).astype(np.float32)
    blots = _blur(drops, 0.8)
    blots = np.clip(blots / 0.25, 0.0, 1.0)
    return np.maximum(images, blots)


def dotted_line(images, rng):
    """A dotted straight line drawn across the image."""
    return _draw_paths(images, _random_lines(len(images), rng), dotted=True)


def zigzag(images, rng):
    """A zigzag line drawn across the image."""
    n = len(images)
    start = rng.uniform(2, 26, (n, 2))
    end = rng.uniform(2, 26, (n, 2))
    u = np.linspace(0, 1, 120)
    path = start[:, None] + (end - start)[:, None] * u[None, :, None]        # (N, 120, 2)
    normal = (end - start)[:, ::-1] * np.array([1.0, -1.0])
    normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-9)
    wave = 2.0 * (2 * np.abs((u * 4) % 2 - 1) - 1)                          # triangle wave +-2 px
    path += normal[:, None] * wave[None, :, None]
    return _draw_paths(images, path, dotted=False)


def canny_edges(images, rng):
    """Only the outlines of the strokes: where the image's gradient (Sobel) is strong."""
    blurred = _blur(images, 0.6)
    padded = np.pad(blurred, ((0, 0), (1, 1), (1, 1)))
    gx = (padded[:, :-2, 2:] + 2 * padded[:, 1:-1, 2:] + padded[:, 2:, 2:]
          - padded[:, :-2, :-2] - 2 * padded[:, 1:-1, :-2] - padded[:, 2:, :-2])
    gy = (padded[:, 2:, :-2] + 2 * padded[:, 2:, 1:-1] + padded[:, 2:, 2:]
          - padded[:, :-2, :-2] - 2 * padded[:, :-2, 1:-1] - padded[:, :-2, 2:])
    magnitude = np.hypot(gx, gy)
    peak = magnitude.max(axis=(1, 2), keepdims=True)
    return (magnitude > 0.3 * np.maximum(peak, 1e-6)).astype(np.float32)


def brightness(images, rng):
    """A grey background: every pixel 0.4 brighter."""
    return np.clip(images + 0.4, 0.0, 1.0)


CORRUPTIONS: dict[str, Callable] = {
    "shot_noise": shot_noise, "impulse_noise": impulse_noise, "glass_blur": glass_blur,
    "motion_blur": motion_blur, "shear": shear, "scale": scale, "rotate": rotate,
    "translate": translate, "brightness": brightness, "stripe": stripe, "fog": fog,
    "spatter": spatter, "dotted_line": dotted_line, "zigzag": zigzag, "canny_edges": canny_edges,
}


def corrupt(x: np.ndarray, name: str, rng: np.random.Generator) -> np.ndarray:
    """x (N, 784) or (N, 28, 28) in [0, 1] under corruption `name` -> (N, 784) float32 in [0, 1]."""
    if name not in CORRUPTIONS:
        raise ValueError(f"unknown corruption {name!r}; expected one of {', '.join(CORRUPTIONS)}")
    images = _images(x)
    out = np.clip(CORRUPTIONS[name](images, rng), 0.0, 1.0)
    return out.reshape(len(images), -1).astype(np.float32, copy=False)


@dataclass(frozen=True)
class CorruptionTable:
    """accuracy (models, corruptions) on the corrupted test images, clean (models,) on the clean
    ones; examples (corruptions, 784) one corrupted test image each: the first the first model
    gets wrong (index example_index), else the first image."""

    names: tuple[str, ...]
    clean: np.ndarray
    accuracy: np.ndarray
    examples: np.ndarray
    example_index: np.ndarray

    def to_dict(self, model_names: Sequence[str]) -> dict:
        return {name: {model: float(self.accuracy[m, c]) for m, model in enumerate(model_names)}
                for c, name in enumerate(self.names)}


def corruption_table(networks: Sequence, x: np.ndarray, t: np.ndarray, *, seed: int = 0,
                     names: Sequence[str] = tuple(CORRUPTIONS),
                     cancel: Callable[[], bool] | None = None) -> CorruptionTable:
    """Accuracy of each network under each corruption of x (N, 784), t (N,)."""
    t = np.asarray(t)
    accuracy = np.zeros((len(networks), len(names)))
    examples = np.zeros((len(names), SIDE * SIDE), np.float32)
    example_index = np.zeros(len(names), np.int64)
    for c, name in enumerate(names):
        if cancel is not None and cancel():
            raise InterruptedError("cancelled")
        corrupted = corrupt(x, name, np.random.default_rng((seed, 100 + c)))
        for m, network in enumerate(networks):
            predicted = network.predict(corrupted).argmax(axis=1)
            accuracy[m, c] = float(np.mean(predicted == t))
            if m == 0:
                wrong = np.flatnonzero(predicted != t)
                example_index[c] = wrong[0] if len(wrong) else 0
        examples[c] = corrupted[example_index[c]]
    clean = np.array([network.accuracy(x, t) for network in networks])
    return CorruptionTable(tuple(names), clean, accuracy, examples, example_index)


# -- helpers ------------------------------------------------------------------------------------

def _blur(images: np.ndarray, sigma: float) -> np.ndarray:
    offsets = np.arange(SIDE)[None, :] - np.arange(SIDE)[:, None]
    kernel = np.exp(-0.5 * (offsets / sigma) ** 2)
    kernel = (kernel / kernel.sum(axis=1, keepdims=True)).astype(np.float32)
    return kernel @ images @ kernel.T


def _linear_upsample(n_in: int, n_out: int) -> np.ndarray:
    position = np.linspace(0, n_in - 1, n_out)
    low = np.minimum(np.floor(position).astype(int), n_in - 2)
    weights = np.zeros((n_out, n_in), np.float32)
    weights[np.arange(n_out), low] = 1 - (position - low)
    weights[np.arange(n_out), low + 1] = position - low
    return weights


def _random_lines(n: int, rng: np.random.Generator) -> np.ndarray:
    start = rng.uniform(0, SIDE - 1, (n, 2))
    end = rng.uniform(0, SIDE - 1, (n, 2))
    u = np.linspace(0, 1, 60)
    return start[:, None] + (end - start)[:, None] * u[None, :, None]


def _draw_paths(images: np.ndarray, path: np.ndarray, *, dotted: bool) -> np.ndarray:
    """Ink the pixels under path (N, K, 2) (row, col); dotted keeps every other stretch of 4 points."""
    out = images.copy()
    keep = (np.arange(path.shape[1]) // 4) % 2 == 0 if dotted else np.ones(path.shape[1], bool)
    points = np.rint(path[:, keep]).astype(np.int64)
    inside = np.all((points >= 0) & (points < SIDE), axis=2)
    image_index = np.broadcast_to(np.arange(len(images))[:, None], inside.shape)
    out[image_index[inside], points[..., 0][inside], points[..., 1][inside]] = 1.0
    return out
