"""The Inside tab: a live diagram of the network for the digit being drawn, and sections below it."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from digitlab.gui.draw.canvas import DrawingCanvas
from digitlab.nn.preprocess import preprocess_stages

# the small canvas renders strokes at the size the Draw tab renders them for the network
PREDICT_SIDE = 280


class InsideTab(QWidget):
    """The network of the Draw tab, live: its diagram on top, sections (panels) in tabs below.

    The input x is the canvas's preprocessed digit, (784,) float32 in [0, 1], or None when there
    is nothing drawn. It comes from the Draw tab (MainWindow calls set_input) or from the small
    canvas at the top left of this tab, whichever changed last.

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
    """

    neuron_chosen = Signal(int, int)
    model_edited = Signal(object)

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
        self.canvas_help = QLabel()
        self.canvas_help.setWordWrap(True)
        self.canvas_help.setMaximumWidth(220)
        self.diagram = QWidget()
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self._build_layout()
        self.retranslate()

    def _build_layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addWidget(self.canvas_help)
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left)
        row.addWidget(self.diagram, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.sections)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(self.splitter)

    def retranslate(self) -> None:
        """Set the tab's texts in the current language (called again on LanguageChange)."""
        self.canvas_help.setText(self.tr("Draw here or on the Draw tab: the network follows."))
        self.canvas.setAccessibleName(self.tr("Small drawing canvas"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        self._refresh(model=True)

    def set_input(self, x: np.ndarray | None) -> None:
        """Show the drawing x (784,) float32 in [0, 1] (None: nothing drawn)."""
        self.x = None if x is None else np.asarray(x, np.float32).reshape(-1)
        self._refresh(model=False)

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
        image = self.canvas.to_array(PREDICT_SIDE)
        stages = None if image is None else preprocess_stages(image)
        self.set_input(None if stages is None else stages.centered.reshape(-1))

    @Slot(object)
    def _on_panel_model_edited(self, network) -> None:
        self.set_model(network)
        self.model_edited.emit(network)
