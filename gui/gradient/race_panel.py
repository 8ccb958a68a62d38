"""Optimizer race: SGD, Momentum, AdaGrad, RMSprop and Adam from one start on one surface."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QSpinBox, QVBoxLayout, QWidget,
)

from digitlab.nn.numerical.gradient import optimizer_path, path_values, surfaces
from digitlab.nn.training.optimizers import make_optimizer
from digitlab.gui.gradient.common import COLOURS, colour_swatch, fmt, fmt_point, make_plot, surface_label, visible_steps
from digitlab.gui.gradient.playback import PlaybackControls
from digitlab.gui.gradient.surface_plot import SurfacePlot
from digitlab.gui.live_text import follow_language

OPTIMIZERS = (("sgd", "SGD"), ("momentum", "Momentum"), ("adagrad", "AdaGrad"),
              ("rmsprop", "RMSprop"), ("adam", "Adam"))
# Learning rates that make each optimizer behave on each surface (the elongated ones are the book's).
RACE_LRS = {
    "sphere": {"sgd": 0.1, "momentum": 0.05, "adagrad": 1.0, "rmsprop": 0.1, "adam": 0.3},
    "elongated": {"sgd": 0.95, "momentum": 0.1, "adagrad": 1.5, "rmsprop": 0.1, "adam": 0.3},
    "saddle": {"sgd": 0.05, "momentum": 0.02, "adagrad": 0.3, "rmsprop": 0.05, "adam": 0.1},
    "rosenbrock": {"sgd": 0.002, "momentum": 0.001, "adagrad": 1.0, "rmsprop": 0.05, "adam": 0.2},
}


class RacePanel(QWidget):
    """All optimizers animated together, each in its own colour, with loss against step.

    Paths come from digitlab.nn.numerical.gradient.optimizer_path (exact gradients, digitlab.nn.training.optimizers updates), computed
    up front. Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._surfaces = surfaces()
        self.paths: dict[str, np.ndarray] = {}
        self.values: dict[str, np.ndarray] = {}
        self.shown: dict[str, int] = {}
        self.start = np.zeros(2)

        self.surface_combo = QComboBox()
        for s in self._surfaces:
            self.surface_combo.addItem(surface_label(s.name))
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 2000)
        self.steps_spin.setValue(50)
        self.controls = PlaybackControls()
        self.checks: dict[str, QCheckBox] = {}
        self.lr_spins: dict[str, QDoubleSpinBox] = {}
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        self._build_plots()
        self._build_layout()
        self.surface_combo.currentIndexChanged.connect(self._on_surface_combo_currentIndexChanged)
        self.steps_spin.editingFinished.connect(self._on_settings_edited)
        self.controls.frame_changed.connect(self._on_controls_frame_changed)
        self.plot.clicked.connect(self._on_plot_clicked)
        self.surface_combo.setCurrentIndex(1)
        self._describe_optimizers()
        # the step's texts with values, in the new language
        follow_language(self, lambda: (self._on_controls_frame_changed(self.controls.frame),
                                       self._describe_optimizers()))

    def _describe_optimizers(self) -> None:
        """Each optimizer's check box and learning rate: tool tip and name, in the language now."""
        for key, name in OPTIMIZERS:
            self.checks[key].setToolTip(self.tr("Race {0}: show its path").format(name))
            self.lr_spins[key].setAccessibleName(self.tr("{0} learning rate").format(name))
            self.lr_spins[key].setToolTip(self.tr("The learning rate of {0}").format(name))

    def _build_plots(self) -> None:
        self.plot = SurfacePlot()
        self.loss_plot = make_plot(self.tr("step"), self.tr("f(x) (loss)"))
        legend = self.plot.addLegend(offset=(10, 10), brush=pg.mkBrush(255, 255, 255, 220))
        legend.setLabelTextColor("k")
        self._path_items, self._head_items, self._loss_items = {}, {}, {}
        for (key, name), colour in zip(OPTIMIZERS, COLOURS):
            pen = pg.mkPen(colour, width=2.5)
            self._path_items[key] = self.plot.plot(pen=pen, name=name)
            self._head_items[key] = pg.ScatterPlotItem(size=12, brush=colour, pen=pg.mkPen("k", width=1))
            self.plot.addItem(self._head_items[key])
            self._loss_items[key] = self.loss_plot.plot(pen=pen)
        self._start_item = pg.ScatterPlotItem(size=12, symbol="s", brush="w", pen=pg.mkPen("k", width=2))
        self.plot.addItem(self._start_item)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Surface:"), self.surface_combo)
        form.addRow(self.tr("Steps:"), self.steps_spin)
        self.surface_combo.setToolTip(self.tr("The function the optimizers race down"))
        self.steps_spin.setToolTip(self.tr("How many steps each optimizer takes"))
        box = QGroupBox(self.tr("Optimizers and their learning rates"))
        grid = QGridLayout(box)
        for row, ((key, name), colour) in enumerate(zip(OPTIMIZERS, COLOURS)):
            check = QCheckBox(name)
            check.setChecked(True)
            # the path's colour as a swatch: the name keeps the theme's text colour, readable in
            # both themes (the plot colours have 2:1 to 5:1 against a window)
            check.setIcon(colour_swatch(colour))
            spin = QDoubleSpinBox()
            spin.setDecimals(4)
            spin.setRange(0.0001, 10.0)
            spin.setSingleStep(0.01)
            check.toggled.connect(self._on_settings_edited)
            spin.editingFinished.connect(self._on_settings_edited)
            self.checks[key], self.lr_spins[key] = check, spin
            grid.addWidget(check, row, 0)
            grid.addWidget(spin, row, 1)
        hint = QLabel(self.tr("Click on the plot to start all of them from there."))
        hint.setWordWrap(True)
        side = QVBoxLayout()
        side.addLayout(form)
        for widget in (box, hint, self.controls, self.status_label):
            side.addWidget(widget)
        side.addWidget(self.loss_plot, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 2)
        layout.addWidget(self.plot, 3)

    def recompute(self) -> None:
        """Run every ticked optimizer from self.start and rewind the animation."""
        surface = self.plot.surface
        steps = self.steps_spin.value()
        self.paths, self.values, self.shown = {}, {}, {}
        for key, _ in OPTIMIZERS:
            if self.checks[key].isChecked():
                optimizer = make_optimizer(key, self.lr_spins[key].value())
                path = optimizer_path(surface, optimizer, self.start, steps)
                self.paths[key] = path
                self.values[key] = path_values(surface, path)[0]
                self.shown[key] = visible_steps(path, surface.x_range, surface.y_range)
        self._start_item.setData(pos=[self.start])
        self.loss_plot.setXRange(0, steps, padding=0.02)
        self.controls.set_frame_count(steps + 1)

    @Slot(int)
    def _on_controls_frame_changed(self, k: int) -> None:
        lines = []
        for (key, name), colour in zip(OPTIMIZERS, COLOURS):
            if key not in self.paths:
                for item in (self._path_items[key], self._loss_items[key]):
                    item.setData([], [])
                self._head_items[key].setData(pos=[])
                continue
            n = min(k, self.shown[key] - 1) + 1
            path = self.paths[key][:n]
            self._path_items[key].setData(path[:, 0], path[:, 1])
            self._head_items[key].setData(pos=path[-1:])
            self._loss_items[key].setData(np.arange(n), self.values[key][:n])
            if n < k + 1:
                state = self.tr("left the plot at step {n} (learning rate too large)").format(n=n)
            else:
                state = self.tr("x = {x}, f = {f}").format(x=fmt_point(path[-1]), f=fmt(self.values[key][n - 1]))
            # the colour on a mark, the name in the theme's text colour (readable in both themes)
            lines.append(f"<span style='color:{colour}'>■</span> <b>{name}</b>: {state}")
        self.status_label.setText(self.tr("step {k}").format(k=k) + "<br>" + "<br>".join(lines))

    @Slot(int)
    def _on_surface_combo_currentIndexChanged(self, index: int) -> None:
        surface = self._surfaces[index]
        self.plot.set_surface(surface)
        for key, lr in RACE_LRS.get(surface.name, {}).items():
            self.lr_spins[key].setValue(lr)
        self.start = np.array(surface.default_start, dtype=np.float64)
        self.recompute()

    @Slot()
    def _on_settings_edited(self) -> None:
        self.recompute()

    @Slot(float, float)
    def _on_plot_clicked(self, x0: float, x1: float) -> None:
        self.start = np.array([x0, x1])
        self.recompute()
