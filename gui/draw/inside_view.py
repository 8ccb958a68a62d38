"""A look inside: hidden-layer activations and the first layer's weights as pictures."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from digitlab.gui.draw.heatmap import Heatmap, diverging_lut, inferno_lut
from digitlab.gui.live_text import follow_language
from digitlab.nn.model.conv import output_size

SIDE = 28
TILES = 16        # first 16 columns of W1, shown 4 x 4
TILE_ROW = 4


def grid_shape(size: int) -> tuple[int, int]:
    """(rows, cols) for `size` cells: an exact rectangle up to 1:2 (512 -> 16 x 32), else a near
    square with a few cells left over (100 -> 10 x 10, 7 -> 3 x 3)."""
    side = math.ceil(math.sqrt(size))
    for cols in range(side, 2 * side):
        if size % cols == 0 and cols <= 2 * (size // cols):
            return size // cols, cols
    return math.ceil(size / side), side


def activation_grid(a: np.ndarray) -> np.ndarray:
    """Lay a (H,) activation vector out as a (rows, cols) grid (see grid_shape), padded with NaN."""
    rows, cols = grid_shape(a.size)
    grid = np.full(rows * cols, np.nan, np.float32)
    grid[:a.size] = a
    return grid.reshape(rows, cols)


def weight_mosaic(W1: np.ndarray, tiles: int = TILES, per_row: int = TILE_ROW) -> np.ndarray:
    """First `tiles` columns of W1 (784, H) as 28x28 pictures in a mosaic, NaN between tiles."""
    tiles = min(tiles, W1.shape[1])
    rows = math.ceil(tiles / per_row)
    mosaic = np.full((rows * (SIDE + 1) - 1, per_row * (SIDE + 1) - 1), np.nan, np.float32)
    for j in range(tiles):
        r, c = divmod(j, per_row)
        mosaic[r * (SIDE + 1):r * (SIDE + 1) + SIDE, c * (SIDE + 1):c * (SIDE + 1) + SIDE] = \
            W1[:, j].reshape(SIDE, SIDE)
    return mosaic


def feature_mosaic(maps: np.ndarray, per_row: int | None = None) -> np.ndarray:
    """Channels (C, H, W) side by side in a grid (see grid_shape), NaN between and after them:
    a convolution's feature maps or its filters (W1[:, 0] of (FN, 1, FH, FW))."""
    maps = np.asarray(maps, np.float32)
    count, h, w = maps.shape
    rows, cols = grid_shape(count) if per_row is None else (math.ceil(count / per_row), per_row)
    mosaic = np.full((rows * (h + 1) - 1, cols * (w + 1) - 1), np.nan, np.float32)
    for j in range(count):
        r, c = divmod(j, cols)
        mosaic[r * (h + 1):r * (h + 1) + h, c * (w + 1):c * (w + 1) + w] = maps[j]
    return mosaic


def layout_key(network) -> tuple | None:
    """What decides the heatmaps a network needs: its layer sizes, or its conv stages and hidden
    sizes for a convolutional network (no `sizes`)."""
    if network is None:
        return None
    if getattr(network, "kind", "") == "conv":
        return ("conv", network.conv, network.hidden_sizes, network.output_size)
    return tuple(network.sizes)


