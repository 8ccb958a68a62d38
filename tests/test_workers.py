"""gui/workers.py: a worker's thread lifecycle, TaskWorker's result or failure, dropped signals."""
import os
import sys
import threading

import pytest
from PySide6.QtCore import QObject, QThread, Slot

from digitlab.gui.workers import (QUEUED, Stage, TaskWorker, WorkerFailure, abandon_thread, join_thread,
                                  start_worker, yield_cpu_to_gui)


class Receiver(QObject):
    """Collects what a TaskWorker says, on the GUI thread."""

    def __init__(self):
        super().__init__()
        self.results, self.failures, self.threads = [], [], []

    @Slot(object)
    def on_finished(self, result):
        self.results.append(result)
        self.threads.append(QThread.currentThread())

    @Slot(object)
    def on_failed(self, failure):
        self.failures.append(failure)


def start_task(function, receiver):
    worker = TaskWorker(function)
    worker.finished.connect(receiver.on_finished, QUEUED)
    worker.failed.connect(receiver.on_failed, QUEUED)
    return worker, start_worker(worker, receiver)


def test_a_task_runs_on_its_own_thread_and_its_result_arrives_on_this_one(qtbot):
    receiver, ran_on = Receiver(), []
    worker, thread = start_task(lambda: ran_on.append(QThread.currentThread()) or 42, receiver)
    qtbot.waitUntil(lambda: receiver.results == [42], timeout=5000)
    join_thread(thread)
    assert ran_on[0] is not receiver.thread() and receiver.threads == [receiver.thread()]
    assert receiver.failures == []


def test_a_failing_task_reports_its_failure_then_finishes_with_none(qtbot, caplog):
    receiver = Receiver()

    def fail():
        raise MemoryError("simulated task fault")
    with caplog.at_level("ERROR", logger="digitlab"):
        _, thread = start_task(fail, receiver)
        qtbot.waitUntil(lambda: receiver.results == [None], timeout=5000)
    join_thread(thread)
    failure, = receiver.failures
    assert isinstance(failure, WorkerFailure) and failure.stage == Stage.TASK == "task"
    assert failure.summary == "MemoryError: simulated task fault" and "Traceback" in failure.details
    assert "simulated task fault" in caplog.text


def test_abandon_thread_waits_and_drops_what_was_queued(qtbot):
    receiver, done = Receiver(), threading.Event()
    _, thread = start_task(lambda: done.wait(5) and "late", receiver)
    done.set()
    abandon_thread(thread, receiver)         # the result is queued by now: it must not arrive
    qtbot.wait(50)
    assert receiver.results == [] and receiver.failures == []


def test_join_thread_accepts_none_and_a_deleted_thread(qtbot):
    join_thread(None)
    receiver = Receiver()
    _, thread = start_task(lambda: 1, receiver)
    qtbot.waitUntil(lambda: receiver.results == [1], timeout=5000)
    join_thread(thread)
    qtbot.wait(20)                            # its deleteLater runs
    join_thread(thread)


def test_task_runner_runs_one_task_at_a_time_and_reports_failures(qtbot):
    from digitlab.gui.workers import TaskRunner

    owner = QObject()
    runner = TaskRunner(owner)
    results = []
    release = threading.Event()
    assert runner.run(lambda: release.wait(5) and 42, results.append)
    assert runner.busy and not runner.run(lambda: 1, results.append)    # one at a time
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == [42]
    with qtbot.waitSignal(runner.failed) as blocker:
        assert runner.run(lambda: 1 / 0, results.append)
    assert blocker.args[0].stage == Stage.TASK
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == [42]                      # a failure calls nothing


def test_task_runner_shutdown_drops_the_result(qtbot):
    from digitlab.gui.workers import TaskRunner

    runner = TaskRunner()
    results = []
    runner.run(lambda: 7, results.append)
    runner.shutdown()
    qtbot.wait(50)
    assert results == [] and not runner.busy


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_a_worker_thread_yields_the_cpu_to_the_gui_thread_and_the_gui_thread_never_does():
    seen = {}

    def in_worker():
        before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        seen["changed"] = yield_cpu_to_gui(3)
        seen["steps"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) - before

    gui_before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    thread = threading.Thread(target=in_worker)
    thread.start()
    thread.join()
    assert seen == {"changed": True, "steps": min(3, 19 - gui_before)}
    assert not yield_cpu_to_gui(3)                    # this is the main thread
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui_before
