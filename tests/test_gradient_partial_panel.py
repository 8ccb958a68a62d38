"""gui/gradient/partial_panel.py: the course's partial derivatives of x0² + x1² at (3, 4)."""
import numpy as np
import pytest

from digitlab.gui.gradient.tab import GradientTab


@pytest.fixture
def panel(qtbot):
    gradient_tab = GradientTab()
    qtbot.addWidget(gradient_tab)
    gradient_tab.resize(1100, 700)
    yield gradient_tab.panel("partial")   # the gradient_tab stays referenced while the test runs


def test_partial_derivatives_at_3_4_are_the_courses_digits(panel):
    panel.set_point(3.0, 4.0)
    text = panel.result_label.text()
    assert "<b>df_dx0</b> = 6.00000000000378<br>" in text
    assert text.endswith("<b>df_dx1</b> = 7.999999999999119")
    assert "6.00000000000378" in panel.course_label.text()
    assert panel.code_view.variable_text("df_dx1") == "7.999999999999119"


@pytest.mark.parametrize("vary, at, fixed_value", [("x0", 3.0, 16.0), ("x1", 4.0, 9.0)])
def test_slice_and_tangent_touch_at_the_point(panel, vary, at, fixed_value):
    panel.set_point(3.0, 4.0, vary)
    ts, fs = panel._slice_item.getData()
    np.testing.assert_allclose(fs, ts**2 + fixed_value)            # the other variable fixed
    tangent_t, tangent_f = panel._tangent_item.getData()
    slope = np.diff(tangent_f) / np.diff(tangent_t)
    np.testing.assert_allclose(slope, 2 * at, rtol=1e-9)
    middle = len(ts) // 2
    assert ts[middle] == at and tangent_f[middle] == pytest.approx(fs[middle])
    assert vary in panel.plot.getAxis("bottom").labelText


def test_moving_the_point_updates_the_values_and_drops_the_course_note(panel):
    from digitlab.nn.numerical.gradient import numerical_diff
    panel.set_point(0.0, 2.0)
    expected = repr(float(numerical_diff(lambda x1: 0.0**2.0 + x1 * x1, 2.0)))
    assert panel.result_label.text().endswith(f"<b>df_dx1</b> = {expected}")
    assert panel.course_label.text() == ""
    assert panel.code_view.variable_text("x1") == "2.0"
