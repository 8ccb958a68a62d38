"""Soak test: a long session of the real window, training on MNIST while a simulated user draws.

    DIGITLAB_MNIST_DIR=... python scripts/soak.py [--epochs 10] [--strokes 5000] [--hz 500]
        [--json results.json]

One offscreen process builds the real MainWindow. After a warm-up (a short run, every tab, every
model, the Evaluation panel, Reset) the Training tab trains a 784-100-10 network on the full 60,000
MNIST images for --epochs epochs through its real worker thread, again and again until the user is
done, while the simulated user, on the GUI thread's event loop (timers, no processEvents loops):
draws --strokes pen strokes on the Draw tab's canvas with real mouse events at --hz, clears with the
Clear button, switches tabs by clicking the tab bar and models with the model menu (arrow keys,
which also picks "Training (live)"), and after each run opens the Evaluation panel, times the
batch demo, clicks a misclassified image, clicks "Use this model" and Reset, and starts again.

Printed: RSS at start, after warm-up, after each run and at the end (from /proc/self/statm), the
longest event-loop stall (lateness of a 5 ms timer) with what the user was doing then, and every
exception (sys.excepthook, threading.excepthook), Qt critical message and Python warning. Each
stall is split into the GUI thread's CPU time, its time waiting for a core (its own
/proc/thread-self/schedstat: a busy machine, or the training thread taking the only free core) and
the rest (mostly waiting for the GIL the training thread holds); "less the waits for a core" is
the stall a machine with a core free for the GUI thread would show. --json writes everything.
Targets: no exception, RSS growth after warm-up under 50 MB, longest stall under 100 ms; the exit
code is 0 when all are met. To see where the GUI thread's time goes, profile from outside:
`py-spy record --nonblocking --threads -f raw -o out.txt -- python scripts/soak.py ...` (an
in-process sampler that read the GUI thread's frames from another thread made the process crash
in QPainter::drawImage 3 times in 3 runs; py-spy reads memory from outside and did not).

Measured 2026-12-01 on 2 shared vCPUs (load average 5-9 from other work), defaults: 2,919 s,
5,000 strokes (4,216 digits), 237 runs of 10 epochs (test accuracy 96.8-97.4%); no exception, no
Qt critical, no Python warning; RSS 64 MB at start, 133 MB with the window, 390 MB after warm-up
(MNIST loaded), 420 MB at the end: +30 MB, most of it in the first 10 runs (406 MB), 0.03 MB a
run at the end. Longest stall 1,549 ms, of which the GUI thread ran 8 ms (the process 27 ms): the
machine, not the app; the most GUI CPU in one stall was 66 ms (a switch to the Gradient descent
tab). A 1,000-stroke run at load 3-5: longest stall 175 ms (167 ms waiting for a core), 66 ms
less the waits for a core; RSS +14 MB.

One file, three parts: the instruments (RSS, a heartbeat with CPU accounting, an error counter),
the simulated user (real mouse and key events on the real window, paced by a timer), and the
session and its report. Imports the installed digitlab.
"""
from __future__ import annotations

import argparse
import faulthandler
import gc
import json
import os
import sys
import threading
import time
import traceback
import warnings
from pathlib import Path

from digitlab.nn.speed.blas import use_one_blas_thread

use_one_blas_thread()  # as the app does, before NumPy loads
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QToolButton  # noqa: E402

from digitlab.gui.mouse_replay import STROKE_SIDE, send_mouse  # noqa: E402
from digitlab.nn.data.strokes import digit_strokes, jitter  # noqa: E402
from digitlab.nn.training.trainer import TrainConfig  # noqa: E402


# ==== the instruments ======================================================================
HEARTBEAT_MS = 5


