"""The lab, backward and map sections in the window: edits reach the Draw tab, a paused training
reaches the map."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from digitlab.nn.model.network import MultiLayerNet


def one_ink():
    ink = np.zeros((120, 120), np.float32)
    ink[20:100, 55:68] = 1.0
    return ink


@pytest.fixture
def inside(shown_window, qtbot):
    window = shown_window
    window.draw_tab.set_model(MultiLayerNet(784, (30, 20), 10, rng=np.random.default_rng(0)), "small", None)
    window.tabs.setCurrentWidget(window.inside_page)
    inside = window.inside_page.widget
    assert inside is not None
    return window, inside


def test_the_sections_are_in_the_inside_tab(inside):
    window, tab = inside
    titles = [tab.sections.tabText(i) for i in range(tab.sections.count())]
    assert titles[-3:] == ["The lab (edit a copy and watch)", "Backward, for this one drawing",
                           "Where it sits among all digits (map)"]
    assert tab.lab_panel.editor.original is window.draw_tab.network


def test_a_lab_edit_answers_in_the_draw_tab_at_once(inside, qtbot):
    window, tab = inside
    window.draw_tab.show_image(one_ink(), "a one")
    window.draw_tab.refresh_now()
    tab.sections.setCurrentWidget(tab.lab_panel)
    lab = tab.lab_panel
    lab.prune_spin.setValue(90.0)
    qtbot.mouseClick(lab.prune_button, Qt.MouseButton.LeftButton)
    chosen = window.draw_tab.model_choice.current()
    assert chosen[1] == "Edited on the Inside tab"
    assert np.mean(chosen[0].params["W1"] == 0) == pytest.approx(0.9, abs=0.01)
    x = window.draw_tab.last_stages.centered.reshape(1, -1)
    np.testing.assert_allclose(window.draw_tab.bars.probabilities, chosen[0].probabilities(x)[0], rtol=1e-5)
    assert len(lab.editor.edits) == 1          # the edited model coming back did not reset the lab
    qtbot.mouseClick(lab.undo_button, Qt.MouseButton.LeftButton)
    assert np.mean(window.draw_tab.model_choice.current()[0].params["W1"] == 0) < 0.5


def test_backward_section_follows_the_draw_tab(inside, qtbot):
    window, tab = inside
    tab.sections.setCurrentWidget(tab.backward_panel)
    window.draw_tab.show_image(one_ink(), "a one")
    window.draw_tab.refresh_now()
    qtbot.waitUntil(lambda: tab.backward_panel.result is not None)
    predicted = int(np.argmax(window.draw_tab.bars.probabilities))
    assert int(np.argmax(tab.backward_panel.result.t)) == predicted


def test_a_paused_training_reaches_the_map(inside, qtbot):
    window, tab = inside
    window.tabs.setCurrentWidget(window.training_page)
    training = window.training_tab
    window.tabs.setCurrentWidget(window.inside_page)
    assert tab.map_panel.data is training.data        # MNIST shared, loaded once
    snapshot = MultiLayerNet(784, (8,), 10, rng=np.random.default_rng(5))
    training.live_model.emit(snapshot)
    assert tab.map_panel._network is not snapshot      # running: the map keeps its model
    training.state_changed.emit("paused")
    assert tab.map_panel._network is snapshot and tab.map_panel._in_training


def test_the_sections_switch_language_with_their_values(inside, qtbot):
    window, tab = inside
    window.draw_tab.show_image(one_ink(), "a one")
    window.draw_tab.refresh_now()
    tab.sections.setCurrentWidget(tab.lab_panel)
    tab.lab_panel.prune_spin.setValue(20.0)
    tab.lab_panel.prune_button.click()
    window.set_language("ko")   # every widget gets a LanguageChange, posted
    qtbot.waitUntil(lambda: tab.sections.tabText(tab.sections.indexOf(tab.lab_panel)) == "실험실 (사본을 고치며 지켜보기)")
    assert tab.lab_panel.prune_button.text() == "가지치기"
    assert tab.lab_panel.edits_label.text() == "수정 1개: 가중치 20% 가지침"
    assert tab.lab_panel.layer_combo.itemText(0) == "은닉층 1 (뉴런 30개)"
    assert tab.backward_panel.table.horizontalHeaderItem(2).text() == "수치 미분"
    assert tab.backward_panel.label_combo.itemText(0).startswith("예측한 숫자 (")
    assert tab.map_panel.layer_combo.itemText(0) == "입력 x (픽셀 784개)"
    window.set_language("en")
    qtbot.waitUntil(lambda: tab.lab_panel.edits_label.text() == "Edits (1): 20% of the weights pruned")


def test_mnist_loaded_by_the_inside_tab_goes_over_to_the_training_tabs_cache(qtbot):
    from digitlab.gui.inside.tab import InsideTab
    from digitlab.gui.training.mnist_cache import MnistCache
    tab = InsideTab()
    qtbot.addWidget(tab)
    x = np.zeros((3, 784), np.float32)
    loaded = MnistCache(data=((x, np.arange(3)), (x, np.arange(3))))
    tab.set_data(loaded)
    training_cache = MnistCache()
    tab.set_data(training_cache)
    assert tab.map_panel.data is training_cache and training_cache.loaded
    assert training_cache.get()[1][0] is x
    own = MnistCache(data=((x[:1], np.arange(1)), (x[:1], np.arange(1))))
    own.adopt(training_cache)             # a cache with arrays of its own keeps them
    assert own.get()[1][0].shape == (1, 784)


def test_a_lab_edit_keeps_the_digit_drawn_on_the_inside_tab(inside, qtbot):
    from digitlab.gui.mouse_replay import replay
    from digitlab.nn.data.strokes import drawn_digit
    window, tab = inside
    tab.sections.setCurrentWidget(tab.lab_panel)
    _, strokes = drawn_digit(7, np.random.default_rng(2), pen_width=18.0)
    replay(tab.canvas, strokes)                      # real mouse events on the small canvas
    qtbot.waitUntil(lambda: tab.x is not None)
    drawn = tab.x.copy()
    tab.lab_panel.prune_spin.setValue(30.0)
    qtbot.mouseClick(tab.lab_panel.prune_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert window.draw_tab.model_choice.current()[1] == "Edited on the Inside tab"
    assert tab.x is not None and np.array_equal(tab.x, drawn)   # the Draw tab's empty canvas did not win
    window.draw_tab.show_image(one_ink(), "a one")   # a new drawing on the Draw tab still does
    window.draw_tab.refresh_now()
    qtbot.waitUntil(lambda: not np.array_equal(tab.x, drawn))


def test_a_convolutional_model_is_explained_not_edited(qtbot):
    from digitlab.gui.inside.backward_panel import BackwardPanel
    from digitlab.gui.inside.lab_panel import LabPanel
    from digitlab.gui.inside.map_panel import MapPanel
    from digitlab.gui.training.mnist_cache import MnistCache
    from digitlab.nn.model.convnet import ConvNet
    conv = ConvNet(conv=((4, 5, 2),), hidden_sizes=(8,), rng=np.random.default_rng(0))
    x = np.random.default_rng(1).random(784).astype(np.float32)
    data = MnistCache(data=((x[None], np.zeros(1, int)), (x[None], np.zeros(1, int))))
    lab, backward, map_panel = LabPanel(data=data), BackwardPanel(), MapPanel(data=data)
    for panel in (lab, backward, map_panel):
        qtbot.addWidget(panel)
        panel.show()
        panel.set_model(conv)
        panel.set_input(x)
    assert lab.editor is None and not lab.prune_button.isEnabled()
    assert "convolution layers" in lab.answer_label.text()
    assert backward.result is None and "convolution layers" in backward.loss_label.text()
    assert map_panel.maps is None and "convolution layers" in map_panel.status_label.text()
    lab.set_model(MultiLayerNet(784, (6,), 10, rng=np.random.default_rng(0)))
    assert lab.prune_button.isEnabled() and "convolution" not in lab.answer_label.text()
