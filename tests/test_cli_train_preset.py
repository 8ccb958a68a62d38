"""`digitlab train --preset course` and `--iterations N`: the course's setup from the command line."""
import json

import pytest

from digitlab import cli
from digitlab.cli.args import build_parser
from digitlab.cli.train import _train_config
from digitlab.nn.training.presets import course_config
from test_cli_train import synthetic  # noqa: F401  (fixture)


def config_of(*argv):
    return _train_config(build_parser().parse_args(["train", *argv]))


def test_preset_course_is_the_course_config():
    assert config_of("--preset", "course") == course_config()


def test_typed_flags_override_the_preset_even_when_equal_to_the_usual_default():
    config = config_of("--preset", "course", "--activation", "relu", "--hidden", "100", "--lr", "0.5")
    assert (config.activation, config.hidden_sizes, config.lr) == ("relu", (100,), 0.5)
    assert config.iterations == 10_000 and config.sampling == "choice" and config.dtype == "float64"
    assert config_of("--preset", "course", "--dtype", "float32").dtype == "float32"


def test_epochs_with_the_preset_runs_epochs_and_iterations_wins_over_both():
    assert config_of("--preset", "course", "--epochs", "2").iterations is None
    assert config_of("--preset", "course", "--iterations", "7").iterations == 7
    plain = config_of("--iterations", "5")
    assert plain.iterations == 5 and plain.activation == "relu" and not plain.record_initial


def test_iterations_end_the_run_and_epoch_0_is_reported(capsys, synthetic):  # noqa: F811
    # 200 images, batch 100: 2 steps per epoch; the course's loop records after i = 0 and i = 2
    code = cli.main(["train", "--preset", "course", "--iterations", "3", "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [epoch["epoch"] for epoch in summary["history"]] == [0, 1]
    assert summary["history"][0]["loss"] is not None     # after the first step, as the course
    assert summary["config"]["iterations"] == 3


@pytest.mark.slow
@pytest.mark.mnist
def test_course_preset_ends_near_the_courses_accuracies(capsys, mnist_dir):
    code = cli.main(["train", "--preset", "course", "--json", "--mnist-dir", str(mnist_dir)])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    first, last = summary["history"][0], summary["history"][-1]
    assert first["epoch"] == 0 and 0.05 < first["test_accuracy"] < 0.2   # the course's ~0.10
    assert 0.93 <= summary["train_accuracy"] <= 0.96
    assert 0.93 <= summary["test_accuracy"] <= 0.96
