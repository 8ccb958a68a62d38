"""One training run as the GUI thread sees it: the worker, its thread, and a gate for its signals."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, Signal

from digitlab.gui.training.mnist_cache import Data
from digitlab.gui.training.worker import TrainingWorker
from digitlab.gui.workers import QUEUED, abandon_thread, join_thread, start_worker
from digitlab.nn.training.trainer import TrainConfig

# the TrainingWorker signals relayed to the GUI thread
RELAYED = ("status", "progress", "epoch_finished", "snapshot", "timing", "evaluated", "failed", "health",
           "hint", "finished")


class TrainingRun(QObject):
    """Starts a TrainingWorker on its own QThread and relays its signals on the GUI thread.

    The worker's signals are queued to this object, which re-emits them; abandon() silences it, so
    signals the old run had already queued (progress, evaluated, snapshot...) are dropped instead of
    repainting a cleared tab or reaching the next run. Controls go straight to the worker.

    Signals: the TrainingWorker's, with the same payloads: status(str), progress(object) (an
    nn.trainer.Progress), epoch_finished(object), snapshot(object), timing(float),
    evaluated(object), failed(object) (a WorkerFailure), health(object) (an nn.diagnostics.HealthEvent),
    hint(object) (an nn.hints.Hint), finished(object, object).
    """

    status = Signal(str)
    progress = Signal(object)
    epoch_finished = Signal(object)
    snapshot = Signal(object)
    timing = Signal(float)
    evaluated = Signal(object)
    failed = Signal(object)
    health = Signal(object)
    hint = Signal(object)
    finished = Signal(object, object)

    def __init__(self, config: TrainConfig, data_source: Callable[[], Data], *, interval: float = 0.1,
                 paused: bool = False, parent: QObject | None = None,
                 suggested_lr: float | None = None) -> None:
        super().__init__(parent)
        self.worker = TrainingWorker(config, data_source, interval=interval, suggested_lr=suggested_lr)
        # pause / resume / step / set_lr go straight to the run's nn.train_control.TrainingControl
        self.control = self.worker.control
        if paused:
            self.control.pause()
        for name in RELAYED:
            getattr(self.worker, name).connect(getattr(self, name), QUEUED)
        self.thread: QThread | None = None
        self.abandoned = False

    def __repr__(self) -> str:
        return f"TrainingRun({self.worker.config!r}, abandoned={self.abandoned})"

    def start(self) -> None:
        """Start the worker on a new thread (a child of this run: delete the run only after join())."""
        self.thread = start_worker(self.worker, self)

    # -- controls -------------------------------------------------------------------------------------
    def stop(self) -> None:
        self.worker.stop()

    # -- ending ---------------------------------------------------------------------------------------
    def join(self) -> None:
        """Wait for the worker's thread (after finished, or a stop: it ends between two iterations)."""
        join_thread(self.thread)

    def abandon(self) -> None:
        """Stop the run, wait for its thread and drop everything it still has to say."""
        self.abandoned = True
        self.blockSignals(True)
        self.worker.abandon()
        # the worker queued its last signals before its thread ended: none of them may arrive
        abandon_thread(self.thread, self)

    def finish_now(self) -> None:
        """Stop the run without its final evaluation (quitting), wait for it and deliver its last
        signals now (finished included), in order."""
        self.worker.stop(evaluate=False)
        self.join()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
