"""gui/inside/map_panel.py: the PCA maps computed off the GUI thread, the star, hovering."""
import numpy as np
import pytest

from digitlab.gui.inside.map_panel import MapPanel
from digitlab.gui.training.mnist_cache import MnistCache
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.model.pca import fit_pca


@pytest.fixture
def net():
    return MultiLayerNet(784, (16, 8), 10, rng=np.random.default_rng(0))


@pytest.fixture
def data():
    rng = np.random.default_rng(1)
    x = rng.random((120, 784)).astype(np.float32)
    t = np.arange(120) % 10
    return MnistCache(data=((x[:1], t[:1]), (x, t)))


@pytest.fixture
def panel(qtbot, data):
    panel = MapPanel(data=data)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel
    panel.shutdown()


def test_maps_for_every_layer_coloured_by_label(qtbot, panel, net, data):
    with qtbot.waitSignal(panel.maps_ready, timeout=5000):
        panel.set_model(net)
    assert [panel.layer_combo.itemText(i) for i in range(panel.layer_combo.count())] == [
        "input x (784 pixels)", "hidden layer 1 (16 neurons)", "hidden layer 2 (8 neurons)",
        "output y (softmax, 10)"]
    x = data.get()[1][0]
    x_shown, y_shown = panel.points.getData()
    np.testing.assert_allclose(np.c_[x_shown, y_shown], fit_pca(x).project(x), rtol=1e-6, atol=1e-9)
    brushes = [spot.brush().color().getRgb()[:3] for spot in panel.points.points()[:3]]
    assert brushes == [(31, 119, 180), (255, 127, 14), (44, 160, 44)]
    panel.layer_combo.setCurrentIndex(2)
    hidden2 = net.hidden_activations(x)[1]
    x_shown, y_shown = panel.points.getData()
    np.testing.assert_allclose(np.c_[x_shown, y_shown], fit_pca(hidden2).project(hidden2), rtol=1e-4, atol=1e-6)
    assert "variance" in panel.status_label.text()


def test_the_star_follows_the_drawing(qtbot, panel, net, data):
    with qtbot.waitSignal(panel.maps_ready, timeout=5000):
        panel.set_model(net)
    assert panel.star.getData()[0].size == 0
    x = data.get()[1][0]
    panel.set_input(x[7])
    sx, sy = panel.star.getData()
    px, py = panel.points.getData()
    assert (sx[0], sy[0]) == pytest.approx((px[7], py[7]), rel=1e-4, abs=1e-6)
    panel.set_input(x[8])
    assert panel.star.getData()[0][0] == pytest.approx(px[8], rel=1e-4, abs=1e-6)
    panel.set_input(None)
    assert panel.star.getData()[0].size == 0


def test_hover_shows_the_image(qtbot, panel, net, data):
    with qtbot.waitSignal(panel.maps_ready, timeout=5000):
        panel.set_model(net)
    spot = panel.points.points()[13]
    panel._on_points_hovered(panel.points, [spot], None)
    assert panel.hover_label.text() == "Test image #13: a 3"
    np.testing.assert_array_equal(panel.hover_image.values, data.get()[1][0][13].reshape(28, 28))


def test_a_new_model_while_computing_is_mapped_after(qtbot, panel, net):
    other = MultiLayerNet(784, (5,), 10, rng=np.random.default_rng(3))
    with qtbot.waitSignal(panel.maps_ready, timeout=5000):
        panel.set_model(net)
        panel.set_model(other)
    qtbot.waitUntil(lambda: panel._thread is None and panel.maps is not None and len(panel.maps) == 3,
                    timeout=5000)
    assert panel.layer_combo.count() == 3


def test_hidden_panel_waits_and_training_model_is_named(qtbot, data, net):
    panel = MapPanel(data=data)
    qtbot.addWidget(panel)
    panel.show_training_model(net)
    assert panel._thread is None and panel.maps is None      # not shown: nothing computed
    with qtbot.waitSignal(panel.maps_ready, timeout=5000):
        panel.show()
    assert panel.status_label.text().startswith("The model in training")
    panel.set_model(net)
    assert not panel.status_label.text().startswith("The model in training")
    panel.shutdown()


def test_missing_mnist_is_a_message(qtbot, net, tmp_path):
    panel = MapPanel(data=MnistCache(mnist_dir=tmp_path))
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.message, timeout=5000) as blocker:
        panel.set_model(net)
    assert "needs the MNIST test images" in blocker.args[0]
    qtbot.waitUntil(lambda: panel._thread is None)


def test_a_hidden_map_places_the_star_when_shown(qtbot, panel, net, data):
    with qtbot.waitSignal(panel.maps_ready, timeout=5000):
        panel.set_model(net)
    panel.hide()
    x = data.get()[1][0]
    panel.set_input(x[5])
    assert panel.star.getData()[0].size == 0
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.star.getData()[0][0] == pytest.approx(panel.points.getData()[0][5], rel=1e-4, abs=1e-6)


def test_pointing_at_a_dot_with_the_mouse_shows_its_image(qtbot, panel, net, data):
    from PySide6.QtCore import QPointF
    with qtbot.waitSignal(panel.maps_ready, timeout=5000):
        panel.set_model(net)
    panel.resize(800, 600)
    qtbot.wait(50)
    px, py = panel.points.getData()
    # a dot far from the others, so that no neighbour is under the pointer too
    spread = np.hypot(px[:, None] - px[None, :], py[:, None] - py[None, :]) + np.eye(len(px)) * 1e9
    index = int(np.argmax(spread.min(axis=1)))
    view = panel.plot.getPlotItem().getViewBox()
    scene_point = view.mapViewToScene(QPointF(float(px[index]), float(py[index])))
    where = panel.plot.mapFromScene(scene_point)
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication
    viewport = panel.plot.viewport()
    qtbot.wait(100)   # pyqtgraph drops move events that follow one another too closely
    point = QPointF(where)   # a real move event, no button pressed (QTest's mouseMove does not hover)
    event = QMouseEvent(QEvent.Type.MouseMove, point, viewport.mapToGlobal(point), Qt.MouseButton.NoButton,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: panel.hover_label.text().startswith(f"Test image #{index}:"), timeout=2000)
    assert view.toolTip() == ""      # no x, y tip over the image's description


def test_a_model_of_other_sizes_never_meets_the_old_maps(qtbot, panel, net, data):
    with qtbot.waitSignal(panel.maps_ready, timeout=5000):
        panel.set_model(net)
    x = data.get()[1][0]
    other = MultiLayerNet(784, (5, 4, 3), 10, rng=np.random.default_rng(3))
    with qtbot.waitSignal(panel.maps_ready, timeout=5000):
        panel.set_model(other)
        assert panel.points.getData()[0].size == 0    # computing: the old dots are gone
        panel.set_input(x[2])                         # a stroke meanwhile: no star, no error
        assert panel.star.getData()[0].size == 0
    assert len(panel.maps) == 5 and panel.layer_combo.count() == 5
    panel.set_input(x[2])
    assert panel.star.getData()[0].size == 1
