"""Digits drawn with the strokes of the Hershey vector fonts: an outside test of drawn-digit reading.

Nothing in DigitLab's training or its own stroke generator (nn.strokes) comes from these fonts.
Each glyph is placed with nn.strokes' hand randomiser (tilt, size, position, wobble), rendered with
a round pen and preprocessed like a drawing on the canvas. Needs the hershey-fonts package (the
test extras), imported when a glyph is first drawn. Used by scripts/eval.py hershey and the tests.
"""
from __future__ import annotations

import numpy as np

from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.data.strokes import jitter, render_strokes

# Single-stroke fonts with ordinary digits (not gothic, symbol or map fonts).
FONTS = ("futural", "futuram", "cursive", "rowmans", "rowmand", "rowmant", "scripts", "scriptc",
         "timesr", "timesi", "timesrb", "timesib")


def glyph_strokes(font: str, digit: int) -> list[np.ndarray]:
    """The strokes of one digit of a Hershey font in unit coordinates (x right, y down)."""
    from HersheyFonts import HersheyFonts

    hershey = HersheyFonts()
    hershey.load_default_font(font)
    strokes = [np.array(stroke, dtype=np.float64) for stroke in hershey.strokes_for_text(str(digit))]
    points = np.concatenate(strokes)
    low, span = points.min(0), (points.max(0) - points.min(0)).max()
    return [(stroke - low) / span for stroke in strokes]


def hershey_inputs(per_digit: int, seed: int, size: int = 280, fonts=FONTS
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(N, 784) preprocessed drawings, labels (N,) and the font of each (N,).

    Pen widths are 12-26 px per 280 px of canvas, as on the Draw tab.
    """
    rng = np.random.default_rng(seed)
    x, t, names = [], [], []
    for font in fonts:
        for digit in range(10):
            glyph = glyph_strokes(font, digit)
            for _ in range(per_digit):
                pen = rng.uniform(12.0, 26.0) * size / 280
                image = render_strokes(jitter(glyph, rng, tilt=12.0, size=size), size, pen)
                x.append(preprocess(image).reshape(784))
                t.append(digit)
                names.append(font)
    return np.stack(x), np.array(t), np.array(names)
