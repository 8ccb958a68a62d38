"""Where the save dialogs open: the folder the user saved into last, else their documents folder
(never the working folder the app happened to start in). The folder is remembered in the settings
file, so it holds between sessions too."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths

KEY = "files"


def writable_folder() -> Path:
    """The user's documents folder, else home, else the temporary folder: the first that exists
    and can be written to."""
    for location in (QStandardPaths.StandardLocation.DocumentsLocation,
                     QStandardPaths.StandardLocation.HomeLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and os.path.isdir(folder) and os.access(folder, os.W_OK):
            return Path(folder)
    return Path(tempfile.gettempdir())


def start_folder() -> Path:
    """The folder a save dialog opens in: the last one used, when it is still there."""
    from digitlab.gui.settings import Settings, typed
    last = typed(Settings().state(KEY), "last_folder", "")
    if last and os.path.isdir(last):
        return Path(last)
    return writable_folder()


def suggested_path(name: str) -> str:
    """name in start_folder(), for a save dialog's suggestion."""
    return str(start_folder() / name)


def remember(path: str | os.PathLike) -> None:
    """The folder of path (a file the user chose) is where the next save dialog opens."""
    from digitlab.gui.settings import Settings
    folder = Path(path).expanduser().resolve().parent
    settings = Settings()
    settings.set_state(KEY, {"last_folder": str(folder)})
    settings.sync()
