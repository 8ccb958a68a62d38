"""The course's chapter 3 on the Inside tab: the book's toy network (editable), step / sigmoid /
ReLU, and softmax's overflow."""
from __future__ import annotations

import ast

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from digitlab.gui.inside.function_plot import FunctionPlot
from digitlab.gui.live_text import follow_language
from digitlab.nn.model.inside import (COURSE_FUNCTIONS, TOY_X, activation_curve, init_network, naive_softmax,
                                softmax_steps, toy_forward)

PARAMETERS = ("W1", "b1", "W2", "b2", "W3", "b3")
COURSE_SCORES = (0.3, 2.9, 4.0)
OVERFLOW_SCORES = (1010.0, 1000.0, 990.0)
STEPS = (("a1", "x · W1 + b1"), ("z1", "sigmoid(a1)"), ("a2", "z1 · W2 + b2"), ("z2", "sigmoid(a2)"),
         ("a3", "z2 · W3 + b3"), ("y", "identity(a3)"))


def book_print(values: np.ndarray) -> str:
    """An array as the book's print() shows it (NumPy's defaults: 8 digits)."""
    return np.array2string(np.asarray(values, np.float64), precision=8, max_line_width=200)


def as_list(values: np.ndarray) -> str:
    """An array as editable text: [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]."""
    return str(np.asarray(values).tolist())


def parse_array(text: str, shape: tuple[int, ...]) -> np.ndarray | None:
    """Numbers typed as a Python list ([0.1, 0.2] or [[...], [...]]) of the given shape, else None."""
    try:
        value = np.array(ast.literal_eval(text.strip()), np.float64)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if value.shape != shape or not np.all(np.isfinite(value)):
        return None
    return value


