"""Running work off the GUI thread: a worker QObject moved to a QThread, and how it reports.

start_worker() / join_thread() give every worker the same lifecycle (started -> run, finished ->
quit and deleteLater, the thread waited for before its parent goes); abandon_thread() also drops
what the worker had queued for a receiver that no longer wants it. TaskWorker runs one callable;
WorkerFailure is what any worker reports when its work raised. Widgets connect a worker's signals
with QUEUED so that their slots run on the GUI thread.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, Signal, Slot
from shiboken6 import isValid

from digitlab.nn.training.train_events import StrEnum

# Worker signals always reach widgets on the GUI thread, whatever PySide infers from the slot.
QUEUED = Qt.ConnectionType.QueuedConnection


class Stage(StrEnum):
    """What a worker was doing when it failed."""

    PREPARE = "prepare"     # loading the data, building the network
    TRAIN = "train"
    EVALUATE = "evaluate"   # the final evaluation of a trained network
    TASK = "task"           # a TaskWorker's callable


@dataclass(frozen=True)
class WorkerFailure:
    """What went wrong in a worker: its Stage, a one-line summary ("MemoryError: ...") and the
    traceback as details."""
    stage: Stage
    summary: str
    details: str

    @classmethod
    def from_exception(cls, stage: Stage, error: BaseException) -> "WorkerFailure":
        summary = f"{type(error).__name__}: {error}".splitlines()[0]
        return cls(stage, summary, "".join(traceback.format_exception(error)))


def start_worker(worker: QObject, parent: QObject | None = None) -> QThread:
    """Move worker to a new QThread and start it: started -> run, finished -> quit / deleteLater."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct, so quit() does not wait for the GUI event loop (shutdown() blocks it in wait()).
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    worker.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread


def join_thread(thread: QThread | None) -> None:
    """Wait for a worker thread whose worker has emitted finished: it ends within moments, and a
    QThread destroyed while still running (its parent widget closed) aborts the whole process."""
    if thread is not None and isValid(thread):   # not yet removed by its deleteLater
        thread.quit()
        thread.wait()


def abandon_thread(thread: QThread | None, receiver: QObject) -> None:
    """Wait for a thread whose worker was told to stop (or is about to end) and drop the signals
    it queued to receiver: they would arrive after the receiver stopped waiting for them (a reset
    tab, a closed dialog). Only for receivers whose queued calls all come from that worker."""
    join_thread(thread)
    QCoreApplication.removePostedEvents(receiver, QEvent.Type.MetaCall)


class TaskWorker(QObject):
    """Runs one callable on a worker thread.

    Signals:
        finished(object): the callable's result, or None when it raised.
        failed(object): a WorkerFailure (stage "task") when it raised, logged, emitted before finished.
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, function: Callable[[], object]) -> None:
        super().__init__()
        self._function = function

    @Slot()
    def run(self) -> None:
        result = None
        try:
            result = self._function()
        except Exception as error:  # noqa: BLE001 - reported to the user, never swallowed
            logging.getLogger("digitlab.task").exception("A background task failed")
            self.failed.emit(WorkerFailure.from_exception(Stage.TASK, error))
        finally:
            self.finished.emit(result)
