"""The main window: composes the Draw, Training and Gradient descent tabs and connects them."""
from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from gui.draw.tab import DrawTab
from gui.lazy_tab import LazyTab


class MainWindow(QMainWindow):
    """DigitLab's window: Draw (built at once), Training and Gradient descent (built lazily).

    The status bar shows the model the Draw tab uses. The Training tab's models are offered to the
    Draw tab ("Training (live)" while it learns); "Use this model" and a click on a misclassified
    test image switch to the Draw tab with the trained model. Closing asks about a running training
    or an unsaved model (Save / Discard / Cancel, TrainingTab.maybe_save) and stops the training.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("DigitLab"))
        self.draw_tab = DrawTab()
        self.training_page = LazyTab("gui.training.tab", "TrainingTab")
        self.gradient_page = LazyTab("gui.gradient.tab", "GradientTab")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.draw_tab, self.tr("Draw"))
        self.tabs.addTab(self.training_page, self.tr("Training"))
        self.tabs.addTab(self.gradient_page, self.tr("Gradient descent"))
        self.training_page.built.connect(self._on_training_page_built)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.setCentralWidget(self.tabs)

        self.model_label = QLabel(self.tr("No model"))
        self.statusBar().addPermanentWidget(self.model_label)
        self.draw_tab.model_changed.connect(self._on_draw_tab_model_changed)
        self.draw_tab.message.connect(self._on_draw_tab_message)
        self.resize(1180, 820)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, LazyTab):
            page.build()

    @property
    def training_tab(self):
        """The Training tab once it has been built, else None."""
        return self.training_page.widget

    def closeEvent(self, event) -> None:
        training = self.training_tab
        if training is not None:
            if not training.maybe_save():
                event.ignore()
                return
            training.shutdown()
        super().closeEvent(event)

    @Slot(object)
    def _on_training_page_built(self, training_tab) -> None:
        training_tab.live_model.connect(self._on_training_tab_live_model)
        training_tab.model_trained.connect(self._on_training_tab_model_trained)
        training_tab.image_chosen.connect(self._on_training_tab_image_chosen)
        self._offer_draw_model(training_tab)

    @Slot(str)
    def _on_draw_tab_model_changed(self, description: str) -> None:
        self.model_label.setText(self.tr("Model: {0}").format(description))
        self.setWindowTitle(self.tr("DigitLab — {0}").format(description))
        if self.training_tab is not None:
            self._offer_draw_model(self.training_tab)

    def _offer_draw_model(self, training_tab) -> None:
        """The Draw tab's model reaches the Training tab's Evaluation panel (any model, any source)."""
        chosen = self.draw_tab.model_choice.current()
        training_tab.set_draw_model(*(chosen[:2] if chosen is not None else (None, "")))

    @Slot(str)
    def _on_draw_tab_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(object)
    def _on_training_tab_live_model(self, network) -> None:
        self.draw_tab.offer_model(network, self.tr("Training (live)"), None)

    @Slot(object, dict)
    def _on_training_tab_model_trained(self, network, metadata: dict) -> None:
        self.draw_tab.set_model(network, self.tr("Trained just now"), metadata.get("test_accuracy"))
        self.tabs.setCurrentWidget(self.draw_tab)
        self.statusBar().showMessage(
            self.tr("The Draw tab now answers with the network you trained: draw a digit to try it."),
            10000)

    @Slot(object)
    def _on_training_tab_image_chosen(self, image) -> None:
        training = self.training_tab
        if training is not None and training.model is not None:
            # the model that got the image wrong answers it, so the student sees the same mistake
            self.draw_tab.set_model(training.model.copy(), self.tr("Trained just now"),
                                    training.metadata.get("test_accuracy"))
        self.tabs.setCurrentWidget(self.draw_tab)
        self.draw_tab.show_image(image, self.tr("a misclassified test image"))
