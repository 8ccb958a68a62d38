"""gui/inside/chapter3_panel.py: the book's toy network digit for digit, editable; softmax's overflow."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from digitlab.gui.inside.chapter3_panel import Chapter3Panel, parse_array


def make(qtbot):
    panel = Chapter3Panel()
    qtbot.addWidget(panel)
    panel.resize(1100, 330)
    panel.show()
    return panel


def test_every_intermediate_with_its_shape_as_the_book_prints_it(qtbot):
    panel = make(qtbot)
    text = panel.results.text()
    for line in ("x  (2,)  [1.  0.5]", "a1 = x · W1 + b1  (3,)", "[0.3 0.7 1.1]",
                 "[0.57444252 0.66818777 0.75026011]", "[0.51615984 1.21402696]",
                 "[0.62624937 0.7710107 ]", "a3 = z2 · W3 + b3  (2,)", "y = identity(a3)  (2,)",
                 "[0.31682708 0.69627909]"):
        assert line in text


def test_the_student_edits_a_weight_and_puts_the_book_back(qtbot):
    panel = make(qtbot)
    edit = panel.edits["W3"]
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "[[1, 0], [0, 1]]")
    text = panel.results.text()
    assert "[0.72624937 0.9710107 ]" in text.split("a3")[1]     # y = z2 + b3 now
    assert "0.31682708" not in text
    edit.selectAll()
    QTest.keyClicks(edit, "[[1, 0]]")                          # the wrong shape
    assert "right shape" in panel.results.text() and "W3 (2, 2)" in panel.results.text()
    assert "border" in edit.styleSheet()
    QTest.keyClick(panel.reset_button, Qt.Key.Key_Space)
    assert "[0.31682708 0.69627909]" in panel.results.text() and edit.styleSheet() == ""
    assert panel.reset_button.toolTip() and all(e.accessibleName() for e in panel.edits.values())


def test_softmax_the_course_example_the_naive_nan_and_the_stable_values(qtbot):
    panel = make(qtbot)       # warnings are errors: the naive overflow must not warn here
    text = panel.softmax_text.text()
    assert "[0.01821127 0.24519181 0.73659691], sum 1.0" in text
    assert "[nan nan nan]" in text and "inf / inf is nan" in text
    assert "[9.99954600e-01 4.53978686e-05 2.06106005e-09]" in text
    panel.scores.setText("[1, 2, 3]")
    assert "nan" not in panel.softmax_text.text()
    panel.scores.setText("[1, oops")
    assert "Type two or more scores" in panel.softmax_text.text()


def test_step_sigmoid_and_relu_on_minus_five_to_five(qtbot):
    panel = make(qtbot)
    plot = panel.plot
    assert [name for name, _, _ in plot.curves] == ["step", "sigmoid", "relu"]
    assert plot.ranges()[:2] == (-5.0, 5.0)


def test_parse_array_takes_lists_of_the_shape_only():
    np.testing.assert_array_equal(parse_array("[[1, 2], [3, 4]]", (2, 2)), [[1, 2], [3, 4]])
    assert parse_array("[1, 2]", (2, 2)) is None
    assert parse_array("__import__('os')", (2,)) is None
    assert parse_array("[1, nan]", (2,)) is None and parse_array("[1e999, 1]", (2,)) is None
