"""gui/inside/neuron_panel.py: one neuron's weighted sum, curve, weight pictures and softmax steps."""
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from digitlab.gui.inside.neuron_panel import NeuronPanel
from digitlab.nn.model.network import MultiLayerNet


def drawing() -> np.ndarray:
    x = np.zeros((28, 28), np.float32)
    x[6:22, 10:18] = np.linspace(0.2, 1.0, 8)
    return x.reshape(-1)


@pytest.fixture
def panel(qtbot):
    widget = NeuronPanel()
    qtbot.addWidget(widget)
    widget.resize(1100, 330)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def network():
    return MultiLayerNet(784, (24, 16), 10, activation="sigmoid", rng=np.random.default_rng(0))


def test_nothing_open_asks_for_a_click(panel, network):
    panel.set_model(network)
    assert "Click a neuron" in panel.title.text() and panel.summed is None


def test_a_first_layer_neuron_shows_its_sum_curve_and_weight_pictures(panel, network):
    panel.set_model(network)
    x = drawing()
    panel.set_input(x)
    panel.set_neuron(1, 5)
    a = float(x @ network.params["W1"][:, 5] + network.params["b1"][5])
    assert panel.summed.a == pytest.approx(a, abs=1e-5)
    assert panel.curve.isVisible() and panel.images.isVisible() and not panel.softmax.isVisible()
    assert panel.curve.point == pytest.approx((a, 1 / (1 + np.exp(-a))), abs=1e-5)
    np.testing.assert_array_equal(panel.weights.values, network.params["W1"][:, 5].reshape(28, 28))
    np.testing.assert_allclose(panel.products.values, (x * network.params["W1"][:, 5]).reshape(28, 28))
    text = panel.sum_label.text()
    assert f"{a:.4f}" in text and "+ the other 778 terms" in text and "pixel (" in text
    assert "784 inputs" in panel.title.text()


def test_a_second_layer_neuron_has_no_pixel_pictures(panel, network):
    panel.set_model(network)
    panel.set_input(drawing())
    panel.set_neuron(2, 3)
    assert panel.curve.isVisible() and not panel.images.isVisible()
    assert "z1[" in panel.sum_label.text()


def test_the_output_layer_shows_softmax_step_by_step_and_the_temperature(panel, network):
    panel.set_model(network)
    x = drawing()
    panel.set_input(x)
    panel.set_neuron(3, 4)
    assert panel.softmax.isVisible() and not panel.curve.isVisible()
    p = network.probabilities(x)
    shown = [float(panel.table.item(k, 3).text()) for k in range(10)]
    np.testing.assert_allclose(shown, p, atol=6e-5)
    np.testing.assert_allclose(panel.bars.heights, p, rtol=1e-5)
    sharpest = panel.steps.y.max()
    panel.temperature.setFocus()
    panel.temperature.selectAll()
    QTest.keyClicks(panel.temperature, "5")
    QTest.keyClick(panel.temperature, Qt.Key.Key_Return)
    assert panel.steps.temperature == 5.0 and panel.steps.y.max() < sharpest     # flatter
    assert panel.temperature.accessibleName() and panel.temperature.toolTip()


def test_a_stroke_while_the_panel_is_hidden_is_shown_when_it_comes_back(panel, network):
    panel.set_model(network)
    panel.set_neuron(1, 0)
    panel.hide()
    x = drawing()
    panel.set_input(x)
    assert panel.summed.a == pytest.approx(float(network.params["b1"][0]), abs=1e-6)   # not yet
    panel.show()
    assert panel.summed.a == pytest.approx(float(x @ network.params["W1"][:, 0] + network.params["b1"][0]),
                                           abs=1e-5)


def test_a_model_of_other_sizes_closes_the_neuron(panel, network):
    panel.set_model(network)
    panel.set_neuron(2, 15)
    panel.set_model(MultiLayerNet(784, (8,), 10, rng=np.random.default_rng(1)))
    assert panel.neuron is None and panel.summed is None


def test_without_hidden_layers_the_output_neuron_reads_the_pixels(panel):
    network = MultiLayerNet(784, (), 10, rng=np.random.default_rng(2))
    panel.set_model(network)
    panel.set_input(drawing())
    panel.set_neuron(1, 6)
    assert panel.softmax.isVisible() and panel.images.isVisible() and "pixel (" in panel.sum_label.text()
    np.testing.assert_allclose(panel.steps.y, network.probabilities(drawing()), rtol=1e-5)
