"""Where the user's personal data set lives, and the GUI's one copy of it.

The set is one .npz (nn.personal) in the user's data folder: $DIGITLAB_DATA_DIR when set (tests
point it at a temporary folder), else platformdirs' user_data_dir("digitlab").
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from digitlab.nn.data.personal import PersonalDataError, PersonalSet

FILE_NAME = "personal_digits.npz"


def data_dir() -> Path:
    """The user's DigitLab data folder (not created here)."""
    override = os.environ.get("DIGITLAB_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("digitlab"))


class PersonalStore(QObject):
    """The personal set, loaded on first use and saved after every change.

    Signals:
        changed(): samples were added, deleted, relabelled or imported.
    """

    changed = Signal()

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path if path is not None else data_dir() / FILE_NAME
        self._set: PersonalSet | None = None
        self.load_error: str | None = None

    def __repr__(self) -> str:
        return f"PersonalStore({str(self.path)!r}, loaded={self._set is not None})"

    @property
    def samples(self) -> PersonalSet:
        """The set; an unreadable file gives an empty set and load_error (the file is kept)."""
        if self._set is None:
            self._set = PersonalSet()
            if self.path.exists():
                try:
                    self._set = PersonalSet.load(self.path)
                except (PersonalDataError, OSError) as error:
                    self.load_error = str(error)
        return self._set

    def add(self, image, label: int, strokes) -> None:
        """Store a labelled drawing and save; raises OSError when the file cannot be written."""
        self.samples.add(image, label, strokes)
        self.save()

    def delete(self, sample_id: int) -> None:
        self.samples.delete(sample_id)
        self.save()

    def relabel(self, sample_id: int, label: int) -> None:
        self.samples.relabel(sample_id, label)
        self.save()

    def replace(self, new_set: PersonalSet) -> None:
        """Use an imported set instead of the current one and save it."""
        self._set = new_set
        self.save()

    def save(self) -> None:
        if self.load_error is not None and self.path.exists():
            # never overwrite a file we could not read: the user may still rescue it
            raise OSError(QCoreApplication.translate(
                "PersonalStore", "The personal set file {0} could not be read, so it is "
                "not overwritten: move it away first.").format(self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.samples.save(self.path)
        self.changed.emit()

    def test_accuracy(self, network) -> tuple[float, int] | None:
        """(accuracy, n) of `network` on the personal test split, None without test samples."""
        x, t = self.samples.arrays("test")
        if network is None or len(t) == 0:
            return None
        return float(network.accuracy(x.astype(network.dtype, copy=False), t)), len(t)
