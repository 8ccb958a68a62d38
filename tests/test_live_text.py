"""gui.live_text: texts with values are made again from their values after a language switch."""
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from digitlab.gui.language import set_language
from digitlab.gui.live_text import LiveTexts, follow_language


def lower_to(lr: float) -> str:
    return QCoreApplication.translate("TrainingControls", "Lower the learning rate to {0:g} and reset").format(lr)


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    widget.label = QLabel(widget)
    QVBoxLayout(widget).addWidget(widget.label)
    qtbot.addWidget(widget)
    yield widget
    set_language(QApplication.instance(), "en")


def switch(qtbot, code: str) -> None:
    set_language(QApplication.instance(), code)
    qtbot.wait(20)          # LanguageChange events are posted


def test_a_shown_text_is_made_again_in_each_language(owner, qtbot):
    texts = LiveTexts(owner)
    texts.show(owner.label.setText, lambda: lower_to(0.05))
    assert owner.label.text() == "Lower the learning rate to 0.05 and reset"
    switch(qtbot, "ko")
    assert owner.label.text() == "학습률을 0.05(으)로 낮추고 초기화"
    switch(qtbot, "en")
    assert owner.label.text() == "Lower the learning rate to 0.05 and reset"


def test_the_last_text_shown_wins_and_a_fixed_text_drops_the_maker(owner, qtbot):
    texts = LiveTexts(owner)
    texts.show(owner.label.setText, lambda: lower_to(0.05))
    texts.show(owner.label.setText, lambda: lower_to(0.2))
    switch(qtbot, "ko")
    assert owner.label.text() == "학습률을 0.2(으)로 낮추고 초기화"
    texts.show(owner.label.setText, "")       # cleared: a switch must not bring the old text back
    switch(qtbot, "en")
    assert owner.label.text() == ""


def test_follow_language_reaches_a_hidden_child(owner, qtbot):
    child = QWidget(owner)
    child.hide()
    calls = []
    follow_language(child, lambda: calls.append(QCoreApplication.translate("MainWindow", "Draw")))
    switch(qtbot, "ko")
    assert calls and calls[-1] == "그리기"
