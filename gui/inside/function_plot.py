"""A small function plot painted with QPainter: curves y = f(x), axes with integer ticks, a marked point."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

CURVE_COLOURS = (QColor(31, 119, 180), QColor(230, 120, 30), QColor(44, 160, 44))
POINT_COLOUR = QColor(215, 48, 39)


class FunctionPlot(QWidget):
    """Curves on shared axes (x range from the curves, y range padded), with a legend and one
    optional marked point (a, h(a)) labelled with its values.

    Signals: none. Call set_curves([(name, x (n,), y (n,)), ...]) and set_point(x, y) or None.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curves: list[tuple[str, np.ndarray, np.ndarray]] = []
        self.point: tuple[float, float] | None = None
        self.setMinimumSize(180, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(280, 200)

    def set_curves(self, curves: list[tuple[str, np.ndarray, np.ndarray]]) -> None:
        self.curves = [(name, np.asarray(x, float), np.asarray(y, float)) for name, x, y in curves]
        self.update()

    def set_point(self, point: tuple[float, float] | None) -> None:
        self.point = point
        self.update()

    def ranges(self) -> tuple[float, float, float, float]:
        """(x_lo, x_hi, y_lo, y_hi) of the plot: the curves' extent, y padded by a tenth."""
        if not self.curves:
            return -1.0, 1.0, -1.0, 1.0
        xs = np.concatenate([x for _, x, _ in self.curves])
        ys = np.concatenate([y for _, _, y in self.curves])
        y_lo, y_hi = float(ys.min()), float(ys.max())
        pad = 0.1 * max(y_hi - y_lo, 1e-6)
        return float(xs.min()), float(xs.max()), y_lo - pad, y_hi + pad

    def _plot_rect(self) -> QRectF:
        line = self.fontMetrics().height()
        return QRectF(34, 6, max(1.0, self.width() - 42), max(1.0, self.height() - line - 14))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        plot = self._plot_rect()
        x_lo, x_hi, y_lo, y_hi = self.ranges()

        def at(x: float, y: float) -> QPointF:
            return QPointF(plot.left() + (x - x_lo) / (x_hi - x_lo) * plot.width(),
                           plot.bottom() - (y - y_lo) / (y_hi - y_lo) * plot.height())

        self._paint_axes(painter, plot, at, (x_lo, x_hi, y_lo, y_hi), text)
        line = self.fontMetrics().height()
        for n, (name, x, y) in enumerate(self.curves):
            colour = CURVE_COLOURS[n % len(CURVE_COLOURS)]
            path = QPainterPath(at(x[0], y[0]))
            for xi, yi in zip(x[1:], y[1:]):
                path.lineTo(at(xi, yi))
            painter.setPen(QPen(colour, 2))
            painter.drawPath(path)
            painter.drawText(QPointF(plot.left() + 6, plot.top() + (n + 1) * line), name)
        if self.point is not None:
            a, h = self.point
            centre = at(min(max(a, x_lo), x_hi), min(max(h, y_lo), y_hi))
            painter.setPen(QPen(POINT_COLOUR, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(centre.x(), plot.bottom()), centre)
            painter.setPen(QPen(POINT_COLOUR, 2))
            painter.setBrush(POINT_COLOUR)
            painter.drawEllipse(centre, 4.5, 4.5)
            label = f"({a:.3g}, {h:.3g})"
            width = self.fontMetrics().horizontalAdvance(label)
            left = centre.x() + 8 if centre.x() + 8 + width < plot.right() else centre.x() - 8 - width
            painter.drawText(QPointF(left, max(centre.y() - 6, plot.top() + line)), label)
        painter.end()

    def _paint_axes(self, painter: QPainter, plot: QRectF, at, ranges, text: QColor) -> None:
        x_lo, x_hi, y_lo, y_hi = ranges
        painter.setPen(QPen(text, 1))
        painter.drawRect(plot)
        grid = QColor(text)
        grid.setAlpha(60)
        step = max(1, math.ceil((x_hi - x_lo) / 10))
        for tick in range(math.ceil(x_lo / step) * step, math.floor(x_hi) + 1, step):
            p = at(tick, y_lo)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(p.x(), plot.top()), QPointF(p.x(), plot.bottom()))
            painter.setPen(text)
            painter.drawText(QRectF(p.x() - 15, plot.bottom() + 2, 30, 16), Qt.AlignmentFlag.AlignHCenter,
                             str(tick))
        y_step = 10 ** math.floor(math.log10(max(y_hi - y_lo, 1e-9) / 2))
        y_step *= 5 if (y_hi - y_lo) / y_step > 10 else 1
        tick = math.ceil(y_lo / y_step) * y_step
        while tick <= y_hi:
            p = at(x_lo, tick)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), p.y()), QPointF(plot.right(), p.y()))
            painter.setPen(text)
            painter.drawText(QRectF(0, p.y() - 8, plot.left() - 4, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{tick:g}")
            tick += y_step
