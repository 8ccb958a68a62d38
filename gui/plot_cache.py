"""Let Qt keep each plot axis as a pixmap, so a plot whose data changes does not redraw its axes."""
from __future__ import annotations

from PySide6.QtWidgets import QGraphicsItem

AXES = ("left", "bottom", "right", "top")


def cache_axes(plot) -> None:
    """Cache the axes of a pyqtgraph PlotItem or PlotWidget in device pixels.

    pyqtgraph repaints an axis (playing back every tick label) whenever anything in its plot
    changes; that was half of each animation frame and of each live training-plot refresh
    (scripts/bench.py animation). A changed range still redraws the axis: pyqtgraph calls
    update() on it, which refreshes the cached pixmap.
    """
    for name in AXES:
        plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
