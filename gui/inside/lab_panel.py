"""The lab: edit a copy of the network (switch neurons off, scale, re-bias, prune, add noise) and
watch the answer and the test accuracy change; save the edited network as a new file."""
from __future__ import annotations

import os
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
from PySide6.QtCore import QRectF, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel,
                               QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from digitlab.gui.draw.heatmap import Heatmap, inferno_lut
from digitlab.gui.draw.inside_view import activation_grid, grid_shape
from digitlab.gui.live_text import follow_language
from digitlab.gui.workers import QUEUED, TaskWorker, abandon_thread, join_thread, start_worker
from digitlab.nn.model.edit import Edit, NetworkEditor
from digitlab.nn.model.network import MultiLayerNet

PRUNE_LEVELS = (0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99)
NOISE_LEVELS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)


def measure_test_accuracy(network, data) -> tuple[float, float]:
    """(accuracy on the 10,000 MNIST test images, seconds the accuracy itself took). Worker thread."""
    (_, _), (x_test, t_test) = data.get()
    start = time.perf_counter()
    accuracy = network.accuracy(x_test, t_test)
    return accuracy, time.perf_counter() - start


def is_shipped_model(path: str | os.PathLike) -> bool:
    """True when path is (or links to) the model DigitLab ships: the lab never writes over it."""
    from digitlab import resources
    shipped = resources.path(*resources.DEFAULT_MODEL)
    return os.path.realpath(path) == os.path.realpath(shipped)


class NeuronMap(Heatmap):
    """A hidden layer's activations as a grid (gui.draw.inside_view.activation_grid) that can be
    clicked: a click chooses a neuron, a double click switches it off.

    Signals:
        neuron_clicked(int): the neuron under a click. neuron_double_clicked(int): the same, twice.
    """

    neuron_clicked = Signal(int)
    neuron_double_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(inferno_lut(), parent)
        self.width_in_neurons = 0
        self.selected: int | None = None   # the neuron outlined

    def select(self, neuron: int | None) -> None:
        self.selected = neuron
        self.update()

    def cell_rect(self, neuron: int) -> QRectF:
        """Where neuron's cell is painted."""
        rect = self.image_rect()
        rows, cols = grid_shape(self.width_in_neurons)
        w, h = rect.width() / cols, rect.height() / rows
        row, col = divmod(neuron, cols)
        return QRectF(rect.left() + col * w, rect.top() + row * h, w, h)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.selected is None or not 0 <= self.selected < self.width_in_neurons:
            return
        painter = QPainter(self)
        painter.setPen(QPen(QColor(0, 200, 255), 2))
        painter.drawRect(self.cell_rect(self.selected).adjusted(-1, -1, 1, 1))
        painter.end()

    def show_layer(self, values: np.ndarray) -> None:
        self.width_in_neurons = values.size
        high = float(np.nanmax(values)) if values.size and np.isfinite(values).any() else 1.0
        self.set_values(activation_grid(values), (0.0, high if high > 0 else 1.0))

    def neuron_at(self, x: float, y: float) -> int | None:
        rect = self.image_rect()
        if not self.width_in_neurons or not rect.contains(x, y):
            return None
        rows, cols = grid_shape(self.width_in_neurons)
        row = min(rows - 1, int((y - rect.top()) / rect.height() * rows))
        col = min(cols - 1, int((x - rect.left()) / rect.width() * cols))
        neuron = row * cols + col
        return neuron if neuron < self.width_in_neurons else None

    def mousePressEvent(self, event) -> None:
        neuron = self.neuron_at(event.position().x(), event.position().y())
        if neuron is not None:
            self.neuron_clicked.emit(neuron)

    def mouseDoubleClickEvent(self, event) -> None:
        neuron = self.neuron_at(event.position().x(), event.position().y())
        if neuron is not None:
            self.neuron_double_clicked.emit(neuron)


