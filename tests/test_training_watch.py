"""The Training tab's watching panels (issue 22) on a synthetic stand-in for MNIST: the Data panel,
the Health panel fed by a run, hint cards whose Apply changes the settings, the range test's
"Use this rate", and the "How sure, how sturdy" panel with its corruption click and threshold."""
import dataclasses

import numpy as np
import pytest

from digitlab.gui.training.data_panel import DataPanel, digit_grid
from digitlab.gui.training.health_panel import HealthPanel
from digitlab.gui.training.hints import HintList, hint_seen, hint_why
from digitlab.gui.training.tab import TrainingTab
from digitlab.nn.data.stats import class_counts
from digitlab.nn.training.hints import Hint, HintKind
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.training.trainer import TrainConfig


def _ten_digit_data(n_train=300, n_test=100, seed=0):
    rng = np.random.default_rng(seed)

    def make(n):
        t = rng.integers(0, 10, n)
        x = rng.random((n, 784), dtype=np.float32) * 0.1
        for digit in range(10):
            x[t == digit, digit * 78:(digit + 1) * 78] += 0.9
        return x, t.astype(np.int64)
    return make(n_train), make(n_test)


@pytest.fixture
def tab(qtbot):
    from digitlab.gui.training.mnist_cache import MnistCache

    widget = TrainingTab(data=MnistCache(data=_ten_digit_data()))
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def test_a_corrupted_digit_goes_to_the_draw_tab(shown_window, qtbot):
    window = shown_window
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.training_tab is not None)
    image = np.zeros((28, 28), np.float32)
    image[4:24, 12:16] = 1.0
    window.training_tab.corrupted_chosen.emit(image, "fog")
    assert window.tabs.currentWidget() is window.draw_page
    drawn = window.draw_tab.canvas.to_array(28)
    assert drawn is not None and drawn[4:24, 12:16].mean() > 0.5 and drawn[:, :8].max() < 0.1


def test_data_panel_shows_the_counts_of_both_sets_and_pages(qtbot):
    from digitlab.gui.training.mnist_cache import MnistCache

    data = _ten_digit_data()
    personal = (data[0][0][:20], data[0][1][:20]), (data[1][0][:5], data[1][1][:5])
    panel = DataPanel(MnistCache(data=data), personal=lambda: personal)   # reads the name when called
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: "mnist" in panel.summaries, timeout=10_000)
    train, test = panel.summaries["mnist"]
    assert train.counts.tolist() == class_counts(data[0][1]).tolist()
    assert test.counts.tolist() == class_counts(data[1][1]).tolist()
    assert panel.train_bars.opts["height"].tolist() == train.counts.tolist()
    assert str(int(train.counts[0])) in panel.status.text()
    panel.next_button.click()
    assert panel.page == 1 and panel.previous_button.isEnabled()
    panel.source_choice.setCurrentIndex(panel.source_choice.findData("personal"))
    assert panel.page == 0
    assert panel.train_bars.opts["height"].sum() == 20 and panel.test_bars.opts["height"].sum() == 5
    # the personal set grew while the panel was hidden: shown again, it counts again
    personal = (data[0][0][:30], data[0][1][:30]), personal[1]
    panel.hide()
    panel.show()
    qtbot.waitUntil(lambda: panel.train_bars.opts["height"].sum() == 30, timeout=10_000)


def test_data_panel_without_mnist_says_how_to_get_it(qtbot, monkeypatch, tmp_path):
    from digitlab.gui.training.mnist_cache import MnistCache

    monkeypatch.delenv("DIGITLAB_MNIST_DIR", raising=False)
    monkeypatch.setattr("digitlab.nn.data.mnist.default_cache_dir", lambda: tmp_path / "none")
    empty = (np.zeros((0, 784), np.float32), np.zeros(0, np.int64))
    panel = DataPanel(MnistCache(tmp_path / "none"), personal=lambda: (empty, empty))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: "personal" in panel.summaries, timeout=10_000)
    assert "mnist" not in panel.summaries and "press Start" in panel.status.text()
    panel.source_choice.setCurrentIndex(panel.source_choice.findData("personal"))
    assert panel.summaries["personal"][0].total == 0 and "0 training images" in panel.status.text()


def test_digit_grid_puts_each_digit_in_its_column():
    images = [np.zeros((1, 784)), np.ones((2, 784))]
    grid = digit_grid(images, rows=2)
    assert grid.shape == (58, 58)
    assert grid[:28, :28].min() == 255 and grid[:28, 29:57].max() == 0   # ink is dark
    assert grid[29:57, :28].min() == 255                                  # no second image of column 0


def test_a_run_feeds_the_health_panel(qtbot, tab):
    tab.show()
    tab.views.setCurrentIndex(3)
    assert tab.health_panel.isVisible()
    tab.settings.set_config(TrainConfig(hidden_sizes=(16,), lr=0.1, batch_size=10, epochs=3, train_size=1_000))
    assert tab.start()
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=30_000)
    latest = tab.health_panel.latest
    assert latest is not None and latest.iteration >= 25
    assert [tab.health_panel.layer_choice.itemText(i) for i in range(2)] == ["W1", "W2"]
    x, y = tab.health_panel.now_curve.getData()
    assert y.sum() == 784 * 16
    assert "W1" in tab.health_panel.summary.text()
    tab.health_panel.layer_choice.setCurrentIndex(1)
    assert tab.health_panel.summary.text().startswith("W2")


