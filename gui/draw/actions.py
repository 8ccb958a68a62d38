"""The Draw tab's actions (Open image, Paste, Undo stroke, Clear), made before the tab itself.

The main window opens light: its menus hold these actions from the first frame, while the Draw
tab (NumPy, the network) is built just after it. An action used before then builds the tab (the
window's `draw_tab` does that on first use) and acts on it: it is never lost. This module imports
Qt only, so that it costs the first frame nothing.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from digitlab.gui.live_text import follow_language


class DrawActions(QObject):
    """The four actions, each with its shortcuts and texts; triggering one calls its job on the
    Draw tab that tab() returns (None: there is no Draw tab, nothing happens).

    No signals.
    """

    def __init__(self, owner: QWidget, tab: Callable[[], object]) -> None:
        super().__init__(owner)
        self._tab = tab
        self.open_action = self._make(owner, [QKeySequence.StandardKey.Open], lambda t: t.choose_image())
        self.paste_action = self._make(owner, [QKeySequence.StandardKey.Paste],
                                       lambda t: t.canvas.paste_from_clipboard())
        self.undo_action = self._make(owner, [QKeySequence.StandardKey.Undo], lambda t: t.canvas.undo())
        self.clear_action = self._make(owner, [Qt.Key.Key_Escape, Qt.Key.Key_Delete], lambda t: t.canvas.clear())
        follow_language(owner, self.retranslate)
        self.retranslate()

    def _make(self, owner: QWidget, keys, job: Callable[[object], None]) -> QAction:
        action = QAction(owner)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: self._run(job))
        return action

    def _run(self, job: Callable[[object], None]) -> None:
        tab = self._tab()
        if tab is not None:
            job(tab)

    def all(self) -> tuple[QAction, QAction, QAction, QAction]:
        """Open image, Paste, Undo stroke, Clear (the order of the Draw tab's tool buttons)."""
        return self.open_action, self.paste_action, self.undo_action, self.clear_action

    def retranslate(self) -> None:
        """Set the actions' texts and tool tips (with their keys) in the current language."""
        # the Draw tab's context: these texts were the tab's own and keep their translations
        texts = ((self.open_action, QCoreApplication.translate("DrawTab", "Open image…"),
                  QCoreApplication.translate("DrawTab", "Let the network read a picture of a digit")),
                 (self.paste_action, QCoreApplication.translate("DrawTab", "Paste"),
                  QCoreApplication.translate("DrawTab", "Use the image on the clipboard")),
                 (self.undo_action, QCoreApplication.translate("DrawTab", "Undo stroke"),
                  QCoreApplication.translate("DrawTab", "Remove the last stroke")),
                 (self.clear_action, QCoreApplication.translate("DrawTab", "Clear"),
                  QCoreApplication.translate("DrawTab", "Start again")))
        for action, text, tip in texts:
            names = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
            action.setText(text)
            action.setToolTip(f"{tip} ({names})")
