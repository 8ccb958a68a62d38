"""The Draw tab: draw a digit, see what the network sees and what it answers, live."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QFileDialog, QGridLayout, QHBoxLayout, QLabel, QSlider,
                               QTabWidget, QToolButton, QWidget)

from digitlab.gui.accessibility import name_controls
from digitlab.gui.draw.actions import DrawActions
from digitlab.gui.draw.canvas import PREDICT_SIDE, DrawingCanvas
from digitlab.gui.draw.handwriting import HandwritingPanel
from digitlab.gui.draw.image_io import supported_suffixes
from digitlab.gui.draw.input_view import InputView
from digitlab.gui.draw.inside_view import InsideView
from digitlab.gui.draw.model_choice import ModelChoice, describe
from digitlab.gui.draw.probability_bars import ProbabilityBars
from digitlab.gui.lazy_tab import LazyTab
from digitlab.gui.live_text import follow_language
from digitlab.gui.settings import typed

# the bars answer at most once per this many ms: a mouse at 125 Hz (8 ms) gets every move answered,
# while a 1000 Hz mouse costs at most ~170 answers a second, not one per event (a gap of 8 ms put
# moves at 125 Hz in step with it: bench median 6.4 ms against 4.2 ms with 6)
ANSWER_GAP_MS = 6


class DrawTab(QWidget):
    """Canvas, the network's input, its answer and a look inside, updated while you draw.

    The bars and the 28x28 input answer a change as soon as the input queued before it is
    handled (a timer coalesces a burst of moves into one answer), at most once per ANSWER_GAP_MS,
    so they follow the pen within a few milliseconds. The costlier views (heatmaps, why, steps) are updated at most
    once per screen frame: the first change at once, later ones within the frame when it ends.

    Signals:
        prediction_updated(object): the views were updated; payload probabilities (10,) or None.
        model_changed(str): the model in use, described for the user
            ("default model (test accuracy 97.9%)").
        message(str): something the user should read in the status bar.

    actions: the window's DrawActions (its menus hold them before this tab is built); None: the
    tab makes its own.
    """

    prediction_updated = Signal(object)
    model_changed = Signal(str)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, actions: DrawActions | None = None) -> None:
        super().__init__(parent)
        self.draw_actions = actions or DrawActions(self, lambda: self)
        self._network = None
        self._hidden = None
        self._views_dirty = False
        self._answer = QTimer(self, singleShot=True)
        self._answer.setTimerType(Qt.TimerType.PreciseTimer)
        self._answer.timeout.connect(self._update_prediction)
        self._answered_at = -1.0   # time.perf_counter() of the last answer
        self._frame = QTimer(self, singleShot=True, interval=16)
        self._frame.timeout.connect(self._on_frame_timeout)

        self.canvas = DrawingCanvas()
        self.bars = ProbabilityBars()
        self.input_view = InputView()
        self.inside_view = InsideView()
        self.model_choice = ModelChoice()
        self._default_pen_width = round(self.canvas.pen_width)
        self.canvas.changed.connect(self._on_canvas_changed)
        self.canvas.image_loaded.connect(self._on_canvas_image_loaded)
        self.canvas.load_failed.connect(self.message)
        self.model_choice.model_selected.connect(self._on_model_choice_model_selected)
        self.model_choice.message.connect(self.message)
        self.last_stages = None
        self.handwriting = HandwritingPanel(self.canvas)
        self.handwriting.message.connect(self.message)
        self.handwriting.nudged.connect(self._on_handwriting_nudged)
        self.handwriting.restore_requested.connect(self._on_handwriting_restore_requested)
        self.handwriting.steps_changed.connect(self._on_canvas_changed)
        self.handwriting.model_ready.connect(self._on_handwriting_model_ready)
        self._build_layout(self._build_toolbar())
        self.retranslate()
        name_controls(self)
        follow_language(self, self._on_language_changed)
        self.input_view.set_sizes(None)
        self._update_prediction()

    def retranslate(self) -> None:
        """Set the tab's texts in the current language (called again on LanguageChange)."""
        # the actions' texts: DrawActions follows the language itself
        self.pen_slider.setToolTip(self.tr("Pen width: how thick the strokes you draw are"))
        self.pen_slider.setAccessibleName(self.tr("Pen width"))
        self.pen_label.setText(self.tr("Pen:"))

    def _on_language_changed(self) -> None:
        self.retranslate()
        # the views' texts with values in them ("W1 (784×100)") are set anew
        network = self._network
        self.input_view.set_network(network)
        self._update_prediction()   # the hint under the bars is a sentence too

    def settings_state(self) -> dict:
        """What the Draw tab remembers: the pen width, the model chosen and whether a labelled
        drawing is kept."""
        return {"pen_width": self.pen_slider.value(),
                "keep_labelled": self.handwriting.label_bar.keep_check.isChecked(),
                **self.model_choice.settings_state()}

    def apply_settings_state(self, state: dict) -> None:
        """Take back settings_state(); a missing or wrong value keeps the default."""
        width = typed(state, "pen_width", self._default_pen_width)
        self.pen_slider.setValue(min(max(width, self.pen_slider.minimum()), self.pen_slider.maximum()))
        self.handwriting.label_bar.keep_check.setChecked(typed(state, "keep_labelled", False))
        self.model_choice.apply_settings_state(state)

    def _build_toolbar(self) -> QHBoxLayout:
        self.open_action, self.paste_action, self.undo_action, self.clear_action = self.draw_actions.all()
        row = QHBoxLayout()
        for action in self.draw_actions.all():
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            row.addWidget(button)
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(6, 40)
        self.pen_slider.setValue(round(self.canvas.pen_width))
        self.pen_slider.setMaximumWidth(140)
        self.pen_slider.valueChanged.connect(self.canvas.set_pen_width)
        self.pen_label = QLabel()
        row.addSpacing(12)
        row.addWidget(self.pen_label)
        row.addWidget(self.pen_slider)
        row.addStretch(1)
        row.addWidget(self.model_choice)
        return row

    def _build_layout(self, toolbar: QHBoxLayout) -> None:
        grid = QGridLayout(self)
        grid.addLayout(toolbar, 0, 0, 1, 3)
        grid.addWidget(self.canvas, 1, 0, 2, 1)
        grid.addWidget(self.input_view, 1, 1)
        grid.addWidget(self.bars, 1, 2)
        self.views = QTabWidget()
        self.views.addTab(self.inside_view, self.tr("Inside the network"))
        self.views.addTab(self.handwriting.why_page, self.tr("Why it decided"))
        self.views.addTab(self.handwriting.steps_page, self.tr("Preprocessing step by step"))
        self.views.currentChanged.connect(self._on_views_current_changed)
        grid.addWidget(self.views, 2, 1, 1, 2)
        grid.addWidget(self.handwriting, 3, 0, 1, 3)
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)

    # --- public API ---------------------------------------------------------------------
    def set_model(self, network, name: str, accuracy: float | None) -> None:
        """Offer `network` under `name` (replacing one of that name) and predict with it."""
        self.model_choice.add_model(network, name, accuracy, select=True)

    def offer_model(self, network, name: str, accuracy: float | None) -> None:
        """Offer `network` in the model list; if `name` is the model in use, use the new one."""
        self.model_choice.add_model(network, name, accuracy, select=False)

    def load_default_model(self) -> bool:
        """Load the shipped model (done after the window shows, to start fast), then the model file
        chosen last time, if any (the shipped one stays, with a message, when that file is gone)."""
        loaded = self.model_choice.load_default()
        return self.model_choice.open_remembered() or loaded

    def open_image(self, path: str | Path) -> bool:
        """Let the network read an image file; a bad file leaves the drawing as it was."""
        return self.canvas.open_image(path)

    def show_image(self, ink: np.ndarray, name: str) -> None:
        """Let the network read an image array (H, W) float in [0, 1], ink = 1, as an opened file."""
        self.canvas.load_array(ink, name)

    @property
    def network(self):
        return self._network

    # --- prediction ---------------------------------------------------------------------
    def _update_prediction(self) -> None:
        self._answered_at = time.perf_counter()
        image = self.canvas.to_array(PREDICT_SIDE)
        stages = None if image is None else self.handwriting.stages(image)
        self.last_stages = stages
        if stages is None:
            self._show(None, None, None, self.tr("Draw a digit to see what the network thinks."))
            return
        x28 = stages.centered
        if self._network is None:
            self._show(x28, None, None, self.tr("No model to ask: open one or train one."))
            return
        x = x28.reshape(1, -1).astype(self._network.dtype, copy=False)
        p, hidden = self._network.probabilities_and_hidden(x)
        self._show(x28, p.reshape(-1), hidden, None)

    def _show(self, x28, p, hidden, hint: str | None) -> None:
        self.input_view.show_input(x28)
        self.bars.show_probabilities(p, hint)
        self._hidden = hidden
        if self._frame.isActive():
            self._views_dirty = True
        else:
            self._show_views()
        self.prediction_updated.emit(p)

    def _show_views(self) -> None:
        """The heatmaps, and the why and steps views when shown; then one frame's rest."""
        self._views_dirty = False
        self.inside_view.show_activations(self._hidden)
        self.handwriting.show_answer(self.last_stages)
        self._frame.start()

    def is_settled(self) -> bool:
        """True when every view shows the current drawing (no answer or frame update pending)."""
        return not self._answer.isActive() and not self._views_dirty

    def refresh_now(self) -> None:
        """Answer the current drawing in every view at once (screenshots, scripts)."""
        self._answer.stop()
        self._frame.stop()
        self._update_prediction()

    def showEvent(self, event) -> None:
        screen = self.screen()
        rate = screen.refreshRate() if screen is not None else 60.0
        self._frame.setInterval(max(1, round(1000.0 / (rate if rate > 1 else 60.0))))
        super().showEvent(event)

    @Slot()
    def _on_canvas_changed(self) -> None:
        if not self._answer.isActive():
            since = (time.perf_counter() - self._answered_at) * 1000.0
            self._answer.start(max(0, round(ANSWER_GAP_MS - since)))

    @Slot()
    def _on_frame_timeout(self) -> None:
        if self._views_dirty:
            self._show_views()

    @Slot(str)
    def _on_canvas_image_loaded(self, name: str) -> None:
        self.message.emit(self.tr("Reading “{0}”: it gets the same preprocessing as a drawing.")
                          .format(name))

    @Slot(object, str, object)
    def _on_model_choice_model_selected(self, network, name: str, accuracy) -> None:
        if network is not self._network:
            self.inside_view.set_network(network)
        self._network = network
        self.input_view.set_network(network)
        self.handwriting.set_network(network)
        self.model_changed.emit(describe(name, accuracy, long=True))
        self._update_prediction()

    @Slot(int)
    def _on_views_current_changed(self, index: int) -> None:
        page = self.views.widget(index)
        if isinstance(page, LazyTab) and page.build() is not None:
            page.widget.show()      # now, not at the layout's queued show: it is fed right below
        self.handwriting.show_answer(self.last_stages)

    @Slot(object, object)
    def _on_handwriting_nudged(self, x28, p) -> None:
        self.input_view.show_input(x28)
        self.bars.show_probabilities(np.asarray(p), None)

    @Slot()
    def _on_handwriting_restore_requested(self) -> None:
        self._update_prediction()

    @Slot(object, str, object)
    def _on_handwriting_model_ready(self, network, name: str, accuracy) -> None:
        self.set_model(network, name, accuracy)

    def choose_image(self) -> None:
        """Open image…: ask for an image file and let the network read it."""
        patterns = " ".join(f"*.{s}" for s in supported_suffixes())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open an image of a digit"), "",
                                              self.tr("Images ({0})").format(patterns))
        if path:
            self.open_image(path)
