"""Offers the MNIST download with a progress bar and Cancel; offline, says how to point at the files."""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from digitlab.gui.accessibility import name_controls
from digitlab.gui.workers import QUEUED, abandon_thread, join_thread, start_worker
from digitlab.nn.data.mnist import (FILES, MIRRORS, DownloadCancelled, default_cache_dir, download_mnist, find_mnist_dir,
                                    missing_files)

APPROX_TOTAL_BYTES = 11_594_722  # the four .gz files, for a progress bar before sizes are known


class DownloadWorker(QObject):
    """Downloads the MNIST files into dest on a worker thread.

    Signals:
        progress(int, int): bytes done and expected over all files.
        failed(str): the download did not succeed (offline, cancelled, corrupted).
        finished(object): the folder (Path) on success, else None.
    """

    progress = Signal(int, int)
    failed = Signal(str)
    finished = Signal(object)

    def __init__(self, dest: Path, mirrors=MIRRORS, download: Callable[..., Path] = download_mnist) -> None:
        super().__init__()
        self.dest = Path(dest)
        self.mirrors = mirrors
        self._download = download
        self._cancel = threading.Event()
        self._done: dict[str, int] = {}

    def cancel(self) -> None:
        """Thread-safe: stop at the next chunk."""
        self._cancel.set()

    def _on_chunk(self, name: str, done: int, total: int) -> None:
        self._done[name] = done
        self.progress.emit(sum(self._done.values()), APPROX_TOTAL_BYTES)

    @Slot()
    def run(self) -> None:
        try:
            folder = self._download(self.dest, self.mirrors, progress=self._on_chunk, cancel=self._cancel.is_set)
        except DownloadCancelled:
            self.failed.emit("")
            folder = None
        except Exception as error:  # noqa: BLE001 - offline or corrupted: explained in the dialog
            self.failed.emit(str(error))
            folder = None
        self.finished.emit(folder)


class DownloadDialog(QDialog):
    """Asks to download MNIST, shows the progress, and explains the alternatives when it fails.

    After exec() returns Accepted, `folder` is the folder holding the files. download has
    nn.data.download_mnist's signature (tests pass a fake or a partial with their own md5 table).
    """

    def __init__(self, parent: QWidget | None = None, dest: Path | None = None, mirrors=MIRRORS,
                 download: Callable[..., Path] = download_mnist) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("MNIST is needed"))
        self.dest = Path(dest) if dest is not None else default_cache_dir()
        self.mirrors = mirrors
        self._download = download
        self.folder: Path | None = None
        self._worker: DownloadWorker | None = None
        self._thread: QThread | None = None
        self.message = QLabel(self.tr(
            "Training needs MNIST, the 70,000 handwritten digits of the course ({0} files, about 11 MB). "
            "They are not on this computer yet.\n\nDownload them now into {1}?").format(len(FILES), self.dest))
        self.message.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.download_button = QPushButton(self.tr("Download"))
        self.buttons.addButton(self.download_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.choose_button = QPushButton(self.tr("Choose folder…"))
        self.choose_button.setToolTip(self.tr("Use a folder that already holds the four MNIST files"))
        self.buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.download_button.setToolTip(self.tr("Download the four MNIST files (about 11 MB) from "
                                                "public mirrors"))
        self.cancel_button.setToolTip(self.tr("Do not download; training needs the files"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.buttons)
        self.download_button.clicked.connect(self._on_download_button_clicked)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.resize(560, 200)
        self._fit_text()
        name_controls(self)

    def _fit_text(self) -> None:
        """Grow the dialog to the height its wrapped message needs: a word-wrapped label does not
        tell a window how tall it must be, and the message would be cut."""
        layout = self.layout()
        layout.activate()
        width = max(self.width(), layout.sizeHint().width())
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        self.setMinimumHeight(height)
        if self.height() < height:
            self.resize(width, height)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self._fit_text()

    def use_folder(self, folder: str | Path) -> bool:
        """Accept folder when it holds the four MNIST files; else say which are missing."""
        missing = missing_files(folder)
        if missing:
            self._say(self.tr("{0} does not hold the MNIST files; missing: {1}. Choose the folder "
                              "with all four, or download them.").format(folder, ", ".join(missing)))
            return False
        self.folder = Path(folder)
        self.accept()
        return True

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("The folder with the MNIST files"),
                                                  str(Path.home()))
        if folder:
            self.use_folder(folder)

    @Slot()
    def _on_download_button_clicked(self) -> None:
        self.download_button.setEnabled(False)
        self.progress_bar.setVisible(True)
        self.progress_bar.setRange(0, 1000)
        self._say(self.tr("Downloading MNIST into {0} ...").format(self.dest))
        self._worker = DownloadWorker(self.dest, self.mirrors, self._download)
        self._worker.progress.connect(self._on_worker_progress, QUEUED)
        self._worker.failed.connect(self._on_worker_failed, QUEUED)
        self._worker.finished.connect(self._on_worker_finished, QUEUED)
        self._thread = start_worker(self._worker, self)

    @Slot(int, int)
    def _on_worker_progress(self, done: int, total: int) -> None:
        self.progress_bar.setValue(min(1000, int(1000 * done / max(total, 1))))

    @Slot(str)
    def _on_worker_failed(self, reason: str) -> None:
        if not reason:
            self._say(self.tr("Download cancelled."))
            return
        self._say(self.tr(
            "The download did not work (are you offline?).\n\nWhat to do: copy the four MNIST files "
            "(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
            "t10k-labels-idx1-ubyte.gz) into a folder and press “Choose folder…”, or start DigitLab with\n"
            "    python main.py --mnist-dir FOLDER\nor set the environment variable DIGITLAB_MNIST_DIR=FOLDER."
            "\n\nDetails: {0}").format(reason))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    @Slot(object)
    def _on_worker_finished(self, folder: Path | None) -> None:
        join_thread(self._thread)
        self._worker, self._thread = None, None
        self.progress_bar.setVisible(folder is not None)
        self.download_button.setEnabled(folder is None)
        self.download_button.setText(self.tr("Try again"))
        if folder is not None:
            self.folder = Path(folder)
            self.accept()

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
        else:
            self.reject()

    def done(self, result: int) -> None:
        """Closing the dialog cancels a running download and waits for it."""
        if self._worker is not None:
            self._worker.cancel()
            # its last signals come too late for a closed dialog (and would accept it again)
            abandon_thread(self._thread, self)
            self._worker, self._thread = None, None
        super().done(result)


def ensure_mnist(cache, parent: QWidget | None = None) -> bool:
    """True when MNIST can be loaded into cache (a gui.training.mnist_cache.MnistCache), after offering
    the download when it is nowhere to be found; the downloaded folder is set on the cache."""
    if cache.loaded or cache.mnist_dir is not None or find_mnist_dir() is not None:
        return True
    dialog = DownloadDialog(parent)
    accepted = dialog.exec() == DownloadDialog.DialogCode.Accepted
    folder = dialog.folder
    dialog.deleteLater()     # one per offer: never kept by its parent
    if not accepted:
        return False
    cache.mnist_dir = folder
    return True
