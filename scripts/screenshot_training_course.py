"""The course's parts of the Training tab, for scripts/screenshot_training.py --course."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, QTimer
from PySide6.QtWidgets import QApplication


def _wait(condition, timeout_ms: int = 300_000) -> None:
    loop, poll = QEventLoop(), QTimer()
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start(50)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    poll.stop()


def course_screenshots(argv: list[str], root: Path) -> int:
    from digitlab.gui.app import install_translators
    from digitlab.gui.training.tab import TrainingTab
    from digitlab.nn.files.model_io import load_any

    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "en"
    rest = [arg for arg in argv if arg not in ("--course", "--lang", lang)]
    folder = Path(rest[0]) if rest else root / "docs" / "screenshots"
    suffix = "" if lang == "en" else f"_{lang}"
    app = QApplication.instance() or QApplication([])
    install_translators(app, QLocale(lang))
    tab = TrainingTab()
    tab.resize(1400, 900)
    tab.show()
    # one numerical iteration of the course's network first (the tab is idle), then its training
    # on 10 images (the course's batch is 100): the same story, a tenth of the wait
    tab.course_tools.course_button.click()
    tab.settings.batch_spin.setValue(10)
    tab.course_tools.time_numerical()
    _wait(lambda: tab.course_tools._thread is None)
    tab.settings.batch_spin.setValue(100)
    tab.start()
    _wait(lambda: tab.plots.point_counts()["epochs"] >= 4)
    app.processEvents()
    folder.mkdir(parents=True, exist_ok=True)
    tab.grab().save(str(folder / f"training_course{suffix}.png"))
    tab.shutdown()
    network, _ = load_any(os.environ["DIGITLAB_DLFS_WEIGHTS"])
    tab.set_draw_model(network, "sample_weight.pkl")
    tab.evaluate_draw_model()
    tab.evaluation_panel.demo_button.click()
    _wait(lambda: tab.evaluation_panel.demo_result is not None)
    app.processEvents()
    tab.grab().save(str(folder / f"evaluation_course{suffix}.png"))
    tab.shutdown()
    print(f"wrote {folder}/training_course{suffix}.png, evaluation_course{suffix}.png "
          f"({tab.course_tools.numerical_label.text()})", file=sys.stdout)
    return 0
