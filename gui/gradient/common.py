"""Small helpers shared by the gradient panels: labels, plots, number formats, tables, clipping."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from digitlab.gui.plot_cache import cache_axes

# Distinct, colour-blind friendly (Okabe-Ito) colours for the optimizers and curves.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


def surface_label(name: str) -> str:
    """The student-facing name of an nn.gradient surface, with its formula."""
    labels = {
        "sphere": QCoreApplication.translate("GradientTab",
                                             "x0² + x1²  (the course's function_2)"),
        "elongated": QCoreApplication.translate("GradientTab",
                                                "x²/20 + y²  (long, narrow valley)"),
        "saddle": QCoreApplication.translate("GradientTab", "x² − y²  (saddle)"),
        "rosenbrock": QCoreApplication.translate("GradientTab",
                                                 "Rosenbrock  (1 − x)² + 100 (y − x²)²"),
    }
    return labels.get(name, name)


def curve_label(name: str) -> str:
    """The student-facing name of an nn.gradient curve."""
    labels = {
        "function_1": QCoreApplication.translate("GradientTab",
                                                 "f(x) = 0.01x² + 0.1x  (function_1)"),
        "square": QCoreApplication.translate("GradientTab", "f(x) = x²"),
        "sine": QCoreApplication.translate("GradientTab", "f(x) = sin x"),
        "exp": QCoreApplication.translate("GradientTab", "f(x) = eˣ"),
    }
    return labels.get(name, name)


def colour_swatch(colour: str, side: int = 14) -> QIcon:
    """A square of colour: what a check box shows to say which curve it stands for."""
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def make_plot(bottom: str, left: str = "", *, title: str = "", grid: bool = True) -> pg.PlotWidget:
    """A white plot without the context menu, with axis labels, an optional title and a light grid."""
    plot = pg.PlotWidget(background="w")
    plot.setMenuEnabled(False)
    cache_axes(plot)
    if grid:
        plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setLabel("bottom", bottom)
    if left:
        plot.setLabel("left", left)
    for side in ("left", "bottom"):
        # no "(x0.001)" beside a label: ticks show the values themselves (a loss of 0.4 reads 0.4)
        plot.getAxis(side).enableAutoSIPrefix(False)
    if title:
        plot.setTitle(title)
    return plot


def fmt(value: float, digits: int = 4) -> str:
    """A number short enough for a label: fixed point near 1, scientific when tiny or huge."""
    if not np.isfinite(value):
        return QCoreApplication.translate("GradientTab", "overflow")
    if value != 0 and (abs(value) < 10 ** -digits or abs(value) >= 1e5):
        return f"{value:.{digits - 1}e}"
    return f"{value:.{digits}f}"


def fmt_point(point) -> str:
    """(x0, x1) as text."""
    return "(" + ", ".join(fmt(float(v)) for v in point) + ")"


def visible_steps(path: np.ndarray, x_range, y_range, factor: float = 1000.0) -> int:
    """How many leading rows of a path (N, 2) can be drawn: finite and within factor x the view.

    Beyond that a diverging path would only stretch or break the plot, so the panels stop there.
    """
    span = max(x_range[1] - x_range[0], y_range[1] - y_range[0])
    centre = np.array([sum(x_range) / 2, sum(y_range) / 2])
    with np.errstate(invalid="ignore"):
        inside = np.all(np.abs(path - centre) <= factor * span, axis=1)
    if inside.all():
        return len(path)
    return max(1, int(np.argmin(inside)))


def renormalized(y: np.ndarray, index: int, value: float) -> np.ndarray:
    """y (C,) with y[index] = value and the other entries rescaled so that the sum stays 1."""
    y = np.array(y, dtype=np.float64)
    value = float(np.clip(value, 0.0, 1.0))
    others = np.arange(len(y)) != index
    rest = y[others].sum()
    if rest > 0:
        y[others] *= (1.0 - value) / rest
    else:
        y[others] = (1.0 - value) / (len(y) - 1)
    y[index] = value
    return y


def fill_table(table: QTableWidget, values: np.ndarray, digits: int = 4) -> None:
    """Show a 1-D or 2-D array in a read-only table, rows and columns numbered from 0 as in Python."""
    values = np.atleast_2d(values)
    table.setRowCount(values.shape[0])
    table.setColumnCount(values.shape[1])
    table.setVerticalHeaderLabels([str(i) for i in range(values.shape[0])])
    table.setHorizontalHeaderLabels([str(j) for j in range(values.shape[1])])
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            item = table.item(i, j)
            if item is None:
                item = QTableWidgetItem()
                item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                table.setItem(i, j, item)
            item.setText(f"{value:.{digits}f}")
