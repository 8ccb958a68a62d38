"""Other people's handwriting: the UCI optdigits test set as scanned low-resolution images.

scikit-learn ships it as sklearn/datasets/data/digits.csv.gz: 1,797 digits written by 43 people
(not the writers of the training part), each a 32x32 binary scan counted in 4x4 blocks into an 8x8
grid of 0..16. It is neither MNIST nor nn.strokes. The file is read directly (sklearn is never
imported), so only the package files need to be there: `pip install digitlab[eval]`.

Each digit is turned into a lightness image the way a scanner or a phone would deliver it (upscaled,
blurred, inverted, stretched, on grey paper) and goes through nn.preprocess.preprocess, the path
of an opened image file once image_io has decoded it. Used by scripts/eval.py outside and the tests.
"""
from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import numpy as np

from digitlab.nn.data.preprocess import preprocess

CELL = 8   # output pixels per 8x8 grid cell in the upscaled variants


def digits_csv() -> Path | None:
    """Path of scikit-learn's digits.csv.gz, or None when scikit-learn is not installed."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data" / "digits.csv.gz"
    return path if path.is_file() else None


def load_optdigits(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """(ink (N, 8, 8) float in [0, 1], labels (N,) int64) from digits.csv.gz (64 counts + label)."""
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)
    return table[:, :64].reshape(-1, 8, 8) / 16.0, table[:, 64]


def resize_bilinear(image: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """Bilinear resampling with pixel centres aligned (as image viewers scale). (h, w) -> (out_h, out_w)."""
    h, w = image.shape
    rows = np.clip((np.arange(out_h) + 0.5) * h / out_h - 0.5, 0, h - 1)
    cols = np.clip((np.arange(out_w) + 0.5) * w / out_w - 0.5, 0, w - 1)
    r0, c0 = np.floor(rows).astype(int), np.floor(cols).astype(int)
    r1, c1 = np.minimum(r0 + 1, h - 1), np.minimum(c0 + 1, w - 1)
    fr, fc = (rows - r0)[:, None], (cols - c0)[None, :]
    top = image[r0][:, c0] * (1 - fc) + image[r0][:, c1] * fc
    bottom = image[r1][:, c0] * (1 - fc) + image[r1][:, c1] * fc
    return top * (1 - fr) + bottom * fr


def gaussian_blur(image: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur, edges replicated. (h, w) -> (h, w)."""
    radius = max(1, int(3 * sigma))
    taps = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    taps /= taps.sum()
    padded = np.pad(image, radius, mode="edge")
    rows = sum(k * padded[i:i + image.shape[0]] for i, k in enumerate(taps))
    return sum(k * rows[:, i:i + image.shape[1]] for i, k in enumerate(taps))


def nearest(ink: np.ndarray) -> np.ndarray:
    return np.kron(ink, np.ones((CELL, CELL)))


def _paper(ink: np.ndarray) -> np.ndarray:
    return 1.0 - ink          # dark ink on white paper


VARIANTS = {
    # name: ink (8, 8) -> lightness (H, W) in [0, 1] (0 black, 1 white)
    "nearest 8x": lambda ink: _paper(nearest(ink)),
    "bilinear 8x": lambda ink: _paper(resize_bilinear(ink, 8 * CELL, 8 * CELL)),
    "native 8x8": _paper,
    "blur": lambda ink: _paper(gaussian_blur(nearest(ink), 0.6 * CELL)),
    "inverted": lambda ink: nearest(ink),                          # white ink on black
    "grey paper": lambda ink: 0.45 - 0.35 * nearest(ink),          # dark ink on mid-grey
    "narrow": lambda ink: _paper(resize_bilinear(ink, 8 * CELL, 5 * CELL)),
    "wide": lambda ink: _paper(resize_bilinear(ink, 8 * CELL, 12 * CELL)),
}


def outside_inputs(ink: np.ndarray, variant: str, preprocess_fn=preprocess) -> np.ndarray:
    """(N, 784) network inputs: each 8x8 digit rendered as `variant`, then preprocessed.

    A digit that preprocessing finds blank becomes an all-zero input (it then counts as wrong
    unless the network happens to say its label for an empty image).
    """
    render = VARIANTS[variant]
    x = np.zeros((len(ink), 784), np.float32)
    for i, digit in enumerate(ink):
        image = preprocess_fn(render(digit).astype(np.float32))
        if image is not None:
            x[i] = image.reshape(784)
    return x
