"""The Inside tab: a live diagram of the network for the digit being drawn, and sections below it."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QSplitter, QStackedWidget, QTabWidget,
                               QVBoxLayout, QWidget)

from digitlab.gui.draw.canvas import DrawingCanvas
from digitlab.gui.draw.input_view import conv_forward_shapes
from digitlab.gui.inside.backward_panel import BackwardPanel
from digitlab.gui.inside.chapter3_panel import Chapter3Panel
from digitlab.gui.inside.conv_view import ConvView
from digitlab.gui.inside.diagram import NetworkDiagram
from digitlab.gui.inside.lab_panel import LabPanel
from digitlab.gui.inside.map_panel import MapPanel
from digitlab.gui.inside.neuron_panel import NeuronPanel
from digitlab.gui.live_text import follow_language
from digitlab.nn.data.preprocess import preprocess_stages
from digitlab.nn.model.inside import shape_chain

# the small canvas renders strokes at the size the Draw tab renders them for the network
PREDICT_SIDE = 280


def is_conv(network) -> bool:
    """True for a convolutional network (a ConvNet: feature maps, no layers of neurons)."""
    return getattr(network, "kind", "") == "conv"


class InsideTab(QWidget):
    """The network of the Draw tab, live: its diagram on top, sections (panels) in tabs below.

    A convolutional network (ConvNet) is shown by a ConvView in the diagram's place: its filters
    and the drawing's feature maps, stage by stage.

    The input x is the canvas's preprocessed digit, (784,) float32 in [0, 1], or None when there
    is nothing drawn. It comes from the Draw tab (MainWindow calls follow_drawing) or from the
    small canvas at the top left of this tab, whichever changed last.

    Section contract (add_section): a panel may have any of
        set_model(network)           the model changed (a MultiLayerNet, or None)
        set_input(x)                 the drawing changed: (784,) float32 or None
        set_neuron(layer, index)     a neuron was clicked in the diagram (see neuron_chosen)
        model_edited (Signal(object)) the panel made a changed copy of the model: the tab shows
                                     it and re-emits model_edited
    and the tab calls or connects each one it has. While the tab is hidden it only keeps the
    latest model and input and hands them over when it is shown again.

    Signals:
        neuron_chosen(int, int): a neuron was clicked; payload (layer, index), layer 1..L for the
            neurons of W1's output .. the output layer (layer L, index = the digit).
        model_edited(object): a section edited a copy of the model; payload the copy.
        message(str): something the user should read in the status bar.
    """

    neuron_chosen = Signal(int, int)
    model_edited = Signal(object)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network = None
        self.x: np.ndarray | None = None
        self._pending = False      # the model or input changed while the tab was hidden
        self._mirror: np.ndarray | None | bool = False   # the Draw tab's ink not yet shown (False: none)
        self.panels: list[QWidget] = []
        self.canvas = DrawingCanvas()
        self.canvas.setMinimumSize(140, 140)
        self.canvas.setMaximumWidth(220)
        self.canvas.changed.connect(self._on_canvas_changed)
        # a burst of queued mouse moves is answered once, after the last of them
        self._read_canvas = QTimer(self, singleShot=True, interval=0)
        self._read_canvas.timeout.connect(self._on_read_canvas_timeout)
        self.canvas_help = QLabel()
        self.canvas_help.setWordWrap(True)
        self.canvas_help.setMaximumWidth(220)
        self.diagram = NetworkDiagram()
        self.diagram.neuron_clicked.connect(self._on_diagram_neuron_clicked)
        self.conv_view = ConvView()   # a ConvNet's filters and feature maps, in the diagram's place
        self.view_stack = QStackedWidget()
        self.view_stack.addWidget(self.diagram)
        self.view_stack.addWidget(self.conv_view)
        self.chain = QLabel()
        self.chain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chain.setWordWrap(True)
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self._build_layout()
        self.neuron_panel = NeuronPanel()
        self.chapter3_panel = Chapter3Panel()
        self.add_section(self.tr("One neuron (click it)"), self.neuron_panel)
        self.add_section(self.tr("The course's chapter 3"), self.chapter3_panel)
        from digitlab.gui.training.mnist_cache import MnistCache
        data = MnistCache()   # the Training tab's, once it is built (set_data): MNIST loaded once
        self.lab_panel = LabPanel(data=data)
        self.backward_panel = BackwardPanel()
        self.map_panel = MapPanel(data=data)
        self.add_section(self.tr("The lab (edit a copy and watch)"), self.lab_panel)
        self.add_section(self.tr("Backward, for this one drawing"), self.backward_panel)
        self.add_section(self.tr("Where it sits among all digits (map)"), self.map_panel)
        for panel in (self.lab_panel, self.map_panel):
            panel.message.connect(self.message)
        self.retranslate()
        follow_language(self, self.retranslate)

    def _build_layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addWidget(self.canvas_help)
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left)
        right = QVBoxLayout()
        right.addWidget(self.view_stack, 1)
        right.addWidget(self.chain)
        row.addLayout(right, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.sections)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(self.splitter)

    def retranslate(self) -> None:
        """Set the tab's texts in the current language (again after each language switch)."""
        self.canvas_help.setText(self.tr("Draw here or on the Draw tab: the network follows."))
        self.canvas.setAccessibleName(self.tr("Small drawing canvas"))
        self.sections.setTabText(self.sections.indexOf(self.neuron_panel), self.tr("One neuron (click it)"))
        self.sections.setTabText(self.sections.indexOf(self.chapter3_panel), self.tr("The course's chapter 3"))
        for panel, title in ((self.lab_panel, self.tr("The lab (edit a copy and watch)")),
                             (self.backward_panel, self.tr("Backward, for this one drawing")),
                             (self.map_panel, self.tr("Where it sits among all digits (map)"))):
            self.sections.setTabText(self.sections.indexOf(panel), title)
        self.sections.setAccessibleName(self.tr("Sections of the Inside tab"))
        self._show_chain()

    def _show_chain(self) -> None:
        """x (1, 784) · W1 (784, H1) + b1 -> ... -> y (1, 10), and the same for a batch of 100."""
        network = self.network
        if network is None:
            self.chain.setText("")
            return
        lines = []
        for batch, title in ((1, self.tr("One image:")), (100, self.tr("A batch of 100:"))):
            if is_conv(network):
                lines.append(f"<b>{title}</b> " + conv_forward_shapes(
                    network.conv, network.hidden_sizes, network.output_size, batch))
                continue
            steps = shape_chain(network.sizes, batch)
            parts = [f"x {steps[0].input}"]
            for s in steps:
                name = "y" if s.layer == len(steps) else f"z{s.layer}"
                after = "softmax" if s.layer == len(steps) else network.activation
                parts.append(f"· W{s.layer} {s.W} + b{s.layer} {s.b} → a{s.layer} {s.output}"
                             f" → {after} → {name} {s.output}")
            lines.append(f"<b>{title}</b> " + " ".join(parts))
        self.chain.setText("<br>".join(lines))


    # --- sections -----------------------------------------------------------------------
    def add_section(self, title: str, widget: QWidget) -> int:
        """Add a panel as a tab under the diagram; it gets the model and input at once. -> its index."""
        self.panels.append(widget)
        index = self.sections.addTab(widget, title)
        edited = getattr(widget, "model_edited", None)
        if edited is not None:
            edited.connect(self._on_panel_model_edited)
        self._hand_over(widget)
        return index

    def _hand_over(self, panel: QWidget) -> None:
        if hasattr(panel, "set_model"):
            panel.set_model(self.network)
        if hasattr(panel, "set_input"):
            panel.set_input(self.x)

    # --- model and input ----------------------------------------------------------------
    def set_model(self, network) -> None:
        """Show `network` (a MultiLayerNet or None) in the diagram and every section."""
        self.network = network
        self._show_chain()
        self._refresh(model=True)

    def set_input(self, x: np.ndarray | None) -> None:
        """Show the drawing x (784,) float32 in [0, 1] (None: nothing drawn)."""
        self.x = None if x is None else np.asarray(x, np.float32).reshape(-1)
        self._refresh(model=False)

    def show_neuron(self, layer: int, index: int) -> None:
        """Open a neuron (layer 1..L, index): marked in the diagram, given to every section that
        has set_neuron, and the first such section brought to the front."""
        self.diagram.select(layer, index)
        front = None
        for panel in self.panels:
            if hasattr(panel, "set_neuron"):
                panel.set_neuron(layer, index)
                front = front or panel
        if front is not None:
            self.sections.setCurrentWidget(front)
        self.neuron_chosen.emit(layer, index)

    def set_data(self, data) -> None:
        """Use data (a gui.training.mnist_cache.MnistCache, the Training tab's) for the test images;
        what this tab loaded already goes over to it."""
        data.adopt(self.lab_panel.data)
        self.lab_panel.data = self.map_panel.data = data

    def show_training_model(self, network) -> None:
        """A model in the middle of its training (the Training tab paused): shown on the map."""
        self.map_panel.show_training_model(network)

    def shutdown(self) -> None:
        """Wait for the sections' background work (the window closes)."""
        self.lab_panel.shutdown()
        self.map_panel.shutdown()

    def follow_drawing(self, ink: np.ndarray | None, x: np.ndarray | None) -> None:
        """The Draw tab's drawing: ink (H, W) in [0, 1] shown on the small canvas, x as set_input."""
        self._mirror = ink
        if self.isVisible():
            self._show_mirror()
        self.set_input(x)

    def _show_mirror(self) -> None:
        ink, self._mirror = self._mirror, False
        if ink is False:
            return
        blocker = QSignalBlocker(self.canvas)   # the Draw tab's digit is shown, not read again
        if ink is None:
            self.canvas.clear()
        else:
            self.canvas.load_array(ink, "")
        blocker.unblock()

    def _refresh(self, model: bool) -> None:
        if not self.isVisible():
            self._pending = True
            return
        conv = is_conv(self.network)
        if model:
            self.diagram.set_network(None if conv else self.network)
            self.conv_view.set_network(self.network if conv else None)
            self.view_stack.setCurrentWidget(self.conv_view if conv else self.diagram)
        (self.conv_view if conv else self.diagram).set_input(self.x)
        for panel in self.panels:
            if model and hasattr(panel, "set_model"):
                panel.set_model(self.network)
            if hasattr(panel, "set_input"):
                panel.set_input(self.x)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._show_mirror()
        if self._pending:
            self._pending = False
            self._refresh(model=True)

    @Slot()
    def _on_canvas_changed(self) -> None:
        self._read_canvas.start()

    @Slot()
    def _on_read_canvas_timeout(self) -> None:
        image = self.canvas.to_array(PREDICT_SIDE)
        stages = None if image is None else preprocess_stages(image)
        self.set_input(None if stages is None else stages.centered.reshape(-1))

    @Slot(int, int)
    def _on_diagram_neuron_clicked(self, layer: int, index: int) -> None:
        self.show_neuron(layer, index)

    @Slot(object)
    def _on_panel_model_edited(self, network) -> None:
        self.set_model(network)
        self.model_edited.emit(network)
