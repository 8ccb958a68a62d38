"""The one way texts follow View > Language: widgets react to the LanguageChange that Qt sends them.

Swapping the translators (gui.app.set_language) sends every widget, hidden ones too, a
LanguageChange. A widget that shows text hooks it with follow_language and sets its texts again:

    follow_language(self, self.retranslate)   # self.retranslate() after every switch
    texts = LiveTexts(self)                   # or: keep the makers of texts with values in them
    texts.show(self.summary.setText, lambda: self.tr("Accuracy: {0}").format(accuracy))

The fixed texts a widget set once when it was built (QLabel(self.tr("Pen:")), tool tips, combo
items, plot titles) need no code of their own: the main window follows the language with
retranslate_tree(self), which finds each shown text among the messages of the compiled catalogue
(resources/i18n/digitlab_*.qm, the file the translators load; never the .ts source, which is not
shipped) and sets it in the new language. Texts with values cannot be found there; their widget
makes them again from its values (LiveTexts, or its own retranslate through follow_language).
"""
from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QGroupBox, QLabel, QLineEdit,
                               QTabWidget, QTableWidget, QWidget)

from digitlab import resources


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
    same setter replaces the maker. A plain str is a fixed text: shown once, and retranslate_tree
    finds it again (it may come from another class's context, e.g. a worker's status).
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


# --- the fixed texts: found again in the compiled catalogue ------------------------------------
# A .qm file: a 16-byte magic, then blocks (tag byte, big-endian length, data); the Messages block
# holds one record per message, each field a tag byte and, but for End and Obsolete1, a length.
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_MESSAGES_BLOCK = 0x69
_END, _TRANSLATION, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 5, 6, 7, 8
_NULL = 0xFFFFFFFF


def qm_messages(data: bytes) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(context, source, translations) of every message of a compiled Qt catalogue (.qm bytes)."""
    if not data.startswith(QM_MAGIC):
        raise ValueError("not a Qt .qm catalogue")
    pos, messages = len(QM_MAGIC), b""
    while pos + 5 <= len(data):
        tag, length = data[pos], struct.unpack_from(">I", data, pos + 1)[0]
        if tag == _MESSAGES_BLOCK:
            messages = data[pos + 5:pos + 5 + length]
        pos += 5 + length
    pos, fields, translations = 0, {}, []
    while pos < len(messages):
        tag = messages[pos]
        pos += 1
        if tag == _END:
            yield fields.get(_CONTEXT, ""), fields.get(_SOURCE, ""), tuple(translations)
            fields, translations = {}, []
            continue
        if tag == _OBSOLETE1:
            continue
        length = struct.unpack_from(">I", messages, pos)[0]
        pos += 4
        value = b"" if length == _NULL else messages[pos:pos + length]
        pos += 0 if length == _NULL else length
        if tag == _TRANSLATION:
            translations.append(value.decode("utf-16-be"))
        elif tag in (_SOURCE, _CONTEXT, _COMMENT):
            fields[tag] = value.decode("utf-8")
        else:
            raise ValueError(f"unknown field {tag} in a .qm catalogue")


@lru_cache(maxsize=1)
def catalogue(folder: Path | None = None) -> dict[str, tuple[tuple[str, str], ...]]:
    """Every source string and its translations (of every digitlab_*.qm in folder, by default the
    shipped one) -> the (context, source) pairs it comes from."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(Path(folder or resources.path("i18n")).glob("digitlab_*.qm")):
        for context, source, translations in qm_messages(path.read_bytes()):
            if "%n" in source:   # a plural: the number is filled in, so the shown text is never this
                continue
            for text in {source, *translations}:
                found.setdefault(text, []).append((context, source))
    return {text: tuple(pairs) for text, pairs in found.items()}


def _contexts(obj: QObject) -> list[str]:
    """Class names of obj and its parents (the tr() contexts its text most likely came from)."""
    names = []
    while obj is not None:
        names.extend(cls.__name__ for cls in type(obj).__mro__)
        obj = obj.parent()
    return names


def translated(text: str, owner: QObject, strict: bool = False) -> str | None:
    """text in the current language, or None when it is not a fixed text of the catalogue (strict:
    of a context among owner's classes and parents; combo items such as the schedule "step" are
    often names of code that another context translates)."""
    pairs = catalogue().get(text)
    if not text or not pairs:
        return None
    contexts = _contexts(owner)
    if strict and not any(context in contexts for context, _ in pairs):
        return None
    context, source = min(pairs, key=lambda p: contexts.index(p[0]) if p[0] in contexts else len(contexts))
    lookup = QCoreApplication.translate   # context and source come from the catalogue, not from code
    return lookup(context, source)


def _retext(owner: QObject, getter, setter, strict: bool = False) -> None:
    new = translated(getter(), owner, strict)
    if new is not None:
        setter(new)


def _widget_texts(widget: QWidget) -> Iterator[tuple]:
    """(getter, setter) of each fixed text of widget."""
    yield widget.toolTip, widget.setToolTip
    yield widget.accessibleName, widget.setAccessibleName   # gui.accessibility's names
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield widget.text, widget.setText
    if isinstance(widget, QGroupBox):
        yield widget.title, widget.setTitle
    if isinstance(widget, (QLineEdit, QComboBox)):
        yield widget.placeholderText, widget.setPlaceholderText
    if isinstance(widget, QAbstractSpinBox):   # shown in place of the lowest value ("off (whole epochs)")
        yield widget.specialValueText, widget.setSpecialValueText
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield (lambda i=i: widget.tabText(i)), (lambda t, i=i: widget.setTabText(i, t))
    if isinstance(widget, QComboBox):   # setItemText keeps the chosen index
        for i in range(widget.count()):
            yield (lambda i=i: widget.itemText(i)), (lambda t, i=i: widget.setItemText(i, t))
    if isinstance(widget, QTableWidget):
        for i in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(i)
            if item is not None:
                yield item.text, item.setText
    for action in widget.actions():
        yield action.text, action.setText
        yield action.toolTip, action.setToolTip


def _plot_texts(view) -> Iterator[tuple]:
    """(getter, setter) of the titles, axis labels and text items of a pyqtgraph view."""
    import pyqtgraph as pg
    scene = view.scene()
    for item in scene.items() if scene is not None else ():
        if isinstance(item, pg.AxisItem):
            yield (lambda a=item: a.labelText), (lambda t, a=item: a.setLabel(t, units=a.labelUnits or None))
        elif isinstance(item, pg.LabelItem):
            yield (lambda a=item: a.text), (lambda t, a=item: a.setText(t))
        elif isinstance(item, pg.InfLineLabel):
            yield (lambda a=item: a.format), (lambda t, a=item: _set_line_label(a, t))
        elif isinstance(item, pg.TextItem):
            yield (lambda a=item: a.textItem.toPlainText()), (lambda t, a=item: a.setText(t))


def _set_line_label(label, text: str) -> None:
    """An InfiniteLine's label: its format (the text is made from it whenever the line moves) and,
    as a hidden label does not remake it, its text."""
    label.format = text
    label.setText(text.format(value=label.line.value()))


def retranslate_tree(root: QWidget) -> None:
    """Set every fixed text of root and its children in the current language."""
    import sys
    pg = sys.modules.get("pyqtgraph")
    for widget in [root, *root.findChildren(QWidget)]:
        for getter, setter in _widget_texts(widget):
            _retext(widget, getter, setter, strict=isinstance(widget, QComboBox))
        if pg is not None and isinstance(widget, pg.GraphicsView):
            for getter, setter in _plot_texts(widget):
                _retext(widget, getter, setter)
