"""nn.budget: the memory estimate of a training run against what a real run uses."""
import tracemalloc

import numpy as np
import pytest

from digitlab.nn.training.budget import (FALLBACK_LIMIT, LIMIT_FRACTION, MemoryEstimate, estimate_training_memory,
                       format_bytes, memory_limit, param_count, physical_memory)
from digitlab.nn.training.trainer import TrainConfig, Trainer, build_network, count_params

@pytest.mark.parametrize("kwargs", [
    {"hidden_sizes": (2000, 2000), "optimizer": "adam", "batch_size": 500},
    {"hidden_sizes": (1500,), "optimizer": "momentum", "dtype": "float64", "weight_decay": 0.01,
     "dropout": 0.3, "augment": True, "batch_size": 1000},
    {"model_kind": "conv", "hidden_sizes": (128,), "optimizer": "momentum", "batch_size": 100},
    {"model_kind": "conv", "conv": ((8, 3, 1), (16, 5, 0)), "hidden_sizes": (64,),
     "optimizer": "adam", "batch_size": 250},
])
@pytest.mark.slow   # trains an epoch of a big network
def test_estimate_covers_the_measured_peak_of_a_real_run(kwargs):
    # tracemalloc sees every NumPy array: the peak of the arrays alive at once during one epoch.
    # Peak resident memory is higher (the allocator keeps freed pages; in scripts/ measurements
    # it came to 0.65-1.15 times the estimate), so the estimate may exceed this peak, up to 3x.
    config = TrainConfig(epochs=1, **kwargs)
    rng = np.random.default_rng(0)
    x, t = rng.random((2000, 784), dtype=np.float32), rng.integers(0, 10, 2000)
    x_test, t_test = rng.random((1000, 784), dtype=np.float32), rng.integers(0, 10, 1000)
    tracemalloc.start()
    try:
        network = build_network(config, rng)
        for _ in Trainer(network, x, t, x_test, t_test, config, rng=rng).run():
            pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    estimate = estimate_training_memory(config, n_train=2000, n_test=1000)
    expected = estimate.total - estimate.data   # the data existed before the measurement
    assert expected / 3 <= peak <= expected, (peak, estimate)


@pytest.mark.parametrize("hidden", [(100,), (50, 100), (7, 3, 5)])
def test_param_count_matches_a_built_network(hidden):
    config = TrainConfig(hidden_sizes=hidden)
    assert param_count(config) == count_params(build_network(config, np.random.default_rng(0)))


def test_the_arrays_that_must_exist_are_a_lower_bound():
    # --hidden 50000,50000: its weights, gradients and rollback copy alone are 3 * 10 GB
    huge = estimate_training_memory(TrainConfig(hidden_sizes=(50_000, 50_000)))
    assert huge.network >= 3 * 50_000 * 50_000 * 4
    assert huge.largest_part() == "network"
    # --drawn 200000: the drawn images (float32) and their copy in the training set
    drawn = estimate_training_memory(TrainConfig(drawn_digits=200_000, train_size=1000))
    assert drawn.drawn >= 2 * 200_000 * 784 * 4
    assert drawn.largest_part() == "drawn"
    assert estimate_training_memory(TrainConfig()).drawn == 0


def test_float64_and_optimizer_state_cost_what_they_should():
    base = estimate_training_memory(TrainConfig(hidden_sizes=(1000,)))
    adam = estimate_training_memory(TrainConfig(hidden_sizes=(1000,), optimizer="adam"))
    params = param_count(TrainConfig(hidden_sizes=(1000,)))
    assert adam.network - base.network == 2 * params * 4   # Adam's m and v
    wide = estimate_training_memory(TrainConfig(hidden_sizes=(1000,), dtype="float64"))
    assert wide.network > 1.9 * base.network and wide.batch > 1.9 * base.batch
    assert wide.data == base.data   # the images stay float32


def test_the_largest_network_allowed_is_estimated_and_formatted():
    # sizes beyond any float no longer pass TrainConfig (MAX_HIDDEN_SIZE, MAX_HIDDEN_LAYERS)
    estimate = estimate_training_memory(TrainConfig(hidden_sizes=(50_000,) * 49))
    assert estimate.total > 48 * 50_000 ** 2 * 4 * 3
    assert format_bytes(estimate.total).endswith(" GB")


@pytest.mark.parametrize("size, text", [
    (0, "0 MB"), (349_600_000, "350 MB"), (999_499_999, "999 MB"), (999_999_999, "1.0 GB"),
    (1_549_999_999, "1.5 GB"), (9_999_999_999, "10 GB"), (80 * 10 ** 9, "80 GB"),
    (1_234_567 * 10 ** 6, "1,235 GB"), (10 ** 15, "more than a million GB"),
])
def test_format_bytes(size, text):
    assert format_bytes(size) == text


def test_memory_limit_is_a_fraction_of_physical_memory():
    assert memory_limit(physical=16 * 10 ** 9) == int(16 * 10 ** 9 * LIMIT_FRACTION)
    physical = physical_memory()
    if physical is None:
        assert memory_limit() == FALLBACK_LIMIT
    else:
        assert 10 ** 8 < physical < 10 ** 15   # between 100 MB and a petabyte
        assert memory_limit() == int(physical * LIMIT_FRACTION)


def test_fallback_limit_without_sysconf(monkeypatch):
    import digitlab.nn.training.budget as budget
    monkeypatch.delattr(budget.os, "sysconf", raising=False)   # as on Windows
    assert physical_memory() is None
    assert memory_limit() == FALLBACK_LIMIT


def test_total_and_largest_part():
    estimate = MemoryEstimate(network=1, batch=5, data=3, drawn=2)
    assert estimate.total == 11 and estimate.largest_part() == "batch"
