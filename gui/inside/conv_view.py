"""A convolutional network seen from inside: its first filters and the feature maps of the drawing."""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from digitlab.gui.draw.inside_view import InsideView
from digitlab.gui.live_text import follow_language


class ConvView(QWidget):
    """The Inside tab's view of a ConvNet (in place of the diagram of neurons): W1's filters as
    small images, then each stage's feature maps (after ReLU) and the hidden layers for the
    drawing, updated live, with the network's answer underneath.

    Signals: none. Call set_network(network or None), then set_input(x (784,) or None).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network = None
        self.x: np.ndarray | None = None
        self.maps = InsideView()
        self.answer = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.maps, 1)
        layout.addWidget(self.answer)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        self.maps.setAccessibleName(self.tr("Filters and feature maps of the convolutional network"))
        self.maps.setToolTip(self.tr("The first layer's filters, then what each convolution stage "
                                     "finds in your drawing, stage by stage"))
        self._show()

    def set_network(self, network) -> None:
        """Show `network`'s filters (a ConvNet, or None for nothing)."""
        self.network = network
        self.maps.set_network(network)
        self._show()

    def set_input(self, x: np.ndarray | None) -> None:
        """The drawing x (784,) float32 in [0, 1], or None (nothing drawn)."""
        self.x = None if x is None else np.asarray(x, np.float32).reshape(1, -1)
        self._show()

    def _show(self) -> None:
        if self.network is None or self.x is None:
            self.maps.show_activations(None)
            self.answer.setText(self.tr("Draw a digit to see its feature maps."))
            return
        p, hidden = self.network.probabilities_and_hidden(self.x.astype(self.network.dtype))
        self.maps.show_activations([h[0] for h in hidden])
        p = p.reshape(-1)
        k = int(np.argmax(p))
        self.answer.setText(self.tr("The network reads {0} ({1:.1%}).").format(k, float(p[k])))
