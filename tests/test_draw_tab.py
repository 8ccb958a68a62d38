"""DrawTab: live prediction from real mouse strokes, empty canvas, images, model switching."""
import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from digitlab import resources
from digitlab.gui.draw.tab import ANSWER_GAP_MS, PREDICT_SIDE, DrawTab
from digitlab.nn.files.model_io import save_model
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.data.preprocess import preprocess

from digitlab.gui.mouse_replay import drag, send_mouse


def press(canvas, x, y):
    send_mouse(canvas, QEvent.Type.MouseButtonPress, QPointF(x, y))


def move(canvas, x, y):
    """A move with the left button held."""
    send_mouse(canvas, QEvent.Type.MouseMove, QPointF(x, y))


def paper_points(canvas, unit_points):
    """Unit-square points -> widget coordinates on the canvas's square paper."""
    side = min(canvas.width(), canvas.height())
    left, top = (canvas.width() - side) / 2, (canvas.height() - side) / 2
    return [(round(left + x * side), round(top + y * side)) for x, y in unit_points]


def ring(n=24):
    a = np.linspace(0, 2 * np.pi, n + 1)
    return list(zip(0.5 + 0.22 * np.cos(a), 0.5 + 0.32 * np.sin(a)))


def random_net(seed, hidden=(16,)):
    return MultiLayerNet(hidden_sizes=hidden, rng=np.random.default_rng(seed))


@pytest.fixture
def tab(qtbot):
    widget = DrawTab()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def expected_probabilities(tab, network):
    """Independent oracle: nn applied to the canvas's own array."""
    x = preprocess(tab.canvas.to_array(PREDICT_SIDE)).reshape(1, 784)
    return network.probabilities(x.astype(network.dtype))[0]


def settle(qtbot, tab):
    """Wait until the frame-rate throttle has delivered the last change."""
    qtbot.waitUntil(lambda: tab.is_settled(), timeout=2000)


def test_empty_canvas_shows_a_hint_and_empty_bars(tab):
    assert "Draw a digit" in tab.bars.detail_label.text()
    assert tab.bars.digit_label.text() == "–"
    assert tab.bars.probabilities is None
    np.testing.assert_array_equal(tab.bars.chart.heights, np.zeros(10))


def test_without_a_model_the_input_is_shown_but_no_answer(tab, qtbot):
    drag(tab.canvas, paper_points(tab.canvas, ring()))
    settle(qtbot, tab)
    assert tab.bars.probabilities is None
    assert tab.input_view.x28.max() > 0.5
    assert "No model" in tab.bars.detail_label.text()


def test_bars_follow_the_network_while_drawing(tab, qtbot):
    net = random_net(0)
    tab.set_model(net, "random", None)
    points = paper_points(tab.canvas, ring())
    press(tab.canvas, *points[0])
    with qtbot.waitSignal(tab.prediction_updated, timeout=2000):
        for x, y in points[1:12]:
            move(tab.canvas, x, y)
    settle(qtbot, tab)
    assert tab.canvas.stroke_count() == 1           # the stroke is still being drawn
    expected = expected_probabilities(tab, net)
    np.testing.assert_allclose(tab.bars.chart.heights, expected, rtol=1e-5)
    assert tab.bars.digit_label.text() == str(int(np.argmax(expected)))
    assert tab.bars.chart.top == int(np.argmax(expected))   # the one bar in the highlight colour
    np.testing.assert_allclose(tab.input_view.x28, preprocess(tab.canvas.to_array(PREDICT_SIDE)))


def answered_ring(tab, qtbot, n, between):
    """A random model in use, then a ring of n moves drawn, between(qtbot) after each move;
    returns (net, the answers the bars got, the points, the seconds it took)."""
    net = random_net(0)
    tab.set_model(net, "random", None)
    settle(qtbot, tab)
    answers = []
    tab.prediction_updated.connect(answers.append)
    points = paper_points(tab.canvas, ring(n))
    start = time.perf_counter()
    press(tab.canvas, *points[0])
    for x, y in points[1:]:
        move(tab.canvas, x, y)
        between(qtbot)
    seconds = time.perf_counter() - start
    settle(qtbot, tab)
    return net, answers, points, seconds


