"""Which network answers: the shipped default, the one in training, or a file from disk."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from digitlab import resources
from digitlab.gui.live_text import follow_language, translated
from digitlab.gui.settings import typed


def describe(name: str, accuracy: float | None, long: bool = False) -> str:
    """A model's name with its test accuracy: "name (97.9%)" in lists, spelled out when long."""
    if accuracy is None:
        return name
    if long:
        return QCoreApplication.translate("ModelChoice", "{0} (test accuracy {1:.1%})").format(
            name, accuracy)
    return f"{name} ({accuracy:.1%})"


class ModelChoice(QWidget):
    """A list of models to predict with and a button to open one (.npz or the textbook's .pkl).

    Signals:
        model_selected(object, str, object): the chosen model changed or was replaced, or the
            language changed (its name and description with it); payload (network or None, name,
            test accuracy or None).
        message(str): something the user should read in the status bar.
    """

    model_selected = Signal(object, str, object)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._models: dict[str, tuple[object, float | None]] = {}
        self._files: dict[str, str] = {}      # name -> the model file it came from
        self._remembered: str | None = None   # the file chosen last time, opened after the default
        self._remembered_conv = False         # the shipped convolutional model was chosen last time
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(18)
        self.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.label = QLabel()
        self.retranslate()
        follow_language(self, self.retranslate)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.open_button)

    def retranslate(self) -> None:
        self._default_name = self.tr("default model")
        self._conv_name = self.tr("Convolutional network (ch. 7)")
        renamed = self._rename_models()
        self.combo.setPlaceholderText(self.tr("no model"))
        self.open_button.setText(self.tr("Open model…"))
        self.open_button.setToolTip(self.tr(
            "Open a model saved by DigitLab (.npz) or the textbook's sample_weight.pkl"))
        self.label.setText(self.tr("Model:"))
        self.combo.setAccessibleName(self.tr("Model"))
        self.combo.setToolTip(self.tr("The network that reads your drawing: the shipped model, the "
                                      "one being trained, or one you opened"))
        chosen = self.current()
        if chosen is not None and not renamed:
            self.model_selected.emit(*chosen)   # described anew: "(test accuracy 97.9%)" has words

    def _rename_models(self) -> bool:
        """Name the models the app named ("default model", "Trained just now", ...) in the current
        language; a file's name stays. True when the model in use was renamed."""
        if not self._models:
            return False
        renamed = False
        for name in [name for name in self._models if name not in self._files]:
            new = translated(name, self)
            if new is not None:
                renamed = self._rename_model(name, new) or renamed
        return renamed

    def _rename_model(self, old: str, new: str) -> bool:
        """List the model called old as new (a name in the language just chosen); True when it is
        the model in use, which model_selected then announces under its new name."""
        index = self.combo.findData(old)
        if index < 0 or old == new or new in self._models:
            return False
        network, accuracy = self._models.pop(old)
        self._models[new] = (network, accuracy)
        self.combo.setItemData(index, new)
        self.combo.setItemText(index, describe(new, accuracy))
        if index != self.combo.currentIndex():
            return False
        self.model_selected.emit(network, new, accuracy)
        return True

    def settings_state(self) -> dict:
        """The model file in use ({"model_file": path}), {"model": "conv"} for the shipped
        convolutional model, or {} for the shipped default or a trained one."""
        name = self.combo.currentData()
        path = self._files.get(name)
        if path:
            return {"model_file": path}
        return {"model": "conv"} if name is not None and name == self._conv_name else {}

    def apply_settings_state(self, state: dict) -> None:
        """Remember the model to choose after the shipped default (open_remembered): a model
        file, or the shipped convolutional model."""
        path = typed(state, "model_file", "")
        self._remembered = path or None
        self._remembered_conv = typed(state, "model", "") == "conv"

    def open_remembered(self) -> bool:
        """Choose the model chosen last time: its file (when it is gone, say so and keep the
        current one) or the shipped convolutional model."""
        path, self._remembered = self._remembered, None
        conv, self._remembered_conv = self._remembered_conv, False
        if path is None:
            index = self.combo.findData(self._conv_name) if conv else -1
            if index < 0:
                return False
            self.combo.setCurrentIndex(index)
            return True
        if not Path(path).is_file():
            self.message.emit(self.tr("The model file chosen last time, {0}, is gone: using the shipped model.")
                              .format(path))
            return False
        return self.open_model_file(path)

    def current(self) -> tuple[object, str, float | None] | None:
        """(network, name, accuracy) of the chosen model, or None when there is none."""
        name = self.combo.currentData()
        if name is None:
            return None
        network, accuracy = self._models[name]
        return network, name, accuracy

    def add_model(self, network, name: str, accuracy: float | None, select: bool = False) -> None:
        """Offer a model under `name`, replacing one with the same name; optionally choose it."""
        self._models[name] = (network, accuracy)
        index = self.combo.findData(name)
        if index < 0:
            self.combo.addItem(describe(name, accuracy), name)
            index = self.combo.count() - 1
        else:
            self.combo.setItemText(index, describe(name, accuracy))
        if select and index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)
        elif index == self.combo.currentIndex():
            self.model_selected.emit(network, name, accuracy)

    def load_default(self) -> bool:
        """Offer and choose the shipped model, and offer the shipped convolutional model beside it;
        False (and a message) when the default is not there."""
        conv = resources.path(*resources.CONV_MODEL)
        path = resources.path(*resources.DEFAULT_MODEL)
        if not path.exists():
            self.message.emit(self.tr(
                "No model yet: train one in the Training tab or open a model file."))
            return conv.exists() and self.open_model_file(conv, name=self._conv_name)
        loaded = self.open_model_file(path, name=self._default_name)
        if conv.exists():
            self.open_model_file(conv, name=self._conv_name, select=False)
        return loaded

    def open_model_file(self, path: str | bytes | Path, name: str | None = None,
                        select: bool = True) -> bool:
        """Load a .npz or .pkl model, offer it and (select) choose it; on failure say why and keep
        the current."""
        from digitlab.nn.files.file_checks import display_name
        from digitlab.nn.files.model_io import ModelFileError, load_any
        try:
            network, metadata = load_any(path)
        except ModelFileError as error:  # every failure, with the file's name and the reason
            self.message.emit(self.tr("Could not open the model: {0}").format(error))
            return False
        accuracy = metadata.get("test_accuracy")
        if name is None:   # a file the user chose (not the shipped model): remembered by its path
            name = display_name(path)
            self._files[name] = str(Path(os.fsdecode(path)).resolve())
        self.add_model(network, name, accuracy, select=select)
        return True

    @Slot()
    def _on_open_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a model"), "",
            self.tr("Models (*.npz *.pkl);;DigitLab models (*.npz);;Textbook weights (*.pkl)"))
        if path:
            self.open_model_file(path)

    @Slot(int)
    def _on_combo_current_index_changed(self, index: int) -> None:
        chosen = self.current()
        if chosen is not None:
            self.model_selected.emit(*chosen)
