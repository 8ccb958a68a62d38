"""Make a drawing or photo look like an MNIST digit (one function for canvas, `predict` and tests).

MNIST's recipe: the digit's bounding box is scaled so its longer side is 20 px (aspect ratio kept,
anti-aliased), then the 20x20-or-smaller result is placed in a 28x28 field so that its centre of mass
sits at the centre. Convention here, measured on MNIST itself: in index coordinates (pixel centres at
0..27) the centre of mass is at (14, 14), reached by a whole-pixel shift, so it ends within 0.5 px.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FIELD = 28          # output side
BOX = 20            # longer side of the digit inside the field
CENTRE = 14.0       # target centre of mass (row and column index)
MAX_WORK_SIDE = 1024  # larger inputs (photos) are block-averaged down first
MIN_CONTRAST = 0.15   # ink must differ this much from the background, else blank
FAINT = 0.2           # ink below this fraction of the peak is noise
SPECK_FRACTION = 0.05  # components lighter than this fraction of the heaviest are specks
COARSE_SIDE = 64      # grid for the connected-component analysis
MIN_EXTENT = 0.03     # ink whose extent is under 3 % of the image side is not a drawing
SOLID = 0.8           # ink at this fraction of the peak or more counts as solid, below as grey
# Share of grey ink (of all ink above FAINT) over which a scan counts as blurred or low resolution:
# canvas drawings have at most ~0.3 (anti-aliased edges), blurred scans 0.6 and more.
SOFT_START, SOFT_FULL = 0.35, 0.55


@dataclass(frozen=True)
class Stages:
    """Every intermediate image of `preprocess_stages`, for display."""
    gray: np.ndarray      # (H, W) float [0, 1], ink = 1 (after the polarity decision)
    cleaned: np.ndarray   # (H, W) background removed, faint noise and specks dropped
    cropped: np.ndarray   # (h, w) bounding box of the ink
    scaled: np.ndarray    # (<=20, <=20) longer side 20 px, area-averaged
    centered: np.ndarray  # (28, 28) float32, centre of mass at (14, 14)


def preprocess(image: np.ndarray, *, scan: bool = True) -> np.ndarray | None:
    """Turn a grayscale image into an MNIST-like digit.

    image: (H, W) uint8 0..255 or float 0..1, either polarity. Returns (28, 28) float32 in [0, 1],
    or None when the image is blank or holds only noise. scan=True also handles scans and photos
    (ink chosen by contrast, blurred ink faded; see `to_ink` and `fade_soft_ink`); a clean canvas
    drawing comes out the same either way.
    """
    stages = preprocess_stages(image, scan=scan)
    return None if stages is None else stages.centered


def preprocess_stages(image: np.ndarray, *, scan: bool = True) -> Stages | None:
    """All stages of `preprocess`; None for a blank image. image: (H, W)."""
    gray = to_ink(image, by_contrast=scan)
    cleaned = clean(gray, fade_soft=scan)
    if cleaned is None:
        return None
    rows = np.flatnonzero(cleaned.any(axis=1))
    cols = np.flatnonzero(cleaned.any(axis=0))
    cropped = cleaned[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    scaled = scale_to_box(cropped, BOX)
    centered = center_of_mass_place(scaled, FIELD, CENTRE)
    return Stages(gray, cleaned, cropped, scaled, centered)


def to_ink(image: np.ndarray, by_contrast: bool = False) -> np.ndarray:
    """Grayscale as float32 [0, 1] with ink = 1: dark ink on a bright border gets inverted.

    image: (H, W) uint8 or float. Large images are block-averaged to at most MAX_WORK_SIDE first,
    which keeps a 4K photo fast and is itself an area average, like the final scaling.
    by_contrast: the ink is whatever strays further from the border, darker or brighter (dark
    ink on mid-grey paper too), instead of "dark when the border is mostly bright".
    """
    image = np.asarray(image)
    if image.ndim != 2 or image.size == 0:
        raise ValueError(f"expected a non-empty 2-D grayscale image, got shape {image.shape}")
    if image.dtype == np.uint8:
        gray = image.astype(np.float32) / 255.0
    else:
        gray = image.astype(np.float32)
        if not np.isfinite(gray).all():     # rare (a broken file): spare the canvas the scan
            gray = np.nan_to_num(gray)
        gray = np.clip(gray, 0.0, 1.0)
    factor = -(-max(gray.shape) // MAX_WORK_SIDE)
    if factor > 1:
        gray = block_mean(gray, factor)
    if by_contrast:
        if ink_is_dark(gray):
            gray = 1.0 - gray
    # The border is background in a drawing or photo of one digit; mostly bright means dark ink.
    elif np.median(border(gray)) > 0.5:
        gray = 1.0 - gray
    return gray


def ink_is_dark(gray: np.ndarray) -> bool:
    """Whether the darkest pixel is further from the background (the border's median) than the
    brightest. gray: (H, W) float in [0, 1]."""
    background = float(np.median(border(gray)))
    return background - float(gray.min()) > float(gray.max()) - background


def clean(gray: np.ndarray, fade_soft: bool = False) -> np.ndarray | None:
    """Subtract the background, stretch the contrast, drop faint noise and small specks.

    gray: (H, W) float32, ink = 1. Returns (H, W) float32 in [0, 1], or None if no drawing is left.
    fade_soft: apply `fade_soft_ink` (blurred or low-resolution scans).
    """
    background = float(np.median(border(gray)))
    ink = gray - background
    peak = float(ink.max())
    if peak < MIN_CONTRAST:
        return None
    ink = ink / peak
    ink[ink < FAINT] = 0.0
    ink = drop_specks(ink)
    if fade_soft:
        ink = fade_soft_ink(ink)
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    extent = max(rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1)
    if extent < MIN_EXTENT * max(ink.shape):
        return None
    return ink


def fade_soft_ink(ink: np.ndarray) -> np.ndarray:
    """Let grey-heavy ink fade to zero at the FAINT cut instead of stopping at a step of FAINT.

    ink: (H, W) float32 in [0, 1], zero below FAINT. A blurred or low-resolution scan is mostly
    grey, and the step leaves a wide grey rim that makes the digit look small and thick; MNIST's
    strokes fade out. Ink that is mostly solid (a canvas drawing) is returned unchanged; between
    the two the floor rises gradually, so nothing jumps. Returns (H, W) float32.
    """
    on = ink[ink > 0]
    if on.size == 0:
        return ink
    grey_share = float(np.mean(on < SOLID))
    weight = min(max((grey_share - SOFT_START) / (SOFT_FULL - SOFT_START), 0.0), 1.0)
    if weight == 0.0:
        return ink
    floor = np.float32(FAINT * weight)
    return np.clip((ink - floor) / (1 - floor), 0.0, 1.0).astype(np.float32)


def drop_specks(ink: np.ndarray) -> np.ndarray:
    """Zero the connected blobs much lighter than the heaviest one (found on a coarse grid).

    ink: (H, W) float32 >= 0. Returns a new (H, W) array.
    """
    block = max(1, -(-max(ink.shape) // COARSE_SIDE))
    mass = block_sum(ink, block)
    labels = connected_components(mass > 0)
    weights = np.bincount(labels.ravel(), weights=mass.ravel())
    weights[0] = 0.0          # label 0 is background
    keep = weights >= SPECK_FRACTION * weights.max()
    keep[0] = False
    # Blocks without a label hold no ink, so when no blob is a speck the ink stays as it is: the
    # usual case for a canvas drawing, and it skips the fine-grid mask.
    if keep[weights > 0].all():
        return ink.copy()
    kept = keep[labels]
    fine = np.repeat(np.repeat(kept, block, axis=0), block, axis=1)[:ink.shape[0], :ink.shape[1]]
    return np.where(fine, ink, np.float32(0.0))


def connected_components(mask: np.ndarray) -> np.ndarray:
    """8-connected labels of a boolean mask: 0 for background, else 1 + a representative index.

    mask: (h, w) bool. Min-label propagation with pointer jumping, vectorised.
    """
    h, w = mask.shape
    big = h * w + 1
    labels = np.where(mask, np.arange(1, big).reshape(h, w), big)
    padded = np.full((h + 2, w + 2), big)
    rows = np.empty((h, w + 2), labels.dtype)
    lookup = np.empty(big + 1, labels.dtype)    # lookup[k]: current label of pixel k-1
    lookup[0], lookup[-1] = 0, big
    while True:
        padded[1:-1, 1:-1] = labels
        # The 3x3 minimum is separable: rows first, then columns (no 9-layer stack).
        np.minimum(padded[:-2, :], padded[1:-1, :], out=rows)
        np.minimum(rows, padded[2:, :], out=rows)
        new = np.minimum(rows[:, :-2], rows[:, 1:-1])
        np.minimum(new, rows[:, 2:], out=new)
        new[~mask] = big
        # Pointer jumping: follow each label to its own label, so long chains collapse fast.
        lookup[1:-1] = new.ravel()
        new = np.where(mask, lookup[new], big)
        if np.array_equal(new, labels):
            break
        labels = new
    return np.where(mask, labels, 0)


def scale_to_box(cropped: np.ndarray, box: int) -> np.ndarray:
    """Area-average so the longer side is `box` px, aspect ratio kept; peak renormalised to 1.

    cropped: (h, w) float. Returns (h', w') float32 with max(h', w') == box.
    """
    h, w = cropped.shape
    ratio = box / max(h, w)
    out_h, out_w = max(1, round(h * ratio)), max(1, round(w * ratio))
    scaled = area_resample(area_resample(cropped.astype(np.float64), out_h).T, out_w).T
    # Thin pen strokes average to grey; MNIST strokes reach full intensity.
    return (scaled / scaled.max()).astype(np.float32)


def area_resample(image: np.ndarray, n_out: int) -> np.ndarray:
    """Resample axis 0 to n_out pixels, each the mean of the input over its span (any ratio).

    image: (n_in, W). Returns (n_out, W). Equal to area_matrix(n_in, n_out) @ image, computed from
    the running sum S(e) = integral of the image up to e, so no BLAS call is needed.
    """
    n_in = image.shape[0]
    step = n_in / n_out
    edges = np.arange(n_out + 1) * step
    k = np.minimum(np.floor(edges).astype(np.intp), n_in - 1)
    running = np.concatenate([np.zeros((1,) + image.shape[1:]), np.cumsum(image, axis=0)])
    at_edges = running[k] + (edges - k)[:, None] * image[k]
    return np.diff(at_edges, axis=0) / step


def area_matrix(n_in: int, n_out: int) -> np.ndarray:
    """Weights (n_out, n_in): overlap of input pixel i with output pixel j's span, rows sum to 1."""
    step = n_in / n_out
    start = np.arange(n_out)[:, None] * step
    i = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(i + 1, start + step) - np.maximum(i, start), 0.0, None)
    return overlap / step


