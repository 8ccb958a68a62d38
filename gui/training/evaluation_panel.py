"""After a run: test accuracy, per-class accuracy, confusion matrix, misclassified gallery, batch demo."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, QThread, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from gui.log import show_error
from gui.workers import QUEUED, TaskWorker, WorkerFailure, abandon_thread, join_thread, start_worker
from nn.evaluate import Evaluation, evaluate
from nn.timing import BatchTiming, time_batches

GALLERY_SIZE = 48


def digit_icon(image: np.ndarray, scale: int = 2) -> QIcon:
    """Icon of a (784,) or (28, 28) image in [0, 1], ink dark on white as on paper."""
    gray = np.ascontiguousarray(255 - np.clip(image.reshape(28, 28) * 255, 0, 255).astype(np.uint8))
    qimage = QImage(gray.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
    return QIcon(QPixmap.fromImage(qimage).scaled(28 * scale, 28 * scale))


class EvaluationPanel(QWidget):
    """Shows how a trained network does on the test set.

    Signals:
        image_chosen(object): a clicked misclassified image, (28, 28) float32 in [0, 1] (ink = 1).
    """

    image_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._network = None
        self._x: np.ndarray | None = None
        self._thread: QThread | None = None
        self.evaluation: Evaluation | None = None
        self.demo_result: BatchTiming | None = None
        self.summary = QLabel(self.tr("Train a network to see how it does on the 10,000 test images."))
        self.summary.setWordWrap(True)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self._build_plots()
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(56, 56))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setMovement(QListWidget.Movement.Static)
        self.gallery.setToolTip(self.tr("Click an image to load it into the Draw tab's canvas"))
        self.gallery.itemClicked.connect(self._on_gallery_itemClicked)
        self.demo_button = QPushButton(self.tr("Time it: one image at a time vs batches of 100"))
        self.demo_button.setEnabled(False)
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.demo_label = QLabel()
        self.demo_label.setWordWrap(True)
        layout = QGridLayout(self)
        layout.addWidget(self.summary, 0, 0, 1, 2)
        layout.addWidget(self.graphics, 1, 0)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Misclassified test images (true -> predicted, confidence)")))
        right.addWidget(self.gallery, 1)
        layout.addLayout(right, 1, 1)
        demo = QHBoxLayout()
        demo.addWidget(self.demo_button)
        demo.addWidget(self.demo_label, 1)
        layout.addLayout(demo, 2, 0, 1, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

    def _build_plots(self) -> None:
        self.class_plot = self.graphics.addPlot(row=0, col=0, title=self.tr("Accuracy per digit"))
        self.class_plot.setYRange(0, 1)
        self.class_plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(10)]])
        self.class_bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brush=(30, 140, 60))
        self.class_plot.addItem(self.class_bars)
        self.confusion_plot = self.graphics.addPlot(row=0, col=1, title=self.tr("Confusion matrix"))
        self.confusion_plot.setLabel("left", self.tr("true digit"))
        self.confusion_plot.setLabel("bottom", self.tr("predicted digit"))
        self.confusion_plot.invertY(True)
        self.confusion_plot.setAspectLocked(True)
        ticks = [[(i + 0.5, str(i)) for i in range(10)]]
        self.confusion_plot.getAxis("left").setTicks(ticks)
        self.confusion_plot.getAxis("bottom").setTicks(ticks)
        self.confusion_image = pg.ImageItem(np.zeros((10, 10)), axisOrder="row-major")
        self.confusion_image.setColorMap(pg.colormap.get("viridis"))
        self.confusion_plot.addItem(self.confusion_image)
        self.graphics.ci.layout.setColumnStretchFactor(1, 2)

    def clear(self) -> None:
        """Forget the evaluated network."""
        self._network, self._x, self.evaluation, self.demo_result = None, None, None, None
        self.summary.setText(self.tr("Train a network to see how it does on the 10,000 test images."))
        self.class_bars.setOpts(height=np.zeros(10))
        self.confusion_image.setImage(np.zeros((10, 10)))
        self.gallery.clear()
        self.demo_label.clear()
        self.demo_button.setEnabled(False)

    def set_model(self, network, x_test: np.ndarray, t_test: np.ndarray,
                  evaluation: Evaluation | None = None) -> Evaluation:
        """Show how network does on x_test (N, 784), t_test (N,).

        evaluation: nn.evaluate.evaluate(network, x_test, t_test) when already computed (the training
        worker does it off the GUI thread); computed here otherwise.
        """
        self._network, self._x = network, x_test
        ev = self.evaluation = evaluation if evaluation is not None else evaluate(network, x_test, t_test)
        self.summary.setText(self.tr("Test accuracy: {0:.2%} ({1:,} of {2:,} test images wrong)").format(
            ev.accuracy, len(ev.wrong), len(t_test)))
        self.class_bars.setOpts(height=ev.per_class)
        # log scale so the few mistakes are visible next to the big diagonal
        self.confusion_image.setImage(np.log1p(ev.confusion.astype(float)), autoLevels=True)
        self._fill_gallery(ev, x_test, t_test)
        self.demo_button.setEnabled(True)
        return ev

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
        self.demo_label.setText(self.tr("Classifying {0:,} images twice...").format(len(self._x)))
        network, x = self._network, self._x
        self._demo_worker = TaskWorker(lambda: time_batches(network, x))
        self._demo_worker.failed.connect(self._on_demo_failed, QUEUED)
        self._demo_worker.finished.connect(self._on_demo_finished, QUEUED)
        self._thread = start_worker(self._demo_worker, self)

    @Slot(object)
    def _on_demo_failed(self, failure: WorkerFailure) -> None:
        text = self.tr("Timing the network failed; press the button to try again.")
        self.demo_label.setText(text)
        show_error(self, self.tr("Evaluation"), text, failure.details, summary=failure.summary, log=False)

    @Slot(object)
    def _on_demo_finished(self, result: BatchTiming | None) -> None:
        if self._thread is None:   # shutdown() dropped this demo
            return
        join_thread(self._thread)
        self._thread, self._demo_worker = None, None
        self.demo_button.setEnabled(self._network is not None)
        if result is None:
            return
        self.demo_result = result
        self.demo_label.setText(self.tr(
            "One at a time: {0:.2f} s. In batches of {1}: {2:.3f} s. Batches are {3:.0f}x faster: "
            "one big matrix product beats {4:,} small ones.").format(
            result.single, result.batch_size, result.batched, result.speedup, result.count))

    def shutdown(self) -> None:
        """Wait for a running batch demo and drop its result (Reset, closing)."""
        if self._thread is not None:
            # its failed/finished are queued, and queued calls to this panel come from the demo only
            abandon_thread(self._thread, self)
            self._thread, self._demo_worker = None, None
