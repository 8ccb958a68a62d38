"""View > Language retranslates the whole window at run time; the Korean text fits."""
import xml.etree.ElementTree as ElementTree

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QGroupBox, QLabel,
                               QListWidget, QMenu, QTableWidget, QTabWidget, QWidget)

from digitlab import resources
from digitlab.gui.code_view import CodeView
from digitlab.gui.main_window import MainWindow
from digitlab.nn.training.train_config import ACTIVATION_NAMES, OPTIMIZER_NAMES, SCHEDULE_NAMES

TS = resources.path("i18n", "digitlab_ko.ts")


def pairs() -> list[tuple[str, str]]:
    """(English source, Korean translation) of every finished message that differs."""
    found = []
    for message in ElementTree.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source", "")
        if (translation is not None and translation.text and translation.get("type") is None
                and message.get("numerus") != "yes" and translation.text != source):
            found.append((source, translation.text))
    return found


def shown_texts(window: MainWindow) -> list[tuple[str, str]]:
    """(where, text) of every text a student can read in the window, walked independently."""
    texts = [("title", window.windowTitle()), ("status bar", window.statusBar().currentMessage())]
    for widget in [window, *window.findChildren(QWidget)]:
        name = type(widget).__name__
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append((name, widget.text()))
        if isinstance(widget, QGroupBox):
            texts.append((name, widget.title()))
        if isinstance(widget, QComboBox):
            texts += [(name, widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [(name, widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QAbstractSpinBox):
            texts.append((name + " special value", widget.specialValueText()))
        if isinstance(widget, QMenu):
            texts.append((name, widget.title()))
            texts += [(name, a.text()) for a in widget.actions()]
        if isinstance(widget, QTableWidget):
            items = [widget.horizontalHeaderItem(c) for c in range(widget.columnCount())]
            first = 1 if isinstance(widget.parent(), CodeView) else 0   # its names column is code
            items += [widget.item(r, c) for r in range(widget.rowCount()) for c in range(first, widget.columnCount())]
            texts += [(name + " cell", item.text()) for item in items if item is not None]
        if isinstance(widget, QListWidget):
            texts += [(name + " item", widget.item(i).text()) for i in range(widget.count())]
        texts.append((name + " tooltip", widget.toolTip()))
        texts += [(name + " action tooltip", a.toolTip()) for a in widget.actions()]
        if isinstance(widget, pg.GraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                if isinstance(item, pg.AxisItem):
                    texts.append((name + " axis", item.labelText))
                elif isinstance(item, pg.LabelItem):
                    texts.append((name + " title", item.text))
                elif isinstance(item, pg.TextItem):
                    texts.append((name + " text", item.textItem.toPlainText()))
    return [(where, text.replace("&", "")) for where, text in texts if text]


def build_everything(window: MainWindow, qtbot) -> None:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
    for name in window.gradient_page.widget.PANELS:
        window.gradient_page.widget.show_panel(name)
    window.tabs.setCurrentIndex(0)
    qtbot.wait(20)


@pytest.fixture
def window(shown_window):
    return shown_window


def test_switching_to_korean_and_back_leaves_no_text_in_the_other_language(window, qtbot):
    build_everything(window, qtbot)
    english = {source for source, _ in pairs()}
    korean = {translation for _, translation in pairs()}
    window.menus.language_actions["ko"].trigger()
    qtbot.wait(20)          # LanguageChange events are posted
    # names the code reads back (the schedule "step") are not English words to translate
    code_names = {*SCHEDULE_NAMES, *ACTIVATION_NAMES, *OPTIMIZER_NAMES}
    left = [(w, t) for w, t in shown_texts(window) if t in english and t not in code_names]
    assert not left, f"English left in Korean mode: {left[:10]}"
    assert window.tabs.tabText(1) == "학습" and window.menus.file_menu.title() == "파일(&F)"
    form = window.training_tab.settings
    assert form.subset_combo.itemText(1) == "10,000장"             # a text with a value in it
    assert form.schedule_combo.findText("step") >= 0               # names of code stay as they are
    assert "images" not in form.subset_combo.currentText()
    window.menus.language_actions["en"].trigger()
    qtbot.wait(20)
    left = [(w, t) for w, t in shown_texts(window) if t in korean]
    assert not left, f"Korean left in English mode: {left[:10]}"
    assert window.tabs.tabText(1) == "Training"


def test_the_language_is_remembered(window, qtbot):
    window.menus.language_actions["ko"].trigger()
    assert window.close()
    assert MainWindow.remembered_language(window.settings) == "ko"


@pytest.mark.parametrize("code", ["en", "ko"])
def test_no_clipped_labels_at_the_default_size(window, qtbot, code):
    window.menus.language_actions[code].trigger()
    qtbot.wait(20)
    window.resize(*window.DEFAULT_SIZE)
    clipped = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(30)
        for widget in window.tabs.currentWidget().findChildren(QWidget):
            if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisible():
                continue
            if isinstance(widget, QLabel) and not widget.text():
                continue
            if isinstance(widget, QLabel) and widget.wordWrap():
                # a wrapped label is clipped when its lines need more height than it got
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    clipped.append((index, "QLabel", widget.text()[:60], needed, widget.height()))
                continue
            if widget.sizeHint().width() > widget.width() + 1:
                clipped.append((index, type(widget).__name__, widget.text(), widget.sizeHint().width(),
                                widget.width()))
    assert not clipped, clipped


def test_the_bar_charts_painted_axis_titles_follow_the_language(window, qtbot):
    chart = window.draw_tab.bars.chart
    window.set_language("ko")
    qtbot.wait(20)
    assert (chart.y_title, chart.x_title) == ("확률", "숫자")
    window.set_language("en")
    qtbot.wait(20)
    assert (chart.y_title, chart.x_title) == ("probability", "digit")


def test_texts_with_values_in_the_draw_tab_follow_the_language(window, qtbot):
    if not window.draw_tab.load_default_model():
        pytest.skip("no shipped model")
    window.set_language("ko")
    qtbot.wait(20)
    texts = [t for _, t in shown_texts(window)]
    assert any("은닉층 1" in t for t in texts) and not any("hidden layer 1" in t for t in texts)
    window.set_language("en")
    qtbot.wait(20)
    texts = [t for _, t in shown_texts(window)]
    assert any("hidden layer 1" in t for t in texts) and not any("은닉층 1" in t for t in texts)
