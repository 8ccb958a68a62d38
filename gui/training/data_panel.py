"""The data a network learns from: examples of each digit page by page, how many of each digit
the training and test sets hold, the average digit of each class and the pixel values' histogram;
for MNIST and for the personal handwriting set (nn.data.stats)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy,
                               QVBoxLayout, QWidget)

from digitlab.gui.live_text import LiveTexts, follow_language
from digitlab.gui.log import show_error
from digitlab.gui.workers import TaskRunner, WorkerFailure
from digitlab.nn.data.stats import DataSummary, examples_of, page_count, summarize

ROWS = 5                # examples of each digit on a page
SCALE = 2               # screen pixels per image pixel in the grid
SOURCES = ("mnist", "personal")
Sets = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def digit_grid(columns: list[np.ndarray], rows: int, invert: bool = True) -> np.ndarray:
    """One image (rows*29, len(columns)*29) uint8 of columns of (k, 784) images (k <= rows), ink
    dark on white; a 1-pixel gap between cells."""
    cell = 29
    grid = np.full((rows * cell, len(columns) * cell), 255 if invert else 0, np.uint8)
    for c, images in enumerate(columns):
        for r, image in enumerate(images[:rows]):
            pixels = np.clip(image.reshape(28, 28) * 255, 0, 255).astype(np.uint8)
            grid[r * cell:r * cell + 28, c * cell:c * cell + 28] = 255 - pixels if invert else pixels
    return grid


def gray_pixmap(gray: np.ndarray, scale: int = SCALE) -> QPixmap:
    gray = np.ascontiguousarray(gray)
    h, w = gray.shape
    image = QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(image).scaled(w * scale, h * scale)


def personal_sets() -> Sets:
    """The personal handwriting set's (train, test) arrays, read from the user's data folder."""
    from digitlab.gui.draw.personal_store import FILE_NAME, data_dir
    from digitlab.nn.data.personal import PersonalSet

    path = data_dir() / FILE_NAME
    samples = PersonalSet.load(path) if path.exists() else PersonalSet()
    return samples.arrays("train"), samples.arrays("test")


class DataPanel(QWidget):
    """Examples per digit (Previous / Next page), counts train and test, average digits, pixel
    histogram, for MNIST or the personal set (the source menu). The summaries are computed on a
    worker thread when the panel is shown (MNIST's once, the personal set's each time).

    No signals. data: the MnistCache; personal: a function returning the personal set's
    ((x_train, t_train), (x_test, t_test)) (default: read from the user's data folder).
    """

    def __init__(self, data, parent: QWidget | None = None, *,
                 personal: Callable[[], Sets] = personal_sets) -> None:
        super().__init__(parent)
        self._data, self._personal = data, personal
        self.sets: dict[str, Sets] = {}
        self.summaries: dict[str, tuple[DataSummary, DataSummary]] = {}
        self.page = 0
        self.texts = LiveTexts(self)
        self.tasks = TaskRunner(self)
        self.tasks.failed.connect(self._on_tasks_failed)
        self.source_choice = QComboBox()
        self.source_choice.setAccessibleName(self.tr("Data set"))
        self.source_choice.setToolTip(self.tr("Which images to look at"))
        self.source_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_choice.setMinimumContentsLength(8)
        self.source_choice.currentIndexChanged.connect(self._on_source_choice_currentIndexChanged)
        self.previous_button = QPushButton(self.tr("Previous page"))
        self.next_button = QPushButton(self.tr("Next page"))
        self.previous_button.setToolTip(self.tr("The previous examples of each digit"))
        self.next_button.setToolTip(self.tr("The next examples of each digit"))
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.page_label = QLabel()
        self.grid = QLabel()
        self.grid.setAccessibleName(self.tr("Examples of each digit"))
        self.grid.setToolTip(self.tr("Training images of each digit, one column per digit"))
        self.grid.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the pictures may be cut at a narrow window rather than widen the whole tab
        self.grid.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.grid.setMinimumWidth(1)
        self.means = QLabel()
        self.means.setAccessibleName(self.tr("Average digit of each class"))
        self.means.setToolTip(self.tr("The average of all training images of each digit"))
        self.means.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.means.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.means.setMinimumWidth(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.graphics.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._build_plots()
        self._lay_out()
        self._fill_sources()
        follow_language(self, self._retranslate)

    def _build_plots(self) -> None:
        self.count_plot = self.graphics.addPlot(row=0, col=0)
        self.train_bars = pg.BarGraphItem(x=np.arange(10) - 0.2, height=np.zeros(10), width=0.4,
                                          brush=(20, 70, 160), name=self.tr("training set"))
        self.test_bars = pg.BarGraphItem(x=np.arange(10) + 0.2, height=np.zeros(10), width=0.4,
                                         brush=(200, 90, 20), name=self.tr("test set"))
        self.count_plot.addItem(self.train_bars)
        self.count_plot.addItem(self.test_bars)
        self.count_plot.getAxis("bottom").setTicks([[(d, str(d)) for d in range(10)]])
        self.hist_plot = self.graphics.addPlot(row=0, col=1)
        self.hist_plot.setLogMode(y=True)
        self.hist_curve = self.hist_plot.plot([0, 1], [1], stepMode="center", fillLevel=0,
                                              brush=(20, 70, 160, 120), pen=pg.mkPen((20, 70, 160)))
        for plot in (self.count_plot, self.hist_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
        self._set_titles()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        self.source_label = QLabel(self.tr("Data set:"))
        top.addWidget(self.source_label)
        top.addWidget(self.source_choice)
        top.addStretch(1)
        # the page buttons on a row of their own: one row of everything would widen the whole tab
        pages = QHBoxLayout()
        pages.addWidget(self.previous_button)
        pages.addWidget(self.page_label)
        pages.addWidget(self.next_button)
        pages.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(pages)
        layout.addWidget(self.grid)
        layout.addWidget(self.means)
        layout.addWidget(self.status)
        layout.addWidget(self.graphics, 1)

    def _set_titles(self) -> None:
        self.count_plot.setTitle(self.tr("Images per digit: training (blue), test (orange)"))
        self.count_plot.setLabel("bottom", self.tr("digit"))
        self.hist_plot.setTitle(self.tr("Pixel values of the training images (log scale)"))
        self.hist_plot.setLabel("bottom", self.tr("pixel value (0 = paper, 1 = ink)"))

    def _fill_sources(self) -> None:
        index = max(self.source_choice.currentIndex(), 0)
        self.source_choice.blockSignals(True)
        self.source_choice.clear()
        self.source_choice.addItem(self.tr("MNIST"), "mnist")
        self.source_choice.addItem(self.tr("Your handwriting (personal set)"), "personal")
        self.source_choice.setCurrentIndex(index)
        self.source_choice.blockSignals(False)

    def _retranslate(self) -> None:
        self._set_titles()
        self._fill_sources()

    @property
    def source(self) -> str:
        return self.source_choice.currentData() or "mnist"

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.tasks.busy:
            self.load()     # the personal set may have grown since; MNIST is summarised once

    def load(self) -> bool:
        """Compute the summaries of the personal set and, once, of MNIST (if its files are here)."""
        data, personal = self._data, self._personal
        known_sets, known = dict(self.sets), dict(self.summaries)

        def work():
            from digitlab.nn.data.mnist import MnistNotFoundError

            sets = {"personal": personal()}
            summaries = {"personal": tuple(summarize(*part) for part in sets["personal"])}
            if "mnist" in known:
                sets["mnist"], summaries["mnist"] = known_sets["mnist"], known["mnist"]
            else:
                try:
                    if data is not None:
                        sets["mnist"] = data.get()
                        summaries["mnist"] = tuple(summarize(*part) for part in sets["mnist"])
                except MnistNotFoundError:   # not downloaded yet: the panel says so
                    pass
            return sets, summaries

        if not self.summaries:
            self.texts.show(self.status.setText, self.tr("Counting the images..."))
        return self.tasks.run(work, self._on_loaded)

    def _on_loaded(self, result) -> None:
        page = self.page
        self.sets, self.summaries = result
        self.show_source()
        self.show_page(page)

    @Slot(int)
    def _on_source_choice_currentIndexChanged(self, index: int) -> None:
        self.page = 0
        self.show_source()

    def show_source(self) -> None:
        """Show the chosen set's summaries and first page."""
        if self.source not in self.summaries:
            self.texts.show(self.status.setText, self.tr(
                "The MNIST files are not here yet: press Start (or Find a learning rate) to get them.")
                if self.source == "mnist" else self.tr("Counting the images..."))
            return
        train, test = self.summaries[self.source]
        self.train_bars.setOpts(height=train.counts)
        self.test_bars.setOpts(height=test.counts)
        self.count_plot.setYRange(0, max(1, int(max(train.counts.max(), test.counts.max()))) * 1.1)
        self.hist_curve.setData(train.edges, np.maximum(train.histogram, 1))
        self.means.setPixmap(gray_pixmap(digit_grid([m[None] for m in train.mean_images], 1), SCALE))
        self.texts.show(self.status.setText, lambda: self._count_text(train, test))
        self.show_page(0)

    def _count_text(self, train: DataSummary, test: DataSummary) -> str:
        return self.tr("{0:,} training images, {1:,} test images. Training images per digit 0-9: {2}. "
                       "Test: {3}. Above: the average training image of each digit.").format(
            train.total, test.total, " ".join(str(int(c)) for c in train.counts),
            " ".join(str(int(c)) for c in test.counts))

    def show_page(self, page: int) -> None:
        """Show page `page` (from 0) of examples of each digit from the chosen set's training images."""
        if self.source not in self.sets:
            return
        (x, t), _ = self.sets[self.source]
        pages = page_count(t, ROWS)
        self.page = min(max(page, 0), pages - 1)
        columns = [x[examples_of(t, digit, self.page, ROWS)] for digit in range(10)]
        self.grid.setPixmap(gray_pixmap(digit_grid(columns, ROWS), SCALE))
        self.texts.show(self.page_label.setText, lambda: self.tr("page {0} of {1}").format(self.page + 1, pages))
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < pages - 1)

    @Slot(object)
    def _on_tasks_failed(self, failure: WorkerFailure) -> None:
        text = self.tr("Reading the data failed: {0}").format(failure.summary)
        self.texts.show(self.status.setText, text)
        show_error(self, self.tr("Data"), text, failure.details, summary=failure.summary, log=False)

    def shutdown(self) -> None:
        self.tasks.shutdown()