def rss_mb() -> float:
    """This process's resident set size in MB (its own /proc/self/statm, read only)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    except (OSError, ValueError, IndexError):
        import resource   # peak, not current: only where statm is missing
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class CpuWait:
    """How long the thread that made it has been runnable but not running (waiting for a core):
    its own /proc/thread-self/schedstat, opened once and read only; 0 where that is missing."""

    def __init__(self) -> None:
        try:
            self._fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:
            self._fd = None

    def seconds(self) -> float:
        if self._fd is None:
            return 0.0
        try:
            return int(os.pread(self._fd, 128, 0).split()[1]) / 1e9
        except (OSError, ValueError, IndexError):
            return 0.0


class Watch:
    """Counts what went wrong anywhere in the process: exceptions, Qt criticals, warnings."""

    def __init__(self) -> None:
        self.exceptions: list[str] = []
        self.qt_messages: dict[str, int] = {}
        self.qt_errors = 0
        self.warnings: list[str] = []
        sys.excepthook = self._excepthook
        threading.excepthook = lambda a: self._excepthook(a.exc_type, a.exc_value, a.exc_traceback)
        warnings.showwarning = self._showwarning
        qInstallMessageHandler(self._qt_message)

    def _excepthook(self, kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        self.exceptions.append(text)
        print(text, file=sys.stderr, flush=True)

    def _showwarning(self, message, category, filename, lineno, file=None, line=None) -> None:
        self.warnings.append(f"{filename}:{lineno}: {category.__name__}: {message}")

    def _qt_message(self, kind, context, message: str) -> None:
        serious = kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        self.qt_errors += serious
        key = f"{'critical' if serious else kind.name}: {message}"
        self.qt_messages[key] = self.qt_messages.get(key, 0) + 1


class Heartbeat:
    """A 5 ms precise timer on the GUI thread; every lateness with what the user was doing."""

    def __init__(self, doing) -> None:
        self._doing = doing
        self.timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        # per stall: (stall ms, seconds since start, doing, GUI-thread CPU ms, whole-process CPU ms,
        # ms the GUI thread waited for a core)
        self.stalls: list[tuple[float, float, str, float, float, float]] = []
        self._start = self.last_beat = 0.0
        self._cpu = (0.0, 0.0, 0.0)

    def start(self) -> None:
        self._start = self.last_beat = time.perf_counter()
        self._cpu_wait = CpuWait()   # made on the GUI thread: its schedstat
        self._cpu = (time.thread_time(), time.process_time(), self._cpu_wait.seconds())
        self.timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        cpu = (time.thread_time(), time.process_time(), self._cpu_wait.seconds())
        late = 1000 * (now - self.last_beat) - HEARTBEAT_MS
        if late > 10:   # keep the notable ones only: 5,000 strokes give millions of beats
            # the stall is GUI work + waiting for a core (a busy machine, or the training thread on
            # the other core's neighbour) + the rest: waiting for the GIL held by the training thread
            self.stalls.append((late, now - self._start, self._doing(),
                                *(1000 * (a - b) for a, b in zip(cpu, self._cpu))))
        self.last_beat, self._cpu = now, cpu


# ==== the simulated user ===================================================================
LEFT = Qt.MouseButton.LeftButton


def make_digits(strokes: int, rng: np.random.Generator) -> list[list[np.ndarray]]:
    """Enough randomised drawn digits (lists of polylines, 280 px canvas) for `strokes` strokes.
    Made before the session, so the user's own NumPy work is not counted as the app's stalls."""
    digits, count = [], 0
    while count < strokes:
        digit = jitter(digit_strokes(int(rng.integers(10)), rng), rng, spacing=8.0)
        digits.append(digit)
        count += len(digit)
    return digits


def click(widget, pos=None) -> None:
    """A real left click (press and release) on widget, at its centre unless pos."""
    QTest.mouseClick(widget, LEFT, Qt.KeyboardModifier.NoModifier, pos if pos is not None else widget.rect().center())


class User:
    """The simulated user: generators of steps, each step followed by a pause (ms) on a timer."""

    def __init__(self, window, args, digits: list[list[np.ndarray]]) -> None:
        self.window, self.args = window, args
        self.draw_tab = window.draw_tab
        self.digits = iter(digits)
        self.period = max(1, round(1000 / args.hz))
        self.doing = "starting"
        self.strokes = self.digits_drawn = 0
        self.runs: list[dict] = []
        self.rss: dict[str, float] = {}
        self.warm_up_seconds = 0.0
        self.failure: str | None = None
        self._run_started = 0.0
        self._start = time.perf_counter()
        self._steps = self.session()
        self._timer = QTimer(singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._next)
        self._clear_button = next(b for b in self.draw_tab.findChildren(QToolButton)
                                  if b.defaultAction() is self.draw_tab.clear_action)

    def start(self) -> None:
        self._timer.start(0)

    def _next(self) -> None:
        try:
            delay = next(self._steps)
        except StopIteration:
            QApplication.quit()
            return
        except Exception:   # the soak's own failure (or a timeout): stop and report it
            self.failure = traceback.format_exc()
            QApplication.quit()
            return
        self._timer.start(delay)

    @property
    def training(self):
        return self.window.training_tab

    def until(self, condition, what: str, timeout: float = 600.0):
        """Steps that wait (50 ms polls) for condition(); TimeoutError after timeout seconds."""
        end = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > end:
                raise TimeoutError(f"waited {timeout:.0f} s for {what}")
            yield 50

    def session(self):
        """Warm-up, then the measured session: drawing while training runs back to back."""
        yield from self.until(lambda: self.draw_tab.network is not None, "the default model")
        yield from self.warm_up()
        self.rss["after_warm_up"] = self.collect()
        self.warm_up_seconds = time.perf_counter() - self._start
        yield from self.start_run(self.args.epochs, 60_000)
        warm_strokes, self.digits_drawn = self.strokes, 0
        while self.strokes - warm_strokes < self.args.strokes:
            yield from self.draw_digit()
            if self.digits_drawn % 200 == 0:   # a sign of life on long runs
                print(f"{self.strokes - warm_strokes:,} strokes, {len(self.runs)} runs, {rss_mb():.0f} MB, "
                      f"{time.perf_counter() - self._start:.0f} s", file=sys.stderr, flush=True)
            if self.digits_drawn % 10 == 0:
                yield from self.next_model()
            if self.digits_drawn % 25 == 0:
                yield from self.visit_tabs()
            if self.training.state != "running" and self.training.state != "loading":
                yield from self.after_run()
                yield from self.start_run(self.args.epochs, 60_000)
        self.strokes -= warm_strokes
        yield from self.until(lambda: self.training.state == "finished", "the last run")
        yield from self.after_run()
        self.rss["end"] = self.collect()

    def collect(self) -> float:
        """RSS after a full garbage collection (labelled as the soak's own work, not the app's)."""
        self.doing = "soak: gc"
        gc.collect()
        return rss_mb()

    def warm_up(self):
        """Everything once: drawing, every tab, the textbook's model, a short run and its aftermath."""
        self.doing = "warm-up"
        for _ in range(40):
            yield from self.draw_digit()
        for index in (1, 2, 0):
            yield from self.open_tab(index)
        weights = os.environ.get("DIGITLAB_DLFS_WEIGHTS")
        if weights and Path(weights).exists():
            self.draw_tab.model_choice.open_model_file(weights)   # what "Open model…" does
        yield from self.start_run(1, 1_000)
        while self.training.state in ("loading", "running"):
            yield from self.draw_digit()
        yield from self.after_run()
        for _ in range(self.draw_tab.model_choice.combo.count()):
            yield from self.next_model()
        self.doing = "warm-up"

    def open_tab(self, index: int):
        self.doing = f"tab switch to {index}"
        bar = self.window.tabs.tabBar()
        click(bar, bar.tabRect(index).center())
        yield 100

    def visit_tabs(self):
        """Look at the training curves for a moment, glance at the Gradient tab, come back."""
        yield from self.open_tab(1)
        yield 500
        yield from self.open_tab(2)
        yield 300
        yield from self.open_tab(0)

    def next_model(self):
        """The next model in the Draw tab's model menu (arrow key; back to the first at the end)."""
        combo = self.draw_tab.model_choice.combo
        self.doing = "model switch"
        before = combo.currentIndex()
        QTest.keyClick(combo, Qt.Key.Key_Down)
        if combo.currentIndex() == before:
            QTest.keyClick(combo, Qt.Key.Key_Home)
        yield 50

    def draw_digit(self):
        """Clear, then draw the next digit's strokes with press / moves / release at the mouse rate."""
        if self.window.tabs.currentWidget() is not self.window.draw_page:
            yield from self.open_tab(0)
        self.doing = "clear"
        click(self._clear_button)
        yield self.period
        canvas = self.draw_tab.canvas
        side = min(canvas.width(), canvas.height())
        left, top, scale = (canvas.width() - side) / 2, (canvas.height() - side) / 2, side / STROKE_SIDE
        self.doing = "drawing"
        for stroke in next(self.digits):
            points = [QPointF(left + x * scale, top + y * scale) for x, y in stroke]
            kinds = [QEvent.Type.MouseButtonPress] + [QEvent.Type.MouseMove] * (len(points) - 1)
            for kind, point in zip(kinds + [QEvent.Type.MouseButtonRelease], points + points[-1:]):
                send_mouse(canvas, kind, point)
                yield self.period
            self.strokes += 1
        self.digits_drawn += 1
        yield 30   # reads the answer

    def start_run(self, epochs: int, images: int):
        """On the Training tab: the settings, a click on Start; then back to drawing."""
        yield from self.open_tab(1)
        self.doing = "start training"
        self.training.settings.set_config(TrainConfig(hidden_sizes=(100,), epochs=epochs,
                                                      train_size=images, seed=len(self.runs)))
        click(self.training.start_button)
        if self.training.state not in ("loading", "running"):
            raise RuntimeError(f"Start did not start a run: {self.training.progress_label.text()}")
        self._run_started = time.perf_counter()
        yield 300
        yield from self.open_tab(0)

    def after_run(self):
        """Evaluation panel, batch demo, a misclassified image, "Use this model", Reset."""
        tab = self.training
        if tab.state != "finished" or tab.model is None:
            raise RuntimeError(f"the run ended without a model: {tab.progress_label.text()}")
        run = {"epochs": tab.metadata.get("epochs_done"), "images": tab.metadata["training"]["train_size"],
               "test_accuracy": tab.metadata.get("test_accuracy"),
               "seconds": round(time.perf_counter() - self._run_started, 1)}
        yield from self.open_tab(1)
        self.doing = "evaluation panel"
        panel = tab.evaluation_panel
        bar = tab.views.tabBar()
        click(bar, bar.tabRect(tab.views.indexOf(panel)).center())
        yield 300
        click(panel.demo_button)
        yield from self.until(lambda: panel.demo_result is not None, "the batch demo", 120)
        if panel.gallery.count():
            click(panel.gallery.viewport(), panel.gallery.visualItemRect(panel.gallery.item(0)).center())
            yield 300
        yield from self.open_tab(1)
        self.doing = "use this model"
        click(tab.use_button)
        yield 300
        yield from self.open_tab(1)
        self.doing = "reset"
        click(tab.reset_button)
        click(bar, bar.tabRect(0).center())
        yield 100
        self.runs.append({**run, "rss_mb": round(rss_mb(), 1)})


