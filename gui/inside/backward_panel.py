"""Backward, for this one drawing: the loss, y - t, the gradient reaching each hidden layer, dW1 as
pictures, one SGD step at a time, and the numerical gradient beside backprop for a few weights."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from digitlab.gui.draw.heatmap import Heatmap, diverging_lut
from digitlab.gui.draw.inside_view import activation_grid
from digitlab.gui.draw.probability_bars import BarChart
from digitlab.gui.live_text import follow_language
from digitlab.nn.model.backward_view import (as_float64, backward, dW1_tiles, gradient_check,
                                             largest_entries, sgd_step, strongest_neurons)
from digitlab.nn.model.network import MultiLayerNet

TILES = 4
POSITIVE = QColor(200, 60, 40)
NEGATIVE = QColor(40, 90, 200)


class SignedBars(QWidget):
    """Ten bars 0-9 up or down from a zero line (y - t), scaled to the largest |value|, which is
    written at the top left (an error of 0.006 is as visible as one of 0.9). Signals: none.
    Call set_values(v (10,))."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values = np.zeros(10)
        self.setMinimumSize(160, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(220, 150)

    def set_values(self, values: np.ndarray) -> None:
        self.values = np.asarray(values, float)
        self.scale = float(np.max(np.abs(self.values))) if self.values.size else 0.0
        self.update()

    scale = 0.0

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        line = self.fontMetrics().height()
        plot = QRectF(4, 4, max(1.0, self.width() - 8), max(1.0, self.height() - line - 10))
        slot = plot.width() / len(self.values)
        zero = plot.center().y()
        painter.setPen(Qt.PenStyle.NoPen)
        for d, v in enumerate(self.values):
            painter.setBrush(POSITIVE if v > 0 else NEGATIVE)
            h = -v / (self.scale or 1.0) * plot.height() / 2
            painter.drawRect(QRectF(plot.left() + (d + 0.15) * slot, zero, 0.7 * slot, h).normalized())
        painter.setPen(text)
        painter.drawLine(int(plot.left()), int(zero), int(plot.right()), int(zero))
        if self.scale:
            painter.drawText(QRectF(plot.left(), plot.top(), plot.width(), line),
                             Qt.AlignmentFlag.AlignLeft, f"±{self.scale:.3g}")
        for d in range(len(self.values)):
            painter.drawText(QRectF(plot.left() + d * slot, plot.bottom() + 4, slot, line),
                             Qt.AlignmentFlag.AlignCenter, str(d))
        painter.end()


class BackwardPanel(QWidget):
    """One drawing's backward pass (nn.backward_view) and "Take one SGD step".

    The Inside tab calls set_model(network) and set_input(x (784,) or None). The label defaults to
    the predicted digit. The panel works on a float64 copy of the model, made once per model (the
    backward pass of one drawing then takes a few ms); SGD steps change that copy (its bars move),
    never the model given; "Back to the model" drops them. Work is done when the panel is visible.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._network = None     # the model given
        self._copy = None        # its float64 copy (nn.backward_view.as_float64), made when needed
        self._stepped = False    # SGD steps were taken on the copy
        self._x: np.ndarray | None = None
        self._dirty = False
        self.steps = 0
        self.unsupported = False  # the model given is not a MultiLayerNet
        self.result = None       # the last Backward
        self.checks = []         # the last GradientChecks
        self._build()
        self.retranslate()
        follow_language(self, self.retranslate)

    def _build(self) -> None:
        self.title = QLabel()
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.label_caption = QLabel()
        self.label_combo = QComboBox()
        self.label_combo.addItem("", -1)
        for digit in range(10):
            self.label_combo.addItem(str(digit), digit)
        self.label_combo.currentIndexChanged.connect(self._on_label_combo_current_index_changed)
        self.lr_caption = QLabel()
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setRange(0.001, 5.0)
        self.lr_spin.setDecimals(3)
        self.lr_spin.setSingleStep(0.05)
        self.lr_spin.setValue(0.1)
        self.step_button = QPushButton()
        self.step_button.clicked.connect(self.take_step)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_to_model)
        self.loss_label = QLabel()
        self.loss_label.setWordWrap(True)
        self.bars = BarChart("", "")
        self.error_caption = QLabel()
        self.error_bars = SignedBars()
        self.hidden_box = QHBoxLayout()
        self.hidden_maps: list[Heatmap] = []
        self.hidden_captions: list[QLabel] = []
        self.tiles_caption = QLabel()
        self.tiles_caption.setWordWrap(True)
        self.tiles = [Heatmap(diverging_lut()) for _ in range(TILES)]
        self.tile_captions = [QLabel() for _ in range(TILES)]
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(150)
        for column in range(4):
            self.table.setHorizontalHeaderItem(column, QTableWidgetItem())

        controls = QHBoxLayout()
        for widget in (self.label_caption, self.label_combo, self.lr_caption, self.lr_spin,
                       self.step_button, self.back_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        error = QVBoxLayout()
        error.addWidget(self.error_caption)
        error.addWidget(self.error_bars, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.bars, 2)
        middle.addLayout(error, 2)
        middle.addLayout(self.hidden_box, 3)
        tiles = QGridLayout()
        tiles.addWidget(self.tiles_caption, 0, 0, 1, TILES)
        for i, (tile, caption) in enumerate(zip(self.tiles, self.tile_captions)):
            tile.setMinimumSize(70, 70)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tiles.addWidget(tile, 1, i)
            tiles.addWidget(caption, 2, i)
        bottom = QHBoxLayout()
        bottom.addLayout(tiles, 1)
        bottom.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addLayout(controls)
        layout.addWidget(self.loss_label)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom, 1)

    def retranslate(self) -> None:
        """Every text in the current language, those with values made again from the values."""
        self.title.setText(self.tr("<b>Backward, for this one drawing</b>"))
        self.help.setText(self.tr(
            "Backpropagation for your drawing: the error y − t at the output travels back through "
            "the layers; dW1 for one neuron is your drawing times that neuron's error. "
            "One SGD step changes this panel's copy of the model: W ← W − lr·dW."))
        self.label_caption.setText(self.tr("Correct label t:"))
        self.lr_caption.setText(self.tr("Learning rate:"))
        controls = (
            (self.label_combo, self.tr("Correct label"), self.tr("The digit the drawing should be (the one-hot t)")),
            (self.lr_spin, self.tr("Learning rate"), self.tr("lr of the SGD step")),
            (self.step_button, self.tr("Take one SGD step"), self.tr(
                "Move every weight one step against its gradient for this drawing and label")),
            (self.back_button, self.tr("Back to the model"), self.tr("Drop the SGD steps taken here")),
            (self.bars, self.tr("Probabilities"), self.tr("The softmax output y of the model in this panel")),
            (self.error_bars, self.tr("Error at the output"), self.tr("y − t for each digit: what backward starts from")),
            (self.table, self.tr("Numerical and backprop gradients"), self.tr(
                "For the weight with the largest gradient of each parameter: backprop against the "
                "course's numerical gradient (central difference, h = 1e-4)")),
        )
        for widget, name, tip in controls:
            if isinstance(widget, QPushButton):
                widget.setText(name)
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
        self.error_caption.setText(self.tr("Error at the output, y − t"))
        self.bars.y_title, self.bars.x_title = self.tr("probability y"), self.tr("digit")
        self.bars.update()
        self.tiles_caption.setText(self.tr(
            "dW1 of the {0} first-layer neurons with the largest error (red = the weight grows at the step)")
            .format(TILES))
        for column, text in enumerate((self.tr("Weight"), self.tr("Backprop"), self.tr("Numerical"),
                                       self.tr("Relative error"))):
            self.table.horizontalHeaderItem(column).setText(text)
        self._show()

    # --- the contract with the Inside tab ----------------------------------------------
    def set_model(self, network) -> None:
        """Show the backward pass of network (SGD steps taken here are dropped)."""
        self.unsupported = network is not None and not isinstance(network, MultiLayerNet)
        if self.unsupported:   # a ConvNet: its layers are not the chain shown here
            network = None
        self._network, self._copy, self._stepped, self.steps = network, None, False, 0
        self._build_hidden_maps()
        self._update()

    def set_input(self, x: np.ndarray | None) -> None:
        """The drawing, x (784,) float32 preprocessed, or None."""
        self._x = None if x is None else np.asarray(x, np.float32).reshape(-1)
        self._update()

    @property
    def network(self):
        """The model this panel shows: a float64 copy of the one given, SGD steps included."""
        if self._copy is None and self._network is not None:
            self._copy = as_float64(self._network)
            if self._copy is self._network:   # a float64 model given: steps must not reach it
                self._copy = self._network.copy()
        return self._copy

    def label(self) -> int | None:
        """The label t: the one chosen, else the predicted digit (None without a drawing or model)."""
        if self.network is None or self._x is None:
            return None
        chosen = self.label_combo.currentData()
        if chosen is not None and chosen >= 0:
            return int(chosen)
        return int(np.argmax(self.network.predict(self._x.astype(self.network.dtype))))

    # --- actions -----------------------------------------------------------------------
    @Slot()
    def take_step(self) -> None:
        label = self.label()
        if label is None:
            return
        sgd_step(self.network, self._x, label, self.lr_spin.value())
        self._stepped = True
        self.steps += 1
        self._update(force=True)

    @Slot()
    def back_to_model(self) -> None:
        if self._stepped:
            self._copy, self._stepped = None, False
        self.steps = 0
        self._update(force=True)

    @Slot(int)
    def _on_label_combo_current_index_changed(self, index: int) -> None:
        self._update()

    # --- computing and showing ---------------------------------------------------------
    def _update(self, force: bool = False) -> None:
        """Compute now when shown (or forced); otherwise when the panel is shown next."""
        if not (force or self.isVisible()):
            self._dirty = True
            return
        self._dirty = False
        label = self.label()
        if label is None:
            self.result, self.checks = None, []
        else:
            self.result = backward(self.network, self._x, label)
            self.checks = gradient_check(self.network, self._x, label, largest_entries(self.result),
                                         self.result)
        self._show()

    def showEvent(self, event) -> None:
        if self._dirty:
            self._update(force=True)
        super().showEvent(event)

    def _build_hidden_maps(self) -> None:
        hidden = 0 if self._network is None else len(self._network.sizes) - 2
        while len(self.hidden_maps) > hidden:
            self.hidden_maps.pop().deleteLater()
            self.hidden_captions.pop().deleteLater()
        while len(self.hidden_maps) < hidden:
            column = QVBoxLayout()
            caption, heatmap = QLabel(), Heatmap(diverging_lut())
            caption.setWordWrap(True)
            heatmap.setMinimumSize(80, 80)
            column.addWidget(caption)
            column.addWidget(heatmap, 1)
            self.hidden_box.addLayout(column)
            self.hidden_maps.append(heatmap)
            self.hidden_captions.append(caption)

    def _show(self) -> None:
        result = self.result
        has = result is not None
        self.step_button.setEnabled(has)
        self.back_button.setEnabled(self._stepped)
        predicted = None if self.network is None or self._x is None else \
            int(np.argmax(self.network.predict(self._x.astype(self.network.dtype))))
        self.label_combo.setItemText(0, self.tr("the predicted digit") if predicted is None
                                     else self.tr("the predicted digit ({0})").format(predicted))
        if not has:
            self.loss_label.setText(
                self.tr("Backward here is shown for fully connected networks; this model has convolution layers.")
                if self.unsupported else self.tr("Draw a digit to see its backward pass."))
            self.bars.set_heights(np.zeros(10), None)
            self.error_bars.set_values(np.zeros(10))
            self.table.setRowCount(0)
            return
        label = int(np.argmax(result.t))
        steps = self.tr(" · after {0} SGD steps").format(self.steps) if self.steps else ""
        self.loss_label.setText(self.tr("Loss (cross-entropy) −log y[{0}] = {1:.4f} · y[{0}] = {2:.3f}{3}")
                                .format(label, result.loss, float(result.y[label]), steps))
        self.bars.set_heights(result.y, int(np.argmax(result.y)))
        self.error_bars.set_values(result.error)
        self._show_hidden(result)
        self._show_tiles(result)
        self._show_checks()

    def _show_hidden(self, result) -> None:
        for layer, (grad, heatmap, caption) in enumerate(
                zip(result.hidden, self.hidden_maps, self.hidden_captions), start=1):
            high = float(np.max(np.abs(grad))) or 1.0
            heatmap.set_values(activation_grid(grad.astype(np.float32)), (-high, high))
            caption.setText(self.tr("dL/dh{0}, layer {0}: ‖·‖ = {1:.3g}").format(layer, float(np.linalg.norm(grad))))

    def _show_tiles(self, result) -> None:
        neurons = strongest_neurons(result, TILES)
        pictures = dW1_tiles(result, neurons)
        for i, (tile, caption) in enumerate(zip(self.tiles, self.tile_captions)):
            if i >= len(neurons):
                tile.set_values(np.full((28, 28), np.nan), (-1.0, 1.0))
                caption.setText("")
                continue
            # minus: red where the step makes the weight grow (W <- W - lr dW)
            high = float(np.max(np.abs(pictures[i]))) or 1.0
            tile.set_values(-pictures[i], (-high, high))
            caption.setText(self.tr("neuron {0}").format(int(neurons[i])))

    def _show_checks(self) -> None:
        self.table.setRowCount(len(self.checks))
        for row, check in enumerate(self.checks):
            index = ", ".join(str(i) for i in check.index)
            texts = (f"{check.key}[{index}]", f"{check.backprop:.8g}", f"{check.numerical:.8g}",
                     f"{check.relative_error:.1e}")
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
