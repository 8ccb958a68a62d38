"""The network as a diagram for the current drawing: input image, hidden columns, outputs, links."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitlab.gui.draw.heatmap import colour_cells, inferno_lut
from digitlab.gui.live_text import follow_language
from digitlab.nn.model.inside import Links, Trace, most_active, strongest_links, trace

LINKS = (140, 100, 70)     # links drawn into layer 1, into each later hidden layer, into the output
MIN_SPACING = 13.0         # px between neuron centres; a column shows what fits (at most MAX_SHOWN)
MAX_SHOWN = 40
TOP, BOTTOM = 30.0, 26.0   # room for the column titles and the "+N hidden" notes
LABEL_ROOM = 96.0          # right of the output column: "7  93.1%"
POSITIVE, NEGATIVE = QColor(215, 48, 39), QColor(49, 110, 200)
WIDTH_BINS = 4


def blend(colour: QColor, background: QColor, amount: float) -> QColor:
    """colour laid over background with opacity amount (0..1), as one opaque colour."""
    mix = [round(amount * c + (1 - amount) * g) for c, g in
           zip(colour.getRgb()[:3], background.getRgb()[:3])]
    return QColor(*mix)


@dataclass(frozen=True)
class View:
    """What the diagram shows: the trace, each column's shown neurons (layer 0 = all pixels) and
    the links into each layer l = 1..L (links[l-1])."""
    trace: Trace
    shown: tuple[np.ndarray, ...]
    links: tuple[Links, ...]


def build_view(network, x: np.ndarray, capacity: int) -> View:
    """Trace x (784,) through network, pick each hidden column's most active neurons (capacity)
    and the strongest links between the shown neurons (LINKS per layer)."""
    tr = trace(network, x)
    depth = tr.depth
    shown = [np.arange(tr.x.size)]
    for layer in range(1, depth):
        shown.append(most_active(tr.z[layer - 1], capacity))
    shown.append(np.arange(tr.y.size))
    links = []
    for layer in range(1, depth + 1):
        k = LINKS[0] if layer == 1 else LINKS[2] if layer == depth else LINKS[1]
        links.append(strongest_links(tr.layer_input(layer), network.params[f"W{layer}"], k,
                                     None if layer == 1 else shown[layer - 1], shown[layer]))
    return View(tr, tuple(shown), tuple(links))


class NetworkDiagram(QWidget):
    """The current model drawn for the current input, repainted on every set_input.

    The input is the 28x28 image the network sees (each pixel a neuron of layer 0); each hidden
    layer is a column of its most active neurons (all when they fit; "+N hidden" below otherwise);
    the output column shows the digits 0-9 and their probabilities. A neuron's colour is its
    activation (inferno: dark low, bright high); the links are the strongest contributions
    activation x weight between the shown neurons, red positive, blue negative, thicker = larger.
    Click a neuron, or move with the arrow keys and press Enter, to open it.

    Signals:
        neuron_clicked(int, int): (layer, index), layer 1..L (L = the output layer).
        updated(object): the view for a new model or input was computed (a repaint follows);
            payload the View or None (no model).
    """

    neuron_clicked = Signal(int, int)
    updated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network = None
        self.x = np.zeros(784, np.float32)
        self.view: View | None = None
        self.cursor: tuple[int, int] | None = None     # keyboard position (layer, index)
        self.selected: tuple[int, int] | None = None   # the neuron opened
        self._lut = inferno_lut()
        self._input_image = QImage()
        self._hidden_names = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(420, 220)
        self.retranslate()
        follow_language(self, self.retranslate)

    def sizeHint(self) -> QSize:
        return QSize(860, 380)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Network diagram"))
        self.setToolTip(self.tr("Click a neuron to open it (or move with the arrow keys and press Enter)"))
        self.update()


    # --- model and input ----------------------------------------------------------------
    def set_network(self, network) -> None:
        """Draw `network` (a MultiLayerNet or None); the keyboard position and selection reset
        when the sizes change."""
        if network is None or self.network is None or network.sizes != self.network.sizes:
            self.cursor = self.selected = None
        self.network = network
        self._recompute()

    def set_input(self, x: np.ndarray | None) -> None:
        """The drawing x (784,) float in [0, 1], or None (an empty canvas: zeros)."""
        self.x = np.zeros(784, np.float32) if x is None else np.asarray(x, np.float32).reshape(-1)
        self._recompute()

    def select(self, layer: int, index: int) -> None:
        """Mark the neuron that is open (no signal)."""
        self.selected = self.cursor = (layer, index)
        self.update()

    def capacity(self) -> int:
        """How many neurons of a hidden layer fit in a column at the current height."""
        return int(max(4, min(MAX_SHOWN, (self.height() - TOP - BOTTOM) // MIN_SPACING)))

    def _recompute(self) -> None:
        if self.network is None:
            self.view = None
        else:
            self.view = build_view(self.network, self.x, self.capacity())
            self._make_input_image()
        self.update()
        self.updated.emit(self.view)

    def _make_input_image(self) -> None:
        """The input magnified by whole pixels in NumPy: Qt scaling a 28x28 image to the screen
        costs milliseconds per paint, repeating the cells a fraction of one."""
        cell = int(self.image_rect().width() // 28)
        pixels = self.view.trace.x.reshape(28, 28)
        cells = colour_cells(pixels, (0.0, 1.0), self._lut)
        cells = np.ascontiguousarray(np.repeat(np.repeat(cells, cell, axis=0), cell, axis=1))
        side = 28 * cell
        self._input_image = QImage(cells.data, side, side, 4 * side, QImage.Format.Format_ARGB32).copy()

    def resizeEvent(self, event) -> None:
        if self.view is not None:
            if self.view.shown[1].size not in (self.capacity(), self.network.sizes[1]):
                self._recompute()
            else:
                self._make_input_image()
        super().resizeEvent(event)

    # --- geometry -----------------------------------------------------------------------
    def image_rect(self) -> QRectF:
        """Where the 28x28 input is drawn."""
        side = 28.0 * max(1, int(min(self.height() - TOP - BOTTOM, self.width() * 0.24) // 28))
        return QRectF(8.0, float(round(TOP + (self.height() - TOP - BOTTOM - side) / 2)), side, side)

    def column_x(self, layer: int) -> float:
        """Horizontal centre of the column of layer 1..L."""
        depth = self.view.trace.depth
        left = self.image_rect().right() + 70.0
        right = self.width() - LABEL_ROOM
        return left + (right - left) * (layer - 1) / max(1, depth - 1) if depth > 1 else right

    def positions(self, layer: int) -> np.ndarray:
        """(n_shown, 2) centres of the shown neurons of `layer` (0: the pixels)."""
        shown = self.view.shown[layer]
        if layer == 0:
            image = self.image_rect()
            cell = image.width() / 28
            r, c = np.divmod(shown, 28)
            return np.stack([image.left() + (c + 0.5) * cell, image.top() + (r + 0.5) * cell], axis=1)
        n = shown.size
        span = self.height() - TOP - BOTTOM
        step = min(span / max(n, 1), 30.0)
        top = TOP + (span - step * n) / 2 + step / 2
        return np.stack([np.full(n, self.column_x(layer)), top + step * np.arange(n)], axis=1)

    def radius(self, layer: int) -> float:
        n = self.view.shown[layer].size
        return float(min(9.0, max(3.0, 0.38 * (self.height() - TOP - BOTTOM) / max(n, 1))))

    def neuron_at(self, point: QPointF) -> tuple[int, int] | None:
        """(layer, index) of the neuron under point (layers 1..L), or None."""
        if self.view is None:
            return None
        for layer in range(1, self.view.trace.depth + 1):
            centres = self.positions(layer)
            d = np.hypot(centres[:, 0] - point.x(), centres[:, 1] - point.y())
            best = int(np.argmin(d))
            if d[best] <= self.radius(layer) + 3:
                return layer, int(self.view.shown[layer][best])
        return None

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        if self.view is None:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No model: open one or train one on the Draw or Training tab."))
            painter.end()
            return
        painter.drawImage(self.image_rect().topLeft(), self._input_image)
        background = palette.color(QPalette.ColorRole.Base)
        for layer in range(1, self.view.trace.depth + 1):   # not antialiased: 8x faster
            self._paint_links(painter, layer, background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for layer in range(1, self.view.trace.depth + 1):
            self._paint_column(painter, layer, text)
        self._paint_titles(painter, text)
        if self.hasFocus():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine))
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def _paint_links(self, painter: QPainter, layer: int, background: QColor) -> None:
        links = self.view.links[layer - 1]
        if links.value.size == 0:
            return
        starts = self.positions(layer - 1)
        ends = self.positions(layer)
        # positions are of the shown neurons: map layer indices to rows of those arrays
        start_row = np.searchsorted(self.view.shown[layer - 1], links.source)
        end_row = np.searchsorted(self.view.shown[layer], links.target)
        size = np.abs(links.value) / max(float(np.abs(links.value).max()), 1e-12)
        bins = np.minimum((size * WIDTH_BINS).astype(int), WIDTH_BINS - 1)
        for b in range(WIDTH_BINS):          # weak links first, the strong ones on top
            for positive, colour in ((True, POSITIVE), (False, NEGATIVE)):
                pick = np.flatnonzero((bins == b) & ((links.value > 0) == positive))
                if pick.size == 0:
                    continue
                # opaque colours mixed with the background: translucent lines cost ten times more
                # to paint (a stroke must reach the diagram within one frame)
                painter.setPen(QPen(blend(colour, background, 0.3 + 0.23 * b), 0.8 + 0.7 * b))
                a, z = starts[start_row[pick]], ends[end_row[pick]]
                painter.drawLines([QLineF(a[i, 0], a[i, 1], z[i, 0], z[i, 1]) for i in range(pick.size)])

    def _levels(self, layer: int) -> tuple[float, float]:
        if layer == self.view.trace.depth:
            return 0.0, 1.0
        if self.network.activation == "sigmoid":
            return 0.0, 1.0
        if self.network.activation == "tanh":
            return -1.0, 1.0
        return 0.0, max(float(self.view.trace.z[layer - 1].max()), 1e-6)

    def _paint_column(self, painter: QPainter, layer: int, text: QColor) -> None:
        shown = self.view.shown[layer]
        values = self.view.trace.values(layer)[shown]
        colours = colour_cells(values.reshape(1, -1).astype(np.float32), self._levels(layer), self._lut)[0]
        centres = self.positions(layer)
        r = self.radius(layer)
        outline = QPen(text, 0.8)
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        output = layer == self.view.trace.depth
        for i, index in enumerate(shown):
            centre = QPointF(centres[i, 0], centres[i, 1])
            painter.setPen(outline)
            painter.setBrush(QColor.fromRgba(int(colours[i])))
            painter.drawEllipse(centre, r, r)
            if (layer, int(index)) in (self.selected, self.cursor if self.hasFocus() else None):
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(highlight, 2.5))
                painter.drawEllipse(centre, r + 3, r + 3)
            if output:
                painter.setPen(text)
                painter.drawText(QRectF(centre.x() + r + 6, centre.y() - 9, LABEL_ROOM - r - 8, 18),
                                 Qt.AlignmentFlag.AlignVCenter,
                                 f"{index}  {100 * float(self.view.trace.y[index]):.1f}%")
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_titles(self, painter: QPainter, text: QColor) -> None:
        painter.setPen(text)
        image = self.image_rect()
        sizes = self.network.sizes
        depth = self.view.trace.depth
        painter.drawText(QRectF(image.left(), 4, image.width() + 60, TOP - 6), Qt.AlignmentFlag.AlignLeft,
                         self.tr("input x ({0})").format(sizes[0]))
        for layer in range(1, depth + 1):
            x = self.column_x(layer)
            title = (self.tr("output y (softmax)") if layer == depth
                     else self.tr("hidden {0} ({1}, {2})").format(layer, sizes[layer], self.network.activation))
            painter.drawText(QRectF(x - 90, 4, 180, TOP - 6), Qt.AlignmentFlag.AlignHCenter, title)
            hidden = sizes[layer] - self.view.shown[layer].size
            if hidden > 0:
                painter.drawText(QRectF(x - 90, self.height() - BOTTOM + 4, 180, BOTTOM - 6),
                                 Qt.AlignmentFlag.AlignHCenter, self.tr("+{0} hidden").format(hidden))

    # --- mouse and keyboard -------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        hit = self.neuron_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select(*hit)
            self.neuron_clicked.emit(*hit)

    def keyPressEvent(self, event) -> None:
        if self.view is None:
            super().keyPressEvent(event)
            return
        key = event.key()
        layer, index = self.cursor or (1, int(self.view.shown[1][0]))
        shown = self.view.shown[layer]
        row = int(np.searchsorted(shown, index)) if index in shown else 0
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            row = min(max(row + (1 if key == Qt.Key.Key_Down else -1), 0), shown.size - 1)
            self.cursor = (layer, int(shown[row]))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            layer = min(max(layer + (1 if key == Qt.Key.Key_Right else -1), 1), self.view.trace.depth)
            shown = self.view.shown[layer]
            self.cursor = (layer, int(shown[min(row, shown.size - 1)]))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.select(layer, index)
            self.neuron_clicked.emit(layer, index)
        else:
            super().keyPressEvent(event)
            return
        if self.cursor is None:
            self.cursor = (layer, index)
        self.update()