class InsideView(QWidget):
    """Hidden activations for the current drawing (one heatmap per hidden layer) and W1's columns.

    Plain QPainter heatmaps (gui.draw.heatmap): they follow the pen within a frame and need no
    plotting library. Signals: none. Call set_network(network or None), then
    show_activations(list of (H,) arrays).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.maps = QHBoxLayout()
        self.maps.setSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.maps, 1)
        layout.addWidget(self.help)
        self.activation_maps: list[Heatmap] = []     # one per hidden layer
        self.weight_map: Heatmap | None = None
        self._captions: list[QLabel] = []
        self._columns: list[QWidget] = []
        self._sizes: tuple | None = None
        self._zero_shapes: list[tuple[int, ...]] = []
        self.setMinimumHeight(150)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the texts in the current language, the captions with their numbers included."""
        self.title.setText(self.tr("<b>A look inside</b>"))
        self.help.setText(self.tr(
            "Heatmaps: the output of every hidden neuron for your drawing (bright = active). "
            "Last: what the first 16 neurons of layer 1 look for: their weights from the "
            "784 pixels, shown as 28×28 (red = positive weight, blue = negative)."))
        if self._sizes is None:
            return
        if self._sizes[0] == "conv":
            self._retranslate_conv()
            return
        hidden = self._sizes[1:-1]
        texts = [self.tr("hidden layer {0}: {1} neurons").format(i + 1, size)
                 for i, size in enumerate(hidden)]
        if self.weight_map is not None:
            texts.append(self.tr("W1 columns 1–{0}").format(min(TILES, self._sizes[1])))
        for label, text in zip(self._captions, texts):
            label.setText(text)

    def _retranslate_conv(self) -> None:
        self.help.setText(self.tr(
            "A convolutional network: first layer 1's filters (a small square of weights each, red "
            "= positive, blue = negative), then each convolution stage's feature maps for your "
            "drawing after ReLU (bright = active), then the neurons of the fully connected layers."))
        _, conv, hidden, _ = self._sizes
        texts = [self.tr("W1: {0} filters {1}×{1}").format(conv[0][0], conv[0][1])]
        texts += [self.tr("conv {0}: {1} feature maps").format(i + 1, stage[0])
                  for i, stage in enumerate(conv)]
        texts += [self.tr("hidden layer {0}: {1} neurons").format(len(conv) + i + 1, size)
                  for i, size in enumerate(hidden)]
        for label, text in zip(self._captions, texts):
            label.setText(text)

    def set_network(self, network) -> None:
        """Show `network`'s W1 columns and one heatmap per hidden layer (None: nothing); for a
        convolutional network its first filters, a mosaic of feature maps per stage and one
        heatmap per hidden layer.

        The heatmaps are rebuilt only when the layer sizes change (not for a live update).
        """
        sizes = layout_key(network)
        if sizes != self._sizes:
            self._build(sizes)
        if sizes is not None and sizes[0] == "conv":
            filters = np.asarray(network.params["W1"])[:, 0]
            limit = float(np.abs(filters).max()) or 1.0
            self.weight_map.set_values(feature_mosaic(filters), (-limit, limit))
            return
        if self.weight_map is not None:
            W1 = np.asarray(network.params["W1"])
            limit = float(np.abs(W1[:, :TILES]).max()) or 1.0
            self.weight_map.set_values(weight_mosaic(W1), (-limit, limit))

    def _add_column(self, heatmap: Heatmap, stretch: int) -> None:
        column = QWidget()
        box = QVBoxLayout(column)
        box.setContentsMargins(0, 0, 0, 0)
        caption = QLabel()
        caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        caption.setWordWrap(True)
        box.addWidget(heatmap, 1)
        box.addWidget(caption)
        self.maps.addWidget(column, stretch)
        self._columns.append(column)
        self._captions.append(caption)

    def _build(self, sizes: tuple[int, ...] | None) -> None:
        for column in self._columns:
            self.maps.removeWidget(column)
            column.hide()          # at once: deleteLater waits for the event loop
            column.deleteLater()
        self._columns, self._captions, self.activation_maps = [], [], []
        self.weight_map = None
        self._sizes = sizes
        if sizes is None:
            return
        if sizes[0] == "conv":
            self._build_conv(sizes)
            return
        for size in sizes[1:-1]:
            heatmap = Heatmap(inferno_lut())
            heatmap.set_values(activation_grid(np.zeros(size, np.float32)), (0.0, 1.0))
            self.activation_maps.append(heatmap)
            self._add_column(heatmap, 1)
        if sizes[0] == SIDE * SIDE:
            self.weight_map = Heatmap(diverging_lut())
            self._add_column(self.weight_map, 2)
        self.retranslate()

    def _build_conv(self, key: tuple) -> None:
        _, conv, hidden, _ = key
        self.weight_map = Heatmap(diverging_lut())
        self._add_column(self.weight_map, 1)
        for _ in conv:
            heatmap = Heatmap(inferno_lut())
            self.activation_maps.append(heatmap)
            self._add_column(heatmap, 2)
        for _ in hidden:
            heatmap = Heatmap(inferno_lut())
            self.activation_maps.append(heatmap)
            self._add_column(heatmap, 1)
        self._zero_shapes = self._conv_shapes(conv, hidden)
        self.show_activations(None)
        self.retranslate()

    @staticmethod
    def _conv_shapes(conv, hidden) -> list[tuple[int, ...]]:
        """The ReLU outputs' shapes for one image: (C, side, side) per stage (before pooling),
        then (H,) per hidden layer."""
        shapes, side = [], SIDE
        for filters, size, pad in conv:
            side = output_size(side, size, 1, pad)
            shapes.append((filters, side, side))
            side //= 2
        return shapes + [(h,) for h in hidden]

    def show_activations(self, activations: list[np.ndarray] | None) -> None:
        """Show each hidden layer's output (H,) for the current input; None shows zeros. For a
        convolutional network the conv stages' outputs are (C, H, W) feature maps."""
        conv = self._sizes is not None and self._sizes[0] == "conv"
        for i, heatmap in enumerate(self.activation_maps):
            if activations is None:
                shape = self._zero_shapes[i] if conv else (self._sizes[i + 1],)
                a = np.zeros(shape, np.float32)
            else:
                a = np.asarray(activations[i], np.float32)
                a = a[0] if a.ndim == 4 else a    # (1, C, H, W) of a batch of one image
            top = max(float(a.max()), 1e-6)
            grid = feature_mosaic(a) if a.ndim == 3 else activation_grid(a.ravel())
            heatmap.set_values(grid, (min(0.0, float(a.min())), top))
