"""The Training tab driven through its own controls on real MNIST (1k-image runs of a few seconds)."""
import math

import numpy as np
import pytest

from digitlab.gui.training.tab import TrainingTab
from digitlab.gui.training.mnist_cache import MnistCache
from digitlab.nn.training.trainer import Divergence, FinishedEvent, FinishReason, TrainConfig

pytestmark = [pytest.mark.mnist, pytest.mark.slow]   # each test trains for seconds


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


def configure(tab, **changes):
    base = dict(hidden_sizes=(32,), lr=0.1, batch_size=100, epochs=2, train_size=1_000, seed=3)
    base.update(changes)
    tab.settings.set_config(TrainConfig(**base))


def wait_finished(qtbot, tab, timeout=30_000):
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=timeout)
    return tab.last_finished


def test_short_run_fills_the_plots_and_offers_a_working_model(qtbot, tab, mnist_cache):
    configure(tab, epochs=3)
    shown = []
    tab.epoch_shown.connect(lambda *args: shown.append(args))
    assert tab.start()
    event = wait_finished(qtbot, tab)
    assert event.reason == "completed"
    counts = tab.plots.point_counts()
    assert counts["loss"] >= 10 and counts["lr"] == counts["loss"] and counts["epochs"] == 3
    assert [epoch for epoch, _, _ in shown] == [1, 2, 3]
    assert shown[-1][2] == pytest.approx(event.test_accuracy)
    assert tab.progress_bar.value() == tab.progress_bar.maximum()
    assert tab.has_unsaved_model() and tab.use_button.isEnabled()
    with qtbot.waitSignal(tab.model_trained, timeout=1000) as blocker:
        tab.use_button.click()
    network, metadata = blocker.args
    (_, _), (x_test, t_test) = mnist_cache.get()
    accuracy = network.accuracy(x_test[:2000], t_test[:2000])
    assert accuracy > 0.7                        # 3 epochs on 1k images: ~85%
    assert network is not tab.model
    assert metadata["training"]["train_size"] == 1_000
    assert tab.evaluation_panel.evaluation.accuracy == pytest.approx(network.accuracy(x_test, t_test))


def test_live_model_snapshots_arrive_while_training(qtbot, tab):
    configure(tab, epochs=3)
    with qtbot.waitSignal(tab.live_model, timeout=20_000) as blocker:
        tab.start()
    snapshot = blocker.args[0]
    assert snapshot.probabilities(np.zeros((1, 784), dtype=np.float32)).shape == (1, 10)
    wait_finished(qtbot, tab)


def test_pause_step_resume_stop_and_lr_change(qtbot, tab):
    configure(tab, epochs=50, batch_size=10)
    tab.start()
    qtbot.waitUntil(lambda: tab.plots.point_counts()["loss"] >= 3, timeout=20_000)
    tab.pause_button.click()
    assert tab.state == "paused" and tab.pause_button.text() == "Resume"
    qtbot.wait(300)                              # let the in-flight iteration land
    before = tab.plots.point_counts()["loss"]
    qtbot.wait(300)
    assert tab.plots.point_counts()["loss"] == before
    tab.settings.set_lr(0.0123)
    tab.step_button.click()
    qtbot.waitUntil(lambda: tab.plots.point_counts()["loss"] == before + 1, timeout=5000)
    assert tab.plots._lr.data()[1][-1] == pytest.approx(0.0123)
    tab.pause_button.click()
    assert tab.state == "running"
    qtbot.waitUntil(lambda: tab.plots.point_counts()["loss"] > before + 5, timeout=10_000)
    tab.stop_button.click()
    event = wait_finished(qtbot, tab)
    assert event.reason == "stopped" and tab.model is not None


def test_divergence_shows_a_message_and_one_click_recovery(qtbot, tab):
    configure(tab, lr=10.0, epochs=5)
    tab.start()
    event = wait_finished(qtbot, tab)
    assert event.reason == "diverged"
    assert not tab.banner.isHidden()
    assert "learning rate" in tab.banner_label.text()
    assert tab.model is None and not tab.has_unsaved_model() and not tab.use_button.isEnabled()
    assert tab.maybe_save() is True
    tab.recover_button.click()
    assert tab.settings.lr() == pytest.approx(0.1)
    assert tab.banner.isHidden() and tab.state == "idle" and tab.plots.point_counts()["loss"] == 0


def test_a_weight_decay_divergence_is_recovered_by_lowering_the_weight_decay(qtbot, tab):
    # the form's limits (lr <= 10, weight decay <= 0.1) keep lr x decay under 2, where the decay
    # alone cannot blow the weights up: the run's end is given as the trainer reports it
    tab.settings.set_lr(0.5)
    divergence = Divergence.of_loss(math.inf, 3, 50.0, 904.0, weight_decay=30.0, penalty=902.0)
    tab.last_finished = FinishedEvent(FinishReason.DIVERGED, divergence.message(), 0, None, divergence)
    tab.controls.show_divergence(divergence)
    assert "weight decay" in tab.banner_label.text()
    tab.recover_button.click()
    assert tab.settings.config().weight_decay == pytest.approx(0.1)
    assert tab.settings.lr() == pytest.approx(0.5)           # the learning rate was not to blame
    assert "Weight decay lowered to 0.1" in tab.progress_label.text()


def test_save_clears_the_unsaved_flag(qtbot, tab, tmp_path):
    configure(tab, epochs=1)
    tab.start()
    wait_finished(qtbot, tab)
    assert tab.has_unsaved_model()
    path = tmp_path / "model.npz"
    assert tab.save(path)
    assert path.exists() and not tab.has_unsaved_model() and tab.maybe_save() is True
    from digitlab.nn.files.model_io import load_model
    network, _ = load_model(path)
    np.testing.assert_array_equal(network.params["W1"], tab.model.params["W1"])


def test_misclassified_gallery_emits_the_image(qtbot, tab, mnist_cache):
    configure(tab, epochs=1)
    tab.start()
    wait_finished(qtbot, tab)
    gallery = tab.evaluation_panel.gallery
    assert gallery.count() > 0
    with qtbot.waitSignal(tab.image_chosen, timeout=1000) as blocker:
        gallery.itemClicked.emit(gallery.item(0))
    image = blocker.args[0]
    index = tab.evaluation_panel.evaluation.wrong[0]
    (_, _), (x_test, _) = mnist_cache.get()
    assert image.shape == (28, 28)
    np.testing.assert_array_equal(image.ravel(), x_test[index])


def test_numerical_gradient_is_refused_for_big_networks_and_timed_for_tiny_ones(qtbot, tab):
    configure(tab, hidden_sizes=(64,), gradient="numerical")   # 50,890 weights: over the limit
    assert not tab.start() and "numerical" in tab.progress_label.text().lower()
    configure(tab, hidden_sizes=(), gradient="numerical", batch_size=10, epochs=1)
    tab.step_button.click()                      # starts paused and runs one iteration
    qtbot.waitUntil(lambda: "slower" in tab.speed_label.text(), timeout=30_000)
    tab.stop_button.click()
    wait_finished(qtbot, tab)
