"""Running work off the GUI thread: a worker QObject moved to a QThread, and how it reports.

start_worker() / join_thread() give every worker the same lifecycle (started -> run, finished ->
quit and deleteLater, the thread waited for before its parent goes); abandon_thread() also drops
what the worker had queued for a receiver that no longer wants it. TaskWorker runs one callable;
WorkerFailure is what any worker reports when its work raised. Widgets connect a worker's signals
with QUEUED so that their slots run on the GUI thread.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
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
    """Move worker to a new QThread and start it: started -> run, finished -> quit, and the worker
    goes back to the GUI thread to be deleted there."""
    thread = QThread(parent)
    home = QCoreApplication.instance().thread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct, so quit() does not wait for the GUI event loop (shutdown() blocks it in wait()).
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)

    def retire() -> None:
        # Deleted on its own thread, a worker's ~QObject takes Qt's connection lock and then waits
        # for Python's lock, which the GUI thread may hold while it waits for that connection
        # lock (a label's setHtml disconnecting): both hang. Deleted on the GUI thread, it cannot.
        worker.moveToThread(home)
        worker.deleteLater()
    worker.finished.connect(retire, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread


# How much lower than the GUI thread a long computation runs (Linux nice steps; 19 is the
# lowest). Mouse move to bars on the Draw tab while the Training tab trained, on two cores shared
# with other work (load average 1.8-2.1; the GUI thread's schedstat around each move): with the
# trainer at the GUI's priority p99 30-33 ms, the slowest 5% of moves waiting 15-17 ms for a core;
# 10 steps lower p99 11-12 ms, waiting 4-5 ms. Waiting for Python's GIL took about 1 ms either way.
# Alone on the machine each thread has a core and nothing changes.
BACKGROUND_NICE = 10


def yield_cpu_to_gui(steps: int = BACKGROUND_NICE) -> bool:
    """Lower the calling worker thread's priority by `steps` nice levels, so that where both
    want a core the GUI thread gets it first. Linux only (there each thread has its own nice
    value; elsewhere the call would move the whole process), never the main (GUI) thread: False
    where nothing changed."""
    if not sys.platform.startswith("linux") or threading.current_thread() is threading.main_thread():
        return False
    try:
        thread = threading.get_native_id()
        now = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(now + steps, 19))
    except OSError:
        return False
    return True


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


class TaskRunner(QObject):
    """One background task at a time for one widget: run(function, done) computes function() on a
    worker thread and calls done(result) on the GUI thread (not after a failure, which `failed`
    reports); shutdown() waits for a running task and drops its result.

    Signals:
        failed(object): a WorkerFailure of the task.
    """

    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: TaskWorker | None = None
        self._done: Callable[[object], None] | None = None

    def __repr__(self) -> str:
        return f"TaskRunner(busy={self.busy})"

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def run(self, function: Callable[[], object], done: Callable[[object], None]) -> bool:
        """Start function on a worker thread; False (nothing started) while another task runs."""
        if self._thread is not None:
            return False
        self._done = done
        self._worker = TaskWorker(function)
        self._worker.failed.connect(self._on_worker_failed, QUEUED)
        self._worker.finished.connect(self._on_worker_finished, QUEUED)
        self._thread = start_worker(self._worker, self)
        return True

    @Slot(object)
    def _on_worker_failed(self, failure: WorkerFailure) -> None:
        self.failed.emit(failure)

    @Slot(object)
    def _on_worker_finished(self, result: object) -> None:
        join_thread(self._thread)
        done, self._thread, self._worker, self._done = self._done, None, None, None
        if result is not None and done is not None:
            done(result)

    def shutdown(self) -> None:
        """Wait for a running task and drop what it still has to say."""
        if self._thread is not None:
            abandon_thread(self._thread, self)
            self._thread, self._worker, self._done = None, None, None
