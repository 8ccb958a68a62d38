"""Save the Inside tab at the default window size: docs/screenshots/inside_*.png.

inside_diagram (a drawn 3 on the small canvas, the diagram following it), inside_neuron (a hidden
neuron of the first layer opened), inside_output (the output neuron opened: softmax step by step),
inside_chapter3 (the book's toy network, the activation functions, softmax's overflow); each in
the language given (file names end in _ko for Korean).

Usage: python scripts/screenshot_inside.py [--lang en|ko] [--out DIR]
Runs the installed digitlab (pip install -e .) offscreen unless QT_QPA_PLATFORM is set; a
throwaway settings file is used.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))   # mouse_replay: real mouse events on the canvas
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DIGITLAB_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "DigitLab.ini")   # never the user's

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "ko"), default="en")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from mouse_replay import replay
    from digitlab.gui.main_window import MainWindow
    from digitlab.nn.data.strokes import drawn_digit
    window = MainWindow()
    window.show()
    window.set_language(args.lang)
    window.draw_tab.load_default_model()
    settle(app)
    window.tabs.setCurrentWidget(window.inside_page)
    settle(app)
    tab = window.inside_page.widget
    _, strokes = drawn_digit(3, np.random.default_rng(1), pen_width=18.0)
    replay(tab.canvas, strokes)
    settle(app)
    suffix = "_ko" if args.lang == "ko" else ""
    args.out.mkdir(parents=True, exist_ok=True)

    def save(name: str) -> None:
        settle(app)
        path = args.out / f"inside_{name}{suffix}.png"
        window.grab().save(str(path))
        print(f"saved {path}")

    save("diagram")
    view = tab.diagram.view
    first = int(view.shown[1][np.argmax(view.trace.z[0][view.shown[1]])])   # the most active
    tab.show_neuron(1, first)
    save("neuron")
    tab.show_neuron(view.trace.depth, int(np.argmax(view.trace.y)))
    save("output")
    tab.sections.setCurrentWidget(tab.chapter3_panel)
    save("chapter3")
    window.settings.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main_())