class Chapter3Panel(QWidget):
    """The book's three-layer toy network with every intermediate and its shape (x and every weight
    editable, "Book values" puts them back), the step, sigmoid and ReLU functions on -5..5, and
    softmax: the course's example, and [1010, 1000, 990] computed naively (nan, and why) and stably.

    Signals: none (the drawing and the model do not change it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = init_network()
        self.edits: dict[str, QLineEdit] = {}
        for name in ("x", *PARAMETERS):
            edit = QLineEdit()
            edit.textChanged.connect(self._on_edit_text_changed)
            self.edits[name] = edit
        self.labels = {name: QLabel() for name in self.edits}
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.results = QLabel()
        self.results.setFont(mono)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.plot = FunctionPlot()
        self.plot.set_curves([(name, *activation_curve(name)) for name in COURSE_FUNCTIONS])
        self.scores = QLineEdit(as_list(np.array(OVERFLOW_SCORES)))
        self.scores.textChanged.connect(self._on_scores_text_changed)
        self.scores_label = QLabel()
        self.scores_label.setBuddy(self.scores)
        self.softmax_text = QLabel()
        self.softmax_text.setWordWrap(True)
        self.softmax_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.softmax_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._build_layout()
        self.reset()
        self.retranslate()
        follow_language(self, self.retranslate)

    def _build_layout(self) -> None:
        self.toy_box, self.functions_box, self.softmax_box = QGroupBox(), QGroupBox(), QGroupBox()
        form = QFormLayout()
        for name, edit in self.edits.items():
            self.labels[name].setText(name)
            self.labels[name].setBuddy(edit)
            form.addRow(self.labels[name], edit)
        form.addRow(self.reset_button)
        toy = QHBoxLayout(self.toy_box)
        toy.addLayout(form, 1)
        toy.addWidget(self.results)
        QVBoxLayout(self.functions_box).addWidget(self.plot)
        softmax = QVBoxLayout(self.softmax_box)
        row = QHBoxLayout()
        row.addWidget(self.scores_label)
        row.addWidget(self.scores, 1)
        softmax.addLayout(row)
        softmax.addWidget(self.softmax_text, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.toy_box, 5)
        layout.addWidget(self.functions_box, 2)
        layout.addWidget(self.softmax_box, 3)

    def retranslate(self) -> None:
        self.toy_box.setTitle(self.tr("The book's three-layer network (init_network, forward)"))
        self.functions_box.setTitle(self.tr("Step, sigmoid and ReLU"))
        self.softmax_box.setTitle(self.tr("Softmax and its overflow"))
        self.reset_button.setText(self.tr("&Book values"))
        self.reset_button.setToolTip(self.tr("Put back the book's x and weights"))
        for name, edit in self.edits.items():
            what = self.tr("input x") if name == "x" else name
            edit.setAccessibleName(what)
            edit.setToolTip(self.tr("{0}: numbers as a Python list; edit any of them").format(what))
        self.scores_label.setText(self.tr("&Scores a:"))
        self.scores.setAccessibleName(self.tr("Scores for softmax"))
        self.scores.setToolTip(self.tr("Two or more scores as a Python list, e.g. [1010, 1000, 990]"))
        self.plot.setAccessibleName(self.tr("Step, sigmoid and ReLU on −5..5"))
        self._compute()
        self._show_softmax()


    @Slot()
    def reset(self) -> None:
        """The book's x = [1.0, 0.5] and init_network()'s weights."""
        self.edits["x"].setText(as_list(np.array(TOY_X)))
        for name in PARAMETERS:
            self.edits[name].setText(as_list(self.book[name]))

    def values(self) -> tuple[np.ndarray | None, dict[str, np.ndarray | None]]:
        """x and the parameters as typed (None for a field that does not parse to its shape)."""
        x = parse_array(self.edits["x"].text(), (2,))
        return x, {name: parse_array(self.edits[name].text(), self.book[name].shape) for name in PARAMETERS}

    def _compute(self) -> None:
        x, network = self.values()
        bad = [name for name, value in (("x", x), *network.items()) if value is None]
        for name, edit in self.edits.items():
            edit.setStyleSheet("QLineEdit { border: 2px solid #d62728; }" if name in bad else "")
        if bad:
            shapes = ", ".join(f"{name} {self.book[name].shape if name != 'x' else (2,)}" for name in bad)
            self.results.setText(self.tr("Type numbers as a Python list of the right shape: {0}").format(shapes))
            return
        steps = toy_forward(network, x)
        lines = [f"x  {x.shape}  {book_print(x)}"]
        for name, formula in STEPS:
            lines.append(f"{name} = {formula}  {steps[name].shape}\n    {book_print(steps[name])}")
        self.results.setText("\n".join(lines))

    def _show_softmax(self) -> None:
        course = softmax_steps(np.array(COURSE_SCORES)).y
        lines = [f"softmax({list(COURSE_SCORES)}) = {book_print(course)}, "
                 + self.tr("sum {0}").format(float(np.sum(course)))]
        text = self.scores.text().strip()
        try:
            a = np.array(ast.literal_eval(text), np.float64).reshape(-1) if text else np.zeros(0)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            a = np.zeros(0)
        if a.size < 2 or not np.all(np.isfinite(a)):
            lines.append(self.tr("Type two or more scores as a Python list, e.g. [1010, 1000, 990]."))
            self.softmax_text.setText("<br>".join(lines))
            return
        with np.errstate(over="ignore", invalid="ignore"):     # the overflow is what is shown
            naive = naive_softmax(a)
            e = np.exp(a)
        lines.append(self.tr("Naive, exp(a) / sum(exp(a)): {0}").format(book_print(naive)))
        if not np.all(np.isfinite(naive)):
            lines.append(self.tr("Why: exp({0:g}) is larger than the largest float (about 1.8e308), so it "
                                 "becomes inf, and inf / inf is nan.").format(float(a[np.argmax(e)])))
        stable = softmax_steps(a)
        lines.append(self.tr("Stable, exp(a − max(a)) / sum: {0}").format(book_print(stable.y)))
        lines.append(self.tr("Subtracting the largest score (here {0:g}) changes nothing in the result, "
                             "and no exp is above 1.").format(float(a.max())))
        self.softmax_text.setText("<p>" + "</p><p>".join(lines) + "</p>")

    @Slot()
    def _on_edit_text_changed(self) -> None:
        self._compute()

    @Slot()
    def _on_scores_text_changed(self) -> None:
        self._show_softmax()
