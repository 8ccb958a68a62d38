"""One neuron opened: its weighted sum as the course writes it, its activation, what it looks for;
for the output layer, softmax step by step with a temperature."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (QDoubleSpinBox, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from digitlab.gui.draw.heatmap import Heatmap, diverging_lut
from digitlab.gui.draw.probability_bars import BarChart
from digitlab.gui.inside.function_plot import FunctionPlot
from digitlab.gui.live_text import follow_language
from digitlab.nn.model.inside import activation_curve, first_layer_images, neuron_sum, softmax_steps, trace

TOP_TERMS = 6


class NeuronPanel(QWidget):
    """The neuron clicked in the diagram, for the current drawing.

    Any layer: a = x1·w1 + x2·w2 + ... + b with the largest terms and their values, the sum of the
    rest and the bias. A hidden neuron: its activation function's curve with (a, h(a)) marked; in
    the first layer also its 784 weights and the weights times the drawing's pixels as 28x28
    pictures. The output layer: softmax step by step (a, a/T - max, exp, their sum, y) with a
    temperature T (1 = the model) and the probabilities as bars.

    Signals: none. The Inside tab calls set_model(network), set_input(x (784,) or None) and
    set_neuron(layer, index) (layer 1..L).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network = None
        self.unsupported = False   # the model given is a ConvNet: it has no neurons to open here
        self.x = np.zeros(784, np.float32)
        self.neuron: tuple[int, int] | None = None
        self.summed = None          # the NeuronSum shown
        self.steps = None           # the SoftmaxSteps shown (output layer)
        self._dirty = False
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.sum_label = QLabel()
        self.sum_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sum_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.curve = FunctionPlot()
        self.weights = Heatmap(diverging_lut())
        self.products = Heatmap(diverging_lut())
        self.weights_caption, self.products_caption = QLabel(), QLabel()
        for caption in (self.weights_caption, self.products_caption):
            caption.setWordWrap(True)
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.05, 20.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setDecimals(2)
        self.temperature.setValue(1.0)
        self.temperature.valueChanged.connect(self._on_temperature_value_changed)
        self.temperature_label = QLabel()
        self.temperature_label.setBuddy(self.temperature)
        self.table = QTableWidget(10, 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 2)
        self.total_label = QLabel()
        self.bars = BarChart("", "")
        self.bars.setMinimumHeight(120)
        self._build_layout()
        self.retranslate()
        follow_language(self, self.retranslate)
        self._show()

    def _build_layout(self) -> None:
        self.images = QWidget()
        images = QGridLayout(self.images)
        images.setContentsMargins(0, 0, 0, 0)
        images.addWidget(self.weights, 0, 0)
        images.addWidget(self.products, 0, 1)
        images.addWidget(self.weights_caption, 1, 0)
        images.addWidget(self.products_caption, 1, 1)
        self.softmax = QWidget()
        softmax = QGridLayout(self.softmax)
        softmax.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.temperature_label)
        row.addWidget(self.temperature)
        row.addStretch(1)
        softmax.addLayout(row, 0, 0)
        softmax.addWidget(self.table, 1, 0)
        softmax.addWidget(self.total_label, 2, 0)
        softmax.addWidget(self.bars, 0, 1, 3, 1)
        softmax.setColumnStretch(0, 3)
        softmax.setColumnStretch(1, 2)
        body = QHBoxLayout()
        body.addWidget(self.sum_label, 2)
        body.addWidget(self.curve, 2)
        body.addWidget(self.images, 2)
        body.addWidget(self.softmax, 5)
        self.sum_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)

    def retranslate(self) -> None:
        """Fixed texts in the current language; the sums are made again (they hold sentences)."""
        self.temperature_label.setText(self.tr("&Temperature T:"))
        tip = self.tr("Softmax of a / T: below 1 the bars sharpen, above 1 they flatten (T = 1 is the model)")
        self.temperature.setToolTip(tip)
        self.temperature.setAccessibleName(self.tr("Softmax temperature"))
        self.table.setAccessibleName(self.tr("Softmax step by step"))
        self.table.setToolTip(self.tr("Each score a, then a / T minus the largest, its exp, and exp / their sum"))
        self.table.setHorizontalHeaderLabels(["a", self.tr("a/T − max"), "exp", "y"])
        self.weights_caption.setText(self.tr("Its 784 weights (red +, blue −)"))
        self.products_caption.setText(self.tr("Weights × this drawing's pixels"))
        self.weights.setAccessibleName(self.tr("The neuron's weights as a 28×28 image"))
        self.products.setAccessibleName(self.tr("The weights times the input pixels"))
        self.curve.setAccessibleName(self.tr("Activation function with the neuron's point"))
        self.bars.y_title = self.tr("probability")
        self.bars.x_title = self.tr("digit")
        self._show()


    # --- the Inside tab's contract ------------------------------------------------------
    def set_model(self, network) -> None:
        """The network whose neurons are opened; a convolutional one (no neurons of its own in
        the diagram) is not shown, and the panel says so."""
        self.unsupported = network is not None and not hasattr(network, "sizes")
        if self.unsupported:
            network = None
        if network is None or self.network is None or network.sizes != self.network.sizes:
            self.neuron = None
        self.network = network
        self._show()

    def set_input(self, x: np.ndarray | None) -> None:
        self.x = np.zeros(784, np.float32) if x is None else np.asarray(x, np.float32).reshape(-1)
        self._show()

    def set_neuron(self, layer: int, index: int) -> None:
        self.neuron = (layer, index)
        self._show()

    # --- showing ------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._show()

    def _show(self) -> None:
        if not self.isVisible() and self.neuron is not None and self.network is not None:
            self._dirty = True      # done when shown: a stroke costs nothing while another section is up
            return
        self._dirty = False
        if self.network is None or self.neuron is None:
            self.summed = self.steps = None
            self.title.setText(self.tr(
                "One neuron is for the fully connected network: choose the default model on the "
                "Draw tab to open its neurons.") if self.unsupported
                else self.tr("Click a neuron in the diagram above to open it."))
            for part in (self.sum_label, self.curve, self.images, self.softmax):
                part.setVisible(part is self.sum_label)
            self.sum_label.setText("")
            return
        layer, index = self.neuron
        tr = trace(self.network, self.x)
        output = layer == tr.depth
        self.summed = neuron_sum(self.network, tr, layer, index, TOP_TERMS)
        if output:
            self.title.setText(self.tr("Output neuron {0}: the score a of the digit {0}, before softmax")
                               .format(index))
        else:
            self.title.setText(self.tr("Neuron {0} of hidden layer {1} ({2} inputs, {3})")
                               .format(index, layer, self.network.sizes[layer - 1], self.network.activation))
        self.sum_label.setText(self._sum_text(layer, output))
        self.curve.setVisible(not output)
        self.images.setVisible(layer == 1)
        self.softmax.setVisible(output)
        if output:
            self._show_softmax(tr.a[-1])
        else:
            s = self.summed
            lo, hi = min(-5.0, s.a - 1.0), max(5.0, s.a + 1.0)
            self.curve.set_curves([(self.network.activation, *activation_curve(self.network.activation, lo, hi))])
            self.curve.set_point((s.a, s.h))
        if layer == 1:
            weights, products = first_layer_images(self.network, self.x, index)
            w = max(float(np.abs(weights).max()), 1e-6)
            p = max(float(np.abs(products).max()), 1e-6)
            self.weights.set_values(weights, (-w, w))
            self.products.set_values(products, (-p, p))

    def _input_name(self, layer: int, i: int) -> str:
        if layer == 1:
            return self.tr("pixel ({0}, {1})").format(*divmod(int(i), 28))
        return f"z{layer - 1}[{int(i)}]"

    def _sum_text(self, layer: int, output: bool) -> str:
        s = self.summed
        others = self.tr("+ the other {0} terms").format(s.n_terms - s.index.size)
        bias = self.tr("+ bias b")
        rows = [f"<tr><td colspan=2><b>a = x₁·w₁ + x₂·w₂ + … + b</b></td></tr>"]
        for i, x, w, t in zip(s.index, s.inputs, s.weights, s.terms):
            rows.append(f"<tr><td>{self._input_name(layer, i)}</td>"
                        f"<td align=right>{x:.3f} × {w:+.3f} = {t:+.4f}</td></tr>")
        rows.append(f"<tr><td>{others}</td>"
                    f"<td align=right>{s.rest:+.4f}</td></tr>")
        rows.append(f"<tr><td>{bias}</td><td align=right>{s.bias:+.4f}</td></tr>")
        rows.append(f"<tr><td><b>= a</b></td><td align=right><b>{s.a:.4f}</b></td></tr>")
        if not output:
            rows.append(f"<tr><td><b>h(a) = {self.network.activation}(a)</b></td>"
                        f"<td align=right><b>{s.h:.4f}</b></td></tr>")
        return "<table cellspacing=2>" + "".join(rows) + "</table>"

    def _show_softmax(self, a: np.ndarray) -> None:
        self.steps = steps = softmax_steps(a, self.temperature.value())
        for k in range(10):
            for column, value in enumerate((steps.a[k], steps.shifted[k], steps.exp[k], steps.y[k])):
                item = self.table.item(k, column)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(k, column, item)
                item.setText(f"{value:.4g}" if column == 2 else f"{value:.4f}")
        self.table.setVerticalHeaderLabels([str(k) for k in range(10)])
        self.total_label.setText(self.tr("sum of exp = {0:.4f}; y = exp / sum, and the y add up to {1:.4f}")
                                 .format(steps.total, float(steps.y.sum())))
        self.bars.set_heights(steps.y, int(np.argmax(steps.y)))

    @Slot(float)
    def _on_temperature_value_changed(self, _value: float) -> None:
        self._show()
