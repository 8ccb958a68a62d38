"""Plot titles that wrap onto a second line instead of widening their plot past its view.

pyqtgraph gives a title the width of its text as the plot's minimum width: a long title (or a
longer translation) makes the plot wider than the widget showing it, and the right side of the
plot, its legend included, is cut off. wrap_title() lets the title take the width it is given.
"""
from __future__ import annotations

import math
import types

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextOption
from shiboken6 import isValid

_WRAPPING = "_digitlab_wrapped_plot"
TITLE_ROW = 30   # pyqtgraph's one-line title row, in pixels


def _update_min(label) -> None:
    """LabelItem.updateMin, but the minimum width is 0 and the text wraps at the label's width."""
    item = label.item
    item.setTextWidth(-1)
    natural = item.boundingRect().width()
    width = label.rect().width()
    if 0 < width < natural:
        item.setTextWidth(width)
    bounds = label.itemRect()
    plot = getattr(label, _WRAPPING)
    if label.maximumHeight() > 0:    # 0: the title is hidden (setTitle(None))
        # PlotItem.setTitle pins the title's row at 30 px: one line
        height = max(TITLE_ROW, math.ceil(bounds.height()))
        if height != label.maximumHeight():
            label.setMaximumHeight(height)
            plot.layout.setRowFixedHeight(0, height)
            # the layout may be placing items right now and then ignores a new size: ask again
            QTimer.singleShot(0, label, label.updateGeometry)   # not after the label is gone
    label.setMinimumWidth(0)
    label.setMinimumHeight(bounds.height())
    label._sizeHint = {Qt.SizeHint.MinimumSize: (0, bounds.height()),
                       Qt.SizeHint.PreferredSize: (natural, bounds.height()),
                       Qt.SizeHint.MaximumSize: (-1, -1),
                       Qt.SizeHint.MinimumDescent: (0, 0)}
    label.updateGeometry()


def wrap_title(plot) -> None:
    """Let the title of a pyqtgraph PlotItem wrap to the plot's width (idempotent)."""
    label = plot.titleLabel
    if getattr(label, _WRAPPING, None) is not None:
        return
    setattr(label, _WRAPPING, plot)
    label.item.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
    label.updateMin = types.MethodType(_update_min, label)
    label.updateMin()


def wrap_titles_in(root) -> None:
    """wrap_title() for every plot shown in root's pyqtgraph views (plots built later too: the main
    window calls it whenever a tab or panel is built)."""
    import sys
    pg = sys.modules.get("pyqtgraph")
    if pg is None:
        return
    from PySide6.QtCore import QRectF
    for view in root.findChildren(pg.GraphicsView):
        scene = view.scene()
        plots = [] if scene is None else [item for item in scene.items() if isinstance(item, pg.PlotItem)
                                         and getattr(item.titleLabel, _WRAPPING, None) is None]
        for plot in plots:
            wrap_title(plot)
        if plots and view.autoPixelRange:
            # the central item keeps the width the long titles forced on it until it is placed again
            pg.GraphicsView.setRange(view, QRectF(0, 0, view.width(), view.height()), padding=0,
                                     disableAutoPixel=False)
