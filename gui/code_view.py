"""The course's code beside a result: a highlighted listing and the live values of its variables.

    view = CodeView()
    view.set_listing(LISTINGS["batch_inference"])          # an nn.course Listing
    view.set_variables({"accuracy": 0.9352, "x": x})      # name -> nn.course.describe(value)
"""
from __future__ import annotations

import keyword
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (QHeaderView, QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from nn.course import describe


def _format(color: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


# Colours readable on both the light and the dark theme's base colour.
_RULES = (
    (re.compile(r"\b(?:%s)\b" % "|".join(keyword.kwlist)), _format("#c678dd", bold=True)),
    (re.compile(r"\b\d+(?:\.\d*)?(?:e[-+]?\d+)?\b"), _format("#d19a66")),
    (re.compile(r"\bnp\b|\bnetwork\b"), _format("#56b6c2")),
    (re.compile(r"'[^']*'|\"[^\"]*\""), _format("#98c379")),
    (re.compile(r"#.*$"), _format("#7f848e", italic=True)),   # last: a comment wins
)


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, numbers, strings and comments of one-line Python constructs (all a listing has)."""

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        for pattern, fmt in _RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)


class CodeView(QWidget):
    """A listing's title and source (highlighted, read-only) over a table of its variables."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._listing = None
        self._variables: dict = {}
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.source = QPlainTextEdit()
        self.source.setReadOnly(True)
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.source.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.highlighter = PythonHighlighter(self.source.document())
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.source, 3)
        layout.addWidget(self.table, 2)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-set the texts after a language change (the listing itself is Python, not translated)."""
        self.table.setHorizontalHeaderLabels([self.tr("variable"), self.tr("value")])
        self.source.setToolTip(self.tr("The course-style code that computed the values shown; "
                                       "it runs DigitLab's own nn functions."))

    def set_listing(self, listing) -> None:
        """Show listing.source (an nn.course Listing) and its title; clears the variables."""
        self._listing = listing
        self.title.setText(f"<b>{listing.title}</b>")
        self.source.setPlainText(listing.source.rstrip("\n"))
        self.set_variables({})

    def set_variables(self, variables: dict) -> None:
        """The live values: one row per variable, name -> nn.course.describe(value)."""
        self._variables = dict(variables)
        self.table.setRowCount(len(self._variables))
        for row, (name, value) in enumerate(self._variables.items()):
            for column, text in enumerate((str(name), describe(value))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)

    def value_text(self, name: str) -> str | None:
        """The text shown for variable name, or None (what the student reads; used by tests)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == name:
                return self.table.item(row, 1).text()
        return None