def test_a_diverging_run_shows_a_hint_whose_apply_lowers_the_rate(qtbot, tab):
    tab.settings.set_config(TrainConfig(hidden_sizes=(16,), lr=10.0, optimizer="sgd", batch_size=10,
                                        epochs=1, train_size=1_000, weight_init="xavier"))
    tab.settings.set_lr(10.0)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=30_000)
    card = tab.hint_list.card(HintKind.DIVERGING)
    assert card is not None and "10" in card.seen.text()
    assert not card.why.isVisibleTo(card)
    card.why_button.click()
    assert card.why.isVisibleTo(card) and "learning rate" in card.why.text()
    card.apply_button.click()
    assert tab.settings.config().lr < 1.0


def test_apply_of_a_saturation_hint_takes_xavier(qtbot):
    hints = HintList()
    qtbot.addWidget(hints)
    hint = Hint(HintKind.SATURATED, {"share": 0.8, "iteration": 50}, {"weight_init": "xavier"})
    card = hints.add_hint(hint)
    assert "80%" in card.seen.text() and "xavier" in card.apply_button.text()
    with qtbot.waitSignal(hints.apply_requested) as blocker:
        card.apply_button.click()
    assert blocker.args[0] is hint and not card.apply_button.isEnabled()
    hints.clear()
    assert hints.cards == [] and hints.card(HintKind.SATURATED) is None


@pytest.mark.parametrize("kind", list(HintKind))
def test_every_hint_kind_has_words(kind):
    numbers = {"loss": 1e3, "iteration": 5, "lr": 1.0, "iterations": 300, "drop": 0.01, "loss_start": 2.3,
               "loss_now": 2.29, "epoch": 3, "train": 0.99, "test": 0.9, "gap": 0.09, "share": 0.5,
               "ratio": 20.0, "suggested": 0.05}
    hint = Hint(kind, numbers, {})
    assert hint_seen(hint) and len(hint_why(hint)) > 100


def test_use_this_rate_puts_the_suggestion_into_the_settings(qtbot, tab):
    tab.settings.set_config(TrainConfig(hidden_sizes=(16,), lr=0.01))
    with qtbot.waitSignal(tab.lr_finder.suggested, timeout=30_000) as blocker:
        assert tab.lr_finder.find()
    suggested = blocker.args[0]
    config = tab.settings.config()
    assert tab.suggested_lr(config) == suggested == tab.lr_finder.result.suggested
    assert tab.suggested_lr(dataclasses.replace(config, lr=0.5)) == suggested      # the rate may differ
    assert tab.suggested_lr(dataclasses.replace(config, optimizer="adam")) is None  # not for another optimizer
    assert len(tab.lr_finder.smooth_curve.getData()[0]) == len(tab.lr_finder.result.lrs)
    tab.lr_finder.use_button.click()
    assert tab.settings.config().lr == pytest.approx(suggested, rel=0.15)   # the form's rate steps


def test_health_panel_keeps_its_history_bounded_and_draws_when_shown(qtbot):
    from digitlab.gui.training import health_panel
    from digitlab.nn.training.diagnostics import HealthEvent, LayerHealth

    panel = HealthPanel()
    qtbot.addWidget(panel)
    layer = LayerHealth("W1", 1.0, 2.0, 1e-3, np.ones(3), np.ones(3), np.linspace(-1, 1, 4), 0.25)
    for i in range(health_panel.HISTORY + 1):
        panel.show_health(HealthEvent(i + 1, (layer,)))
    assert len(panel._history["W1"]) <= health_panel.HISTORY
    assert panel.share_curve.getData()[0] is None or len(panel.share_curve.getData()[0]) == 0   # hidden
    panel.show()
    x, y = panel.share_curve.getData()
    assert len(x) == len(panel._history["W1"]) and np.all(y == 25.0)


def test_sturdy_panel_measures_two_models_and_a_click_loads_a_corrupted_digit(qtbot, tab):
    rng = np.random.default_rng(0)
    first = MultiLayerNet(784, (16,), 10, rng=rng)
    second = MultiLayerNet(784, (8,), 10, rng=rng)
    panel = tab.robustness_panel
    panel.set_model(first, "first")
    panel.set_second_model(second, "second")
    assert panel.start()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
    (_, _), (x, t) = tab.data.get()
    result = panel.result
    for m, network in enumerate((first, second)):
        clean = network.accuracy(x, t)
        assert result.table.clean[m] == clean
        for curve in result.curves[m].values():
            assert curve.accuracy[curve.levels.index(0.0)] == clean
        assert result.coverage[m].at(0.0) == (1.0, pytest.approx(clean))
    assert panel.table.rowCount() >= 10
    assert panel.table.horizontalHeaderItem(2).text().startswith("first")
    assert panel.table.item(0, 1).text() == "shot noise"
    with qtbot.waitSignal(tab.corrupted_chosen) as blocker:
        panel.table.cellClicked.emit(3, 0)
    np.testing.assert_array_equal(blocker.args[0].ravel(), result.table.examples[3])
    assert blocker.args[1] == "motion blur"
    with qtbot.waitSignal(tab.not_sure_changed) as blocker:
        panel.set_threshold(0.7)
    assert blocker.args[0] == 0.7 and "0.70" in panel.summary.text()


def test_a_new_hint_card_leaves_the_keyboard_focus_where_it_was(shown_window, qtbot):
    from PySide6.QtWidgets import QApplication

    window = shown_window
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.training_tab is not None)
    tab = window.training_tab
    tab.reset_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.instance().focusWidget() is tab.reset_button)
    tab.hint_list.add_hint(Hint(HintKind.DEAD_RELU, {"share": 0.5, "iteration": 3}, {"lr": 0.1}))
    qtbot.wait(20)
    assert QApplication.instance().focusWidget() is tab.reset_button
