"""The convolutional network in the window: Draw tab (chooser, bars, shapes, filters and feature
maps, why, steps, personal digits) and Inside tab (filters and feature maps live), real mouse."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from digitlab import resources
from digitlab.gui.draw import why_view as why_module
from digitlab.gui.draw.inside_view import feature_mosaic
from digitlab.gui.draw.input_view import conv_forward_shapes
from digitlab.gui.draw.tab import PREDICT_SIDE, DrawTab
from digitlab.gui.inside.tab import InsideTab
from digitlab.gui.mouse_replay import drag
from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.files.model_io import load_any, save_model
from digitlab.nn.model.convnet import ConvNet
from digitlab.nn.model.saliency import gradient_times_input, input_gradient
from test_draw_tab import paper_points, ring, settle


def small_conv(seed=0):
    return ConvNet(conv=((4, 5, 2), (6, 3, 1)), hidden_sizes=(12,), rng=np.random.default_rng(seed))


@pytest.fixture
def tab(qtbot):
    widget = DrawTab()
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def draw_ring(tab, qtbot):
    drag(tab.canvas, paper_points(tab.canvas, ring()))
    settle(qtbot, tab)
    return preprocess(tab.canvas.to_array(PREDICT_SIDE))


def test_feature_mosaic_lays_channels_out_with_gaps():
    maps = np.arange(4 * 3 * 3, dtype=np.float32).reshape(4, 3, 3)
    mosaic = feature_mosaic(maps)
    assert mosaic.shape == (2 * 4 - 1, 2 * 4 - 1)        # 2 x 2 tiles of 3 x 3, one gap between
    np.testing.assert_array_equal(mosaic[:3, :3], maps[0])
    np.testing.assert_array_equal(mosaic[4:, 4:], maps[3])
    assert np.isnan(mosaic[3]).all() and np.isnan(mosaic[:, 3]).all()


def test_the_shipped_conv_model_chosen_is_chosen_again_next_time(tab, qtbot):
    assert tab.load_default_model()
    assert tab.model_choice.settings_state() == {}                 # the default: nothing to remember
    tab.model_choice.combo.setCurrentIndex(1)
    state = tab.settings_state()
    assert state["model"] == "conv" and "model_file" not in state
    again = DrawTab()
    qtbot.addWidget(again)
    again.apply_settings_state(state)
    assert again.load_default_model()
    assert again.network.kind == "conv"
    assert again.model_choice.combo.currentData() == "Convolutional network (ch. 7)"


def test_conv_shapes_chain_from_the_image_to_ten_scores():
    text = conv_forward_shapes(((16, 5, 2), (32, 5, 2)), (128,))
    assert text.startswith("x (1×1×28×28) → conv W1 (16×1×5×5) + b1 → ReLU → pool → (1×16×14×14)")
    assert "conv W2 (32×16×5×5) + b2 → ReLU → pool → (1×32×7×7)" in text
    assert "→ (1×1568) · W3 (1568×128) + b3 → ReLU → (1×128) · W4 (128×10) + b4 → softmax → y (1×10)" in text
    assert conv_forward_shapes(((16, 5, 2),), (), batch=100).startswith("x (100×1×28×28)")


def test_the_chooser_offers_the_shipped_conv_model_beside_the_default(tab, qtbot):
    assert tab.load_default_model()
    choice = tab.model_choice
    names = [choice.combo.itemData(i) for i in range(choice.combo.count())]
    assert names == ["default model", "Convolutional network (ch. 7)"]
    assert tab.network is choice._models["default model"][0]     # the default stays the default
    choice.combo.setCurrentIndex(1)
    assert tab.network.kind == "conv" and tab.network.conv == ((16, 5, 2), (32, 5, 2))
    x = draw_ring(tab, qtbot)
    expected = tab.network.probabilities(x.reshape(1, 784))[0]
    np.testing.assert_allclose(tab.bars.probabilities, expected, rtol=1e-5)
    assert int(np.argmax(expected)) == 0       # the shipped model reads the ring as a 0
    assert "conv W1 (16×1×5×5)" in tab.input_view.shapes_label.text()
    assert not tab.input_view.flatten_box.isVisible()    # it reads the picture, not a 784-vector
    choice.combo.setCurrentIndex(0)
    assert tab.input_view.flatten_box.isVisible()


def test_an_opened_conv_file_answers_live_with_its_filters_and_feature_maps(tab, qtbot, tmp_path):
    net = small_conv()
    save_model(tmp_path / "conv.npz", net, {})
    assert tab.model_choice.open_model_file(tmp_path / "conv.npz")
    loaded = tab.network
    assert loaded.kind == "conv"
    x = draw_ring(tab, qtbot)
    p, hidden = loaded.probabilities_and_hidden(x.reshape(1, 784))
    np.testing.assert_allclose(tab.bars.probabilities, p[0], rtol=1e-5)
    view = tab.inside_view
    assert len(view.activation_maps) == 3      # two conv stages and one hidden layer
    filters = feature_mosaic(np.asarray(loaded.params["W1"])[:, 0])
    np.testing.assert_array_equal(view.weight_map.values, filters)
    np.testing.assert_allclose(view.activation_maps[0].values, feature_mosaic(hidden[0][0]), rtol=1e-5)
    np.testing.assert_allclose(view.activation_maps[1].values, feature_mosaic(hidden[1][0]), rtol=1e-5)
    assert [label.text() for label in view._captions][:2] == ["W1: 4 filters 5×5",
                                                              "conv 1: 4 feature maps"]


def test_why_and_nudge_explain_a_conv_model(tab, qtbot):
    net = small_conv(1)
    tab.set_model(net, "conv", None)
    x = draw_ring(tab, qtbot)
    tab.views.setCurrentWidget(tab.handwriting.why_page)
    why = tab.handwriting.why_view
    top = int(np.argmax(net.probabilities(x.reshape(1, -1))))
    np.testing.assert_allclose(why.heatmap.image.T, input_gradient(net, x, top).reshape(28, 28),
                               rtol=1e-5, atol=1e-7)
    why.times_input_box.setChecked(True)
    np.testing.assert_allclose(why.heatmap.image.T, gradient_times_input(net, x, top).reshape(28, 28),
                               rtol=1e-5, atol=1e-7)
    why.target_spin.setValue((top + 1) % 10)
    why.nudge_button.click()
    qtbot.waitUntil(lambda: not why.is_nudging(), timeout=50 * why_module.STEP_MS + 5000)
    assert why._step_count > 0 and "steps" in why.note.text()


def test_steps_and_personal_digits_work_with_a_conv_model(tab, qtbot, data_dir):
    net = small_conv(2)
    tab.set_model(net, "conv", None)
    x = draw_ring(tab, qtbot)
    tab.views.setCurrentWidget(tab.handwriting.steps_page)
    tab.handwriting.steps_view.centre_box.setChecked(False)
    settle(qtbot, tab)
    assert not np.array_equal(tab.input_view.x28, x)
    np.testing.assert_allclose(tab.bars.probabilities,
                               net.probabilities(tab.input_view.x28.reshape(1, 784))[0], rtol=1e-5)
    tab.handwriting.steps_view.centre_box.setChecked(True)
    settle(qtbot, tab)
    tab.handwriting.label_bar.keep_check.setChecked(True)
    said = int(np.argmax(net.probabilities(x.reshape(1, -1))))
    for _ in range(5):    # the fifth sample is the first test sample
        tab.handwriting.label_current(said)
    assert "1 of 1 test digits right" in tab.handwriting.label_bar.accuracy_label.text()


@pytest.fixture
def inside(qtbot):
    widget = InsideTab()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def test_inside_tab_shows_filters_and_feature_maps_of_the_drawing_live(inside, qtbot):
    net, _ = load_any(resources.path(*resources.CONV_MODEL))
    inside.set_model(net)
    assert inside.view_stack.currentWidget() is inside.conv_view
    assert inside.diagram.network is None
    assert "x (100×1×28×28)" in inside.chain.text()
    maps = inside.conv_view.maps
    np.testing.assert_array_equal(maps.weight_map.values, feature_mosaic(np.asarray(net.params["W1"])[:, 0]))
    canvas = inside.canvas
    drag(canvas, paper_points(canvas, ring()))
    qtbot.waitUntil(lambda: inside.x is not None, timeout=2000)
    p, hidden = net.probabilities_and_hidden(inside.x.reshape(1, 784))
    for i in range(2):
        np.testing.assert_allclose(maps.activation_maps[i].values, feature_mosaic(hidden[i][0]),
                                   rtol=1e-5)
    assert f"reads {int(np.argmax(p))}" in inside.conv_view.answer.text()


def test_every_inside_section_takes_a_conv_model_and_says_what_it_is_for(inside, qtbot):
    inside.set_model(small_conv())
    drag(inside.canvas, paper_points(inside.canvas, ring()))
    qtbot.waitUntil(lambda: inside.x is not None, timeout=2000)
    for index in range(inside.sections.count()):
        inside.sections.setCurrentIndex(index)
        qtbot.wait(10)
    assert "fully connected" in inside.neuron_panel.title.text()
    assert inside.backward_panel.unsupported and inside.lab_panel._unsupported
    inside.set_model(None)
    assert inside.view_stack.currentWidget() is inside.diagram
    assert "Click a neuron" in inside.neuron_panel.title.text()


def test_switching_to_the_conv_model_hides_the_old_heatmaps_at_once(tab, qtbot):
    from digitlab.nn.model.network import MultiLayerNet
    tab.set_model(MultiLayerNet(hidden_sizes=(16,), rng=np.random.default_rng(0)), "mlp", None)
    old = list(tab.inside_view._columns)
    assert old
    qtbot.waitUntil(lambda: all(column.isVisible() for column in old), timeout=2000)
    tab.set_model(small_conv(), "conv", None)
    assert not any(column.isVisible() for column in old)      # before deleteLater runs
    qtbot.waitUntil(lambda: all(column.isVisible() for column in tab.inside_view._columns),
                    timeout=2000)
