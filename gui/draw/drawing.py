"""What the canvas holds, painted: pen strokes in paper units (0..1) and an opened image.

The canvas keeps the strokes and paints them with these functions on screen, into its backing
image and into the grayscale image the network reads; keeping the strokes in paper units lets a
drawing survive a resize and look the same at any device-pixel ratio.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

REFERENCE_SIDE = 280.0   # pen widths are given in pixels of a 280 px canvas (as nn.strokes)
PAPER = QColor(255, 255, 255)
INK = QColor(0, 0, 0)
SHARP_BELOW = 64         # images up to this side are magnified without smoothing


@dataclass
class Stroke:
    """One pen-down..pen-up line; points in paper units (0..1), width a fraction of the side."""
    width: float
    points: list[QPointF] = field(default_factory=list)


def stroke_path(points: list[QPointF], side: float) -> QPainterPath:
    """A smooth path through the points (quadratic curves between midpoints), scaled to side."""
    scaled = [QPointF(p.x() * side, p.y() * side) for p in points]
    path = QPainterPath(scaled[0])
    for here, after in zip(scaled[1:-1], scaled[2:]):
        path.quadTo(here, (here + after) / 2.0)
    if len(scaled) > 1:
        path.lineTo(scaled[-1])
    return path


def paint_stroke(painter: QPainter, stroke: Stroke, side: float) -> None:
    """One stroke on paper of side x side pixels: round pen, a dot for a single point."""
    pen = QPen(INK, stroke.width * side, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if len(stroke.points) == 1:
        painter.drawPoint(stroke.points[0] * side)
    else:
        painter.drawPath(stroke_path(stroke.points, side))


def paint_drawing(painter: QPainter, side: float, image: QImage | None, strokes: list[Stroke]) -> None:
    """The image (fitted, centred) under the finished strokes, on paper of side x side pixels."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if image is not None:
        fitted = QSize(image.size()).scaled(round(side), round(side),
                                            Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF((side - fitted.width()) / 2, (side - fitted.height()) / 2,
                        fitted.width(), fitted.height())
        # a tiny image (an MNIST digit) is shown as its pixels, a photo smoothly
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform,
                              max(image.width(), image.height()) > SHARP_BELOW)
        painter.drawImage(target, image)
    for stroke in strokes:
        paint_stroke(painter, stroke, side)


def render_paper(side: int, image: QImage | None, strokes: list[Stroke]) -> QImage:
    """The image and the finished strokes on white paper of side x side grey pixels."""
    paper = QImage(side, side, QImage.Format.Format_Grayscale8)
    paper.fill(PAPER)
    painter = QPainter(paper)
    paint_drawing(painter, side, image, strokes)
    painter.end()
    return paper


def ink_of(paper: QImage, current: Stroke | None = None) -> np.ndarray:
    """(side, side) float32 ink (1 = black) of a render_paper() image, with the stroke being
    drawn painted on a copy (the paper itself is left as it is)."""
    if current is not None:
        paper = paper.copy()
        painter = QPainter(paper)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_stroke(painter, current, paper.width())
        painter.end()
    side = paper.width()
    rows = np.frombuffer(paper.constBits(), np.uint8).reshape(side, paper.bytesPerLine())
    return 1.0 - rows[:, :side].astype(np.float32) / 255.0
