"""What `bench` measures in child processes: the window's start-up (its first frame, and its Draw
tab on screen), a bare PySide6 window's (the floor), and the peak memory of a process that trains
on the full MNIST set.

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
# on_shown sees it (the main window's is light: menus, tabs, "Loading…"); the main window's child
# then prints "ready" once its Draw tab is built and painted (MainWindow.loaded) and the shipped
# model loaded (run() loads it on loaded, connected before). The parent's clock runs from before
# the process is created.
STARTUP_CHILD = """
import sys
from digitlab.nn.speed.blas import use_one_blas_thread  # as main.py does
use_one_blas_thread()
from digitlab.gui import app
def ready(window):
    print("ready", flush=True)
    window.close()
def shown(window):
    print("shown", flush=True)
    window.loaded.connect(lambda: ready(window))
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
    return statistics.median(_seconds_to_lines(script)[0] for _ in range(runs))


def _seconds_to_lines(script: str, marks: tuple[str, ...] = ("shown",)) -> list[float]:
    """Wall seconds from creating a process running script, as on a first start, to each of its
    lines starting with marks (in that order)."""
    with tempfile.TemporaryDirectory(prefix="digitlab-bench-") as folder:
        return _seconds_to_lines_once(script, first_start_environment(Path(folder)), marks)


def first_start_environment(folder: Path) -> dict[str, str]:
    """child_environment() with settings, data and log in folder: the window opens as on a first
    start (the user's remembered tab or model would change what is measured) and the user's
    settings are never written."""
    return child_environment() | {"DIGITLAB_SETTINGS": str(folder / "DigitLab.ini"),
                                  "DIGITLAB_DATA_DIR": str(folder / "data"),
                                  "DIGITLAB_LOG_DIR": str(folder / "log")}


def _seconds_to_lines_once(script: str, env: dict[str, str], marks: tuple[str, ...]) -> list[float]:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, env=env)
    seen = []
    for line in child.stdout:
        if line.startswith(marks[len(seen)]):
            seen.append(time.perf_counter() - started)
            if len(seen) == len(marks):
                break
    child.stdout.close()
    if child.wait(timeout=60) != 0 or len(seen) < len(marks):
        raise RuntimeError(f"the start-up probe exited with status {child.returncode} "
                           f"before its window was shown")
    return seen


def startup_seconds(runs: int) -> float:
    """Process start to the main window's first paint, as `python main.py` opens it (median)."""
    return statistics.median(_seconds_to_lines(STARTUP_CHILD, ("shown", "ready"))[0] for _ in range(runs))


def startup_figures(runs: int) -> dict[str, float]:
    """startup_s (process start -> the main window's first frame), draw_ready_s (-> its Draw tab
    painted and the shipped model loaded) and bare_window_s (-> a bare window's first frame): medians of `runs` runs, the window
    and the bare window taken in turn, so that a load on the machine weighs on both alike."""
    firsts, readies, bares = [], [], []
    for _ in range(runs):
        first, ready = _seconds_to_lines(STARTUP_CHILD, ("shown", "ready"))
        firsts.append(first)
        readies.append(ready)
        bares.append(_seconds_to_lines(BARE_WINDOW_CHILD)[0])
    return {"startup_s": statistics.median(firsts), "draw_ready_s": statistics.median(readies),
            "bare_window_s": statistics.median(bares)}


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
