"""CodeView: a course listing (nn.course) shown highlighted, with the live values of its variables."""
from __future__ import annotations

import keyword
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from digitlab.gui.live_text import follow_language
from digitlab.nn.course import describe, format_value


def _format(colour: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Bold)
    fmt.setFontItalic(italic)
    return fmt


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, numbers, strings and comments of a short Python listing.

    Rules apply in order, later ones win: a keyword inside a comment or string is coloured as
    the comment or string. Listings have no multi-line strings, so no block state is kept.
    """

    RULES = (
        (r"\b(?:" + "|".join(keyword.kwlist) + r")\b", _format("#0033b3", bold=True)),
        (r"\b(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)\b", _format("#1750eb")),
        (r"'[^'\n]*'|\"[^\"\n]*\"", _format("#067d17")),
        (r"#[^\n]*", _format("#8c8c8c", italic=True)),
    )

    def __init__(self, document) -> None:
        super().__init__(document)
        self._rules = [(re.compile(pattern), fmt) for pattern, fmt in self.RULES]

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self._rules:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)


class CodeView(QWidget):
    """The listing's source, read-only and highlighted, over a table name -> describe(value).

    set_listing(listing) shows a nn.course Listing; set_variables(dict) refreshes the table
    (call it whenever the panel's values change). The title and the table follow a language
    switch at once. Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.listing = None
        self._variables: dict = {}
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        # wrapped: beside a plot the panel is narrow, and a student should not scroll sideways
        self.editor.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        # ... between words only: "dtype=np.float64" must not read as "np.float" and "64"
        self.editor.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.highlighter = PythonHighlighter(self.editor.document())
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.table, 1)
        self.retranslate()
        follow_language(self, self.retranslate)

    def set_listing(self, listing) -> None:
        """Show listing.source (an nn.course Listing) and its title; clears the variables."""
        self.listing = listing
        self._show_title()
        self.editor.setPlainText(listing.source)
        # room for each line wrapped once, so a two-line listing leaves no empty box
        lines = 2 * listing.source.count("\n") + 2
        self.editor.setMaximumHeight(lines * self.editor.fontMetrics().lineSpacing() + 12)
        self.set_variables({})

    def set_variables(self, variables: dict) -> None:
        """The table: one row per variable, its name and nn.course.describe(value)."""
        self._variables = dict(variables)
        self.table.setRowCount(len(variables))
        for row, (name, value) in enumerate(variables.items()):
            for column, text in enumerate((name, self.describe(value))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                self.table.setItem(row, column, item)

    def describe(self, value) -> str:
        """nn.course.describe(value), its words for a list in the user's language."""
        if not isinstance(value, list):
            return describe(value)
        if not value:
            return self.tr("list of {0}").format(0)
        return self.tr("list of {0}, last {1}").format(len(value), format_value(value[-1], 4))

    def variable_text(self, name: str) -> str | None:
        """The text shown for variable name, or None if the table has no such row."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == name:
                return self.table.item(row, 1).text()
        return None

    value_text = variable_text   # the name the Training tab's tests use

    def titles(self) -> dict[str, str]:
        """The listings' titles in the user's language (nn.course keeps them in English)."""
        return {
            "inference": self.tr("Chapter 3: the network reads the test images one by one"),
            "batch_inference": self.tr("Chapter 3: the same in batches of 100"),
            "mean_squared_error": self.tr("Mean squared error of two predictions for a 2"),
            "cross_entropy_error": self.tr("Cross-entropy error of the same predictions"),
            "numerical_diff": self.tr("Numerical differentiation of function_1 = 0.01x^2 + 0.1x"),
            "partial_derivatives": self.tr("Partial derivatives of f(x0, x1) = x0^2 + x1^2"),
            "numerical_gradient": self.tr("The gradient of function_2 = x0^2 + x1^2"),
            "gradient_descent": self.tr("Gradient descent on function_2 from (-3, 4)"),
            "simple_net": self.tr("simpleNet: the loss and its gradient dW"),
            "training_loop": self.tr("Training the two-layer network with mini-batches"),
        }

    def _show_title(self) -> None:
        if self.listing is not None:
            title = self.titles().get(self.listing.name, self.listing.title)
            self.title_label.setText(f"<b>{title}</b>")

    def retranslate(self) -> None:
        """The headers, the title and the values' words in the current language."""
        self.table.setHorizontalHeaderLabels([self.tr("variable"), self.tr("value")])
        self._show_title()
        self.set_variables(self._variables)
