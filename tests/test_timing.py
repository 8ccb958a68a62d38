"""nn/timing.py against a fake clock: the batch demo and the backprop timing are known answers."""
import numpy as np
import pytest

from digitlab.nn.speed import timing
from digitlab.nn.speed.timing import backprop_seconds, time_batches, times_slower


class Clock:
    """Stands in for time.perf_counter: time moves only when the fake network works."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class CostlyNetwork:
    """predict costs `call` seconds per call plus `row` per image; gradient costs `gradient` each."""

    def __init__(self, clock, call=1.0, row=0.01, gradients=(3.0, 2.0, 5.0, 2.5, 4.0)):
        self.clock, self.call, self.row = clock, call, row
        self.gradients = list(gradients)
        self.shapes = []

    def predict(self, x):
        self.shapes.append(x.shape)
        self.clock.now += self.call + self.row * len(x)
        return np.zeros((len(x), 10))

    def gradient(self, x, t):
        self.shapes.append(x.shape)
        self.clock.now += self.gradients.pop(0)
        return {}


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(timing.time, "perf_counter", fake)
    return fake


def test_time_batches_classifies_one_by_one_then_in_batches(clock):
    network = CostlyNetwork(clock)
    result = time_batches(network, np.zeros((250, 784)), batch_size=100)
    assert network.shapes == [(1, 784)] * 250 + [(100, 784), (100, 784), (50, 784)]
    assert (result.count, result.batch_size) == (250, 100)
    assert result.single == pytest.approx(250 * (1.0 + 0.01))         # 250 calls of one image
    assert result.batched == pytest.approx(3 * 1.0 + 250 * 0.01)      # 3 calls, 250 images
    assert result.speedup == pytest.approx(252.5 / 5.5)


def test_backprop_seconds_is_the_best_of_its_repeats_on_the_first_batch(clock):
    network = CostlyNetwork(clock)
    x, t = np.zeros((300, 784)), np.zeros(300, dtype=int)
    assert backprop_seconds(network, x, t, batch_size=50, repeats=5) == 2.0
    assert network.shapes == [(50, 784)] * 5


def test_times_slower():
    assert times_slower(3.0, 0.5) == 6.0
    assert times_slower(1.0, 0.0) == pytest.approx(1e9)      # never a division by zero


def test_a_real_network_is_faster_in_batches():
    from digitlab.nn.model.network import MultiLayerNet
    network = MultiLayerNet(784, (50,), 10, rng=np.random.default_rng(0))
    x = np.random.default_rng(1).random((400, 784), dtype=np.float32)
    # 400 small products lose to 4 big ones; best of a few, as other processes share the CPU
    assert max(time_batches(network, x).speedup for _ in range(5)) > 1
