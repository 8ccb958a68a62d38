"""What `digitlab bench` measures through the real widgets, offscreen, in this process:
seconds_to_accuracy (pressing Start on the Training tab -> an epoch at 97% test accuracy shown),
draw_to_bars_ms (a mouse move on the main window's Draw tab -> bars that include it, painted), the
same while the Training tab trains (draw_to_bars_training_ms) and
inside_update_ms (a mouse move on the Inside tab's small canvas -> the network diagram that
includes it, painted).

These functions are all the command line knows of the window (cli/bench.py imports this
module only when it measures); they drive the widgets through their public methods and signals.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QEventLoop, QObject, QPointF, QTimer
from PySide6.QtWidgets import QApplication

from digitlab.gui.mouse_replay import post_mouse
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


def seconds_to_accuracy(data, target: float = 0.97, limit: float = 60.0,
                        config=None) -> tuple[float | None, float]:
    """Press Start on a Training tab with its default settings (or config, a TrainConfig) and wait
    until it plots an epoch whose test accuracy is at least target: (seconds from the press, or
    None if the run ended or `limit` seconds passed first; the best test accuracy seen).
    data: the MNIST folder (a Path, loaded before the clock starts, as after the app's first
    run) or a loaded gui.training.mnist_cache.MnistCache.
    """
    from digitlab.gui.training.mnist_cache import MnistCache
    from digitlab.gui.training.tab import TrainingTab

    app = application()
    if isinstance(data, (str, os.PathLike)):
        data = MnistCache(Path(data))
        data.get()
    tab = TrainingTab(data=data)
    if config is not None:
        tab.settings.set_config(config)
    tab.resize(1200, 800)
    tab.show()
    app.processEvents()
    loop = QEventLoop()
    watch = EpochWatch(target, loop.quit)
    # connected before Start: the moment the student sees each epoch, none missed
    tab.epoch_shown.connect(lambda _epoch, _train, test: watch.shown(test))
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


class RepaintClock(QObject):
    """Times moves until a widget (the bars, the diagram) is repainted with what includes them.

    A move waits in `pending` until on_updated (the widget got an answer that includes it), then
    in `answered` until the widget's next paint event: its latency is taken there.
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
    latencies = paced_strokes(app, tab.canvas, clock, strokes, hz, rng)
    tab.prediction_updated.disconnect(clock.on_updated)
    tab.bars.chart.removeEventFilter(clock)
    return latencies


def paced_strokes(app, canvas, clock: RepaintClock, strokes: int, hz: float,
                  rng: np.random.Generator) -> list[float]:
    """Post `strokes` random loops of mouse moves to canvas, hz moves a second, each noted in
    clock.pending when posted; -> clock.latencies."""
    pending = clock.pending
    period = 1.0 / hz
    side = min(canvas.width(), canvas.height())
    for _ in range(strokes):
        angles = np.linspace(0, 2 * np.pi * rng.uniform(0.6, 1.0), POINTS_PER_STROKE)
        centre = rng.uniform(0.4, 0.6, size=2)
        points = [QPointF(side * (centre[0] + 0.25 * np.cos(a)), side * (centre[1] + 0.3 * np.sin(a)))
                  for a in angles]
        post_mouse(canvas, QEvent.Type.MouseButtonPress, points[0])
        for point in points[1:]:
            due = time.perf_counter() + period
            pending.append(time.perf_counter())
            post_mouse(canvas, QEvent.Type.MouseMove, point)
            app.processEvents()                  # the move arrives, is drawn, maybe predicted
            while time.perf_counter() < due:
                app.processEvents()
        post_mouse(canvas, QEvent.Type.MouseButtonRelease, points[-1])
        end = time.perf_counter() + 0.1
        while time.perf_counter() < end:
            app.processEvents()
        canvas.clear()
    return clock.latencies


def shipped_model_window(size=(1180, 820)):
    """(app, window): a main window with default settings (whatever the user chose), shown at
    size, its Draw tab reading with the shipped model; RuntimeError when that cannot load."""
    from digitlab.gui.main_window import MainWindow
    from digitlab.gui.settings import throwaway_settings

    app = application()
    window = MainWindow(settings=throwaway_settings())
    window.resize(*size)
    window.show()
    if not window.draw_tab.load_default_model():
        window.close()
        raise RuntimeError("the shipped model could not be loaded: nothing would answer a drawing")
    return app, window


