"""gui/gradient/surface_plot.py: contour lines stop at the edge of the sampled surface."""
from gui.gradient.surface_plot import GRID, SurfacePlot
from nn.gradient import surfaces


def test_contours_leave_no_tick_marks_at_the_plot_edges(qtbot):
    plot = SurfacePlot()
    qtbot.addWidget(plot)
    for surface in surfaces():
        plot.set_surface(surface)
        for contour in plot._contours:
            contour.generatePath()
            box = contour.path.boundingRect()
            # samples sit at pixel centres 0.5 .. GRID - 0.5; a path outside them runs along the border
            assert 0.5 <= box.left() and box.right() <= GRID - 0.5, (surface.name, box)
            assert 0.5 <= box.top() and box.bottom() <= GRID - 0.5, (surface.name, box)
