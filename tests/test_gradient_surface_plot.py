"""gui/gradient/surface_plot.py: contour lines stop at the edge of the sampled surface."""
from digitlab.gui.gradient.surface_plot import GRID, SurfacePlot
from digitlab.nn.numerical.gradient import surfaces


def test_contours_leave_no_tick_marks_at_the_plot_edges(qtbot):
    plot = SurfacePlot()
    qtbot.addWidget(plot)
    for surface in surfaces():
        plot.set_surface(surface)
        drawn = 0
        for contour in plot._contours:
            contour.generatePath()
            if contour.path.isEmpty():
                continue
            box = contour.path.boundingRect()
            # samples sit at pixel centres 0.5 .. GRID - 0.5; a path outside them runs along the border
            assert 0.5 <= box.left() and box.right() <= GRID - 0.5, (surface.name, box)
            assert 0.5 <= box.top() and box.bottom() <= GRID - 0.5, (surface.name, box)
            drawn += 1
        assert drawn >= len(plot._contours) // 2


def test_the_shading_fills_the_view_whatever_the_plot_shape(qtbot):
    plot = SurfacePlot()
    qtbot.addWidget(plot)
    plot.show()
    for width, height in ((900, 450), (450, 900), (700, 700)):
        plot.resize(width, height)
        for surface in surfaces():
            plot.set_surface(surface)
            qtbot.wait(10)
            (left, right), (bottom, top) = plot.getPlotItem().getViewBox().viewRange()
            rect = plot._image.mapRectToParent(plot._image.boundingRect())
            assert rect.left() <= left and right <= rect.right(), (surface.name, width, height)
            assert rect.top() <= bottom and top <= rect.bottom(), (surface.name, width, height)
