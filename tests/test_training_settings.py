"""gui/training/settings.py: the form, its choices from nn, and the rules it shares with `train`."""
import pytest
from PySide6.QtCore import Qt

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
    settings.hidden_edit.setText("50000,50000,50000")   # 5 x 10^9 weights: tens of GB
    error = settings.validation_error()
    assert error.startswith("This network would need ") and "GB of memory" in error
    assert "smaller hidden layers" in error


@pytest.mark.parametrize("hidden", ["100000,100000", ",".join(["10"] * 50), "1" + "0" * 40])
def test_hidden_layers_beyond_the_bounds_say_the_bounds(settings, hidden):
    settings.hidden_edit.setText(hidden)
    assert settings.validation_error() == ("Hidden layers: at most 49 layers of at most 50,000 "
                                           "neurons each.")


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


def choose_network(settings, qtbot, kind):
    """As the user does: the Network combo focused, arrow keys to the kind."""
    combo = settings.network_combo
    combo.setFocus()
    key = Qt.Key.Key_Down if kind == "conv" else Qt.Key.Key_Up
    qtbot.keyClick(combo, key)
    assert combo.currentData() == kind


def test_choosing_the_convolutional_network_takes_its_own_defaults(settings, qtbot):
    from digitlab.nn.training.train_config import CONV_HIDDEN_SIZES, CONV_STAGES, DEFAULTS
    settings.show()
    qtbot.waitExposed(settings)
    assert settings.config().model_kind == "mlp" and not settings.conv_edit.isEnabled()
    choose_network(settings, qtbot, "conv")
    config = settings.config()
    assert config.model_kind == "conv" and config.conv == CONV_STAGES
    assert config.hidden_sizes == CONV_HIDDEN_SIZES
    assert (config.optimizer, config.lr, config.activation) == ("momentum", 0.05, "relu")
    assert settings.conv_edit.isEnabled() and not settings.activation_combo.isEnabled()
    settings.conv_edit.setText("8x3, 16x5")
    assert settings.config().conv == ((8, 3, 1), (16, 5, 2))
    assert settings.validation_error() is None
    restored = TrainingSettings()
    qtbot.addWidget(restored)
    restored.apply_settings_state(settings.settings_state())     # remembered between sessions
    assert restored.config() == settings.config() and restored.conv_edit.isEnabled()
    choose_network(settings, qtbot, "mlp")
    config = settings.config()
    assert (config.model_kind, config.hidden_sizes, config.lr) == ("mlp", DEFAULTS.hidden_sizes,
                                                                   DEFAULTS.lr)
    assert settings.activation_combo.isEnabled() and not settings.conv_edit.isEnabled()


@pytest.mark.parametrize("text, words", [("16x5, banana", "FILTERSxSIZE"),
                                         ("8x3, 8x3, 8x3, 8x3, 8x3, 8x3", "shrink")])
def test_bad_conv_stages_are_refused_in_one_line(settings, qtbot, text, words):
    choose_network(settings, qtbot, "conv")
    settings.conv_edit.setText(text)
    error = settings.validation_error()
    assert error.startswith("Conv stages:") and words in error and "\n" not in error


def test_the_time_estimate_is_measured_before_start(settings, qtbot):
    settings.show()
    qtbot.waitExposed(settings)
    choose_network(settings, qtbot, "conv")
    settings.conv_edit.setText("2x3")
    settings.hidden_edit.setText("8")
    settings.subset_combo.setCurrentIndex(settings.subset_combo.findData(1_000))
    assert "measuring" in settings.estimate_label.text()
    qtbot.waitUntil(lambda: settings.estimate_seconds is not None, timeout=20_000)
    minutes = max(1, round(settings.estimate_seconds / 60))
    assert settings.estimate_label.text() == f"about {minutes} min here"
    settings.epochs_spin.setValue(settings.epochs_spin.value() + 1)      # measured anew
    assert settings.estimate_seconds is None and "measuring" in settings.estimate_label.text()
    settings.shutdown()
