"""Gradient descent panel: the course's gradient_descent path revealed step by step on the contours."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QDoubleValidator, QPalette
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from digitlab.nn.course import LISTINGS, descent_freeze, format_value
from digitlab.nn.numerical.gradient import gradient_descent, path_values, surfaces
from digitlab.gui.code_view import CodeView
from digitlab.gui.gradient.common import COLOURS, fmt, fmt_point, make_plot, surface_label, visible_steps
from digitlab.gui.gradient.playback import PlaybackControls
from digitlab.gui.gradient.surface_plot import SurfacePlot
from digitlab.gui.live_text import follow_language
from digitlab.gui.settings import typed


LISTING = LISTINGS["gradient_descent"]


DIVERGED_RED, DIVERGED_RED_ON_DARK = "#b00000", "#ff8080"   # both 4.5:1 or more on their background


class DescentPanel(QWidget):
    """Click a start, pick lr and steps, and play x <- x - lr * grad f(x).

    The whole path is computed up front by nn.gradient.gradient_descent; the timer in
    PlaybackControls only reveals it. Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._surfaces = surfaces()
        self.path = np.zeros((1, 2))
        self.values = np.zeros(1)
        self.norms = np.zeros(1)
        self.shown = 1
        self.freeze = None

        self.surface_combo = QComboBox()
        for s in self._surfaces:
            self.surface_combo.addItem(surface_label(s.name))
        self.x0_spin, self.x1_spin = self._coordinate_spin(), self._coordinate_spin()
        self.lr_edit = QLineEdit()
        validator = QDoubleValidator(0.0, 1000.0, 15, self.lr_edit)
        validator.setNotation(QDoubleValidator.ScientificNotation)
        self.lr_edit.setValidator(validator)
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 1000)
        self.steps_spin.setValue(20)
        self.controls = PlaybackControls()
        self.info_label = QLabel()
        self.message_label = QLabel()
        self.course_label = QLabel()
        for label in (self.info_label, self.message_label, self.course_label):
            # wrapped: the numbers of a step grow as a run diverges, and the column must not widen
            label.setWordWrap(True)
        self.code_view = CodeView()
        self.code_view.set_listing(LISTING)
        self.preset_buttons = {}

        self._build_plots()
        self._build_layout()
        self.surface_combo.currentIndexChanged.connect(self._on_surface_combo_currentIndexChanged)
        for widget in (self.x0_spin, self.x1_spin):
            widget.editingFinished.connect(self._on_settings_edited)
        self.lr_edit.editingFinished.connect(self._on_settings_edited)
        self.steps_spin.editingFinished.connect(self._on_settings_edited)
        self.controls.frame_changed.connect(self._on_controls_frame_changed)
        self.plot.clicked.connect(self._on_plot_clicked)
        self._on_surface_combo_currentIndexChanged(0)
        follow_language(self, self._retranslate)

    def _build_plots(self) -> None:
        self.plot = SurfacePlot()
        self._path_item = pg.PlotDataItem(pen=pg.mkPen(COLOURS[1], width=2), symbol="o", symbolSize=5,
                                          symbolBrush=COLOURS[1], symbolPen=None)
        self._start_item = pg.ScatterPlotItem(size=12, symbol="s", brush="w", pen=pg.mkPen(COLOURS[1], width=2))
        self._current_item = pg.ScatterPlotItem(size=14, brush=COLOURS[1], pen=pg.mkPen("k", width=1))
        for item in (self._path_item, self._start_item, self._current_item):
            self.plot.addItem(item)
        self.loss_plot = make_plot(self.tr("step"), "f(x)")
        self._loss_item = self.loss_plot.plot(pen=pg.mkPen(COLOURS[1], width=2))

    def _coordinate_spin(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(-100.0, 100.0)
        spin.setDecimals(2)
        spin.setSingleStep(0.5)
        return spin

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Surface:"), self.surface_combo)
        start = QHBoxLayout()
        start.addWidget(self.x0_spin)
        start.addWidget(self.x1_spin)
        form.addRow(self.tr("Start (x0, x1):"), start)
        form.addRow(self.tr("Learning rate:"), self.lr_edit)
        form.addRow(self.tr("Steps:"), self.steps_spin)
        self.surface_combo.setToolTip(self.tr("The function gradient descent walks down"))
        self.x0_spin.setAccessibleName(self.tr("Start x0"))
        self.x1_spin.setAccessibleName(self.tr("Start x1"))
        self.x0_spin.setToolTip(self.tr("Where the descent starts: x0 (or click on the plot)"))
        self.x1_spin.setToolTip(self.tr("Where the descent starts: x1 (or click on the plot)"))
        self.lr_edit.setToolTip(self.tr("The step size lr in x -= lr * grad (e.g. 0.1, 10, 1e-10)"))
        self.steps_spin.setToolTip(self.tr("How many steps the descent takes (the course's step_num)"))
        presets = QGroupBox(self.tr("The course's cases (x0² + x1², start (−3, 4))"))
        grid = QGridLayout(presets)
        for i, (key, text) in enumerate(self.presets_text().items()):
            button = QPushButton(text)
            button.setToolTip(self.tr("Run the course's case: start (−3, 4) on x0² + x1² with "
                                      "its learning rate and steps"))
            button.clicked.connect(lambda _=False, k=key: self.apply_preset(k))
            self.preset_buttons[key] = button
            grid.addWidget(button, i // 2, i % 2)
        hint = QLabel(self.tr("Click on the plot to start from there."))
        hint.setWordWrap(True)
        side = QVBoxLayout()
        side.addLayout(form)
        for widget in (presets, hint, self.controls, self.info_label, self.course_label,
                       self.message_label):
            side.addWidget(widget)
        side.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.code_view, 3)
        right.addWidget(self.loss_plot, 2)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 2)
        layout.addWidget(self.plot, 3)
        layout.addLayout(right, 2)

    def presets_text(self) -> dict[str, str]:
        return {"converges": self.tr("lr = 0.1 converges"), "diverges": self.tr("lr = 10 diverges"),
                "stuck": self.tr("lr = 1e-10 hardly moves"), "short": self.tr("too few steps")}

    def apply_preset(self, key: str) -> None:
        """One of the course's cases on x0² + x1² from (−3, 4); then play."""
        lr, steps = {"converges": (0.1, 100), "diverges": (10.0, 100), "stuck": (1e-10, 100),
                     "short": (0.1, 5)}[key]
        self.set_settings(0, (-3.0, 4.0), lr, steps)
        self.controls.play()

    def set_settings(self, surface_index: int, start, lr: float, steps: int) -> None:
        """Choose surface, start, learning rate and steps, and recompute the path."""
        self.surface_combo.blockSignals(True)
        self.surface_combo.setCurrentIndex(surface_index)
        self.surface_combo.blockSignals(False)
        self.plot.set_surface(self._surfaces[surface_index])
        self.x0_spin.setValue(start[0])
        self.x1_spin.setValue(start[1])
        self.lr_edit.setText(f"{lr:g}")
        self.steps_spin.setValue(steps)
        self.recompute()

    def settings_state(self) -> dict:
        """The panel's last inputs: surface, start, learning rate and steps."""
        return {"surface": self.surface_combo.currentIndex(), "x0": self.x0_spin.value(),
                "x1": self.x1_spin.value(), "lr": self.learning_rate(), "steps": self.steps_spin.value()}

    def apply_settings_state(self, state: dict) -> None:
        """Take back settings_state(); a missing or out-of-range value keeps the surface's default."""
        index = typed(state, "surface", 0)
        index = index if 0 <= index < len(self._surfaces) else 0
        surface = self._surfaces[index]
        lr = typed(state, "lr", float(surface.lr))
        start = (typed(state, "x0", float(surface.default_start[0])),
                 typed(state, "x1", float(surface.default_start[1])))
        steps = typed(state, "steps", 20)
        self.set_settings(index, start, lr if lr > 0 else surface.lr, min(max(steps, 1), 1000))

    def learning_rate(self) -> float:
        try:
            return float(self.lr_edit.text())
        except ValueError:
            return self._surfaces[self.surface_combo.currentIndex()].lr

    def recompute(self) -> None:
        """Run gradient_descent with the current settings and rewind the animation."""
        surface = self.plot.surface
        start = (self.x0_spin.value(), self.x1_spin.value())
        _, self.path = gradient_descent(surface.f, start, self.learning_rate(), self.steps_spin.value())
        self.values, self.norms = path_values(surface, self.path)
        # all steps run (the course's lr = 10 ends frozen far away); only shown ones are drawn
        self.shown = visible_steps(self.path, surface.x_range, surface.y_range)
        self.freeze = descent_freeze(self.path)
        self._start_item.setData(pos=[start])
        self.loss_plot.setXRange(0, self.steps_spin.value(), padding=0.02)
        self._start = start
        self._show_course_value(start)
        self.code_view.set_variables({"lr": self.learning_rate(), "step_num": len(self.path) - 1,
                                      "init_x": self.path[0], "x": self.path[-1],
                                      "path": self.path})
        self.controls.set_frame_count(len(self.path))

    def _show_course_value(self, start) -> None:
        course = None
        if self.plot.surface.name == "sphere" and tuple(start) == (-3.0, 4.0):
            course = LISTING.course_values({"lr": self.learning_rate(),
                                            "step_num": len(self.path) - 1})
        self.course_label.setText("" if course is None else self.tr(
            "The course prints x = {x} after {n} steps.").format(x=course["x"], n=len(self.path) - 1))

    def result_text(self, k: int | None = None) -> str:
        """x at step k (default: the last) as NumPy prints it, the course's format."""
        return format_value(self.path[-1 if k is None else k])

    def _message(self, k: int) -> str:
        last = len(self.path) - 1
        if k < self.shown:
            if k == last and self.plot.surface.minimum is not None:
                distance = float(np.linalg.norm(self.path[-1] - self.plot.surface.minimum))
                return self.tr("After {n} steps x is {d} away from the minimum ★.").format(
                    n=last, d=fmt(distance))
            return ""
        bad = self.path[self.shown]
        where = self.tr("overflowed") if not np.all(np.isfinite(bad)) else fmt_point(bad)
        text = self.tr(
            "<span style='color:#b00000'><b>Diverged.</b> At step {k} x jumps to {x}, far off the "
            "plot: the learning rate is too large, each step overshoots the minimum by more than "
            "it started from.</span>").format(k=self.shown, x=where)
        if self.freeze is not None and k >= self.freeze.step:
            text += "<br>" + self._freeze_text()
        return text

    def _freeze_text(self) -> str:
        f = self.freeze
        first = int(np.argmin(f.coordinate_steps))
        return self.tr(
            "<b>Then it freezes.</b> Near {big:.1e} neighbouring float64 numbers are {gap:.2g} "
            "apart, more than twice h = {h:g}, so x + h rounds back to x: f(x + h) − f(x − h) is 0 "
            "and so is the numerical gradient. From step {step} on x stays at {x} for the remaining "
            "{rest} steps: not a minimum, only a point where float64 can no longer see the "
            "slope.").format(big=abs(f.x[first]), gap=f.spacing[first], h=f.h, step=f.step,
                             x=format_value(f.x), rest=f.steps - f.step)

    @Slot(int)
    def _on_controls_frame_changed(self, k: int) -> None:
        drawn = min(k, self.shown - 1)  # beyond the view a diverging path would only break the plot
        shown = self.path[: drawn + 1]
        self._path_item.setData(shown[:, 0], shown[:, 1])
        self._current_item.setData(pos=shown[-1:])
        self._loss_item.setData(np.arange(drawn + 1), self.values[: drawn + 1])
        self._show_step(k)

    def _show_step(self, k: int) -> None:
        text = self.tr("step {k}:  x = {x}<br>f(x) = {f}    |grad f(x)| = {g}").format(
            k=k, x=self.result_text(k), f=fmt(self.values[k]), g=fmt(self.norms[k]))
        if k >= self.shown:
            # the drawing stopped where x left the plot: the step line itself says why and where
            bad = self.path[self.shown]
            where = self.tr("overflowed") if not np.all(np.isfinite(bad)) else fmt_point(bad)
            text += "<br><b>" + self.tr("Diverged at step {k}: x jumped to {x}; the path is drawn up "
                                        "to step {last}.").format(k=self.shown, x=where,
                                                                  last=self.shown - 1) + "</b>"
        self.info_label.setText(text)
        message = self._message(k)
        if self.palette().color(QPalette.ColorRole.Window).lightness() < 128:
            message = message.replace(DIVERGED_RED, DIVERGED_RED_ON_DARK)   # readable on the dark theme
        self.message_label.setText(message)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._show_step(self.controls.frame)     # the warning's red for the new background
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """The texts with values of the path and step shown, in the new language."""
        self._show_course_value(self._start)
        self._show_step(self.controls.frame)

    @Slot(int)
    def _on_surface_combo_currentIndexChanged(self, index: int) -> None:
        surface = self._surfaces[index]
        self.set_settings(index, surface.default_start, surface.lr, self.steps_spin.value())

    @Slot()
    def _on_settings_edited(self) -> None:
        self.recompute()

    @Slot(float, float)
    def _on_plot_clicked(self, x0: float, x1: float) -> None:
        self.x0_spin.setValue(round(x0, 2))
        self.x1_spin.setValue(round(x1, 2))
        self.recompute()
