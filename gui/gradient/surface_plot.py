"""Contour plot of an nn.gradient Surface: a shaded height map with contour lines on top."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal, Slot
from PySide6.QtGui import QPainterPath

from gui.plot_cache import cache_axes
from nn.gradient import Surface

GRID = 90          # samples per axis; contour tracing is pure Python, keep it modest
LEVELS = 10


class ContourItem(pg.IsocurveItem):
    """An isocurve that stops at the data's edge.

    pyqtgraph's IsocurveItem pads the data with its edge values (extendToEdge), which closes
    each contour along the border and leaves short tick marks where it leaves the plot.
    """

    def generatePath(self) -> None:
        if self.data is None:
            self.path = None
            return
        data = self.data.T if self.axisOrder == "row-major" else self.data
        self.path = QPainterPath()
        for line in pg.functions.isocurve(data, self.level, connected=True, extendToEdge=False):
            self.path.moveTo(*line[0])
            for point in line[1:]:
                self.path.lineTo(*point)


class SurfacePlot(pg.PlotWidget):
    """The surface seen from above, in data coordinates (x0 right, x1 up), with a fixed view.

    Signals:
        clicked(float, float): left click inside the plot, in data coordinates.
        hovered(float, float): mouse moved over the plot, in data coordinates.
    """

    clicked = Signal(float, float)
    hovered = Signal(float, float)

    def __init__(self, parent=None) -> None:
        super().__init__(parent, background="w")
        self.surface: Surface | None = None
        self.setAspectLocked(True)
        self.setMenuEnabled(False)
        cache_axes(self)
        self.showGrid(x=True, y=True, alpha=0.15)
        self.setLabel("bottom", "x0")
        self.setLabel("left", "x1")
        self._image = pg.ImageItem()
        self._image.setColorMap(pg.colormap.get("CET-L18"))
        self._image.setOpacity(0.55)
        self.addItem(self._image)
        self._contours = [ContourItem(pen=pg.mkPen("#555555", width=1)) for _ in range(LEVELS)]
        for contour in self._contours:
            contour.setParentItem(self._image)
        self._minimum = pg.ScatterPlotItem(size=16, symbol="star", brush="#ffd700",
                                           pen=pg.mkPen("k", width=1))
        self.addItem(self._minimum)
        self.scene().sigMouseClicked.connect(self._on_scene_sigMouseClicked)
        self.scene().sigMouseMoved.connect(self._on_scene_sigMouseMoved)

    def set_surface(self, surface: Surface) -> None:
        """Draw the surface's contours and fix the view to its x_range, y_range."""
        self.surface = surface
        (x0, x1), (y0, y1) = surface.x_range, surface.y_range
        grid = np.stack(np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID),
                                    indexing="ij"), axis=-1)
        z = surface.f(grid)
        # log-like shading so that steep walls (Rosenbrock) do not wash out the valley
        shade = np.log1p(z - z.min())
        self._image.setImage(shade, autoLevels=True)
        self._image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        levels = np.quantile(z, np.linspace(0.02, 0.9, LEVELS) ** 2)
        for contour, level in zip(self._contours, levels):
            contour.setData(z, float(level))
        minimum = [] if surface.minimum is None else [surface.minimum]
        self._minimum.setData(pos=minimum)
        self.disableAutoRange()
        self.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)

    def _to_data(self, scene_pos):
        view = self.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        point = view.mapSceneToView(scene_pos)
        return point.x(), point.y()

    @Slot(object)
    def _on_scene_sigMouseClicked(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        point = self._to_data(event.scenePos())
        if point is not None:
            self.clicked.emit(*point)

    @Slot(object)
    def _on_scene_sigMouseMoved(self, scene_pos) -> None:
        point = self._to_data(scene_pos)
        if point is not None:
            self.hovered.emit(*point)