def test_a_burst_of_moves_gets_one_answer_that_includes_the_last(tab, qtbot):
    # the moves are delivered before the event loop runs again
    net, answers, _, _ = answered_ring(tab, qtbot, 60, lambda qtbot: None)
    assert len(answers) == 1
    np.testing.assert_allclose(answers[0], expected_probabilities(tab, net), rtol=1e-5)


def test_bars_answer_every_move_and_heatmaps_at_most_once_a_frame(tab, qtbot, monkeypatch):
    """Moves with the event loop between them (as a mouse gives them): each one reaches the bars;
    the heatmaps, which cost more to draw, follow at most once per frame and end on the last."""
    heatmap_updates = []
    show_activations = tab.inside_view.show_activations
    monkeypatch.setattr(tab.inside_view, "show_activations",
                        lambda hidden: (heatmap_updates.append(hidden), show_activations(hidden)))
    net, answers, points, seconds = answered_ring(
        tab, qtbot, 60, lambda qtbot: qtbot.waitUntil(lambda: not tab._answer.isActive(), timeout=2000))
    assert len(answers) == len(points) - 1     # every move (the press shares the first answer)
    assert 1 <= len(heatmap_updates) <= 2 + seconds * 1000 / tab._frame.interval()
    hidden = net.probabilities_and_hidden(preprocess(tab.canvas.to_array(PREDICT_SIDE))
                                          .reshape(1, 784).astype(net.dtype))[1]
    np.testing.assert_allclose(tab.inside_view.activation_maps[0].values.ravel()[:16],
                               hidden[0].ravel(), rtol=1e-5)


def test_a_fast_mouse_gets_at_most_one_answer_per_gap(tab, qtbot):
    """A 1000 Hz mouse (here: moves as fast as the loop takes them) costs at most one answer per
    ANSWER_GAP_MS, and the last move is still answered."""
    net, answers, points, seconds = answered_ring(tab, qtbot, 200, lambda qtbot: qtbot.wait(0))
    assert len(answers) <= 2 + seconds * 1000 / ANSWER_GAP_MS
    assert len(answers) < len(points) - 1
    np.testing.assert_allclose(answers[-1], expected_probabilities(tab, net), rtol=1e-5)


def test_undo_and_clear_return_to_the_empty_state(tab, qtbot):
    tab.set_model(random_net(0), "random", None)
    drag(tab.canvas, paper_points(tab.canvas, [(0.5, 0.2), (0.5, 0.8)]))
    drag(tab.canvas, paper_points(tab.canvas, [(0.3, 0.3), (0.7, 0.3)]))
    settle(qtbot, tab)
    with qtbot.waitSignal(tab.prediction_updated):
        tab.undo_action.trigger()
    assert tab.bars.probabilities is not None and tab.canvas.stroke_count() == 1
    with qtbot.waitSignal(tab.prediction_updated) as blocker:
        tab.clear_action.trigger()
    settle(qtbot, tab)
    assert blocker.args == [None] and tab.bars.probabilities is None
    np.testing.assert_array_equal(tab.bars.chart.heights, np.zeros(10))


def test_a_flat_network_is_not_sure(tab, qtbot):
    net = random_net(0)
    for name in net.params:
        net.params[name][...] = 0.0      # every digit gets probability 0.1
    tab.set_model(net, "undecided", None)
    drag(tab.canvas, paper_points(tab.canvas, ring()))
    settle(qtbot, tab)
    assert "not sure" in tab.bars.detail_label.text()


def test_switching_models_changes_the_answer_and_the_description(tab, qtbot, tmp_path):
    first, second = random_net(1), random_net(2, hidden=(32, 8))
    save_model(tmp_path / "second.npz", second, {"test_accuracy": 0.912})
    tab.set_model(first, "first", None)
    drag(tab.canvas, paper_points(tab.canvas, ring()))
    settle(qtbot, tab)
    np.testing.assert_allclose(tab.bars.probabilities, expected_probabilities(tab, first), rtol=1e-5)
    with qtbot.waitSignal(tab.model_changed) as changed:
        assert tab.model_choice.open_model_file(tmp_path / "second.npz")
    assert changed.args == ["second.npz (test accuracy 91.2%)"]
    assert tab.model_choice.combo.currentText() == "second.npz (91.2%)"
    settle(qtbot, tab)
    loaded = tab.network
    assert loaded.sizes == (784, 32, 8, 10)
    np.testing.assert_allclose(tab.bars.probabilities, expected_probabilities(tab, loaded), rtol=1e-5)
    assert len(tab.inside_view.activation_maps) == 2
    assert "W2 (32×8)" in tab.input_view.shapes_label.text()
    tab.model_choice.combo.setCurrentIndex(0)
    assert tab.network is first


