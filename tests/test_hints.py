"""nn.hints: each hint fires on a run that shows it, and its change makes the next run's config."""

import numpy as np
import pytest

from digitlab.nn.training.diagnostics import HealthEvent, LayerHealth
from digitlab.nn.training.hints import HintKind, HintWatcher
from digitlab.nn.training.trainer import EpochEvent, TrainConfig, Trainer


@pytest.fixture(scope="module")
def mnist_subset(mnist_dir):
    from digitlab.nn.data.mnist import load_mnist

    (x, t), (x_test, t_test) = load_mnist(mnist_dir=mnist_dir)
    return x[:5000], t[:5000], x_test[:1000], t_test[:1000]


def _watch(config, data, health_every=10, suggested_lr=None):
    watcher = HintWatcher(config, suggested_lr)
    hints = watcher.start()
    for event in Trainer.from_config(config, *data, health_every=health_every).run():
        hints += watcher.observe(event)
    return {hint.kind: hint for hint in hints}


def test_lr_10_diverges_and_apply_lowers_the_rate(mnist_subset):
    config = TrainConfig(lr=10.0, epochs=1, optimizer="sgd", schedule="constant")
    hints = _watch(config, mnist_subset)
    hint = hints[HintKind.DIVERGING]
    assert hint.numbers["lr"] == 10.0
    assert hint.apply(config).lr < 1.0


def test_lr_1e4_learns_too_slowly_and_apply_raises_the_rate(mnist_subset):
    config = TrainConfig(lr=1e-4, epochs=7, optimizer="sgd", schedule="constant")
    hints = _watch(config, mnist_subset)
    hint = hints[HintKind.TOO_SLOW]
    assert hint.numbers["drop"] < 0.1
    assert hint.apply(config).lr == pytest.approx(1e-3)
    assert HintKind.DIVERGING not in hints


def test_sigmoid_with_a_huge_initial_scale_saturates_and_apply_takes_xavier(mnist_subset):
    config = TrainConfig(activation="sigmoid", weight_init="10", lr=0.1, epochs=1)
    hints = _watch(config, mnist_subset)
    hint = hints[HintKind.SATURATED]
    assert hint.numbers["share"] >= 0.5
    assert hint.apply(config).weight_init == "xavier"


def test_a_good_run_gives_no_hint(mnist_subset):
    config = TrainConfig(lr=0.1, epochs=1)
    assert _watch(config, mnist_subset, suggested_lr=0.07) == {}


def test_a_rate_far_from_the_range_tests_suggestion_is_told_before_the_run():
    config = TrainConfig(lr=5.0)
    hints = HintWatcher(config, suggested_lr=0.05).start()
    assert [hint.kind for hint in hints] == [HintKind.LR_FAR]
    assert hints[0].numbers["ratio"] == pytest.approx(100)
    assert hints[0].apply(config).lr == 0.05
    assert HintWatcher(config, suggested_lr=1.0).start() == []


def test_a_range_test_speaks_for_runs_of_the_same_network_and_optimizer():
    from digitlab.nn.training.hints import same_sweep

    config = TrainConfig(lr=0.1)
    assert same_sweep(config, TrainConfig(lr=3.0, epochs=7))
    assert not same_sweep(config, TrainConfig(optimizer="adam"))
    assert not same_sweep(config, TrainConfig(hidden_sizes=(50,)))


def _epoch(epoch, train, test):
    return EpochEvent(epoch, 10, train, test, 1.0, 1000.0)


def test_overfitting_fires_when_train_and_test_drift_apart_and_apply_adds_weight_decay():
    config = TrainConfig(train_size=300)
    watcher = HintWatcher(config)
    assert watcher.observe(_epoch(1, 0.90, 0.88)) == []
    assert watcher.observe(_epoch(2, 0.97, 0.90)) == []     # wide, but only once
    [hint] = watcher.observe(_epoch(3, 0.99, 0.90))
    assert hint.kind == HintKind.OVERFITTING and hint.numbers["gap"] == pytest.approx(0.09)
    assert hint.apply(config).weight_decay == 1e-4
    assert watcher.observe(_epoch(4, 1.0, 0.90)) == []     # each hint once


def _health(dead=None, saturated=None):
    empty = np.zeros(3)
    layer = LayerHealth("W1", 1.0, 1.0, 1e-3, empty, empty, np.zeros(4), dead, saturated)
    return HealthEvent(50, (layer,))


def test_dead_relus_fire_and_apply_takes_he_or_lowers_the_rate():
    config = TrainConfig(weight_init="xavier", lr=0.5)
    [hint] = HintWatcher(config).observe(_health(dead=0.4))
    assert hint.kind == HintKind.DEAD_RELU and hint.apply(config).weight_init == "he"
    config = TrainConfig(weight_init="he", lr=0.5)
    [hint] = HintWatcher(config).observe(_health(dead=0.4))
    assert hint.apply(config).lr == 0.05
    assert HintWatcher(config).observe(_health(dead=0.1)) == []
