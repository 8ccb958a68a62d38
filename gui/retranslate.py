"""Retranslate a window's fixed texts after a language switch, for widgets built before it.

Widgets set their texts once, with self.tr("literal"), when they are built. After View > Language
swaps the translators, every fixed text on screen is either an English source string of
resources/i18n/digitlab_ko.ts or its Korean translation: retranslate_tree() finds it there (in the
context of the widget's own class first) and sets QCoreApplication.translate(context, source) in
the new language. Texts with values filled in ("Model: {0}") are set again by the widgets that
own them, in their retranslate() on LanguageChange.
"""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QGroupBox, QLabel, QLineEdit,
                               QTabWidget, QTableWidget, QWidget)

from digitlab import resources


@lru_cache(maxsize=1)
def catalogue() -> dict[str, tuple[tuple[str, str], ...]]:
    """Every source string and its Korean translation -> the (context, source) pairs it comes from."""
    tree = ElementTree.parse(resources.path("i18n", "digitlab_ko.ts"))
    found: dict[str, list[tuple[str, str]]] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            texts = {source}
            if translation is not None and translation.text and message.get("numerus") != "yes":
                texts.add(translation.text)
            for text in texts:
                found.setdefault(text, []).append((name, source))
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
    lookup = QCoreApplication.translate   # context and source come from the .ts itself, not from code
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
