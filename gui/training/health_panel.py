"""The weights' health during a run: per layer, the weight histogram now against the start, the
gradient norm, the update-to-weight ratio and the dead or saturated units (nn.diagnostics)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from digitlab.gui.live_text import LiveTexts, follow_language
from digitlab.nn.training.diagnostics import HealthEvent

HISTORY = 2000          # points kept per layer; older ones thinned to every other
TARGET_RATIO = 1e-3     # practitioners aim the update-to-weight ratio near this


class HealthPanel(QWidget):
    """Shows the HealthEvents of a run (show_health), one layer at a time (the layer menu).

    No signals. Plot items are made once and given new data (setData) at every event shown;
    while the panel is hidden the events are kept and drawn when it is shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = LiveTexts(self)
        self.latest: HealthEvent | None = None
        self._stale = False
        self._history: dict[str, list[tuple[int, float, float, float]]] = {}
        self.layer_choice = QComboBox()
        self.layer_choice.setAccessibleName(self.tr("Layer"))
        self.layer_choice.setToolTip(self.tr("The weight matrix whose health the plots show"))
        self.layer_choice.currentIndexChanged.connect(self._on_layer_choice_currentIndexChanged)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Health of the layer"))
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.graphics.setToolTip(self.tr("Measured on a fixed batch of 100 training images about four times a second"))
        self._build_plots()
        top = QHBoxLayout()
        self.layer_label = QLabel(self.tr("Layer:"))
        top.addWidget(self.layer_label)
        top.addWidget(self.layer_choice)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.graphics, 1)
        follow_language(self, self._set_titles)
        self.clear()

    def _build_plots(self) -> None:
        self.hist_plot = self.graphics.addPlot(row=0, col=0)
        self.hist_plot.addLegend(offset=(-10, 10))
        self.start_curve = self.hist_plot.plot([0, 1], [0], stepMode="center", fillLevel=0,
                                               brush=(160, 160, 160, 90), pen=pg.mkPen((120, 120, 120)),
                                               name=self.tr("at the start"))
        self.now_curve = self.hist_plot.plot([0, 1], [0], stepMode="center",
                                             pen=pg.mkPen((20, 70, 160), width=2), name=self.tr("now"))
        self.ratio_plot = self.graphics.addPlot(row=0, col=1)
        self.ratio_plot.setLogMode(y=True)
        self.ratio_plot.setYRange(-6, 0, padding=0)     # whole decades: readable ticks at any ratio
        self.ratio_curve = self.ratio_plot.plot([], [], pen=pg.mkPen((200, 90, 20), width=2))
        self.ratio_target = pg.InfiniteLine(np.log10(TARGET_RATIO), angle=0,
                                            pen=pg.mkPen((30, 140, 60), style=pg.QtCore.Qt.PenStyle.DashLine))
        self.ratio_plot.addItem(self.ratio_target)
        self.grad_plot = self.graphics.addPlot(row=1, col=1)
        self.grad_curve = self.grad_plot.plot([], [], pen=pg.mkPen((120, 60, 160), width=2))
        self.share_plot = self.graphics.addPlot(row=1, col=0)
        self.share_plot.setYRange(0, 100, padding=0.02)
        self.share_curve = self.share_plot.plot([], [], pen=pg.mkPen((180, 30, 30), width=2))
        for plot in (self.hist_plot, self.ratio_plot, self.grad_plot, self.share_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
        self._set_titles()

    def _set_titles(self) -> None:
        self.hist_plot.setTitle(self.tr("Weights now and at the start"))
        self.hist_plot.setLabel("bottom", self.tr("weight value"))
        self.ratio_plot.setTitle(self.tr("Update/weight |lr·grad|/|W| (aim ~1e-3)"))
        self.ratio_plot.setLabel("bottom", self.tr("iteration"))
        self.grad_plot.setTitle(self.tr("Gradient norm |dL/dW|"))
        self.grad_plot.setLabel("bottom", self.tr("iteration"))
        self.share_plot.setTitle(self.tr("Dead or saturated units (%)"))
        self.share_plot.setLabel("bottom", self.tr("iteration"))

    def clear(self) -> None:
        """Forget the run (a new run starts)."""
        self.latest = None
        self._history = {}
        self.layer_choice.blockSignals(True)
        self.layer_choice.clear()
        self.layer_choice.blockSignals(False)
        for curve in (self.ratio_curve, self.grad_curve, self.share_curve):
            curve.setData([], [])
        self.start_curve.setData([0, 1], [0])
        self.now_curve.setData([0, 1], [0])
        self.texts.show(self.summary.setText, self.tr("Start a run: the weights' health appears here while it trains."))

    @Slot(object)
    def show_health(self, event: HealthEvent) -> None:
        """Add one measurement of the run."""
        self.latest = event
        if self.layer_choice.count() != len(event.layers):
            self.layer_choice.blockSignals(True)
            self.layer_choice.clear()
            self.layer_choice.addItems([layer.name for layer in event.layers])
            self.layer_choice.blockSignals(False)
        for layer in event.layers:
            rows = self._history.setdefault(layer.name, [])
            share = layer.dead_share if layer.dead_share is not None else layer.saturated_share
            rows.append((event.iteration, layer.grad_norm, layer.update_ratio,
                         np.nan if share is None else 100 * share))
            if len(rows) > HISTORY:
                del rows[::2]
        # hidden (another view is on screen): drawn when shown, so that the GUI thread does not
        # hold the interpreter lock repainting plots nobody sees while the run trains
        if self.isVisible():
            self._show_layer()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale and self.latest is not None:
            self._show_layer()

    @Slot(int)
    def _on_layer_choice_currentIndexChanged(self, index: int) -> None:
        if self.latest is not None:
            self._show_layer()

    def _show_layer(self) -> None:
        self._stale = False
        index = max(self.layer_choice.currentIndex(), 0)
        layer = self.latest.layers[index]
        centres = layer.edges
        self.start_curve.setData(centres, layer.start_histogram)
        self.now_curve.setData(centres, layer.histogram)
        rows = np.array(self._history[layer.name], dtype=np.float64)
        self.grad_curve.setData(rows[:, 0], rows[:, 1])
        # a log axis: a zero step (a paused layer) shows at the bottom instead of vanishing
        self.ratio_curve.setData(rows[:, 0], np.maximum(rows[:, 2], 1e-6))
        shares = rows[:, 3]
        if np.isnan(shares).all():
            self.share_curve.setData([], [])
        else:
            self.share_curve.setData(rows[:, 0], np.nan_to_num(shares))
        self.texts.show(self.summary.setText, lambda: self._summary_text(layer))

    def _summary_text(self, layer) -> str:
        text = self.tr("{0} at iteration {1}: |W| {2:.3g}, |dL/dW| {3:.3g}, update/weight {4:.1e}").format(
            layer.name, self.latest.iteration, layer.weight_norm, layer.grad_norm, layer.update_ratio)
        if layer.dead_share is not None:
            text += self.tr("; dead ReLU units {0:.0%}").format(layer.dead_share)
        if layer.saturated_share is not None:
            text += self.tr("; saturated sigmoid units {0:.0%}").format(layer.saturated_share)
        return text
