"""The course on the Training tab: its training setup in one click, the current settings as a
runnable script, and one numerical-gradient iteration timed against backprop.

    tools = CourseTools(settings, data)      # settings: TrainingSettings; data: MnistCache
    tools.course_button.click()              # the course's TwoLayerNet run (nn.presets)
    tools.export(path)                       # nn.export.export_script(settings.config())
    tools.time_numerical()                   # worker thread; progress bar, Cancel, result label
"""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from PySide6.QtCore import QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from digitlab.gui.live_text import LiveTexts, follow_language
from digitlab.gui.log import show_error
from digitlab.gui.training.download_dialog import ensure_mnist
from digitlab.gui.workers import QUEUED, TaskWorker, WorkerFailure, abandon_thread, join_thread, start_worker
from digitlab.nn.course.export import export_script
from digitlab.nn.numerical.cost import (COURSE_ITERATIONS, NUMERICAL_MAX_PARAMS, Cancelled, count_params, in_units,
                               numerical_refusal, time_iteration)
from digitlab.nn.training.presets import course_config
from digitlab.nn.training.trainer import build_network


class CourseTools(QWidget):
    """Course setup, Export this experiment, and the numerical gradient's cost (see the module doc).

    Signals:
        timed(object): an nn.numerical_cost.IterationTiming, or None when cancelled or failed.
    """

    timed = Signal(object)

    def __init__(self, settings, data, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings, self._data = settings, data
        self._thread: QThread | None = None
        self._cancel = threading.Event()
        self._done = [0, 1]           # parameters done, total: written by the worker, read by a timer
        self.timing = None
        self.course_button = QPushButton()
        self.course_button.clicked.connect(self._on_course_button_clicked)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.numerical_box = QGroupBox()
        self.numerical_button = QPushButton()
        self.numerical_button.clicked.connect(self.time_numerical)
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._cancel.set)
        self.numerical_bar = QProgressBar()
        self.numerical_label = QLabel()
        self.numerical_label.setWordWrap(True)
        self.texts = LiveTexts(self)
        self._poll = QTimer(self)
        self._poll.setInterval(100)
        self._poll.timeout.connect(self._show_done)
        self._build_layout()
        self.retranslate()
        follow_language(self, self.retranslate)

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.course_button)
        buttons.addWidget(self.export_button)
        row = QHBoxLayout()
        row.addWidget(self.numerical_button, 1)
        row.addWidget(self.cancel_button)
        box = QVBoxLayout(self.numerical_box)
        box.addLayout(row)
        box.addWidget(self.numerical_bar)
        box.addWidget(self.numerical_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.numerical_box)

    def retranslate(self) -> None:
        self.course_button.setText(self.tr("Course setup"))
        self.course_button.setToolTip(self.tr(
            "The course's run: TwoLayerNet 784-50-10, sigmoid, weights 0.01 x randn, SGD lr 0.1, "
            "mini-batch 100, all 60,000 images, 10,000 iterations; the course's loop: rng.choice "
            "each iteration, accuracies on all images once per 600 iterations from iteration 0"))
        self.export_button.setText(self.tr("Export this experiment..."))
        self.export_button.setToolTip(self.tr("Save a Python script that repeats this run with "
                                              "DigitLab's nn package from the command line"))
        self.numerical_box.setTitle(self.tr("Numerical gradient: what one iteration costs"))
        self.numerical_button.setText(self.tr("Time one iteration on this network"))
        self.numerical_button.setToolTip(self.tr(
            "Compute the gradient of one mini-batch numerically and by backprop, and compare the times"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop timing the numerical gradient"))

    def _say(self, make) -> None:
        """The line under the numerical gradient's button (made again after a language switch)."""
        self.texts.show(self.numerical_label.setText, make)

    # -- Course setup and export ------------------------------------------------------------------
    @Slot()
    def _on_course_button_clicked(self) -> None:
        self._settings.set_config(course_config())

    @Slot()
    def _on_export_button_clicked(self) -> None:
        self.export()

    def export(self, path: str | Path | None = None) -> Path | None:
        """Write export_script(settings.config()) to path (asked when None); the path, or None."""
        error = self._settings.validation_message()
        if error is not None:
            self._say(error)
            return None
        if path is None:
            from digitlab.gui.file_folder import remember, suggested_path
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export this experiment"),
                                                  suggested_path("digitlab_experiment.py"),
                                                  self.tr("Python script (*.py)"))
            if not path:
                return None
            remember(path)
        path = Path(path)
        try:
            path.write_text(export_script(self._settings.config()), encoding="utf-8")
        except OSError as error:
            show_error(self, self.tr("Export"), self.tr("The script could not be written to {0}.").format(
                path), str(error), log=False)
            return None
        self._say(lambda: self.tr("Exported to {0}: run it with python.").format(path))
        return path

    # -- the numerical gradient's cost ------------------------------------------------------------
    @Slot()
    def time_numerical(self) -> bool:
        """Time one numerical-gradient iteration of the settings' network on one mini-batch."""
        if self._thread is not None or self._settings.validation_error() is not None:
            return False
        config = self._settings.config()
        network = build_network(config, np.random.default_rng(config.seed))
        params = count_params(network)
        if numerical_refusal(params) is not None:
            self._say(lambda: self.tr(
                "This network has {0:,} weights and biases; one numerical iteration is timed for at "
                "most {1:,} (the course's 784-50-10 has 39,760): use smaller hidden layers.").format(
                params, NUMERICAL_MAX_PARAMS))
            return False
        if not ensure_mnist(self._data, self):
            return False
        (x_train, t_train), _ = self._data.get()
        x, t = x_train[:config.batch_size], t_train[:config.batch_size]
        self._cancel.clear()
        self._done[:] = [0, params]
        self.numerical_bar.setRange(0, params)
        self.numerical_bar.setValue(0)
        self._say(lambda: self.tr("Two forward passes for each of the {0:,} weights and "
                                  "biases, on {1} images...").format(params, len(x)))
        self._worker = TaskWorker(lambda: self._time(network, x, t))
        self._worker.failed.connect(self._on_worker_failed, QUEUED)
        self._worker.finished.connect(self._on_worker_finished, QUEUED)
        self._set_busy(True)
        self._thread = start_worker(self._worker, self)
        return True

    def _time(self, network, x, t):
        """On the worker thread: the timing, or None when cancelled."""
        def progress(done, total):
            self._done[0] = done
        try:
            return time_iteration(network, x, t, progress=progress, cancel=self._cancel.is_set)
        except Cancelled:
            return None

    def _set_busy(self, busy: bool) -> None:
        self.numerical_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        (self._poll.start if busy else self._poll.stop)()

    @Slot()
    def _show_done(self) -> None:
        self.numerical_bar.setValue(self._done[0])

    @Slot(object)
    def _on_worker_failed(self, failure: WorkerFailure) -> None:
        text = self.tr("Timing the numerical gradient failed.")
        self._say(text)
        show_error(self, self.tr("Numerical gradient"), text, failure.details, summary=failure.summary,
                   log=False)

    @Slot(object)
    def _on_worker_finished(self, timing) -> None:
        if self._thread is None:
            return
        join_thread(self._thread)
        self._thread, self._worker = None, None
        self._set_busy(False)
        self._show_done()
        if timing is None and self._cancel.is_set():
            self._say_cancelled()
        elif timing is not None:
            self.timing = timing
            self._say(lambda: self._timing_text(timing))
        self.timed.emit(timing)

    def _say_cancelled(self) -> None:
        done, total = self._done
        self._say(lambda: self.tr("Cancelled after {0:,} of {1:,} parameters.").format(done, total))

    def _timing_text(self, timing) -> str:
        numerical, backprop = timing.projected(COURSE_ITERATIONS)
        slow, slow_unit = in_units(numerical)
        fast, fast_unit = in_units(backprop)
        return self.tr(
            "One iteration on {0} images, {1:,} weights: numerical gradient {2:.1f} s, backprop "
            "{3:.4f} s ({4:,.0f}x faster). The course's {5:,} iterations would take about {6:.1f} "
            "{7} numerically, {8:.1f} {9} with backprop.").format(
            timing.batch_size, timing.params, timing.numerical_seconds, timing.backprop_seconds,
            timing.ratio, COURSE_ITERATIONS, slow, self._unit(slow_unit), fast, self._unit(fast_unit))

    def _unit(self, unit: str) -> str:
        return {"days": self.tr("days"), "hours": self.tr("hours"), "minutes": self.tr("minutes"),
                "seconds": self.tr("seconds")}[unit]

    def set_running(self, running: bool) -> None:
        """While a training runs, the settings are fixed: no preset."""
        self.course_button.setEnabled(not running)

    def shutdown(self) -> None:
        """Cancel a running timing and wait for its thread (Reset, closing)."""
        if self._thread is not None:
            self._cancel.set()
            abandon_thread(self._thread, self)
            self._thread, self._worker = None, None
            self._set_busy(False)
            self._say_cancelled()
