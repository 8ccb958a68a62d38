"""The network's answer: the predicted digit, large, and ten probability bars."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from digitlab.gui.live_text import follow_language
from digitlab.nn.training.calibration import NOT_SURE_BELOW   # the default; the Training tab may move it

BAR_COLOR = QColor(150, 170, 200)
TOP_COLOR = QColor(230, 120, 30)
BAR_WIDTH = 0.7       # of one digit's slot
TICKS = (0.0, 0.5, 1.0)


class BarChart(QWidget):
    """Ten bars 0-9 with a probability axis, painted with plain QPainter.

    Plain painting keeps a mouse-move-to-bars update far inside one frame and needs no plotting
    library at start-up. Signals: none. Call set_heights(h (10,), top or None).
    """

    def __init__(self, y_title: str, x_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.y_title, self.x_title = y_title, x_title
        self.heights = np.zeros(10)
        self.top: int | None = None
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_heights(self, heights: np.ndarray, top: int | None) -> None:
        """Show heights (10,) in [0, 1]; the bar `top` (or none) in the highlight colour."""
        self.heights = np.clip(np.asarray(heights, dtype=float), 0.0, 1.0)
        self.top = top
        self.update()

    def _plot_rect(self) -> QRectF:
        metrics = self.fontMetrics()
        line = metrics.height()
        left = line + 4 + metrics.horizontalAdvance("0.0") + 6
        return QRectF(left, line / 2, max(1.0, self.width() - left - 6),
                      max(1.0, self.height() - line / 2 - 2 * line - 6))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        plot = self._plot_rect()
        slot = plot.width() / 10
        painter.setPen(Qt.PenStyle.NoPen)
        for d, h in enumerate(self.heights):
            painter.setBrush(TOP_COLOR if d == self.top else BAR_COLOR)
            bar_h = h * plot.height()
            painter.drawRect(QRectF(plot.left() + (d + (1 - BAR_WIDTH) / 2) * slot,
                                    plot.bottom() - bar_h, BAR_WIDTH * slot, bar_h))
        self._paint_axes(painter, plot, slot, text)
        painter.end()

    def _paint_axes(self, painter: QPainter, plot: QRectF, slot: float, text: QColor) -> None:
        painter.setPen(text)
        line = self.fontMetrics().height()
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        for d in range(10):
            cell = QRectF(plot.left() + d * slot, plot.bottom() + 2, slot, line)
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(d))
        for v in TICKS:
            y = plot.bottom() - v * plot.height()
            painter.drawLine(plot.left() - 4, y, plot.left(), y)
            cell = QRectF(line + 2, y - line / 2, plot.left() - line - 8, line)
            painter.drawText(cell, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{v:.1f}")
        painter.drawText(QRectF(plot.left(), plot.bottom() + line + 2, plot.width(), line),
                         Qt.AlignmentFlag.AlignCenter, self.x_title)
        painter.save()
        painter.translate(0, plot.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-plot.height() / 2, 0, plot.height(), line),
                         Qt.AlignmentFlag.AlignCenter, self.y_title)
        painter.restore()


class AnswerText(QWidget):
    """Centred text, wrapped when long, that a new text only repaints.

    A QLabel's setText re-lays out the whole window (2.4 ms per change here, measured), far too
    much for a text that changes with every pen move; this widget asks for a new layout only when
    the number of lines changes. Signals: none. text() / setText(str), as QLabel.
    """

    FLAGS = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._lines = 1
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._fit_lines()
            self.update()

    def _fit_lines(self) -> None:
        metrics = self.fontMetrics()
        wrapped = metrics.boundingRect(QRect(0, 0, max(self.width(), 1), 100_000), self.FLAGS, self._text)
        lines = max(1, round(wrapped.height() / max(metrics.lineSpacing(), 1)))
        if lines != self._lines:
            self._lines = lines
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(min(metrics.horizontalAdvance(self._text), 240), self._lines * metrics.lineSpacing() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def resizeEvent(self, event) -> None:
        self._fit_lines()
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_lines()
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.rect(), self.FLAGS, self._text)
        painter.end()


class ProbabilityBars(QWidget):
    """The predicted digit with its probability, and the softmax output as ten bars 0-9.

    Signals: none. Call show_probabilities(p) with p (10,) or None for "nothing to show".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digit_label = AnswerText("–")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 4.5)
        font.setBold(True)
        self.digit_label.setFont(font)
        self.detail_label = AnswerText()
        self.chart = BarChart("", "")
        self._set_axis_titles()
        follow_language(self, self._set_axis_titles)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.digit_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.chart, 1)
        self.probabilities: np.ndarray | None = None
        self.not_sure_below = NOT_SURE_BELOW
        self.setAccessibleName(self.tr("The network's answer"))
        self.show_probabilities(None)

    def _set_axis_titles(self) -> None:
        self.chart.y_title, self.chart.x_title = self.tr("probability"), self.tr("digit")
        self.chart.update()

    def set_not_sure_below(self, threshold: float) -> None:
        """Say "not sure" when the top probability is below threshold (the coverage curve's choice)."""
        self.not_sure_below = float(threshold)
        if self.probabilities is not None:
            self.show_probabilities(self.probabilities)

    def show_probabilities(self, p: np.ndarray | None, hint: str | None = None) -> None:
        """Show softmax output p (10,) in [0, 1]; None empties the bars and shows the hint."""
        if p is None:
            self.probabilities = None
            self.chart.set_heights(np.zeros(10), None)
            self.digit_label.setText("–")
            self.detail_label.setText(hint or self.tr("Draw a digit to see what the network thinks."))
            self.setAccessibleDescription(self.detail_label.text())   # painted text: read it out
            return
        self.probabilities = np.asarray(p, dtype=float)
        top = int(np.argmax(p))
        self.chart.set_heights(self.probabilities, top)
        self.digit_label.setText(str(top))
        if p[top] < self.not_sure_below:
            self.detail_label.setText(self.tr("not sure: probability of {0} only {1:.0%}")
                                      .format(top, p[top]))
        else:
            self.detail_label.setText(self.tr("probability of {0}: {1:.0%}").format(top, p[top]))
        self.setAccessibleDescription(self.detail_label.text())
