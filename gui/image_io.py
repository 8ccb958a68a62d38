"""Image files and clipboard images -> 2-D grayscale arrays (the QImage boundary)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

MAX_SIDE = 1024   # a phone photo of a digit needs no more; preprocessing stays fast


class ImageFileError(ValueError):
    """A file that is not a readable image; the message is meant for the user."""


def supported_suffixes() -> list[str]:
    """File suffixes Qt can read here, e.g. ["bmp", "jpg", "png"]."""
    return sorted(bytes(fmt).decode() for fmt in QImageReader.supportedImageFormats())


def qimage_to_gray(image: QImage) -> np.ndarray:
    """Return a QImage as lightness (H, W) float32 in [0, 1], transparency shown on white."""
    if image.isNull():
        raise ImageFileError(QCoreApplication.translate("image_io", "The image is empty."))
    if max(image.width(), image.height()) > MAX_SIDE:
        image = image.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(QColor("white"))
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    gray = flat.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(gray.constBits(), np.uint8).reshape(gray.height(), gray.bytesPerLine())
    return rows[:, :gray.width()].astype(np.float32) / 255.0


def load_image_gray(path: str | Path) -> np.ndarray:
    """Read an image file as lightness (H, W) float32 in [0, 1] (0 = black, 1 = white).

    Raises ImageFileError with a message for the user when the file cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        raise ImageFileError(
            QCoreApplication.translate("image_io", "There is no file called “{0}”.").format(path.name))
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise ImageFileError(
            QCoreApplication.translate(
                "image_io", "“{0}” is not an image DigitLab can read ({1}). Try a PNG or JPEG file.")
            .format(path.name, reader.errorString()))
    return qimage_to_gray(image)
