"""Saving a trained model from the window: the file dialog, another try when saving fails, and the
question before quitting with a model that is not saved yet."""
from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from digitlab.gui.log import show_error

DEFAULT_NAME = "digitlab_model.npz"


def writable_folder() -> Path:
    """Where to offer saving after a failed save: the user's documents folder, else home, else temp."""
    for location in (QStandardPaths.StandardLocation.DocumentsLocation,
                     QStandardPaths.StandardLocation.HomeLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and os.path.isdir(folder) and os.access(folder, os.W_OK):
            return Path(folder)
    return Path(tempfile.gettempdir())


def ask_save_path(parent: QWidget | None, folder: Path | None = None) -> str:
    """The file dialog; "" when cancelled. It suggests DEFAULT_NAME, in folder when given."""
    suggestion = DEFAULT_NAME if folder is None else str(folder / DEFAULT_NAME)
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("SaveDialog", "Save model"), suggestion,
                                          QCoreApplication.translate("SaveDialog", "DigitLab model (*.npz)"))
    return path


def save_interactively(parent: QWidget | None, network, metadata: dict,
                       path: str | Path | None = None) -> str | None:
    """Save network with nn.model_io.save_model to path (the file dialog asks when None); returns the
    path saved to, or None when the user cancelled.

    A failed save (ModelFileError, OSError) loses nothing: the network stays in memory, a message
    says so, and the dialog asks again in a writable folder until it is saved or the user cancels.
    """
    from digitlab.nn.files.model_io import ModelFileError, save_model
    folder = None
    while True:
        if path is None:
            path = ask_save_path(parent, folder)
            if not path:
                return None
        try:
            save_model(path, network, metadata)
            return str(path)
        except (ModelFileError, OSError) as error:
            show_error(parent, QCoreApplication.translate("SaveDialog", "Save model"),
                       QCoreApplication.translate(
                           "SaveDialog", "The model could not be saved there; it is still here, so choose another folder."),
                       traceback.format_exc(), summary=f"{path}: {error}", block=True)
        path, folder = None, writable_folder()


def ask_before_quitting(parent: QWidget | None, running: bool) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel: about a training still running, or a trained model not yet saved."""
    if running:
        question = QCoreApplication.translate(
            "SaveDialog", "Training is still running. Stop it and save the network trained so far before quitting?")
    else:
        question = QCoreApplication.translate(
            "SaveDialog", "The network you trained has not been saved. Save it before quitting?")
    Button = QMessageBox.StandardButton
    return QMessageBox.question(parent, QCoreApplication.translate("SaveDialog", "Unsaved model"), question,
                                Button.Save | Button.Discard | Button.Cancel)
