"""Accuracy of the Draw tab on pen-drawn digits that are not MNIST, drawn with real mouse events.

    python scripts/eval_drawn_canvas.py [--model PATH] [--per-digit 50] [--seed 2026] [--size 450]

Each digit from digitlab.nn.data.strokes (random style, pen width, tilt, size and position on a 280 px canvas)
is replayed as mouse press / move / release events on the Draw tab's canvas, scaled to the canvas'
size, with the pen width set to the drawn width; the digit the tab shows is compared to the label.
The same seed gives the same digits as scripts/eval_drawn.py, which skips the canvas (NumPy
rendering straight into nn.preprocess): the two figures differ only by the canvas path.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from digitlab.nn.speed.blas import use_one_blas_thread  # noqa: E402

use_one_blas_thread()

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from digitlab.nn.training.evaluate import confusion_matrix  # noqa: E402
from digitlab.nn.data.preprocess import preprocess  # noqa: E402
from digitlab.nn.data.strokes import drawn_digit  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from mouse_replay import replay  # noqa: E402



def shown_digit(app, tab) -> int | None:
    """Let the frame-rate throttle deliver the last change, then read the digit the tab shows."""
    while not tab.is_settled():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    text = tab.bars.digit_label.text()
    return int(text) if text.isdigit() else None


def draw_and_read(app, tab, labels: np.ndarray, rng: np.random.Generator
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Digits shown by the tab (-1 for none) for a drawing of each label replayed on its canvas,
    and the digits its network gives the NumPy rendering of the same drawing (no canvas). (N,) each.
    """
    shown, direct = np.full(len(labels), -1), np.full(len(labels), -1)
    network = tab.network
    for i, digit in enumerate(labels):
        pen_width = rng.uniform(12.0, 26.0)   # as drawn_digit draws it, so seeds match eval_drawn
        image, strokes = drawn_digit(int(digit), rng, pen_width=pen_width)
        tab.canvas.clear()
        replay(tab.canvas, strokes, pen_width)
        answer = shown_digit(app, tab)
        shown[i] = -1 if answer is None else answer
        x = preprocess(image).reshape(1, 784).astype(network.dtype)
        direct[i] = int(np.argmax(network.predict(x)))
    return shown, direct


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a .npz or .pkl model (default: shipped)")
    parser.add_argument("--per-digit", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--size", type=int, default=450, help="canvas side in pixels")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from digitlab.gui.draw.tab import DrawTab
    tab = DrawTab()
    tab.show()
    tab.canvas.setFixedSize(args.size, args.size)
    app.processEvents()
    loaded = tab.model_choice.open_model_file(args.model) if args.model else tab.load_default_model()
    if not loaded:
        print("no model: pass --model PATH or add resources/models/default.npz", file=sys.stderr)
        return 1
    labels = np.tile(np.arange(10), args.per_digit)
    start = time.perf_counter()
    predicted, direct = draw_and_read(app, tab, labels, np.random.default_rng(args.seed))
    seconds = time.perf_counter() - start
    accuracy = float(np.mean(predicted == labels))
    confusion = confusion_matrix(labels, np.where(predicted < 0, labels, predicted))
    print(f"model: {tab.model_choice.combo.currentText()}; canvas {tab.canvas.width()} px")
    print(f"drawn on the canvas: {accuracy:.1%} of {len(labels)} "
          f"({seconds:.1f} s, {1000 * seconds / len(labels):.0f} ms per digit)")
    print(f"same digits without the canvas (NumPy rendering): {np.mean(direct == labels):.1%}; "
          f"canvas and NumPy agree on {np.mean(direct == predicted):.1%}")
    print("per digit: " + ", ".join(f"{d}: {confusion[d, d] / confusion[d].sum():.0%}"
                                    for d in range(10)))
    mistakes = [(int(t), int(y)) for t, y in zip(labels, predicted) if t != y]
    counts: dict[tuple[int, int], int] = {}
    for pair in mistakes:
        counts[pair] = counts.get(pair, 0) + 1
    print("confusions (true -> shown: count): " + (", ".join(
        f"{t}->{'none' if y < 0 else y}: {n}" for (t, y), n in sorted(counts.items())) or "none"))
    tab.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
