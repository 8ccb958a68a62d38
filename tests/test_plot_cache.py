"""gui/plot_cache.py: axes cached as pixmaps, in every live plot."""
from PySide6.QtWidgets import QGraphicsItem

from digitlab.gui.gradient.common import make_plot
from digitlab.gui.plot_cache import cache_axes
from digitlab.gui.training.plots import TrainingPlots

CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache


def test_cache_axes_caches_every_axis_and_ticks_still_follow_the_range(qtbot):
    plot = make_plot("x", "y")
    qtbot.addWidget(plot)
    assert all(plot.getAxis(name).cacheMode() == CACHED for name in ("left", "bottom", "top", "right"))
    plot.setXRange(0, 1000, padding=0)
    plot.resize(400, 300)
    plot.show()
    qtbot.waitExposed(plot)
    major = plot.getAxis("bottom").tickValues(0, 1000, 400)[0][1]
    assert max(major) >= 800  # ticks come from the new range, not a stale cache


def test_the_live_plots_cache_their_axes(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    assert plots.loss_plot.getAxis("left").cacheMode() == CACHED
    cache_axes(plots.loss_plot)  # idempotent
    assert plots.acc_plot.getAxis("bottom").cacheMode() == CACHED
