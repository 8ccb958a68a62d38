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


def test_the_not_sure_line_follows_the_threshold_chosen_on_the_coverage_curve(qtbot):
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    p = np.array([0.0, 0.0, 0.0, 0.6, 0.4, 0, 0, 0, 0, 0])
    bars.show_probabilities(p)
    assert not bars.detail_label.text().startswith("not sure")       # 0.6 >= the default 0.5
    bars.set_not_sure_below(0.7)
    assert bars.detail_label.text().startswith("not sure")          # the shown answer is redone
    bars.set_not_sure_below(0.5)
    assert not bars.detail_label.text().startswith("not sure")


def test_the_training_tabs_threshold_reaches_the_draw_tab(shown_window, qtbot):
    window = shown_window
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.training_tab is not None)
    window.training_tab.robustness_panel.set_threshold(0.8)
    assert window.draw_tab.bars.not_sure_below == 0.8
