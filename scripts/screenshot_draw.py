"""Save docs/screenshots/draw.png: the Draw tab with a digit drawn by real mouse events.

The digit is a hand-like drawing from digitlab.nn.data.strokes (random tilt, size, wobble), replayed on the
canvas as mouse press / move / release events.

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
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# screenshots show the defaults: never the user's remembered window, tab, theme or language
os.environ["DIGITLAB_SETTINGS"] = os.path.join(__import__("tempfile").mkdtemp(), "DigitLab.ini")

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from mouse_replay import replay  # noqa: E402



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a .npz or .pkl model (default: shipped model)")
    parser.add_argument("--digit", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flatten", action="store_true", help="show x as the 784-vector")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "draw.png")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from digitlab.gui.main_window import MainWindow
    window = MainWindow()
    window.resize(1180, 820)
    window.show()
    tab = window.draw_tab
    if args.model is not None:
        tab.model_choice.open_model_file(args.model)
    else:
        tab.load_default_model()
    app.processEvents()
    from digitlab.nn.data.strokes import drawn_digit
    rng = np.random.default_rng(args.seed)
    pen_width = rng.uniform(14.0, 22.0)
    _, strokes = drawn_digit(args.digit, rng, pen_width=pen_width)
    tab.pen_slider.setValue(round(pen_width))    # the slider shows the pen the digit is drawn with
    replay(tab.canvas, strokes)
    tab.input_view.flatten_box.setChecked(args.flatten)
    tab.refresh_now()
    app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out))
    print(f"saved {args.out}: {window.windowTitle()}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
