"""Keyboard only: Tab reaches every control of each tab (the "This is a k" buttons too), never
stops on a plot or gets stuck in a table, and one task per tab is done with keys alone."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from digitlab.nn.files.model_io import load_model
from synthetic_digits import synthetic_cache


def focused():
    return QApplication.instance().focusWidget()


def press(key, modifier=Qt.KeyboardModifier.NoModifier, qtbot=None):
    QTest.keyClick(focused(), key, modifier)
    if qtbot is not None:
        qtbot.wait(5)


def tab_walk(qtbot, presses):
    """The widgets focus visits over that many Tab presses."""
    visited = []
    for _ in range(presses):
        press(Qt.Key.Key_Tab, qtbot=qtbot)
        visited.append(focused())
    return visited


def tab_to(qtbot, widget, limit=250):
    """Press Tab until widget has the focus (it must be reachable)."""
    for _ in range(limit):
        if focused() is widget:
            return
        press(Qt.Key.Key_Tab, qtbot=qtbot)
    raise AssertionError(f"Tab never reached {widget.accessibleName() or widget!r}")


def type_into(qtbot, widget, text):
    tab_to(qtbot, widget)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), text)
    press(Qt.Key.Key_Tab, qtbot=qtbot)          # leaves the field: its editing is finished


def next_main_tab(qtbot, window):
    index = window.tabs.currentIndex()
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier, qtbot)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == index + 1)
    qtbot.wait(20)


def seven(path):
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("black"), 14))
    painter.drawLine(50, 40, 150, 40)
    painter.drawLine(150, 40, 90, 170)
    painter.end()
    assert image.save(str(path))
    return path


@pytest.fixture
def window(shown_window, qtbot):
    """The main window, shown with the shipped model (as gui.app.run), and active."""
    assert shown_window.draw_tab.load_default_model()
    shown_window.activateWindow()
    qtbot.waitUntil(lambda: focused() is not None)
    return shown_window


def assert_a_plain_cycle(visited):
    """No plot, no widget keeping the focus for two presses (a trap), and back to the start."""
    names = [type(widget).__name__ for widget in visited]
    assert not [w for w in visited if isinstance(w, pg.GraphicsView)], names
    assert all(a is not b for a, b in zip(visited, visited[1:])), names
    assert visited[0] in visited[1:], names


def test_tab_visits_every_tabs_controls_never_a_plot(window, qtbot, tmp_path, data_dir):
    draw = window.draw_tab
    draw.open_image(seven(tmp_path / "seven.png"))     # the digit buttons need a drawing
    qtbot.waitUntil(lambda: draw.bars.probabilities is not None)
    visited = tab_walk(qtbot, 60)
    assert_a_plain_cycle(visited)
    for button in draw.handwriting.label_bar.digit_buttons:
        assert button in visited, button.accessibleName()
    for index in (1, 2):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        window.tabs.setFocus()
        assert_a_plain_cycle(tab_walk(qtbot, 80))
    gradient = window.gradient_page.widget
    for name in ("descent", "race", "simplenet", "loss"):
        gradient.show_panel(name)
        gradient.tabs.tabBar().setFocus()
        assert_a_plain_cycle(tab_walk(qtbot, 60))


def test_draw_open_an_image_by_its_shortcut_and_read_the_answer(window, qtbot, tmp_path, data_dir,
                                                                 monkeypatch):
    path = seven(tmp_path / "seven.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args: (str(path), "")))
    draw = window.draw_tab
    press(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier, qtbot)
    qtbot.waitUntil(lambda: draw.bars.probabilities is not None)
    answer = draw.bars.accessibleDescription()                       # what a screen reader reads
    assert answer.startswith("probability of 7")
    stored = len(draw.handwriting.store.samples)
    seven_button = draw.handwriting.label_bar.digit_buttons[7]
    tab_to(qtbot, seven_button)
    assert seven_button.accessibleName() == "This is a 7"
    press(Qt.Key.Key_Space, qtbot=qtbot)
    qtbot.waitUntil(lambda: len(draw.handwriting.store.samples) == stored + 1)


def test_training_a_model_and_saving_it_with_the_keyboard(window, qtbot, tmp_path, monkeypatch):
    window.draw_tab.canvas.setFocus()
    next_main_tab(qtbot, window)
    training = window.training_tab
    training.data = synthetic_cache()
    settings = training.settings
    type_into(qtbot, settings.hidden_edit, "8")
    type_into(qtbot, settings.batch_spin, "20")
    type_into(qtbot, settings.epochs_spin, "2")
    tab_to(qtbot, settings.optimizer_combo)
    press(Qt.Key.Key_Home, qtbot=qtbot)                                 # sgd, the course's
    assert settings.config().optimizer == "sgd"
    assert (settings.config().hidden_sizes, settings.config().batch_size,
            settings.config().epochs) == ((8,), 20, 2)
    tab_to(qtbot, training.start_button)
    press(Qt.Key.Key_Space, qtbot=qtbot)
    qtbot.waitUntil(lambda: training.state == "finished", timeout=30_000)
    assert training.model is not None
    path = tmp_path / "keyboard.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(path), "")))
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, qtbot)
    qtbot.waitUntil(path.exists)
    network, metadata = load_model(path)
    assert network.sizes == (784, 8, 10) and metadata["training"]["batch_size"] == 20


def test_a_gradient_descent_run_with_the_keyboard(window, qtbot):
    window.draw_tab.canvas.setFocus()
    next_main_tab(qtbot, window)
    next_main_tab(qtbot, window)
    gradient = window.gradient_page.widget
    tab_to(qtbot, gradient.tabs.tabBar())
    while gradient.tabs.currentIndex() != gradient.PANELS.index("descent"):
        press(Qt.Key.Key_Right, qtbot=qtbot)
    panel = gradient.panel("descent")
    type_into(qtbot, panel.lr_edit, "0.1")
    type_into(qtbot, panel.steps_spin, "30")
    tab_to(qtbot, panel.controls.step_button)
    for _ in range(3):
        press(Qt.Key.Key_Space, qtbot=qtbot)
    assert panel.controls.frame == 3 and len(panel.path) == 31
    np.testing.assert_allclose(panel.path[1], panel.path[0] * (1 - 2 * 0.1))   # x -= lr * 2x
    tab_to(qtbot, panel.controls.play_button)
    press(Qt.Key.Key_Space, qtbot=qtbot)
    qtbot.waitUntil(lambda: panel.controls.frame == 30, timeout=10_000)
    assert np.linalg.norm(panel.path[-1]) < 0.01 * np.linalg.norm(panel.path[0])
