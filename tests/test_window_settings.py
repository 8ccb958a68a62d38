"""The window remembers its settings across a close and a new window; damaged files are survived."""
import logging

import numpy as np
from PySide6.QtGui import QPalette

from digitlab.gui.gradient.tab import GradientTab
from digitlab.gui.main_window import MainWindow
from digitlab.gui.settings import Settings
from digitlab.gui.training.settings import DEFAULT_CONFIG
from digitlab.nn.files.model_io import save_model
from digitlab.nn.model.network import MultiLayerNet


def open_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded):   # the page shown is built right after the first frame
        window.show()
    return window


def test_settings_survive_closing_and_reopening(qtbot, qapp, tmp_path):
    light = QPalette(qapp.palette())
    model_file = tmp_path / "mine.npz"
    save_model(model_file, MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(0)), {})
    window = open_window(qtbot)
    try:
        window.draw_tab.pen_slider.setValue(31)
        window.draw_tab.model_choice.open_model_file(model_file)
        window.set_theme("dark")
        window.tabs.setCurrentIndex(2)
        descent = window.gradient_page.widget.show_panel("descent")
        descent.set_settings(1, (1.5, -2.0), 0.05, 33)
        window.tabs.setCurrentIndex(1)
        window.training_tab.settings.hidden_edit.setText("50, 20")
        window.training_tab.settings.epochs_spin.setValue(7)
        # after every tab is built (the Training tab sets the window's minimum width), inside the
        # offscreen screen (800 x 600): restoring clamps to it
        window.resize(760, 560)
        qtbot.wait(50)   # the layout may widen it to the tabs' minimum
        size = window.size()
        assert size != window.DEFAULT_SIZE
        assert window.close()

        again = open_window(qtbot)
        # wider than the offscreen screen: it fits the screen until its tabs' minimum widens it
        qtbot.waitUntil(lambda: again.size() == size)
        assert again.tabs.currentIndex() == 1 and again.theme == "dark" and again.dark
        assert again.draw_tab.pen_slider.value() == 31 and again.draw_tab.canvas.pen_width == 31
        again.draw_tab.load_default_model()
        assert again.draw_tab.model_choice.current()[1] == "mine.npz"
        config = again.training_tab.settings.config()
        assert config.hidden_sizes == (50, 20) and config.epochs == 7
        again.tabs.setCurrentIndex(2)
        assert again.gradient_page.widget.tabs.currentIndex() == GradientTab.PANELS.index("descent")
        state = again.gradient_page.widget.panel("descent").settings_state()
        assert state == {"surface": 1, "x0": 1.5, "x1": -2.0, "lr": 0.05, "steps": 33}
    finally:
        from digitlab.gui.theme import apply_theme
        apply_theme(qapp, "light", light)


def test_a_model_file_that_is_gone_falls_back_to_the_shipped_one_with_a_message(qtbot, tmp_path):
    Settings().set_state("draw", {"pen_width": 20, "model_file": str(tmp_path / "gone.npz")})
    window = open_window(qtbot)
    with qtbot.waitSignal(window.draw_tab.message) as said:
        window.draw_tab.load_default_model()
    assert "gone.npz" in said.args[0] and "shipped" in said.args[0]
    assert window.draw_tab.model_choice.current() is None or window.draw_tab.model_choice.current()[1] != "gone.npz"


def test_a_corrupt_settings_file_is_survived_with_a_log_line(qtbot, settings_path, caplog):
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_bytes(b"[General]\nformat=1\nwindow=\"{\\\"tab\\\": \\\"x\"\ndraw=[[[\x00\xff\n")
    with caplog.at_level(logging.WARNING, logger="digitlab.settings"):
        window = open_window(qtbot)
    assert caplog.records
    assert window.tabs.currentIndex() == 0 and window.draw_tab.pen_slider.value() == 18
    assert window.close()


def test_wrong_types_in_a_foreign_file_keep_the_defaults(qtbot, settings_path):
    Settings().set_state("window", {"tab": "two", "theme": 5, "language": "klingon"})
    Settings().set_state("draw", {"pen_width": "wide"})
    Settings().set_state("training", {"epochs": -3, "activation": "magic"})
    window = open_window(qtbot)
    assert window.tabs.currentIndex() == 0 and window.theme == "system" and window.language == "system"
    assert window.draw_tab.pen_slider.value() == 18
    window.tabs.setCurrentIndex(1)
    assert window.training_tab.settings.config().epochs == DEFAULT_CONFIG.epochs


def test_two_windows_sharing_the_file_do_not_crash(qtbot, settings_path):
    first, second = open_window(qtbot), open_window(qtbot)
    first.draw_tab.pen_slider.setValue(10)
    second.draw_tab.pen_slider.setValue(12)
    assert first.close() and second.close()
    one, two = Settings(settings_path), Settings(settings_path)
    one.set_state("a", {"x": 1})
    two.set_state("b", {"y": 2})
    one.sync()
    two.sync()
    assert Settings(settings_path).state("draw")["pen_width"] == 12
    merged = Settings(settings_path)
    assert merged.state("a") == {"x": 1} and merged.state("b") == {"y": 2}


def test_plots_built_after_the_dark_theme_is_chosen_are_dark_too(qtbot, qapp):
    light = QPalette(qapp.palette())
    window = open_window(qtbot)
    try:
        window.set_theme("dark")
        window.tabs.setCurrentIndex(2)       # the Gradient tab and its first panel are built now
        window.tabs.setCurrentIndex(1)
        import pyqtgraph as pg
        views = [view for page in (window.training_page, window.gradient_page)
                 for view in page.findChildren(pg.GraphicsView)]
        assert views and all(v.backgroundBrush().color().lightness() < 80 for v in views)
    finally:
        window.set_theme("light")
        from digitlab.gui.theme import apply_theme
        apply_theme(qapp, "light", light)


def test_the_shipped_model_is_renamed_in_the_new_language(qtbot):
    window = open_window(qtbot)
    if not window.draw_tab.load_default_model():
        return
    window.set_language("ko")
    try:
        qtbot.wait(20)
        assert window.model_label.text().startswith("모델: 기본 모델")
        assert window.draw_tab.model_choice.combo.currentText().startswith("기본 모델")
    finally:
        window.set_language("en")
    qtbot.wait(20)
    assert window.model_label.text().startswith("Model: default model")
