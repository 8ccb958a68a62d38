"""nn.lr_finder: the learning-rate range test."""
import dataclasses

import numpy as np
import pytest

from digitlab.nn.training import lr_finder
from digitlab.nn.model.network import MultiLayerNet


def test_rates_grow_exponentially():
    lrs = lr_finder.lr_schedule(1e-4, 1.0, 5)
    np.testing.assert_allclose(lrs, [1e-4, 1e-3, 1e-2, 1e-1, 1.0])


def test_the_sweep_stops_when_the_loss_blows_up_and_suggests_a_tenth_of_the_best():
    rng = np.random.default_rng(0)
    x = rng.random((300, 784)).astype(np.float32)
    t = (x[:, :392].sum(1) > x[:, 392:].sum(1)).astype(np.int64)
    network = MultiLayerNet(784, (30,), 10, rng=np.random.default_rng(1))
    result = lr_finder.lr_range_test(network, x, t, rng, lr_min=1e-4, lr_max=1e3, steps=120)
    assert len(result.lrs) < 120                       # stopped once the loss climbed
    assert np.all(np.diff(result.lrs) > 0)
    best = result.lrs[np.argmin(result.smoothed)]
    assert result.best_lr == best
    assert result.suggested == pytest.approx(best / 10, rel=0.05)


def test_cancel_ends_the_sweep_and_an_empty_set_is_refused():
    network = MultiLayerNet(784, (5,), 10, rng=np.random.default_rng(1))
    x = np.zeros((10, 784), np.float32)
    t = np.zeros(10, np.int64)
    result = lr_finder.lr_range_test(network, x, t, np.random.default_rng(0), cancel=lambda: True)
    assert len(result.lrs) == 0
    with pytest.raises(ValueError, match="empty"):
        lr_finder.lr_range_test(network, x[:0], t[:0], np.random.default_rng(0))


@pytest.mark.slow
def test_the_suggestion_for_the_default_network_is_within_10x_of_a_rate_reaching_97(mnist_dir):
    from digitlab.nn.training.train_config import DEFAULTS as DEFAULT_CONFIG
    from digitlab.nn.data.mnist import load_mnist
    from digitlab.nn.training.trainer import EpochEvent, Trainer, build_network

    (x, t), (x_test, t_test) = load_mnist(mnist_dir=mnist_dir)
    rng = np.random.default_rng(0)
    sweep = lr_finder.lr_range_test(build_network(DEFAULT_CONFIG, rng), x, t, rng,
                                    optimizer=DEFAULT_CONFIG.optimizer)
    config = dataclasses.replace(DEFAULT_CONFIG, epochs=2)
    accuracy = [event.test_accuracy for event in Trainer.from_config(config, x, t, x_test, t_test).run()
                if isinstance(event, EpochEvent)]
    assert accuracy[-1] >= 0.97
    assert config.lr / 10 <= sweep.suggested <= config.lr * 10
