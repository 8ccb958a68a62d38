"""The drawing canvas: strokes from mouse, pen or finger; an opened image; to_array()."""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QMimeData, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitlab.gui.draw.drawing import (PAPER, REFERENCE_SIDE, Stroke, ink_of, paint_drawing, paint_stroke,
                                       render_paper)
from digitlab.gui.draw.image_io import ImageFileError, dropped_files, load_image_gray, qimage_to_gray
from digitlab.gui.log import LOGGER_NAME
from digitlab.nn.files.file_checks import display_name

# drawings are rendered for the network at the size nn.strokes draws at: enough detail for a
# 20 px digit, and preprocessing stays well inside one frame (DrawTab, HandwritingPanel)
PREDICT_SIDE = 280

class DrawingCanvas(QWidget):
    """A square sheet of paper to draw a digit on; keeps its drawing on resize and on HiDPI.

    Strokes are kept in paper units (0..1) and re-rendered into a device-pixel backing image.
    An opened, dropped or pasted image replaces the drawing until the next stroke starts.

    Signals:
        changed(): the drawing changed (stroke extended, undone, cleared, image loaded).
        image_loaded(str): an image replaced the drawing; payload its name for the user.
        load_failed(str): an image could not be used; payload a message for the user.
        stroke_finished(): the pen was lifted (views too slow to follow the pen update now).
    """

    changed = Signal()
    stroke_finished = Signal()
    image_loaded = Signal(str)
    load_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self._image: QImage | None = None
        self._image_gray: np.ndarray | None = None
        self._backing = QImage()
        self._paper: QImage | None = None   # the finished drawing at to_array's last size
        self._cleared: list[tuple] = []     # drawings Clear removed, for undo (newest last)
        self.pen_width = 18.0
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAcceptDrops(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setToolTip(self.tr("Draw one digit with the mouse, a pen or a finger"))

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    # --- public API ---------------------------------------------------------------------
    def is_empty(self) -> bool:
        """True when there is neither a stroke nor an image."""
        return not self._strokes and self._current is None and self._image is None

    def is_drawing(self) -> bool:
        """True while a stroke is being drawn (the pen is down)."""
        return self._current is not None

    def stroke_count(self) -> int:
        """Number of strokes drawn (including one in progress)."""
        return len(self._strokes) + (self._current is not None)

    def set_pen_width(self, width: float) -> None:
        """Pen width for the next strokes, in pixels of a 280 px canvas."""
        self.pen_width = float(width)

    def undo(self) -> None:
        """Remove the last stroke, or the image when no stroke is left; on an empty sheet,
        bring back the drawing the last Clear removed."""
        if self._strokes:
            self._strokes.pop()
        elif self._image is not None:
            self._image = self._image_gray = None
        elif self._cleared:
            self._strokes, self._image, self._image_gray = self._cleared.pop()
        else:
            return
        self._rerender()

    def clear(self) -> None:
        """Remove every stroke and the image (undo brings them back)."""
        if self._current is not None:
            self._end()
        if self.is_empty():
            return
        self._cleared.append((list(self._strokes), self._image, self._image_gray))
        del self._cleared[:-20]     # a few drawings back is what a student needs
        self._strokes = []
        self._image = self._image_gray = None
        self._rerender()

    def to_array(self, size: int | None = None) -> np.ndarray | None:
        """The drawing as (H, W) float32, ink = 1; None if empty.

        Strokes are rendered at `size` x `size` pixels, by default the paper's device-independent
        size; an image comes at its own size (1 - lightness: dark ink on light paper gives 1).
        """
        if self._image_gray is not None:
            return 1.0 - self._image_gray
        if self.is_empty():
            return None
        side = size or max(1, round(self._paper_rect().width()))
        # the finished strokes are rendered once; while drawing, only the stroke being drawn is
        # painted over a copy of them
        if self._paper is None or self._paper.width() != side:
            self._paper = render_paper(side, self._image, self._strokes)
        return ink_of(self._paper, self._current)

    def open_image(self, path: str | Path) -> bool:
        """Show an image file instead of the drawing; on failure keep the drawing, emit load_failed."""
        try:
            gray = load_image_gray(path)
        except ImageFileError as error:
            self.load_failed.emit(str(error))
            return False
        except Exception as error:  # noqa: BLE001  a hostile file must not end the app
            logging.getLogger(LOGGER_NAME).exception("reading the image %r failed", path)
            self.load_failed.emit(self.tr("“{0}” could not be read ({1}).").format(
                display_name(path), type(error).__name__))
            return False
        self._set_image(gray, display_name(path))
        return True

    def load_array(self, ink: np.ndarray, name: str) -> None:
        """Show an image given as ink (H, W) float in [0, 1] (ink = 1), as an opened file is shown."""
        ink = np.clip(np.asarray(ink, np.float32), 0.0, 1.0)
        if ink.ndim != 2 or ink.size == 0:
            raise ValueError(f"expected a non-empty 2-D image, got shape {ink.shape}")
        self._set_image(1.0 - ink, name)

    def load_mime(self, mime: QMimeData) -> bool:
        """Use a dropped or pasted image (image data or a file URL); False if there is none."""
        if mime is None:       # an empty clipboard on some platforms
            files = []
        elif mime.hasImage():
            try:
                gray = qimage_to_gray(QImage(mime.imageData()))
            except ImageFileError as error:
                self.load_failed.emit(str(error))
                return False
            except Exception as error:  # noqa: BLE001  whatever another program put there
                logging.getLogger(LOGGER_NAME).exception("reading the pasted image failed")
                self.load_failed.emit(self.tr("The pasted image could not be read ({0}).")
                                      .format(type(error).__name__))
                return False
            self._set_image(gray, self.tr("pasted image"))
            return True
        else:
            files = dropped_files(mime)
        if files:
            return self.open_image(files[0])
        self.load_failed.emit(self.tr("There is no image to use here: copy or drop an image file."))
        return False

    def paste_from_clipboard(self) -> bool:
        """Use the image on the clipboard."""
        return self.load_mime(QGuiApplication.clipboard().mimeData())

    def stroke_points(self) -> list[np.ndarray]:
        """The finished strokes as (K, 2) float32 points in paper units (0..1), for the personal set."""
        return [np.array([(p.x(), p.y()) for p in stroke.points], np.float32)
                for stroke in self._strokes if stroke.points]

    def paper_image(self) -> QImage:
        """The paper as it is shown (drawing or image, without the frame around it), e.g. to copy."""
        paper = self._paper_rect().toAlignedRect() & self.rect()
        return self.grab(paper).toImage()

    # --- strokes ------------------------------------------------------------------------
    def _paper_rect(self) -> QRectF:
        side = float(min(self.width(), self.height()))
        return QRectF((self.width() - side) / 2.0, (self.height() - side) / 2.0, side, side)

    def _to_paper(self, pos: QPointF) -> QPointF:
        paper = self._paper_rect()
        return (pos - paper.topLeft()) / paper.width()

    def _begin(self, pos: QPointF) -> None:
        if self._image is not None:
            self._image = self._image_gray = None
            self._rerender(emit=False)
        self._current = Stroke(self.pen_width / REFERENCE_SIDE, [self._to_paper(pos)])
        self.update()
        self.changed.emit()

    def _extend(self, pos: QPointF) -> None:
        if self._current is None:
            return
        point = self._to_paper(pos)
        if point == self._current.points[-1]:
            return
        self._current.points.append(point)
        self.update()
        self.changed.emit()

    def _end(self) -> None:
        if self._current is None:
            return
        self._strokes.append(self._current)
        self._current = None
        self._rerender(emit=False)
        self.stroke_finished.emit()

    def _set_image(self, gray: np.ndarray, name: str) -> None:
        self._strokes.clear()
        self._current = None
        self._image_gray = gray
        self._image = QImage(np.ascontiguousarray(gray * 255).astype(np.uint8).data,
                             gray.shape[1], gray.shape[0], gray.shape[1],
                             QImage.Format.Format_Grayscale8).copy()
        self._rerender()
        self.image_loaded.emit(name)

    # --- rendering ----------------------------------------------------------------------
    def _rerender(self, emit: bool = True) -> None:
        """Redraw the finished strokes into a backing image at device pixels."""
        self._paper = None
        side = self._paper_rect().width()
        ratio = self.devicePixelRatioF()
        pixels = max(1, round(side * ratio))
        self._backing = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
        self._backing.setDevicePixelRatio(ratio)
        self._backing.fill(PAPER)
        painter = QPainter(self._backing)
        paint_drawing(painter, side, self._image, self._strokes)
        painter.end()
        self.update()
        if emit:
            self.changed.emit()

    def paintEvent(self, event) -> None:
        if (self._backing.devicePixelRatio() != self.devicePixelRatioF()
                or abs(self._backing.deviceIndependentSize().width()
                       - self._paper_rect().width()) > 0.5):
            self._rerender(emit=False)
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        paper = self._paper_rect()
        painter.drawImage(paper.topLeft(), self._backing)
        painter.translate(paper.topLeft())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._current is not None:
            paint_stroke(painter, self._current, paper.width())
        if self.is_empty():
            painter.setPen(QColor(150, 150, 150))
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            painter.setFont(font)
            painter.drawText(QRectF(0, 0, paper.width(), paper.height()),
                             Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        painter.setPen(QPen(QColor(170, 170, 170), 1))
        painter.drawRect(QRectF(0.5, 0.5, paper.width() - 1, paper.height() - 1))

    def resizeEvent(self, event) -> None:
        self._rerender(emit=False)
        super().resizeEvent(event)

    # --- input events -------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()

    def tabletEvent(self, event) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            points = event.points()
            if kind == QEvent.Type.TouchBegin and points:
                self._begin(points[0].position())
            elif kind == QEvent.Type.TouchUpdate and points:
                self._extend(points[0].position())
            else:
                self._end()
            event.accept()
            return True
        return super().event(event)

    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasImage() or any(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        if self.load_mime(event.mimeData()):
            event.acceptProposedAction()