# ==== the session and its report ===========================================================
TARGETS = {"rss_growth_mb": 50.0, "longest_stall_ms": 100.0}


def stall_dict(stall: tuple[float, float, str, float, float, float]) -> dict:
    ms, at, doing, gui_cpu, process_cpu, cpu_wait = stall
    return {"ms": round(ms, 1), "at_s": round(at, 1), "doing": doing, "gui_cpu_ms": round(gui_cpu, 1),
            "process_cpu_ms": round(process_cpu, 1), "waiting_for_a_core_ms": round(cpu_wait, 1)}


def report(user: User, heartbeat: Heartbeat, watch: Watch, rss_start: dict, seconds: float) -> dict:
    """The figures, the targets and whether they were met."""
    app_stalls = [s for s in heartbeat.stalls if not s[2].startswith("soak:")]
    session = sorted((s for s in app_stalls if s[1] >= user.warm_up_seconds), reverse=True)
    warm = sorted((s for s in app_stalls if s[1] < user.warm_up_seconds), reverse=True)
    rss = {**rss_start, **user.rss}
    growth = rss.get("end", float("nan")) - rss.get("after_warm_up", float("nan"))
    longest = session[0][0] if session else 0.0
    # what a machine with a free core for the GUI thread would have shown
    own = max((s[0] - s[5] for s in session), default=0.0)
    errors = len(watch.exceptions) + watch.qt_errors + (user.failure is not None)
    return {
        "settings": {"epochs_per_run": user.args.epochs, "strokes": user.args.strokes, "hz": user.args.hz,
                     "network": [784, 100, 10], "train_images": 60_000},
        "seconds": round(seconds, 1), "warm_up_seconds": round(user.warm_up_seconds, 1),
        "strokes_drawn": user.strokes, "digits_drawn": user.digits_drawn, "runs": user.runs,
        "rss_mb": {k: round(v, 1) for k, v in rss.items()}, "rss_growth_after_warm_up_mb": round(growth, 1),
        "longest_stall_ms": round(longest, 1),
        "longest_stall_less_waiting_for_a_core_ms": round(own, 1),
        "top_stalls_less_waiting_for_a_core": [stall_dict(s) for s in sorted(session, key=lambda s: s[5] - s[0])[:5]],
        "top_stalls": [stall_dict(s) for s in session[:10]],
        "top_stalls_by_gui_cpu": [stall_dict(s) for s in sorted(session, key=lambda s: -s[3])[:5]],
        "stalls_over_50ms": sum(s[0] > 50 for s in session),
        "stalls_over_100ms": sum(s[0] > 100 for s in session),
        "longest_warm_up_stalls": [stall_dict(s) for s in warm[:3]],
        "exceptions": watch.exceptions, "qt_messages": watch.qt_messages, "python_warnings": watch.warnings,
        "soak_failure": user.failure,
        "targets_met": {"no_exception": errors == 0,
                        "rss_growth_under_50mb": growth < TARGETS["rss_growth_mb"],
                        "longest_stall_under_100ms": longest < TARGETS["longest_stall_ms"]},
        "load_average": os.getloadavg(),
    }


