"""Live training plots: loss per iteration, accuracy per epoch, learning rate over time."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget


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
        for xi, yi in zip(np.asarray(x, dtype=float), np.asarray(y, dtype=float)):
            self._pending_x.append(xi)
            self._pending_y.append(yi)
            if len(self._pending_x) >= self._stride:
                self._push(np.mean(self._pending_x), np.mean(self._pending_y))
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
    """Three stacked plots: loss per iteration (raw + smoothed), train/test accuracy per epoch, lr.

    No signals. Feed it with add_iterations() and add_epoch(); clear() for a new run.
    """

    def __init__(self, parent: QWidget | None = None, capacity: int = 2000) -> None:
        super().__init__(parent)
        self._loss = DecimatingBuffer(capacity)
        self._smooth = DecimatingBuffer(capacity)
        self._ema = (0.0, 0.0)    # running average and its weight, for bias correction
        self._lr = DecimatingBuffer(capacity)
        self._epochs: list[tuple[int, float, float]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        layout.addWidget(self.graphics)
        self._build_plots()

    def _build_plots(self) -> None:
        pen_raw = pg.mkPen((150, 180, 220), width=1)
        pen_smooth = pg.mkPen((20, 70, 160), width=2)
        self.loss_plot = self.graphics.addPlot(row=0, col=0, title=self.tr("Loss per iteration (mini-batch)"))
        self.loss_plot.setLabel("bottom", self.tr("iteration"))
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.loss_plot.addLegend(offset=(-10, 10))
        self.loss_raw = self.loss_plot.plot([], [], pen=pen_raw, name=self.tr("loss"))
        self.loss_smooth = self.loss_plot.plot([], [], pen=pen_smooth, name=self.tr("smoothed"))

        self.acc_plot = self.graphics.addPlot(row=1, col=0, title=self.tr("Accuracy per epoch (gap = overfitting)"))
        self.acc_plot.setLabel("bottom", self.tr("epoch"))
        self.acc_plot.setLabel("left", self.tr("accuracy (%)"))
        self.acc_plot.getAxis("left").enableAutoSIPrefix(False)
        self.acc_plot.addLegend(offset=(-10, -10))
        self.train_curve = self.acc_plot.plot([], [], pen=pg.mkPen((200, 90, 20), width=2), symbol="o",
                                              symbolSize=6, symbolBrush=(200, 90, 20), name=self.tr("train"))
        self.test_curve = self.acc_plot.plot([], [], pen=pg.mkPen((30, 140, 60), width=2), symbol="s",
                                             symbolSize=6, symbolBrush=(30, 140, 60), name=self.tr("test"))

        self.lr_plot = self.graphics.addPlot(row=2, col=0, title=self.tr("Learning rate"))
        self.lr_plot.setLabel("bottom", self.tr("iteration"))
        self.lr_plot.setXLink(self.loss_plot)
        self.lr_curve = self.lr_plot.plot([], [], pen=pg.mkPen((120, 60, 160), width=2))
        self.lr_plot.getViewBox().setLimits(yMin=0)
        for plot in (self.loss_plot, self.lr_plot):
            plot.setClipToView(True)
        self.graphics.ci.layout.setRowStretchFactor(0, 3)
        self.graphics.ci.layout.setRowStretchFactor(1, 2)
        self.graphics.ci.layout.setRowStretchFactor(2, 1)

    def clear(self) -> None:
        """Forget the current run."""
        self._loss.clear()
        self._smooth.clear()
        self._ema = (0.0, 0.0)
        self._lr.clear()
        self._epochs.clear()
        for curve in (self.loss_raw, self.loss_smooth, self.train_curve, self.test_curve, self.lr_curve):
            curve.setData([], [])

    def add_iterations(self, iterations: np.ndarray, losses: np.ndarray, lrs: np.ndarray) -> None:
        """Append a batch of iterations: (k,) arrays each; redraws once."""
        losses = np.asarray(losses, dtype=np.float64)
        finite = np.isfinite(losses)
        iterations, losses, lrs = np.asarray(iterations)[finite], losses[finite], np.asarray(lrs)[finite]
        smoothed, self._ema = smooth(losses, state=self._ema)
        self._loss.extend(iterations, losses)
        self._smooth.extend(iterations, smoothed)
        self._lr.extend(iterations, lrs)
        self.loss_raw.setData(*self._loss.data())
        self.loss_smooth.setData(*self._smooth.data())
        self.lr_curve.setData(*self._lr.data())

    def add_epoch(self, epoch: int, train_accuracy: float, test_accuracy: float) -> None:
        """Append one epoch's accuracies (fractions in [0, 1])."""
        self._epochs.append((epoch, train_accuracy, test_accuracy))
        e = np.array(self._epochs, dtype=np.float64)
        self.train_curve.setData(e[:, 0], 100 * e[:, 1])
        self.test_curve.setData(e[:, 0], 100 * e[:, 2])
        self.acc_plot.getAxis("bottom").setTickSpacing(max(1, len(e) // 8), 1)
        self.acc_plot.setTitle(self.tr("Accuracy per epoch: train {0:.1%}, test {1:.1%} (the gap = overfitting)").format(
            train_accuracy, test_accuracy))

    def point_counts(self) -> dict[str, int]:
        """How many points each curve holds (for tests and benchmarks)."""
        return {"loss": len(self._loss), "lr": len(self._lr), "epochs": len(self._epochs)}
