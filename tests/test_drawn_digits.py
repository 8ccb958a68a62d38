"""The shipped model in the Draw tab reads pen-drawn digits that are not MNIST, drawn with the mouse.

Digits come from digitlab.nn.data.strokes (vector skeletons, random style, pen width, tilt, size, position on a
280 px canvas); each is replayed as real mouse press / move / release events on the DrawingCanvas
of a DrawTab, scaled to the canvas' actual size, and the digit the tab shows is read off.
The shipped model saw other digits of this generator in training (`train --drawn`); the outside
check with glyphs it never saw is nn/checks/hershey.py (test_shipped_model.py).
"""
import numpy as np
import pytest

from digitlab import resources
from digitlab.gui.draw.tab import DrawTab
from digitlab.nn.training.evaluate import confusion_matrix
from digitlab.nn.files.model_io import load_any
from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.data.strokes import drawn_digit

from digitlab.gui.mouse_replay import replay

SEED = 4242            # a seed no training, script or other test uses
PER_DIGIT = 10


@pytest.fixture(scope="module")
def shipped_model():
    path = resources.path(*resources.DEFAULT_MODEL)
    if not path.exists():
        pytest.skip(f"the shipped model {path} is not there yet (it is trained separately)")
    return path


@pytest.fixture
def tab(qtbot, shipped_model):
    widget = DrawTab()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.model_choice.open_model_file(shipped_model)
    return widget


def shown_digit(qtbot, tab) -> int:
    qtbot.waitUntil(lambda: tab.is_settled(), timeout=2000)
    text = tab.bars.digit_label.text()
    return int(text) if text.isdigit() else -1


@pytest.mark.slow
def test_the_shipped_model_reads_digits_drawn_on_the_canvas(tab, qtbot, shipped_model):
    network, _ = load_any(shipped_model)
    rng = np.random.default_rng(SEED)
    labels = np.tile(np.arange(10), PER_DIGIT)
    shown, direct = np.empty_like(labels), np.empty_like(labels)
    for i, digit in enumerate(labels):
        pen_width = rng.uniform(12.0, 26.0)
        image, strokes = drawn_digit(int(digit), rng, pen_width=pen_width)
        tab.canvas.clear()
        replay(tab.canvas, strokes, pen_width)
        assert tab.canvas.stroke_count() == len(strokes)
        shown[i] = shown_digit(qtbot, tab)
        # the same digit rendered by NumPy, without the canvas: tells canvas from model faults
        x = preprocess(image).reshape(1, 784).astype(network.dtype)
        direct[i] = int(np.argmax(network.predict(x)))
    accuracy = float(np.mean(shown == labels))
    confusion = confusion_matrix(labels, np.where(shown < 0, labels, shown))
    mistakes = [(int(t), int(y)) for t, y in zip(labels, shown) if t != y]
    assert accuracy >= 0.95, (f"{accuracy:.0%} on the canvas, {np.mean(direct == labels):.0%} "
                              f"without it; (true, shown): {mistakes}\n{confusion}")
    assert np.mean(shown == direct) >= 0.95     # the canvas draws what nn.strokes renders
