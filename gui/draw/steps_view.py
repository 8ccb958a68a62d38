"""Preprocessing step by step: the raw drawing, the crop, the 20 px scale, the centring.

Each step is a small image and the last three have a switch; switched off, the Draw tab feeds the
network nn.preprocess_steps' input without that step, so a student sees the bars change.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from digitlab.gui.plot_cache import cache_axes
from digitlab.nn.data.preprocess import preprocess_stages
from digitlab.nn.data.preprocess_steps import preprocess_steps


def _small_image() -> tuple[pg.PlotWidget, pg.ImageItem]:
    plot = pg.PlotWidget(background=None, viewBox=pg.ViewBox(enableMenu=False))
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    cache_axes(plot)
    plot.invertY(True)
    plot.setAspectLocked(True)
    plot.setMinimumSize(70, 70)
    image = pg.ImageItem(np.zeros((2, 2), np.float32), levels=(0.0, 1.0))
    plot.addItem(image)
    return plot, image


class StepsView(QWidget):
    """Four small images (raw, crop, scale, centre) with a switch under each step.

    Signals:
        switches_changed(): a step was switched on or off; the input must be recomputed.
    """

    switches_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        titles = [self.tr("Your drawing"), self.tr("1. Crop to the ink"),
                  self.tr("2. Scale into 20×20"), self.tr("3. Centre of mass to the middle")]
        self.images = []
        for column, title in enumerate(titles):
            label = QLabel(title)
            label.setWordWrap(True)
            plot, image = _small_image()
            grid.addWidget(label, 0, column)
            grid.addWidget(plot, 1, column)
            self.images.append(image)
        self.crop_box = QCheckBox(self.tr("on"))
        self.scale_box = QCheckBox(self.tr("on"))
        self.centre_box = QCheckBox(self.tr("on"))
        tips = [self.tr("Off: the whole canvas is scaled, empty paper and all"),
                self.tr("Off: the digit keeps the size it has on the canvas"),
                self.tr("Off: the digit stays where it was drawn")]
        names = [self.tr("Crop to the ink"), self.tr("Scale into 20×20"),
                 self.tr("Centre of mass to the middle")]
        for column, (box, tip, name) in enumerate(zip(self.switches(), tips, names), start=1):
            box.setChecked(True)
            box.setToolTip(tip)
            box.setAccessibleName(name)
            box.toggled.connect(self._on_box_toggled)
            grid.addWidget(box, 2, column)
        self.note = QLabel(self.tr("MNIST digits were prepared with all three steps; switch one "
                                   "off and see how the answer suffers."))
        self.note.setWordWrap(True)
        grid.addWidget(self.note, 3, 0, 1, 4)
        grid.setRowStretch(1, 1)

    def switches(self) -> tuple[QCheckBox, QCheckBox, QCheckBox]:
        return self.crop_box, self.scale_box, self.centre_box

    def all_on(self) -> bool:
        return all(box.isChecked() for box in self.switches())

    def stages(self, image: np.ndarray):
        """nn's stages of `image` (H, W) with the steps switched as shown; None for a blank image."""
        if self.all_on():
            return preprocess_stages(image)
        return preprocess_steps(image, crop=self.crop_box.isChecked(),
                                scale=self.scale_box.isChecked(),
                                centre=self.centre_box.isChecked())

    def show_stages(self, stages) -> None:
        """Show nn.preprocess.Stages (or None: all empty)."""
        arrays = ([None] * 4 if stages is None else
                  [stages.cleaned, stages.cropped, stages.scaled, stages.centered])
        for item, array in zip(self.images, arrays):
            data = np.zeros((2, 2), np.float32) if array is None else np.asarray(array).T
            item.setImage(data, levels=(0.0, 1.0), autoLevels=False)
            item.getViewBox().autoRange(padding=0)

    @Slot(bool)
    def _on_box_toggled(self, checked: bool) -> None:
        for box in self.switches():
            box.setText(self.tr("on") if box.isChecked() else self.tr("off"))
        self.switches_changed.emit()
