"""Keyboard and screen reader: every control has a name a screen reader says, plots take no focus.

    name_controls(panel)        # at the end of a tab's, panel's or dialog's __init__

A control's accessible name is the text a sighted user reads on it or beside it (WCAG's "label in
name"): a button's or check box's own text, else the label of its form row or the QLabel whose
buddy it is. Controls without such a text set their name where they are built. Tool tips are
written where the controls are built. Names and tool tips are fixed texts of the catalogue, so
gui.live_text.retranslate_tree sets them again after a language switch.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox,
                               QComboBox, QFormLayout, QLabel, QLineEdit, QMenuBar, QScrollArea,
                               QScrollBar, QTabBar, QWidget)

# What a user operates with the keyboard or mouse: each needs a name and a tool tip.
INTERACTIVE = (QAbstractButton, QAbstractSpinBox, QComboBox, QAbstractSlider, QLineEdit,
               QAbstractItemView)
# Qt's composite widgets: their inner parts (a spin box's line edit, a combo box's popup list, a
# table's headers and corner button, a tab bar's scroll arrows) are named by the composite.
_COMPOSITES = (QAbstractSpinBox, QComboBox, QAbstractItemView, QTabBar, QMenuBar, QScrollBar)


def is_part_of_qt_widget(widget: QWidget) -> bool:
    """True for the inner parts of Qt's composite widgets (see _COMPOSITES)."""
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, _COMPOSITES):
            return True
        parent = parent.parent()
    return widget.objectName().startswith("qt_")


def controls(root: QWidget) -> list[QWidget]:
    """The interactive widgets of root (root too) that DigitLab made, in creation order."""
    return [widget for widget in [root, *root.findChildren(QWidget)]
            if isinstance(widget, INTERACTIVE) and not isinstance(widget, QScrollBar)
            and not is_part_of_qt_widget(widget)]


def visible_label(widget: QWidget) -> str:
    """The text a sighted user reads as the widget's name: its own text (buttons, check boxes),
    else its form row's label or the label whose buddy it is; "" when there is none."""
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    parent = widget.parentWidget()
    if parent is None:
        return ""
    for form in parent.findChildren(QFormLayout):
        label = form.labelForField(widget)
        if isinstance(label, QLabel) and label.text():
            return label.text()
    for label in parent.findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return label.text()
    return ""


def name_controls(root: QWidget) -> None:
    """Name root's unnamed controls by their visible label. Tab moves from control to control:
    plots (pyqtgraph views) and scroll areas take no focus (their controls do), and Tab leaves a
    table or list instead of moving between its cells (the arrow keys do that)."""
    for widget in controls(root):
        if not widget.accessibleName():
            name = visible_label(widget)
            if name:
                widget.setAccessibleName(name)
        if isinstance(widget, QAbstractItemView):
            widget.setTabKeyNavigation(False)
    for area in root.findChildren(QScrollArea):
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    import sys
    pg = sys.modules.get("pyqtgraph")
    if pg is not None:
        for view in root.findChildren(pg.GraphicsView):
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def unnamed(root: QWidget) -> list[str]:
    """Descriptions of root's controls that lack an accessible name or a tool tip (for tests)."""
    found = []
    for widget in controls(root):
        missing = [what for what, text in (("name", widget.accessibleName()),
                                           ("tool tip", widget.toolTip())) if not text.strip()]
        if missing:
            owner = widget.parentWidget()
            while owner is not None and type(owner).__module__.startswith("PySide6"):
                owner = owner.parentWidget()
            label = widget.text() if isinstance(widget, QAbstractButton) else ""
            found.append(f"{type(widget).__name__} {label!r} in {type(owner).__name__}: "
                         f"no {' and no '.join(missing)}")
    return found
