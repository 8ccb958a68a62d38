"""The personal digits gallery: every stored sample by digit; delete (undoable), relabel, export,
import. No button is the dialog's default: Enter never deletes."""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from digitlab.gui.accessibility import name_controls
from digitlab.gui.log import LOGGER_NAME
from digitlab.nn.data.personal import PersonalDataError, PersonalSet
from digitlab.nn.files.personal_zip import export_zip, import_zip

ICON_SIDE = 56


def sample_icon(image: np.ndarray) -> QIcon:
    """A 28x28 sample as an icon: dark ink on white, as it was drawn."""
    gray = np.ascontiguousarray(255 - np.round(np.asarray(image) * 255).astype(np.uint8))
    qimage = QImage(gray.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
    return QIcon(QPixmap.fromImage(qimage).scaled(ICON_SIDE, ICON_SIDE))


def read_set(path: Path) -> PersonalSet:
    """A personal set from a .zip (PNGs + CSV) or .npz; raises PersonalDataError or OSError."""
    return import_zip(path) if path.suffix.lower() == ".zip" else PersonalSet.load(path)


class GalleryDialog(QDialog):
    """Shows a PersonalStore's samples sorted by digit, with the model's accuracy on the test split.

    Signals:
        message(str): a result for the status bar ("Exported 40 samples to ...").
    """

    message = Signal(str)

    def __init__(self, store, network, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your digits"))
        self.store = store
        self.network = network
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(ICON_SIDE, ICON_SIDE))
        self.list.setGridSize(QSize(ICON_SIDE + 28, ICON_SIDE + 26))   # same cell with or without “(test)”
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setMinimumSize(520, 320)
        self.label_combo = QComboBox()
        self.label_combo.addItems([str(d) for d in range(10)])
        self._before_change: PersonalSet | None = None   # the set before the last delete/relabel
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("delete", self.tr("Delete"), self.delete_selected),
                                ("undo", self.tr("Undo"), self.undo),
                                ("relabel", self.tr("Relabel as"), self.relabel_selected)):
            buttons.addWidget(self._button(key, text, slot))
        buttons.addWidget(self.label_combo)
        buttons.addStretch(1)
        for key, text, slot in (("export", self.tr("Export…"), self._on_export_clicked),
                                ("import", self.tr("Import…"), self._on_import_clicked),
                                ("close", self.tr("Close"), self.close)):
            buttons.addWidget(self._button(key, text, slot))
        self.buttons["undo"].setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        store.changed.connect(self.refresh)
        self.refresh()
        self._describe_controls()
        name_controls(self)

    def _button(self, key: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        # a dialog presses its first auto-default button on Enter: that would be Delete
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        self.buttons[key] = button
        return button

    @Slot()
    def _describe_controls(self) -> None:
        """Tool tips, and names for the controls without a text of their own (gui.accessibility)."""
        self.list.setAccessibleName(self.tr("Your digits"))
        self.list.setToolTip(self.tr("The digits you stored; select one or more to delete or "
                                     "relabel them"))
        self.label_combo.setAccessibleName(self.tr("New label"))
        self.label_combo.setToolTip(self.tr("The digit that Relabel as gives the selected samples"))
        tips = {"delete": self.tr("Remove the selected samples from your digits (Undo brings "
                                  "them back)"),
                "undo": self.tr("Bring back what the last Delete or Relabel changed"),
                "relabel": self.tr("Give the selected samples the digit chosen beside"),
                "export": self.tr("Save your digits as a zip of PNGs and a CSV, or one .npz"),
                "import": self.tr("Add digits from a zip or .npz exported before"),
                "close": self.tr("Close this window")}
        for key, tip in tips.items():
            self.buttons[key].setToolTip(tip)

    def refresh(self) -> None:
        self.list.clear()
        samples = sorted(self.store.samples, key=lambda s: (s.label, s.sample_id))
        for sample in samples:
            text = str(sample.label) + (self.tr(" (test)") if sample.is_test else "")
            item = QListWidgetItem(sample_icon(sample.image), text)
            item.setData(Qt.ItemDataRole.UserRole, sample.sample_id)
            self.list.addItem(item)
        self.summary.setText(self._summary_text())

    def _summary_text(self) -> str:
        counts = self.store.samples.counts()
        per_digit = "  ".join(f"{d}: {n}" for d, n in enumerate(counts))
        text = self.tr("{0} samples. Per digit: {1}").format(int(counts.sum()), per_digit)
        accuracy = self.store.test_accuracy(self.network)
        if accuracy is not None:
            text += "\n" + self.tr("The model in use reads {0:.0%} of your {1} test samples "
                                   "(every fifth) right.").format(*accuracy)
        if self.store.load_error:
            text += "\n" + self.store.load_error
        return text

    def selected_ids(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]

    @Slot()
    def delete_selected(self) -> None:
        count = len(self.selected_ids())
        if self._apply(lambda i: self.store.samples.delete(i)):
            self.message.emit(self.tr("Deleted {0} sample(s); Undo in “Your digits” brings them "
                                      "back.").format(count))

    @Slot()
    def relabel_selected(self) -> None:
        label = self.label_combo.currentIndex()
        self._apply(lambda i: self.store.samples.relabel(i, label))

    def _apply(self, change) -> bool:
        ids = self.selected_ids()
        if not ids:
            self.message.emit(self.tr("Select one or more samples first."))
            return False
        self._before_change = PersonalSet(list(self.store.samples), self.store.samples.next_id)
        for sample_id in ids:
            change(sample_id)
        self._save()
        self.buttons["undo"].setEnabled(True)
        return True

    @Slot()
    def undo(self) -> None:
        """Bring back the set as it was before the last Delete or Relabel."""
        before, self._before_change = self._before_change, None
        self.buttons["undo"].setEnabled(False)
        if before is None:
            return
        try:
            self.store.replace(before)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Your digits"),
                                self.tr("Could not save your digits: {0}").format(error))

    def _save(self) -> None:
        try:
            self.store.save()
        except OSError as error:
            QMessageBox.warning(self, self.tr("Your digits"),
                                self.tr("Could not save your digits: {0}").format(error))

    def export_to(self, path: str | Path) -> bool:
        """Write the whole set to a .zip (PNGs + CSV) or .npz; a message box says what failed."""
        path = Path(path)
        try:
            if path.suffix.lower() == ".zip":
                export_zip(self.store.samples, path)
            else:
                self.store.samples.save(path)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export"),
                                self.tr("Could not write {0}: {1}").format(path.name, error.strerror
                                                                            or error))
            return False
        self.message.emit(self.tr("Exported {0} samples to {1}.").format(
            len(self.store.samples), path))
        return True

    def import_from(self, path: str | Path) -> bool:
        """Replace the set with one read from a .zip or .npz; a bad file changes nothing."""
        path = Path(path)
        try:
            new_set = read_set(path)
        except (PersonalDataError, OSError) as error:
            QMessageBox.warning(self, self.tr("Import"),
                                self.tr("{0} cannot be used: {1}").format(path.name, error))
            return False
        except Exception as error:  # noqa: BLE001  a hostile file: MemoryError, RecursionError...
            logging.getLogger(LOGGER_NAME).exception("importing %r failed", str(path))
            QMessageBox.warning(self, self.tr("Import"),
                                self.tr("{0} cannot be used: it is damaged ({1}).").format(
                                    path.name, type(error).__name__))
            return False
        try:
            self.store.replace(new_set)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Import"),
                                self.tr("Could not save your digits: {0}").format(error))
            return False
        self.message.emit(self.tr("Imported {0} samples from {1}.").format(len(new_set),
                                                                          path.name))
        return True

    def _filter(self) -> str:
        return self.tr("Zip of PNGs and a CSV (*.zip);;NumPy archive (*.npz)")

    @Slot()
    def _on_export_clicked(self) -> None:
        from digitlab.gui.file_folder import remember, suggested_path
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export your digits"),
                                              suggested_path("my_digits.zip"), self._filter())
        if path:
            remember(path)
            self.export_to(path)

    @Slot()
    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import digits"), "", self._filter())
        if not path:
            return
        if len(self.store.samples) and QMessageBox.question(
                self, self.tr("Import"),
                self.tr("Replace your {0} stored samples with the file's?").format(
                    len(self.store.samples))) != QMessageBox.StandardButton.Yes:
            return
        self.import_from(path)
