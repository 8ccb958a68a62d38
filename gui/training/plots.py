"""Live training plots: loss per iteration, accuracy per epoch, learning rate over time."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from digitlab.gui.live_text import follow_language
from digitlab.gui.plot_cache import cache_axes
from digitlab.gui.plot_titles import wrap_title


class DecimatingBuffer:
    """Bounded (x, y) series: when full, neighbouring pairs are averaged so old data stays in view.

    Memory and drawing cost stay O(capacity) however long the run is.
    """

    def __init__(self, capacity: int = 2000) -> None:
        self.capacity = capacity
        self._x = np.empty(capacity, dtype=np.float64)
        self._y = np.empty(capacity, dtype=np.float64)
        self._size = 0
        self._stride = 1          # raw points per stored point
        self._pending_x: list[float] = []
        self._pending_y: list[float] = []

    def __len__(self) -> int:
        return self._size

    def __repr__(self) -> str:
        return f"DecimatingBuffer(size={self._size}, capacity={self.capacity}, stride={self._stride})"

    def clear(self) -> None:
        self._size, self._stride = 0, 1
        self._pending_x.clear()
        self._pending_y.clear()

    def extend(self, x: np.ndarray, y: np.ndarray) -> None:
        """Append raw points x, y: (k,) each."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        while len(x):
            take = self._stride - len(self._pending_x)
            self._pending_x.extend(x[:take].tolist())
            self._pending_y.extend(y[:take].tolist())
            x, y = x[take:], y[take:]
            if len(self._pending_x) == self._stride:
                self._push(sum(self._pending_x) / self._stride, sum(self._pending_y) / self._stride)
                self._pending_x.clear()
                self._pending_y.clear()

    def _push(self, x: float, y: float) -> None:
        if self._size == self.capacity:
            half = self.capacity // 2
            self._x[:half] = self._x[0:2 * half:2] * 0.5 + self._x[1:2 * half:2] * 0.5
            self._y[:half] = self._y[0:2 * half:2] * 0.5 + self._y[1:2 * half:2] * 0.5
            self._size = half
            self._stride *= 2
        self._x[self._size] = x
        self._y[self._size] = y
        self._size += 1

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """Stored points (copies): x, y (n,)."""
        return self._x[:self._size].copy(), self._y[:self._size].copy()


def smooth(y: np.ndarray, alpha: float = 0.05, state: tuple[float, float] = (0.0, 0.0)):
    """Exponential moving average of y (n,), bias-corrected at the start; returns (averages (n,), state).

    Pass the returned state back in to continue the average over the next chunk.
    """
    out = np.empty(len(y), dtype=np.float64)
    avg, weight = state
    for i, value in enumerate(y):
        avg = (1 - alpha) * avg + alpha * value
        weight = (1 - alpha) * weight + alpha
        out[i] = avg / weight
    return out, (avg, weight)


