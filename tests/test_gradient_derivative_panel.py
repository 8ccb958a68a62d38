"""gui/gradient/derivative_panel.py: the tangent at x = 5 and the forward/central difference errors."""
import numpy as np
import pyqtgraph as pg
import pytest



# `gradient_tab` (tests/conftest.py): the Gradient descent tab; gradient_tab.panel(name) builds a panel


def test_derivative_panel_shows_the_course_slope(gradient_tab):
    panel = gradient_tab.panel("derivative")
    assert panel.x_spin.value() == 5.0
    assert panel.slope == pytest.approx(0.1999999999990898, abs=1e-12)
    assert "0.1999999999990898" in panel.slope_label.text()
    panel.set_x(10.0)
    assert panel.slope == pytest.approx(0.3, abs=1e-9)
    panel.x_line.setValue(2.5)  # dragging the line moves x
    assert panel.x_spin.value() == 2.5
    assert panel.slope == pytest.approx(0.02 * 2.5 + 0.1, abs=1e-9)


def test_derivative_error_curves_are_positive_for_the_log_axes(gradient_tab):
    panel = gradient_tab.panel("derivative")
    for dtype in ("float64", "float32"):
        panel.dtype_combo.setCurrentText(dtype)
        hs, errors = panel._central_item.xData, panel._central_item.yData
        assert np.all(errors > 0) and np.all(np.isfinite(errors))
        assert hs[0] < 1e-50 and errors[0] == pytest.approx(0.2)  # the estimate is 0
        near_course_h = np.argmin(np.abs(np.log10(hs) + 4))
        assert errors[near_course_h] < 1e-3 < errors[0]


@pytest.mark.parametrize("x, course", [(5.0, "0.1999999999990898"), (10.0, "0.2999999999986347")])
def test_derivative_panel_shows_the_courses_digits_beside_its_listing(gradient_tab, x, course):
    panel = gradient_tab.panel("derivative")
    panel.set_x(x)
    assert f"= {course}<br>" in panel.slope_label.text()     # the value the panel computed
    assert panel.course_label.text().endswith(f"= {course}.")
    assert panel.code_view.variable_text("dy") == course
    assert panel.code_view.editor.toPlainText().startswith("# numerical_diff(f, x)")


def test_h_labels_do_not_overlap_the_error_curves(gradient_tab, qtbot):
    gradient_tab.show()
    panel = gradient_tab.show_panel("derivative")
    qtbot.waitExposed(gradient_tab)
    for curve in range(panel.curve_combo.count()):
        panel.curve_combo.setCurrentIndex(curve)
        qtbot.wait(20)
        view = panel.error_plot.getPlotItem().getViewBox()
        for line in panel.h_lines:
            box = line.label.sceneBoundingRect()
            for item in (panel._forward_item, panel._central_item):
                xs, ys = item.curve.getData()       # log10 coordinates on the log axes
                dense_x = np.linspace(xs.min(), xs.max(), 4000)
                dense_y = np.interp(dense_x, xs, ys)
                inside = [box.contains(view.mapViewToScene(pg.Point(x, y)))
                          for x, y in zip(dense_x, dense_y)]
                assert not any(inside), (line.label.toPlainText(), panel.curve.name)
