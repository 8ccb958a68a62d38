"""gui/draw/probability_bars.py: the answer's texts follow every pen move without re-laying out the window."""
import numpy as np
from PySide6.QtCore import QEvent, QObject

from digitlab.gui.draw.probability_bars import AnswerText, ProbabilityBars


class LayoutRequests(QObject):
    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        self.count += event.type() == QEvent.Type.LayoutRequest
        return False


def test_a_new_answer_repaints_without_a_new_layout(qtbot):
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.resize(300, 400)
    bars.show()
    qtbot.waitExposed(bars)
    rng = np.random.default_rng(0)
    bars.show_probabilities(rng.dirichlet(np.ones(10)))   # from the two-line hint to an answer
    qtbot.wait(1)
    requests = LayoutRequests(bars)
    for _ in range(20):
        p = rng.dirichlet(np.ones(10) * 0.3)
        bars.show_probabilities(p)
        qtbot.wait(1)
        assert bars.digit_label.text() == str(int(np.argmax(p)))
        assert f"{np.max(p):.0%}" in bars.detail_label.text()
    assert requests.count == 0


def test_a_longer_text_takes_more_lines_and_the_layout_follows(qtbot):
    text = AnswerText("short")
    qtbot.addWidget(text)
    text.resize(120, text.sizeHint().height())
    one_line = text.sizeHint().height()
    text.setText("Draw a digit to see what the network thinks, and a few more words to wrap.")
    assert text.sizeHint().height() >= 2 * one_line - 2
    image = text.grab().toImage()
    assert image.width() == 120
