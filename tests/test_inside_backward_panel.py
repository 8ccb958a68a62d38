"""gui/inside/backward_panel.py: one drawing's backward pass, the SGD step and the gradient table."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from digitlab.gui.inside.backward_panel import BackwardPanel
from digitlab.nn.model.network import MultiLayerNet


@pytest.fixture
def net():
    return MultiLayerNet(784, (20, 12), 10, rng=np.random.default_rng(0))


@pytest.fixture
def x():
    x = np.zeros((28, 28), np.float32)
    x[6:22, 12:16] = 1.0    # a "1"
    return x.reshape(-1)


@pytest.fixture
def panel(qtbot, net, x):
    panel = BackwardPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_model(net)
    panel.set_input(x)
    return panel


def test_default_label_is_the_prediction(panel, net, x):
    predicted = int(np.argmax(net.predict(x)))
    assert panel.label() == predicted
    assert panel.label_combo.itemText(0) == f"the predicted digit ({predicted})"
    assert np.argmax(panel.result.t) == predicted
    np.testing.assert_allclose(panel.error_bars.values, panel.result.y - panel.result.t)
    assert f"−log y[{predicted}]" in panel.loss_label.text()
    assert len(panel.hidden_maps) == 2 and "‖·‖" in panel.hidden_captions[1].text()


def test_choosing_a_label_and_stepping_moves_the_bars_towards_it(qtbot, panel, net, x):
    original = net.params["W1"].copy()
    panel.label_combo.setCurrentIndex(panel.label_combo.findData(3))
    assert panel.label() == 3
    before_loss, before_p = panel.result.loss, panel.bars.heights[3]
    panel.lr_spin.setValue(0.05)
    for _ in range(3):
        qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert panel.steps == 3 and panel.result.loss < before_loss
    assert panel.bars.heights[3] > before_p
    assert "after 3 SGD steps" in panel.loss_label.text()
    np.testing.assert_array_equal(net.params["W1"], original)    # the model given is untouched
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.steps == 0 and panel.result.loss == pytest.approx(before_loss)
    assert not panel.back_button.isEnabled()


def test_numerical_and_backprop_table(panel):
    assert panel.table.rowCount() == 6
    assert panel.table.item(0, 0).text().startswith("W1[")
    for row, check in enumerate(panel.checks):
        assert check.relative_error < 1e-6
        assert float(panel.table.item(row, 1).text()) == pytest.approx(check.backprop, rel=1e-7)
        assert float(panel.table.item(row, 2).text()) == pytest.approx(check.numerical, rel=1e-7)


def test_dW1_tiles_show_the_drawing_times_the_neuron_error(panel, x):
    delta = panel.result.deltas[0]
    neuron = int(np.argmax(np.abs(delta)))
    assert panel.tile_captions[0].text() == f"neuron {neuron}"
    np.testing.assert_allclose(panel.tiles[0].values, -(x * delta[neuron]).reshape(28, 28), rtol=1e-5, atol=1e-9)


def test_no_drawing_and_hidden_panel(qtbot, net, x):
    panel = BackwardPanel()
    qtbot.addWidget(panel)
    panel.set_model(net)
    panel.set_input(x)
    assert panel.result is None             # hidden: nothing computed yet
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.result is not None
    panel.set_input(None)
    assert panel.result is None and panel.table.rowCount() == 0
    assert not panel.step_button.isEnabled()
    panel.take_step()                       # nothing to step on: no change, no error
    assert panel.steps == 0


def test_controls_have_accessible_names_and_tooltips(panel):
    for widget in (panel.label_combo, panel.lr_spin, panel.step_button, panel.back_button, panel.table):
        assert widget.accessibleName() and widget.toolTip()


def test_error_bars_are_scaled_to_the_largest_error(qtbot):
    from digitlab.gui.inside.backward_panel import SignedBars
    bars = SignedBars()
    qtbot.addWidget(bars)
    bars.set_values(np.array([0.001, -0.004, 0, 0, 0, 0, 0, 0, 0, 0.002]))
    assert bars.scale == pytest.approx(0.004)
    bars.resize(200, 150)
    image = bars.grab().toImage()
    # the -0.004 bar reaches (almost) the bottom of the plot: not a sliver at this size
    column = 4 + int(1.5 * (200 - 8) / 10)
    coloured = [y for y in range(image.height()) if image.pixelColor(column, y).blue() > 150
                and image.pixelColor(column, y).red() < 100]
    assert len(coloured) > 40


def test_a_label_chosen_without_a_drawing_computes_nothing(qtbot, panel):
    panel.set_input(None)
    panel.label_combo.setCurrentIndex(panel.label_combo.findData(8))
    assert panel.label() is None and panel.result is None
    panel.take_step()
    assert panel.steps == 0
