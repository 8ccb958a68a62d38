"""Save screenshots of the Gradient descent tab's panels.

Usage: python scripts/screenshot_gradient.py [out_dir] [language]   (default docs/screenshots, en)
Writes descent.png, race.png and the course panels (derivative, partial, field, descent_lr10,
loss, simplenet), with a _ko suffix for language ko; offscreen unless QT_QPA_PLATFORM says otherwise.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# screenshots show the defaults: never the user's remembered window, tab, theme or language
os.environ["DIGITLAB_SETTINGS"] = os.path.join(__import__("tempfile").mkdtemp(), "DigitLab.ini")


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from digitlab.gui.gradient.tab import GradientTab

    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    language = argv[2] if len(argv) > 2 else "en"
    suffix = "" if language == "en" else f"_{language}"
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv[:1])
    if language != "en":
        from digitlab.gui.app import install_translators
        from PySide6.QtCore import QLocale
        app._translators = install_translators(app, QLocale(language))  # kept alive
    tab = GradientTab()
    tab.resize(1280, 780)
    tab.show()

    descent = tab.show_panel("descent")
    descent.apply_preset("converges")
    descent.controls.pause()
    for _ in range(12):
        descent.controls.step()
    app.processEvents()
    tab.grab().save(str(out_dir / f"descent{suffix}.png"))

    race = tab.show_panel("race")
    for _ in range(25):
        race.controls.step()
    app.processEvents()
    tab.grab().save(str(out_dir / f"race{suffix}.png"))
    _course_panels(app, tab, out_dir, suffix)
    tab.close()
    return 0


def _course_panels(app, tab, out_dir: Path, suffix: str) -> None:
    """The panels that show the course's results beside its code."""
    descent = tab.show_panel("descent")
    descent.apply_preset("diverges")
    descent.controls.go_to_end()
    app.processEvents()
    tab.grab().save(str(out_dir / f"descent_lr10{suffix}.png"))
    for name in ("derivative", "partial", "field", "loss", "simplenet"):
        panel = tab.show_panel(name)
        if name == "field":
            panel.show_gradient_at(3.0, 4.0)
        app.processEvents()
        tab.grab().save(str(out_dir / f"{name}{suffix}.png"))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