def test_a_live_model_replaces_the_one_in_use(tab, qtbot):
    tab.set_model(random_net(1), "Training (live)", None)
    tab.offer_model(random_net(2), "other", None)
    newer = random_net(3)
    tab.offer_model(newer, "Training (live)", None)
    assert tab.network is newer
    assert tab.model_choice.combo.count() == 2


def test_a_bad_model_file_keeps_the_current_model(tab, qtbot, tmp_path):
    net = random_net(0)
    tab.set_model(net, "kept", None)
    bad = tmp_path / "weights.npz"
    bad.write_bytes(b"not a zip file")
    with qtbot.waitSignal(tab.message) as message:
        assert not tab.model_choice.open_model_file(bad)
    assert "weights.npz" in message.args[0]
    assert tab.network is net


def _write_image(path, draw_digit):
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("black"), 14))
    draw_digit(painter)
    painter.end()
    assert image.save(str(path))


def test_an_opened_image_gets_the_same_preprocessing(tab, qtbot, tmp_path):
    net = random_net(0)
    tab.set_model(net, "random", None)
    _write_image(tmp_path / "seven.png", lambda p: (p.drawLine(50, 40, 150, 40),
                                                    p.drawLine(150, 40, 90, 170)))
    with qtbot.waitSignal(tab.prediction_updated):
        assert tab.open_image(tmp_path / "seven.png")
    settle(qtbot, tab)
    from digitlab.gui.draw.image_io import load_image_gray
    x = preprocess(load_image_gray(tmp_path / "seven.png")).reshape(1, 784)
    np.testing.assert_allclose(tab.bars.probabilities, net.probabilities(x)[0], rtol=1e-5)


def test_a_bad_image_file_says_so_and_keeps_the_drawing(tab, qtbot, tmp_path):
    drag(tab.canvas, paper_points(tab.canvas, ring()))
    bad = tmp_path / "scan.png"
    bad.write_text("this is text")
    with qtbot.waitSignal(tab.message) as message:
        assert not tab.open_image(bad)
    assert "scan.png" in message.args[0]
    assert tab.canvas.stroke_count() == 1


def _trained_model():
    path = resources.path(*resources.DEFAULT_MODEL)
    if path.exists():
        return path
    pytest.skip(f"the shipped model {path} is not there yet")


@pytest.mark.parametrize("digit, unit_points", [
    (1, [(0.5, 0.15), (0.5, 0.85)]),
    (0, ring()),
    (7, [(0.3, 0.2), (0.7, 0.2), (0.45, 0.85)]),
])
def test_the_shipped_model_reads_drawn_digits(tab, qtbot, digit, unit_points):
    assert tab.model_choice.open_model_file(_trained_model())
    drag(tab.canvas, paper_points(tab.canvas, unit_points))
    settle(qtbot, tab)
    assert tab.bars.digit_label.text() == str(digit)


@pytest.mark.parametrize("digit, unit_points", [
    (1, [(0.5, 0.15), (0.5, 0.85)]),
    (0, ring()),
    (7, [(0.3, 0.2), (0.7, 0.2), (0.45, 0.85)]),
])
def test_the_textbook_weights_read_drawn_digits(tab, qtbot, dlfs_weights, digit, unit_points):
    assert tab.model_choice.open_model_file(dlfs_weights)
    assert tab.network.sizes == (784, 50, 100, 10)
    drag(tab.canvas, paper_points(tab.canvas, unit_points))
    settle(qtbot, tab)
    assert tab.bars.digit_label.text() == str(digit)
