"""The training worker, plot buffers and evaluation maths, on tiny synthetic data (no MNIST needed)."""
import numpy as np
import pytest

from gui.evaluation_panel import batch_demo
from gui.training_plots import DecimatingBuffer, smooth
from gui.training_settings import parse_hidden_sizes, weight_count
from gui.training_controls import format_seconds
from gui.training_worker import TrainingWorker
from nn.data import MnistNotFoundError
from nn.trainer import TrainConfig


def synthetic_data(n_train=200, n_test=100, seed=0):
    """Two blobs of 'images' the network can separate: label = which half of the pixels is bright."""
    rng = np.random.default_rng(seed)

    def make(n):
        t = rng.integers(0, 2, n)
        x = rng.random((n, 784), dtype=np.float32) * 0.2
        x[t == 0, :392] += 0.8
        x[t == 1, 392:] += 0.8
        return x, t.astype(np.int64)
    return make(n_train), make(n_test)


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


def test_decimating_buffer_stays_bounded_and_keeps_the_mean():
    buffer = DecimatingBuffer(capacity=100)
    x = np.arange(10_000, dtype=float)
    buffer.extend(x, 2 * x)
    xs, ys = buffer.data()
    assert len(buffer) <= 100
    assert xs[0] == pytest.approx(np.mean(x[:len(x) // len(xs)]), rel=0.5)
    np.testing.assert_allclose(ys, 2 * xs)          # averaging pairs keeps y = 2x exact
    assert np.all(np.diff(xs) > 0)


def test_smooth_is_exact_on_constants_and_follows_a_step():
    np.testing.assert_allclose(smooth(np.full(50, 3.0))[0], 3.0)
    y = np.r_[np.zeros(100), np.ones(100)]
    stepped, _ = smooth(y, alpha=0.1)
    assert stepped[99] == 0.0 and 0.0 < stepped[110] < 1.0 and stepped[-1] > 0.99
    first, state = smooth(y[:77], alpha=0.1)
    rest, _ = smooth(y[77:], alpha=0.1, state=state)
    np.testing.assert_allclose(np.r_[first, rest], stepped)    # chunked = all at once


def test_settings_helpers():
    assert parse_hidden_sizes("100, 50") == (100, 50)
    assert parse_hidden_sizes("") == ()
    assert parse_hidden_sizes("ten") is None
    assert weight_count(()) == 7850
    assert weight_count((100,)) == 784 * 100 + 100 + 100 * 10 + 10
    assert format_seconds(1234.4) == "20:34"
    assert format_seconds(4000) == "1:06:40"


def test_worker_emits_every_iteration_once_and_a_working_network(qtbot):
    data = synthetic_data()
    config = TrainConfig(hidden_sizes=(10,), lr=0.1, batch_size=50, epochs=3, seed=1)
    worker = TrainingWorker(config, lambda: data, interval=0.0, snapshot_interval=0.0)
    seen = run_worker(qtbot, worker)
    iterations = np.concatenate([p["iterations"] for p in seen["progress"]])
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
    assert sum(len(p["losses"]) for p in seen["progress"]) == 80
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
    assert "DIGITLAB_MNIST_DIR" in seen["failed"][0]
    assert seen["finished"] == [(None, None)]


def test_diverging_run_keeps_no_model(qtbot):
    data = synthetic_data()
    config = TrainConfig(hidden_sizes=(50,), lr=1e4, batch_size=20, epochs=5, weight_init="1.0", seed=0)
    seen = run_worker(qtbot, TrainingWorker(config, lambda: data))
    (event, network), = seen["finished"]
    assert event.reason == "diverged" and network is None


class FixedProbabilities:
    """Stand-in network whose probabilities are given row by row."""

    def __init__(self, probs):
        self.probs = probs

    def probabilities(self, x):
        return self.probs[x[:, 0].astype(int)]

    def predict(self, x):
        return self.probabilities(x)


def test_batch_demo_measures_both_ways():
    probs = np.eye(10)
    x = np.zeros((200, 784))
    result = batch_demo(FixedProbabilities(probs), x, batch_size=100)
    assert result["count"] == 200 and result["single"] > 0 and result["batched"] > 0
    assert result["speedup"] == pytest.approx(result["single"] / result["batched"])
