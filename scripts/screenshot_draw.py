"""Save docs/screenshots/draw.png: the Draw tab with a digit drawn by real mouse events.

Usage: python scripts/screenshot_draw.py [--model PATH] [--digit 3] [--out PATH]
Runs offscreen unless QT_QPA_PLATFORM is set (e.g. xcb under Xvfb for real fonts and HiDPI).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

# a hand-made "3" in unit coordinates, used when nn.strokes is not available
FALLBACK_THREE = [np.array([[0.05, 0.12], [0.25, 0.0], [0.5, 0.0], [0.62, 0.12], [0.6, 0.3],
                            [0.4, 0.45], [0.3, 0.48], [0.45, 0.52], [0.62, 0.65], [0.62, 0.82],
                            [0.5, 0.97], [0.25, 1.0], [0.03, 0.9]])]


def digit_polylines(digit: int, seed: int) -> list[np.ndarray]:
    """Pen strokes (unit coordinates) for `digit`, from nn.strokes when it is there."""
    try:
        from nn.strokes import digit_strokes
    except ImportError:
        return FALLBACK_THREE
    return digit_strokes(digit, np.random.default_rng(seed))


def send_mouse(widget, kind: QEvent.Type, pos: QPointF, buttons) -> None:
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def canvas_points(canvas, polylines: list[np.ndarray], fill: float = 0.7) -> list[list[QPointF]]:
    """Unit-coordinate polylines (digit in [0, 1]^2) as widget points, centred on the paper."""
    corner = min(canvas.width(), canvas.height())
    left, top = (canvas.width() - corner) / 2, (canvas.height() - corner) / 2
    x_mid = 0.5 * (min(p[:, 0].min() for p in polylines) + max(p[:, 0].max() for p in polylines))
    return [[QPointF(left + corner * (0.5 + fill * (x - x_mid)),
                     top + corner * (0.5 + fill * (y - 0.5))) for x, y in line]
            for line in polylines]


def replay(canvas, polylines: list[np.ndarray]) -> None:
    """Draw unit-coordinate polylines on the canvas with real mouse press/move/release events."""
    left = Qt.MouseButton.LeftButton
    for points in canvas_points(canvas, polylines):
        send_mouse(canvas, QEvent.Type.MouseButtonPress, points[0], left)
        for point in points[1:]:
            send_mouse(canvas, QEvent.Type.MouseMove, point, left)
        send_mouse(canvas, QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a .npz or .pkl model (default: shipped model)")
    parser.add_argument("--digit", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flatten", action="store_true", help="show x as the 784-vector")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "draw.png")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from gui.main_window import MainWindow
    window = MainWindow()
    window.resize(1180, 820)
    window.show()
    tab = window.draw_tab
    if args.model is not None:
        tab.model_choice.open_model_file(args.model)
    else:
        tab.load_default_model()
    app.processEvents()
    replay(tab.canvas, digit_polylines(args.digit, args.seed))
    tab.input_view.flatten_box.setChecked(args.flatten)
    tab._throttle.stop()
    tab._update_prediction()
    app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out))
    print(f"saved {args.out}: {window.windowTitle()}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
