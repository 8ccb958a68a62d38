"""Draw tab handwriting features: “This is a k”, why it decided (heatmap, nudge), steps."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from digitlab.gui.draw import why_view as why_module
from digitlab.gui.draw.personal_store import FILE_NAME
from digitlab.gui.draw.tab import PREDICT_SIDE, DrawTab
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.data.personal import PersonalSet
from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.data.preprocess_steps import preprocess_steps
from digitlab.nn.model.saliency import gradient_times_input, input_gradient

from digitlab.gui.mouse_replay import drag
from test_draw_tab import paper_points, ring, settle


@pytest.fixture
def tab(qtbot):
    widget = DrawTab()
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def small_corner_ring():
    """A small 0 up and left: every preprocessing step has something to do."""
    return [(0.35 + 0.5 * (x - 0.5), 0.35 + 0.5 * (y - 0.5)) for x, y in ring()]


def with_model_and_drawing(tab, qtbot, seed=0):
    net = MultiLayerNet(hidden_sizes=(32,), rng=np.random.default_rng(seed))
    tab.set_model(net, "test net", None)
    drag(tab.canvas, paper_points(tab.canvas, small_corner_ring()))
    settle(qtbot, tab)
    return net


def test_alt_digit_stores_the_drawing_and_it_reloads(tab, qtbot, data_dir):
    with_model_and_drawing(tab, qtbot)
    tab.handwriting.label_bar.keep_check.setChecked(True)     # the same drawing labelled twice
    messages = []
    tab.message.connect(messages.append)
    qtbot.keyClick(tab.canvas, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    tab.handwriting.label_bar.actions_by_digit[7].trigger()
    loaded = PersonalSet.load(data_dir / FILE_NAME)
    assert [s.label for s in loaded] == [3, 7]
    expected = preprocess(tab.canvas.to_array(PREDICT_SIDE))
    np.testing.assert_allclose(loaded[0].image, expected, atol=1e-6)
    assert len(loaded[0].strokes) == 1 and loaded[0].strokes[0].shape[1] == 2
    assert "Stored as a 7" in messages[-1]
    assert "2 of your digits" in tab.handwriting.label_bar.accuracy_label.text()


def test_labelling_an_empty_canvas_stores_nothing(tab, qtbot, data_dir):
    messages = []
    tab.message.connect(messages.append)
    assert not tab.handwriting.label_current(4)
    assert not (data_dir / FILE_NAME).exists()
    assert "Draw a digit first" in messages[-1]


def test_test_split_accuracy_is_shown_for_the_model_in_use(tab, qtbot):
    net = with_model_and_drawing(tab, qtbot)
    tab.handwriting.label_bar.keep_check.setChecked(True)
    said = int(np.argmax(net.probabilities(tab.input_view.x28.reshape(1, -1))))
    for _ in range(5):    # the fifth sample (id 4) is the first test sample
        tab.handwriting.label_current(said)
    assert "1 of 1 test digits right" in tab.handwriting.label_bar.accuracy_label.text()


def test_hidden_why_view_computes_nothing_while_drawing(tab, qtbot, monkeypatch):
    calls = []
    monkeypatch.setattr(why_module, "input_gradient", lambda *a, **k: calls.append(1))
    with_model_and_drawing(tab, qtbot)
    # not even built until first shown: they would add five plots to the start-up
    assert tab.handwriting.why_page.widget is None and tab.handwriting.steps_page.widget is None
    assert not tab.handwriting.why_view.isVisible() and calls == []


def test_heatmap_is_the_input_gradient_of_the_chosen_class(tab, qtbot):
    net = with_model_and_drawing(tab, qtbot)
    tab.views.setCurrentWidget(tab.handwriting.why_page)
    why = tab.handwriting.why_view
    x = tab.input_view.x28
    top = int(np.argmax(net.probabilities(x.reshape(1, -1))))
    np.testing.assert_allclose(why.heatmap.image.T, input_gradient(net, x, top).reshape(28, 28),
                               rtol=1e-6)
    why.class_combo.setCurrentIndex(why.class_combo.findData(5))
    why.times_input_box.setChecked(True)
    np.testing.assert_allclose(why.heatmap.image.T,
                               gradient_times_input(net, x, 5).reshape(28, 28), rtol=1e-6)
    assert np.all(why.heatmap.image.T[x == 0] == 0)


def test_nudge_flips_the_answer_and_back_restores_the_drawing(tab, qtbot):
    net = with_model_and_drawing(tab, qtbot)
    tab.views.setCurrentWidget(tab.handwriting.why_page)
    why = tab.handwriting.why_view
    original = tab.input_view.x28.copy()
    top = int(np.argmax(net.probabilities(original.reshape(1, -1))))
    target = (top + 1) % 10
    why.target_spin.setValue(target)
    why.nudge_button.click()
    assert why.is_nudging()
    qtbot.waitUntil(lambda: not why.is_nudging(), timeout=50 * why_module.STEP_MS + 3000)
    assert int(np.argmax(tab.bars.probabilities)) == target
    assert 0 < why._step_count <= 50
    assert not np.array_equal(tab.input_view.x28, original)
    assert f"says {target}" in why.note.text() and "of 784 by more than" in why.note.text()
    why.back_button.click()
    np.testing.assert_array_equal(tab.input_view.x28, original)
    assert int(np.argmax(tab.bars.probabilities)) == top


@pytest.mark.parametrize("switch", ["crop", "scale", "centre"])
def test_each_step_switch_changes_the_input_as_nn_says(tab, qtbot, switch):
    with_model_and_drawing(tab, qtbot)
    tab.views.setCurrentWidget(tab.handwriting.steps_page)
    steps = tab.handwriting.steps_view
    before = tab.input_view.x28.copy()
    p_before = tab.bars.probabilities.copy()
    getattr(steps, f"{switch}_box").setChecked(False)
    settle(qtbot, tab)
    expected = preprocess_steps(tab.canvas.to_array(PREDICT_SIDE), **{switch: False}).centered
    np.testing.assert_array_equal(tab.input_view.x28, expected)
    assert not np.array_equal(before, expected)
    assert not np.allclose(tab.bars.probabilities, p_before)
    np.testing.assert_array_equal(steps.images[3].image.T, expected)


def test_the_steps_view_waits_for_the_pen_and_changes_no_answer(tab, qtbot, monkeypatch):
    from PySide6.QtCore import QEvent, QPointF
    from digitlab.gui.mouse_replay import send_mouse
    net = MultiLayerNet(hidden_sizes=(32,), rng=np.random.default_rng(0))
    tab.set_model(net, "test net", None)
    points = [QPointF(x, y) for x, y in paper_points(tab.canvas, small_corner_ring())]
    drag(tab.canvas, [(p.x(), p.y()) for p in points])          # the inside view open
    settle(qtbot, tab)
    answer_without = tab.bars.probabilities.copy()
    tab.canvas.clear()
    tab.views.setCurrentWidget(tab.handwriting.steps_page)
    steps = tab.handwriting.steps_view
    shown = []
    real_show = steps.show_stages
    monkeypatch.setattr(steps, "show_stages", lambda stages: shown.append(stages) or real_show(stages))
    send_mouse(tab.canvas, QEvent.Type.MouseButtonPress, points[0])
    for point in points[1:]:
        send_mouse(tab.canvas, QEvent.Type.MouseMove, point)
        qtbot.wait(2)                      # frames pass while the pen moves
    settle(qtbot, tab)
    assert shown == []                     # no repaint of the four steps while the pen is down
    send_mouse(tab.canvas, QEvent.Type.MouseButtonRelease, points[-1])
    settle(qtbot, tab)
    assert len(shown) >= 1 and shown[-1] is tab.last_stages
    np.testing.assert_array_equal(steps.images[3].image.T, tab.last_stages.centered)
    np.testing.assert_allclose(tab.bars.probabilities, answer_without)   # the same answer


def test_this_is_a_k_clears_the_canvas_for_the_next_sample_unless_kept(tab, qtbot, data_dir):
    with_model_and_drawing(tab, qtbot)
    drawn = tab.canvas.to_array(PREDICT_SIDE)
    tab.handwriting.label_bar.actions_by_digit[0].trigger()
    assert tab.canvas.is_empty()                                  # ready for the next sample
    tab.undo_action.trigger()                                     # and Ctrl+Z brings it back
    np.testing.assert_array_equal(tab.canvas.to_array(PREDICT_SIDE), drawn)
    tab.handwriting.label_bar.keep_check.setChecked(True)
    tab.handwriting.label_bar.actions_by_digit[0].trigger()
    assert not tab.canvas.is_empty()
    assert [s.label for s in PersonalSet.load(data_dir / FILE_NAME)] == [0, 0]
    assert tab.settings_state()["keep_labelled"] is True
    tab.apply_settings_state({})
    assert not tab.handwriting.label_bar.keep_check.isChecked()


def test_the_panel_works_without_a_draw_tab_and_speaks_through_its_signals(qtbot, data_dir):
    from digitlab.gui.draw.canvas import DrawingCanvas
    from digitlab.gui.draw.handwriting import HandwritingPanel

    canvas = DrawingCanvas()
    panel = HandwritingPanel(canvas)
    qtbot.addWidget(canvas)
    qtbot.addWidget(panel)
    canvas.resize(300, 300)
    canvas.show()
    qtbot.waitExposed(canvas)
    net = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(0))
    panel.set_network(net)
    panel.label_bar.keep_check.setChecked(True)      # the drawing is used again below
    messages = []
    panel.message.connect(messages.append)
    assert not panel.label_current(2) and "Draw a digit first" in messages[-1]
    drag(canvas, paper_points(canvas, small_corner_ring()))
    x28 = preprocess(canvas.to_array(PREDICT_SIDE))
    said = int(np.argmax(net.probabilities(x28.reshape(1, -1))))
    assert panel.label_current(said)
    assert messages[-1] == f"Stored as a {said} in your digits (1 in all)."
    panel.show_answer(None)
    assert not panel.label_bar.actions_by_digit[said].isEnabled()
    panel.show_answer(panel.stages(canvas.to_array(PREDICT_SIDE)))
    assert panel.label_bar.actions_by_digit[said].isEnabled()
    with qtbot.waitSignal(panel.steps_changed):
        panel.steps_view.crop_box.setChecked(False)
    with qtbot.waitSignal(panel.restore_requested):
        panel.why_view.restore_requested.emit()
    with qtbot.waitSignal(panel.nudged) as nudged:
        panel.why_view.nudged.emit(x28, np.full(10, 0.1))
    assert nudged.args[0] is x28
