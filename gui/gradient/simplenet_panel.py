"""simpleNet panel: the course's 2x3 network, its numerical gradient dW, and W -= lr * dW."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTableWidget,
    QVBoxLayout, QWidget,
)

from digitlab.nn.course import LISTINGS, book_W, format_value, simplenet_digits
from digitlab.nn.model.functions import softmax
from digitlab.nn.numerical.gradient import SimpleNet
from digitlab.gui.code_view import CodeView
from digitlab.gui.gradient.common import COLOURS, fill_table, make_plot
from digitlab.gui.live_text import follow_language

X = (0.6, 0.9)
T = (0.0, 0.0, 1.0)
LISTING = LISTINGS["simple_net"]


class SimpleNetPanel(QWidget):
    """W (2, 3), x, t, scores, softmax, loss and dW as tables; Step lowers the loss.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.x, self.t = np.array(X), np.array(T)
        # delta = 0: the loss as the book computed it, -log(y) (see the digits note)
        self.net = SimpleNet(np.random.default_rng(0), delta=0.0)
        self.variables: dict = {}
        self.losses: list[float] = []
        self._build_controls()
        self.loss_plot = make_plot(self.tr("step"), self.tr("loss"), grid=False)
        self._loss_item = self.loss_plot.plot(pen=pg.mkPen(COLOURS[1], width=2), symbol="o", symbolSize=6)
        self._build_layout()
        self.reseed_button.clicked.connect(self._on_reseed_button_clicked)
        self.book_button.clicked.connect(self._on_book_button_clicked)
        self.step_button.clicked.connect(self._on_step_button_clicked)
        self.set_W(book_W())
        follow_language(self, self._show_texts)

    def _build_controls(self) -> None:
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 99999)
        self.reseed_button = QPushButton(self.tr("Re-seed W"))
        self.book_button = QPushButton(self.tr("The book's W"))
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setRange(0.01, 10.0)
        self.lr_spin.setValue(1.0)
        self.step_button = QPushButton(self.tr("Step: W −= lr · dW"))
        self.seed_spin.setAccessibleName(self.tr("Seed"))
        self.seed_spin.setToolTip(self.tr("The seed of the random W that Re-seed W draws"))
        self.reseed_button.setToolTip(self.tr("Draw a new random W (2×3) from the seed"))
        self.book_button.setToolTip(self.tr("Go back to the W the book prints"))
        self.lr_spin.setToolTip(self.tr("The step size of W −= lr · dW"))
        self.step_button.setToolTip(self.tr("One gradient-descent step on W; the loss falls"))
        self.loss_label = QLabel()
        self.loss_label.setStyleSheet("font-size: 14pt;")
        self.argmax_label = QLabel()
        self.digits_label = QLabel()
        self.digits_label.setWordWrap(True)
        self.code_view = CodeView()
        self.code_view.set_listing(LISTING)
        self.tables = {name: QTableWidget() for name in ("W", "scores", "softmax", "dW")}
        names = {"W": self.tr("W"), "scores": self.tr("Scores"),
                 "softmax": self.tr("Probabilities"), "dW": self.tr("dW")}
        tips = {"W": self.tr("The weights W (2×3)"), "scores": self.tr("The scores x · W, before softmax"),
                "softmax": self.tr("softmax(scores): the probabilities, 8 decimals"),
                "dW": self.tr("The numerical gradient of the loss with respect to W")}
        for name, table in self.tables.items():
            table.setAccessibleName(names[name])
            table.setToolTip(tips[name])
        for table in self.tables.values():
            table.setMaximumHeight(90)
            table.horizontalHeader().setDefaultSectionSize(90)

    def _build_layout(self) -> None:
        form = QFormLayout()
        seed = QHBoxLayout()
        seed.addWidget(self.seed_spin)
        seed.addWidget(self.reseed_button)
        seed.addWidget(self.book_button)
        form.addRow(self.tr("Seed:"), seed)
        form.addRow(self.tr("Learning rate:"), self.lr_spin)
        form.addRow(self.step_button)
        form.addRow(QLabel(self.tr("x = [0.6, 0.9],  t = [0, 0, 1]")))
        form.addRow(self.loss_label)
        form.addRow(self.argmax_label)
        captions = {"W": self.tr("W (2×3)"), "scores": self.tr("scores = x · W"),
                    "softmax": self.tr("softmax(scores)"),
                    "dW": self.tr("dW = numerical_gradient(lambda W: net.loss(x, t), net.W)")}
        grid = QGridLayout()
        for row, (name, table) in enumerate(self.tables.items()):
            grid.addWidget(QLabel(captions[name]), 2 * row, 0)
            grid.addWidget(table, 2 * row + 1, 0)
        grid.addWidget(self.digits_label, 2 * len(self.tables), 0)
        grid.setRowStretch(2 * len(self.tables) + 1, 1)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.loss_plot, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(grid, 1)
        layout.addWidget(self.code_view, 1)

    def _digits_text(self) -> str:
        d = simplenet_digits()
        return self.tr(
            "<b>The book's digits.</b> The book prints loss {book} and computed it as −log(y), "
            "without the 1e-7 that cross_entropy_error adds inside the log today; with the 1e-7 "
            "the printed W gives {with_delta:.8f} and dW moves in the 7th decimal. The book also "
            "printed W rounded to 8 decimals: moving each entry by at most {move:.1e} (still the "
            "same when rounded) gives its loss, p, argmax(p) = 2 and dW. This panel uses that W "
            "and −log(y).").format(book=LISTING.course_values()["loss"],
                                   with_delta=d.loss_with_delta, move=d.largest_move)

    def set_W(self, W: np.ndarray) -> None:
        """Start over from this weight matrix (2, 3)."""
        self.net.W = np.array(W, dtype=np.float64)
        self.losses = []
        self._show()

    def step(self) -> float:
        """One gradient-descent step on W; returns the new loss."""
        self.net.W -= self.lr_spin.value() * self.net.numerical_gradient(self.x, self.t)
        self._show()
        return self.losses[-1]

    def _show(self) -> None:
        # the listing on screen computes the values on screen
        self.variables = LISTING.run(W=self.net.W.copy(), delta=self.net.delta)
        scores = self.variables["p"]
        self.losses.append(float(self.variables["loss"]))
        self.dW = self.variables["dW"]
        for name, values in (("W", self.net.W), ("scores", scores), ("softmax", softmax(scores)), ("dW", self.dW)):
            fill_table(self.tables[name], values, digits=8)   # as the course's NumPy prints
        self._show_texts()
        self.code_view.set_variables(self.variables)
        self._loss_item.setData(np.arange(len(self.losses)), self.losses)
        self.loss_plot.setXRange(0, max(10, len(self.losses) - 1), padding=0.02)  # whole steps

    def _show_texts(self) -> None:
        """The texts with values, in the current language (again after a language switch)."""
        shown = LISTING.shown(self.variables)
        # every digit; the book's rounded ones are in the digits note
        self.loss_label.setText(self.tr("loss = {v}").format(v=format_value(self.variables["loss"])))
        self.argmax_label.setText(self.tr("argmax(p) = {i}  (index from 0)").format(i=shown["argmax_p"]))
        self.digits_label.setText(self._digits_text())

    @Slot()
    def _on_reseed_button_clicked(self) -> None:
        self.set_W(SimpleNet(np.random.default_rng(self.seed_spin.value())).W)

    @Slot()
    def _on_book_button_clicked(self) -> None:
        self.set_W(book_W())

    @Slot()
    def _on_step_button_clicked(self) -> None:
        self.step()
