"""The Draw tab's handwriting features, wired to the tab: labelling, gallery, fine-tune, why, steps.

DrawTab creates one Handwriting and puts its widgets in its layout; everything else about the
features lives here so the tab itself stays about drawing and predicting.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Slot

from digitlab.gui.draw.label_bar import LabelBar
from digitlab.gui.draw.personal_store import PersonalStore, canvas_strokes
from digitlab.gui.lazy_tab import LazyTab
from digitlab.nn.data.preprocess import preprocess, preprocess_stages


class Handwriting(QObject):
    """Owns the label bar, the why and steps views and the personal store of one DrawTab.

    The why and steps views are LazyTab pages, built when first shown: their five plots would
    otherwise add to the app's start-up.

    mnist: a gui.training.mnist_cache.MnistCache for fine-tuning (set by the main window), or None.
    """

    def __init__(self, tab, store: PersonalStore | None = None) -> None:
        super().__init__(tab)
        self.tab = tab
        self.store = store if store is not None else PersonalStore(parent=self)
        self.mnist = None
        self.label_bar = LabelBar()
        self.why_page = LazyTab("digitlab.gui.draw.why_view", "WhyView")
        self.steps_page = LazyTab("digitlab.gui.draw.steps_view", "StepsView")
        self.why_page.built.connect(self._on_why_page_built)
        self.steps_page.built.connect(self._on_steps_page_built)
        self.label_bar.labelled.connect(self._on_label_bar_labelled)
        self.label_bar.gallery_requested.connect(self.show_gallery)
        self.label_bar.finetune_requested.connect(self.show_finetune)
        self.store.changed.connect(self.update_counts)

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

    @Slot(int)
    def on_view_changed(self, index: int) -> None:
        page = self.tab.views.widget(index)
        if isinstance(page, LazyTab) and page.build() is not None:
            page.widget.show()      # now, not at the layout's queued show: it is fed right below
        self.on_prediction_updated()

    @Slot()
    def on_prediction_updated(self, *_args) -> None:
        """After each (frame-throttled) prediction: feed only the views that are visible."""
        stages = self.tab.last_stages
        self.label_bar.set_labelling_enabled(stages is not None)
        steps, why = self.steps_page.widget, self.why_page.widget
        if steps is not None and steps.isVisible():
            steps.show_stages(stages)
        if why is not None:     # computes only while visible
            why.set_input(self.tab.network, None if stages is None else stages.centered)

    @Slot(object)
    def _on_why_page_built(self, view) -> None:
        view.nudged.connect(self._on_why_view_nudged)
        view.restore_requested.connect(self.tab._update_prediction)

    @Slot(object)
    def _on_steps_page_built(self, view) -> None:
        view.switches_changed.connect(self.tab._on_canvas_changed)

    @Slot()
    def update_counts(self) -> None:
        self.label_bar.show_counts(len(self.store.samples),
                                   self.store.test_accuracy(self.tab.network))

    def label_current(self, digit: int) -> bool:
        """Store the drawing (fully preprocessed, whatever the step switches say) as `digit`."""
        from digitlab.gui.draw.tab import PREDICT_SIDE

        image = self.tab.canvas.to_array(PREDICT_SIDE)
        x28 = None if image is None else preprocess(image)
        if x28 is None:
            self.tab.message.emit(self.tr("Draw a digit first, then say which digit it is."))
            return False
        try:
            self.store.add(x28, digit, canvas_strokes(self.tab.canvas))
        except OSError as error:
            self.tab.message.emit(self.tr("Could not store the sample: {0}").format(error))
            return False
        said = self._predicted(x28)
        if said is None or said == digit:
            text = self.tr("Stored as a {0} in your digits ({1} in all).")
        else:
            text = self.tr("Stored as a {0} (the network said {2}) in your digits ({1} in all).")
        self.tab.message.emit(text.format(digit, len(self.store.samples), said))
        return True

    def _predicted(self, x28: np.ndarray) -> int | None:
        network = self.tab.network
        if network is None:
            return None
        return int(np.argmax(network.probabilities(x28.reshape(1, -1).astype(network.dtype))))

    @Slot(int)
    def _on_label_bar_labelled(self, digit: int) -> None:
        self.label_current(digit)

    @Slot(object, object)
    def _on_why_view_nudged(self, x28, p) -> None:
        self.tab.input_view.show_input(x28)
        self.tab.bars.show_probabilities(np.asarray(p), None)

    @Slot()
    def show_gallery(self):
        from digitlab.gui.draw.gallery_dialog import GalleryDialog

        dialog = GalleryDialog(self.store, self.tab.network, self.tab)
        dialog.message.connect(self.tab.message)
        dialog.show()
        return dialog

    @Slot()
    def show_finetune(self):
        from digitlab.gui.draw.finetune_dialog import FinetuneDialog

        dialog = FinetuneDialog(self.tab.network, self.store.samples, self.mnist, self.tab)
        dialog.model_ready.connect(self._on_finetune_model_ready)
        dialog.show()
        return dialog

    @Slot(object, str, object)
    def _on_finetune_model_ready(self, network, name: str, accuracy) -> None:
        self.tab.set_model(network, name, accuracy)
