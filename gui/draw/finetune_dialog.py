"""Fine-tune on your digits: progress and Cancel, accuracies before and after, use and save."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QMessageBox, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from digitlab.gui.accessibility import name_controls
from digitlab.gui.draw.finetune_worker import FinetuneWorker
from digitlab.gui.workers import QUEUED, abandon_thread, start_worker

MIN_TRAIN = 5


def is_shipped_model(path: str | Path) -> bool:
    """True when path is the shipped model file, which a save must never replace."""
    from digitlab import resources

    shipped = Path(resources.path(*resources.DEFAULT_MODEL))
    try:
        return Path(path).resolve() == shipped.resolve()
    except OSError:
        return False


class FinetuneDialog(QDialog):
    """Runs a FinetuneWorker for the model in use and shows what it changed.

    Signals:
        model_ready(object, str, object): the tuned network, its name, its MNIST test accuracy;
            emitted when the user chooses “Use it on the Draw tab”.
    """

    model_ready = Signal(object, str, object)

    def __init__(self, network, personal, mnist, parent: QWidget | None = None,
                 seed: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fine-tune on your digits"))
        self.network, self.personal, self.seed = network, personal, seed
        self.mnist = mnist
        self.result = None
        self.saved = False      # the current result was saved to a file
        self._thread = self._worker = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button = QPushButton(self.tr("Use it on the Draw tab"))
        self.use_button.clicked.connect(self._on_use_button_clicked)
        self.save_button = QPushButton(self.tr("Save…"))
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.cancel_button, self.use_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        self._set_running(False)
        self.use_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self._describe_controls()
        name_controls(self)
        self.start()

    def _describe_controls(self) -> None:
        """Tool tips of the buttons (their names are their texts; gui.accessibility)."""
        self.cancel_button.setToolTip(self.tr("Stop fine-tuning; the model stays as it was"))
        self.use_button.setToolTip(self.tr("Let the Draw tab read with the fine-tuned model"))
        self.save_button.setToolTip(self.tr("Save the fine-tuned model to a file"))
        self.close_button.setToolTip(self.tr("Close this window"))

    def start(self) -> bool:
        """Start fine-tuning, or say why it cannot start."""
        n_train = len(self.personal.arrays("train")[1])
        n_test = len(self.personal.arrays("test")[1])
        if self.network is None:
            self.status.setText(self.tr("There is no model to fine-tune: open or train one."))
            return False
        if n_train < MIN_TRAIN:
            self.status.setText(self.tr(
                "Fine-tuning needs at least {0} of your digits to learn from. Your {1} stored digits: "
                "{2} for learning, {3} held out for testing (every fifth). Label more with “This is "
                "a …” first.").format(MIN_TRAIN, n_train + n_test, n_train, n_test))
            return False
        if self.mnist is None:
            from digitlab.gui.training.mnist_cache import MnistCache
            self.mnist = MnistCache()
        self._worker = FinetuneWorker(self.network, self.personal, self.mnist, seed=self.seed)
        self._worker.progress.connect(self._on_worker_progress, QUEUED)
        self._worker.failed.connect(self._on_worker_failed, QUEUED)
        self._worker.finished.connect(self._on_worker_finished, QUEUED)
        self.status.setText(self.tr("Fine-tuning on {0} of your {1} digits mixed with MNIST ({2} held "
                                    "out for testing)…").format(n_train, n_train + n_test, n_test))
        self._set_running(True)
        self._thread = start_worker(self._worker, self)
        # quitting with the dialog open must not destroy a running thread (that aborts)
        QCoreApplication.instance().aboutToQuit.connect(self._stop_and_wait)
        return True

    def is_running(self) -> bool:
        return self._worker is not None

    @Slot()
    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self.status.setText(self.tr("Stopping…"))

    def _set_running(self, running: bool) -> None:
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)

    @Slot(int, int)
    def _on_worker_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @Slot(str)
    def _on_worker_failed(self, reason: str) -> None:
        self.status.setText(reason)

    @Slot(object)
    def _on_worker_finished(self, result) -> None:
        # Join first, then drop the worker: its thread deletes it (deleteLater) as it ends, and a
        # wrapper freed here meanwhile would delete the same object twice (a crash at thread exit).
        abandon_thread(self._thread, self)
        self._worker = self._thread = None
        self._set_running(False)
        if result is None:
            return
        self.result, self.saved = result, False
        self.status.setText(self.report_text(result))
        self.use_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def report_text(self, result) -> str:
        r = result.report
        lines = [self.tr("Stopped after {0} mini-batches.").format(result.steps_done)
                 if result.stopped else
                 self.tr("Done: {0} mini-batches.").format(result.steps_done)]
        if r.personal_before is None:
            lines.append(self.tr("Your digits: no test samples yet (every fifth one you label)."))
        else:
            lines.append(self.tr("Your {0} test digits: {1:.1%} before, {2:.1%} after.").format(
                r.personal_n, r.personal_before, r.personal_after))
        lines.append(self.tr("MNIST test ({0} images): {1:.2%} before, {2:.2%} after.").format(
            r.mnist_n, r.mnist_before, r.mnist_after))
        return "\n".join(lines)

    @Slot()
    def _on_use_button_clicked(self) -> None:
        self.model_ready.emit(self.result.network, self.tr("fine-tuned on your digits"),
                              self.result.report.mnist_after)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save_to(None)

    def save_to(self, path: str | Path | None) -> str | None:
        """Save the tuned model (a file dialog asks when path is None); never over the shipped one."""
        from digitlab.gui.training.save_dialog import ask_save_path, save_interactively

        while path is None or is_shipped_model(path):
            if path is not None:
                self.status.setText(self.tr("That is the shipped model: choose another file, "
                                            "it is never overwritten."))
            path = ask_save_path(self)
            if not path:
                return None
        metadata = {"test_accuracy": self.result.report.mnist_after,
                    "finetune": self.result.report.to_dict()}
        saved = save_interactively(self, self.result.network, metadata, path)
        if saved:
            self.saved = True
            self.status.setText(self.status.text() + "\n" + self.tr("Saved to {0}.").format(saved))
        return saved

    def has_unsaved_model(self) -> bool:
        """True when a fine-tuned model is here and was never saved."""
        return self.result is not None and not self.saved

    def maybe_save(self) -> bool:
        """Before quitting: Save / Discard / Cancel about an unsaved fine-tuned model (the training
        run's question); False = the user cancelled."""
        from digitlab.gui.training.save_dialog import ask_before_quitting
        if not self.has_unsaved_model():
            return True
        answer = ask_before_quitting(self.parentWidget() or self, running=False, finetuned=True)
        Button = QMessageBox.StandardButton
        if answer == Button.Cancel:
            return False
        if answer == Button.Discard:
            self.saved = True     # asked once: the user chose to let it go
            return True
        return self.save_to(None) is not None

    @Slot()
    def _stop_and_wait(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            abandon_thread(self._thread, self)
            self._worker = self._thread = None
            self._set_running(False)

    def closeEvent(self, event) -> None:
        self._stop_and_wait()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Escape and Close end here, maybe without a closeEvent: stop the worker first (the
        dialog is deleted on close, and a running QThread destroyed aborts the process)."""
        self._stop_and_wait()
        super().done(result)
