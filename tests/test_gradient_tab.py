"""The Gradient descent tab: the numbers its panels show, and its animation controls."""
import time

import numpy as np
import pytest

from gui.gradient.common import renormalized, visible_steps
from gui.gradient.tab import GradientTab


@pytest.fixture
def tab(qtbot):
    widget = GradientTab()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    return widget


def test_construction_is_quick(qtbot):
    start = time.perf_counter()
    widget = GradientTab()
    elapsed = time.perf_counter() - start
    qtbot.addWidget(widget)
    assert elapsed < 0.3


def test_panels_are_built_when_shown(tab, qtbot):
    tab.show()
    qtbot.waitExposed(tab)
    assert set(tab._panels) == {"derivative"}
    tab.tabs.setCurrentIndex(tab.PANELS.index("loss"))
    assert "loss" in tab._panels


def test_derivative_panel_shows_the_course_slope(tab):
    panel = tab.panel("derivative")
    assert panel.x_spin.value() == 5.0
    assert panel.slope == pytest.approx(0.1999999999990898, abs=1e-12)
    assert "0.1999999999990898" in panel.slope_label.text()
    panel.set_x(10.0)
    assert panel.slope == pytest.approx(0.3, abs=1e-9)
    panel.x_line.setValue(2.5)  # dragging the line moves x
    assert panel.x_spin.value() == 2.5
    assert panel.slope == pytest.approx(0.02 * 2.5 + 0.1, abs=1e-9)


def test_derivative_error_curves_are_positive_for_the_log_axes(tab):
    panel = tab.panel("derivative")
    for dtype in ("float64", "float32"):
        panel.dtype_combo.setCurrentText(dtype)
        hs, errors = panel._central_item.xData, panel._central_item.yData
        assert np.all(errors > 0) and np.all(np.isfinite(errors))
        assert hs[0] < 1e-50 and errors[0] == pytest.approx(0.2)  # the estimate is 0
        near_course_h = np.argmin(np.abs(np.log10(hs) + 4))
        assert errors[near_course_h] < 1e-3 < errors[0]


def test_loss_panel_course_pairs(tab):
    panel = tab.panel("loss")
    mse, cee = panel.losses()
    assert mse == pytest.approx(0.0975) and cee == pytest.approx(0.510, abs=1e-3)
    assert "0.0975" in panel.mse_label.text() and "0.5108" in panel.cee_label.text()
    panel.y2_button.click()
    mse, cee = panel.losses()
    assert mse == pytest.approx(0.5975) and cee == pytest.approx(2.303, abs=1e-3)


def test_loss_panel_keeps_y_summing_to_one(tab):
    panel = tab.panel("loss")
    panel.y_spins[2].setValue(0.9)
    assert panel.y.sum() == pytest.approx(1.0)
    assert panel.y[2] == pytest.approx(0.9)
    assert panel.y_spins[7].value() == pytest.approx(round(0.1 * 0.1 / 0.4, 3), abs=1e-3)


def test_renormalized_spreads_when_the_rest_is_zero():
    y = renormalized(np.eye(4)[0], 0, 0.4)
    np.testing.assert_allclose(y, [0.4, 0.2, 0.2, 0.2])


def test_field_panel_gradient_under_the_mouse(tab):
    panel = tab.panel("field")
    np.testing.assert_allclose(panel.show_gradient_at(3.0, 4.0), [6, 8], atol=1e-6)
    assert "(6.0000, 8.0000)" in panel.mouse_label.text()
    xs, ys = panel._arrows.getData()
    shafts = np.hypot(xs[1::6] - xs[0::6], ys[1::6] - ys[0::6])
    starts = np.hypot(xs[0::6], ys[0::6])
    assert shafts[np.argmax(starts)] > 5 * shafts[np.argmin(starts)]  # longer far from the minimum


def test_descent_presets_end_where_the_course_says(tab):
    panel = tab.panel("descent")
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


def test_descent_play_pause_step_reset(tab, qtbot):
    panel = tab.panel("descent")
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


def test_descent_click_sets_the_start(tab):
    panel = tab.panel("descent")
    panel.plot.clicked.emit(1.0, -2.0)
    np.testing.assert_allclose(panel.path[0], [1, -2])
    assert panel.controls.frame == 0


def test_descent_overflow_on_rosenbrock_is_stopped_without_warnings(tab):
    panel = tab.panel("descent")
    panel.set_settings(3, (-1.5, 2.0), 1.0, 200)
    panel.controls.go_to_end()
    assert panel.shown < len(panel.path)
    assert "Diverged" in panel.message_label.text()


def test_visible_steps_stops_at_nan_and_far_points():
    path = np.array([[0, 0], [1, 1], [1e9, 0], [np.nan, np.nan]])
    assert visible_steps(path, (-1, 1), (-1, 1)) == 2
    assert visible_steps(path[:2], (-1, 1), (-1, 1)) == 2


def test_race_runs_all_optimizers_together(tab, qtbot):
    panel = tab.panel("race")
    assert set(panel.paths) == {"sgd", "momentum", "adagrad", "rmsprop", "adam"}
    for path in panel.paths.values():
        np.testing.assert_allclose(path[0], [-7, 2])
    panel.controls.speed_slider.setValue(60)
    panel.controls.play()
    qtbot.waitUntil(lambda: panel.controls.frame >= 3, timeout=3000)
    panel.controls.pause()
    k = panel.controls.frame
    for key, item in panel._loss_items.items():
        assert len(item.getData()[0]) == k + 1
    panel.controls.go_to_end()
    for key, values in panel.values.items():
        assert values[-1] < 0.1 * values[0], key
    panel.checks["adam"].setChecked(False)
    assert "adam" not in panel.paths
    assert len(panel._path_items["adam"].getData()[0] or []) == 0


def test_simplenet_panel_book_values_and_step(tab):
    panel = tab.panel("simplenet")
    assert panel.losses[-1] == pytest.approx(0.92806853663411326, abs=1e-6)
    np.testing.assert_allclose(panel.dW, [[0.21924763, 0.14356247, -0.36281009],
                                          [0.32887144, 0.2153437, -0.54421514]], atol=1e-6)
    assert panel.tables["dW"].item(1, 2).text().startswith("-0.544")
    before = panel.losses[-1]
    panel.step_button.click()
    assert panel.losses[-1] < before
    panel.seed_spin.setValue(7)
    panel.reseed_button.click()
    assert len(panel.losses) == 1
    assert not np.allclose(panel.net.W, [[0.47355232, 0.9977393, 0.84668094],
                                         [0.85557411, 0.03563661, 0.69422093]])
