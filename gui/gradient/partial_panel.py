"""Partial derivatives panel: f(x0, x1) = x0² + x1² with one variable held fixed, slice and tangent."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout,
    QWidget,
)

from digitlab.nn.course import LISTINGS
from digitlab.nn.numerical.gradient import function_2
from digitlab.gui.code_view import CodeView
from digitlab.gui.gradient.common import COLOURS, make_plot
from digitlab.gui.live_text import follow_language

LISTING = LISTINGS["partial_derivatives"]
SLICE_HALF_WIDTH = 5.0


class PartialPanel(QWidget):
    """Pick (x0, x1) and which variable moves; the slice of f through the point and its tangent.

    The slopes come from the course's listing (numerical_diff on function_tmp1/2), run live.
    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.variables: dict = {}
        self.shown: dict[str, str] = {}
        self.x0_spin, self.x1_spin = self._spin(3.0), self._spin(4.0)
        self.vary_x0 = QRadioButton(self.tr("vary x0 (x1 fixed): ∂f/∂x0"))
        self.vary_x1 = QRadioButton(self.tr("vary x1 (x0 fixed): ∂f/∂x1"))
        self.vary_x0.setToolTip(self.tr("Show the slice of f along x0, with x1 held fixed, and its "
                                        "tangent"))
        self.vary_x1.setToolTip(self.tr("Show the slice of f along x1, with x0 held fixed, and its "
                                        "tangent"))
        self.vary_x0.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.vary_x0)
        group.addButton(self.vary_x1)
        self.result_label = QLabel()
        self.result_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.course_label = QLabel()
        self.course_label.setWordWrap(True)
        self.code_view = CodeView()
        self.code_view.set_listing(LISTING)
        self.plot = make_plot("", "f")
        self._slice_item = self.plot.plot(pen=pg.mkPen(COLOURS[0], width=2))
        self._tangent_item = self.plot.plot(pen=pg.mkPen(COLOURS[1], width=2, style=Qt.DashLine))
        self._point_item = self.plot.plot(symbol="o", symbolSize=11, symbolBrush=COLOURS[1], pen=None)
        self._build_layout()
        for spin in (self.x0_spin, self.x1_spin):
            spin.valueChanged.connect(self._on_spin_valueChanged)
        self.vary_x0.toggled.connect(self._on_vary_x0_toggled)
        self.update_view()
        follow_language(self, self.update_view)   # its texts with values, in the new language

    def _spin(self, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(-10.0, 10.0)
        spin.setDecimals(2)
        spin.setSingleStep(0.5)
        spin.setValue(value)
        return spin

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(QLabel(self.tr("f(x0, x1) = x0² + x1²  (the course's function_2)")))
        form.addRow(self.tr("x0:"), self.x0_spin)
        form.addRow(self.tr("x1:"), self.x1_spin)
        self.x0_spin.setToolTip(self.tr("The point's x0, where ∂f/∂x0 and ∂f/∂x1 are computed"))
        self.x1_spin.setToolTip(self.tr("The point's x1, where ∂f/∂x0 and ∂f/∂x1 are computed"))
        form.addRow(self.vary_x0)
        form.addRow(self.vary_x1)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.result_label)
        side.addWidget(self.course_label)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 2)
        layout.addWidget(self.plot, 3)
        layout.addWidget(self.code_view, 2)

    def set_point(self, x0: float, x1: float, vary: str = "x0") -> None:
        """Put the point at (x0, x1) and let vary ("x0" or "x1") move."""
        self.x0_spin.setValue(x0)
        self.x1_spin.setValue(x1)
        (self.vary_x0 if vary == "x0" else self.vary_x1).setChecked(True)
        self.update_view()

    def update_view(self) -> None:
        """Run the listing at the point and redraw the slice and its tangent."""
        x0, x1 = self.x0_spin.value(), self.x1_spin.value()
        self.variables = LISTING.run(x0=x0, x1=x1)
        self.shown = LISTING.shown(self.variables)
        self.result_label.setText(self.tr("<b>df_dx0</b> = {dx0}<br><b>df_dx1</b> = {dx1}").format(
            dx0=self.shown["df_dx0"], dx1=self.shown["df_dx1"]))
        course = LISTING.course_values({"x0": x0, "x1": x1})
        self.course_label.setText("" if course is None else self.tr(
            "The course prints {dx0} and {dx1} at (3, 4) (exactly 6 and 8: the difference is "
            "rounding in f(x + h) − f(x − h)).").format(dx0=course["df_dx0"], dx1=course["df_dx1"]))
        self.code_view.set_variables(self.variables)
        self._draw_slice(x0, x1)

    def _draw_slice(self, x0: float, x1: float) -> None:
        varying_x0 = self.vary_x0.isChecked()
        at = x0 if varying_x0 else x1
        slope = float(self.variables["df_dx0" if varying_x0 else "df_dx1"])
        ts = np.linspace(at - SLICE_HALF_WIDTH, at + SLICE_HALF_WIDTH, 201)
        points = np.stack([ts, np.full_like(ts, x1)] if varying_x0 else [np.full_like(ts, x0), ts], axis=-1)
        f_at = float(function_2(np.array([x0, x1])))
        self._slice_item.setData(ts, function_2(points))
        self._tangent_item.setData(ts, f_at + slope * (ts - at))
        self._point_item.setData([at], [f_at])
        if varying_x0:
            self.plot.setLabel("bottom", self.tr("x0   (x1 = {v:g} fixed)").format(v=x1))
        else:
            self.plot.setLabel("bottom", self.tr("x1   (x0 = {v:g} fixed)").format(v=x0))

    @Slot(float)
    def _on_spin_valueChanged(self, value: float) -> None:
        self.update_view()

    @Slot(bool)
    def _on_vary_x0_toggled(self, checked: bool) -> None:
        self.update_view()
