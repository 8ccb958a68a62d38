"""The course on the Training tab: Course setup, iterations and epoch 0, Export this experiment (the
script's first-epoch loss is the tab's), the numerical gradient's cost, the training-loop listing."""
import re
import threading

import numpy as np
import pytest

from digitlab.gui.training.course_tools import CourseTools
from digitlab.gui.training.mnist_cache import MnistCache
from digitlab.gui.training.settings import TrainingSettings
from digitlab.gui.training.tab import TrainingTab
from digitlab.nn.numerical import cost as numerical_cost
from digitlab.nn.training.presets import course_config
from digitlab.nn.training.trainer import TrainConfig
from synthetic_digits import synthetic_cache
from test_export import run_script

TINY = TrainConfig(hidden_sizes=(20,), activation="sigmoid", weight_init="xavier", lr=0.05,
                   batch_size=50, epochs=1, train_size=1_000, seed=11)


@pytest.fixture
def tools(qtbot):
    settings = TrainingSettings()
    widget = CourseTools(settings, synthetic_cache())
    qtbot.addWidget(settings)
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def test_course_setup_fills_the_form_with_the_courses_run(tools):
    tools.course_button.click()
    config, course = tools._settings.config(), course_config()
    for name in ("hidden_sizes", "activation", "weight_init", "optimizer", "lr", "schedule",
                 "batch_size", "iterations", "record_initial", "dtype", "gradient", "sampling",
                 "train_accuracy_size"):
        assert getattr(config, name) == getattr(course, name), name
    assert config.train_size in (None, 60_000)
    assert tools._settings.iterations_spin.value() == 10_000
    assert tools._settings.all_train_check.isChecked()
    assert tools._settings.sampling_combo.currentData() == "choice"


def test_iterations_off_means_whole_epochs(tools):
    tools._settings.set_config(TINY)
    assert tools._settings.config().iterations is None
    tools._settings.iterations_spin.setValue(7)
    assert tools._settings.config().iterations == 7


def test_numerical_timing_shows_both_speeds_and_the_projection(qtbot, tools):
    tools._settings.set_config(TrainConfig(hidden_sizes=(10,), batch_size=20))
    assert tools.time_numerical()
    assert tools.cancel_button.isEnabled() and not tools.numerical_button.isEnabled()
    with qtbot.waitSignal(tools.timed, timeout=60_000) as done:
        pass
    timing = done.args[0]
    assert timing.params == 784 * 10 + 10 + 10 * 10 + 10 and timing.batch_size == 20
    assert tools.numerical_bar.value() == timing.params == tools.numerical_bar.maximum()
    text = tools.numerical_label.text()
    assert f"{timing.numerical_seconds:.1f} s" in text and f"{timing.backprop_seconds:.4f} s" in text
    value, unit = numerical_cost.in_units(timing.projected()[0])
    assert f"10,000 iterations would take about {value:.1f} {unit}" in text
    assert tools.numerical_button.isEnabled() and not tools.cancel_button.isEnabled()


def test_the_courses_network_is_allowed_and_cancel_stops_it(qtbot, tools, monkeypatch):
    tools.course_button.click()                      # 39,760 weights: the course's TwoLayerNet
    started = threading.Event()
    real = numerical_cost.numerical_gradients

    def slow_start(network, x, t, progress=None, cancel=None):
        started.set()
        return real(network, x, t, progress, cancel)
    monkeypatch.setattr(numerical_cost, "numerical_gradients", slow_start)
    assert tools.time_numerical()
    assert tools.numerical_bar.maximum() == 39_760
    qtbot.waitUntil(lambda: tools.numerical_bar.value() > 0, timeout=10_000)
    with qtbot.waitSignal(tools.timed, timeout=10_000) as done:
        tools.cancel_button.click()
    assert done.args[0] is None and started.is_set()
    assert re.search(r"Cancelled after [\d,]+ of 39,760 parameters", tools.numerical_label.text())


def test_a_network_over_the_limit_is_refused_in_one_sentence(tools):
    tools._settings.set_config(TrainConfig(hidden_sizes=(100,)))
    assert not tools.time_numerical()
    assert "79,510 weights" in tools.numerical_label.text() and tools._thread is None


def test_export_to_an_unwritable_place_says_so(tools, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("digitlab.gui.training.course_tools.show_error", lambda *args, **kw: shown.append(args))
    assert tools.export(tmp_path / "missing" / "x.py") is None
    assert shown and "could not be written" in shown[0][2]


# ---- on real MNIST: the tab's run -------------------------------------------------------------

@pytest.fixture(scope="module")
def mnist_cache(mnist_dir):
    cache = MnistCache(mnist_dir)
    cache.get()
    return cache


@pytest.fixture
def tab(qtbot, mnist_cache):
    widget = TrainingTab(data=mnist_cache)
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def run_tab(qtbot, tab, config):
    """Run config on the tab to the end; the loss of every iteration, as the tab received them."""
    losses = []
    real = tab.plots.add_iterations
    tab.plots.add_iterations = lambda iterations, values, lrs: (losses.extend(values),
                                                                real(iterations, values, lrs))
    tab.settings.set_config(config)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=60_000)
    return losses


@pytest.mark.mnist
@pytest.mark.slow
def test_an_exported_experiment_gives_the_tabs_first_epoch_loss(qtbot, tab, tmp_path, mnist_dir):
    losses = run_tab(qtbot, tab, TINY)
    script = tab.course_tools.export(tmp_path / "experiment.py")
    result = run_script(script, "--mnist-dir", mnist_dir)
    assert result.returncode == 0, result.stderr
    shown = re.match(r"epoch 1: loss (\S+) ", result.stdout.splitlines()[0]).group(1)
    assert float(shown) == float(np.mean(losses))


@pytest.mark.mnist
@pytest.mark.slow
def test_iterations_and_epoch_0_reach_the_plot_and_the_loop_listing(qtbot, tab):
    config = TrainConfig(hidden_sizes=(50,), activation="sigmoid", weight_init="0.01", lr=0.1,
                         batch_size=100, train_size=1_000, iterations=25, record_initial=True)
    shown = []
    real = tab.controls.show_progress
    tab.controls.show_progress = lambda p, seconds: (shown.append(p.epochs_total), real(p, seconds))
    losses = run_tab(qtbot, tab, config)
    assert len(losses) == 25
    assert set(shown) == {3}                         # "Epoch 2/3", not the form's 1 epoch
    epochs = [epoch for epoch, _, _ in tab.plots._epochs]
    assert epochs == [0, 1, 2, 3]                    # 10 steps an epoch: 25 end in epoch 3
    assert 0.05 < tab.plots._epochs[0][2] < 0.2      # before training: about one in ten
    values = tab.loop_listing.values()
    assert values["iters_num"] == 25 and values["i"] == 24 and values["loss"] == losses[-1]
    assert values["test_acc_list"] == [test for _, _, test in tab.plots._epochs]
    assert tab.loop_listing.value_text("i") == "24"
