"""The Training tab's layout: settings, course tools and controls on the left, curves and evaluation."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSplitter, QTabWidget, QVBoxLayout

from digitlab.gui.training.controls import TrainingControls


class SettingsScroll(QScrollArea):
    """Scrolls the settings form up and down only: it asks for the form's full width plus its
    vertical scroll bar, so no field or label is ever cut at the side (in any language)."""

    def __init__(self, form) -> None:
        super().__init__()
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _width(self) -> int:
        return (self.widget().minimumSizeHint().width() + 2 * self.frameWidth()
                + self.verticalScrollBar().sizeHint().width())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self._width(), self.widget().sizeHint().height() + 2 * self.frameWidth())

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()     # new texts (a language switch) may need another width
        return super().eventFilter(watched, event)


def build_layout(tab) -> None:
    """Lay out tab's widgets (built in TrainingTab.__init__) and expose the controls' buttons on it."""
    tab.controls = TrainingControls()
    c = tab.controls
    tab.start_button, tab.pause_button, tab.step_button = c.start_button, c.pause_button, c.step_button
    tab.stop_button, tab.reset_button = c.stop_button, c.reset_button
    tab.use_button, tab.save_button = c.use_button, c.save_button
    tab.progress_bar, tab.progress_label, tab.speed_label = c.progress_bar, c.progress_label, c.speed_label
    tab.banner, tab.banner_label, tab.recover_button = c.banner, c.banner_label, c.recover_button
    scroll = tab.settings_scroll = SettingsScroll(tab.settings)
    left = QVBoxLayout()
    left.addWidget(scroll, 1)
    left.addWidget(tab.course_tools)
    left.addWidget(tab.controls)
    curves = QSplitter()     # the course's loop beside the curves it draws
    curves.addWidget(tab.plots)
    curves.addWidget(tab.loop_listing)
    curves.setSizes([640, 360])
    tab.views = QTabWidget()
    tab.views.addTab(curves, QCoreApplication.translate("TrainingTab", "Training curves"))
    tab.views.addTab(tab.evaluation_panel, QCoreApplication.translate("TrainingTab", "Evaluation"))
    layout = QHBoxLayout(tab)
    layout.addLayout(left, 0)
    layout.addWidget(tab.views, 1)
    tab.save_action = c.save_action
    tab.addAction(tab.save_action)     # Ctrl+S anywhere in the tab
