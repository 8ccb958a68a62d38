"""The Evaluation panel's plots: the confusion matrix with its counts, and the accuracy per digit."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from digitlab.nn.training.evaluate import Evaluation


class EvaluationPlots(pg.GraphicsLayoutWidget):
    """The confusion matrix on top, as large a square as the column allows (its 100 counts must be
    readable), the per-digit accuracy as a strip below it. Signals: none. Call
    show_evaluation(evaluation) or show_empty().
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.count_items: list[pg.TextItem] = []
        self.confusion_plot = self.addPlot(row=0, col=0, title=self.tr("Confusion matrix"))
        self.confusion_plot.setLabel("left", self.tr("true digit"))
        self.confusion_plot.setLabel("bottom", self.tr("predicted digit"))
        self.confusion_plot.invertY(True)
        self.confusion_plot.setAspectLocked(True)
        self.confusion_plot.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
        self.confusion_plot.setMouseEnabled(False, False)
        ticks = [[(i + 0.5, str(i)) for i in range(10)]]
        self.confusion_plot.getAxis("left").setTicks(ticks)
        self.confusion_plot.getAxis("bottom").setTicks(ticks)
        self.confusion_image = pg.ImageItem(np.zeros((10, 10)), axisOrder="row-major")
        self.confusion_image.setColorMap(pg.colormap.get("viridis"))
        self.confusion_plot.addItem(self.confusion_image)
        self.confusion_plot.getViewBox().sigResized.connect(self._fit_counts)
        self.class_plot = self.addPlot(row=1, col=0, title=self.tr("Accuracy per digit"))
        self.class_plot.setYRange(0, 1)
        self.class_plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(10)]])
        self.class_bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brush=(30, 140, 60))
        self.class_plot.addItem(self.class_bars)
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 1)

    def cell_pixels(self) -> float:
        """The width of one confusion-matrix cell on screen, in pixels."""
        view = self.confusion_plot.getViewBox()
        return abs(view.mapViewToDevice(QPointF(1, 0)).x() - view.mapViewToDevice(QPointF(0, 0)).x())

    def _fit_counts(self, *_args) -> None:
        """Size the counts to the cells: four digits (up to 9999) fit inside one cell."""
        size = 13
        while size > 6 and QFontMetrics(self._count_font(size)).horizontalAdvance("8888") > self.cell_pixels() - 2:
            size -= 1
        for item in self.count_items:
            item.setFont(self._count_font(size))

    def _count_font(self, pixels: int) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(pixels)
        return font

    def _show_counts(self, confusion: np.ndarray) -> None:
        """The count in each confusion cell, dark on the bright (big) cells, light on the dark.

        The 100 text items are made once and then only given new texts and colours: making them
        anew cost tens of milliseconds on the GUI thread at every run's end."""
        if confusion.size == 0:
            for item in self.count_items:
                item.setVisible(False)
            return
        if not self.count_items:
            for row, column in np.ndindex(10, 10):
                item = pg.TextItem("", anchor=(0.5, 0.5))
                item.setPos(column + 0.5, row + 0.5)
                self.confusion_plot.addItem(item)
                self.count_items.append(item)
            self._fit_counts()
        levels = np.log1p(confusion.astype(float))
        top = max(float(levels.max(initial=0.0)), 1e-12)
        for item, count, level in zip(self.count_items, confusion.ravel(), levels.ravel()):
            item.setText(str(int(count)), color=(0, 0, 0) if level / top > 0.6 else (255, 255, 255))
            item.setVisible(True)

    def show_evaluation(self, ev: Evaluation) -> None:
        """The per-digit accuracy and the confusion matrix of ev."""
        self.class_bars.setOpts(height=ev.per_class)
        # log scale so the few mistakes are visible next to the big diagonal
        self.confusion_image.setImage(np.log1p(ev.confusion.astype(float)), autoLevels=True)
        self._show_counts(ev.confusion)

    def show_empty(self) -> None:
        """Empty plots (not clear(): GraphicsLayoutWidget's clear removes the plots themselves)."""
        self.class_bars.setOpts(height=np.zeros(10))
        self.confusion_image.setImage(np.zeros((10, 10)))
        self._show_counts(np.zeros((0, 0), dtype=int))
