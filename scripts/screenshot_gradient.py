"""Save screenshots of the descent animation and the optimizer race.

Usage: python scripts/screenshot_gradient.py [out_dir]   (default docs/screenshots)
Writes descent.png and race.png; offscreen unless QT_QPA_PLATFORM says otherwise.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))  # a script run from the checkout, not an installed package
    from PySide6.QtWidgets import QApplication

    from gui.gradient.tab import GradientTab

    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv[:1])
    tab = GradientTab()
    tab.resize(1280, 780)
    tab.show()

    descent = tab.show_panel("descent")
    descent.apply_preset("converges")
    descent.controls.pause()
    for _ in range(12):
        descent.controls.step()
    app.processEvents()
    tab.grab().save(str(out_dir / "descent.png"))

    race = tab.show_panel("race")
    for _ in range(25):
        race.controls.step()
    app.processEvents()
    tab.grab().save(str(out_dir / "race.png"))
    tab.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
