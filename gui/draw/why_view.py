"""Why it decided: the input gradient of a class score as a heatmap, and “Nudge towards k”.

nn.saliency computes everything; this view picks the class, shows the (28, 28) gradient with red
for pixels whose ink would raise the score and blue for ink that would lower it, and animates
nn.saliency.nudge_steps with a QTimer (one step per tick, never a sleep on the GUI thread).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QLabel, QPushButton, QSpinBox,
                               QWidget)

from digitlab.gui.draw.heatmap import diverging_lut
from digitlab.gui.plot_cache import cache_axes
from digitlab.nn.model.saliency import gradient_times_input, input_gradient, nudge_steps, nudge_summary

SIDE = 28
STEP_MS = 80      # slow enough to watch the bars move, 50 steps still take only 4 s


class WhyView(QWidget):
    """Heatmap of d score_k / d pixel over the 28x28 input, and the nudge animation.

    Call set_input(network, x28) whenever the input changes (cheap while hidden: nothing is
    computed until the view is shown).

    Signals:
        nudged(object, object): the nudged input (28, 28) float32 and its probabilities (10,).
        restore_requested(): show the user's own drawing again.
    """

    nudged = Signal(object, object)
    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._network = None
        self._x28: np.ndarray | None = None
        self._original: np.ndarray | None = None
        self._steps = None
        self._step_count = 0
        self._stale = True
        self._timer = QTimer(self, interval=STEP_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._build()

    def _build(self) -> None:
        self.class_combo = QComboBox()
        self.class_combo.addItem(self.tr("the top class"), -1)
        for k in range(10):
            self.class_combo.addItem(self.tr("class {0}").format(k), k)
        self.class_combo.currentIndexChanged.connect(self._refresh)
        self.class_combo.setAccessibleName(self.tr("Gradient of the score of"))
        self.class_combo.setToolTip(self.tr("The class whose score the heatmap explains"))
        self.times_input_box = QCheckBox(self.tr("gradient × input"))
        self.times_input_box.setToolTip(self.tr(
            "Multiply by the pixel values: only pixels with ink count, as much as their ink adds"))
        self.times_input_box.toggled.connect(self._refresh)
        self.plot = pg.PlotWidget(background=None, viewBox=pg.ViewBox(enableMenu=False))
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        cache_axes(self.plot)
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.plot.setMinimumSize(120, 120)
        self.heatmap = pg.ImageItem(np.zeros((SIDE, SIDE), np.float32), lut=diverging_lut())
        self.plot.addItem(self.heatmap)
        self.plot.setRange(xRange=(0, SIDE), yRange=(0, SIDE), padding=0)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.target_spin = QSpinBox()
        self.target_spin.setRange(0, 9)
        self.target_spin.setAccessibleName(self.tr("Digit to nudge towards"))
        self.target_spin.setToolTip(self.tr("The digit the nudge should make the network read"))
        self.nudge_button = QPushButton(self.tr("Nudge towards"))
        self.nudge_button.setToolTip(self.tr(
            "Change every pixel a little in the direction that makes this digit more likely, "
            "step by step, until the network says it"))
        self.nudge_button.clicked.connect(self.start_nudge)
        self.back_button = QPushButton(self.tr("Back to my drawing"))
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.back_button.setToolTip(self.tr("Undo the nudge: show your own drawing again"))
        self.back_button.setEnabled(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._arrange()

    def _arrange(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Gradient of the score of")), 0, 0)
        grid.addWidget(self.class_combo, 0, 1)
        grid.addWidget(self.times_input_box, 0, 2)
        grid.addWidget(self.plot, 1, 0, 3, 1)
        grid.addWidget(self.caption, 1, 1, 1, 2)
        grid.addWidget(self.nudge_button, 2, 1)
        grid.addWidget(self.target_spin, 2, 2)
        grid.addWidget(self.back_button, 3, 1, 1, 2)
        grid.addWidget(self.note, 4, 0, 1, 3)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    # --- public API ---------------------------------------------------------------------
    def set_input(self, network, x28: np.ndarray | None) -> None:
        """The user's current input (28, 28) or None, and the network to explain."""
        self.stop_nudge()
        self._network = network
        self._x28 = None if x28 is None else np.asarray(x28, np.float32).reshape(SIDE, SIDE)
        self._original = None
        self.back_button.setEnabled(False)
        self.note.clear()
        self._stale = True
        if self.isVisible():
            self._refresh()

    def gradient(self) -> np.ndarray | None:
        """The heatmap's values (28, 28) for the chosen class and option, None without input."""
        if self._network is None or self._x28 is None:
            return None
        k = self.chosen_class()
        explain = gradient_times_input if self.times_input_box.isChecked() else input_gradient
        return explain(self._network, self._x28, k).reshape(SIDE, SIDE)

    def chosen_class(self) -> int:
        k = self.class_combo.currentData()
        if k is None or k < 0:
            x = self._x28.reshape(1, -1).astype(self._network.dtype)
            k = int(np.argmax(self._network.probabilities(x)))
        return int(k)

    def is_nudging(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def start_nudge(self) -> None:
        """Animate signed-gradient steps towards the target digit, one per timer tick."""
        if self._network is None or self._x28 is None:
            self.note.setText(self.tr("Draw a digit and choose a model first."))
            return
        self.stop_nudge()
        if self._original is None:
            self._original = self._x28.copy()
        self._steps = nudge_steps(self._network, self._x28, self.target_spin.value())
        self._step_count = 0
        self.note.setText(self.tr("Nudging…"))
        self.back_button.setEnabled(True)
        self._timer.start()

    def stop_nudge(self) -> None:
        self._timer.stop()
        self._steps = None

    # --- internals ----------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh()

    @Slot()
    def _refresh(self) -> None:
        self._stale = False
        values = self.gradient()
        if values is None:
            self.heatmap.setImage(np.zeros((SIDE, SIDE), np.float32), levels=(-1.0, 1.0))
            self.caption.setText(self.tr("Draw a digit: the map shows which pixels pushed the "
                                         "network's answer."))
            return
        bound = float(np.abs(values).max()) or 1.0
        # symmetric levels keep white at zero: red raises the score, blue lowers it
        self.heatmap.setImage(values.T, levels=(-bound, bound), autoLevels=False)
        self.caption.setText(self.tr(
            "Class {0}: red pixels would raise its score with more ink, blue ones lower it.")
            .format(self.chosen_class()))

    @Slot()
    def _on_timer_timeout(self) -> None:
        step = next(self._steps, None) if self._steps is not None else None
        if step is None:
            self._finish_nudge()
            return
        x, p = step
        self._step_count += 1
        self._x28 = x.reshape(SIDE, SIDE)
        self._refresh()
        self.nudged.emit(self._x28.copy(), p)

    def _finish_nudge(self) -> None:
        self.stop_nudge()
        target = self.target_spin.value()
        x = self._x28.reshape(1, -1).astype(self._network.dtype)
        said = int(np.argmax(self._network.probabilities(x)))
        s = nudge_summary(self._original, self._x28)
        if self._step_count == 0 and said == target:
            self.note.setText(self.tr("The network already says {0}: pick another digit.")
                              .format(target))
            return
        if said != target:
            self.note.setText(self.tr("After {0} steps the network still says {1}, not {2}.")
                              .format(self._step_count, said, target))
            return
        self.note.setText(self.tr(
            "After {0} steps the network says {1}, yet no pixel changed by more than {2:.2f} "
            "(ink runs from 0 to 1), and {3} of 784 by more than {4:g}: a change too faint "
            "to see, read as a different digit. A first look at adversarial examples.").format(
                self._step_count, target, s.max_change, s.changed, s.threshold))

    @Slot()
    def _on_back_button_clicked(self) -> None:
        self.stop_nudge()
        self.restore_requested.emit()
