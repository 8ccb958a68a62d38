"""Save docs/screenshots/handwriting_{why,steps,gallery,finetune}[_ko].png: the handwriting features.

why: a digit drawn by mouse events, "Why it decided" with the heatmap after a nudge to another
digit. steps: a small off-centre digit with the centring step switched off. gallery / finetune:
a synthetic personal set of unusual digits (tests/personal_digits.py) in the gallery, and the
fine-tune dialog's result (needs MNIST: DIGITLAB_MNIST_DIR or the usual folders). The personal
set lives in a temporary DIGITLAB_DATA_DIR, never the user's.

Usage: python scripts/screenshot_handwriting.py [--lang en|ko] [--out-dir DIR]
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
# screenshots show the defaults: never the user's remembered window, tab, theme or language
os.environ["DIGITLAB_SETTINGS"] = os.path.join(__import__("tempfile").mkdtemp(), "DigitLab.ini")
os.environ["DIGITLAB_DATA_DIR"] = tempfile.mkdtemp(prefix="digitlab-shots-")

import numpy as np  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mouse_replay import replay  # noqa: E402


def draw(app, tab, digit: int, seed: int, shrink: float = 1.0, shift=(0.0, 0.0)) -> None:
    from digitlab.nn.data.strokes import drawn_digit
    rng = np.random.default_rng(seed)
    _, strokes = drawn_digit(digit, rng, pen_width=16.0)
    side = 280.0
    # shrink around the canvas centre and shift (fractions of the side): a small off-centre digit
    strokes = [(s - side / 2) * shrink + side / 2 + np.array(shift) * side for s in strokes]
    tab.canvas.clear()
    replay(tab.canvas, strokes)
    tab.refresh_now()
    app.processEvents()


def shoot_why(app, window, out: Path) -> None:
    tab = window.draw_tab
    draw(app, tab, 3, 1)
    tab.views.setCurrentWidget(tab.handwriting.why_page)
    why = tab.handwriting.why_view
    why.target_spin.setValue(8)
    why.start_nudge()
    while why.is_nudging():
        why._timer.stop()
        why._on_timer_timeout()
        if why._steps is not None:
            why._timer.start()
    app.processEvents()
    window.grab().save(str(out))


def shoot_steps(app, window, out: Path) -> None:
    tab = window.draw_tab
    draw(app, tab, 7, 2, shrink=0.45, shift=(-0.22, -0.2))
    tab.views.setCurrentWidget(tab.handwriting.steps_page)
    tab.handwriting.steps_view.centre_box.setChecked(False)
    tab.refresh_now()
    app.processEvents()
    window.grab().save(str(out))
    tab.handwriting.steps_view.centre_box.setChecked(True)


def shoot_personal(app, window, gallery_out: Path, finetune_out: Path) -> None:
    from personal_digits import unusual_personal_set
    tab = window.draw_tab
    store = tab.handwriting.store
    store.replace(unusual_personal_set(15, np.random.default_rng(0)))
    gallery = tab.handwriting.show_gallery()
    gallery.resize(760, 560)
    app.processEvents()
    gallery.grab().save(str(gallery_out))
    gallery.close()
    dialog = tab.handwriting.show_finetune()
    while dialog.is_running():
        app.processEvents()
    app.processEvents()
    dialog.grab().save(str(finetune_out))
    print(dialog.status.text())
    dialog.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "ko"), default="en")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from digitlab.gui.app import install_translators
    install_translators(app, QLocale(args.lang))
    from digitlab.gui.main_window import MainWindow
    window = MainWindow()
    window.resize(1180, 860)
    window.show()
    window.draw_tab.load_default_model()
    app.processEvents()
    suffix = "" if args.lang == "en" else f"_{args.lang}"
    out = {name: args.out_dir / f"handwriting_{name}{suffix}.png"
           for name in ("why", "steps", "gallery", "finetune")}
    args.out_dir.mkdir(parents=True, exist_ok=True)
    shoot_why(app, window, out["why"])
    shoot_steps(app, window, out["steps"])
    shoot_personal(app, window, out["gallery"], out["finetune"])
    print("saved", ", ".join(str(p) for p in out.values()))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
