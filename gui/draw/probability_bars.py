"""The network's answer: the predicted digit, large, and ten probability bars."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.plot_cache import cache_axes

NOT_SURE_BELOW = 0.5
BAR_COLOR = (150, 170, 200)
TOP_COLOR = (230, 120, 30)


class ProbabilityBars(QWidget):
    """The predicted digit with its probability, and the softmax output as ten bars 0-9.

    Signals: none. Call show_probabilities(p) with p (10,) or None for "nothing to show".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digit_label = QLabel("–")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 4.5)
        font.setBold(True)
        self.digit_label.setFont(font)
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label = QLabel()
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label.setWordWrap(True)

        # no context menus: they cost start-up time and offer nothing here
        self.plot = pg.PlotWidget(background=None, viewBox=pg.ViewBox(enableMenu=False))
        self.plot.setMenuEnabled(False)
        cache_axes(self.plot)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setXRange(-0.6, 9.6, padding=0)
        self.plot.setYRange(0, 1, padding=0.02)
        self.plot.setLabel("left", self.tr("probability"))
        self.plot.setLabel("bottom", self.tr("digit"))
        self.plot.getAxis("bottom").setTicks([[(d, str(d)) for d in range(10)]])
        self.plot.getAxis("left").setTicks([[(v, f"{v:.1f}") for v in (0, 0.5, 1.0)]])
        self.plot.setMinimumHeight(160)
        self._normal = pg.mkBrush(*BAR_COLOR)
        self._top = pg.mkBrush(*TOP_COLOR)
        self.bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7,
                                    brushes=[self._normal] * 10, pen=None)
        self.plot.addItem(self.bars)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.digit_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.plot, 1)
        self.probabilities: np.ndarray | None = None
        self.show_probabilities(None)

    def show_probabilities(self, p: np.ndarray | None, hint: str | None = None) -> None:
        """Show softmax output p (10,) in [0, 1]; None empties the bars and shows the hint."""
        if p is None:
            self.probabilities = None
            self.bars.setOpts(height=np.zeros(10), brushes=[self._normal] * 10)
            self.digit_label.setText("–")
            self.detail_label.setText(hint or self.tr("Draw a digit to see what the network thinks."))
            return
        self.probabilities = np.asarray(p, dtype=float)
        top = int(np.argmax(p))
        brushes = [self._top if d == top else self._normal for d in range(10)]
        self.bars.setOpts(height=self.probabilities, brushes=brushes)
        self.digit_label.setText(str(top))
        if p[top] < NOT_SURE_BELOW:
            self.detail_label.setText(self.tr("not sure: probability of {0} only {1:.0%}")
                                      .format(top, p[top]))
        else:
            self.detail_label.setText(self.tr("probability of {0}: {1:.0%}").format(top, p[top]))
