"""The surface f(x0, x1) in 3-D: a rotatable OpenGL mesh, or a shaded height map without OpenGL."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication, QOpenGLContext
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from digitlab.nn.numerical.gradient import Surface

GRID = 60            # mesh samples per axis
MAP_GRID = 150       # height-map samples per axis (an image: cheap)
HEIGHT = 0.6         # the tallest point, as a fraction of the wider axis range
LIGHT = np.array([-1.0, 1.0, 1.5]) / np.linalg.norm([-1.0, 1.0, 1.5])   # from the upper left


def opengl_available() -> bool:
    """PyOpenGL is installed and Qt can create an OpenGL context here (never offscreen)."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return False
    try:
        import OpenGL.GL  # noqa: F401  (pyqtgraph.opengl needs it)
    except ImportError:
        return False
    return QOpenGLContext().create()


def heights(surface: Surface, n: int = GRID) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """xs (n,), ys (n,) and the drawn height (n, n) [x, y]: log-compressed like the contours,
    so that steep walls (Rosenbrock) do not flatten the valley, scaled to HEIGHT."""
    xs, ys = np.linspace(*surface.x_range, n), np.linspace(*surface.y_range, n)
    z = surface.f(np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1))
    z = np.log1p(z - z.min())
    span = max(xs[-1] - xs[0], ys[-1] - ys[0])
    return xs, ys, HEIGHT * span * z / max(float(z.max()), 1e-12)


def hillshade(xs: np.ndarray, ys: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Lambert shading (n, n) in [0, 1] of the height field z [x, y] lit from LIGHT."""
    dz_dx, dz_dy = np.gradient(z, xs, ys)
    normals = np.stack([-dz_dx, -dz_dy, np.ones_like(z)], axis=-1)
    normals /= np.linalg.norm(normals, axis=-1, keepdims=True)
    return np.clip(normals @ LIGHT, 0.0, 1.0)


class Surface3DView(QWidget):
    """The current surface as a rotatable mesh (drag to turn), or a shaded height map with a note.

    use_opengl: None decides by opengl_available(). Signals: none.
    """

    def __init__(self, parent: QWidget | None = None, use_opengl: bool | None = None) -> None:
        super().__init__(parent)
        self.uses_opengl = opengl_available() if use_opengl is None else use_opengl
        self.colormap = pg.colormap.get("CET-L18")
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.uses_opengl:
            import pyqtgraph.opengl as gl   # only where a context exists: it needs PyOpenGL
            self.view = gl.GLViewWidget()
            self.view.setBackgroundColor("w")
            self._mesh = gl.GLSurfacePlotItem(smooth=True, computeNormals=True, shader="shaded")
            self.view.addItem(self._mesh)
        else:
            self.view = pg.PlotWidget(background="w")
            self.view.setMenuEnabled(False)
            self.view.setAspectLocked(True)
            self.view.setLabel("bottom", "x0")
            self.view.setLabel("left", "x1")
            self._image = pg.ImageItem()
            self.view.addItem(self._image)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.note.setText(self.tr("Drag to turn the surface.") if self.uses_opengl else self.tr(
            "No OpenGL here, so no 3-D view: this is the surface seen from above as a shaded "
            "relief, lit from the upper left; pale is low, red is high."))

    def set_surface(self, surface: Surface) -> None:
        """Draw this nn.gradient Surface."""
        xs, ys, z = heights(surface, GRID if self.uses_opengl else MAP_GRID)
        colours = self.colormap.map(z / max(float(z.max()), 1e-12), mode="float")
        if self.uses_opengl:
            self._mesh.setData(x=xs, y=ys, z=z, colors=colours.reshape(*z.shape, 4))
            self.view.setCameraPosition(distance=2.2 * max(xs[-1] - xs[0], ys[-1] - ys[0]))
            return
        # a gentle relief: the colour carries the height, the light only the shape
        shade = 0.7 + 0.3 * hillshade(xs, ys, z)
        rgb = colours.reshape(*z.shape, 4)[..., :3] * shade[..., None]
        self._image.setImage((255 * rgb).astype(np.uint8), levels=(0, 255))
        self._image.setRect(QRectF(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0]))
        self.view.setRange(xRange=surface.x_range, yRange=surface.y_range, padding=0.02)
