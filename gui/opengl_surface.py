"""An OpenGL-ready native window from the start, so the first 3-D view does not re-create it.

Qt gives a top-level window an OpenGL surface only once an OpenGL widget lives in it; adding the
first one (the Gradient field's 3-D surface) to a window already on screen destroys and re-creates
the native window: it flickers, jumps and loses the keyboard focus. A hidden 1x1 OpenGL widget made
before the window is first shown gives it that surface from the start.
"""
from __future__ import annotations

import importlib.util

from PySide6.QtGui import QGuiApplication, QOpenGLContext
from PySide6.QtWidgets import QWidget


def opengl_possible() -> bool:
    """The 3-D view will use OpenGL here: a real window system, PyOpenGL installed (not imported
    here: it is slow to import) and a context Qt can create."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return False
    if importlib.util.find_spec("OpenGL") is None:
        return False
    return QOpenGLContext().create()


def reserve_opengl_surface(window: QWidget) -> QWidget | None:
    """Give window (not yet shown) an OpenGL surface now; returns the hidden placeholder widget,
    or None where no 3-D view will use OpenGL."""
    if not opengl_possible():
        return None
    from PySide6.QtOpenGLWidgets import QOpenGLWidget
    placeholder = QOpenGLWidget(window)
    placeholder.setObjectName("opengl_surface_placeholder")
    placeholder.setGeometry(0, 0, 1, 1)
    placeholder.hide()
    return placeholder
