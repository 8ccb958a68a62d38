"""Save a PNG grid of generated drawn digits (row = digit) to look at them.

Usage: python scripts/show_strokes.py [out.png] [--per-digit N] [--seed S] [--preprocessed]
With --preprocessed each drawing is shown after nn.preprocess (28x28, enlarged), as the network sees it.
"""
from __future__ import annotations

import argparse
import sys

import numpy as np
from PySide6.QtGui import QImage

from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.data.strokes import drawn_digit_set

CELL = 112   # canvas side per drawing in the grid


def grid_image(per_digit: int, seed: int, preprocessed: bool) -> np.ndarray:
    """(10 * cell, per_digit * cell) uint8, white background, black ink."""
    images, _, _ = drawn_digit_set(per_digit, np.random.default_rng(seed), size=CELL)
    if preprocessed:
        images = np.stack([np.kron(preprocess(im), np.ones((4, 4))) for im in images])
    cell = images.shape[1]
    tiles = images.reshape(per_digit, 10, cell, cell).transpose(1, 2, 0, 3)
    grid = tiles.reshape(10 * cell, per_digit * cell)
    grid[::cell, :] = 0.35      # thin separators between cells
    grid[:, ::cell] = 0.35
    return np.ascontiguousarray(255 - np.round(grid * 255).astype(np.uint8))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="drawn_digits.png")
    parser.add_argument("--per-digit", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--preprocessed", action="store_true")
    args = parser.parse_args(argv)
    pixels = grid_image(args.per_digit, args.seed, args.preprocessed)
    h, w = pixels.shape
    image = QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8)
    if not image.save(args.out):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({w}x{h})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
