"""The Training tab's settings fit beside the plots: every field and label in view, no sideways
scrolling, at the default window size and at 1280x800, in English and Korean."""
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QLabel,
                               QLineEdit, QSlider, QWidget)

from digitlab.gui.app import set_language
from digitlab.gui.main_window import MainWindow

FIELDS = (QLabel, QLineEdit, QComboBox, QAbstractSpinBox, QCheckBox, QSlider)


def outside_view(scroll) -> list[str]:
    """The settings widgets (shown ones) not wholly inside the scroll area's visible part."""
    view = scroll.viewport()
    visible = QRect(QPoint(0, 0), view.size())
    cut = []
    for widget in scroll.widget().findChildren(QWidget):
        if (not isinstance(widget, FIELDS) or not widget.isVisibleTo(scroll.widget())
                or isinstance(widget.parent(), QAbstractSpinBox)):
            continue
        rect = QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())
        if not visible.contains(rect):
            cut.append(f"{type(widget).__name__} {widget.objectName() or getattr(widget, 'text', str)()!r}"
                       f" at {rect.getRect()} (view {visible.getRect()})")
    return cut


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("size", [MainWindow.DEFAULT_SIZE, (1280, 800)])
def test_every_training_setting_is_in_view(qtbot, language, size):
    app = QApplication.instance()
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        window.set_language(language)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.tabs.setCurrentIndex(1)
        tab = window.training_tab
        qtbot.waitUntil(lambda: tab.settings.isVisible())
        app.processEvents()
        scroll = tab.settings.parentWidget().parentWidget()     # the QScrollArea around the form
        assert scroll.horizontalScrollBar().maximum() == 0 or not scroll.horizontalScrollBar().isVisible()
        assert tab.settings.width() >= tab.settings.minimumSizeHint().width()
        assert outside_view(scroll) == []
    finally:
        set_language(app, "en")
