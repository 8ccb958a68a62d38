"""Texts with values in them ("Epoch 3/10 · ...") that follow View > Language at once.

gui.retranslate looks every fixed text up again after a switch; a text with values cannot be
looked up, so the widget that shows it keeps how to make it (from the values it shows, never
from the label's text) and makes it again on LanguageChange:

    follow_language(self, self.retranslate)   # self.retranslate() after every switch
    texts = LiveTexts(self)                   # or: keep the makers of several texts
    texts.show(self.summary.setText, lambda: self.tr("Accuracy: {0}").format(accuracy))
    texts.show(self.status.setText, self.tr("Press Start."))   # a fixed text: gui.retranslate's
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class LanguageWatcher(QObject):
    """Calls `callback` whenever `widget` gets a LanguageChange (the translators were swapped)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._callback()
        return False


def follow_language(widget: QWidget, callback: Callable[[], None]) -> LanguageWatcher:
    """callback() after every language switch that reaches widget (hidden widgets included)."""
    return LanguageWatcher(widget, callback)


class LiveTexts(QObject):
    """The texts with values that one widget shows, each made again after a language switch.

    show(setter, make) calls setter(make()) now and after every switch; a later show() with the
    same setter replaces the maker. A plain str is a fixed text: shown once, and gui.retranslate
    looks it up again (it may come from another class's context, e.g. a worker's status).
    """

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._makers: dict[object, tuple[Callable[[str], None], Callable[[], str]]] = {}
        follow_language(owner, self.remake)

    def show(self, setter: Callable[[str], None], make: Callable[[], str] | str, key: object = None) -> None:
        """Show make() through setter; key names the text when setter is made anew each time."""
        if key is None:   # a bound method is a new object at each access: key on what it sets
            key = (id(getattr(setter, "__self__", setter)), getattr(setter, "__name__", ""))
        if isinstance(make, str):
            self._makers.pop(key, None)
            setter(make)
            return
        self._makers[key] = (setter, make)
        setter(make())

    def remake(self) -> None:
        """Make every text again in the current language."""
        for setter, make in list(self._makers.values()):
            setter(make())
