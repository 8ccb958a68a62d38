"""Image files and clipboard images -> 2-D grayscale arrays (the QImage boundary)."""
from __future__ import annotations

import os
import urllib.parse
import zlib

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMimeData, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageReader, QPainter

from digitlab.nn.files.file_checks import UnreadableFile, display_name, open_file

MAX_SIDE = 1024   # a phone photo of a digit needs no more; preprocessing stays fast
MAX_FILE_BYTES = 100_000_000  # a photo of a digit is a few MB
MAX_PIXELS = 50_000_000       # decoded before it is scaled down: 200 MB as 32-bit pixels
MAX_SVG_BYTES = 50_000_000    # SVG text, also after unpacking an .svgz: Qt keeps it all as a tree
_GZIP_MAGIC = b"\x1f\x8b"


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


def dropped_files(mime: QMimeData) -> list[str]:
    """Local file paths among the dropped or pasted URLs.

    On POSIX systems the raw text/uri-list is decoded byte for byte, so a file name that is not
    UTF-8 still names its file (Qt's own conversion replaces such bytes).
    """
    if os.name == "posix" and mime.hasFormat("text/uri-list"):
        paths = []
        for line in bytes(mime.data("text/uri-list")).splitlines():
            url = urllib.parse.urlsplit(line.strip())
            if url.scheme.lower() == b"file" and url.netloc in (b"", b"localhost"):
                paths.append(os.fsdecode(urllib.parse.unquote_to_bytes(url.path)))
        if paths:
            return paths
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def load_image_gray(path: str | bytes | os.PathLike) -> np.ndarray:
    """Read an image file as lightness (H, W) float32 in [0, 1] (0 = black, 1 = white).

    The file is read by Python (so any file name the system has works, undecodable bytes too)
    and decoded by Qt from memory. Raises ImageFileError with a one-line message for the user
    when the path is not a readable file, is too large or is not an image.
    """
    name = display_name(path)
    try:
        with open_file(path, MAX_FILE_BYTES, "image") as f:
            data = f.read()
    except UnreadableFile as problem:
        raise ImageFileError(_unreadable_message(problem, name)) from None
    except OSError as error:  # a read error after a successful open (a failing disk)
        raise ImageFileError(_unreadable_message(UnreadableFile("other", str(error)), name)) \
            from None
    suffix = os.path.splitext(os.fsdecode(path))[1][1:].lower()
    if data[:2] == _GZIP_MAGIC:      # .svgz: the only compressed format Qt reads; unpacked here
        data, suffix = _gunzip_svg(data, name), "svg"
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, suffix.encode())
    reader.setAutoTransform(True)
    if bytes(reader.format()) in (b"svg", b"svgz"):
        _prepare_svg(reader, len(data), name)
    size = reader.size()
    if size.isValid() and size.width() * size.height() > MAX_PIXELS:
        raise ImageFileError(QCoreApplication.translate(
            "image_io", "“{0}” is {1} × {2} pixels, more than DigitLab reads ({3} million).")
            .format(name, size.width(), size.height(), MAX_PIXELS // 1_000_000))
    try:
        image = reader.read()
        if not image.isNull():
            return qimage_to_gray(image)
    except (MemoryError, OverflowError, RecursionError, ValueError) as error:
        raise ImageFileError(QCoreApplication.translate(
            "image_io", "“{0}” is not an image DigitLab can read ({1}). Try a PNG or JPEG file.")
            .format(name, type(error).__name__)) from None
    if image.isNull():
        raise ImageFileError(
            QCoreApplication.translate(
                "image_io", "“{0}” is not an image DigitLab can read ({1}). Try a PNG or JPEG file.")
            .format(name, reader.errorString()))


def _gunzip_svg(data: bytes, name: str) -> bytes:
    """The unpacked content of gzip data, refused once it passes MAX_SVG_BYTES (a bomb)."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        unpacked = unpacker.decompress(data, MAX_SVG_BYTES + 1)
    except zlib.error as error:
        raise ImageFileError(QCoreApplication.translate(
            "image_io", "“{0}” is not an image DigitLab can read ({1}). Try a PNG or JPEG file.")
            .format(name, error)) from None
    if len(unpacked) > MAX_SVG_BYTES:
        raise ImageFileError(_too_much_svg(name))
    return unpacked


def _too_much_svg(name: str) -> str:
    return QCoreApplication.translate(
        "image_io", "“{0}” holds more than {1} MB of SVG text, more than a drawing of a digit "
        "needs.").format(name, MAX_SVG_BYTES // 1_000_000)


def _prepare_svg(reader: QImageReader, n_bytes: int, name: str) -> None:
    """Check an SVG before Qt draws it: its text bounded, a QGuiApplication present (Qt aborts
    the process when an SVG's text needs fonts without one), drawn at most MAX_SIDE wide."""
    if n_bytes > MAX_SVG_BYTES:
        raise ImageFileError(_too_much_svg(name))
    if not isinstance(QCoreApplication.instance(), QGuiApplication):
        raise ImageFileError(QCoreApplication.translate(
            "image_io", "“{0}” is an SVG drawing, which DigitLab can only read with its window "
            "system started. Save it as PNG.").format(name))
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > MAX_SIDE:
        reader.setScaledSize(size.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio))


def _unreadable_message(problem: UnreadableFile, name: str) -> str:
    """A translated one-line message for a path that cannot be read as a file."""
    kind = problem.kind
    if kind == "missing":
        text = QCoreApplication.translate("image_io", "There is no file called “{0}”.")
    elif kind == "dangling_link":
        text = QCoreApplication.translate("image_io", "“{0}” is a link to a file that does not exist.")
    elif kind == "folder":
        text = QCoreApplication.translate("image_io", "“{0}” is a folder, not an image file.")
    elif kind == "link_loop":
        text = QCoreApplication.translate(
            "image_io", "“{0}” is a link that leads back to itself (a link loop).")
    elif kind == "name_too_long":
        text = QCoreApplication.translate(
            "image_io", "The name “{0}” is too long: a file name may have at most 255 bytes.")
    elif kind == "denied":
        text = QCoreApplication.translate("image_io", "You do not have permission to read “{0}”.")
    elif kind == "not_regular":
        text = QCoreApplication.translate(
            "image_io", "“{0}” is not a regular file (a device, pipe or socket).")
    elif kind == "too_large":
        text = QCoreApplication.translate(
            "image_io", "“{0}” is too large for a picture of a digit (more than {1} MB).")
    else:
        text = QCoreApplication.translate("image_io", "Could not read “{0}”: {2}.")
    return text.format(name, MAX_FILE_BYTES // 1_000_000, problem)
