"""The Training tab's layout: settings, course tools and controls on the left, curves and evaluation."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSplitter, QTabWidget, QVBoxLayout

from digitlab.gui.training.controls import TrainingControls


def build_layout(tab) -> None:
    """Lay out tab's widgets (built in TrainingTab.__init__) and expose the controls' buttons on it."""
    tab.controls = TrainingControls()
    c = tab.controls
    tab.start_button, tab.pause_button, tab.step_button = c.start_button, c.pause_button, c.step_button
    tab.stop_button, tab.reset_button = c.stop_button, c.reset_button
    tab.use_button, tab.save_button = c.use_button, c.save_button
    tab.progress_bar, tab.progress_label, tab.speed_label = c.progress_bar, c.progress_label, c.speed_label
    tab.banner, tab.banner_label, tab.recover_button = c.banner, c.banner_label, c.recover_button
    scroll = QScrollArea()
    scroll.setWidget(tab.settings)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
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
