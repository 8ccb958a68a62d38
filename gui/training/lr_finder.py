"""The learning-rate range test on the Training tab: one short sweep, the loss against the rate on a
log axis, the suggested rate and "Use this rate" (nn.lr_finder)."""
from __future__ import annotations

import threading

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from digitlab.gui.live_text import LiveTexts, follow_language
from digitlab.gui.log import show_error
from digitlab.gui.workers import TaskRunner, WorkerFailure
from digitlab.nn.training.lr_finder import LrRange, lr_range_test
from digitlab.nn.training.trainer import build_network


class LrFinderPanel(QWidget):
    """"Find a learning rate" for the settings' network and optimizer, on the MNIST training images.

    Signals:
        suggested(float): a sweep finished; its suggested rate.
        rate_chosen(float): "Use this rate" was clicked; the rate (also put into the settings).
    settings: the TrainingSettings whose config is swept and whose rate is set; data: MnistCache.
    """

    suggested = Signal(float)
    rate_chosen = Signal(float)

    def __init__(self, settings, data, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings, self._data = settings, data
        self.result: LrRange | None = None
        self.swept_config = None      # the TrainConfig the result was made with
        self._cancel = threading.Event()
        self.texts = LiveTexts(self)
        self.tasks = TaskRunner(self)
        self.tasks.failed.connect(self._on_tasks_failed)
        self.find_button = QPushButton(self.tr("Find a learning rate"))
        self.find_button.setToolTip(self.tr(
            "Train a copy for up to 100 mini-batches with the learning rate growing from 0.00001 to 10, "
            "and plot the loss at each rate"))
        self.find_button.clicked.connect(self.find)
        self.use_button = QPushButton(self.tr("Use this rate"))
        self.use_button.setToolTip(self.tr("Put the suggested learning rate into the settings"))
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._on_use_button_clicked)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Suggested learning rate"))
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setAccessibleName(self.tr("Loss against the learning rate"))
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLogMode(x=True)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.raw_curve = self.plot.plot([], [], pen=pg.mkPen((150, 180, 220)))
        self.smooth_curve = self.plot.plot([], [], pen=pg.mkPen((20, 70, 160), width=2))
        self.marker = pg.InfiniteLine(0, angle=90, pen=pg.mkPen((30, 140, 60), width=2))
        self.marker.setVisible(False)
        self.plot.addItem(self.marker)
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.label)
        layout.addWidget(self.plot_widget, 1)
        self._set_titles()
        follow_language(self, self._set_titles)
        self.texts.show(self.label.setText, self.tr(
            "The range test trains a copy of the network for a moment, the learning rate growing at "
            "every step, and suggests a rate a tenth of where the loss was lowest."))

    def _set_titles(self) -> None:
        self.plot.setTitle(self.tr("Range test: loss at each rate"))
        self.plot.setLabel("bottom", self.tr("learning rate"))
        self.plot.setLabel("left", self.tr("loss"))

    @Slot()
    def find(self) -> bool:
        """Start a sweep with the settings' network (asks to download MNIST if missing)."""
        from digitlab.gui.training.download_dialog import ensure_mnist

        if self.tasks.busy or self._settings.validation_error() is not None:
            return False
        if not ensure_mnist(self._data, self):
            return False
        config = self._pending_config = self._settings.config()
        data = self._data
        self._cancel.clear()
        cancel = self._cancel.is_set

        def sweep() -> LrRange:
            (x, t), _ = data.get()
            rng = np.random.default_rng(config.seed)
            return lr_range_test(build_network(config, rng), x, t, rng, optimizer=config.optimizer,
                                 batch_size=config.batch_size, cancel=cancel)

        self.find_button.setEnabled(False)
        self.texts.show(self.label.setText, self.tr("Sweeping the learning rate..."))
        return self.tasks.run(sweep, self.show_result)

    def show_result(self, result: LrRange) -> None:
        """Plot a sweep and offer its suggestion."""
        self.result = result
        self.swept_config = getattr(self, "_pending_config", None)
        self.find_button.setEnabled(True)
        self.raw_curve.setData(result.lrs, result.losses)
        self.smooth_curve.setData(result.lrs, result.smoothed)
        self.marker.setValue(np.log10(result.suggested))
        self.marker.setVisible(True)
        self.use_button.setEnabled(True)
        self.texts.show(self.label.setText, lambda: self.tr(
            "Suggested learning rate: {0:g} (a tenth of {1:.3g}, where the smoothed loss was lowest)."
        ).format(result.suggested, result.best_lr))
        self.suggested.emit(result.suggested)

    @Slot(object)
    def _on_tasks_failed(self, failure: WorkerFailure) -> None:
        self.find_button.setEnabled(True)
        text = self.tr("The range test failed; press the button to try again.")
        self.texts.show(self.label.setText, text)
        show_error(self, self.tr("Find a learning rate"), text, failure.details,
                   summary=failure.summary, log=False)

    @Slot()
    def _on_use_button_clicked(self) -> None:
        if self.result is not None:
            self._settings.set_lr(self.result.suggested)
            self.rate_chosen.emit(self.result.suggested)

    def set_running(self, running: bool) -> None:
        """No sweep while a run trains (both would share two cores)."""
        self.find_button.setEnabled(not running and not self.tasks.busy)

    def shutdown(self) -> None:
        self._cancel.set()
        self.tasks.shutdown()
