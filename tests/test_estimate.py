"""nn.training.estimate: measured mini-batches multiplied out to the run, plus the evaluations."""
import dataclasses
import itertools

import numpy as np

from digitlab.nn.training import estimate as estimate_module
from digitlab.nn.training.budget import EVAL_BATCH, MNIST_TEST
from digitlab.nn.training.estimate import estimate_training_seconds
from digitlab.nn.training.train_config import DEFAULTS


def fake_clock(monkeypatch):
    """Every perf_counter() call one second later: each timed piece takes exactly 1 s."""
    ticks = itertools.count()
    monkeypatch.setattr(estimate_module.time, "perf_counter", lambda: float(next(ticks)))


def test_the_estimate_multiplies_a_step_by_the_iterations_and_adds_the_evaluations(monkeypatch):
    fake_clock(monkeypatch)
    config = dataclasses.replace(DEFAULTS, hidden_sizes=(8,), epochs=2, train_size=1_000,
                                 train_accuracy_size=500)
    seconds = estimate_training_seconds(config, rng=np.random.default_rng(0))
    iterations = 2 * 10                                   # 1,000 images in batches of 100, twice
    evaluations = 2 * (500 + MNIST_TEST) / EVAL_BATCH     # one second per EVAL_BATCH images
    assert seconds == iterations + evaluations


def test_a_conv_run_given_in_iterations_is_measured_on_a_conv_net(monkeypatch):
    fake_clock(monkeypatch)
    built = []
    real = estimate_module.build_network
    monkeypatch.setattr(estimate_module, "build_network",
                        lambda config, rng: built.append(real(config, rng)) or built[-1])
    config = dataclasses.replace(DEFAULTS, model_kind="conv", conv=((2, 3, 1),), hidden_sizes=(8,),
                                 iterations=50, train_size=1_000, train_accuracy_size=None)
    seconds = estimate_training_seconds(config, rng=np.random.default_rng(0))
    assert built[0].kind == "conv"
    assert seconds == 50 + 5 * (1_000 + MNIST_TEST) / EVAL_BATCH   # 50 iterations are 5 epochs


def test_a_real_measurement_is_positive_and_grows_with_the_run():
    config = dataclasses.replace(DEFAULTS, hidden_sizes=(16,), train_size=1_000)
    short = estimate_training_seconds(config, rng=np.random.default_rng(0))
    long = estimate_training_seconds(dataclasses.replace(config, epochs=300), rng=np.random.default_rng(0))
    assert 0 < short < long
