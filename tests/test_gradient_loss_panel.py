"""gui/gradient/loss_panel.py: MSE and cross-entropy of the course's y vectors."""
import pytest

from gui.gradient.tab import GradientTab


@pytest.fixture
def tab(qtbot):
    """The Gradient descent tab, whose panel(name) builds the panel under test."""
    widget = GradientTab()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    return widget


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
