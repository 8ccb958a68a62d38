"""Hint cards: what the run showed (nn.hints), in numbers, with "Why?" in the course's terms and
"Apply", which changes the setting for the next run."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from digitlab.gui.live_text import LiveTexts
from digitlab.nn.training.hints import Hint, HintKind


# The texts are looked up in the context "HintCard" (lupdate reads literal translate() calls only).
def hint_title(hint: Hint) -> str:
    return {
        HintKind.DIVERGING: QCoreApplication.translate("HintCard", "The loss diverged"),
        HintKind.TOO_SLOW: QCoreApplication.translate("HintCard", "Learning too slowly"),
        HintKind.OVERFITTING: QCoreApplication.translate("HintCard", "Overfitting"),
        HintKind.SATURATED: QCoreApplication.translate("HintCard", "Saturated sigmoid units"),
        HintKind.DEAD_RELU: QCoreApplication.translate("HintCard", "Dead ReLU units"),
        HintKind.LR_FAR: QCoreApplication.translate("HintCard", "Learning rate far from the range test's suggestion"),
    }[hint.kind]


def hint_seen(hint: Hint) -> str:
    """What was seen, with its numbers."""
    n = hint.numbers
    if hint.kind == HintKind.DIVERGING:
        return QCoreApplication.translate("HintCard", "At iteration {0} the loss reached {1:.3g} with learning rate {2:g}.").format(
            n["iteration"], n["loss"], n["lr"])
    if hint.kind == HintKind.TOO_SLOW:
        return QCoreApplication.translate("HintCard", "After {0} iterations the loss fell only {1:.0%} (from {2:.3f} to {3:.3f}) with "
                   "learning rate {4:g}.").format(n["iterations"], n["drop"], n["loss_start"],
                                                  n["loss_now"], n["lr"])
    if hint.kind == HintKind.OVERFITTING:
        return QCoreApplication.translate("HintCard", "Epoch {0}: train accuracy {1:.1%}, test accuracy {2:.1%}: a gap of {3:.1%} "
                   "that is not closing.").format(n["epoch"], n["train"], n["test"], n["gap"])
    if hint.kind == HintKind.SATURATED:
        return QCoreApplication.translate("HintCard", "{0:.0%} of a layer's sigmoid units output below 0.01 or above 0.99 on most "
                   "probe images (iteration {1}).").format(n["share"], n["iteration"])
    if hint.kind == HintKind.DEAD_RELU:
        return QCoreApplication.translate("HintCard", "{0:.0%} of a layer's ReLU units output 0 on every probe image (iteration {1})."
                   ).format(n["share"], n["iteration"])
    return QCoreApplication.translate("HintCard", "The learning rate {0:g} is {1:.2g} times the range test's suggestion {2:g}.").format(
        n["lr"], n["ratio"], n["suggested"])


def hint_why(hint: Hint) -> str:
    """A short paragraph in the course's terms."""
    return {
        HintKind.DIVERGING: QCoreApplication.translate("HintCard",
            "Gradient descent moves every weight by the learning rate times its gradient "
            "(W <- W - lr * dL/dW). When that step is too large it jumps across the valley of the "
            "loss to a point higher up, where the gradient is larger still, so the next step is "
            "larger again: the loss grows instead of falling. A smaller learning rate takes "
            "smaller steps."),
        HintKind.TOO_SLOW: QCoreApplication.translate("HintCard",
            "Each step moves the weights by the learning rate times the gradient. With a tiny "
            "learning rate the steps are so small that the loss hardly changes: the network is "
            "heading the right way but would need thousands of epochs. The course trains this "
            "network with 0.1."),
        HintKind.OVERFITTING: QCoreApplication.translate("HintCard",
            "The network is memorising its training images instead of learning what makes a "
            "digit: the loss on the training data keeps falling while the accuracy on images it "
            "never saw stops improving. Weight decay adds 0.5 * lambda * sum(W^2) to the loss, so "
            "large weights cost something and the network prefers simpler answers; more training "
            "images or dropout help too."),
        HintKind.SATURATED: QCoreApplication.translate("HintCard",
            "The sigmoid's slope is y(1 - y): at 0.01 or 0.99 it is below 0.01, so "
            "backpropagation multiplies the gradient by almost zero and these units stop learning "
            "(the vanishing gradient). Large initial weights push the weighted sums far from 0. "
            "Xavier initialisation (standard deviation 1/sqrt(n)) keeps them in the sigmoid's "
            "steep middle."),
        HintKind.DEAD_RELU: QCoreApplication.translate("HintCard",
            "ReLU passes a positive input and outputs 0 otherwise, and then its gradient is 0 too: "
            "a unit whose weighted sum is negative for every image never changes again. Too large "
            "a step can push many units there at once. He initialisation (standard deviation "
            "sqrt(2/n)) and a smaller learning rate keep more of them alive."),
        HintKind.LR_FAR: QCoreApplication.translate("HintCard",
            "The range test trained for a moment with the learning rate growing at every step and "
            "watched the loss: where it fell fastest the steps were about right, where it rose "
            "they overshot. A rate ten times away from its suggestion is likely to crawl or to "
            "diverge."),
    }[hint.kind]


