"""Where the drawing sits among all digits: a PCA map of each layer's activations for 2,000 MNIST
test images, coloured by label, with the current drawing as a star."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from digitlab.gui.draw.heatmap import Heatmap, inferno_lut
from digitlab.gui.live_text import follow_language
from digitlab.gui.workers import QUEUED, TaskWorker, abandon_thread, join_thread, start_worker
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.model.pca import MAP_IMAGES, layer_maps, place

# matplotlib's "tab10" (BSD): ten colours told apart on light and dark windows
LABEL_COLOURS = ((31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                 (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207))


def compute_maps(network, data, count: int = MAP_IMAGES):
    """(maps, x (count, 784), t (count,)): the first count MNIST test images on each layer's map.
    Worker thread."""
    (_, _), (x_test, t_test) = data.get()
    x, t = x_test[:count], t_test[:count]
    return layer_maps(network, x), x, t


class MapPanel(QWidget):
    """A PCA map per layer (input, hidden layers, output) of 2,000 MNIST test images, coloured by
    label; hovering a point shows its image; the drawing is a star that moves as you draw.

    The Inside tab calls set_model(network) and set_input(x (784,) or None); the window calls
    show_training_model(network) when the Training tab pauses. The maps are computed off the GUI
    thread (nn.pca, NumPy's SVD), when the panel is visible.

    Signals:
        maps_ready(): the maps of the current model were computed and shown.
        message(str): something the user should read in the status bar.
    """

    maps_ready = Signal()
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, data=None) -> None:
        super().__init__(parent)
        if data is None:
            from digitlab.gui.training.mnist_cache import MnistCache
            data = MnistCache()
        self.data = data
        self._network = None
        self._in_training = False
        self._x: np.ndarray | None = None
        self.maps = None                  # list[LayerMap] of the model shown, or None
        self._images = self._labels = None
        self._maps_of = None              # the network the maps belong to
        self._computing_for = None        # the network whose maps are being computed
        self._thread = self._worker = None
        self._pending = False             # the model changed while a map was computed
        self._dirty = False
        self.star_points: list[np.ndarray] = []
        self._hovered: int | None = None  # the test image shown beside the map
        self._unsupported = False         # the model given is not a MultiLayerNet
        self._build()
        self.retranslate()
        follow_language(self, self.retranslate)

    def _build(self) -> None:
        import pyqtgraph as pg
        self.title = QLabel()
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.layer_caption = QLabel()
        self.layer_combo = QComboBox()
        self.layer_combo.currentIndexChanged.connect(self._on_layer_combo_current_index_changed)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.legend = QLabel()
        self.plot = pg.PlotWidget()
        self.plot.setMinimumSize(320, 260)
        self.plot.setMenuEnabled(False)
        # tip=None: the image beside the map says what the dot is (pyqtgraph's tip would be x, y)
        self.points = pg.ScatterPlotItem(size=5, pen=None, hoverable=True, hoverSize=9, tip=None,
                                         hoverPen=pg.mkPen((0, 0, 0), width=1.5))
        self.points.sigHovered.connect(self._on_points_hovered)
        self.star = pg.ScatterPlotItem(symbol="star", size=26, brush=pg.mkBrush(255, 215, 0),
                                       pen=pg.mkPen((0, 0, 0), width=1.5))
        self.star.setZValue(10)
        self.plot.addItem(self.points)
        self.plot.addItem(self.star)
        self._brushes = [pg.mkBrush(*rgb, 170) for rgb in LABEL_COLOURS]
        self.hover_image = Heatmap(inferno_lut())
        self.hover_image.setFixedSize(112, 112)
        self.hover_label = QLabel()
        self.hover_label.setWordWrap(True)
        self.hover_label.setFixedWidth(140)
        self.legend.setText(" ".join(f'<span style="color:rgb{rgb}">■ {d}</span>'
                                     for d, rgb in enumerate(LABEL_COLOURS)))

        controls = QHBoxLayout()
        controls.addWidget(self.layer_caption)
        controls.addWidget(self.layer_combo)
        controls.addWidget(self.legend)
        controls.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.hover_image)
        side.addWidget(self.hover_label)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.plot, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addLayout(controls)
        layout.addLayout(body, 1)
        layout.addWidget(self.status_label)

    def retranslate(self) -> None:
        """Every text in the current language, those with values made again from the values."""
        self.title.setText(self.tr("<b>Where it sits among all digits</b>"))
        self.help.setText(self.tr(
            "Each point is one of {0:,} MNIST test images, placed by the two directions along which that "
            "layer's activations vary most (PCA). Watch the digits separate layer by layer; the star "
            "is your drawing. Point at a dot to see its image.").format(MAP_IMAGES))
        self.layer_caption.setText(self.tr("Layer:"))
        for widget, name, tip in (
                (self.layer_combo, self.tr("Layer on the map"), self.tr("Whose activations the map shows")),
                (self.plot, self.tr("PCA map"), self.tr("Test images coloured by their label; the star is your drawing")),
                (self.hover_image, self.tr("Image under the pointer"), self.tr("The test image you point at")),
                (self.legend, self.tr("Colours of the digits"), self.tr("Each digit's colour on the map"))):
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
        self.plot.setLabel("bottom", self.tr("first principal component"))
        self.plot.setLabel("left", self.tr("second principal component"))
        self._fill_layer_combo()
        self._show_status()
        if self._hovered is not None:
            self.show_point(self._hovered)

    # --- the contract with the Inside tab ----------------------------------------------
    def set_model(self, network) -> None:
        """Map the layers of network (computed when the panel is shown)."""
        self._in_training = False
        self._use(network)

    def show_training_model(self, network) -> None:
        """Map a model in the middle of its training (the Training tab paused)."""
        self._in_training = True
        self._use(network)

    def set_input(self, x: np.ndarray | None) -> None:
        """The drawing, x (784,) float32 preprocessed, or None: the star moves."""
        self._x = None if x is None else np.asarray(x, np.float32).reshape(-1)
        if self.isVisible():
            self._place_star()

    def shutdown(self) -> None:
        """Wait for a map being computed and drop its result (the window closes)."""
        abandon_thread(self._thread, self)
        self._thread = self._worker = None

    # --- computing ---------------------------------------------------------------------
    def _use(self, network) -> None:
        self._unsupported = network is not None and not isinstance(network, MultiLayerNet)
        if self._unsupported:   # a ConvNet: not the layers mapped here
            network = None
        if network is self._network and self.maps is not None:
            self._show_status()
            return
        self._network = network
        self.maps = self._maps_of = None    # the old model's maps go: their layers are not these
        self._fill_layer_combo()
        self._show_map()
        self._start()

    def _start(self) -> None:
        if self._network is None:
            self.maps = None
            self._show_map()
            return
        if not self.isVisible():
            self._dirty = True
            return
        if self._thread is not None:
            self._pending = True
            return
        self._dirty = self._pending = False
        network, data = self._network.copy(), self.data
        self._computing_for = self._network
        self._worker = TaskWorker(lambda: compute_maps(network, data))
        self._worker.finished.connect(self._on_worker_finished, QUEUED)
        self._worker.failed.connect(self._on_worker_failed, QUEUED)
        self._thread = start_worker(self._worker, self)
        self._show_status()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._place_star()   # the drawing may have changed while the panel was hidden
        if self._dirty:
            self._start()

    @Slot(object)
    def _on_worker_finished(self, result) -> None:
        join_thread(self._thread)
        self._thread = self._worker = None
        if self._pending or self._computing_for is not self._network:
            self._start()
            return
        if result is None:
            self._show_status()
            return
        self.maps, self._images, self._labels = result
        self._maps_of = self._computing_for
        self._show_map()
        self.maps_ready.emit()

    @Slot(object)
    def _on_worker_failed(self, failure) -> None:
        self.message.emit(self.tr("The map needs the MNIST test images: {0}").format(failure.summary))

    # --- showing -----------------------------------------------------------------------
    def _fill_layer_combo(self) -> None:
        index = max(0, self.layer_combo.currentIndex())
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        if self._network is not None:
            sizes = self._network.sizes
            self.layer_combo.addItem(self.tr("input x ({0} pixels)").format(sizes[0]))
            for layer, width in enumerate(sizes[1:-1], start=1):
                self.layer_combo.addItem(self.tr("hidden layer {0} ({1} neurons)").format(layer, width))
            self.layer_combo.addItem(self.tr("output y (softmax, {0})").format(sizes[-1]))
            self.layer_combo.setCurrentIndex(min(index, self.layer_combo.count() - 1))
        self.layer_combo.blockSignals(False)

    @Slot(int)
    def _on_layer_combo_current_index_changed(self, index: int) -> None:
        self._show_map()

    def layer(self) -> int:
        return max(0, self.layer_combo.currentIndex())

    def _show_map(self) -> None:
        if self.maps is None or self.layer() >= len(self.maps):
            self.points.setData([], [])
            self.star.setData([], [])
            self._show_status()
            return
        points = self.maps[self.layer()].points
        self.points.setData(x=points[:, 0], y=points[:, 1],
                            brush=[self._brushes[int(label)] for label in self._labels])
        self.plot.getPlotItem().enableAutoRange()
        self._place_star()
        self._show_status()

    def _place_star(self) -> None:
        if self.maps is None or self._x is None or self._maps_of is None:
            self.star_points = []
            self.star.setData([], [])
            return
        self.star_points = place(self._maps_of, self.maps, self._x)
        where = self.star_points[min(self.layer(), len(self.star_points) - 1)]
        self.star.setData([float(where[0])], [float(where[1])])

    def _show_status(self) -> None:
        if self._unsupported:
            text = self.tr("The map is drawn for fully connected networks; this model has convolution layers.")
        elif self._network is None:
            text = self.tr("No model.")
        elif self._thread is not None or self.maps is None:
            text = self.tr("Computing the maps of {0:,} test images…").format(MAP_IMAGES)
        else:
            ratio = self.maps[min(self.layer(), len(self.maps) - 1)].pca.explained_ratio
            text = self.tr("The two components explain {0:.1%} and {1:.1%} of this layer's variance.").format(
                float(ratio[0]), float(ratio[1]) if ratio.size > 1 else 0.0)
        if self._in_training:
            text = self.tr("The model in training, as it was when the training paused. ") + text
        self.status_label.setText(text)

    @property
    def labels(self) -> np.ndarray | None:
        """The labels (N,) of the test images on the map, or None before the maps are computed."""
        return self._labels

    def show_point(self, index: int) -> None:
        """Show test image `index` of the map and its label beside the map."""
        if self._images is None or not 0 <= index < len(self._images):
            return
        self._hovered = index
        self.hover_image.set_values(self._images[index].reshape(28, 28), (0.0, 1.0))
        self.hover_label.setText(self.tr("Test image #{0}: a {1}").format(index, int(self._labels[index])))

    @Slot(object, object, object)
    def _on_points_hovered(self, item, points, event) -> None:
        if len(points):
            self.show_point(int(points[0].index()))
