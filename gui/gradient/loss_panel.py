"""Loss functions panel: the course's MSE and cross-entropy example with an editable y."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from digitlab.nn.course import LISTINGS, format_value
from digitlab.gui.code_view import CodeView
from digitlab.gui.gradient.common import COLOURS, make_plot, renormalized
from digitlab.gui.live_text import follow_language

COURSE_Y1 = (0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)
COURSE_Y2 = (0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0)
MSE, CEE = LISTINGS["mean_squared_error"], LISTINGS["cross_entropy_error"]


class LossPanel(QWidget):
    """y (softmax output, kept summing to 1) against one-hot t, with MSE and CEE live.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.y = np.array(COURSE_Y1)
        # the course's y the shown one stands for in the listings ("y1" or "y2"): the other keeps
        # the course's values, so after "Course's second y" y1 and y2 differ as in the course
        self.slot = "y1"
        self._build_controls()
        self._build_plots()
        self._build_layout()
        self.y1_button.clicked.connect(self._on_y1_button_clicked)
        self.y2_button.clicked.connect(self._on_y2_button_clicked)
        self.target_spin.valueChanged.connect(self._on_target_spin_valueChanged)
        self.set_y(COURSE_Y1)
        self._describe_y()
        follow_language(self, lambda: (self._show(), self._describe_y()))   # texts with values

    def _describe_y(self) -> None:
        for i, spin in enumerate(self.y_spins):
            spin.setToolTip(self.tr("The predicted probability of class {0}; the others change so "
                                    "that y still sums to 1").format(i))

    def _build_controls(self) -> None:
        self.target_spin = QSpinBox()
        self.target_spin.setRange(0, 9)
        self.target_spin.setValue(2)
        self.target_spin.setAccessibleName(self.tr("Target t (one-hot)"))
        self.target_spin.setToolTip(self.tr("The right answer: t is 1 at this class, 0 elsewhere"))
        self.y_spins = []
        for i in range(10):
            spin = QDoubleSpinBox()
            spin.setRange(0.0, 1.0)
            spin.setDecimals(3)
            spin.setSingleStep(0.05)
            spin.valueChanged.connect(lambda value, i=i: self._on_y_spin_valueChanged(i, value))
            spin.setAccessibleName(f"y[{i}]")
            self.y_spins.append(spin)
        self.y1_button = QPushButton(self.tr("Course's first y (2 is likely)"))
        self.y2_button = QPushButton(self.tr("Course's second y (7 is likely)"))
        self.y1_button.setToolTip(self.tr("The course's y1: the network says 2 with 0.6, the "
                                          "right answer"))
        self.y2_button.setToolTip(self.tr("The course's y2: the network says 7 with 0.6, a wrong "
                                          "answer"))
        self.mse_label, self.cee_label = QLabel(), QLabel()
        for label in (self.mse_label, self.cee_label):
            label.setStyleSheet("font-size: 14pt;")
        self.course_label = QLabel()
        self.course_label.setWordWrap(True)
        self.code_views = {MSE.name: CodeView(), CEE.name: CodeView()}
        for listing in (MSE, CEE):
            self.code_views[listing.name].set_listing(listing)

    def _build_plots(self) -> None:
        self.bar_plot = make_plot(self.tr("class"), grid=False,
                                  title=self.tr("y (bars) against the one-hot t (outlined)"))
        self.bar_plot.setYRange(0, 1.05)
        self._y_bars = pg.BarGraphItem(x=np.arange(10), height=self.y, width=0.6, brush=COLOURS[0])
        self._t_bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.8, brush=None,
                                       pen=pg.mkPen(COLOURS[1], width=2))
        self.bar_plot.addItem(self._y_bars)
        self.bar_plot.addItem(self._t_bars)
        self.log_plot = make_plot(
            self.tr("y[target]"), "−log y", grid=False,
            title=self.tr("Cross-entropy only looks at the target: −log y[target]"))
        ys = np.linspace(0.001, 1.0, 400)
        self.log_plot.plot(ys, -np.log(ys), pen=pg.mkPen(COLOURS[0], width=2))
        self._log_point = self.log_plot.plot(symbol="o", symbolSize=12, symbolBrush=COLOURS[1], pen=None)

    def _build_layout(self) -> None:
        target = QHBoxLayout()
        target.addWidget(QLabel(self.tr("Target t (one-hot):")))
        target.addWidget(self.target_spin)
        grid = QGridLayout()
        for i, spin in enumerate(self.y_spins):
            grid.addWidget(QLabel(f"y[{i}]"), i, 0)
            grid.addWidget(spin, i, 1)
        side = QVBoxLayout()
        side.addLayout(target)
        side.addLayout(grid)
        for widget in (self.y1_button, self.y2_button, self.mse_label, self.cee_label,
                       self.course_label):
            side.addWidget(widget)
        side.addStretch(1)
        plots = QVBoxLayout()
        plots.addWidget(self.bar_plot)
        plots.addWidget(self.log_plot)
        codes = QVBoxLayout()
        for view in self.code_views.values():
            codes.addWidget(view)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(plots, 2)
        layout.addLayout(codes, 1)

    @property
    def t(self) -> np.ndarray:
        t = np.zeros(10)
        t[self.target_spin.value()] = 1.0
        return t

    def _run_listings(self) -> dict[str, dict]:
        """The course's two listings with the shown y in its slot (the other y the course's)."""
        inputs = {"t": list(self.t), "y1": list(COURSE_Y1), "y2": list(COURSE_Y2)}
        inputs[self.slot] = list(self.y)
        return {listing.name: listing.run(**inputs) for listing in (MSE, CEE)}

    def losses(self) -> tuple[float, float]:
        """(MSE, CEE) of the shown y against the shown t."""
        runs = self._run_listings()
        key = self.slot[1]
        return float(runs[MSE.name]["mse" + key]), float(runs[CEE.name]["cee" + key])

    def set_y(self, y) -> None:
        self.y = np.array(y, dtype=np.float64)
        self._show()

    def set_entry(self, index: int, value: float) -> None:
        """Change y[index]; the others are rescaled so that y still sums to 1."""
        self.y = renormalized(self.y, index, value)
        self._show()

    def _show(self) -> None:
        for spin, value in zip(self.y_spins, self.y):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        runs = self._run_listings()
        for listing in (MSE, CEE):
            self.code_views[listing.name].set_variables(runs[listing.name])
        key = self.slot[1]
        # every digit (the course's rounded digits are in the course label)
        mse = format_value(runs[MSE.name]["mse" + key])
        cee = format_value(runs[CEE.name]["cee" + key])
        self.mse_label.setText(self.tr("MSE = {v}").format(v=mse))
        self.cee_label.setText(self.tr("Cross-entropy = {v}").format(v=cee))
        self.course_label.setText(self._course_text())
        self._y_bars.setOpts(height=self.y)
        self._t_bars.setOpts(height=self.t)
        target_y = max(self.y[self.target_spin.value()], 1e-3)
        self._log_point.setData([target_y], [-np.log(target_y)])

    def _course_text(self) -> str:
        if self.target_spin.value() != 2:
            return ""
        for y, key in ((COURSE_Y1, "1"), (COURSE_Y2, "2")):
            if np.array_equal(self.y, y):
                return self.tr("The course prints MSE {mse} and cross-entropy {cee} for this y.").format(
                    mse=MSE.course_values()["mse" + key], cee=CEE.course_values()["cee" + key])
        return ""

    def _on_y_spin_valueChanged(self, index: int, value: float) -> None:
        self.set_entry(index, value)

    @Slot()
    def _on_y1_button_clicked(self) -> None:
        self.slot = "y1"
        self.set_y(COURSE_Y1)

    @Slot()
    def _on_y2_button_clicked(self) -> None:
        self.slot = "y2"
        self.set_y(COURSE_Y2)

    @Slot(int)
    def _on_target_spin_valueChanged(self, value: int) -> None:
        self._show()
