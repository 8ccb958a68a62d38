"""MainWindow: builds, shows every tab, passes the Training tab's models to the Draw tab."""
import time

import numpy as np
import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QFileDialog, QMessageBox

from digitlab import resources
from digitlab.gui.draw.tab import DrawTab
from digitlab.gui.gradient.tab import GradientTab
from digitlab.gui.inside.tab import InsideTab
from digitlab.gui.lazy_tab import LazyTab
from digitlab.gui.main_window import MainWindow
from digitlab.gui.training.tab import TrainingTab
from digitlab.nn.data.mnist import read_idx
from digitlab.nn.files.model_io import load_any, load_model
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.training.trainer import TrainConfig
from synthetic_digits import synthetic_cache


def test_smoke_show_every_tab_and_close(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.training_page.widget is None          # built only when first shown
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
    assert [window.tabs.tabText(i) for i in range(4)] == ["Draw", "Training", "Gradient descent", "Inside"]
    assert window.tabs.widget(0) is window.draw_page and window.draw_page.widget is window.draw_tab
    # the real tabs, not a placeholder ("not installed" or an import error)
    for page, kind in ((window.training_page, TrainingTab), (window.gradient_page, GradientTab),
                       (window.inside_page, InsideTab)):
        assert isinstance(page, LazyTab) and page.error is None
        assert isinstance(page.widget, kind) and page.layout().itemAt(0).widget() is page.widget
    assert window.training_tab is window.training_page.widget
    assert window.close()


def test_status_bar_names_the_model(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    net = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(0))
    window.draw_tab.set_model(net, "mine", 0.953)
    assert window.model_label.text() == "Model: mine (test accuracy 95.3%)"
    assert window.windowTitle() == "DigitLab — mine (test accuracy 95.3%)"


def test_the_shipped_model_is_named_with_its_test_accuracy(qtbot):
    path = resources.path(*resources.DEFAULT_MODEL)
    if not path.exists():
        pytest.skip(f"the shipped model {path} is not there yet")
    _, metadata = load_any(path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.draw_tab.load_default_model()
    expected = f"default model (test accuracy {metadata['test_accuracy']:.1%})"
    assert window.model_label.text() == f"Model: {expected}"
    assert window.windowTitle() == f"DigitLab — {expected}"


def build_training_tab(window):
    window.tabs.setCurrentWidget(window.training_page)
    training = window.training_tab
    assert isinstance(training, TrainingTab), window.training_page.error
    return training


def test_training_models_go_to_the_draw_tab(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    training = build_training_tab(window)
    live = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(1))
    training.live_model.emit(live)
    combo = window.draw_tab.model_choice.combo
    assert combo.findData("Training (live)") >= 0
    assert window.draw_tab.network is not live          # offered, not forced on the user
    finished = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(2))
    with qtbot.waitSignal(window.draw_tab.prediction_updated):
        training.model_trained.emit(finished, {"test_accuracy": 0.9})   # "Use this model"
    assert window.draw_tab.network is finished
    assert window.tabs.currentWidget() is window.draw_page
    assert combo.currentText() == "Trained just now (90.0%)"
    assert window.model_label.text() == "Model: Trained just now (test accuracy 90.0%)"


def first_test_image(mnist_dir):
    images = read_idx(mnist_dir / "t10k-images-idx3-ubyte.gz")
    return images[0].astype(np.float32) / 255.0, int(read_idx(mnist_dir / "t10k-labels-idx1-ubyte.gz")[0])


def test_a_chosen_test_image_is_read_in_the_draw_tab(qtbot, mnist_dir):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    training = build_training_tab(window)
    net = MultiLayerNet(hidden_sizes=(16,), rng=np.random.default_rng(3))
    window.draw_tab.set_model(net, "mine", None)
    image, _ = first_test_image(mnist_dir)
    with qtbot.waitSignal(window.draw_tab.prediction_updated) as updated:
        training.image_chosen.emit(image)
    assert window.tabs.currentWidget() is window.draw_page
    canvas = window.draw_tab.canvas
    assert canvas.stroke_count() == 0 and not canvas.is_empty()
    np.testing.assert_allclose(canvas.to_array(), image, atol=1e-6)   # the opened-image path
    x = preprocess(image).reshape(1, 784)                              # independent oracle
    np.testing.assert_allclose(updated.args[0], net.probabilities(x)[0], rtol=1e-5)
    assert window.draw_tab.bars.digit_label.text() == str(int(np.argmax(updated.args[0])))
    assert "misclassified" in window.statusBar().currentMessage()


def test_a_chosen_image_is_answered_by_the_model_that_got_it_wrong(qtbot, mnist_dir, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    training = build_training_tab(window)
    window.draw_tab.set_model(MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(4)),
                              "other", None)
    trained = MultiLayerNet(hidden_sizes=(16,), rng=np.random.default_rng(5))
    monkeypatch.setattr(training, "model", trained)
    monkeypatch.setattr(training, "metadata", {"test_accuracy": 0.5})
    image, _ = first_test_image(mnist_dir)
    training.image_chosen.emit(image)
    tab = window.draw_tab
    qtbot.waitUntil(lambda: tab.is_settled(), timeout=2000)
    used = window.draw_tab.network
    assert used is not trained                          # a copy: training may go on
    np.testing.assert_array_equal(used.params["W1"], trained.params["W1"])
    assert window.model_label.text() == "Model: Trained just now (test accuracy 50.0%)"
    x = preprocess(image).reshape(1, 784)
    np.testing.assert_allclose(window.draw_tab.bars.probabilities, trained.probabilities(x)[0],
                               rtol=1e-5)


def test_close_asks_the_training_tab_then_shuts_it_down(qtbot, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    training = build_training_tab(window)
    calls = []
    answers = [False, True]
    monkeypatch.setattr(training, "maybe_save", lambda: calls.append("ask") or answers.pop(0))
    monkeypatch.setattr(training, "shutdown", lambda: calls.append("shutdown"))
    assert not window.close()                           # the user cancelled
    assert window.isVisible() and calls == ["ask"]
    assert window.close()
    assert not window.isVisible() and calls == ["ask", "ask", "shutdown"]


def test_close_without_a_training_tab_just_closes(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.close() and window.training_tab is None


@pytest.mark.mnist
@pytest.mark.slow
def test_close_stops_a_running_training_and_asks_about_an_unsaved_model(qtbot, mnist_dir,
                                                                         monkeypatch):
    monkeypatch.setenv("DIGITLAB_MNIST_DIR", str(mnist_dir))
    from digitlab.gui.training import tab as training_tab
    from digitlab.nn.training.trainer import TrainConfig
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    training = build_training_tab(window)
    training.settings.set_config(TrainConfig(hidden_sizes=(16,), epochs=1, train_size=500, seed=4))
    assert training.start()
    qtbot.waitUntil(lambda: training.state == "finished", timeout=30_000)
    assert training.has_unsaved_model()
    asked = []
    answer = training_tab.QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(training_tab.QMessageBox, "question",
                        staticmethod(lambda *args: asked.append(args) or answer))
    assert not window.close() and window.isVisible() and len(asked) == 1
    training.settings.set_config(TrainConfig(hidden_sizes=(16,), epochs=500, train_size=500, seed=4))
    assert training.start()
    qtbot.waitUntil(lambda: training.state == "running", timeout=30_000)
    threads = training.findChildren(QThread)
    answer = training_tab.QMessageBox.StandardButton.Discard
    started = time.perf_counter()
    assert window.close() and not window.isVisible()
    assert time.perf_counter() - started < 1.0
    assert len(asked) == 2 and threads and not any(thread.isRunning() for thread in threads)


def window_training(qtbot, monkeypatch, answer):
    """A shown window whose Training tab trains on synthetic data; closing it answers `answer`."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    training = build_training_tab(window)
    training.data = synthetic_cache()
    # 200 images one at a time for 200 epochs: far longer than any test
    training.settings.set_config(TrainConfig(hidden_sizes=(16,), batch_size=1, epochs=200, seed=4))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *args: asked.append(args) or answer))
    assert training.start()
    qtbot.waitUntil(lambda: training.state == "running", timeout=10_000)
    return window, training, asked


def close_timed(window):
    started = time.perf_counter()
    closed = window.close()
    return closed, time.perf_counter() - started


def test_closing_mid_run_asks_and_cancel_keeps_training(qtbot, monkeypatch):
    window, training, asked = window_training(qtbot, monkeypatch, QMessageBox.StandardButton.Cancel)
    closed, _ = close_timed(window)
    assert not closed and window.isVisible() and len(asked) == 1
    assert "running" in asked[0][2]
    qtbot.wait(100)
    assert training.state == "running"
    training.stop_button.click()
    qtbot.waitUntil(lambda: training.state == "finished", timeout=10_000)


def test_closing_mid_run_and_discarding_stops_the_worker_within_a_second(qtbot, monkeypatch):
    window, training, asked = window_training(qtbot, monkeypatch, QMessageBox.StandardButton.Discard)
    threads = training.findChildren(QThread)
    closed, seconds = close_timed(window)
    assert closed and not window.isVisible() and len(asked) == 1
    assert seconds < 1.0
    assert threads and not any(thread.isRunning() for thread in threads)


def test_closing_mid_run_and_saving_keeps_the_network(qtbot, monkeypatch, tmp_path):
    window, training, asked = window_training(qtbot, monkeypatch, QMessageBox.StandardButton.Save)
    path = tmp_path / "closing.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(path), "")))
    threads = training.findChildren(QThread)
    closed, seconds = close_timed(window)
    assert closed and len(asked) == 1
    assert seconds < 1.0
    assert not any(thread.isRunning() for thread in threads)
    network, metadata = load_model(path)
    np.testing.assert_array_equal(network.params["W1"], training.model.params["W1"])
    assert metadata["finished"] == "stopped" and not training.has_unsaved_model()
    assert metadata["test_accuracy"] == training.last_finished.test_accuracy   # the last epoch's, as the CLI


def test_closing_mid_run_with_a_cancelled_save_keeps_the_window_and_the_model(qtbot, monkeypatch):
    window, training, asked = window_training(qtbot, monkeypatch, QMessageBox.StandardButton.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    closed, _ = close_timed(window)
    assert not closed and window.isVisible()
    assert training.state == "finished" and training.has_unsaved_model()


def test_at_start_a_damaged_personal_set_is_set_aside_and_leftovers_removed(qtbot, data_dir):
    import os
    import time as clock

    data_dir.mkdir(parents=True)
    (data_dir / "personal_digits.npz").write_bytes(b"damaged")
    leftover = data_dir / ".personal_digits.npz.999999999-abcdefgh.tmp"   # a killed save's
    leftover.write_bytes(b"partial")
    hour_ago = clock.time() - 3600
    os.utime(leftover, (hour_ago, hour_ago))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "could not be read" in window.statusBar().currentMessage())
    (aside,) = list(data_dir.iterdir())
    assert aside.name.startswith("personal_digits.unreadable-") and aside.read_bytes() == b"damaged"
    assert aside.name in window.statusBar().currentMessage()


def test_the_window_opens_light_and_builds_its_draw_tab_after_the_first_frame(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.draw_page.widget is None and window.draw_page.loading_label.text() == "Loading…"
    assert window.model_label.text() == "No model"
    painted = []
    window.first_painted.connect(lambda: painted.append(window.draw_page.widget))
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    assert painted == [None]        # the first frame came before the Draw tab was built
    assert window.tabs.currentWidget() is window.draw_page
    assert isinstance(window.draw_tab, DrawTab) and window.draw_page.widget is window.draw_tab
    assert window.draw_tab.canvas.isVisible() and window.draw_page.loading_label is None


@pytest.mark.parametrize("name", ["clear", "undo"])
def test_a_draw_action_used_before_the_draw_tab_is_built_builds_it_and_acts(qtbot, monkeypatch, name):
    from digitlab.gui.draw.canvas import DrawingCanvas
    calls = []
    monkeypatch.setattr(DrawingCanvas, name, lambda canvas: calls.append(canvas))
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.draw_page.widget is None
    getattr(window.menus, name).trigger()
    assert isinstance(window.draw_page.widget, DrawTab)   # built on demand: the action is not lost
    assert calls == [window.draw_tab.canvas]


def test_paste_before_the_draw_tab_is_built_pastes_into_it(qtbot):
    from PySide6.QtGui import QGuiApplication, QImage
    window = MainWindow()
    qtbot.addWidget(window)
    image = QImage(56, 56, QImage.Format.Format_Grayscale8)
    image.fill(255)
    for row in range(10, 46):
        for column in (27, 28, 29):
            image.setPixel(column, row, 0)   # a "1" on white paper
    QGuiApplication.clipboard().setImage(image)
    try:
        window.menus.paste.trigger()
    finally:
        QGuiApplication.clipboard().clear()
    ink = window.draw_tab.canvas.to_array(28)
    assert ink is not None and ink.max() > 0


def test_open_image_before_the_draw_tab_is_built_asks_for_a_file(qtbot, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: asked.append(args) or ("", ""))
    window.menus.open_image.trigger()
    assert len(asked) == 1 and isinstance(window.draw_page.widget, DrawTab)


def test_closing_before_the_draw_tab_is_built_keeps_its_settings_and_builds_nothing(qtbot):
    from digitlab.gui.settings import Settings
    Settings().set_state("draw", {"pen_width": 31})
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.close()
    assert window.draw_page.widget is None and window.training_page.widget is None
    assert Settings().state("draw")["pen_width"] == 31
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.draw_tab.pen_slider.value() == 31   # taken when it is built


def test_before_its_pages_are_built_the_window_follows_the_language(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_language("ko")
    try:
        qtbot.waitUntil(lambda: window.draw_page.loading_label.text() == "불러오는 중…")
        assert window.menus.undo.text() == "획 취소" and window.tabs.tabText(0) == "그리기"
        assert window.draw_tab.pen_label.text() == "펜:"          # built now: made in Korean
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: window.training_page.loading_label.text() == "Loading…")
    assert window.draw_tab.clear_action.text() == "Clear" and window.draw_tab.pen_label.text() == "Pen:"


def test_a_tab_opened_for_the_first_time_shows_loading_while_it_is_built(qtbot):
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched, event):
            Paints.count += event.type() == QEvent.Type.Paint
            return False

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded):
        window.show()
    watcher = Paints(window)
    window.gradient_page.loading_label.installEventFilter(watcher)
    seen = []
    window.gradient_page.built.connect(lambda _tab: seen.append(Paints.count))
    window.tabs.setCurrentWidget(window.gradient_page)
    assert seen == [1] and isinstance(window.gradient_page.widget, GradientTab)   # built at once, as before


def test_a_grab_before_the_window_is_shown_is_not_its_first_frame(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    painted = []
    window.first_painted.connect(lambda: painted.append(window.isVisible()))
    window.grab()                     # a paint off screen
    qtbot.wait(20)
    assert painted == [] and window.draw_page.widget is None
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    assert painted == [True] and window.draw_page.widget is not None
