"""The personal-handwriting panel of the Draw tab: label drawings, your digits, fine-tune, why, steps."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from digitlab.gui.draw.canvas import PREDICT_SIDE
from digitlab.gui.draw.label_bar import LabelBar
from digitlab.gui.draw.personal_store import PersonalStore
from digitlab.gui.lazy_tab import LazyTab
from digitlab.nn.data.preprocess import preprocess, preprocess_stages


class HandwritingPanel(QWidget):
    """The “This is a k” row (label bar, your digits, fine-tune) with the personal store behind it,
    and two pages for the Draw tab's views: why it decided, and preprocessing step by step.

    The panel shows the label bar; why_page and steps_page are LazyTab pages the Draw tab puts in
    its views, built when first shown (their five plots would otherwise add to the app's start-up).
    It reads the drawing from the canvas it is given; the Draw tab tells it the model in use
    (set_network) and each answer (show_answer), and it tells the tab what happened through its
    signals only.

    Signals:
        message(str): something the user should read in the status bar.
        nudged(object, object): the why view nudged the input towards a class; payload the nudged
            input x28 (28, 28) float32 and its probabilities (10,), to be shown as the answer.
        restore_requested(): the why view went back to the drawing: answer it again.
        steps_changed(): a preprocessing step was switched on or off: answer the drawing again.
        model_ready(object, str, object): a fine-tuned model to use; payload the network, its
            name and its MNIST test accuracy (float, or None).

    mnist: a gui.training.mnist_cache.MnistCache for fine-tuning (set by the main window), or None.
    """

    message = Signal(str)
    nudged = Signal(object, object)
    restore_requested = Signal()
    steps_changed = Signal()
    model_ready = Signal(object, str, object)

    def __init__(self, canvas, store: PersonalStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._network = None
        self._stages = None
        self.store = store if store is not None else PersonalStore(parent=self)
        self.mnist = None
        self.finetune_dialogs: list = []    # each fine-tune run's dialog (its model until saved)
        self.label_bar = LabelBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label_bar)
        self.why_page = LazyTab("digitlab.gui.draw.why_view", "WhyView")
        self.steps_page = LazyTab("digitlab.gui.draw.steps_view", "StepsView")
        self.why_page.built.connect(self._on_why_page_built)
        self.steps_page.built.connect(self._on_steps_page_built)
        self.label_bar.labelled.connect(self._on_label_bar_labelled)
        self.label_bar.gallery_requested.connect(self.show_gallery)
        self.label_bar.finetune_requested.connect(self.show_finetune)
        self.store.changed.connect(self.update_counts)
        self.store.load_failed.connect(self.message)
        # the saved set is read once the window runs: a killed save's leftovers are removed and
        # an unreadable file is set aside and reported at start, not at the first labelled digit
        QTimer.singleShot(0, self.update_counts)
        canvas.stroke_finished.connect(self._on_canvas_stroke_finished)

    @property
    def why_view(self):
        """The WhyView, built now if it was not shown yet."""
        return self.why_page.build()

    @property
    def steps_view(self):
        """The StepsView, built now if it was not shown yet."""
        return self.steps_page.build()

    def stages(self, image: np.ndarray):
        """nn's preprocessing stages of image (H, W), with the steps the steps view switched off."""
        steps = self.steps_page.widget
        return preprocess_stages(image) if steps is None else steps.stages(image)

    def set_network(self, network) -> None:
        """The model the Draw tab answers with (None for none): labelling, why and fine-tuning use it."""
        self._network = network
        self.update_counts()

    def show_answer(self, stages) -> None:
        """After each (frame-throttled) answer: stages of the drawing (or None when it is empty)
        reach the views that are visible, and labelling is possible only with a drawing."""
        self._stages = stages
        self.label_bar.set_labelling_enabled(stages is not None)
        steps, why = self.steps_page.widget, self.why_page.widget
        # four plots repainted per frame while the pen moves would slow the event loop down, and
        # the window system would then merge the pen's moves: fewer points, a jagged stroke, another
        # answer. The steps follow when the pen is lifted (they show the finished drawing anyway).
        if steps is not None and steps.isVisible() and not self._canvas.is_drawing():
            steps.show_stages(stages)
        if why is not None:     # computes only while visible
            why.set_input(self._network, None if stages is None else stages.centered)

    @Slot()
    def _on_canvas_stroke_finished(self) -> None:
        steps = self.steps_page.widget
        if steps is not None and steps.isVisible():
            steps.show_stages(self._stages)   # the last answer's stages (a new point answers anew)

    @Slot()
    def update_counts(self) -> None:
        self.label_bar.show_counts(len(self.store.samples), self.store.test_accuracy(self._network),
                                   len(self.store.samples.arrays("test")[1]))

    def label_current(self, digit: int) -> bool:
        """Store the drawing (fully preprocessed, whatever the step switches say) as `digit`, then
        clear the canvas for the next sample unless "keep the drawing" is ticked."""
        image = self._canvas.to_array(PREDICT_SIDE)
        x28 = None if image is None else preprocess(image)
        if x28 is None:
            self.message.emit(self.tr("Draw a digit first, then say which digit it is."))
            return False
        try:
            self.store.add(x28, digit, self._canvas.stroke_points())
        except OSError as error:
            self.message.emit(self.tr("Could not store the sample: {0}").format(error))
            return False
        said = self._predicted(x28)
        if not self.label_bar.keep_check.isChecked():
            self._canvas.clear()     # ready for the next sample; Ctrl+Z brings it back
        if said is None or said == digit:
            text = self.tr("Stored as a {0} in your digits ({1} in all).")
        else:
            text = self.tr("Stored as a {0} (the network said {2}) in your digits ({1} in all).")
        self.message.emit(text.format(digit, len(self.store.samples), said))
        return True

    def _predicted(self, x28: np.ndarray) -> int | None:
        network = self._network
        if network is None:
            return None
        return int(np.argmax(network.probabilities(x28.reshape(1, -1).astype(network.dtype))))

    @Slot()
    def show_gallery(self):
        from digitlab.gui.draw.gallery_dialog import GalleryDialog

        dialog = GalleryDialog(self.store, self._network, self)
        dialog.message.connect(self.message)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)   # one per opening: never kept
        dialog.show()
        return dialog

    @Slot()
    def show_finetune(self):
        from digitlab.gui.draw.finetune_dialog import FinetuneDialog

        dialog = FinetuneDialog(self._network, self.store.samples, self.mnist, self)
        dialog.model_ready.connect(self.model_ready)
        self.finetune_dialogs = [d for d in self.finetune_dialogs if d.has_unsaved_model()]
        self.finetune_dialogs.append(dialog)
        dialog.show()
        return dialog

    def maybe_save(self) -> bool:
        """Before quitting: Save / Discard / Cancel for each fine-tuned model never saved;
        False = the user cancelled."""
        return all(dialog.maybe_save() for dialog in self.finetune_dialogs)

    @Slot(object)
    def _on_why_page_built(self, view) -> None:
        view.nudged.connect(self.nudged)
        view.restore_requested.connect(self.restore_requested)

    @Slot(object)
    def _on_steps_page_built(self, view) -> None:
        view.switches_changed.connect(self.steps_changed)

    @Slot(int)
    def _on_label_bar_labelled(self, digit: int) -> None:
        self.label_current(digit)
