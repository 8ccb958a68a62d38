"""nn/train_config.py: TrainConfig, the choices of its settings and the rules the GUI and CLI share."""
import json
import math

import numpy as np
import pytest

from digitlab.nn.files.model_io import load_model, save_model
from digitlab.nn.model.network import ACTIVATIONS, MultiLayerNet
from digitlab.nn.training.optimizers import OPTIMIZER_NAMES, SCHEDULE_NAMES, make_optimizer, make_schedule
from digitlab.nn.training.train_config import (ACTIVATION_NAMES, DTYPES, GRADIENT_METHODS, NUMERICAL_MAX_IMAGES,
                             NUMERICAL_MAX_PARAMS, RANGE_RULES, SCAN_OPTIONS, WEIGHT_INITS,
                             TrainConfig, numerical_gradient_refusal, parse_hidden_sizes,
                             parse_range, parse_weight_init, quoted, weight_count)
from digitlab.nn.training.trainer import build_network, count_params


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
    ("007", (7,)), ("50000", (50_000,)), (",".join(["1"] * 49), (1,) * 49)])
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


# ---- the scan options of nn.augment (SCAN_OPTIONS) ---------------------------------------------

SCAN = dict(augment=True, aspect=(0.6, 1.6), blur_prob=0.2, blur_sigma=(0.5, 1.5),
            lowres_prob=0.25, lowres_side=(6, 14), heavy_prob=0.15)


def test_scan_options_are_off_by_default_and_go_to_augment_batch_by_name():
    import inspect

    from digitlab.nn.data.augment import augment_batch
    defaults = TrainConfig().augment_options()
    signature = inspect.signature(augment_batch).parameters
    assert set(defaults) == set(SCAN_OPTIONS)
    assert defaults == {name: signature[name].default for name in SCAN_OPTIONS}
    assert TrainConfig(**SCAN).augment_options() == {key: SCAN[key] for key in SCAN_OPTIONS}


def test_scan_options_round_trip_through_a_dict_and_json():
    config = TrainConfig(**SCAN)
    d = config.to_dict()
    assert (d["aspect"], d["blur_sigma"], d["lowres_side"]) == ([0.6, 1.6], [0.5, 1.5], [6, 14])
    assert TrainConfig.from_dict(json.loads(json.dumps(d))) == config
    assert TrainConfig(augment=True, aspect=[0.5, 2]).aspect == (0.5, 2)   # a list means the pair


@pytest.mark.parametrize("bad, message", [
    ({"blur_prob": 1.5}, "blur_prob must be a probability in [0, 1]"),
    ({"lowres_prob": -0.1}, "lowres_prob must be a probability in [0, 1]"),
    ({"heavy_prob": math.nan}, "heavy_prob must be a probability in [0, 1]"),
    ({"heavy_prob": True}, "heavy_prob must be a probability in [0, 1]"),
    ({"aspect": (0.0, 1.5)},
     "aspect must be None or two width factors low,high with 0 < low <= high"),
    ({"aspect": (1.6, 0.6)}, "aspect must be None or two width factors"),
    ({"aspect": (0.6, math.inf)}, "aspect must be None or two width factors"),
    ({"aspect": (0.6, 1.0, 1.6)}, "aspect must be None or two width factors"),
    ({"aspect": "0.6,1.6"}, "aspect must be None or two width factors"),
    ({"blur_sigma": (0.0, 1.0)}, "blur_sigma must be two blur sigmas in pixels low,high with "
                                 "0 < low <= high"),
    ({"blur_sigma": (1.5, 0.5)}, "blur_sigma must be two blur sigmas"),
    ({"lowres_side": (3, 14)}, "lowres_side must be two whole numbers of pixels low,high with "
                               "4 <= low <= high <= 27"),
    ({"lowres_side": (6, 28)}, "lowres_side must be two whole numbers of pixels"),
    ({"lowres_side": (14, 6)}, "lowres_side must be two whole numbers of pixels"),
    ({"lowres_side": (6.0, 14.0)}, "lowres_side must be two whole numbers of pixels"),
])
def test_each_bad_scan_option_is_refused_with_its_rule(bad, message):
    with pytest.raises(ValueError) as caught:
        TrainConfig(**{**SCAN, **bad})
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("option", [{"aspect": (0.6, 1.6)}, {"blur_prob": 0.2},
                                    {"lowres_prob": 0.2}, {"heavy_prob": 0.1}])
def test_a_scan_option_that_switches_something_on_needs_augment(option):
    name = next(iter(option))
    with pytest.raises(ValueError, match=f"^augment must be True for the scan options {name} "
                                         r"\(they act on augmented images only\)"):
        TrainConfig(**option)
    assert TrainConfig(augment=True, **option).augment


def test_ranges_alone_switch_nothing_on_and_need_no_augment():
    config = TrainConfig(blur_sigma=(1.0, 2.0), lowres_side=(5, 9))
    assert not config.augment and config.blur_prob == 0 and config.lowres_prob == 0


