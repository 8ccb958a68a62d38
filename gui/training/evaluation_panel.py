"""After a run: test accuracy, per-class accuracy, confusion matrix, misclassified gallery, batch demo."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt, QThread, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from digitlab.gui.code_view import CodeView
from digitlab.gui.training.evaluation_plots import EvaluationPlots
from digitlab.gui.live_text import LiveTexts, follow_language
from digitlab.gui.log import show_error
from digitlab.gui.workers import QUEUED, TaskWorker, WorkerFailure, abandon_thread, join_thread, start_worker
from digitlab.nn.course import LISTINGS, format_value
from digitlab.nn.training.evaluate import Evaluation, evaluate
from digitlab.nn.speed.timing import BatchTiming, time_batches

GALLERY_SIZE = 48


def digit_icon(image: np.ndarray, scale: int = 2) -> QIcon:
    """Icon of a (784,) or (28, 28) image in [0, 1], ink dark on white as on paper."""
    gray = np.ascontiguousarray(255 - np.clip(image.reshape(28, 28) * 255, 0, 255).astype(np.uint8))
    qimage = QImage(gray.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
    return QIcon(QPixmap.fromImage(qimage).scaled(28 * scale, 28 * scale))


class EvaluationPanel(QWidget):
    """Shows how a network (trained here or chosen on the Draw tab) does on the test set, beside
    the chapter-3 listings that compute its accuracy (nn.course: image by image, in batches).

    Signals:
        image_chosen(object): a clicked misclassified image, (28, 28) float32 in [0, 1] (ink = 1).
        evaluated(): a model chosen on the Draw tab was evaluated (its results are shown).
    data: the gui.training.mnist_cache.MnistCache the Draw tab's model is evaluated on.
    """

    image_chosen = Signal(object)
    evaluated = Signal()

    def __init__(self, parent: QWidget | None = None, data=None) -> None:
        super().__init__(parent)
        self._data = data
        self._network = None
        self._x: np.ndarray | None = None
        self._t: np.ndarray | None = None
        self._thread: QThread | None = None
        self.evaluation: Evaluation | None = None
        self.demo_result: BatchTiming | None = None
        self.texts = LiveTexts(self)
        self.summary = QLabel(self.tr("Train a network to see how it does on the 10,000 test images."))
        self.summary.setWordWrap(True)
        self.graphics = EvaluationPlots()
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(56, 56))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setMovement(QListWidget.Movement.Static)
        self.gallery.setToolTip(self.tr("Click an image to load it into the Draw tab's canvas"))
        self.gallery.setAccessibleName(self.tr("Misclassified test images"))
        self.gallery.itemClicked.connect(self._on_gallery_itemClicked)
        self.demo_button = QPushButton(self.tr("Time it: one image at a time vs batches of 100"))
        self.demo_button.setToolTip(self.tr("Run the 10,000 test images through the network one "
                                            "by one and in batches of 100, and compare the times"))
        self.demo_button.setEnabled(False)
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.demo_label = QLabel()
        self.demo_label.setWordWrap(True)
        self._build_course_row()
        layout = QGridLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.model_button)
        layout.addLayout(top, 0, 0, 1, 2)
        layout.addWidget(self.graphics, 1, 0, 2, 1)   # the plots take the height; the course beside
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Misclassified test images (true -> predicted, confidence)")))
        right.addWidget(self.gallery, 1)
        layout.addLayout(right, 1, 1)
        code = QVBoxLayout()
        code.addWidget(self.demo_button)
        code.addWidget(self.demo_label)
        code.addWidget(self.listing_choice)
        code.addWidget(self.code_view, 1)
        layout.addLayout(code, 2, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setRowStretch(1, 3)
        layout.setRowStretch(2, 2)

    def _build_course_row(self) -> None:
        self._draw_model = None
        self._listing_variables: dict[str, dict] = {}
        self._listing_inputs = None   # (network, x, t) whose batch listing waits for the panel to show
        self.model_button = QPushButton()
        self.model_button.setEnabled(False)
        self.model_button.clicked.connect(self.evaluate_draw_model)
        self.model_button.setToolTip(self.tr("Measure the accuracy of the model the Draw tab uses "
                                             "on the 10,000 MNIST test images"))
        self.listing_choice = QComboBox()
        self.listing_choice.setAccessibleName(self.tr("Listing"))
        self.listing_choice.setToolTip(self.tr("Which chapter-3 code to show: one image at a time "
                                               "or in batches of 100"))
        self.listing_choice.currentIndexChanged.connect(self._on_listing_choice_currentIndexChanged)
        self.code_view = CodeView()
        self.retranslate()
        follow_language(self, self.retranslate)
        self.code_view.set_listing(LISTINGS["batch_inference"])

    def retranslate(self) -> None:
        """The texts that depend on the language (the listings' code stays Python)."""
        index = max(self.listing_choice.currentIndex(), 1)
        self.listing_choice.blockSignals(True)
        self.listing_choice.clear()
        self.listing_choice.addItem(self.tr("Chapter 3: image by image"), "inference")
        self.listing_choice.addItem(self.tr("Chapter 3: in batches of 100"), "batch_inference")
        self.listing_choice.setCurrentIndex(index)
        self.listing_choice.blockSignals(False)
        self._update_model_button()

    def set_draw_model(self, network, name: str) -> None:
        """The model the Draw tab uses now (None: none); the button evaluates it."""
        self._draw_model = None if network is None else (network, name)
        self._update_model_button()

    @Slot()
    def evaluate_draw_model(self) -> bool:
        """Evaluate the Draw tab's model on the MNIST test set (asks to download it if missing)."""
        from digitlab.gui.training.download_dialog import ensure_mnist
        if self._draw_model is None or self._data is None or not ensure_mnist(self._data, self):
            return False
        (_, _), (x_test, t_test) = self._data.get()
        self.set_model(self._draw_model[0], x_test, t_test)
        self.evaluated.emit()
        return True

    @property
    def draw_model(self):
        """The Draw tab's (network, name), or None."""
        return self._draw_model

    def _update_model_button(self) -> None:
        name = self._draw_model[1] if self._draw_model is not None else self.tr("none")
        self.model_button.setText(self.tr("Evaluate the Draw tab's model ({0})").format(name))
        self.model_button.setAccessibleName(self.model_button.text())
        self.model_button.setEnabled(self._draw_model is not None)

    @Slot(int)
    def _on_listing_choice_currentIndexChanged(self, index: int) -> None:
        name = self.listing_choice.itemData(index)
        if name is not None:
            self.code_view.set_listing(LISTINGS[name])
            self.code_view.set_variables(self._listing_variables.get(name, {}))

    def _show_listing_variables(self, name: str, variables: dict) -> None:
        self._listing_variables[name] = variables
        if self.listing_choice.currentData() == name:
            self.code_view.set_variables(variables)

    def clear(self) -> None:
        """Forget the evaluated network."""
        self._network, self._x, self.evaluation, self.demo_result = None, None, None, None
        self._listing_inputs = None
        self.texts.show(self.summary.setText, self.tr("Train a network to see how it does on the 10,000 test images."))
        self.graphics.show_empty()
        self._listing_variables = {}
        self.code_view.set_variables({})
        self.gallery.clear()
        self.texts.show(self.demo_label.setText, "")
        self.demo_button.setEnabled(False)

    def set_model(self, network, x_test: np.ndarray, t_test: np.ndarray,
                  evaluation: Evaluation | None = None) -> Evaluation:
        """Show how network does on x_test (N, 784), t_test (N,).

        evaluation: nn.evaluate.evaluate(network, x_test, t_test) when already computed (the training
        worker does it off the GUI thread); computed here otherwise.
        """
        self._network, self._x, self._t = network, x_test, t_test
        ev = self.evaluation = evaluation if evaluation is not None else evaluate(network, x_test, t_test)
        # the accuracy as the course prints it (Accuracy:0.9352), not rounded to a percentage
        self.texts.show(self.summary.setText, lambda: self.tr(
            "Accuracy: {0} ({1:,} of {2:,} test images wrong)").format(
            format_value(float(ev.accuracy)), len(ev.wrong), len(t_test)))
        self.graphics.show_evaluation(ev)
        # the course's batch loop on the same images: what the listing beside the results computed,
        # run when the panel is on screen (10,000 images: ~0.1 s the GUI thread should not spend
        # after every run while the student is drawing on another tab)
        self._listing_variables = {}
        self._listing_inputs = (network, x_test, t_test)
        self._run_listing_if_shown()
        self._fill_gallery(ev, x_test, t_test)
        self.demo_button.setEnabled(True)
        return ev

    def _run_listing_if_shown(self) -> None:
        if self._listing_inputs is not None and self.isVisible():
            inputs, self._listing_inputs = self._listing_inputs, None
            self._show_listing_variables("batch_inference", _listing_run("batch_inference", *inputs))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._run_listing_if_shown()

    def _fill_gallery(self, ev: Evaluation, x: np.ndarray, t: np.ndarray) -> None:
        self.gallery.clear()
        for index in ev.wrong[:GALLERY_SIZE]:
            text = self.tr("{0} -> {1}\n{2:.0%}").format(int(t[index]), int(ev.predicted[index]),
                                                         float(ev.confidence[index]))
            item = QListWidgetItem(digit_icon(x[index]), text)
            item.setData(Qt.ItemDataRole.UserRole, int(index))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.gallery.addItem(item)

    @Slot(QListWidgetItem)
    def _on_gallery_itemClicked(self, item: QListWidgetItem) -> None:
        index = item.data(Qt.ItemDataRole.UserRole)
        self.image_chosen.emit(self._x[index].reshape(28, 28).astype(np.float32, copy=True))

    @Slot()
    def _on_demo_button_clicked(self) -> None:
        if self._network is None or self._thread is not None:
            return
        self.demo_button.setEnabled(False)
        network, x = self._network, self._x
        self.texts.show(self.demo_label.setText, lambda: self.tr("Classifying {0:,} images twice...").format(len(x)))
        t = self._t
        self._demo_worker = TaskWorker(lambda: (time_batches(network, x),
                                                _listing_run("inference", network, x, t)))
        self._demo_worker.failed.connect(self._on_demo_failed, QUEUED)
        self._demo_worker.finished.connect(self._on_demo_finished, QUEUED)
        self._thread = start_worker(self._demo_worker, self)

    @Slot(object)
    def _on_demo_failed(self, failure: WorkerFailure) -> None:
        text = self.tr("Timing the network failed; press the button to try again.")
        self.texts.show(self.demo_label.setText, text)
        show_error(self, self.tr("Evaluation"), text, failure.details, summary=failure.summary, log=False)

    @Slot(object)
    def _on_demo_finished(self, result: tuple[BatchTiming, dict] | None) -> None:
        if self._thread is None:   # shutdown() dropped this demo
            return
        join_thread(self._thread)
        self._thread, self._demo_worker = None, None
        self.demo_button.setEnabled(self._network is not None)
        if result is None:
            return
        result, variables = result
        self._show_listing_variables("inference", variables)
        self.demo_result = result
        self.texts.show(self.demo_label.setText, lambda: self._demo_text(result))

    def _demo_text(self, result: BatchTiming) -> str:
        if result.speedup < 1.0:   # seen only when another program took the processor meanwhile
            return self.tr(
                "One at a time: {0:.2f} s. In batches of {1}: {2:.3f} s. This time the batches were "
                "slower: another program was probably busy. Press the button again.").format(
                result.single, result.batch_size, result.batched)
        return self.tr(
            "One at a time: {0:.2f} s. In batches of {1}: {2:.3f} s. Batches are {3:.{5}f}x faster: "
            "one big matrix product beats {4:,} small ones.").format(
            result.single, result.batch_size, result.batched, result.speedup, result.count,
            1 if result.speedup < 10 else 0)

    def shutdown(self) -> None:
        """Wait for a running batch demo and drop its result (Reset, closing)."""
        if self._thread is not None:
            # its failed/finished are queued, and queued calls to this panel come from the demo only
            abandon_thread(self._thread, self)
            self._thread, self._demo_worker = None, None


def _listing_run(name: str, network, x: np.ndarray, t: np.ndarray) -> dict:
    """The variables of the course's chapter-3 listing `name` run on network, x, t (the inputs
    themselves left out: the table shows what the code computed)."""
    variables = LISTINGS[name].run(network=network, x=x, t=t)
    return {key: value for key, value in variables.items() if key not in ("network",)}
