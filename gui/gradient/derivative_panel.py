"""Derivative panel: a draggable point, its tangent from numerical_diff, and the error against h."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget,
)

from digitlab.nn.course import LISTINGS
from digitlab.nn.numerical.gradient import curves, diff_errors, numerical_diff, tangent_line
from digitlab.gui.code_view import CodeView
from digitlab.gui.gradient.common import COLOURS, curve_label, make_plot
from digitlab.gui.live_text import follow_language

H_VALUES = 10.0 ** np.linspace(-60, 0, 241)
ERROR_FLOOR = 1e-18   # exact zeros cannot sit on a log axis; they are drawn here
LISTING = LISTINGS["numerical_diff"]
LABEL_BAND = 5.0      # decades above the largest error kept free for the h labels


class DerivativePanel(QWidget):
    """f(x) with a draggable x, the tangent of slope numerical_diff(f, x), and why h = 1e-4.

    Signals: none (the panel only shows).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._curves = curves()
        self.curve = self._curves[0]
        self.slope = 0.0
        self._build_controls()
        self._build_function_plot()
        self._build_error_plot()
        self._build_layout()
        self.curve_combo.currentIndexChanged.connect(self._on_curve_combo_currentIndexChanged)
        self.x_spin.valueChanged.connect(self._on_x_spin_valueChanged)
        self.x_line.sigPositionChanged.connect(self._on_x_line_sigPositionChanged)
        self.dtype_combo.currentIndexChanged.connect(self._on_dtype_combo_currentIndexChanged)
        self._on_curve_combo_currentIndexChanged(0)
        follow_language(self, self._update_point)   # its texts with values, in the new language

    def _build_controls(self) -> None:
        self.curve_combo = QComboBox()
        for c in self._curves:
            self.curve_combo.addItem(curve_label(c.name))
        self.x_spin = QDoubleSpinBox()
        self.x_spin.setDecimals(3)
        self.x_spin.setSingleStep(0.1)
        self.dtype_combo = QComboBox()
        self.dtype_combo.addItems(["float64", "float32"])
        self.curve_combo.setToolTip(self.tr("The function to differentiate (the course's function_1 "
                                            "and others)"))
        self.x_spin.setToolTip(self.tr("Where the derivative and the tangent are computed "
                                       "(also: drag the vertical line)"))
        self.dtype_combo.setToolTip(self.tr("The floating-point type of the arithmetic: float32 "
                                            "shows how rounding spoils a small h"))
        self.slope_label = QLabel()
        self.slope_label.setWordWrap(True)
        self.error_note = QLabel()
        self.error_note.setWordWrap(True)
        self.course_label = QLabel()
        self.course_label.setWordWrap(True)
        self.code_view = CodeView()
        self.code_view.set_listing(LISTING)

    def _build_function_plot(self) -> None:
        self.plot = make_plot("x", "f(x)")
        self._f_item = self.plot.plot(pen=pg.mkPen(COLOURS[0], width=2))
        self._tangent_item = self.plot.plot(pen=pg.mkPen(COLOURS[1], width=2, style=Qt.DashLine))
        self._point_item = self.plot.plot(symbol="o", symbolSize=11, symbolBrush=COLOURS[1], pen=None)
        self.x_line = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen("#888888", width=1),
                                      hoverPen=pg.mkPen(COLOURS[1], width=3))
        self.x_line.setToolTip(self.tr("Drag to move x"))
        self.plot.addItem(self.x_line)

    def _build_error_plot(self) -> None:
        self.error_plot = make_plot(self.tr("step h"), self.tr("|estimate − exact slope|"),
                                    title=self.tr("Error of the difference quotient against h"))
        self.error_plot.setLogMode(x=True, y=True)
        self.error_plot.addLegend(offset=(10, -10), labelTextColor="k",
                                  brush=pg.mkBrush(255, 255, 255, 220))
        self._forward_item = self.error_plot.plot(pen=pg.mkPen(COLOURS[4], width=2),
                                                  name=self.tr("forward (f(x+h) − f(x)) / h"))
        self._central_item = self.error_plot.plot(pen=pg.mkPen(COLOURS[2], width=2),
                                                  name=self.tr("central (f(x+h) − f(x−h)) / 2h"))
        # the labels sit in a band above the largest error (see _update_errors): no curve there
        self.h_lines = []
        # 1e-4 is near the right edge: its label ends at the line so a longer translation fits
        for h, text, anchor in ((1e-4, self.tr("h = 1e-4 (the course)"), (1.0, 0.0)),
                                (1e-50, self.tr("h = 1e-50"), (0.5, 0.0))):
            line = pg.InfiniteLine(pos=np.log10(h), angle=90, pen=pg.mkPen("#888888", style=Qt.DotLine),
                                   label=text, labelOpts={"position": 0.96, "color": "k",
                                                          "anchors": [anchor, anchor]})
            line.label.follows_theme = True     # gui.theme: readable on the dark theme's plots
            self.error_plot.addItem(line)
            self.h_lines.append(line)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Function:"), self.curve_combo)
        form.addRow(self.tr("x:"), self.x_spin)
        form.addRow(self.tr("Arithmetic:"), self.dtype_combo)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.slope_label)
        side.addWidget(self.course_label)
        side.addWidget(self.error_note)
        side.addStretch(1)
        plots = QVBoxLayout()
        plots.addWidget(self.plot, 3)
        plots.addWidget(self.error_plot, 2)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(plots, 3)
        layout.addWidget(self.code_view, 1)

    def set_x(self, x: float) -> None:
        """Move the point (also what dragging does)."""
        self.x_spin.setValue(x)

    def _update_point(self) -> None:
        x = self.x_spin.value()
        c = self.curve
        self.slope, intercept = tangent_line(c.f, x)
        lo, hi = c.x_range
        ts = np.array([lo, hi])
        self._tangent_item.setData(ts, self.slope * ts + intercept)
        self._point_item.setData([x], [c.f(x)])
        if self.x_line.value() != x:
            self.x_line.blockSignals(True)
            self.x_line.setValue(x)
            self.x_line.blockSignals(False)
        self.slope_label.setText(self.tr(
            "<b>numerical_diff(f, {x})</b> = {num!r}<br>(central difference, h = 1e-4)"
            "<br><br><b>exact slope</b> f′({x}) = {exact:.10g}").format(
                x=f"{x:g}", num=float(numerical_diff(c.f, x)), exact=float(c.df(x))))
        self._show_listing(x)
        self._update_errors()

    def _show_listing(self, x: float) -> None:
        """The course's listing differentiates function_1; other curves show their own values."""
        if self.curve.name != "function_1":
            self.code_view.set_variables({"x": x, "dy": float(numerical_diff(self.curve.f, x))})
            self.course_label.setText("")
            return
        variables = LISTING.run(x=x)
        self.code_view.set_variables(variables)
        course = LISTING.course_values({"x": x})
        self.course_label.setText("" if course is None else self.tr(
            "The course prints numerical_diff(function_1, {x}) = {dy}.").format(
                x=f"{x:g}", dy=course["dy"]))

    def _update_errors(self) -> None:
        dtype = np.float32 if self.dtype_combo.currentText() == "float32" else np.float64
        forward, central = diff_errors(self.curve.f, self.curve.df, self.x_spin.value(), H_VALUES, dtype)
        self._forward_item.setData(H_VALUES, np.maximum(forward, ERROR_FLOOR))
        self._central_item.setData(H_VALUES, np.maximum(central, ERROR_FLOOR))
        top = np.log10(max(np.nanmax(forward), np.nanmax(central), ERROR_FLOOR))
        self.error_plot.setYRange(np.log10(ERROR_FLOOR), top + LABEL_BAND, padding=0.02)
        self.error_note.setText(self.tr(
            "Large h: the secant is not the tangent (error falls as h, or h² for central).<br>"
            "Tiny h: f(x+h) and f(x) round to the same {dtype} number, the difference is 0 and the "
            "estimate is 0 (at h = 1e-50 nothing is left; in float32 even h itself rounds to 0).<br>"
            "h = 1e-4 is a safe middle: big enough that rounding hardly matters, small enough that "
            "the secant is close to the tangent (for a quadratic the central difference is exact up "
            "to rounding; pick sin x or eˣ to see both effects). Errors of exactly 0 are drawn at "
            "1e-18.").format(dtype=dtype.__name__))

    @Slot(int)
    def _on_curve_combo_currentIndexChanged(self, index: int) -> None:
        self.curve = self._curves[index]
        lo, hi = self.curve.x_range
        xs = np.linspace(lo, hi, 400)
        self._f_item.setData(xs, self.curve.f(xs))
        self.x_line.setBounds((lo, hi))
        self.x_spin.blockSignals(True)
        self.x_spin.setRange(lo, hi)
        self.x_spin.setValue(self.curve.default_x)
        self.x_spin.blockSignals(False)
        self.plot.setXRange(lo, hi, padding=0.02)
        self._update_point()

    @Slot(float)
    def _on_x_spin_valueChanged(self, value: float) -> None:
        self._update_point()

    @Slot(object)
    def _on_x_line_sigPositionChanged(self, line) -> None:
        self.x_spin.setValue(round(float(line.value()), 3))

    @Slot(int)
    def _on_dtype_combo_currentIndexChanged(self, index: int) -> None:
        self._update_errors()
