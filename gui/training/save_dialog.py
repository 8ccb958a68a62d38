"""Saving a trained model from the window: the file dialog, another try when saving fails, and the
question before quitting with a model that is not saved yet."""
from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from digitlab.gui.file_folder import remember, suggested_path, writable_folder  # noqa: F401 (re-exported)
from digitlab.gui.log import show_error

DEFAULT_NAME = "digitlab_model.npz"


def ask_save_path(parent: QWidget | None, folder: Path | None = None) -> str:
    """The file dialog; "" when cancelled. It suggests DEFAULT_NAME in folder, by default the folder
    saved into last or the documents folder (gui.file_folder), and remembers the folder chosen."""
    suggestion = str(folder / DEFAULT_NAME) if folder is not None else suggested_path(DEFAULT_NAME)
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("SaveDialog", "Save model"), suggestion,
                                          QCoreApplication.translate("SaveDialog", "DigitLab model (*.npz)"))
    if path:
        remember(path)
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


def ask_before_quitting(parent: QWidget | None, running: bool,
                        finetuned: bool = False) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel: about a training still running, a trained model not yet saved, or
    (finetuned) a model fine-tuned on the user's digits not yet saved."""
    if running:
        question = QCoreApplication.translate(
            "SaveDialog", "Training is still running. Stop it and save the network trained so far before quitting?")
    elif finetuned:
        question = QCoreApplication.translate(
            "SaveDialog", "The model you fine-tuned on your digits has not been saved. Save it before quitting?")
    else:
        question = QCoreApplication.translate(
            "SaveDialog", "The network you trained has not been saved. Save it before quitting?")
    Button = QMessageBox.StandardButton
    return QMessageBox.question(parent, QCoreApplication.translate("SaveDialog", "Unsaved model"), question,
                                Button.Save | Button.Discard | Button.Cancel)
