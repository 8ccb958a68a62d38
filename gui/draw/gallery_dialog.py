"""The personal digits gallery: every stored sample by digit; delete, relabel, export, import."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget)

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
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Delete"), self.delete_selected),
                           (self.tr("Relabel as"), self.relabel_selected)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addWidget(self.label_combo)
        buttons.addStretch(1)
        for text, slot in ((self.tr("Export…"), self._on_export_clicked),
                           (self.tr("Import…"), self._on_import_clicked),
                           (self.tr("Close"), self.close)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        store.changed.connect(self.refresh)
        self.refresh()

    @Slot()
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
            text += "\n" + self.tr("Your saved file could not be read: {0}").format(
                self.store.load_error)
        return text

    def selected_ids(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]

    @Slot()
    def delete_selected(self) -> None:
        self._apply(lambda i: self.store.samples.delete(i))

    @Slot()
    def relabel_selected(self) -> None:
        label = self.label_combo.currentIndex()
        self._apply(lambda i: self.store.samples.relabel(i, label))

    def _apply(self, change) -> None:
        ids = self.selected_ids()
        if not ids:
            self.message.emit(self.tr("Select one or more samples first."))
            return
        for sample_id in ids:
            change(sample_id)
        self._save()

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
        self.store.load_error = None      # the user chose to replace an unreadable file
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
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export your digits"),
                                              "my_digits.zip", self._filter())
        if path:
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
