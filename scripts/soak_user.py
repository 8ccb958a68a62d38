"""The soak's simulated user: real mouse and key events on the real window, paced by a timer."""
from __future__ import annotations

import gc
import os
import sys
import time
import traceback
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from mouse_replay import STROKE_SIDE, send_mouse
from digitlab.nn.data.strokes import digit_strokes, jitter
from digitlab.nn.training.trainer import TrainConfig
from soak_watch import rss_mb

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
        if self.window.tabs.currentWidget() is not self.draw_tab:
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
