"""The numerical gradient's limits and its timed iteration (progress, cancel, projection)."""
import itertools

import numpy as np
import pytest

from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.numerical.cost import (COURSE_ITERATIONS, NUMERICAL_MAX_IMAGES, NUMERICAL_MAX_PARAMS,
                               Cancelled, IterationTiming, count_params, in_units,
                               numerical_gradients, numerical_refusal, projected_seconds,
                               time_backprop_iteration, time_iteration, time_numerical_iteration)
from digitlab.nn.training.presets import course_config
from digitlab.nn.training.trainer import TrainConfig, Trainer, build_network


def tiny(seed=0):
    """4-3-2 in float64: 23 parameters."""
    rng = np.random.default_rng(seed)
    network = MultiLayerNet(4, (3,), 2, activation="sigmoid", dtype=np.float64, rng=rng)
    return network, rng.random((5, 4)), rng.integers(0, 2, 5)


def numerical(config: TrainConfig) -> TrainConfig:
    return TrainConfig.from_dict({**config.to_dict(), "gradient": "numerical"})


def snapshot(network):
    return {key: value.copy() for key, value in network.params.items()}


def assert_same(params, network):
    for key, value in params.items():
        np.testing.assert_array_equal(network.params[key], value)


def test_the_course_network_is_allowed_and_bigger_ones_are_not():
    course = build_network(numerical(course_config()), np.random.default_rng(0))
    assert count_params(course) == 39_760 <= NUMERICAL_MAX_PARAMS
    assert numerical_refusal(39_760) is None
    rng = np.random.default_rng(0)
    x, t = rng.random((20, 784)), rng.integers(0, 10, 20)
    Trainer(course, x, t, x, t, numerical(course_config()))  # no ValueError
    assert "79,510 parameters" in numerical_refusal(79_510)


def test_the_image_limit_lives_in_nn():
    assert numerical_refusal(100, NUMERICAL_MAX_IMAGES) is None
    message = numerical_refusal(100, NUMERICAL_MAX_IMAGES + 1)
    assert f"at most {NUMERICAL_MAX_IMAGES:,} training images" in message and "1,001" in message


def test_progress_counts_every_parameter_and_the_gradient_is_the_networks():
    network, x, t = tiny()
    reports = []
    grads = numerical_gradients(network, x, t, progress=lambda done, total: reports.append(
        (done, total)))
    assert reports == [(done, 23) for done in range(1, 24)]
    expected = network.numerical_gradient(x, t)
    for key in expected:
        np.testing.assert_array_equal(grads[key], expected[key])


def test_cancel_stops_early_and_leaves_the_weights_as_they_were():
    network, x, t = tiny()
    before = snapshot(network)
    losses = []
    original_loss = network.loss
    network.loss = lambda *args, **kwargs: losses.append(1) or original_loss(*args, **kwargs)
    answers = itertools.chain([False] * 4, itertools.repeat(True))
    reports = []
    with pytest.raises(Cancelled, match="5 of 23"):
        time_numerical_iteration(network, x, t, progress=lambda d, n: reports.append(d),
                                 cancel=lambda: next(answers))
    assert reports == [1, 2, 3, 4, 5]
    assert len(losses) == 1 + 2 * 5           # the loss, then two per parameter done
    assert_same(before, network)


def test_timing_leaves_the_network_unchanged_and_projects_the_course_run():
    network, x, t = tiny()
    before = snapshot(network)
    timing = time_iteration(network, x, t)
    assert_same(before, network)
    assert timing.params == 23 and timing.batch_size == 5
    assert timing.numerical_seconds > 0 and timing.backprop_seconds > 0
    numerical, backprop = timing.projected()
    assert numerical == timing.numerical_seconds * COURSE_ITERATIONS
    assert backprop == timing.backprop_seconds * COURSE_ITERATIONS


def test_times_come_from_the_clock():
    network, x, t = tiny()
    ticks = iter([10.0, 13.5])
    assert time_numerical_iteration(network, x, t, clock=lambda: next(ticks)) == 3.5
    ticks = iter([0.0, 0.4, 1.0, 1.1, 2.0, 2.3])       # three runs: 0.4, 0.1, 0.3 s
    assert time_backprop_iteration(network, x, t, repeats=3,
                                   clock=lambda: next(ticks)) == pytest.approx(0.1)
    timing = IterationTiming(numerical_seconds=60.0, backprop_seconds=0.002, params=39_760,
                             batch_size=100)
    assert timing.ratio == pytest.approx(30_000)
    assert timing.projected(10_000) == (600_000.0, 20.0)
    assert projected_seconds(60.0) == 600_000.0


def test_durations_in_units():
    assert in_units(600_000.0) == pytest.approx((600_000 / 86_400, "days"))
    assert in_units(7_200.0) == (2.0, "hours")
    assert in_units(90.0) == (1.5, "minutes")
    assert in_units(20.0) == (20.0, "seconds")
    assert in_units(0.002) == (0.002, "seconds")
