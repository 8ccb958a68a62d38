"""Save every tab in a language and a theme: docs/screenshots/<tab>_<lang>_<theme>.png.

draw (a drawn 3), training (the settings and empty curves before a run), gradient (the course's
gradient descent case played to its end). The language and theme go through View > Language and
View > Theme, as a student would switch them; a throwaway settings file is used.

Usage: python scripts/screenshot_all.py [--lang en|ko] [--theme light|dark] [--out DIR]
Runs offscreen unless QT_QPA_PLATFORM is set.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DIGITLAB_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "DigitLab.ini")   # never the user's

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def draw_a_digit(window, app: QApplication) -> None:
    from mouse_replay import replay
    from digitlab.nn.data.strokes import drawn_digit
    tab = window.draw_tab
    tab.load_default_model()
    _, strokes = drawn_digit(3, np.random.default_rng(1), pen_width=18.0)
    replay(tab.canvas, strokes)
    tab.refresh_now()
    settle(app)


def play_descent(window, app: QApplication) -> None:
    panel = window.gradient_page.widget.show_panel("descent")
    settle(app)
    panel.apply_preset("converges")
    panel.controls.pause()
    panel.controls.go_to_end()
    settle(app)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "ko"), default="ko")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from digitlab.gui.main_window import MainWindow
    window = MainWindow()
    window.show()
    window.set_language(args.lang)
    window.set_theme(args.theme)
    settle(app)
    args.out.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(("draw", "training", "gradient")):
        window.tabs.setCurrentIndex(index)
        settle(app)
        if name == "draw":
            draw_a_digit(window, app)
        elif name == "gradient":
            play_descent(window, app)
        path = args.out / f"{name}_{args.lang}_{args.theme}.png"
        window.grab().save(str(path))
        print(f"saved {path}")
    window.settings.clear()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