@pytest.mark.parametrize("name, text, value", [
    ("aspect", "0.6,1.6", (0.6, 1.6)), ("aspect", " 1 , 1 ", (1.0, 1.0)),
    ("blur_sigma", "0.5,1.5", (0.5, 1.5)), ("lowres_side", "6, 14", (6, 14)),
    ("lowres_side", "4,27", (4, 27))])
def test_ranges_that_parse(name, text, value):
    assert parse_range(name, text) == value


@pytest.mark.parametrize("name, text", [
    ("aspect", "0.6"), ("aspect", "0.6,1.6,2"), ("aspect", "1.6,0.6"), ("aspect", "0,1"),
    ("aspect", "a,b"), ("aspect", "nan,1"), ("aspect", ""), ("blur_sigma", "-1,1"),
    ("lowres_side", "6.5,14"), ("lowres_side", "3,14"), ("lowres_side", "6,28"),
    ("lowres_side", "1" * 5000 + ",9")])
def test_ranges_that_are_refused_say_the_rule_and_quote_the_text(name, text):
    with pytest.raises(ValueError) as caught:
        parse_range(name, text)
    assert str(caught.value) == f"expected {RANGE_RULES[name]}, got {quoted(text)}"


def test_a_saved_model_keeps_its_scan_options(tmp_path):
    config = TrainConfig(hidden_sizes=(3,), **SCAN)
    path = tmp_path / "scan.npz"
    save_model(path, build_network(config, np.random.default_rng(0)), {"config": config.to_dict()})
    _, metadata = load_model(path)
    assert TrainConfig.from_dict(metadata["config"]) == config


def test_an_old_model_file_without_scan_options_loads_with_them_off(tmp_path):
    # The config as models saved it before the scan options existed (the shipped model's keys).
    old = {"hidden_sizes": [3], "activation": "relu", "weight_init": "he", "optimizer": "momentum",
           "lr": 0.05, "schedule": "cosine", "batch_size": 100, "epochs": 30, "weight_decay": 0.0,
           "dropout": 0.2, "augment": True, "train_size": None, "drawn_digits": 10000, "seed": 1,
           "gradient": "backprop", "dtype": "float32"}
    path = tmp_path / "old.npz"
    save_model(path, build_network(TrainConfig(hidden_sizes=(3,)), np.random.default_rng(0)),
               {"config": old})
    _, metadata = load_model(path)
    config = TrainConfig.from_dict(metadata["config"])
    assert config.augment and config.augment_options() == TrainConfig().augment_options()
    assert {key: value for key, value in config.to_dict().items() if key in old} == old


@pytest.mark.parametrize("text", ["50001", "1" + "0" * 30, ",".join(["1"] * 50)])
def test_hidden_sizes_beyond_the_bounds_say_the_bounds(text):
    from digitlab.nn.training.train_config import HiddenSizesTooLarge

    with pytest.raises(HiddenSizesTooLarge, match="at most 49 hidden layers of at most 50,000"):
        parse_hidden_sizes(text)


@pytest.mark.parametrize("values, words", [
    ({"epochs": 1_001}, "at most 1,000"), ({"batch_size": 60_001}, "at most 60,000"),
    ({"iterations": 1_000_001}, "at most 1,000,000"), ({"drawn_digits": 200_001}, "200,000"),
    ({"train_size": 60_001}, "60,000"), ({"hidden_sizes": (50_001,)}, "50,000 units")])
def test_every_count_has_a_bound(values, words):
    with pytest.raises(ValueError, match=words):
        TrainConfig(**values)


def test_the_hidden_bounds_are_what_a_model_file_holds():
    from digitlab.nn.files import model_io
    from digitlab.nn.training import train_config

    assert train_config.MAX_HIDDEN_SIZE == model_io.MAX_WIDTH
    assert train_config.MAX_HIDDEN_LAYERS == model_io.MAX_LAYERS - 1


def test_the_window_and_the_command_line_start_from_one_set_of_defaults(qtbot):
    from digitlab.cli.args import build_parser
    from digitlab.cli.train import _train_config
    from digitlab.gui.training.settings import TrainingSettings
    from digitlab.nn.training.train_config import DEFAULTS
    form = TrainingSettings()
    qtbot.addWidget(form)
    window = form.config().to_dict()
    command_line = _train_config(build_parser().parse_args(["train"])).to_dict()
    assert window.pop("train_size") == 60_000 and command_line.pop("train_size") is None   # both: all
    assert window == command_line == {k: v for k, v in DEFAULTS.to_dict().items() if k != "train_size"}
    assert (DEFAULTS.optimizer, DEFAULTS.lr, DEFAULTS.schedule, DEFAULTS.epochs) == ("momentum", 0.15, "cosine", 3)
