"""A look inside: hidden-layer activations and the first layer's weights as pictures."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtWidgets import QGraphicsItem, QLabel, QVBoxLayout, QWidget

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


def _image_view(layout, row: int, col: int, title: str):
    import pyqtgraph as pg

    view = layout.addViewBox(row=row, col=col, enableMouse=False, lockAspect=True, invertY=True,
                             enableMenu=False)
    view.setMenuEnabled(False)
    item = pg.ImageItem()
    view.addItem(item)
    layout.addLabel(title, row=row + 1, col=col, size="9pt", color="#444")
    return view, item


class InsideView(QWidget):
    """Hidden activations for the current drawing (one heatmap per hidden layer) and W1's columns.

    Signals: none. Call set_network(network or None), then show_activations(list of (H,) arrays).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("<b>A look inside</b>"))
        self.help = QLabel(self.tr(
            "Heatmaps: the output of every hidden neuron for your drawing (bright = active). "
            "Last: what the first 16 neurons of layer 1 look for: their weights from the "
            "784 pixels, shown as 28×28 (red = positive weight, blue = negative)."))
        self.help.setWordWrap(True)
        # pyqtgraph is imported, and the plots built, when the first model arrives (after the
        # window's first frame): importing it costs more than the whole window without it
        self.graphics = QWidget()
        self.graphics.setMinimumHeight(150)
        self._built_graphics = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.help)
        self._activation_items: list = []     # pyqtgraph ImageItems, one per hidden layer
        self._weight_item = None
        self._sizes: tuple[int, ...] | None = None

    def set_network(self, network) -> None:
        """Show `network`'s W1 columns and one heatmap per hidden layer (None: nothing).

        The plot items are rebuilt only when the layer sizes change (not for a live update).
        """
        sizes = None if network is None else tuple(network.sizes)
        if sizes != self._sizes:
            self._build(sizes)
        if self._weight_item is not None:
            W1 = np.asarray(network.params["W1"])
            limit = float(np.abs(W1[:, :TILES]).max()) or 1.0
            self._weight_item.setImage(weight_mosaic(W1).T, levels=(-limit, limit))

    def _make_graphics(self) -> None:
        import pyqtgraph as pg

        graphics = pg.GraphicsLayoutWidget()
        graphics.setBackground(None)
        graphics.setMinimumHeight(150)
        self.layout().replaceWidget(self.graphics, graphics)
        self.graphics.deleteLater()
        self.graphics = graphics
        self._built_graphics = True

    def _build(self, sizes: tuple[int, ...] | None) -> None:
        self._activation_items = []
        self._weight_item = None
        self._sizes = sizes
        if sizes is None:
            if self._built_graphics:
                self.graphics.clear()
            return
        if not self._built_graphics:
            self._make_graphics()
        self.graphics.clear()
        import pyqtgraph as pg
        hidden = sizes[1:-1]
        for i, size in enumerate(hidden):
            _, item = _image_view(self.graphics, 0, i,
                                  self.tr("hidden layer {0}: {1} neurons").format(i + 1, size))
            item.setColorMap(pg.colormap.get("inferno"))   # read from disk when first needed
            item.setImage(activation_grid(np.zeros(size, np.float32)).T, levels=(0.0, 1.0))
            self._activation_items.append(item)
        if sizes[0] == SIDE * SIDE:
            _, self._weight_item = _image_view(
                self.graphics, 0, len(hidden),
                self.tr("W1 columns 1–{0}").format(min(TILES, sizes[1])))
            self._weight_item.setColorMap(pg.colormap.get("CET-D1"))
            # the weights change only with the model: kept as a pixmap, not redrawn with every
            # heatmap update while drawing
            self._weight_item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.graphics.ci.layout.setColumnStretchFactor(len(hidden), 2)

    def show_activations(self, activations: list[np.ndarray] | None) -> None:
        """Show each hidden layer's output (H,) for the current input; None shows zeros."""
        for i, item in enumerate(self._activation_items):
            if activations is None:
                a = np.zeros(self._sizes[i + 1], np.float32)
            else:
                a = np.asarray(activations[i], np.float32).ravel()
            top = max(float(a.max()), 1e-6)
            item.setImage(activation_grid(a).T, levels=(min(0.0, float(a.min())), top))
