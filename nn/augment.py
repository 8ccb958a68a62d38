"""Data augmentation for training: random affine warps and stroke thickness changes.

Everything is vectorised over the batch: one set of index arrays samples all N images at once.
"""
from __future__ import annotations

import numpy as np

SIDE = 28
_PAD = 2   # zero border so that clipped sample coordinates read background


def augment_batch(x: np.ndarray, rng: np.random.Generator, *, max_rotation: float = 15.0,
                  scale: tuple[float, float] = (0.85, 1.15), max_shift: float = 2.5,
                  max_shear: float = 0.3, thickness_prob: float = 0.5) -> np.ndarray:
    """Randomly warp and thicken/thin a batch of digits.

    x: (N, 784) or (N, 28, 28) float in [0, 1]. Returns the same shape and dtype, values in [0, 1].
    Per image: rotation in +-max_rotation degrees, scale in `scale`, shift in +-max_shift px,
    shear in +-max_shear; with probability thickness_prob a 3x3 grey dilation or erosion.
    """
    x = np.asarray(x)
    images = x.reshape(-1, SIDE, SIDE).astype(np.float32)
    n = images.shape[0]
    if n == 0:
        return x.copy()
    images = change_thickness(images, rng, thickness_prob)
    inverse, shift = random_affine(n, rng, max_rotation, scale, max_shift, max_shear)
    out = affine_warp(images, inverse, shift)
    np.clip(out, 0.0, 1.0, out=out)
    return out.reshape(x.shape).astype(x.dtype, copy=False)


def random_affine(n: int, rng: np.random.Generator, max_rotation: float,
                  scale: tuple[float, float], max_shift: float,
                  max_shear: float) -> tuple[np.ndarray, np.ndarray]:
    """Draw n forward maps M = R(angle) @ Shear @ S(scale); return (M^-1 (n, 2, 2), shift (n, 2)).

    Coordinates are (row, col) = (y, x) about the image centre.
    """
    angle = np.deg2rad(rng.uniform(-max_rotation, max_rotation, n))
    s = rng.uniform(scale[0], scale[1], n)
    shear = rng.uniform(-max_shear, max_shear, n)
    shift = rng.uniform(-max_shift, max_shift, (n, 2))
    cos, sin = np.cos(angle), np.sin(angle)
    # (y, x) rotation, then x += shear * y (slant), then isotropic scale.
    rotation = np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], -2)
    shear_m = np.zeros((n, 2, 2))
    shear_m[:, 0, 0] = 1.0
    shear_m[:, 1, 1] = 1.0
    shear_m[:, 1, 0] = shear
    forward = rotation @ shear_m * s[:, None, None]
    return np.linalg.inv(forward), shift


def affine_warp(images: np.ndarray, inverse: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """Bilinear resampling out(p) = in(M^-1 (p - c - shift) + c) with zero outside.

    images: (N, H, W) float32; inverse: (N, 2, 2); shift: (N, 2) in (row, col). Returns (N, H, W).
    """
    n, h, w = images.shape
    centre = np.array([(h - 1) / 2.0, (w - 1) / 2.0])
    rows, cols = np.mgrid[0:h, 0:w]
    grid = np.stack([rows.ravel(), cols.ravel()], 0) - centre[:, None]     # (2, H*W)
    source = inverse @ (grid[None] - shift[:, :, None]) + centre[None, :, None]   # (N, 2, H*W)
    # Clip into the padded frame: a clipped coordinate lands in the zero border.
    y = np.clip(source[:, 0], -_PAD, h - 1 + _PAD - 1) + _PAD
    x = np.clip(source[:, 1], -_PAD, w - 1 + _PAD - 1) + _PAD
    y0 = np.floor(y).astype(np.intp)
    x0 = np.floor(x).astype(np.intp)
    fy = (y - y0).astype(np.float32)
    fx = (x - x0).astype(np.float32)
    padded = np.pad(images, ((0, 0), (_PAD, _PAD), (_PAD, _PAD)))
    pw = w + 2 * _PAD
    flat = padded.reshape(n, -1)
    top = y0 * pw + x0

    def at(index: np.ndarray) -> np.ndarray:
        return np.take_along_axis(flat, index, axis=1)

    out = ((1 - fy) * ((1 - fx) * at(top) + fx * at(top + 1))
           + fy * ((1 - fx) * at(top + pw) + fx * at(top + pw + 1)))
    return out.reshape(n, h, w)


def change_thickness(images: np.ndarray, rng: np.random.Generator, prob: float) -> np.ndarray:
    """Thicken (3x3 grey dilation) or thin (erosion) a random subset, blended by a random strength.

    images: (N, H, W) float32. Returns a new (N, H, W) array.
    """
    n = images.shape[0]
    chosen = rng.random(n) < prob
    dilate = rng.random(n) < 0.5
    strength = rng.uniform(0.0, 1.0, n).astype(np.float32)
    out = images.copy()
    # Full erosion wipes out MNIST's 2-3 px strokes, so thinning is blended in more gently.
    for mask, op, (low, high) in ((chosen & dilate, np.maximum, (0.4, 1.0)),
                                  (chosen & ~dilate, np.minimum, (0.2, 0.6))):
        if not mask.any():
            continue
        subset = images[mask]
        changed = _filter3x3(subset, op)
        alpha = (low + (high - low) * strength[mask])[:, None, None]
        out[mask] = subset + alpha * (changed - subset)
    return out


def _filter3x3(images: np.ndarray, op) -> np.ndarray:
    """Max (op=np.maximum) or min (np.minimum) over each pixel's 3x3 neighbourhood, edge-padded.

    images: (N, H, W). Returns (N, H, W).
    """
    _, h, w = images.shape
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)), mode="edge")
    rows = op(op(padded[:, :-2], padded[:, 1:-1]), padded[:, 2:])      # (N, H, W+2)
    return op(op(rows[:, :, :-2], rows[:, :, 1:-1]), rows[:, :, 2:])
