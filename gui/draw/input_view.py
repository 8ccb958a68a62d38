"""What the network sees: the 28x28 input, magnified, or flattened to the 784-vector x."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Slot
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

SIDE = 28
FLAT_TICKS = range(0, SIDE * SIDE + 1, 196)


class PixelView(QWidget):
    """A grey image (ink 1 = white) magnified without smoothing: square pixels for the 28x28
    picture, or the 1x784 strip as a band across the middle with index ticks below.

    Plain QPainter: an update costs one small QImage, far inside a frame, and no plotting library
    is imported at start-up. Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(140, 140)
        self._image = QImage()
        self._flat = False

    def set_pixels(self, x28: np.ndarray, flat: bool) -> None:
        """Show (28, 28) values in [0, 1]; flat shows them as one row of 784."""
        grey = np.ascontiguousarray(
            np.clip(np.asarray(x28, np.float32) * 255.0 + 0.5, 0, 255).astype(np.uint8))
        grey = grey.reshape(1, -1) if flat else grey.reshape(SIDE, SIDE)
        h, w = grey.shape
        self._image = QImage(grey.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        self._flat = flat
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self._flat:
            line = self.fontMetrics().height()
            band = QRectF(0, self.height() / 2 - 3 * line / 2, self.width(), 2 * line)
            painter.drawImage(band, self._image)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            for i in FLAT_TICKS:
                x = min(i / (SIDE * SIDE) * self.width(), self.width() - 1)
                painter.drawLine(x, band.bottom(), x, band.bottom() + 4)
                align = Qt.AlignmentFlag.AlignHCenter if 0 < i < SIDE * SIDE else (
                    Qt.AlignmentFlag.AlignLeft if i == 0 else Qt.AlignmentFlag.AlignRight)
                left = {Qt.AlignmentFlag.AlignLeft: x, Qt.AlignmentFlag.AlignRight: x - 60}
                painter.drawText(QRectF(left.get(align, x - 30), band.bottom() + 5, 60, line),
                                 align, str(i))
        else:
            side = min(self.width(), self.height())
            painter.drawImage(QRectF((self.width() - side) / 2, (self.height() - side) / 2,
                                     side, side), self._image)
        painter.end()


def forward_shapes(sizes: Sequence[int], activation: str) -> str:
    """The matrix shapes along the forward pass, e.g. "x (1×784) · W1 (784×100) + b1 → relu ..."."""
    parts = [QCoreApplication.translate("InputView", "x (1×{0})").format(sizes[0])]
    layers = len(sizes) - 1
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        parts.append(f" · W{i} ({n_in}×{n_out}) + b{i}")
        last = i == layers
        output = QCoreApplication.translate("InputView", "y (1×{0})") if last else "(1×{0})"
        parts.append(f" → {'softmax' if last else activation} → " + output.format(n_out))
    return "".join(parts)


def conv_forward_shapes(conv, hidden_sizes, output_size: int = 10, batch: int = 1) -> str:
    """The array shapes along a convolutional network's forward pass, e.g. "x (1×1×28×28) →
    conv W1 (16×1×5×5) + b1 → ReLU → pool → (1×16×14×14) → ... → y (1×10)" (batch images: N×)."""
    n = batch
    parts = [f"x ({n}×1×{SIDE}×{SIDE})"]
    channels, side = 1, SIDE
    for i, (filters, size, pad) in enumerate(conv, start=1):
        side = (side + 2 * pad - size + 1) // 2
        parts.append(f" → conv W{i} ({filters}×{channels}×{size}×{size}) + b{i} → ReLU → pool"
                     f" → ({n}×{filters}×{side}×{side})")
        channels = filters
    sizes = (channels * side * side, *hidden_sizes, output_size)
    first = len(conv) + 1
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=first):
        last = i == first + len(sizes) - 2
        output = f"y ({n}×{n_out})" if last else f"({n}×{n_out})"
        flatten = f" → ({n}×{n_in})" if i == first else ""
        parts.append(f"{flatten} · W{i} ({n_in}×{n_out}) + b{i} → {'softmax' if last else 'ReLU'} → "
                     + output)
    return "".join(parts)


class InputView(QWidget):
    """The preprocessed 28x28 input as the network gets it (ink = 1 white), and the shapes.

    Signals: none. Call show_input(x28) with (28, 28) floats or None; set_sizes for the model.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("<b>What the network sees</b>"))
        self.flatten_box = QCheckBox(self.tr("Flatten to the 784-vector x"))
        self.flatten_box.setToolTip(self.tr(
            "The network does not see a picture: the 28 rows are laid end to end as one row "
            "of 784 numbers, x, which is multiplied by the weight matrix W1."))
        self.flatten_box.toggled.connect(self._on_flatten_box_toggled)

        self.plot = PixelView()

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.shapes_label = QLabel()
        self.shapes_label.setWordWrap(True)
        self.shapes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.plot, self.flatten_box, self.caption, self.shapes_label):
            layout.addWidget(widget, 1 if widget is self.plot else 0)
        self.x28 = np.zeros((SIDE, SIDE), np.float32)
        self._arrange()

    def show_input(self, x28: np.ndarray | None) -> None:
        """Show the network's input (28, 28) in [0, 1]; None shows an empty (all-zero) input."""
        self.x28 = np.zeros((SIDE, SIDE), np.float32) if x28 is None else np.asarray(x28)
        self._update_image()

    def set_sizes(self, sizes: Sequence[int] | None, activation: str = "") -> None:
        """Show the shapes along the forward pass for a model with these layer sizes."""
        self.shapes_label.setText(
            forward_shapes(sizes, activation) if sizes else self.tr("No model: no forward pass."))

    def set_network(self, network) -> None:
        """Show the shapes along `network`'s forward pass (fully connected or convolutional)."""
        conv = network is not None and getattr(network, "kind", "") == "conv"
        # a convolutional network reads the 28x28 picture itself: there is no 784-vector to show
        if conv:
            self.flatten_box.setChecked(False)
        self.flatten_box.setVisible(not conv)
        if conv:
            self.shapes_label.setText(conv_forward_shapes(network.conv, network.hidden_sizes,
                                                          network.output_size))
        else:
            self.set_sizes(None if network is None else network.sizes,
                           "" if network is None else network.activation)

    def is_flattened(self) -> bool:
        return self.flatten_box.isChecked()

    @Slot(bool)
    def _on_flatten_box_toggled(self, checked: bool) -> None:
        self._arrange()

    def _arrange(self) -> None:
        if self.is_flattened():
            self.caption.setText(self.tr(
                "x has shape 1×784: row 0 of the image is x[0:28], row 1 is x[28:56], … "
                "Each column is one input number (white = 1, black = 0)."))
        else:
            self.caption.setText(self.tr(
                "28×28 pixels after preprocessing (crop, scale to 20 px, centre): "
                "white = ink = 1.0, black = paper = 0.0."))
        self._update_image()

    def _update_image(self) -> None:
        self.plot.set_pixels(self.x28, self.is_flattened())
