"""Gradient field panel: contours with arrows of the negative gradient, and the gradient at the mouse."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from digitlab.nn.course import LISTINGS
from digitlab.nn.numerical.gradient import numerical_gradient, numerical_gradient_field, surfaces
from digitlab.gui.code_view import CodeView
from digitlab.gui.gradient.common import COLOURS, fmt, fmt_point, surface_label
from digitlab.gui.gradient.surface_3d import Surface3DView
from digitlab.gui.gradient.surface_plot import SurfacePlot
from digitlab.gui.live_text import follow_language

ARROWS = 15        # per axis
HEAD = 0.3         # arrow head length as a fraction of the arrow


def arrow_segments(points: np.ndarray, vectors: np.ndarray, spacing: float) -> np.ndarray:
    """Line segments (shaft and two head strokes) for arrows; points, vectors (K, 2) -> (6K, 2).

    The longest arrow is 0.9 grid spacings; the others are scaled in proportion to |vector|.
    """
    norms = np.linalg.norm(vectors, axis=1)
    scale = 0.9 * spacing / max(norms.max(), 1e-300)
    v = vectors * scale
    tips = points + v
    back = -HEAD * v
    side = np.stack([-back[:, 1], back[:, 0]], axis=1) * 0.5
    segments = np.stack([points, tips, tips, tips + back + side, tips, tips + back - side], axis=1)
    return segments.reshape(-1, 2)


LISTING = LISTINGS["numerical_gradient"]
COURSE_POINTS = ((3.0, 4.0), (0.0, 2.0), (3.0, 0.0))


class FieldPanel(QWidget):
    """The arrows of −grad f point downhill, longer where the surface is steeper.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._surfaces = surfaces()
        self.surface_combo = QComboBox()
        for s in self._surfaces:
            self.surface_combo.addItem(surface_label(s.name))
        self.plot = SurfacePlot()
        self._arrows = pg.PlotDataItem(pen=pg.mkPen(COLOURS[0], width=1.5), connect="pairs")
        self.plot.addItem(self._arrows)
        self._cursor = pg.PlotDataItem(pen=pg.mkPen(COLOURS[1], width=3), connect="pairs")
        self.plot.addItem(self._cursor)
        self.mouse_label = QLabel(self.tr("Move the mouse over the plot."))
        self.mouse_label.setWordWrap(True)
        explain = QLabel(self.tr(
            "Each arrow is −numerical_gradient(f, x): the direction in which f falls fastest. "
            "Arrows are longer where the surface is steeper, i.e. far from the minimum (★), and "
            "they cross the contour lines at right angles."))
        explain.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.code_view = CodeView()
        self.code_view.set_listing(LISTING)
        self.surface_3d = Surface3DView()
        self._build_layout(explain)
        self.surface_combo.currentIndexChanged.connect(self._on_surface_combo_currentIndexChanged)
        self.plot.hovered.connect(self._on_plot_hovered)
        self._point: tuple[float, float] | None = None   # where the gradient was last shown
        self._on_surface_combo_currentIndexChanged(0)
        follow_language(self, self._retranslate)

    def _build_layout(self, explain: QLabel) -> None:
        points = QHBoxLayout()
        for x0, x1 in COURSE_POINTS:
            button = QPushButton(f"({x0:g}, {x1:g})")
            button.setAccessibleName(self.tr("The gradient at ({0:g}, {1:g})").format(x0, x1))
            button.setToolTip(self.tr("Show numerical_gradient(function_2, x) at this point of "
                                      "the course"))
            button.clicked.connect(lambda _=False, p=(x0, x1): self.show_gradient_at(*p))
            points.addWidget(button)
        side = QVBoxLayout()
        surface_label_ = QLabel(self.tr("Surface:"))
        surface_label_.setBuddy(self.surface_combo)
        self.surface_combo.setToolTip(self.tr("The function whose gradient field is drawn"))
        side.addWidget(surface_label_)
        side.addWidget(self.surface_combo)
        side.addWidget(explain)
        side.addWidget(self.mouse_label)
        side.addWidget(QLabel(self.tr("The course's points on x0² + x1²:")))
        side.addLayout(points)
        side.addWidget(self.result_label)
        side.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.surface_3d, 1)
        right.addWidget(self.code_view, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 2)
        layout.addWidget(self.plot, 5)
        layout.addLayout(right, 3)

    def show_gradient_at(self, x0: float, x1: float) -> np.ndarray:
        """Write the gradient at (x0, x1) under the plot and draw it; returns it (2,)."""
        surface = self.plot.surface
        self._point = (x0, x1)
        x = np.array([x0, x1])
        grad = numerical_gradient(surface.f, x)
        self.mouse_label.setText(self.tr(
            "x = {x}<br>f(x) = {f}<br>grad f(x) = {g}<br>|grad f(x)| = {n}").format(
                x=fmt_point(x), f=fmt(float(surface.f(x))), g=fmt_point(grad), n=fmt(float(np.linalg.norm(grad)))))
        spacing = (surface.x_range[1] - surface.x_range[0]) / ARROWS
        if np.linalg.norm(grad) > 0:
            self._cursor.setData(*arrow_segments(x[None], -grad[None], 1.5 * spacing).T)
        self._show_listing(x0, x1, grad)
        return grad

    def _show_listing(self, x0: float, x1: float, grad: np.ndarray) -> None:
        """The course's listing computes function_2's gradient; other surfaces show theirs."""
        if self.plot.surface.name != "sphere":
            self.code_view.set_variables({"x0": x0, "x1": x1, "grad": grad})
            self.result_label.setText("")
            return
        variables = LISTING.run(x0=float(x0), x1=float(x1))
        self.code_view.set_variables(variables)
        text = self.tr("numerical_gradient(function_2, np.array([{x0}, {x1}])) = {g}").format(
            x0=f"{x0:g}", x1=f"{x1:g}", g=LISTING.shown(variables)["grad"])
        course = LISTING.course_values({"x0": float(x0), "x1": float(x1)})
        if course is not None:
            text += "<br>" + self.tr("The course prints {g}.").format(g=course["grad"])
        self.result_label.setText(text)

    def _retranslate(self) -> None:
        """The texts with values of the point shown last, in the new language."""
        if self._point is not None:
            self.show_gradient_at(*self._point)

    @Slot(int)
    def _on_surface_combo_currentIndexChanged(self, index: int) -> None:
        surface = self._surfaces[index]
        self.plot.set_surface(surface)
        self.surface_3d.set_surface(surface)
        (a, b), (c, d) = surface.x_range, surface.y_range
        margin = 0.5 / ARROWS
        xs = np.linspace(a + margin * (b - a), b - margin * (b - a), ARROWS)
        ys = np.arange(c + margin * (b - a), d, (b - a) / ARROWS)
        points = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
        grads = numerical_gradient_field(surface.f, points)
        segments = arrow_segments(points, -grads, (b - a) / ARROWS)
        self._arrows.setData(segments[:, 0], segments[:, 1])
        self._cursor.setData([], [])

    @Slot(float, float)
    def _on_plot_hovered(self, x0: float, x1: float) -> None:
        self.show_gradient_at(x0, x1)