def center_of_mass_place(scaled: np.ndarray, field: int, centre: float) -> np.ndarray:
    """Paste into a (field, field) zero image, shifted by whole pixels so the centre of mass is at
    (centre, centre), but never past the edges. scaled: (h, w). Returns (field, field) float32.
    """
    h, w = scaled.shape
    total = scaled.sum()
    com_row = (scaled.sum(axis=1) @ np.arange(h)) / total
    com_col = (scaled.sum(axis=0) @ np.arange(w)) / total
    top = int(np.clip(np.floor(centre - com_row + 0.5), 0, field - h))
    left = int(np.clip(np.floor(centre - com_col + 0.5), 0, field - w))
    out = np.zeros((field, field), np.float32)
    out[top:top + h, left:left + w] = np.clip(scaled, 0.0, 1.0)
    return out


def border(gray: np.ndarray) -> np.ndarray:
    """The outermost ~2 % frame of pixels (at least 1 px), flattened. gray: (H, W)."""
    t = max(1, min(gray.shape) // 50)
    return np.concatenate([gray[:t].ravel(), gray[-t:].ravel(),
                           gray[t:-t, :t].ravel(), gray[t:-t, -t:].ravel()])


def block_sum(image: np.ndarray, block: int) -> np.ndarray:
    """Sum over block x block tiles (zero-padded at the end). (H, W) -> (ceil(H/b), ceil(W/b))."""
    h, w = image.shape
    hb, wb = -(-h // block), -(-w // block)
    padded = np.zeros((hb * block, wb * block), image.dtype)
    padded[:h, :w] = image
    return padded.reshape(hb, block, wb, block).sum(axis=(1, 3))


def block_mean(image: np.ndarray, block: int) -> np.ndarray:
    """Mean over block x block tiles, edge tiles replicated. (H, W) -> (ceil(H/b), ceil(W/b))."""
    h, w = image.shape
    hb, wb = -(-h // block), -(-w // block)
    padded = np.pad(image, ((0, hb * block - h), (0, wb * block - w)), mode="edge")
    return padded.reshape(hb, block, wb, block).mean(axis=(1, 3), dtype=np.float32)