class LabPanel(QWidget):
    """Edits on a copy of the current model, the edited network's answer, its test accuracy, a
    sweep of accuracy against pruning or noise, and "Save edited network as...".

    The Inside tab calls set_model(network) and set_input(x (784,) or None). The network given is
    never changed: the lab edits its own copy and announces a copy of it after every edit.

    Signals:
        model_edited(object): after an edit, undo or reset; payload a copy of the edited network
            (the Inside tab shows it and the window offers it to the Draw tab).
        accuracy_measured(float, float): (test accuracy, seconds the 10,000 images took).
        original_measured(float): the test accuracy of the model before the edits.
        sweep_finished(object): (levels, accuracies) arrays of the last sweep.
        message(str): something the user should read in the status bar.
    """

    model_edited = Signal(object)
    accuracy_measured = Signal(float, float)
    original_measured = Signal(float)
    sweep_finished = Signal(object)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, data=None) -> None:
        super().__init__(parent)
        if data is None:
            from digitlab.gui.training.mnist_cache import MnistCache
            data = MnistCache()
        self.data = data
        self.editor: NetworkEditor | None = None
        self._rng = np.random.default_rng()
        self._announced = None            # the last copy announced: set_model() given it back is ours
        self._unsupported = False         # the model given is not a MultiLayerNet
        self._x: np.ndarray | None = None
        self._input_dirty = False        # a drawing came while the panel was hidden
        self._accuracy: float | None = None   # of the edited network as it is now, when measured
        self._original_accuracy: float | None = None   # of the model before the edits
        self._version = 0                 # counts the changes of the edited copy
        self._threads: dict[str, object] = {"accuracy": None, "sweep": None, "original": None}
        self._workers: dict[str, TaskWorker | None] = {"accuracy": None, "sweep": None, "original": None}   # kept alive
        self._job_tags: dict[str, tuple] = {}   # job -> (the editor it measured, its _version)
        self.last_accuracy_seconds: float | None = None
        self.sweep_result: tuple[np.ndarray, np.ndarray] | None = None
        self._sweep_kind = "prune"
        self._build()
        self.retranslate()
        follow_language(self, self.retranslate)
        self._set_enabled()

    # --- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.layer_combo = QComboBox()
        self.layer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.layer_combo.setMinimumContentsLength(26)   # "hidden layer 1 (512 neurons)" whole
        self.layer_combo.currentIndexChanged.connect(self._on_layer_combo_current_index_changed)
        self.neuron_spin = QSpinBox()
        self.neuron_spin.valueChanged.connect(self._on_neuron_spin_value_changed)
        self.neuron_map = NeuronMap()
        self.neuron_map.setMinimumSize(120, 120)
        self.neuron_map.neuron_clicked.connect(self.neuron_spin.setValue)
        self.neuron_map.neuron_double_clicked.connect(self._on_neuron_map_neuron_double_clicked)
        self.off_button = self._button(self._on_off_button_clicked)
        self.scale_spin = self._spin(-5.0, 5.0, 0.5, 0.1, 2)
        self.scale_button = self._button(self._on_scale_button_clicked)
        self.bias_spin = self._spin(-20.0, 20.0, 0.0, 0.5, 2)
        self.bias_button = self._button(self._on_bias_button_clicked)
        self.prune_spin = self._spin(0.0, 100.0, 50.0, 5.0, 1)
        self.prune_button = self._button(self._on_prune_button_clicked)
        self.noise_spin = self._spin(0.0, 5.0, 0.3, 0.1, 2)
        self.noise_button = self._button(self._on_noise_button_clicked)
        self.undo_button = self._button(self.undo)
        self.reset_button = self._button(self.reset)
        self.edits_label = QLabel()
        self.edits_label.setWordWrap(True)
        self.answer_label = QLabel()
        self.accuracy_button = self._button(self.measure_accuracy)
        self.accuracy_label = QLabel()
        self.accuracy_label.setWordWrap(True)
        self.sweep_combo = QComboBox()
        self.sweep_combo.addItems(["", ""])
        self.sweep_button = self._button(self.start_sweep)
        self.save_button = self._button(self._on_save_button_clicked)
        self.neuron_labels = [QLabel() for _ in range(5)]
        self._build_plot()

        form = QGridLayout()
        form.addWidget(self.neuron_labels[0], 0, 0)
        neuron_row = QHBoxLayout()
        neuron_row.addWidget(self.layer_combo, 1)
        neuron_row.addWidget(self.neuron_spin)
        form.addLayout(neuron_row, 0, 1)
        form.addWidget(self.off_button, 0, 2)
        rows = ((self.scale_spin, self.scale_button), (self.bias_spin, self.bias_button),
                (self.prune_spin, self.prune_button), (self.noise_spin, self.noise_button))
        for row, (spin, button) in enumerate(rows, start=1):
            form.addWidget(self.neuron_labels[row], row, 0)
            form.addWidget(spin, row, 1)
            form.addWidget(button, row, 2)
        history = QHBoxLayout()
        for widget in (self.undo_button, self.reset_button):
            history.addWidget(widget)
        history.addWidget(self.edits_label, 1)
        test_row = QHBoxLayout()
        for widget in (self.accuracy_button, self.sweep_combo, self.sweep_button, self.save_button):
            test_row.addWidget(widget)
        test_row.addStretch(1)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(history)
        left.addWidget(self.answer_label)
        left.addLayout(test_row)
        left.addWidget(self.accuracy_label)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addWidget(self.neuron_map, 1)
        top.addWidget(self.plot, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addLayout(top, 1)

    def _build_plot(self) -> None:
        import pyqtgraph as pg
        self.plot = pg.PlotWidget()
        self.plot.setMinimumSize(220, 160)
        self.plot.setYRange(0.0, 1.0)
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        self.sweep_curve = self.plot.plot([], [], pen=pg.mkPen((200, 90, 20), width=2), symbol="o",
                                          symbolSize=6, symbolBrush=(200, 90, 20))

    def _button(self, slot) -> QPushButton:
        button = QPushButton()
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _spin(low: float, high: float, value: float, step: float, decimals: int) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(decimals)
        spin.setSingleStep(step)
        spin.setValue(value)
        return spin

    def retranslate(self) -> None:
        """Every text in the current language, those with values made again from the values."""
        self.title.setText(self.tr("<b>The lab: edit a copy and watch</b>"))
        self.help.setText(self.tr(
            "Every edit changes a copy of the model: the Draw tab's bars answer with it at once. "
            "Click a neuron in the map to choose it, double-click to switch it off. "
            "Test accuracy runs the edited network on the 10,000 MNIST test images."))
        named = ((self.neuron_labels[0], self.tr("Neuron:")), (self.neuron_labels[1], self.tr("Scale its weights by:")),
                 (self.neuron_labels[2], self.tr("Set its bias to:")),
                 (self.neuron_labels[3], self.tr("Prune smallest |w| (%):")),
                 (self.neuron_labels[4], self.tr("Weight noise (× each layer's spread):")))
        for label, text in named:
            label.setText(text)
        controls = (
            (self.layer_combo, self.tr("Layer"), self.tr("The layer of the neuron to edit")),
            (self.neuron_spin, self.tr("Neuron number"), self.tr("The neuron to edit, counted from 0 (or click it in the map)")),
            (self.neuron_map, self.tr("Neurons of the layer"), self.tr(
                "This layer's neurons for your drawing (bright = active); click one to choose it, "
                "double-click to switch it off")),
            (self.off_button, self.tr("Switch off"), self.tr(
                "Switch the neuron off: its outgoing weights become 0, so the next layer no longer hears it")),
            (self.scale_spin, self.tr("Scale factor"), self.tr("The factor for the neuron's incoming weights")),
            (self.scale_button, self.tr("Scale"), self.tr("Multiply the neuron's incoming weights by the factor")),
            (self.bias_spin, self.tr("New bias"), self.tr("The neuron's new bias b")),
            (self.bias_button, self.tr("Set bias"), self.tr("Give the neuron this bias")),
            (self.prune_spin, self.tr("Percent to prune"), self.tr("How many of each layer's weights to set to 0, the smallest |w| first")),
            (self.prune_button, self.tr("Prune"), self.tr("Set the smallest weights of every layer to 0")),
            (self.noise_spin, self.tr("Noise size"), self.tr(
                "The noise's standard deviation, as a multiple of each layer's own weight spread")),
            (self.noise_button, self.tr("Add noise"), self.tr("Add random Gaussian noise to every weight")),
            (self.undo_button, self.tr("Undo edit"), self.tr("Take back the last edit")),
            (self.reset_button, self.tr("Reset all"), self.tr("Take back every edit: the model as it was")),
            (self.accuracy_button, self.tr("Test accuracy"), self.tr(
                "Measure the edited network on the 10,000 MNIST test images (in the background)")),
            (self.sweep_combo, self.tr("Sweep over"), self.tr("What the sweep changes step by step")),
            (self.sweep_button, self.tr("Sweep"), self.tr(
                "Test accuracy of the edited network at many pruning or noise levels, plotted")),
            (self.save_button, self.tr("Save edited network as…"), self.tr(
                "Save the edited network as a new model file (never over the shipped model)")),
            (self.plot, self.tr("Accuracy against the sweep"), self.tr("Test accuracy at each level of the last sweep")),
        )
        for widget, name, tip in controls:
            if isinstance(widget, QPushButton):
                widget.setText(name)
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
        self.sweep_combo.setItemText(0, self.tr("Pruning (%)"))
        self.sweep_combo.setItemText(1, self.tr("Noise size"))
        self.plot.setLabel("left", self.tr("Test accuracy"))
        self._label_sweep_axis()
        self._fill_layer_combo()
        self._show_edits()
        self._show_answer()
        self._show_accuracy()

    # --- the contract with the Inside tab ----------------------------------------------
    def set_model(self, network) -> None:
        """Edit a copy of network from now on (edits so far are dropped); the copy this panel
        announced itself is kept, with its edits."""
        if network is not None and network is self._announced:
            return
        self._unsupported = network is not None and not isinstance(network, MultiLayerNet)
        if self._unsupported:   # a ConvNet: its weights are not the columns and rows edited here
            network = None
        self.editor = None if network is None else NetworkEditor(network, self._rng)
        self._accuracy = None
        self._original_accuracy = None
        self._fill_layer_combo()
        self._refresh(announce=False)

    def set_input(self, x: np.ndarray | None) -> None:
        """The drawing the network reads, x (784,) float32 preprocessed, or None (shown now when
        the panel is visible, else when it is shown)."""
        self._x = None if x is None else np.asarray(x, np.float32).reshape(-1)
        if self.isVisible():
            self._show_input()
        else:
            self._input_dirty = True

    def _show_input(self) -> None:
        self._input_dirty = False
        self._show_layer()
        self._show_answer()

    def showEvent(self, event) -> None:
        if self._input_dirty:
            self._show_input()
        super().showEvent(event)

    @property
    def network(self):
        """The edited copy (None without a model)."""
        return None if self.editor is None else self.editor.network

    # --- edits -------------------------------------------------------------------------
    def chosen_neuron(self) -> tuple[int, int]:
        """(layer, neuron) chosen in the combo and the spin box (layers counted from 1)."""
        return self.layer_combo.currentIndex() + 1, self.neuron_spin.value()

    def set_neuron(self, layer: int, neuron: int) -> None:
        """Choose a neuron clicked in the diagram: layer 1..L as W1..WL, neuron from 0 (the output
        layer's neurons cannot be switched off here: ignored)."""
        if 1 <= layer <= self.layer_combo.count():
            self.layer_combo.setCurrentIndex(layer - 1)
            self.neuron_spin.setValue(neuron)

    def apply(self, edit: Edit) -> bool:
        """Make one edit; False (and a message) when it cannot be made."""
        if self.editor is None:
            return False
        try:
            self.editor.apply(edit)
        except ValueError as error:
            self.message.emit(self.tr("That edit cannot be made: {0}").format(error))
            return False
        self._accuracy = None
        self._refresh()
        return True

    def undo(self) -> None:
        if self.editor is not None and self.editor.undo() is not None:
            self._accuracy = None
            self._refresh()

    def reset(self) -> None:
        if self.editor is not None and self.editor.edits:
            self.editor.reset()
            self._accuracy = None
            self._refresh()

    def _refresh(self, announce: bool = True) -> None:
        """After every change of the edited copy: the views, and (announce) a copy for the Draw tab."""
        self._set_enabled()
        self._show_edits()
        self._show_layer()
        self._show_answer()
        self._show_accuracy()
        if announce and self.editor is not None:
            self._version += 1
            self._announce()

    def _announce(self) -> None:
        self._announced = self.editor.network.copy()
        self.model_edited.emit(self._announced)

    @Slot()
    def _on_off_button_clicked(self) -> None:
        self.apply(Edit("off", *self.chosen_neuron()))

    @Slot(int)
    def _on_neuron_spin_value_changed(self, neuron: int) -> None:
        self.neuron_map.select(neuron)

    @Slot(int)
    def _on_neuron_map_neuron_double_clicked(self, neuron: int) -> None:
        self.neuron_spin.setValue(neuron)
        self.apply(Edit("off", self.layer_combo.currentIndex() + 1, neuron))

    @Slot()
    def _on_scale_button_clicked(self) -> None:
        self.apply(Edit("scale", *self.chosen_neuron(), self.scale_spin.value()))

    @Slot()
    def _on_bias_button_clicked(self) -> None:
        self.apply(Edit("bias", *self.chosen_neuron(), self.bias_spin.value()))

    @Slot()
    def _on_prune_button_clicked(self) -> None:
        self.apply(Edit("prune", value=self.prune_spin.value()))

    @Slot()
    def _on_noise_button_clicked(self) -> None:
        self.apply(Edit("noise", value=self.noise_spin.value()))

    # --- views -------------------------------------------------------------------------
    def _set_enabled(self) -> None:
        has_model = self.editor is not None
        has_hidden = has_model and len(self.editor.network.sizes) > 2
        for widget in (self.layer_combo, self.neuron_spin, self.off_button, self.scale_spin, self.scale_button,
                       self.bias_spin, self.bias_button):
            widget.setEnabled(has_hidden)
        for widget in (self.prune_spin, self.prune_button, self.noise_spin, self.noise_button, self.save_button):
            widget.setEnabled(has_model)
        self.accuracy_button.setEnabled(has_model and self._threads["accuracy"] is None)
        self.sweep_button.setEnabled(has_model and self._threads["sweep"] is None)
        edited = has_model and bool(self.editor.edits)
        self.undo_button.setEnabled(edited)
        self.reset_button.setEnabled(edited)

    def _fill_layer_combo(self) -> None:
        index = max(0, self.layer_combo.currentIndex())
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        if self.editor is not None:
            for layer, width in enumerate(self.editor.network.sizes[1:-1], start=1):
                self.layer_combo.addItem(self.tr("hidden layer {0} ({1} neurons)").format(layer, width))
        self.layer_combo.setCurrentIndex(min(index, self.layer_combo.count() - 1))
        self.layer_combo.blockSignals(False)
        self._on_layer_combo_current_index_changed(self.layer_combo.currentIndex())

    @Slot(int)
    def _on_layer_combo_current_index_changed(self, index: int) -> None:
        if self.editor is None or index < 0:
            return
        self.neuron_spin.setRange(0, self.editor.network.sizes[index + 1] - 1)
        self._show_layer()

    def _show_layer(self) -> None:
        """The chosen layer's activations for the drawing (0 without one); switched-off neurons blank."""
        index = self.layer_combo.currentIndex()
        if self.editor is None or index < 0:
            return
        network = self.editor.network
        if self._x is None:
            values = np.zeros(network.sizes[index + 1], np.float32)
        else:
            values = network.hidden_activations(self._x.astype(network.dtype))[index].astype(np.float32)
        off = [neuron for layer, neuron in self.editor.switched_off() if layer == index + 1]
        values[off] = np.nan
        self.neuron_map.show_layer(values)

    def describe_edit(self, edit: Edit) -> str:
        if edit.kind == "off":
            return self.tr("neuron {1} of layer {0} off").format(edit.layer, edit.neuron)
        if edit.kind == "scale":
            return self.tr("neuron {1} of layer {0} × {2:g}").format(edit.layer, edit.neuron, edit.value)
        if edit.kind == "bias":
            return self.tr("bias of neuron {1} of layer {0} = {2:g}").format(edit.layer, edit.neuron, edit.value)
        if edit.kind == "prune":
            return self.tr("{0:g}% of the weights pruned").format(edit.value)
        return self.tr("noise {0:g} added").format(edit.value)

    def _show_edits(self) -> None:
        edits = [] if self.editor is None else self.editor.edits
        if not edits:
            self.edits_label.setText(self.tr("No edits: the model as it was."))
            return
        self.edits_label.setText(self.tr("Edits ({0}): {1}").format(
            len(edits), "; ".join(self.describe_edit(edit) for edit in edits[-4:])))

    def _show_answer(self) -> None:
        if self._unsupported:
            self.answer_label.setText(self.tr(
                "The lab edits fully connected networks; this model has convolution layers."))
            return
        if self.editor is None or self._x is None:
            self.answer_label.setText(self.tr("Draw a digit to see the edited network's answer."))
            return
        edited = self.editor.network.probabilities(self._x.astype(self.editor.network.dtype))
        before = self.editor.original.probabilities(self._x.astype(self.editor.original.dtype))
        k, k0 = int(np.argmax(edited)), int(np.argmax(before))
        self.answer_label.setText(self.tr("Edited network: {0} ({1:.1%}) · as it was: {2} ({3:.1%})").format(
            k, float(edited[k]), k0, float(before[k0])))

    def _show_accuracy(self) -> None:
        parts = []
        if self._accuracy is not None:
            parts.append(self.tr("Test accuracy of the edited network: {0:.2%} (10,000 images in {1:.2f} s)")
                         .format(self._accuracy, self.last_accuracy_seconds or 0.0))
        if self._original_accuracy is not None:
            parts.append(self.tr("as it was: {0:.2%}").format(self._original_accuracy))
        if self._threads["accuracy"] is not None or self._threads["original"] is not None:
            parts.append(self.tr("Measuring…"))
        self.accuracy_label.setText(" · ".join(parts))

    def _label_sweep_axis(self) -> None:
        kind = "prune" if self.sweep_combo.currentIndex() == 0 else "noise"
        if self.sweep_result is not None:
            kind = self._sweep_kind
        self.plot.setLabel("bottom", self.tr("Pruned (%)") if kind == "prune" else self.tr("Noise size"))

    # --- work off the GUI thread -------------------------------------------------------
    def measure_accuracy(self) -> bool:
        """Start measuring the edited network's test accuracy (accuracy_measured when done)."""
        if self.editor is None or self._threads["accuracy"] is not None:
            return False
        network, data = self.editor.network.copy(), self.data
        self._start("accuracy", lambda: measure_test_accuracy(network, data), self._on_accuracy_finished)
        return True

    def _measure_original(self) -> None:
        """The unedited model's accuracy, measured once per model after the edited one's (the
        figure the student asked for comes first)."""
        original, data = self.editor.original, self.data
        if not self.editor.edits:
            self._original_accuracy = self._accuracy
        elif self._threads["original"] is None:
            self._start("original", lambda: measure_test_accuracy(original, data)[0],
                        self._on_original_finished)

    def start_sweep(self) -> bool:
        """Start a sweep of accuracy against pruning or noise from the edited network."""
        if self.editor is None or self._threads["sweep"] is not None:
            return False
        from digitlab.nn.model.edit import sweep
        kind = "prune" if self.sweep_combo.currentIndex() == 0 else "noise"
        levels = np.array(PRUNE_LEVELS if kind == "prune" else NOISE_LEVELS, float)
        network, data = self.editor.network.copy(), self.data
        rng = np.random.default_rng(self._rng.integers(2 ** 63))

        def work():
            (_, _), (x_test, t_test) = data.get()
            return kind, levels, sweep(network, kind, levels, x_test, t_test, rng)

        self._start("sweep", work, self._on_sweep_finished)
        return True

    def _start(self, job: str, work, on_finished) -> None:
        worker = TaskWorker(work)
        worker.finished.connect(on_finished, QUEUED)
        worker.failed.connect(self._on_worker_failed, QUEUED)
        self._job_tags[job] = (self.editor, self._version)
        self._workers[job] = worker
        self._threads[job] = start_worker(worker, self)
        self._set_enabled()
        self._show_accuracy()

    def _finish(self, job: str):
        join_thread(self._threads[job])
        self._threads[job] = self._workers[job] = None
        self._set_enabled()
        return self._job_tags.pop(job, (None, None))

    @Slot(object)
    def _on_accuracy_finished(self, result) -> None:
        editor, version = self._finish("accuracy")
        if result is not None and editor is self.editor:
            accuracy, seconds = result
            self.last_accuracy_seconds = seconds
            if version == self._version:   # no change since: the figure belongs to the network shown
                self._accuracy = accuracy
                if self._original_accuracy is None:
                    self._measure_original()
            self.accuracy_measured.emit(accuracy, seconds)
        self._show_accuracy()

    @Slot(object)
    def _on_original_finished(self, result) -> None:
        editor, _ = self._finish("original")
        if result is not None and editor is self.editor:
            self._original_accuracy = result
            self.original_measured.emit(result)
        self._show_accuracy()

    @Slot(object)
    def _on_sweep_finished(self, result) -> None:
        editor, _ = self._finish("sweep")
        if result is None or editor is not self.editor:   # another model came meanwhile
            return
        self._sweep_kind, levels, accuracies = result
        self.sweep_result = (levels, accuracies)
        self.sweep_curve.setData(levels, accuracies)
        self.plot.enableAutoRange(x=True)
        self._label_sweep_axis()
        self.sweep_finished.emit(self.sweep_result)

    @Slot(object)
    def _on_worker_failed(self, failure) -> None:
        self.message.emit(self.tr("The test images could not be used: {0}").format(failure.summary))

    def shutdown(self) -> None:
        """Wait for the background work and drop what it still had to say (the window closes)."""
        for job, thread in self._threads.items():
            abandon_thread(thread, self)
            self._threads[job] = self._workers[job] = None

    # --- saving ------------------------------------------------------------------------
    @Slot()
    def _on_save_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save edited network"), "edited_model.npz", self.tr("DigitLab model (*.npz)"),
            options=QFileDialog.Option.DontConfirmOverwrite)   # asked below, with the shipped model refused
        if path:
            self.save_as(path)

    def confirm_replace(self, path: Path) -> bool:
        """Ask before writing over an existing file."""
        Button = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, self.tr("Replace the file?"),
            self.tr("{0} already exists. Replace it with the edited network?").format(path.name),
            Button.Yes | Button.No, Button.No)
        return answer == Button.Yes

    def save_as(self, path: str | os.PathLike) -> bool:
        """Save the edited network to path: never over the shipped model, over another file only
        when the user agrees. A failed save keeps the edited network and any old file as they were."""
        from digitlab.nn.files.model_io import ModelFileError, save_model
        if self.editor is None:
            return False
        target = Path(os.fsdecode(path))
        if is_shipped_model(target):
            self.message.emit(self.tr("DigitLab's shipped model is never written over: choose another name."))
            return False
        if (target.exists() or target.is_symlink()) and not self.confirm_replace(target):
            return False
        metadata = {"edited_in_lab": [asdict(edit) for edit in self.editor.edits]}
        if self._accuracy is not None:
            metadata["test_accuracy"] = float(self._accuracy)
        try:
            save_model(target, self.editor.network, metadata)
        except ModelFileError as error:
            self.message.emit(self.tr("The edited network was not saved (it is still here): {0}").format(error))
            return False
        self.message.emit(self.tr("Edited network saved as {0}.").format(target.name))
        return True
