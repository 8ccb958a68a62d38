"""nn.preprocess with each MNIST step switchable off, to show a student what each one is for.

The steps after cleaning are: crop to the ink's bounding box, scale so the longer side is 20 px,
shift so the centre of mass sits at (14, 14). Switched off:

- crop=False: the whole image is the region that is scaled and placed (the digit keeps its size
  and place relative to the canvas).
- scale=False: the region is scaled by the canvas factor 28 / max(H, W) instead of to 20 px, so
  a small drawing stays small in the 28x28 input.
- centre=False: the region keeps the place it had on the canvas (its centre at the same relative
  position of the 28x28 field) instead of having its centre of mass moved to (14, 14).

With all three switched off the input is the whole image area-averaged down to 28x28.
"""
from __future__ import annotations

import numpy as np

from digitlab.nn.data.preprocess import (BOX, CENTRE, FIELD, Stages, area_resample, center_of_mass_place, clean,
                           scale_to_box, to_ink)


def preprocess_steps(image: np.ndarray, *, crop: bool = True, scale: bool = True,
                     centre: bool = True, scan: bool = True) -> Stages | None:
    """All stages with the chosen steps; None for a blank image. image: (H, W) as in preprocess.

    With every switch on, stages.centered equals nn.preprocess.preprocess(image, scan=scan).
    """
    gray = to_ink(image, by_contrast=scan)
    cleaned = clean(gray, fade_soft=scan)
    if cleaned is None:
        return None
    top, left, bottom, right = _region(cleaned, crop)
    cropped = cleaned[top:bottom, left:right]
    factor = FIELD / max(cleaned.shape)
    scaled = scale_to_box(cropped, BOX) if scale else _scale_by(cropped, factor)
    if centre:
        centered = center_of_mass_place(scaled, FIELD, CENTRE)
    else:
        # The region's centre in field coordinates, where it was on the canvas.
        centre_row = (top + bottom) / 2 * factor
        centre_col = (left + right) / 2 * factor
        centered = _place(scaled, centre_row, centre_col)
    return Stages(gray, cleaned, cropped, scaled, centered)


def _region(cleaned: np.ndarray, crop: bool) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) of the ink's bounding box, or of the whole image."""
    if not crop:
        return 0, 0, cleaned.shape[0], cleaned.shape[1]
    rows = np.flatnonzero(cleaned.any(axis=1))
    cols = np.flatnonzero(cleaned.any(axis=0))
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def _scale_by(region: np.ndarray, factor: float) -> np.ndarray:
    """Area-average by `factor` (at least 1 px a side), peak renormalised to 1 like scale_to_box."""
    h, w = region.shape
    out_h = min(FIELD, max(1, round(h * factor)))
    out_w = min(FIELD, max(1, round(w * factor)))
    scaled = area_resample(area_resample(region.astype(np.float64), out_h).T, out_w).T
    peak = scaled.max()
    return (scaled / peak if peak > 0 else scaled).astype(np.float32)


def _place(scaled: np.ndarray, centre_row: float, centre_col: float) -> np.ndarray:
    """Paste so the region's centre lands at (centre_row, centre_col), kept inside the field."""
    h, w = scaled.shape
    top = int(np.clip(round(centre_row - h / 2), 0, FIELD - h))
    left = int(np.clip(round(centre_col - w / 2), 0, FIELD - w))
    out = np.zeros((FIELD, FIELD), np.float32)
    out[top:top + h, left:left + w] = np.clip(scaled, 0.0, 1.0)
    return out
