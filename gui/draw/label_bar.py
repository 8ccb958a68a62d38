"""“This is a k”: ten buttons (and Alt+digit) that label the current drawing for the personal set."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from digitlab.gui.live_text import follow_language


class LabelBar(QWidget):
    """A row: “This is a” 0..9, the model's accuracy on the user's digits, Gallery, Fine-tune.

    Signals:
        labelled(int): the user said the drawing is this digit.
        gallery_requested(): show the personal samples.
        finetune_requested(): fine-tune the model on them.
    """

    labelled = Signal(int)
    gallery_requested = Signal()
    finetune_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = QLabel(self.tr("This is a"))
        layout.addWidget(self.title)
        self.actions_by_digit: list[QAction] = []
        self.digit_buttons: list[QToolButton] = []
        for digit in range(10):
            action = QAction(str(digit), self)
            action.setShortcuts([QKeySequence(Qt.Modifier.ALT | Qt.Key(Qt.Key.Key_0 + digit))])
            action.triggered.connect(lambda _=False, d=digit: self.labelled.emit(d))
            self.addAction(action)
            self.actions_by_digit.append(action)
            button = QToolButton()
            button.setDefaultAction(action)
            layout.addWidget(button)
            self.digit_buttons.append(button)
        self.keep_check = QCheckBox(self.tr("keep the drawing"))
        self.keep_check.setToolTip(self.tr(
            "Off: the canvas is cleared after “This is a …” for the next sample (Ctrl+Z brings "
            "the drawing back). On: the drawing stays."))
        layout.addSpacing(4)
        layout.addWidget(self.keep_check)
        self.accuracy_label = QLabel()
        self.accuracy_label.setToolTip(self.tr(
            "Every fifth sample you label is kept for testing: this is how many of those the "
            "model in use reads right."))
        self.gallery_button = QPushButton(self.tr("Your digits…"))
        self.gallery_button.setToolTip(self.tr(
            "See the digits you stored, delete or relabel them, export or import them"))
        self.gallery_button.clicked.connect(self.gallery_requested)
        self.finetune_button = QPushButton(self.tr("Fine-tune…"))
        self.finetune_button.setToolTip(self.tr(
            "Train the model in use a little on your digits mixed with MNIST"))
        self.finetune_button.clicked.connect(self.finetune_requested)
        layout.addSpacing(8)
        layout.addWidget(self.accuracy_label, 1)
        layout.addWidget(self.gallery_button)
        layout.addWidget(self.finetune_button)
        self.show_counts(0, None)
        self._retranslate()
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        """The texts with values (the digit of each button, the counts) in the current language."""
        for digit, action in enumerate(self.actions_by_digit):
            action.setToolTip(self.tr("Store this drawing as a {0} in your personal digits "
                                      "(Alt+{0})").format(digit))
            self.digit_buttons[digit].setAccessibleName(self.tr("This is a {0}").format(digit))
            # what the keyboard-shortcut table calls it
            action.setStatusTip(self.tr("This is a {0}: store the drawing").format(digit))
        self.show_counts(*self._counts)

    def set_labelling_enabled(self, enabled: bool) -> None:
        """Digit buttons only make sense with something drawn."""
        for action in self.actions_by_digit:
            action.setEnabled(enabled)

    @Slot()
    def show_counts(self, samples: int, accuracy: tuple[float, int] | None, held_out: int = 0) -> None:
        """samples: how many are stored, held_out of them kept for testing; accuracy: (fraction, n)
        on the test split or None."""
        self._counts = (samples, accuracy, held_out)
        if accuracy is None:
            text = self.tr("{0} of your digits stored ({1} to learn from, {2} held out for testing)"
                           ).format(samples, samples - held_out, held_out)
        else:
            right = round(accuracy[0] * accuracy[1])
            text = self.tr("{0} stored · model reads {1} of {2} test digits right ({3:.0%})").format(
                samples, right, accuracy[1], accuracy[0])
        self.accuracy_label.setText(text)
