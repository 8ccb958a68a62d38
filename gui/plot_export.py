"""Finding the plots a page shows and writing one to a PNG or SVG file (File > Export plot)."""
from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QWidget


def visible_plot_items(page: QWidget) -> list:
    """The pyqtgraph PlotItems shown on page now (largest first); [] when it shows none."""
    pg = sys.modules.get("pyqtgraph")   # not loaded yet: no page has a plot (and none is imported)
    if pg is None:
        return []
    items = []
    for view in page.findChildren(pg.GraphicsView):
        if not view.isVisibleTo(page) or view.scene() is None or not view.isVisible():
            continue
        for item in view.scene().items():
            if isinstance(item, pg.PlotItem) and item.isVisible():
                size = item.boundingRect().size()
                items.append((size.width() * size.height(), id(item), item))
    return [item for _, _, item in sorted(items, key=lambda t: (-t[0], t[1]))]


def render_svg(item, path: str) -> None:
    """item's part of its scene as vectors, by Qt's own SVG generator."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator
    source = item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    painter = QPainter(generator)
    try:
        item.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    if not os.path.exists(path):
        raise OSError(f"could not write {path}")


def export_plot_item(item, path: str) -> None:
    """Write the pyqtgraph PlotItem to path: SVG for a .svg suffix, else a PNG image; OSError when
    the file cannot be written."""
    from pyqtgraph.exporters import ImageExporter, SVGExporter
    svg = path.lower().endswith(".svg")
    try:
        (SVGExporter(item) if svg else ImageExporter(item)).export(path)
    except ValueError:
        if not svg:
            raise
        # pyqtgraph's SVGExporter cannot parse the paths some Qt 6 versions write: Qt's own
        # SVG generator draws the same part of the scene, still as vectors
        render_svg(item, path)