def summary_lines(result: dict) -> list[str]:
    rss = result["rss_mb"]
    top = result["top_stalls"][0] if result["top_stalls"] else {"ms": 0.0, "doing": "-"}
    return [
        f"{result['strokes_drawn']:,} strokes ({result['digits_drawn']:,} digits), {len(result['runs'])} runs of "
        f"{result['settings']['epochs_per_run']} epochs on 60,000 images, {result['seconds']:.0f} s",
        f"RSS: process start {rss['process_start']:.0f} MB, window shown {rss['window_shown']:.0f} MB, after "
        f"warm-up {rss.get('after_warm_up', float('nan')):.0f} MB, end {rss.get('end', float('nan')):.0f} MB "
        f"(growth {result['rss_growth_after_warm_up_mb']:+.1f} MB)",
        f"longest stall {result['longest_stall_ms']:.0f} ms ({top['doing']}, GUI thread busy "
        f"{top.get('gui_cpu_ms', 0):.0f} ms of it, waiting for a core {top.get('waiting_for_a_core_ms', 0):.0f} ms); "
        f"less the waits for a core: {result['longest_stall_less_waiting_for_a_core_ms']:.0f} ms; over 50 ms: "
        f"{result['stalls_over_50ms']}, over 100 ms: {result['stalls_over_100ms']}",
        f"exceptions: {len(result['exceptions'])}, Qt messages: {sum(result['qt_messages'].values())}, "
        f"Python warnings: {len(result['python_warnings'])}, soak failure: {result['soak_failure'] or 'none'}",
        "targets met: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in result["targets_met"].items()),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10, help="epochs per training run")
    parser.add_argument("--strokes", type=int, default=5000, help="strokes drawn after the warm-up")
    parser.add_argument("--hz", type=float, default=500.0, help="mouse events per second")
    parser.add_argument("--seed", type=int, default=0, help="seed of the drawn digits")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    faulthandler.enable()   # a crash in Qt or NumPy still tells where every thread was
    rss = {"process_start": rss_mb()}
    app = QApplication.instance() or QApplication([sys.argv[0]])
    watch = Watch()
    digits = make_digits(args.strokes + 200, np.random.default_rng(args.seed))
    from digitlab.gui.main_window import MainWindow
    from digitlab.gui.settings import throwaway_settings
    window = MainWindow(settings=throwaway_settings())   # the defaults, whatever the user chose
    window.show()
    window.draw_tab.load_default_model()
    rss["window_shown"] = rss_mb()
    user = User(window, args, digits)
    heartbeat = Heartbeat(lambda: user.doing)
    start = time.perf_counter()
    heartbeat.start()
    user.start()
    app.exec()
    heartbeat.timer.stop()
    result = report(user, heartbeat, watch, rss, time.perf_counter() - start)
    window.close()
    print("\n".join(summary_lines(result)), flush=True)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if all(result["targets_met"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
