"""What the network sees: the 28x28 input, magnified, or flattened to the 784-vector x."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from gui.plot_cache import cache_axes

SIDE = 28


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

        # no context menus: they cost start-up time and offer nothing here
        self.plot = pg.PlotWidget(background=None, viewBox=pg.ViewBox(enableMenu=False))
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        cache_axes(self.plot)
        self.plot.invertY(True)
        self.plot.setMinimumSize(140, 140)
        self.image = pg.ImageItem(np.zeros((SIDE, SIDE), np.float32), levels=(0.0, 1.0))
        self.plot.addItem(self.image)

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

    def is_flattened(self) -> bool:
        return self.flatten_box.isChecked()

    @Slot(bool)
    def _on_flatten_box_toggled(self, checked: bool) -> None:
        self._arrange()

    def _arrange(self) -> None:
        flat = self.is_flattened()
        self.plot.showAxis("bottom", flat)
        self.plot.showAxis("left", False)
        self.plot.setAspectLocked(not flat)
        if flat:
            self.plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(0, 785, 196)]])
            self.caption.setText(self.tr(
                "x has shape 1×784: row 0 of the image is x[0:28], row 1 is x[28:56], … "
                "Each column is one input number (white = 1, black = 0)."))
        else:
            self.caption.setText(self.tr(
                "28×28 pixels after preprocessing (crop, scale to 20 px, centre): "
                "white = ink = 1.0, black = paper = 0.0."))
        self._update_image()
        # the 1x784 strip is drawn as a band across the middle, not stretched to the full height
        x_range, y_range = ((0, SIDE * SIDE), (-3, 4)) if flat else ((0, SIDE), (0, SIDE))
        self.plot.setRange(xRange=x_range, yRange=y_range, padding=0)

    def _update_image(self) -> None:
        # ImageItem takes (x, y) order: transpose rows; the flat strip is 784 wide, 1 high
        data = self.x28.reshape(-1, 1) if self.is_flattened() else self.x28.T
        self.image.setImage(data, levels=(0.0, 1.0), autoLevels=False)
