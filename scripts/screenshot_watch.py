"""Screenshots of watching training like an expert (issue 22), at the window's default size:
watch_data.png (the Data panel), watch_health.png (the weights' health mid-run, the range test
and a hint with its Why open), watch_sure.png (reliability and coverage), watch_curves.png
(robustness curves) and watch_corruptions.png (the corruption table), each of the shipped model
against the textbook's pickle; with --lang ko the same names ending in _ko.

    DIGITLAB_MNIST_DIR=... python scripts/screenshot_watch.py [--lang en|ko] [--out DIR]
        [--dlfs PATH/sample_weight.pkl]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent     # runs with the installed digitlab
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DIGITLAB_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "DigitLab.ini")   # never the user's

from digitlab.nn.speed.blas import use_one_blas_thread  # noqa: E402

use_one_blas_thread()

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def wait_until(app, condition, seconds: float = 120.0) -> bool:
    """Run the event loop until condition() holds (polled every 50 ms) or seconds pass."""
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start(50)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    poll.stop()
    return condition()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "ko"), default="en")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--dlfs", type=Path,
                        default=ROOT.parent / "shared" / "data" / "dlfs" / "sample_weight.pkl")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from digitlab.gui.main_window import MainWindow
    from digitlab.nn.training.hints import HintKind
    from digitlab.nn.files.model_io import load_any
    from digitlab.nn.training.trainer import TrainConfig

    window = MainWindow()
    window.show()
    window.set_language(args.lang)
    window.tabs.setCurrentIndex(1)
    wait_until(app, lambda: window.training_tab is not None, 10)
    tab = window.training_tab
    args.out.mkdir(parents=True, exist_ok=True)

    def save(name: str) -> None:
        app.processEvents()
        path = args.out / (f"{name}.png" if args.lang == "en" else f"{name}_{args.lang}.png")
        window.grab().save(str(path))
        print(f"saved {path}")

    tab.views.setCurrentWidget(tab.data_panel)
    wait_until(app, lambda: "mnist" in tab.data_panel.summaries, 60)
    tab.data_panel.show_page(3)
    save("watch_data")

    # sigmoid units pushed by too large steps saturate: the hint fires within the first steps
    tab.settings.set_config(TrainConfig(hidden_sizes=(100,), activation="sigmoid", weight_init="he",
                                        optimizer="sgd", lr=3.0, epochs=20, train_size=10_000, seed=1))
    tab.views.setCurrentIndex(3)
    tab.lr_finder.find()
    wait_until(app, lambda: tab.lr_finder.result is not None, 60)
    tab.start()
    wait_until(app, lambda: tab.hint_list.card(HintKind.SATURATED) is not None
               and tab.health_panel.latest is not None and tab.health_panel.latest.iteration >= 300, 60)
    card = tab.hint_list.card(HintKind.SATURATED)
    if card is not None:
        card.why_button.setChecked(True)
    save("watch_health")
    tab.reset_button.click()

    window.draw_tab.load_default_model()
    shipped = window.draw_tab.model_choice.current()
    tab.robustness_panel.set_model(shipped[0], shipped[1])
    pickle, _ = load_any(args.dlfs)
    tab.robustness_panel.set_second_model(pickle, args.dlfs.name)
    tab.views.setCurrentWidget(tab.robustness_panel)
    tab.robustness_panel.start()
    wait_until(app, lambda: tab.robustness_panel.result is not None, 120)
    for index, name in enumerate(("watch_sure", "watch_curves", "watch_corruptions")):
        tab.robustness_panel.pages.setCurrentIndex(index)
        save(name)
    window.settings.clear()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