class TrainingPlots(QWidget):
    """Stacked plots: loss per iteration (raw + smoothed), train/test accuracy per epoch, and the
    learning rate, shown only once it changes (a schedule, or the student moved it mid-run).

    No signals. Feed it with start_run(), add_iterations() and add_epoch(); clear() for a new run.
    The axes span the whole run from the start and the loss axis only grows, so an update redraws
    the curves without recomputing the axes: cheap enough not to slow the training thread down.
    """

    def __init__(self, parent: QWidget | None = None, capacity: int = 1000) -> None:
        super().__init__(parent)
        self._loss = DecimatingBuffer(capacity)
        self._smooth = DecimatingBuffer(capacity // 4)   # smooth already: fewer points, same look
        self._ema = (0.0, 0.0)    # running average and its weight, for bias correction
        self._lr = DecimatingBuffer(capacity)
        self._lr_range: tuple[float, float] | None = None
        self._loss_top = 0.0
        # what the plots show now; they lag behind the buffers while the widget is hidden
        self._shown_lr_range: tuple[float, float] | None = None
        self._shown_loss_top = 0.0
        self._stale = False
        self._acc_bottom: float | None = None
        self._epochs: list[tuple[int, float, float]] = []
        self._stopped_accuracy: float | None = None   # the stopped model's test accuracy
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        layout.addWidget(self.graphics)
        self._build_plots()
        follow_language(self, self._retranslate)

    def _build_plots(self) -> None:
        pen_raw = pg.mkPen((150, 180, 220), width=1)
        pen_smooth = pg.mkPen((20, 70, 160), width=2)
        self.loss_plot = self.graphics.addPlot(row=0, col=0)
        cache_axes(self.loss_plot)
        self.loss_plot.setLabel("bottom", self.tr("iteration"))
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.loss_plot.addLegend(offset=(-10, 10))
        self.loss_raw = self.loss_plot.plot([], [], pen=pen_raw, name=self.tr("loss of each mini-batch"))
        self.loss_smooth = self.loss_plot.plot([], [], pen=pen_smooth, name=self.tr("smoothed"))
        self.loss_plot.setYRange(0, 1, padding=0)

        self.acc_plot = self.graphics.addPlot(row=1, col=0)
        cache_axes(self.acc_plot)
        self.acc_plot.setLabel("bottom", self.tr("epoch"))
        self.acc_plot.setLabel("left", self.tr("accuracy (%)"))
        self.acc_plot.getAxis("left").enableAutoSIPrefix(False)
        self.acc_plot.setYRange(0, 100, padding=0.02)   # percent, as its axis says, before any epoch
        self.acc_plot.addLegend(offset=(-10, -10))
        self.train_curve = self.acc_plot.plot([], [], pen=pg.mkPen((200, 90, 20), width=2), symbol="o",
                                              symbolSize=6, symbolBrush=(200, 90, 20), name=self.tr("train"))
        self.test_curve = self.acc_plot.plot([], [], pen=pg.mkPen((30, 140, 60), width=2), symbol="s",
                                             symbolSize=6, symbolBrush=(30, 140, 60), name=self.tr("test"))
        # pinned in pixels inside the plot: changing it does not re-lay out the plots as a title would
        self.acc_text = pg.TextItem(color=(40, 40, 40), anchor=(0, 0))
        self.acc_text.follows_theme = True      # gui.theme: light on the dark theme's plots
        self.acc_text.setParentItem(self.acc_plot.getViewBox())
        self.acc_text.setPos(8, 4)

        self.lr_plot = pg.PlotItem()
        cache_axes(self.lr_plot)
        self.lr_plot.setXLink(self.loss_plot)
        self.lr_curve = self.lr_plot.plot([], [], pen=pg.mkPen((120, 60, 160), width=2))
        self.lr_plot.getViewBox().setLimits(yMin=0)
        for plot in (self.loss_plot, self.acc_plot, self.lr_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            wrap_title(plot)
        self.graphics.ci.layout.setRowStretchFactor(0, 3)
        self.graphics.ci.layout.setRowStretchFactor(1, 2)
        self._set_titles(None)

    def _set_titles(self, lr: float | None) -> None:
        """The titles; lr: the learning rate in the loss plot's title (None while it is unknown or
        changes, then the learning-rate plot shows it)."""
        self._title_lr = lr
        loss_title = self.tr("Loss per iteration (one mini-batch each)")
        if lr is not None:
            loss_title = self.tr("{0}, learning rate {1:g}").format(loss_title, lr)
        self.loss_plot.setTitle(loss_title)
        self.acc_plot.setTitle(self.tr("Accuracy after each epoch (a growing gap = overfitting)"))
        # set here too: while it is hidden (off the scene) retranslate_tree does not see it
        self.lr_plot.setTitle(self.tr("Learning rate (it changed during the run)"))
        self.lr_plot.setLabel("bottom", self.tr("iteration"))

    def _show_epoch_text(self) -> None:
        # percentages with 2 decimals, as the Training tab's message says them: one number, one look
        if self._stopped_accuracy is not None:
            self.acc_text.setText(self.tr("stopped: the model kept has test {0:.2%}").format(
                self._stopped_accuracy))
            return
        if not self._epochs:
            self.acc_text.setText("")
            return
        epoch, train_accuracy, test_accuracy = self._epochs[-1]
        self.acc_text.setText(self.tr("epoch {0}: train {1:.2%}, test {2:.2%}").format(
            epoch, train_accuracy, test_accuracy))

    def show_stopped(self, test_accuracy: float) -> None:
        """A run stopped between epochs: the kept model's test accuracy (its one evaluation)
        replaces the last epoch's, which was measured on other weights."""
        self._stopped_accuracy = float(test_accuracy)
        self._show_epoch_text()

    def _retranslate(self) -> None:
        """After a language switch: the texts with values (the learning rate, the last epoch)."""
        self._set_titles(self._title_lr)
        self._show_epoch_text()

    def _show_lr_plot(self, visible: bool) -> None:
        shown = self.lr_plot.scene() is not None
        if visible and not shown:
            self.graphics.ci.addItem(self.lr_plot, row=2, col=0)
            self.graphics.ci.layout.setRowStretchFactor(2, 1)
        elif shown and not visible:
            self.graphics.ci.removeItem(self.lr_plot)

    def clear(self) -> None:
        """Forget the current run."""
        self._loss.clear()
        self._smooth.clear()
        self._ema = (0.0, 0.0)
        self._lr.clear()
        self._lr_range = self._shown_lr_range = None
        self._loss_top = self._shown_loss_top = 0.0
        self._stale = False
        self._acc_bottom = None
        self._epochs.clear()
        self._stopped_accuracy = None
        for curve in (self.loss_raw, self.loss_smooth, self.train_curve, self.test_curve, self.lr_curve):
            curve.setData([], [])
        self._show_epoch_text()
        self._show_lr_plot(False)
        self._set_titles(None)
        # the axes as before any run: without data, auto-range would keep the last run's span
        self.acc_plot.getAxis("bottom").setTickSpacing()
        for plot in (self.loss_plot, self.acc_plot):
            plot.setXRange(0, 1, padding=0)
            plot.enableAutoRange(x=True)
        self.acc_plot.setYRange(0, 100, padding=0.02)
        self.loss_plot.setYRange(0, 1, padding=0)

    def start_run(self, iterations_total: int, epochs_total: int, first_epoch: int = 1) -> None:
        """Fix the x axes to the whole run: iterations 0..iterations_total, epochs first_epoch..
        epochs_total (0: the accuracies before training are plotted too)."""
        self.loss_plot.setXRange(0, max(iterations_total, 1), padding=0.01)
        self.acc_plot.setXRange(first_epoch - 0.5, max(epochs_total, 1) + 0.5, padding=0)
        self.acc_plot.getAxis("bottom").setTickSpacing(max(1, epochs_total // 8), 1)

    def add_iterations(self, iterations: np.ndarray, losses: np.ndarray, lrs: np.ndarray) -> None:
        """Append a batch of iterations: (k,) arrays each; redraws once, or on show when hidden."""
        losses = np.asarray(losses, dtype=np.float64)
        finite = np.isfinite(losses)
        iterations, losses, lrs = np.asarray(iterations)[finite], losses[finite], np.asarray(lrs)[finite]
        if not len(losses):
            return
        smoothed, self._ema = smooth(losses, state=self._ema)
        self._loss.extend(iterations, losses)
        self._smooth.extend(iterations, smoothed)
        self._lr.extend(iterations, lrs)
        self._loss_top = max(self._loss_top, 1.1 * float(losses.max()))
        low, high = float(np.min(lrs)), float(np.max(lrs))
        if self._lr_range is not None:
            low, high = min(low, self._lr_range[0]), max(high, self._lr_range[1])
        self._lr_range = (low, high)
        if self.isVisible():
            self._redraw()
        else:
            self._stale = True   # another tab is in front: drawing would only slow the training down

    def _redraw(self) -> None:
        self._stale = False
        self.loss_raw.setData(*self._loss.data(), skipFiniteCheck=True)
        self.loss_smooth.setData(*self._smooth.data(), skipFiniteCheck=True)
        if self._loss_top != self._shown_loss_top:
            # the axis only grows (rarely: the first losses are the largest), so it is seldom redrawn
            self._shown_loss_top = self._loss_top
            self.loss_plot.setYRange(0, self._loss_top, padding=0)
        if self._lr_range is None:
            return
        low, high = self._lr_range
        if self._lr_range != self._shown_lr_range:
            self._shown_lr_range = self._lr_range
            self._set_titles(high if low == high else None)
            self._show_lr_plot(low < high)
        if low < high:
            self.lr_curve.setData(*self._lr.data(), skipFiniteCheck=True)

    def showEvent(self, event) -> None:
        if self._stale:
            self._redraw()
        super().showEvent(event)

    def add_epoch(self, epoch: int, train_accuracy: float, test_accuracy: float) -> None:
        """Append one epoch's accuracies (fractions in [0, 1])."""
        self._epochs.append((epoch, train_accuracy, test_accuracy))
        e = np.array(self._epochs, dtype=np.float64)
        self.train_curve.setData(e[:, 0], 100 * e[:, 1])
        self.test_curve.setData(e[:, 0], 100 * e[:, 2])
        self._show_epoch_text()
        # up to 100% (the goal), down to the worst epoch in steps of 5%: changes only a few times a run
        bottom = max(0.0, 5 * math.floor(e[:, 1:].min() * 100 / 5 - 0.2))
        if bottom != self._acc_bottom:
            self._acc_bottom = bottom
            self.acc_plot.setYRange(bottom, 100, padding=0.02)

    def lr_plot_visible(self) -> bool:
        """True when the learning-rate plot is shown (the lr changed during the run)."""
        return self.lr_plot.scene() is not None

    def point_counts(self) -> dict[str, int]:
        """How many points each curve holds (for tests and benchmarks)."""
        return {"loss": len(self._loss), "lr": len(self._lr), "epochs": len(self._epochs)}
