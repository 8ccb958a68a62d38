"""gui/gradient/descent_panel.py (with playback.py): the course's descent cases, played back."""
import numpy as np
import pytest



# `gradient_tab` (tests/conftest.py): the Gradient descent tab; gradient_tab.panel(name) builds a panel


def test_descent_presets_end_where_the_course_says(gradient_tab):
    panel = gradient_tab.panel("descent")
    panel.apply_preset("converges")
    assert panel.controls.is_playing
    panel.controls.go_to_end()
    assert np.all(np.abs(panel.path[-1]) < 1e-2) and len(panel.path) == 101
    panel.apply_preset("stuck")
    panel.controls.go_to_end()
    np.testing.assert_allclose(panel.path[-1], [-3, 4], atol=1e-6)
    panel.apply_preset("short")
    panel.controls.go_to_end()
    assert np.linalg.norm(panel.path[-1]) > 1.0
    panel.apply_preset("diverges")
    panel.controls.go_to_end()
    assert np.linalg.norm(panel.path[-1]) > 1e10
    assert panel.shown < len(panel.path)
    assert "Diverged" in panel.message_label.text()
    xs, ys = panel._path_item.getData()
    assert np.all(np.abs(xs) < 1e5) and np.all(np.abs(ys) < 1e5)  # the plot never gets the huge values


def test_descent_play_pause_step_reset(gradient_tab, qtbot):
    panel = gradient_tab.panel("descent")
    controls = panel.controls
    assert controls.frame_count == 21  # default 20 steps from (-3, 4), lr 0.1
    controls.step()
    assert controls.frame == 1
    assert "step 1" in panel.info_label.text()
    np.testing.assert_allclose(panel._current_item.getData()[0], [panel.path[1, 0]])
    controls.speed_slider.setValue(60)
    controls.play()
    qtbot.waitUntil(lambda: controls.frame >= 4, timeout=3000)
    controls.pause()
    frame = controls.frame
    qtbot.wait(100)
    assert controls.frame == frame and not controls.is_playing
    with qtbot.waitSignal(controls.finished, timeout=5000):
        controls.play()
    assert controls.frame == 20
    controls.reset()
    assert controls.frame == 0 and len(panel._path_item.getData()[0]) == 1


def test_descent_click_sets_the_start(gradient_tab):
    panel = gradient_tab.panel("descent")
    panel.plot.clicked.emit(1.0, -2.0)
    np.testing.assert_allclose(panel.path[0], [1, -2])
    assert panel.controls.frame == 0


def test_descent_overflow_on_rosenbrock_is_stopped_without_warnings(gradient_tab):
    panel = gradient_tab.panel("descent")
    panel.set_settings(3, (-1.5, 2.0), 1.0, 200)
    panel.controls.go_to_end()
    assert panel.shown < len(panel.path)
    assert "Diverged" in panel.message_label.text()


@pytest.mark.parametrize("preset, lr", [("converges", 0.1), ("diverges", 10.0), ("stuck", 1e-10)])
def test_descent_shows_the_course_final_value_digit_for_digit(gradient_tab, preset, lr):
    from digitlab.nn.course import LISTINGS
    course = LISTINGS["gradient_descent"].course_values({"lr": lr, "step_num": 100})["x"]
    panel = gradient_tab.panel("descent")
    panel.apply_preset(preset)
    panel.controls.go_to_end()
    assert panel.controls.frame == 100
    assert f"x = {course}<br>" in panel.info_label.text()
    assert course in panel.course_label.text()
    assert panel.code_view.variable_text("lr") == repr(lr)


def test_descent_lr_10_runs_all_steps_and_explains_the_freeze(gradient_tab):
    panel = gradient_tab.panel("descent")
    panel.apply_preset("diverges")
    assert panel.controls.frame_count == 101
    panel.controls.go_to_end()
    message = panel.message_label.text()
    assert "freezes" in message and "From step 10 on" in message
    assert "keeps growing" not in message
    assert "[-2.58983747e+13 -1.29524862e+12]" in message


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_speed_slider_stays_usable_and_the_column_keeps_its_width_while_playing(qtbot, language):
    from PySide6.QtWidgets import QApplication
    from digitlab.gui.app import set_language
    from digitlab.gui.main_window import MainWindow
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_language(language)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentIndex(2)
    tab = window.gradient_page.widget
    panel = tab.panel("descent")
    tab.tabs.setCurrentIndex(tab.PANELS.index("descent"))
    qtbot.waitUntil(panel.isVisible)
    slider = panel.controls.speed_slider
    assert slider.width() >= 80
    widths = {panel.surface_combo.width()}
    panel.controls.frame_changed.connect(lambda _: widths.add(panel.surface_combo.width()))
    slider.setValue(slider.maximum())
    with qtbot.waitSignal(panel.controls.finished, timeout=5000):
        panel.apply_preset("diverges")          # plays its 100 steps
    widths.add(panel.surface_combo.width())
    set_language(QApplication.instance(), "en")
    assert len(widths) == 1, widths            # the left column never widens
    assert slider.width() >= 80


def test_lr_10_says_at_every_later_step_that_it_diverged_and_where(gradient_tab):
    panel = gradient_tab.panel("descent")
    panel.apply_preset("diverges")
    panel.controls.pause()
    for k in range(panel.controls.frame_count):
        panel.controls._frame = k
        panel._on_controls_frame_changed(k)
        info = panel.info_label.text()
        if k >= panel.shown:
            assert f"Diverged at step {panel.shown}" in info and "20577" in info, (k, info)
        else:
            assert "Diverged" not in info


def palette_changed(top):
    """What a running application sends every widget on a new palette (Qt sends it only once
    exec() runs, and pytest-qt never calls exec())."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QWidget
    for widget in [top, *top.findChildren(QWidget)]:
        QApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationPaletteChange))


def test_the_divergence_warning_stays_readable_in_the_dark_theme(gradient_tab, qapp):
    from PySide6.QtGui import QPalette
    from digitlab.gui.gradient.descent_panel import DIVERGED_RED, DIVERGED_RED_ON_DARK
    from digitlab.gui.theme import apply_theme
    panel = gradient_tab.panel("descent")
    gradient_tab.show()
    panel.apply_preset("diverges")
    panel.controls.go_to_end()
    assert DIVERGED_RED in panel.message_label.text()
    light = QPalette(qapp.palette())
    try:
        apply_theme(qapp, "dark", light)
        palette_changed(gradient_tab)
        assert DIVERGED_RED_ON_DARK in panel.message_label.text()
        assert DIVERGED_RED not in panel.message_label.text()
    finally:
        apply_theme(qapp, "light", light)
    palette_changed(gradient_tab)
    assert DIVERGED_RED in panel.message_label.text()
