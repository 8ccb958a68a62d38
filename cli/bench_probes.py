"""What `bench` measures in child processes: the window's start-up, a bare PySide6 window's
(the floor), and the peak memory of a process that trains on the full MNIST set.

Each child runs offscreen with one BLAS thread (as the app does) unless the environment says
otherwise, and imports the same installed `digitlab` as this process (the same interpreter).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Both children print "shown" once their window's first frame is painted, as gui.app.run's
# on_shown sees it; the parent's clock runs from before the process is created.
STARTUP_CHILD = """
import sys
from digitlab.nn.speed.blas import use_one_blas_thread  # as main.py does
use_one_blas_thread()
from digitlab.gui import app
def shown(window):
    print("shown", flush=True)
    window.close()
sys.exit(app.run([], on_shown=shown))
"""

BARE_WINDOW_CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([sys.argv[0]])
label = QLabel("DigitLab")
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, shown)
        return False
def shown():
    print("shown", flush=True)
    app.quit()
first_paint = FirstPaint()
label.installEventFilter(first_paint)
label.show()
sys.exit(app.exec())
"""

# Trains 784-100-10 (momentum 0.9, lr 0.1, batch 100) on all 60,000 images, then prints its own
# peak resident set size in MB (ru_maxrss is in KiB on Linux).
TRAINING_CHILD = """
import resource, sys
from digitlab.nn.speed.blas import use_one_blas_thread
use_one_blas_thread()
from digitlab.nn.data.mnist import load_mnist
from digitlab.nn.training.trainer import TrainConfig, Trainer
(x, t), (x_test, t_test) = load_mnist(mnist_dir={mnist_dir!r})
config = TrainConfig(hidden_sizes=(100,), optimizer="momentum", lr=0.1, batch_size=100,
                     epochs={epochs}, train_size=None)
for _ in Trainer.from_config(config, x, t, x_test, t_test).run():
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)
"""


def child_environment() -> dict[str, str]:
    """This process's environment with Qt offscreen and one BLAS thread unless set otherwise."""
    from digitlab.nn.speed.blas import THREAD_VARIABLES
    environ = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for variable in THREAD_VARIABLES:
        environ.setdefault(variable, "1")
    return environ


def seconds_to_shown(script: str, runs: int) -> float:
    """Median wall seconds from creating a Python process running script to its "shown" line."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="digitlab-bench-") as folder:
            times.append(_seconds_to_shown_once(script, first_start_environment(Path(folder))))
    return statistics.median(times)


def first_start_environment(folder: Path) -> dict[str, str]:
    """child_environment() with settings, data and log in folder: the window opens as on a first
    start (the user's remembered tab or model would change what is measured) and the user's
    settings are never written."""
    return child_environment() | {"DIGITLAB_SETTINGS": str(folder / "DigitLab.ini"),
                                  "DIGITLAB_DATA_DIR": str(folder / "data"),
                                  "DIGITLAB_LOG_DIR": str(folder / "log")}


def _seconds_to_shown_once(script: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, env=env)
    shown = None
    for line in child.stdout:
        if line.startswith("shown"):
            shown = time.perf_counter() - started
            break
    child.stdout.close()
    if child.wait(timeout=60) != 0 or shown is None:
        raise RuntimeError(f"the start-up probe exited with status {child.returncode} "
                           f"before its window was shown")
    return shown


def startup_seconds(runs: int) -> float:
    """Process start to the main window's first paint, as `python main.py` opens it (median)."""
    return seconds_to_shown(STARTUP_CHILD, runs)


def bare_window_seconds(runs: int) -> float:
    """Process start to the first paint of a bare PySide6 window with one label (median)."""
    return seconds_to_shown(BARE_WINDOW_CHILD, runs)


def peak_training_rss_mb(mnist_dir: Path, epochs: int = 1) -> float:
    """Peak resident memory (MB) of a child process that loads MNIST and trains 784-100-10."""
    script = TRAINING_CHILD.format(mnist_dir=str(mnist_dir), epochs=int(epochs))
    # Linux carries ru_maxrss over exec: a child started from this big process would report this
    # process's size. A small launcher in between starts the training process from a small one.
    launcher = f"import subprocess, sys; sys.exit(subprocess.call([sys.executable, '-c', {script!r}]))"
    result = subprocess.run([sys.executable, "-c", launcher], capture_output=True, text=True,
                            env=child_environment(), timeout=600)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"the training probe failed: {last}")
    return float(result.stdout.split()[-1])
