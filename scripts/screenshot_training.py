"""Screenshot of the Training tab mid-run -> docs/screenshots/training.png.

    DIGITLAB_MNIST_DIR=... python scripts/screenshot_training.py [output.png]
    DIGITLAB_MNIST_DIR=... DIGITLAB_DLFS_WEIGHTS=... python scripts/screenshot_training.py \
        --course [--lang ko] [folder]

Trains 784-100-10 on 10,000 images with a little overfitting visible, and grabs the tab during the
fourth epoch. --course: the course's parts instead, in English or Korean (folder: docs/screenshots):
training_course[_ko].png (Course setup mid-run, epoch 0 plotted, the loop listing, one timed
numerical iteration) and evaluation_course[_ko].png (the textbook's pickle on the Evaluation panel).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# screenshots show the defaults: never the user's remembered window, tab, theme or language
os.environ["DIGITLAB_SETTINGS"] = os.path.join(__import__("tempfile").mkdtemp(), "DigitLab.ini")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab

from digitlab.nn.speed.blas import use_one_blas_thread  # noqa: E402  (standard library only)

use_one_blas_thread()  # as main.py does, before NumPy loads: the batch demo's timings as in the app

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from digitlab.gui.training.tab import TrainingTab  # noqa: E402
from digitlab.nn.training.trainer import TrainConfig  # noqa: E402


def main() -> int:
    if "--course" in sys.argv:
        from screenshot_training_course import course_screenshots
        return course_screenshots(sys.argv[1:], ROOT)
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "training.png"
    app = QApplication.instance() or QApplication([])
    tab = TrainingTab()
    tab.resize(1280, 800)
    tab.settings.set_config(TrainConfig(hidden_sizes=(100,), lr=0.1, batch_size=50, epochs=8,
                                        train_size=10_000, seed=1))
    tab.show()
    loop = QEventLoop()
    poll = QTimer()

    def check() -> None:
        if tab.plots.point_counts()["epochs"] >= 3:
            poll.stop()
            QTimer.singleShot(100, loop.quit)   # a bit into the fourth epoch
    poll.timeout.connect(check)
    poll.start(50)
    tab.start()
    tab.state_changed.connect(lambda state: loop.quit() if state == "finished" else None)
    loop.exec()
    app.processEvents()
    output.parent.mkdir(parents=True, exist_ok=True)
    tab.grab().save(str(output))
    tab.shutdown()
    print(f"wrote {output} ({tab.progress_label.text()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
