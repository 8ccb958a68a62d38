"""gui/training/settings.py: the form, its choices from nn, and the rules it shares with `train`."""
import pytest

from digitlab import cli
from digitlab.cli.args import build_parser
from digitlab.gui.training.settings import TrainingSettings
from digitlab.nn.training.optimizers import OPTIMIZER_NAMES, SCHEDULE_NAMES
from digitlab.nn.training.train_config import (ACTIVATION_NAMES, BOOK_WEIGHT_STD, GRADIENT_METHODS, WEIGHT_INITS,
                             TrainConfig, parse_hidden_sizes)


@pytest.fixture
def settings(qtbot):
    widget = TrainingSettings()
    qtbot.addWidget(widget)
    return widget


def items(combo, data=False):
    return tuple(combo.itemData(i) if data else combo.itemText(i) for i in range(combo.count()))


def test_the_menus_offer_nns_choices(settings):
    assert items(settings.activation_combo) == ACTIVATION_NAMES
    assert items(settings.init_combo) == (*WEIGHT_INITS, BOOK_WEIGHT_STD)
    assert items(settings.optimizer_combo) == OPTIMIZER_NAMES
    assert items(settings.schedule_combo) == SCHEDULE_NAMES
    assert items(settings.gradient_combo, data=True) == GRADIENT_METHODS


def test_config_round_trips_through_the_form(settings):
    config = TrainConfig(hidden_sizes=(64, 32), activation="tanh", weight_init="xavier",
                         optimizer="adam", lr=0.003, schedule="cosine", batch_size=50, epochs=7,
                         weight_decay=0.001, dropout=0.25, augment=True, train_size=1_000, seed=9,
                         gradient="backprop")
    settings.set_config(config)
    assert settings.config() == config and settings.validation_error() is None


@pytest.mark.parametrize("text", ["100", "256,128", " 100 , 50 ", ""])
def test_the_field_and_hidden_take_the_same_sizes(settings, text):
    settings.hidden_edit.setText(text)
    assert settings.validation_error() is None
    args = build_parser().parse_args(["train", "--hidden", text])
    assert settings.config().hidden_sizes == args.hidden == parse_hidden_sizes(text)


@pytest.mark.parametrize("text", ["abc", "100,-5", "100,,50", "100 50", "0", "\u00b2", "1" * 5000])
def test_the_field_and_hidden_refuse_the_same_sizes_in_the_same_words(settings, capsys, text):
    with pytest.raises(ValueError) as caught:
        parse_hidden_sizes(text)
    rule = str(caught.value)                     # "expected positive layer sizes ..., got 'abc'"
    assert cli.main(["train", "--hidden", text]) == 2
    assert f"argument --hidden: {rule} (see 'digitlab train --help')" in capsys.readouterr().err
    settings.hidden_edit.setText(text)
    assert settings.validation_error() == f"Hidden layers: {rule}."


def test_a_network_too_large_for_the_memory_is_refused_before_it_starts(settings):
    settings.hidden_edit.setText("100000,100000")   # 10^10 weights: tens of GB
    error = settings.validation_error()
    assert error.startswith("This network would need ") and "GB of memory" in error
    assert "smaller hidden layers" in error


@pytest.mark.parametrize("hidden, subset, refused", [
    ("10", 1_000, False), ("", 1_000, False), ("100", 1_000, True), ("10", 10_000, True)])
def test_the_numerical_gradient_limits_are_nns(settings, hidden, subset, refused):
    settings.hidden_edit.setText(hidden)
    settings.subset_combo.setCurrentIndex(settings.subset_combo.findData(subset))
    settings.gradient_combo.setCurrentIndex(settings.gradient_combo.findData("numerical"))
    error = settings.validation_error()
    assert (error is not None and "numerical gradient" in error) is refused
    assert "40,000 weights" in settings.gradient_note.text()   # the course's 784-50-10 fits
    assert "1,000 training images" in settings.gradient_note.text()


def test_only_the_learning_rate_stays_editable_while_running(settings):
    settings.set_running(True)
    assert not settings.hidden_edit.isEnabled() and not settings.optimizer_combo.isEnabled()
    assert settings.lr_spin.isEnabled() and settings.lr_slider.isEnabled()
    settings.set_running(False)
    assert settings.hidden_edit.isEnabled()
