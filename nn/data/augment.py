"""Data augmentation for training: random affine warps and stroke thickness changes, and (off by
default) the looks of scanned or photographed handwriting: other aspect ratios, blur, low resolution.

Everything is vectorised over the batch: one set of index arrays samples all N images at once.
An option that is off draws no random numbers, so existing training runs reproduce bit for bit.
"""
from __future__ import annotations

import numpy as np

SIDE = 28
_PAD = 2   # zero border so that clipped sample coordinates read background


def augment_batch(x: np.ndarray, rng: np.random.Generator, *, max_rotation: float = 15.0,
                  scale: tuple[float, float] = (0.85, 1.15), max_shift: float = 2.5,
                  max_shear: float = 0.3, thickness_prob: float = 0.5,
                  aspect: tuple[float, float] | None = None, blur_prob: float = 0.0,
                  blur_sigma: tuple[float, float] = (0.5, 1.2), lowres_prob: float = 0.0,
                  lowres_side: tuple[int, int] = (7, 14), heavy_prob: float = 0.0) -> np.ndarray:
    """Randomly warp and thicken/thin a batch of digits.

    x: (N, 784) or (N, 28, 28) float in [0, 1]. Returns the same shape and dtype, values in [0, 1].
    Per image: rotation in +-max_rotation degrees, scale in `scale`, shift in +-max_shift px,
    shear in +-max_shear; with probability thickness_prob a 3x3 grey dilation or erosion.
    Off by default: width times a factor drawn log-uniformly from `aspect` (low, high); with
    probability blur_prob a Gaussian blur of sigma in blur_sigma px; with probability lowres_prob
    the look of a digit scanned at lowres_side px (see `low_resolution`); with probability
    heavy_prob a 5x5 grey dilation (a felt pen, or a small scan whose strokes fill whole pixels).
    """
    x = np.asarray(x)
    images = x.reshape(-1, SIDE, SIDE).astype(np.float32)
    n = images.shape[0]
    if n == 0:
        return x.copy()
    images = change_thickness(images, rng, thickness_prob)
    if heavy_prob > 0:
        images = heavy_strokes(images, rng, heavy_prob)
    inverse, shift = random_affine(n, rng, max_rotation, scale, max_shift, max_shear)
    if aspect is not None:
        inverse = inverse @ random_widening(n, rng, aspect)
    out = affine_warp(images, inverse, shift)
    if lowres_prob > 0:
        out = low_resolution(out, rng, lowres_prob, lowres_side)
    if blur_prob > 0:
        out = random_blur(out, rng, blur_prob, blur_sigma)
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


def heavy_strokes(images: np.ndarray, rng: np.random.Generator, prob: float) -> np.ndarray:
    """A 5x5 grey dilation (two 3x3 passes) of a random subset. images: (N, H, W) float32."""
    chosen = rng.random(len(images)) < prob
    out = images.copy()
    if chosen.any():
        out[chosen] = _filter3x3(_filter3x3(images[chosen], np.maximum), np.maximum)
    return out


def random_widening(n: int, rng: np.random.Generator, aspect: tuple[float, float]) -> np.ndarray:
    """Inverse maps (n, 2, 2) that stretch the width by a log-uniform factor in aspect (low, high).

    Scanned digits come squeezed or stretched sideways (some data sets scale every digit to fill
    its box, which makes a 1 wide); MNIST keeps the writer's aspect ratio.
    """
    factor = np.exp(rng.uniform(np.log(aspect[0]), np.log(aspect[1]), n))
    inverse = np.zeros((n, 2, 2))
    inverse[:, 0, 0] = 1.0
    inverse[:, 1, 1] = 1.0 / factor
    return inverse


def random_blur(images: np.ndarray, rng: np.random.Generator, prob: float,
                sigma: tuple[float, float]) -> np.ndarray:
    """Gaussian-blur a random subset (sigma uniform in `sigma` px), peak renormalised to 1.

    The renormalisation copies nn.preprocess, which stretches every opened image to full ink.
    images: (N, H, W) float32. Returns a new (N, H, W) array.
    """
    chosen = np.flatnonzero(rng.random(len(images)) < prob)
    sigmas = rng.uniform(sigma[0], sigma[1], len(chosen))
    out = images.copy()
    if chosen.size == 0:
        return out
    side = images.shape[-1]
    offsets = np.arange(side)[None, :] - np.arange(side)[:, None]            # (H, H)
    kernels = np.exp(-0.5 * (offsets[None] / sigmas[:, None, None]) ** 2)    # (K, H, H)
    kernels /= kernels.sum(axis=2, keepdims=True)
    kernels = kernels.astype(np.float32)
    blurred = kernels @ images[chosen] @ kernels.transpose(0, 2, 1)
    out[chosen] = _renormalise(blurred)
    return out


def low_resolution(images: np.ndarray, rng: np.random.Generator, prob: float,
                   side: tuple[int, int]) -> np.ndarray:
    """Make a random subset look scanned at low resolution, peak renormalised to 1.

    A digit box of s px (s uniform in side, inclusive) that preprocessing scales up to 20 px:
    area-average the image down by s / 20, then back up by area (blocky, like nn.preprocess
    enlarging a small image) or bilinearly (like an image viewer). images: (N, H, W) float32.
    """
    n, h, _ = images.shape
    chosen = rng.random(n) < prob
    sides = rng.integers(side[0], side[1] + 1, n)
    smooth = rng.random(n) < 0.5
    out = images.copy()
    for s in np.unique(sides[chosen]):
        small = max(2, int(round(h * s / 20)))
        down = _area_weights(h, small)
        for mask, up in ((chosen & (sides == s) & ~smooth, _area_weights(small, h)),
                         (chosen & (sides == s) & smooth, _bilinear_weights(small, h))):
            if mask.any():
                resampled = (up @ down) @ images[mask] @ (up @ down).T
                out[mask] = _renormalise(resampled)
    return out


def _renormalise(images: np.ndarray) -> np.ndarray:
    peak = images.max(axis=(1, 2), keepdims=True)
    return images / np.maximum(peak, np.float32(1e-6))


def _area_weights(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) float32: output pixel j is the mean of the input over its span."""
    step = n_in / n_out
    start = np.arange(n_out)[:, None] * step
    i = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(i + 1, start + step) - np.maximum(i, start), 0.0, None)
    return (overlap / step).astype(np.float32)


def _bilinear_weights(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) float32: linear interpolation with pixel centres aligned, edges clamped."""
    position = np.clip((np.arange(n_out) + 0.5) * n_in / n_out - 0.5, 0, n_in - 1)
    low = np.floor(position).astype(int)
    high = np.minimum(low + 1, n_in - 1)
    weights = np.zeros((n_out, n_in), np.float32)
    weights[np.arange(n_out), low] += 1 - (position - low)
    weights[np.arange(n_out), high] += position - low
    return weights
