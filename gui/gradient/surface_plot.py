"""Contour plot of an nn.gradient Surface: a shaded height map with contour lines on top."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal, Slot
from PySide6.QtGui import QPainterPath, QTransform

from digitlab.gui.plot_cache import cache_axes
from digitlab.nn.numerical.gradient import Surface

GRID = 90          # contour samples per axis; contour tracing is pure Python, keep it modest
SHADE_GRID = 300   # shading samples per axis over the wider square (no tracing: cheap)
LEVELS = 10
MARGIN = 3.0       # the shaded square spans this many times the larger range


def shaded_extent(x_range, y_range) -> tuple[tuple[float, float], tuple[float, float]]:
    """The square the surface is shaded over: centred on the ranges, MARGIN x the larger one.

    With the aspect locked the view shows more than the ranges along one axis (a wide valley in
    a square plot, a square surface in a tall plot); shading only the ranges left white bands.
    """
    half = MARGIN * max(x_range[1] - x_range[0], y_range[1] - y_range[0]) / 2
    cx, cy = sum(x_range) / 2, sum(y_range) / 2
    return (cx - half, cx + half), (cy - half, cy + half)


def _sample(surface: Surface, x_range, y_range, n: int) -> np.ndarray:
    """f on an n x n grid over the ranges, (n, n) indexed [x, y] as ImageItem expects."""
    grid = np.meshgrid(np.linspace(*x_range, n), np.linspace(*y_range, n), indexing="ij")
    return surface.f(np.stack(grid, axis=-1))


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
            self.addItem(contour)
        self._minimum = pg.ScatterPlotItem(size=16, symbol="star", brush="#ffd700",
                                           pen=pg.mkPen("k", width=1))
        self.addItem(self._minimum)
        self.scene().sigMouseClicked.connect(self._on_scene_sigMouseClicked)
        self.scene().sigMouseMoved.connect(self._on_scene_sigMouseMoved)

    def set_surface(self, surface: Surface) -> None:
        """Draw the surface's contours and fix the view to its x_range, y_range."""
        self.surface = surface
        (x0, x1), (y0, y1) = surface.x_range, surface.y_range
        z = _sample(surface, surface.x_range, surface.y_range, GRID)
        (a, b), (c, d) = shaded_extent(surface.x_range, surface.y_range)
        # log-like shading so that steep walls (Rosenbrock) do not wash out the valley; the
        # ranges' own values set the colours, so the wider margin does not wash them out
        shade = np.log1p(np.clip(_sample(surface, (a, b), (c, d), SHADE_GRID) - z.min(), 0.0, None))
        self._image.setImage(shade, levels=(0.0, float(np.log1p(z.max() - z.min()))))
        self._image.setRect(QRectF(a, c, b - a, d - c))
        levels = np.quantile(z, np.linspace(0.02, 0.9, LEVELS) ** 2)
        to_data = QTransform.fromTranslate(x0, y0).scale((x1 - x0) / GRID, (y1 - y0) / GRID)
        for contour, level in zip(self._contours, levels):
            contour.setData(z, float(level))
            contour.setTransform(to_data)
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
