"""nn/train_config.py: TrainConfig, the choices of its settings and the rules the GUI and CLI share."""
import math

import numpy as np
import pytest

from digitlab.nn.network import ACTIVATIONS, MultiLayerNet
from digitlab.nn.optimizers import OPTIMIZER_NAMES, SCHEDULE_NAMES, make_optimizer, make_schedule
from digitlab.nn.train_config import (ACTIVATION_NAMES, DTYPES, GRADIENT_METHODS, NUMERICAL_MAX_IMAGES,
                             NUMERICAL_MAX_PARAMS, WEIGHT_INITS, TrainConfig,
                             numerical_gradient_refusal, parse_hidden_sizes, parse_weight_init,
                             quoted, weight_count)
from digitlab.nn.trainer import build_network, count_params


def test_config_round_trip_and_validation():
    config = TrainConfig(hidden_sizes=(50, 20), optimizer="adam", lr=0.001, train_size=1000)
    d = config.to_dict()
    assert d["hidden_sizes"] == [50, 20]
    assert TrainConfig.from_dict(d) == config
    assert TrainConfig.from_dict({"lr": 0.5, "unknown": 1}) == TrainConfig(lr=0.5)
    for bad in ({"optimizer": "lbfgs"}, {"schedule": "linear"}, {"gradient": "guess"},
                {"lr": 0.0}, {"lr": math.inf}, {"lr": math.nan}, {"batch_size": 0},
                {"dropout": 1.0}, {"train_size": 0}, {"dtype": "int8"},
                {"activation": "softplus"}, {"drawn_digits": -1}):
        with pytest.raises(ValueError):
            TrainConfig(**bad)


def test_every_choice_is_one_nn_accepts():
    for name in ACTIVATION_NAMES:
        assert MultiLayerNet(4, (3,), 2, activation=name, rng=np.random.default_rng(0))
    assert set(ACTIVATION_NAMES) == set(ACTIVATIONS)
    for name in OPTIMIZER_NAMES:
        make_optimizer(name, 0.1)
    for name in SCHEDULE_NAMES:
        make_schedule(name, 0.1, 10)
    for init in WEIGHT_INITS:
        build_network(TrainConfig(hidden_sizes=(3,), weight_init=init), np.random.default_rng(0))
    for gradient in GRADIENT_METHODS:
        TrainConfig(gradient=gradient)
    for dtype in DTYPES:
        assert build_network(TrainConfig(hidden_sizes=(3,), dtype=dtype),
                             np.random.default_rng(0)).dtype == np.dtype(dtype)


@pytest.mark.parametrize("text, sizes", [
    ("100", (100,)), ("256,128", (256, 128)), (" 100 , 50 ", (100, 50)), ("", ()), ("  ", ()),
    ("007", (7,)), ("1" + "0" * 30, (10 ** 30,))])
def test_hidden_sizes_that_parse(text, sizes):
    assert parse_hidden_sizes(text) == sizes


@pytest.mark.parametrize("text", ["abc", "100,-5", "100,,50", ",", "0", "100 50", "100;50",
                                  "1.5", "\u00b2", "1" * 5000])
def test_hidden_sizes_that_are_refused_say_the_rule_and_quote_the_text(text):
    with pytest.raises(ValueError) as caught:
        parse_hidden_sizes(text)
    assert str(caught.value) == ("expected positive layer sizes separated by commas (e.g. 100,50), "
                                 f"got {quoted(text)}")


def test_quoted_keeps_a_long_value_short():
    assert quoted("abc") == "'abc'"
    assert quoted("x" * 41) == "'" + "x" * 30 + "'..."


@pytest.mark.parametrize("text, name", [("he", "he"), (" Xavier ", "xavier"), ("0.01", "0.01"),
                                        ("1e-3", "1e-3")])
def test_weight_inits_that_parse(text, name):
    assert parse_weight_init(text) == name


@pytest.mark.parametrize("text", ["gauss", "0", "-0.1", "inf", "nan", ""])
def test_weight_inits_that_are_refused(text):
    with pytest.raises(ValueError, match="expected he, xavier or a positive standard deviation"):
        parse_weight_init(text)


@pytest.mark.parametrize("hidden", [(), (10,), (100,), (50, 20), (7, 6, 5)])
def test_weight_count_is_the_built_networks(hidden):
    network = build_network(TrainConfig(hidden_sizes=hidden), np.random.default_rng(0))
    assert weight_count(hidden) == count_params(network)


def test_weight_count_known_answers():
    assert weight_count(()) == 784 * 10 + 10
    assert weight_count((100,)) == 784 * 100 + 100 + 100 * 10 + 10 == 79_510
    assert weight_count((10 ** 20,)) == 795 * 10 ** 20 + 10     # no overflow


def test_numerical_gradient_limits():
    assert numerical_gradient_refusal(NUMERICAL_MAX_PARAMS, NUMERICAL_MAX_IMAGES) is None
    too_many_params = numerical_gradient_refusal(NUMERICAL_MAX_PARAMS + 1, 10)
    assert f"{NUMERICAL_MAX_PARAMS + 1:,} parameters" in too_many_params
    too_many_images = numerical_gradient_refusal(10, NUMERICAL_MAX_IMAGES + 1)
    assert f"{NUMERICAL_MAX_IMAGES + 1:,} training images" in too_many_images
    assert f"at most {NUMERICAL_MAX_IMAGES:,}" in too_many_images