def draw_to_bars_ms(strokes: int, rng: np.random.Generator, hz: float = MOUSE_HZ,
                    conv: bool = False) -> np.ndarray:
    """Mouse move -> bars latencies (ms) on the main window's Draw tab with the shipped model
    (conv: the shipped convolutional model, chosen in the model list as a user does)."""
    app, window = shipped_model_window()
    tab = window.draw_tab
    if conv:
        combo = tab.model_choice.combo
        index = next((i for i in range(combo.count())
                      if getattr(tab.model_choice._models[combo.itemData(i)][0], "kind", "") == "conv"), -1)
        if index < 0:
            window.close()
            raise RuntimeError("the shipped convolutional model could not be loaded")
        combo.setCurrentIndex(index)
    app.processEvents()
    latencies = move_latencies(app, tab, strokes, hz, rng)
    window.close()
    window.deleteLater()
    app.processEvents()
    return 1000.0 * np.array(latencies)


def reference_config():
    """The issue's reference run (784-100-10 ReLU, He, batch 100, momentum 0.9, lr 0.1, float32)
    as a Training tab config, long enough to outlast a measurement."""
    from digitlab.nn.speed.benchmark import BATCH_SIZE, LR
    from digitlab.nn.training.train_config import TrainConfig
    return TrainConfig(hidden_sizes=(100,), activation="relu", weight_init="he",
                       optimizer="momentum", lr=LR, batch_size=BATCH_SIZE, epochs=50,
                       dtype="float32")


def draw_to_bars_training_ms(strokes: int, rng: np.random.Generator, data,
                             hz: float = MOUSE_HZ, config=None) -> np.ndarray:
    """Mouse move -> bars latencies (ms) on the Draw tab, as draw_to_bars_ms, while the same
    window's Training tab trains the reference run (reference_config, or config) as a student
    would have it: Start pressed, then back to the Draw tab. data: the MNIST folder (loaded before
    the clock starts) or a loaded gui.training.mnist_cache.MnistCache. Raises RuntimeError when
    the run ends before the drawing does (its latencies would not be those of a training app)."""
    from digitlab.gui.training.mnist_cache import MnistCache

    app, window = shipped_model_window()
    tab = window.draw_tab
    window.tabs.setCurrentWidget(window.training_page)
    training = window.training_tab
    if isinstance(data, (str, os.PathLike)):
        data = MnistCache(Path(data))
        data.get()                   # loaded before, as after the app's first run
    training.data.adopt(data)
    training.settings.set_config(config if config is not None else reference_config())
    app.processEvents()
    training.start_button.click()
    if training.state == RunState.IDLE:
        window.hide()
        window.deleteLater()
        raise RuntimeError(f"the Training tab did not start: {training.progress_label.text()}")
    window.tabs.setCurrentWidget(window.draw_page)
    app.processEvents()
    try:
        latencies = move_latencies(app, tab, strokes, hz, rng)
        still_training = training.state not in ENDED
    finally:
        training.shutdown()
    window.hide()          # not close(): that would ask whether to save the model it trained
    window.deleteLater()
    app.processEvents()
    if not still_training:
        raise RuntimeError("the training run ended before the drawing did")
    return 1000.0 * np.array(latencies)


def inside_update_ms(strokes: int, rng: np.random.Generator, hz: float = MOUSE_HZ) -> np.ndarray:
    """Mouse move on the Inside tab's small canvas -> network diagram repainted with it (ms), in
    the main window at its default size with the shipped model (784-512-256-10)."""
    from digitlab.gui.main_window import MainWindow

    app, window = shipped_model_window(MainWindow.DEFAULT_SIZE)
    window.tabs.setCurrentWidget(window.inside_page)
    app.processEvents()
    tab = window.inside_page.widget
    clock = RepaintClock(tab.diagram)
    tab.diagram.updated.connect(clock.on_updated)   # the moves posted so far are in what it shows
    latencies = paced_strokes(app, tab.canvas, clock, strokes, hz, rng)
    tab.diagram.updated.disconnect(clock.on_updated)
    tab.diagram.removeEventFilter(clock)
    window.close()
    window.deleteLater()
    app.processEvents()
    return 1000.0 * np.array(latencies)
