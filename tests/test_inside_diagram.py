"""gui/inside/diagram.py: the network diagram follows the input; a click or Enter opens a neuron."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from digitlab.gui.inside.diagram import LINKS, NetworkDiagram, build_view
from digitlab.nn.files.model_io import load_any
from digitlab.nn.model.inside import trace
from digitlab.nn.model.network import MultiLayerNet


def drawing() -> np.ndarray:
    x = np.zeros((28, 28), np.float32)
    x[5:23, 12:16] = 1.0      # a "1"
    return x.reshape(-1)


@pytest.fixture
def diagram(qtbot):
    widget = NetworkDiagram()
    qtbot.addWidget(widget)
    widget.resize(900, 380)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_wide_layers_show_their_most_active_neurons_and_links_between_shown_ones():
    network = MultiLayerNet(784, (120, 60), 10, rng=np.random.default_rng(0))
    x = drawing()
    view = build_view(network, x, capacity=20)
    tr = trace(network, x)
    assert [s.size for s in view.shown] == [784, 20, 20, 10]
    assert tr.z[0][view.shown[1]].min() >= np.sort(tr.z[0])[-20]       # the 20 most active
    first = view.links[0]
    assert first.value.size == LINKS[0] and np.all(x[first.source] > 0)  # only inked pixels send
    assert np.isin(first.target, view.shown[1]).all()
    for layer in (2, 3):
        links = view.links[layer - 1]
        assert np.isin(links.source, view.shown[layer - 1]).all()
        assert np.isin(links.target, view.shown[layer]).all()
    np.testing.assert_allclose(first.value, x[first.source] * network.params["W1"][first.source, first.target])


def test_the_diagram_follows_each_input(diagram):
    network = MultiLayerNet(784, (40,), 10, rng=np.random.default_rng(1))
    diagram.set_network(network)
    diagram.set_input(None)
    assert diagram.view.links[0].value.size == 0          # an empty canvas sends nothing
    diagram.set_input(drawing())
    np.testing.assert_allclose(diagram.view.trace.y, network.probabilities(drawing()), rtol=1e-5)
    assert diagram.view.links[0].value.size > 0
    assert not diagram.grab().isNull()


def centre_of(diagram, layer, index) -> QPoint:
    row = int(np.flatnonzero(diagram.view.shown[layer] == index)[0])
    x, y = diagram.positions(layer)[row]
    return QPoint(round(x), round(y))


def test_clicking_a_neuron_opens_it(diagram, qtbot):
    network = MultiLayerNet(784, (30, 20), 10, rng=np.random.default_rng(2))
    diagram.set_network(network)
    diagram.set_input(drawing())
    for layer, index in ((1, int(diagram.view.shown[1][3])), (3, 7)):
        with qtbot.waitSignal(diagram.neuron_clicked) as clicked:
            QTest.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=centre_of(diagram, layer, index))
        assert clicked.args == [layer, index] and diagram.selected == (layer, index)
    with qtbot.assertNotEmitted(diagram.neuron_clicked):
        QTest.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=QPoint(diagram.width() - 3, 3))


def test_the_keyboard_reaches_every_column(diagram, qtbot):
    network = MultiLayerNet(784, (30, 20), 10, rng=np.random.default_rng(3))
    diagram.set_network(network)
    diagram.set_input(drawing())
    diagram.setFocus()
    assert diagram.focusPolicy() & Qt.FocusPolicy.TabFocus and diagram.accessibleName()
    assert diagram.toolTip()
    QTest.keyClick(diagram, Qt.Key.Key_Down)
    for _ in range(5):
        QTest.keyClick(diagram, Qt.Key.Key_Right)           # to the output column (it stops there)
    QTest.keyClick(diagram, Qt.Key.Key_Down)
    with qtbot.waitSignal(diagram.neuron_clicked) as opened:
        QTest.keyClick(diagram, Qt.Key.Key_Return)
    assert opened.args == [3, 2]


def test_the_textbook_network_with_a_column_too_tall_says_how_many_are_hidden(diagram, dlfs_weights):
    network, _ = load_any(dlfs_weights)
    diagram.set_network(network)
    diagram.set_input(drawing())
    capacity = diagram.capacity()
    assert capacity < 100
    assert diagram.view.shown[2].size == capacity and diagram.view.shown[1].size == min(50, capacity)
    assert network.activation == "sigmoid" and diagram._levels(1) == (0.0, 1.0)
    assert not diagram.grab().isNull()


def test_no_model_is_said_in_words(diagram):
    diagram.set_network(None)
    diagram.set_input(drawing())
    assert diagram.view is None and not diagram.grab().isNull()


def test_a_network_without_hidden_layers_is_input_and_outputs(diagram, qtbot):
    network = MultiLayerNet(784, (), 10, rng=np.random.default_rng(5), dtype=np.float64)
    diagram.set_network(network)
    diagram.set_input(drawing())
    assert [s.size for s in diagram.view.shown] == [784, 10]
    assert np.isin(diagram.view.links[0].target, np.arange(10)).all()
    with qtbot.waitSignal(diagram.neuron_clicked) as clicked:
        QTest.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=centre_of(diagram, 1, 4))
    assert clicked.args == [1, 4] and not diagram.grab().isNull()
