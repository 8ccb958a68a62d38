"""nn.finetune: learning a writer's unusual digits without forgetting MNIST."""
import threading

import numpy as np
import pytest

from digitlab import resources
from digitlab.nn.data.mnist import load_mnist
from digitlab.nn.training.finetune import FinetuneConfig, FinetuneProgress, FineTuner, evaluate_before_after
from digitlab.nn.files.model_io import load_model
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.checks.unusual_digits import unusual_personal_set

MODEL = resources.path(*resources.DEFAULT_MODEL)


def tiny_data(n=300, seed=0):
    """Two well separated classes of 784-pixel noise, labelled 3 and 8, and 10 MNIST-like classes."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, 784)).astype(np.float32) * 0.1
    t = rng.integers(0, 10, n)
    x[np.arange(n), t * 70] = 1.0
    return x, t


@pytest.fixture
def small_tuner():
    rng = np.random.default_rng(1)
    network = MultiLayerNet(784, (16,), 10, rng=rng)
    personal = tiny_data(20, seed=2)
    return network, FineTuner(network, personal, tiny_data(), FinetuneConfig(steps=7),
                              rng=np.random.default_rng(3))


def test_progress_records_and_the_original_is_untouched(small_tuner):
    network, tuner = small_tuner
    before = {key: value.copy() for key, value in network.params.items()}
    records = list(tuner.run())
    assert [r.step for r in records] == list(range(1, 8))
    assert all(isinstance(r, FinetuneProgress) and r.steps_total == 7 for r in records)
    assert all(np.isfinite(r.loss) for r in records)
    with pytest.raises(AttributeError):
        records[0].loss = 0.0         # frozen
    for key, value in network.params.items():
        np.testing.assert_array_equal(value, before[key])
    assert any(not np.array_equal(tuner.network.params[key], before[key]) for key in before)
    assert tuner.steps_done == 7 and not tuner.stopped


@pytest.mark.parametrize("kind", ["event", "callable"])
def test_stop_request_is_checked_between_batches(small_tuner, kind):
    _, tuner = small_tuner
    event = threading.Event()
    stop = event if kind == "event" else event.is_set
    records = []
    for record in tuner.run(stop=stop):
        records.append(record)
        if record.step == 3:
            event.set()
    assert len(records) == 3 and tuner.stopped and tuner.steps_done == 3


def test_same_seed_same_result():
    results = []
    for _ in range(2):
        network = MultiLayerNet(784, (16,), 10, rng=np.random.default_rng(1))
        tuner = FineTuner(network, tiny_data(20, 2), tiny_data(), FinetuneConfig(steps=5),
                          rng=np.random.default_rng(9))
        results.append([r.loss for r in tuner.run()])
    assert results[0] == results[1]


@pytest.mark.parametrize("kwargs", [{"steps": 0}, {"batch_size": 1}, {"personal_fraction": 1.0},
                                    {"personal_fraction": 0.0}, {"lr": 0.0}])
def test_bad_config_is_refused(kwargs):
    with pytest.raises(ValueError):
        FinetuneConfig(**kwargs)


def test_empty_personal_set_is_refused():
    network = MultiLayerNet(784, (16,), 10, rng=np.random.default_rng(1))
    with pytest.raises(ValueError, match="personal"):
        FineTuner(network, (np.zeros((0, 784)), np.zeros(0)), tiny_data(),
                  rng=np.random.default_rng(0))


def test_before_after_without_personal_test_samples(small_tuner):
    network, tuner = small_tuner
    list(tuner.run())
    x, t = tiny_data(50, seed=5)
    report = evaluate_before_after(network, tuner.network, (x[:0], t[:0]), (x, t))
    assert report.personal_before is None and report.personal_after is None
    assert report.mnist_before == network.accuracy(x, t)
    assert report.mnist_after == tuner.network.accuracy(x, t)
    assert report.to_dict()["mnist_n"] == 50


@pytest.mark.slow
@pytest.mark.mnist
def test_finetuning_learns_unusual_digits_and_keeps_mnist(mnist_dir):
    if not MODEL.exists():
        pytest.skip(f"the shipped model {MODEL} is not there")
    network, _ = load_model(MODEL)
    (x_train, t_train), mnist_test = load_mnist(mnist_dir=mnist_dir)
    personal = unusual_personal_set(40, np.random.default_rng(12))
    test_split = personal.arrays("test")
    # The set must really be hard for the shipped model, or the test proves nothing.
    assert network.accuracy(*test_split) <= 0.6
    tuner = FineTuner(network, personal.arrays("train"), (x_train, t_train),
                      rng=np.random.default_rng(0))
    assert sum(1 for _ in tuner.run()) == FinetuneConfig().steps
    report = evaluate_before_after(network, tuner.network, test_split, mnist_test)
    assert report.personal_n == 32
    assert report.personal_after - report.personal_before >= 0.20
    assert report.mnist_before - report.mnist_after <= 0.005


def test_a_conv_net_fine_tunes_on_a_copy():
    from digitlab.nn.model.convnet import ConvNet
    rng = np.random.default_rng(3)
    net = ConvNet(conv=((2, 3, 1),), hidden_sizes=(8,), rng=np.random.default_rng(0))
    before = {k: v.copy() for k, v in net.params.items()}
    personal = (rng.random((6, 784)).astype(np.float32), rng.integers(0, 10, 6))
    mnist = (rng.random((40, 784)).astype(np.float32), rng.integers(0, 10, 40))
    tuner = FineTuner(net, personal, mnist, FinetuneConfig(steps=2, batch_size=16), rng=rng)
    assert [p.step for p in tuner.run()] == [1, 2]
    assert tuner.network.kind == "conv"
    assert not np.array_equal(tuner.network.params["W1"], before["W1"])
    np.testing.assert_array_equal(net.params["W1"], before["W1"])
