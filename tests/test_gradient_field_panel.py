"""gui/gradient/field_panel.py: the gradient field of x0^2 + x1^2."""
import numpy as np
import pytest



# `gradient_tab` (tests/conftest.py): the Gradient descent tab; gradient_tab.panel(name) builds a panel


def test_field_panel_gradient_under_the_mouse(gradient_tab):
    panel = gradient_tab.panel("field")
    np.testing.assert_allclose(panel.show_gradient_at(3.0, 4.0), [6, 8], atol=1e-6)
    assert "(6.0000, 8.0000)" in panel.mouse_label.text()
    xs, ys = panel._arrows.getData()
    shafts = np.hypot(xs[1::6] - xs[0::6], ys[1::6] - ys[0::6])
    starts = np.hypot(xs[0::6], ys[0::6])
    assert shafts[np.argmax(starts)] > 5 * shafts[np.argmin(starts)]  # longer far from the minimum


@pytest.mark.parametrize("point, course", [((3.0, 4.0), "[6. 8.]"), ((0.0, 2.0), "[0. 4.]"),
                                           ((3.0, 0.0), "[6. 0.]")])
def test_field_shows_the_courses_gradients(qtbot, point, course):
    from digitlab.gui.gradient.field_panel import FieldPanel
    panel = FieldPanel()
    qtbot.addWidget(panel)
    panel.show_gradient_at(*point)
    shown = panel.result_label.text().split("<br>")[0]
    assert shown.endswith(f") = {course}")                  # what the listing computed, as NumPy prints
    assert f"The course prints {course}." in panel.result_label.text()
    assert panel.code_view.variable_text("x0") == repr(point[0])
