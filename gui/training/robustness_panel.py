"""How sure and how sturdy a model is: the reliability diagram with its calibration error, the
coverage curve with the Draw tab's "not sure" threshold, robustness curves of two models side by
side, and the MNIST-C-style corruption table (nn.calibration, nn.robustness)."""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from digitlab.gui.live_text import LiveTexts, follow_language
from digitlab.gui.log import show_error
from digitlab.gui.training.evaluation_panel import digit_icon
from digitlab.gui.workers import TaskRunner, WorkerFailure
from digitlab.nn.training.calibration import (NOT_SURE_BELOW, Coverage, Reliability, confidence_and_correct,
                                     coverage_curve, reliability)
from digitlab.nn.training.robustness import CorruptionTable, RobustnessCurve, corruption_table, robustness_curves

SAMPLES = 2000       # test images measured in the app (the command line takes all 10,000)
COLOURS = ((20, 70, 160), (200, 90, 20))


@dataclass(frozen=True)
class Sturdiness:
    """What the panel shows, computed on a worker thread: per model its reliability and coverage,
    the robustness curves of both and the corruption table."""

    reliability: tuple[Reliability, ...]
    coverage: tuple[Coverage, ...]
    curves: tuple[dict[str, RobustnessCurve], ...]
    table: CorruptionTable


def measure(networks, x, t, cancel=None) -> Sturdiness:
    """Everything the panel shows for networks (1 or 2) on x (N, 784), t (N,)."""
    rel, cov = [], []
    for network in networks:
        confidence, correct = confidence_and_correct(network.probabilities(x), t)
        rel.append(reliability(confidence, correct))
        cov.append(coverage_curve(confidence, correct))
    curves = robustness_curves(networks, x, t, cancel=cancel)
    return Sturdiness(tuple(rel), tuple(cov), tuple(curves), corruption_table(networks, x, t, cancel=cancel))


def shown(name) -> str:
    """A model's name: name itself, or name() for a name made in the current language."""
    return name() if callable(name) else name


