"""CodeView: a course listing (nn.course) shown highlighted, with the live values of its variables."""
from __future__ import annotations

import keyword
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QPalette, QSyntaxHighlighter, QTextCharFormat,
                           QTextOption)
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


# The code's colours on a light and on a dark base: each at least 4.5:1 against the editor's
# background (WCAG AA for text; tests/test_accessibility.py measures them).
CODE_COLOURS = {
    False: {"keyword": "#0033b3", "number": "#1750eb", "string": "#067d17", "comment": "#5f6368"},
    True: {"keyword": "#8cb4ff", "number": "#f78c6c", "string": "#7fd18b", "comment": "#a0a8b8"},
}
# A listing's comment, the "# ..." that ends a line.
_COMMENT = re.compile(r"#\s?(.*)$")
# The listings' comments (nn.course keeps them in English), shown in the user's language.
LISTING_COMMENTS = (
    # chapter 3
    QT_TRANSLATE_NOOP("CodeView", "network: the model (the course's: sample_weight.pkl); x, t: the 10,000 test images and labels"),
    QT_TRANSLATE_NOOP("CodeView", "10 scores; softmax would keep their order"),
    QT_TRANSLATE_NOOP("CodeView", "index of the largest: the digit it reads"),
    QT_TRANSLATE_NOOP("CodeView", "(batch_size, 10) scores"),
    QT_TRANSLATE_NOOP("CodeView", "the digit read in each row"),
    # chapter 4
    QT_TRANSLATE_NOOP("CodeView", 't: the answer 2, one-hot; y1 says "2" (0.6), y2 says "7" (0.6)'),
    QT_TRANSLATE_NOOP("CodeView", "half the sum of squares: 0.5 * np.sum((y - t)**2)"),
    QT_TRANSLATE_NOOP("CodeView", "-np.sum(t * np.log(y + delta)), delta = 1e-7 keeps log(0) = -inf away"),
    QT_TRANSLATE_NOOP("CodeView", "numerical_diff(f, x) = (f(x+h) - f(x-h)) / (2*h) with h = 1e-4"),
    QT_TRANSLATE_NOOP("CodeView", "x1 held fixed"),
    QT_TRANSLATE_NOOP("CodeView", "x0 held fixed"),
    QT_TRANSLATE_NOOP("CodeView", "both partial derivatives at once: nudge each entry of x by h = 1e-4"),
    QT_TRANSLATE_NOOP("CodeView", "step_num times: x -= lr * numerical_gradient(function_2, x)"),
    QT_TRANSLATE_NOOP("CodeView", "W: the book's weights; delta: the 1e-7 in the log (0: as the book's printed digits)"),
    QT_TRANSLATE_NOOP("CodeView", "2: the largest score is at index 2"),
    QT_TRANSLATE_NOOP("CodeView", "the answer"),
    # the training loop (nn.course.training_loop)
    QT_TRANSLATE_NOOP("CodeView", "the seed: initial weights, then batches"),
    QT_TRANSLATE_NOOP("CodeView", "the course's TwoLayerNet(input_size=784, hidden_size=50, output_size=10)"),
    QT_TRANSLATE_NOOP("CodeView", "the network of these settings"),
    QT_TRANSLATE_NOOP("CodeView", "(filters, size, pad) per convolution stage, each with ReLU and 2x2 pooling"),
    QT_TRANSLATE_NOOP("CodeView", "the numerical gradient needs float64: in float32 f(x+h) - f(x-h) loses its digits"),
    QT_TRANSLATE_NOOP("CodeView", "pen-drawn digits"),
    QT_TRANSLATE_NOOP("CodeView", "the last batch may be smaller"),
    QT_TRANSLATE_NOOP("CodeView", "the last one may be partial"),
    QT_TRANSLATE_NOOP("CodeView", "rotate, shift, scale, thicken"),
    QT_TRANSLATE_NOOP("CodeView", "numerical"),
    QT_TRANSLATE_NOOP("CodeView", "backprop"),
    QT_TRANSLATE_NOOP("CodeView", "the loss before the step"),
    QT_TRANSLATE_NOOP("CodeView", "after the step, as the course"),
    QT_TRANSLATE_NOOP("CodeView", "all training images"),
    QT_TRANSLATE_NOOP("CodeView", "the first images only: faster"),
    QT_TRANSLATE_NOOP("CodeView", "a random mini-batch"),
    QT_TRANSLATE_NOOP("CodeView", "once per epoch, from i = 0"),
    QT_TRANSLATE_NOOP("CodeView", "epoch 0: the accuracies before any training"),
    QT_TRANSLATE_NOOP("CodeView", "every image once per epoch"),
    QT_TRANSLATE_NOOP("CodeView", "the end of an epoch"),
)


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, numbers, strings and comments of a short Python listing.

    Rules apply in order, later ones win: a keyword inside a comment or string is coloured as
    the comment or string. Listings have no multi-line strings, so no block state is kept.
    set_dark(dark) takes the colours for a dark background (CODE_COLOURS).
    """

    PATTERNS = (
        ("keyword", r"\b(?:" + "|".join(keyword.kwlist) + r")\b"),
        ("number", r"\b(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)\b"),
        ("string", r"'[^'\n]*'|\"[^\"\n]*\""),
        ("comment", r"#[^\n]*"),
    )

    def __init__(self, document) -> None:
        super().__init__(document)
        self.dark = False
        self._rules = []
        self.set_dark(False)

    def set_dark(self, dark: bool) -> None:
        """Colour for a dark (True) or light background; highlights the text again."""
        self.dark = dark
        colours = CODE_COLOURS[dark]
        self._rules = [(re.compile(pattern), _format(colours[kind], bold=kind == "keyword",
                                                      italic=kind == "comment"))
                       for kind, pattern in self.PATTERNS]
        self.rehighlight()

    def colour(self, kind: str) -> QColor:
        """The colour of "keyword", "number", "string" or "comment" now."""
        return QColor(CODE_COLOURS[self.dark][kind])

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
        self.editor.setAccessibleName(self.tr("Code"))
        self.highlighter = PythonHighlighter(self.editor.document())
        self.highlighter.set_dark(self.editor.palette().color(QPalette.ColorRole.Base).lightness() < 128)
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Variables"))
        self.table.setToolTip(self.tr("The code's variables and their values now"))
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
        self._show_source()
        # room for each line wrapped once, so a two-line listing leaves no empty box
        lines = 2 * listing.source.count("\n") + 2
        self.editor.setMaximumHeight(lines * self.editor.fontMetrics().lineSpacing() + 12)
        self.set_variables({})

    def _show_source(self) -> None:
        if self.listing is not None:
            self.editor.setPlainText(self.shown_source(self.listing.source))

    def shown_source(self, source: str) -> str:
        """source with its comments in the user's language (the code itself as it runs)."""
        comments = self.comments()

        def translated(line: str) -> str:
            match = _COMMENT.search(line)
            if match is None or match.group(1) not in comments:
                return line
            return line[:match.start(1)] + comments[match.group(1)]
        return "\n".join(translated(line) for line in source.split("\n"))

    def comments(self) -> dict[str, str]:
        """The listings' comments (nn.course keeps them in English) in the user's language."""
        lookup = QCoreApplication.translate   # not a literal call: lupdate reads the NOOP marks
        return {text: lookup("CodeView", text) for text in LISTING_COMMENTS}

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
            "settings_loop": self.tr("The training loop of these settings, as it runs"),
        }

    def _show_title(self) -> None:
        if self.listing is not None:
            title = self.titles().get(self.listing.name, self.listing.title)
            self.title_label.setText(f"<b>{title}</b>")

    def retranslate(self) -> None:
        """The headers, the title, the comments and the values' words in the current language."""
        self.table.setHorizontalHeaderLabels([self.tr("variable"), self.tr("value")])
        self._show_title()
        self._show_source()
        self.set_variables(self._variables)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange:   # a theme: the code's colours follow
            dark = self.editor.palette().color(QPalette.ColorRole.Base).lightness() < 128
            if dark != self.highlighter.dark:
                self.highlighter.set_dark(dark)
        super().changeEvent(event)
