"""Save the Inside tab's lab, backward and map sections at the default window size:
docs/screenshots/inside_lab.png (half the weights pruned, test accuracy measured, a pruning sweep),
inside_backward.png (label 8 chosen for a drawn 3, one SGD step taken) and inside_map.png (hidden layer 2's
map with the drawing as a star); file names end in _ko for Korean.

Usage: python scripts/screenshot_inside_sections.py [--lang en|ko] [--out DIR] [--mnist-dir DIR]
Runs offscreen unless QT_QPA_PLATFORM is set; a throwaway settings file is used. Needs MNIST and
DigitLab installed (pip install -e .).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))   # mouse_replay; digitlab is the installed package (pip install -e .)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DIGITLAB_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "DigitLab.ini")   # never the user's

from digitlab.nn.speed.blas import use_one_blas_thread  # noqa: E402

use_one_blas_thread()   # as main.py does, before NumPy loads
import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app: QApplication, until=lambda: True, seconds: float = 60.0) -> None:
    """Run the event loop a little, and until until() holds (at most seconds)."""
    end = time.monotonic() + seconds
    for _ in range(20):
        app.processEvents()
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "ko"), default="en")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--mnist-dir", type=Path, default=None)
    args = parser.parse_args()
    if args.mnist_dir is not None:
        os.environ["DIGITLAB_MNIST_DIR"] = str(args.mnist_dir)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from mouse_replay import replay
    from digitlab.gui.main_window import MainWindow
    from digitlab.nn.data.strokes import drawn_digit
    window = MainWindow()
    window.show()
    window.set_language(args.lang)
    window.draw_tab.load_default_model()
    settle(app)
    _, strokes = drawn_digit(3, np.random.default_rng(1), pen_width=18.0)
    replay(window.draw_tab.canvas, strokes)
    window.tabs.setCurrentWidget(window.inside_page)
    settle(app)
    tab = window.inside_page.widget
    suffix = "_ko" if args.lang == "ko" else ""
    args.out.mkdir(parents=True, exist_ok=True)

    def save(name: str) -> None:
        settle(app)
        path = args.out / f"inside_{name}{suffix}.png"
        window.grab().save(str(path))
        print(f"saved {path}")

    lab = tab.lab_panel
    tab.sections.setCurrentWidget(lab)
    lab.prune_spin.setValue(50.0)
    lab.prune_button.click()
    lab.measure_accuracy()
    settle(app, lambda: lab.accuracy_button.isEnabled())
    lab.start_sweep()
    settle(app, lambda: lab.sweep_button.isEnabled())
    save("lab")
    lab.reset()

    backward = tab.backward_panel
    tab.sections.setCurrentWidget(backward)
    backward.label_combo.setCurrentIndex(backward.label_combo.findData(8))
    backward.lr_spin.setValue(0.01)
    backward.take_step()
    save("backward")

    map_panel = tab.map_panel
    tab.sections.setCurrentWidget(map_panel)
    settle(app, lambda: map_panel.maps is not None)
    map_panel.layer_combo.setCurrentIndex(2)
    map_panel.show_point(int(np.flatnonzero(map_panel._labels == 3)[0]))
    save("map")
    window.settings.clear()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main_())
