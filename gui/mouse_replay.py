"""Real mouse events on a canvas: one stroke through given points, or nn.strokes polylines replayed.

A user's input, replayed: sent at once (send_mouse, drag, replay: the canvas, Draw tab and
drawn-digit tests, scripts/screenshot.py, eval.py canvas, soak.py) or queued (post_mouse:
gui/measure.py, for `digitlab bench`).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

STROKE_SIDE = 280.0   # nn.strokes draws on a 280 px canvas
LEFT = Qt.MouseButton.LeftButton


def send_mouse(canvas, kind: QEvent.Type, pos: QPointF) -> None:
    """Deliver one left-button mouse event to the canvas, as the window system would."""
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else LEFT
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else LEFT
    QApplication.sendEvent(canvas, QMouseEvent(kind, pos, canvas.mapToGlobal(pos), button, held,
                                               Qt.KeyboardModifier.NoModifier))


def post_mouse(canvas, kind: QEvent.Type, pos: QPointF) -> None:
    """Post one mouse event with the left button held to canvas, queued as a real mouse's are
    (`digitlab bench` times how long the queued move takes to reach the bars)."""
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else LEFT
    QApplication.postEvent(canvas, QMouseEvent(kind, pos, canvas.mapToGlobal(pos), button, LEFT,
                                               Qt.KeyboardModifier.NoModifier))


def drag(canvas, points) -> None:
    """One stroke through widget-pixel points (x, y): press, moves with the button held, release."""
    points = [QPointF(x, y) for x, y in points]
    send_mouse(canvas, QEvent.Type.MouseButtonPress, points[0])
    for point in points[1:]:
        send_mouse(canvas, QEvent.Type.MouseMove, point)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, points[-1])


def replay(canvas, strokes: list[np.ndarray], pen_width: float | None = None) -> None:
    """Draw the polylines with press / move / release, scaled to the canvas' square drawing area.

    pen_width (in 280 px units, as the canvas counts it) is set first unless None.
    """
    if pen_width is not None:
        canvas.set_pen_width(pen_width)
    side = min(canvas.width(), canvas.height())
    left, top = (canvas.width() - side) / 2, (canvas.height() - side) / 2
    scale = side / STROKE_SIDE
    for stroke in strokes:
        drag(canvas, [(left + x * scale, top + y * scale) for x, y in stroke])
