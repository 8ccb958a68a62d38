"""gui/gradient/loss_panel.py: MSE and cross-entropy of the course's y vectors."""
import pytest



# `gradient_tab` (tests/conftest.py): the Gradient descent tab; gradient_tab.panel(name) builds a panel


def test_loss_panel_course_pairs(gradient_tab):
    panel = gradient_tab.panel("loss")
    mse, cee = panel.losses()
    assert mse == pytest.approx(0.0975) and cee == pytest.approx(0.510, abs=1e-3)
    assert panel.mse_label.text() == f"MSE = {mse!r}" == "MSE = 0.09750000000000003"  # every digit
    assert panel.cee_label.text() == f"Cross-entropy = {cee!r}"
    panel.y2_button.click()
    mse, cee = panel.losses()
    assert mse == pytest.approx(0.5975) and cee == pytest.approx(2.303, abs=1e-3)


def test_after_the_second_y_the_listing_holds_both_course_ys(gradient_tab):
    """The course computes y1 (0.0975) and y2 (0.5975): the code panel too, whichever is shown."""
    panel = gradient_tab.panel("loss")
    panel.y2_button.click()
    view = panel.code_views["mean_squared_error"]
    assert view.variable_text("mse1") == "0.09750000000000003"
    assert view.variable_text("mse2") == "0.5975"
    panel.y_spins[7].setValue(0.5)            # edits change y2, the y shown; y1 stays the course's
    assert view.variable_text("mse1") == "0.09750000000000003"
    assert panel.losses()[0] == pytest.approx(float(view.variable_text("mse2")))
    panel.y1_button.click()
    assert view.variable_text("mse2") == "0.5975"


def test_loss_panel_keeps_y_summing_to_one(gradient_tab):
    panel = gradient_tab.panel("loss")
    panel.y_spins[2].setValue(0.9)
    assert panel.y.sum() == pytest.approx(1.0)
    assert panel.y[2] == pytest.approx(0.9)
    assert panel.y_spins[7].value() == pytest.approx(round(0.1 * 0.1 / 0.4, 3), abs=1e-3)


@pytest.mark.parametrize("button, mse, cee", [("y1_button", "mse1", "cee1"), ("y2_button", "mse2", "cee2")])
def test_loss_panel_shows_the_courses_digits(gradient_tab, button, mse, cee):
    from digitlab.nn.course import LISTINGS
    course_mse = LISTINGS["mean_squared_error"].course_values()[mse]      # 0.0975 / 0.5975
    course_cee = LISTINGS["cross_entropy_error"].course_values()[cee]     # 0.510825 / 2.302584
    panel = gradient_tab.panel("loss")
    getattr(panel, button).click()
    assert panel.mse_label.text().startswith(f"MSE = {course_mse[:5]}")
    assert panel.cee_label.text().startswith(f"Cross-entropy = {course_cee}")
    assert course_mse in panel.course_label.text() and course_cee in panel.course_label.text()
    assert panel.code_views["mean_squared_error"].variable_text("y1").startswith("list of 10")
    panel.target_spin.setValue(7)
    assert panel.course_label.text() == ""
