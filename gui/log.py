"""DigitLab's log file, and the error message that points to it.

setup_logging() sends the "digitlab" logger to a rotated file in log_dir(); show_error() tells the user in
one sentence what to do, with the details (a traceback) one click away and in the log file.
The window sets the file up just after its first frame (logging.handlers costs that frame ~10 ms);
hold_early_records() keeps what is logged before then, and setup_logging() writes it to the file.
"""
from __future__ import annotations

import logging
import os
import platform
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

LOG_DIR_VAR = "DIGITLAB_LOG_DIR"   # a folder for the log instead of the user's log folder (tests use it)
LOG_NAME = "digitlab.log"
LOGGER_NAME = "digitlab"
MAX_BYTES = 1_000_000              # a few thousand tracebacks; then digitlab.log.1 .. .3
BACKUP_COUNT = 3


def log_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The folder of the log: $DIGITLAB_LOG_DIR when set, else platformdirs' user log folder."""
    override = environ.get(LOG_DIR_VAR, "").strip()
    if override:
        return Path(override)
    from platformdirs import user_log_dir
    return Path(user_log_dir("digitlab", appauthor=False))


class EarlyRecords(logging.Handler):
    """Keeps the records of the "digitlab" logger until setup_logging() writes them to the file."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def hold_early_records() -> None:
    """Keep what the "digitlab" logger says (INFO and up) until setup_logging() opens the file."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    if not any(isinstance(h, EarlyRecords) for h in logger.handlers):
        logger.addHandler(EarlyRecords())


def _take_early_records() -> list[logging.LogRecord]:
    logger = logging.getLogger(LOGGER_NAME)
    records = []
    for handler in [h for h in logger.handlers if isinstance(h, EarlyRecords)]:
        logger.removeHandler(handler)
        records += handler.records
    return records


def log_file() -> Path | None:
    """The file the "digitlab" logger writes to, or None before setup_logging() opened one."""
    from logging.handlers import RotatingFileHandler
    for handler in logging.getLogger(LOGGER_NAME).handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def setup_logging(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Log the "digitlab" logger (INFO and up) to log_dir()/digitlab.log, rotated, and note the start.

    Returns the file, or None when the folder cannot be written: the app then runs without a log file
    (a broken log must never keep it from starting). Calling it again reuses or replaces the handler.
    The records held by hold_early_records() come first, after the start line.
    """
    from logging.handlers import RotatingFileHandler
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    early = _take_early_records()
    path = (log_dir(environ) / LOG_NAME).absolute()
    if log_file() != path:
        close_logging()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        except OSError:
            return None
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    from PySide6 import __version__ as pyside_version
    system = platform.uname()   # not platform.platform(): it runs `uname -p`, ~15 ms
    logger.info("DigitLab started: Python %s, PySide6 %s, %s %s %s", platform.python_version(), pyside_version,
                system.system, system.release, system.machine)
    file_handler = next(h for h in logger.handlers if isinstance(h, RotatingFileHandler))
    for record in early:   # to the file only: the other handlers had them when they were logged
        file_handler.handle(record)
    return path


def close_logging() -> None:
    """Remove and close the log file's handler (tests; setup_logging() when the folder changed)."""
    from logging.handlers import RotatingFileHandler
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()


@contextmanager
def logged_exceptions() -> Iterator[None]:
    """Inside: an exception nobody caught (e.g. in a slot) also goes to the log, with its traceback."""
    previous = sys.excepthook

    def hook(kind, value, traceback) -> None:
        logging.getLogger(LOGGER_NAME).error("Uncaught exception", exc_info=(kind, value, traceback))
        previous(kind, value, traceback)

    sys.excepthook = hook
    try:
        yield
    finally:
        sys.excepthook = previous


def show_error(parent: QWidget | None, title: str, text: str, details: str, *, summary: str = "",
               block: bool = False, log: bool = True) -> QMessageBox:
    """A warning box: text (one sentence: what happened, what to do), below it summary (the error in
    one line) and the log file's name, and details (a traceback) under "Show Details...". Logged
    unless log=False (the caller logged it already).

    block=False opens it and returns at once (the window stays usable; tests find it among the parent's
    children); block=True waits until the user closes it.
    """
    if log:
        logging.getLogger(LOGGER_NAME).error("%s %s\n%s", text, summary, details)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    lines = [summary] if summary else []
    path = log_file()
    if path is not None:
        lines.append(QCoreApplication.translate("ErrorMessage", "The details are also in {0}.").format(path))
    box.setInformativeText("\n\n".join(lines))
    box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if block:
        box.exec()
    else:
        box.open()
    return box