def change_text(hint: Hint) -> str:
    """The Apply button's text: the settings it changes."""
    names = {"lr": QCoreApplication.translate("HintCard", "learning rate"), "weight_init": QCoreApplication.translate("HintCard", "initial weights"),
             "weight_decay": QCoreApplication.translate("HintCard", "weight decay")}
    parts = [f"{names.get(key, key)} {value:g}" if isinstance(value, float) else f"{names.get(key, key)} {value}"
             for key, value in hint.change.items()]
    return QCoreApplication.translate("HintCard", "Apply: {0}").format(", ".join(parts))


class HintCard(QFrame):
    """One hint: its title, what was seen, a "Why?" paragraph (hidden until asked) and Apply.

    Signals:
        apply_requested(object): the Hint whose change the user wants for the next run.
    """

    apply_requested = Signal(object)

    def __init__(self, hint: Hint, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.texts = LiveTexts(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold")
        self.seen = QLabel()
        self.why = QLabel()
        for label in (self.title, self.seen, self.why):
            label.setWordWrap(True)
        self.why_button = QPushButton(self.tr("Why?"))
        self.why_button.setCheckable(True)
        self.why_button.setToolTip(self.tr("What this means, in the course's terms"))
        self.why_button.toggled.connect(self.why.setVisible)
        self.apply_button = QPushButton()
        self.apply_button.setToolTip(self.tr("Change this setting for the next run"))
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        self.texts.show(self.title.setText, lambda: hint_title(hint))
        self.texts.show(self.seen.setText, lambda: hint_seen(hint))
        self.texts.show(self.why.setText, lambda: hint_why(hint))
        self.texts.show(self.apply_button.setText, lambda: change_text(hint))
        self.texts.show(self.setAccessibleName, lambda: hint_title(hint))
        buttons = QHBoxLayout()
        buttons.addWidget(self.why_button)
        buttons.addWidget(self.apply_button, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.seen)
        layout.addLayout(buttons)
        layout.addWidget(self.why)
        # only once they are in the card: shown without a parent, a widget is a window of its own
        # and takes the keyboard focus from the main window
        self.why.setVisible(False)
        self.apply_button.setVisible(bool(hint.change))

    @Slot()
    def _on_apply_button_clicked(self) -> None:
        self.apply_requested.emit(self.hint)
        self.apply_button.setEnabled(False)


class HintList(QScrollArea):
    """The hints of the current run, newest first.

    Signals:
        apply_requested(object): a card's Apply was clicked; the nn.hints.Hint.
    """

    apply_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # the cards wrap their text to the width: never a sideways scroll
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Hints"))
        inner = QWidget()
        self._layout = QVBoxLayout(inner)
        self.empty_label = QLabel(self.tr("No hints: nothing unusual in this run so far."))
        self.empty_label.setWordWrap(True)
        self._layout.addWidget(self.empty_label)
        self._layout.addStretch(1)
        self.setWidget(inner)
        self.cards: list[HintCard] = []

    def add_hint(self, hint: Hint) -> HintCard:
        card = HintCard(hint, self.widget())
        card.apply_requested.connect(self.apply_requested)
        self._layout.insertWidget(0, card)
        self.cards.append(card)
        self.empty_label.setVisible(False)
        return card

    def clear(self) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        self.empty_label.setVisible(True)

    def card(self, kind: HintKind) -> HintCard | None:
        return next((card for card in self.cards if card.hint.kind == kind), None)


