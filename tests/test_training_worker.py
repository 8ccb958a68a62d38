"""gui/training/worker.py: the training worker on tiny synthetic data (no MNIST needed)."""
import os
import sys
import threading

import numpy as np
import pytest

from digitlab.gui.training.worker import TrainingWorker
from digitlab.nn.data.mnist import MnistNotFoundError
from digitlab.nn.training.trainer import TrainConfig
from synthetic_digits import synthetic_data


def run_worker(qtbot, worker, timeout=20_000):
    """Run worker.run() on this thread, collecting every signal."""
    seen = {"progress": [], "epochs": [], "snapshots": [], "finished": [], "failed": []}
    worker.progress.connect(seen["progress"].append)
    worker.epoch_finished.connect(seen["epochs"].append)
    worker.snapshot.connect(seen["snapshots"].append)
    worker.failed.connect(seen["failed"].append)
    worker.finished.connect(lambda event, net: seen["finished"].append((event, net)))
    worker.run()
    return seen


def test_worker_emits_every_iteration_once_and_a_working_network(qtbot):
    data = synthetic_data()
    config = TrainConfig(hidden_sizes=(10,), lr=0.1, batch_size=50, epochs=3, seed=1)
    worker = TrainingWorker(config, lambda: data, interval=0.0, snapshot_interval=0.0)
    seen = run_worker(qtbot, worker)
    iterations = np.concatenate([p.iterations for p in seen["progress"]])
    np.testing.assert_array_equal(iterations, np.arange(1, 13))
    assert [e.epoch for e in seen["epochs"]] == [1, 2, 3]
    (event, network), = seen["finished"]
    assert event.reason == "completed"
    (x_test, t_test) = data[1]
    assert network.accuracy(x_test, t_test) > 0.9
    assert seen["snapshots"] and seen["snapshots"][0] is not network


def test_worker_throttles_into_few_emissions_without_losing_iterations(qtbot):
    data = synthetic_data(n_train=400)
    config = TrainConfig(hidden_sizes=(10,), batch_size=10, epochs=2, seed=1)
    worker = TrainingWorker(config, lambda: data, interval=60.0, snapshot_interval=60.0)
    seen = run_worker(qtbot, worker)
    # first iteration, then one flush per epoch end
    assert len(seen["progress"]) <= 3
    assert sum(len(p.losses) for p in seen["progress"]) == 80
    assert len(seen["snapshots"]) == 1


def test_stop_before_the_trainer_exists_ends_without_a_model(qtbot):
    worker = TrainingWorker(TrainConfig(hidden_sizes=(5,), epochs=1), synthetic_data)
    worker.stop()
    seen = run_worker(qtbot, worker)
    (event, network), = seen["finished"]
    assert event.reason == "stopped" and network is None and not seen["progress"]


def test_missing_data_is_reported_not_raised(qtbot):
    def missing():
        raise MnistNotFoundError("no MNIST here: use --mnist-dir or DIGITLAB_MNIST_DIR")
    seen = run_worker(qtbot, TrainingWorker(TrainConfig(), missing))
    failure, = seen["failed"]
    assert failure.stage == "prepare" and "DIGITLAB_MNIST_DIR" in failure.summary
    assert "Traceback" in failure.details
    assert seen["finished"] == [(None, None)]


def test_diverging_run_keeps_no_model(qtbot):
    data = synthetic_data()
    config = TrainConfig(hidden_sizes=(50,), lr=1e4, batch_size=20, epochs=5, weight_init="1.0", seed=0)
    seen = run_worker(qtbot, TrainingWorker(config, lambda: data))
    (event, network), = seen["finished"]
    assert event.reason == "diverged" and network is None


def failing_after(original, count, error):
    """A Trainer.run that yields `count` real events, then raises error."""
    def run(self):
        for i, event in enumerate(original(self)):
            if i == count:
                raise error
            yield event
    return run


def test_an_error_in_the_trainer_ends_the_run_with_failed_then_finished(qtbot, monkeypatch, caplog):
    from digitlab.nn.training.trainer import Trainer
    monkeypatch.setattr(Trainer, "run", failing_after(Trainer.run, 3, RuntimeError("simulated trainer fault")))
    data = synthetic_data()
    worker = TrainingWorker(TrainConfig(hidden_sizes=(10,), batch_size=10, epochs=2), lambda: data)
    with caplog.at_level("ERROR", logger="digitlab"):
        seen = run_worker(qtbot, worker)
    failure, = seen["failed"]
    assert failure.stage == "train" and failure.summary == "RuntimeError: simulated trainer fault"
    assert "Traceback" in failure.details and "simulated trainer fault" in failure.details
    assert seen["finished"] == [(None, None)]
    record, = [r for r in caplog.records if r.name.startswith("digitlab")]
    assert record.exc_info[1] is not None and "simulated trainer fault" in caplog.text


def test_an_error_in_the_final_evaluation_keeps_the_trained_network(qtbot, monkeypatch):
    from digitlab.gui.training import worker as training_worker

    def broken_evaluate(*args):
        raise MemoryError("simulated evaluation fault")
    monkeypatch.setattr(training_worker, "evaluate", broken_evaluate)
    data = synthetic_data()
    worker = TrainingWorker(TrainConfig(hidden_sizes=(10,), batch_size=10, epochs=2), lambda: data)
    seen = run_worker(qtbot, worker)
    failure, = seen["failed"]
    assert failure.stage == "evaluate" and "simulated evaluation fault" in failure.summary
    (event, network), = seen["finished"]
    assert event.reason == "completed" and network.accuracy(*data[1]) > 0.9


def test_an_abandoned_run_skips_the_evaluation_and_the_copy(qtbot):
    data = synthetic_data()
    worker = TrainingWorker(TrainConfig(hidden_sizes=(10,), batch_size=10, epochs=50), lambda: data,
                            interval=0.0)
    evaluated = []
    worker.evaluated.connect(evaluated.append)
    # abandon from the first progress on: the run ends at the next iteration
    worker.progress.connect(lambda p: worker.abandon())
    seen = run_worker(qtbot, worker)
    (event, network), = seen["finished"]
    assert event.reason == "stopped" and network is None and evaluated == []
    assert sum(len(p.losses) for p in seen["progress"]) < 5


def test_a_stop_without_evaluation_keeps_the_network(qtbot):
    data = synthetic_data()
    worker = TrainingWorker(TrainConfig(hidden_sizes=(10,), batch_size=10, epochs=50), lambda: data,
                            interval=0.0)
    evaluated = []
    worker.evaluated.connect(evaluated.append)
    worker.progress.connect(lambda p: worker.stop(evaluate=False))
    seen = run_worker(qtbot, worker)
    (event, network), = seen["finished"]
    assert event.reason == "stopped" and network is not None and evaluated == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_the_worker_trains_below_the_gui_threads_priority(qtbot):
    from digitlab.gui.workers import BACKGROUND_NICE, join_thread, start_worker
    data, nice = synthetic_data(), []

    def source():     # called on the worker's thread, as it starts
        nice.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return data

    gui = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    worker = TrainingWorker(TrainConfig(hidden_sizes=(5,), epochs=1, batch_size=100), source)
    with qtbot.waitSignal(worker.finished, timeout=20_000):
        thread = start_worker(worker)
    join_thread(thread)
    assert nice == [min(gui + BACKGROUND_NICE, 19)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui
