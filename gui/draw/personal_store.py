"""Where the user's personal data set lives, and the GUI's one copy of it.

The set is one .npz (nn.personal) in the user's data folder: $DIGITLAB_DATA_DIR when set (tests
point it at a temporary folder), else platformdirs' user_data_dir("digitlab"). A file that cannot
be read, whatever the error, is never written over: it is renamed aside (kept, and named in the
message) before a new set is started, or, when even that fails, every save is refused.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from digitlab.nn.files.atomic_file import process_start_time, remove_stale_temps
from digitlab.nn.data.personal import PersonalSet

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
        load_failed(str): the saved file could not be read; the message says where it was kept.
    """

    changed = Signal()
    load_failed = Signal(str)

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path if path is not None else data_dir() / FILE_NAME
        self._set: PersonalSet | None = None
        self.load_error: str | None = None
        self._unreadable_kept = False     # the unreadable file is still at path: never save

    def __repr__(self) -> str:
        return f"PersonalStore({str(self.path)!r}, loaded={self._set is not None})"

    @property
    def samples(self) -> PersonalSet:
        """The set; an unreadable file gives an empty set and load_error (the file is kept)."""
        if self._set is None:
            self._set = self._load()
        return self._set

    def _load(self) -> PersonalSet:
        # what saves killed in earlier runs left behind (ours only, older than this process)
        remove_stale_temps(self.path, before=process_start_time())
        if not self.path.exists():
            return PersonalSet()
        try:
            return PersonalSet.load(self.path)
        except Exception as error:  # noqa: BLE001  MemoryError, RecursionError too: keep the file
            self.load_error = self._set_aside(error)
            self.load_failed.emit(self.load_error)
            return PersonalSet()

    def _set_aside(self, error: Exception) -> str:
        """Rename the unreadable file to a free name beside it; the message for the user."""
        reason = " ".join(str(error).split()) or type(error).__name__
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}{self.path.suffix}")
        number = 2
        while aside.exists() or aside.is_symlink():
            aside = self.path.with_name(
                f"{self.path.stem}.unreadable-{stamp}-{number}{self.path.suffix}")
            number += 1
        try:
            os.rename(self.path, aside)
        except OSError as rename_error:
            self._unreadable_kept = True
            return QCoreApplication.translate(
                "PersonalStore", "Your saved digits in {0} could not be read ({1}). The file is "
                "kept as it is and nothing will be saved over it ({2}): move it away, then "
                "start DigitLab again.").format(self.path, reason,
                                                 rename_error.strerror or rename_error)
        return QCoreApplication.translate(
            "PersonalStore", "Your saved digits in {0} could not be read ({1}). The file was kept "
            "as {2}; new digits go to a new file.").format(self.path, reason, aside)

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
        if self._unreadable_kept and self.path.exists():
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