class RobustnessPanel(QWidget):
    """Measures the current model (set_model) and a second one (set_second_model; the shipped model
    by default, or a file) on the first SAMPLES test images, on a worker thread.

    Signals:
        image_chosen(object, str): a corruption's example was clicked; (28, 28) float32, ink = 1,
            and the corruption's name in the user's language.
        not_sure_changed(float): the "not sure" threshold was moved on the coverage curve.
    data: the MnistCache.
    """

    image_chosen = Signal(object, str)
    not_sure_changed = Signal(float)

    def __init__(self, data, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = data
        self._models: list[tuple[object, str] | None] = [None, None]
        self.result: Sturdiness | None = None
        self._names: tuple = ()     # the measured models' names: str, or a function making one
        self._cancel = threading.Event()
        self.threshold = NOT_SURE_BELOW
        self.texts = LiveTexts(self)
        self.tasks = TaskRunner(self)
        self.tasks.failed.connect(self._on_tasks_failed)
        self.measure_button = QPushButton(self.tr("Measure how sure and how sturdy"))
        self.measure_button.setToolTip(self.tr(
            "Reliability, coverage, robustness curves and corruptions on 2,000 test images"))
        self.measure_button.clicked.connect(self.start)
        self.second_button = QPushButton(self.tr("Second model..."))
        self.second_button.setToolTip(self.tr(
            "The model to compare with, e.g. the textbook's sample_weight.pkl (default: the shipped model)"))
        self.second_button.clicked.connect(self._on_second_button_clicked)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Calibration and coverage"))
        self.confidence_graphics = pg.GraphicsLayoutWidget()
        self.curves_graphics = pg.GraphicsLayoutWidget()
        for graphics in (self.confidence_graphics, self.curves_graphics):
            graphics.setBackground("w")
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Corruption table"))
        self.table.setToolTip(self.tr("Click a row to load its corrupted digit into the Draw tab"))
        self.table.setIconSize(QSize(56, 56))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellClicked.connect(self._on_table_cellClicked)
        self._build_plots()
        self._lay_out()
        follow_language(self, self._retranslate)
        self._show_models()

    def _build_plots(self) -> None:
        g = self.confidence_graphics
        self.reliability_plot = g.addPlot(row=0, col=0)
        self.reliability_plot.plot([0, 1], [0, 1], pen=pg.mkPen((150, 150, 150), style=Qt.PenStyle.DashLine))
        self.reliability_bars = pg.BarGraphItem(x=np.zeros(1), height=np.zeros(1), width=0.08,
                                                brush=(20, 70, 160, 160))
        self.reliability_plot.addItem(self.reliability_bars)
        self.reliability_second = self.reliability_plot.plot([], [], pen=pg.mkPen(COLOURS[1], width=2),
                                                             symbol="o", symbolSize=5, symbolBrush=COLOURS[1])
        self.coverage_plot = g.addPlot(row=0, col=1)
        self.coverage_plot.setYRange(0, 100, padding=0.02)
        self.coverage_curve = self.coverage_plot.plot([], [], pen=pg.mkPen((20, 70, 160), width=2))
        self.coverage_accuracy = self.coverage_plot.plot([], [], pen=pg.mkPen((30, 140, 60), width=2))
        self.threshold_line = pg.InfiniteLine(self.threshold, angle=90, movable=True, bounds=(0.0, 0.99),
                                              pen=pg.mkPen((180, 30, 30), width=2))
        self.threshold_line.sigPositionChangeFinished.connect(self._on_threshold_line_moved)
        self.coverage_plot.addItem(self.threshold_line)
        self.curve_plots, self.curve_items = {}, {}
        for i, kind in enumerate(("noise", "rotation", "thickness", "shift")):
            plot = self.curves_graphics.addPlot(row=i // 2, col=i % 2)
            plot.setYRange(0, 100, padding=0.02)
            self.curve_plots[kind] = plot
            self.curve_items[kind] = [plot.plot([], [], pen=pg.mkPen(colour, width=2), symbol="o",
                                                symbolSize=5, symbolBrush=colour) for colour in COLOURS]
        for plot in (self.reliability_plot, self.coverage_plot, *self.curve_plots.values()):
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
        self._set_titles()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.measure_button)
        buttons.addWidget(self.second_button)
        buttons.addStretch(1)
        self.pages = QTabWidget()
        self.pages.addTab(self.confidence_graphics, self.tr("How sure"))
        self.pages.addTab(self.curves_graphics, self.tr("Robustness curves"))
        self.pages.addTab(self.table, self.tr("Corruptions (MNIST-C)"))
        self.pages.setTabToolTip(0, self.tr("Reliability diagram and coverage curve of the model"))
        self.pages.setTabToolTip(1, self.tr("Test accuracy against noise, rotation, thickness and shift, both models"))
        self.pages.setTabToolTip(2, self.tr("Accuracy under corruptions in the manner of MNIST-C, both models"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)

    def _set_titles(self) -> None:
        self.reliability_plot.setTitle(self.tr("Reliability: accuracy against confidence"))
        self.reliability_plot.setLabel("bottom", self.tr("predicted probability"))
        self.coverage_plot.setTitle(self.tr("Answered (blue) and right (green), %"))
        self.coverage_plot.setLabel("bottom", self.tr("'not sure' below probability p (drag the red line)"))
        titles = {"noise": self.tr("Gaussian noise (sigma)"), "rotation": self.tr("Rotation (degrees)"),
                  "thickness": self.tr("Stroke thickness (- thinner, + thicker)"),
                  "shift": self.tr("Shift (pixels)")}
        for kind, plot in self.curve_plots.items():
            plot.setTitle(titles[kind])
            plot.setLabel("left", self.tr("accuracy (%)"))
        self.table.setHorizontalHeaderLabels([self.tr("example"), self.tr("corruption"), "", ""])
        self._set_table_headers()

    def _set_table_headers(self) -> None:
        names = [shown(name) for name in self._names[:2]]
        if self.result is not None:
            names = [self.tr("{0}\n(clean {1:.1%})").format(name, clean)
                     for name, clean in zip(names, self.result.table.clean)]
        self.table.setHorizontalHeaderLabels([self.tr("example"), self.tr("corruption"), *names]
                                             + [""] * (2 - len(names)))

    def _retranslate(self) -> None:
        self._set_titles()
        self._show_models()
        if self.result is not None:
            self._fill_table(self.result.table)

    # -- the models ---------------------------------------------------------------------------------
    def set_model(self, network, name) -> None:
        """The model to measure (the one the Evaluation panel shows); name: a str, or a function
        making it in the current language."""
        self._models[0] = None if network is None else (network, name)
        self._show_models()

    def set_second_model(self, network, name) -> None:
        """The model to compare with (None: the shipped model)."""
        self._models[1] = None if network is None else (network, name)
        self._show_models()

    def _second(self) -> tuple[object, str] | None:
        if self._models[1] is not None:
            return self._models[1]
        from digitlab import resources
        from digitlab.nn.files.model_io import ModelFileError, load_any

        try:
            network, _ = load_any(resources.path(*resources.DEFAULT_MODEL))
        except ModelFileError:    # no shipped model (a checkout without it): one model only
            return None
        return network, lambda: self.tr("shipped model")

    def _show_models(self) -> None:
        self.measure_button.setEnabled(self._models[0] is not None and not self.tasks.busy)
        if self.result is None:
            first, second = self._models

            def text() -> str:
                return self.tr("Model: {0}; compared with: {1}. Press Measure (about ten seconds).").format(
                    shown(first[1]) if first is not None else self.tr("none"),
                    shown(second[1]) if second is not None else self.tr("shipped model"))
            self.texts.show(self.summary.setText, text)

    @Slot()
    def _on_second_button_clicked(self) -> None:
        from digitlab.nn.files.model_io import ModelFileError, load_any

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Second model"), "",
                                              self.tr("Models (*.npz *.pkl)"))
        if not path:
            return
        try:
            network, _ = load_any(path)
        except (ModelFileError, OSError) as error:
            show_error(self, self.tr("Second model"), self.tr("This file cannot be used as a model."),
                       str(error), summary=str(error), log=False)
            return
        from pathlib import Path
        self.set_second_model(network, Path(path).name)

    # -- measuring ------------------------------------------------------------------------------------
    @Slot()
    def start(self) -> bool:
        """Measure both models on a worker thread (asks to download MNIST if missing)."""
        from digitlab.gui.training.download_dialog import ensure_mnist

        if self._models[0] is None or self.tasks.busy or not ensure_mnist(self._data, self):
            return False
        pairs = [self._models[0]]
        second = self._second()
        if second is not None:
            pairs.append(second)
        networks = [network for network, _ in pairs]
        self._pending_names = tuple(name for _, name in pairs)
        data = self._data
        self._cancel.clear()
        cancel = self._cancel.is_set

        def work():
            _, (x, t) = data.get()
            return measure(networks, x[:SAMPLES], t[:SAMPLES], cancel), x[:SAMPLES]

        self.measure_button.setEnabled(False)
        self.texts.show(self.summary.setText, self.tr("Measuring..."))
        return self.tasks.run(work, self._on_measured)

    def _on_measured(self, result) -> None:
        self.result, self._x = result
        self._names = self._pending_names
        self.show_result(self.result)
        self._show_models()

    def show_result(self, result: Sturdiness) -> None:
        centres = (result.reliability[0].edges[:-1] + result.reliability[0].edges[1:]) / 2
        first = result.reliability[0]
        self.reliability_bars.setOpts(x=centres, height=np.nan_to_num(first.accuracy))
        if len(result.reliability) > 1:
            second = result.reliability[1]
            keep = second.counts > 0
            self.reliability_second.setData(second.confidence[keep], second.accuracy[keep])
        else:
            self.reliability_second.setData([], [])
        cover = result.coverage[0]
        self.coverage_curve.setData(cover.thresholds, 100 * cover.coverage)
        self.coverage_accuracy.setData(cover.thresholds, 100 * np.nan_to_num(cover.accuracy))
        for kind, items in self.curve_items.items():
            for i, item in enumerate(items):
                if i < len(result.curves):
                    curve = result.curves[i][kind]
                    item.setData(np.array(curve.levels), 100 * curve.accuracy)
                else:
                    item.setData([], [])
        self._fill_table(result.table)
        self._show_summary()

    def _show_summary(self) -> None:
        result = self.result
        if result is None:
            return

        def text() -> str:
            names = [shown(name) for name in self._names]
            coverage, accuracy = result.coverage[0].at(self.threshold)
            parts = [self.tr("{0}: calibration error (ECE) {1:.2%}").format(name, rel.ece)
                     for name, rel in zip(names, result.reliability)]
            line = self.tr("If {0} may say 'not sure' below probability {1:.2f} (the Draw tab's line), "
                           "it answers {2:.1%} of the test digits with {3:.2%} accuracy.").format(
                names[0], self.threshold, coverage, accuracy)
            legend = self.tr("Curves: blue {0}, orange {1}.").format(*names) if len(names) > 1 else ""
            return "; ".join(parts) + ". " + line + " " + legend
        self.texts.show(self.summary.setText, text)

    def corruption_name(self, name: str) -> str:
        """The corruption's name in the user's language."""
        return {
            "shot_noise": self.tr("shot noise"), "impulse_noise": self.tr("impulse noise"),
            "glass_blur": self.tr("glass blur"), "motion_blur": self.tr("motion blur"),
            "shear": self.tr("shear"), "scale": self.tr("scale"), "rotate": self.tr("rotate"),
            "translate": self.tr("translate"), "brightness": self.tr("brightness"),
            "stripe": self.tr("stripe"), "fog": self.tr("fog"), "spatter": self.tr("spatter"),
            "dotted_line": self.tr("dotted line"), "zigzag": self.tr("zigzag"),
            "canny_edges": self.tr("Canny edges"),
        }.get(name, name.replace("_", " "))

    def _fill_table(self, table: CorruptionTable) -> None:
        self._set_table_headers()
        self.table.setRowCount(len(table.names))
        for row, name in enumerate(table.names):
            icon_item = QTableWidgetItem(digit_icon(table.examples[row], 2), "")
            icon_item.setToolTip(self.tr("Click to load this digit into the Draw tab"))
            self.table.setItem(row, 0, icon_item)
            self.table.setItem(row, 1, QTableWidgetItem(self.corruption_name(name)))
            for m in range(2):
                text = f"{table.accuracy[m, row]:.1%}" if m < len(table.clean) else ""
                self.table.setItem(row, 2 + m, QTableWidgetItem(text))
            self.table.setRowHeight(row, 60)
        self.table.resizeColumnsToContents()

    @Slot(int, int)
    def _on_table_cellClicked(self, row: int, column: int) -> None:
        if self.result is not None and 0 <= row < len(self.result.table.names):
            image = self.result.table.examples[row].reshape(28, 28).astype(np.float32, copy=True)
            self.image_chosen.emit(image, self.corruption_name(self.result.table.names[row]))

    @Slot()
    def _on_threshold_line_moved(self) -> None:
        self.set_threshold(float(self.threshold_line.value()))

    def set_threshold(self, threshold: float) -> None:
        """The "not sure" threshold (also the Draw tab's, through not_sure_changed)."""
        self.threshold = round(min(max(threshold, 0.0), 0.99), 2)
        self.threshold_line.setValue(self.threshold)
        self._show_summary()
        self.not_sure_changed.emit(self.threshold)

    @Slot(object)
    def _on_tasks_failed(self, failure: WorkerFailure) -> None:
        text = self.tr("Measuring failed; press the button to try again.")
        self.texts.show(self.summary.setText, text)
        show_error(self, self.tr("Evaluation"), text, failure.details, summary=failure.summary, log=False)
        self._show_models()

    def shutdown(self) -> None:
        self._cancel.set()
        self.tasks.shutdown()
