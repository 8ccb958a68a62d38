"""What `bench` measures in this process through the real widgets, offscreen: the seconds from
pressing Start (Training tab, default settings) to 97% test accuracy, and the latency from a
mouse move on the Draw tab's canvas to bars that include it.

Imports Qt at module level: gui.cli.bench imports this module only when it measures.
"""
from __future__ import annotations

import os
import sys
import time

import numpy as np
from PySide6.QtCore import QEvent, QEventLoop, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from digitlab.gui.training.state import RunState

MOUSE_HZ = 125.0        # a common mouse report rate
POINTS_PER_STROKE = 60
ENDED = (RunState.FINISHED, RunState.IDLE)   # the Training tab's run is over


def application() -> QApplication:
    """The QApplication of this process, created offscreen when there is none yet."""
    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return QApplication([sys.argv[0]])
    return QApplication.instance()


class EpochWatch:
    """Notes when a test accuracy of at least target is first shown, in seconds after `started`
    (a time.perf_counter() value), and calls on_reached then."""

    def __init__(self, target: float, on_reached) -> None:
        self.target = target
        self.on_reached = on_reached
        self.started = time.perf_counter()
        self.seconds: float | None = None
        self.best = 0.0

    def shown(self, test_accuracy: float) -> None:
        self.best = max(self.best, test_accuracy)
        if self.seconds is None and test_accuracy >= self.target:
            self.seconds = time.perf_counter() - self.started
            self.on_reached()


def seconds_to_accuracy(cache, target: float = 0.97, limit: float = 60.0,
                        config=None) -> tuple[float | None, float]:
    """Press Start on a Training tab with its default settings (or config, a TrainConfig) and wait
    until it plots an epoch whose test accuracy is at least target: (seconds from the press, or
    None if the run ended or `limit` seconds passed first; the best test accuracy seen).
    cache: a loaded MnistCache.
    """
    from digitlab.gui.training.tab import TrainingTab

    app = application()
    tab = TrainingTab(data=cache)
    if config is not None:
        tab.settings.set_config(config)
    tab.resize(1200, 800)
    tab.show()
    app.processEvents()
    loop = QEventLoop()
    watch = EpochWatch(target, loop.quit)
    plot_epoch = tab.plots.add_epoch

    def add_epoch(epoch, train_accuracy, test_accuracy, *args, **kwargs):
        # Wraps the plot's own method: the moment the student sees the epoch, with no race
        # against a worker that may finish an epoch before anyone could connect to it.
        result = plot_epoch(epoch, train_accuracy, test_accuracy, *args, **kwargs)
        watch.shown(test_accuracy)
        return result

    tab.plots.add_epoch = add_epoch
    tab.state_changed.connect(lambda state: loop.quit() if state in ENDED else None)
    QTimer.singleShot(int(1000 * limit), loop.quit)
    watch.started = time.perf_counter()
    tab.start_button.click()
    if tab.state == RunState.IDLE:
        raise RuntimeError(f"the Training tab did not start: {tab.progress_label.text()}")
    loop.exec()
    tab.shutdown()
    tab.close()
    tab.deleteLater()
    app.processEvents()
    return watch.seconds, watch.best


def post_move(canvas, kind: QEvent.Type, pos: QPointF) -> None:
    """Post one mouse event with the left button held to canvas (as a real mouse would)."""
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    QApplication.postEvent(canvas, QMouseEvent(kind, pos, canvas.mapToGlobal(pos), button,
                                               Qt.MouseButton.LeftButton,
                                               Qt.KeyboardModifier.NoModifier))


class RepaintClock(QObject):
    """Times moves until the bars are repainted with an answer that includes them.

    A move waits in `pending` until prediction_updated (the bars got an answer that includes
    it), then in `answered` until the bar chart's next paint event: its latency is taken there.
    """

    def __init__(self, chart) -> None:
        super().__init__(chart)
        self.pending: list[float] = []
        self.answered: list[float] = []
        self.latencies: list[float] = []
        chart.installEventFilter(self)

    def on_updated(self, _p) -> None:
        self.answered += self.pending
        self.pending.clear()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.answered:
            now = time.perf_counter()
            self.latencies.extend(now - t for t in self.answered)
            self.answered.clear()
        return False


def move_latencies(app, tab, strokes: int, hz: float, rng: np.random.Generator) -> list[float]:
    """Seconds from each mouse move posted to tab's canvas (hz moves a second, in `strokes`
    random loops) to the bar chart's repaint with an answer that includes the move."""
    clock = RepaintClock(tab.bars.chart)
    tab.prediction_updated.connect(clock.on_updated)
    pending = clock.pending
    canvas, period = tab.canvas, 1.0 / hz
    side = min(canvas.width(), canvas.height())
    for _ in range(strokes):
        angles = np.linspace(0, 2 * np.pi * rng.uniform(0.6, 1.0), POINTS_PER_STROKE)
        centre = rng.uniform(0.4, 0.6, size=2)
        points = [QPointF(side * (centre[0] + 0.25 * np.cos(a)), side * (centre[1] + 0.3 * np.sin(a)))
                  for a in angles]
        post_move(canvas, QEvent.Type.MouseButtonPress, points[0])
        for point in points[1:]:
            due = time.perf_counter() + period
            pending.append(time.perf_counter())
            post_move(canvas, QEvent.Type.MouseMove, point)
            app.processEvents()                  # the move arrives, is drawn, maybe predicted
            while time.perf_counter() < due:
                app.processEvents()
        post_move(canvas, QEvent.Type.MouseButtonRelease, points[-1])
        end = time.perf_counter() + 0.1
        while time.perf_counter() < end:
            app.processEvents()
        canvas.clear()
    tab.prediction_updated.disconnect(clock.on_updated)
    tab.bars.chart.removeEventFilter(clock)
    return clock.latencies


def draw_latencies_ms(strokes: int, rng: np.random.Generator, hz: float = MOUSE_HZ) -> np.ndarray:
    """Mouse move -> bars latencies (ms) on the main window's Draw tab with the shipped model."""
    from digitlab.gui.main_window import MainWindow
    from digitlab.gui.settings import throwaway_settings

    app = application()
    window = MainWindow(settings=throwaway_settings())   # the defaults, whatever the user chose
    window.resize(1180, 820)
    window.show()
    tab = window.draw_tab
    if not tab.load_default_model():
        window.close()
        raise RuntimeError("the shipped model could not be loaded, so the bars stay empty")
    app.processEvents()
    latencies = move_latencies(app, tab, strokes, hz, rng)
    window.close()
    window.deleteLater()
    app.processEvents()
    return 1000.0 * np.array(latencies)
