"""Heatmaps drawn with QPainter: a 2-D array through a colour table, magnified without smoothing.

The Draw tab updates its heatmaps while the student draws; a plain widget costs one small QImage
per update and needs no plotting library (pyqtgraph costs half a second to import).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

# matplotlib's "inferno" (CC0) at 17 evenly spaced stops; linear between them it stays within
# 7/255 of the full table: dark = low, bright = high, readable on light and dark windows
INFERNO_STOPS = ((0, 0, 4), (11, 7, 36), (33, 12, 74), (61, 9, 101), (87, 16, 110),
                 (113, 25, 110), (138, 34, 106), (163, 44, 97), (188, 55, 84), (208, 69, 69),
                 (227, 89, 51), (241, 113, 31), (249, 140, 10), (252, 170, 15), (249, 201, 50),
                 (242, 232, 101), (252, 255, 164))


def inferno_lut() -> np.ndarray:
    """(256, 3) uint8: black through purple and orange to pale yellow."""
    stops = np.array(INFERNO_STOPS, np.float64)
    at = np.linspace(0.0, 1.0, len(stops))
    x = np.linspace(0.0, 1.0, 256)
    return np.stack([np.interp(x, at, stops[:, c]) for c in range(3)], axis=1).round().astype(np.uint8)


def diverging_lut() -> np.ndarray:
    """(256, 3) uint8: blue (negative) through white (0) to red (positive)."""
    s = np.linspace(-1.0, 1.0, 256)
    red = np.where(s < 0, 1.0 + s, 1.0)
    blue = np.where(s > 0, 1.0 - s, 1.0)
    green = 1.0 - np.abs(s)
    return (np.stack([red, green, blue], axis=1) * 255).round().astype(np.uint8)


def colour_cells(values: np.ndarray, levels: tuple[float, float], lut: np.ndarray) -> np.ndarray:
    """(H, W) values -> (H, W) uint32 ARGB: low..high mapped onto the table, NaN transparent."""
    low, high = levels
    scale = 255.0 / (high - low) if high > low else 0.0
    finite = np.isfinite(values)
    index = np.clip((np.where(finite, values, low) - low) * scale + 0.5, 0, 255).astype(np.uint8)
    argb = (0xFF000000 | (lut[:, 0].astype(np.uint32) << 16) | (lut[:, 1].astype(np.uint32) << 8)
            | lut[:, 2].astype(np.uint32))
    return np.where(finite, argb[index], np.uint32(0))


class Heatmap(QWidget):
    """A 2-D array as square coloured cells, centred, aspect kept, NaN cells left blank.

    Signals: none. Call set_values(values (H, W), (low, high)).
    """

    def __init__(self, lut: np.ndarray, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lut = lut
        self._image = QImage()
        self.values: np.ndarray | None = None
        self.setMinimumSize(60, 60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(140, 140)

    def set_values(self, values: np.ndarray, levels: tuple[float, float]) -> None:
        """Show values (H, W); levels (low, high) map to the ends of the colour table."""
        self.values = np.asarray(values, np.float32)
        cells = np.ascontiguousarray(colour_cells(self.values, levels, self._lut))
        h, w = cells.shape
        self._image = QImage(cells.data, w, h, 4 * w, QImage.Format.Format_ARGB32).copy()
        self.update()

    def image_rect(self) -> QRectF:
        """Where the cells are painted: the largest rectangle of the array's aspect, centred."""
        if self._image.isNull():
            return QRectF()
        h, w = self._image.height(), self._image.width()
        cell = min(self.width() / w, self.height() / h)
        return QRectF((self.width() - w * cell) / 2, (self.height() - h * cell) / 2, w * cell, h * cell)

    def paintEvent(self, event) -> None:
        if self._image.isNull():
            return
        painter = QPainter(self)
        painter.drawImage(self.image_rect(), self._image)
        painter.end()
