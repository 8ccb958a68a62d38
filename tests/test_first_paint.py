"""gui/first_paint.py: a callback once a widget's first frame is painted, never after it is gone."""
import shiboken6
from PySide6.QtCore import QRect
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from digitlab.gui.first_paint import AfterFirstPaint


def test_the_callback_runs_once_after_the_first_paint(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = []
    AfterFirstPaint(widget, lambda: calls.append(widget.isVisible()))
    widget.show()
    qtbot.waitUntil(lambda: calls == [True])
    widget.update()
    qtbot.wait(30)
    assert calls == [True]


def test_a_widget_deleted_between_its_paint_and_the_callback_gets_no_callback(qtbot):
    widget = QWidget()
    calls = []
    AfterFirstPaint(widget, lambda: calls.append(1))
    QApplication.sendEvent(widget, QPaintEvent(QRect(0, 0, 10, 10)))   # the callback is now due
    shiboken6.delete(widget)
    qtbot.wait(30)
    assert calls == []
