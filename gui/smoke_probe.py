"""What a test driving the real window from outside needs to see: on when DIGITLAB_SMOKE is set.

scripts/x11_smoke.py starts `python main.py` under an X server and moves the real X pointer; it
cannot ask Qt where the canvas is or what the bars show. The probe prints that on stdout, one JSON
object per line, and only observes (signals and geometry; it changes nothing in the window):

    {"event": "shown", "window": X id, "tab": 0, "canvas": [x, y, w, h], "tabs": [[x, y, w, h], ...]}
                                        ("tab": the page the window opened on, as settings restore it)
    {"event": "model", "description": "default model (test accuracy 99.0%)"}
    {"event": "prediction", "digit": 1, "p": 0.98}          (digit null when the canvas is empty)
    {"event": "training_shown", "start": [...], "stop": [...], "save": [...]}
    {"event": "training_state", "state": "running"}
Rectangles are in screen pixels.
"""
from __future__ import annotations

import json
import sys

import numpy as np
from PySide6.QtCore import QObject, QPoint, Slot
from PySide6.QtWidgets import QWidget

from digitlab.gui.app import AfterFirstPaint

SMOKE_VAR = "DIGITLAB_SMOKE"


def screen_rect(widget: QWidget) -> list[int]:
    """[x, y, width, height] of widget on the screen."""
    corner = widget.mapToGlobal(QPoint(0, 0))
    return [corner.x(), corner.y(), widget.width(), widget.height()]


def emit(event: str, **fields) -> None:
    """One JSON line on stdout, flushed at once: the reader waits for it."""
    print(json.dumps({"event": event, **fields}), file=sys.stdout, flush=True)


class SmokeProbe(QObject):
    """Reports the window's geometry, predictions, model and training state as JSON lines, while
    the window is open (a closed window that lives on, as in tests, reports nothing).

    No signals.
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        window.draw_tab.prediction_updated.connect(self._on_draw_tab_prediction_updated)
        window.draw_tab.model_changed.connect(self._on_draw_tab_model_changed)
        window.training_page.built.connect(self._on_training_page_built)
        AfterFirstPaint(window.tabs.currentWidget(), self._report_shown)   # on screen, laid out

    def _emit(self, event: str, **fields) -> None:
        if self._window.isVisible():
            emit(event, **fields)

    def _report_shown(self) -> None:
        window = self._window
        bar = window.tabs.tabBar()
        tabs = [[*(bar.mapToGlobal(bar.tabRect(i).topLeft()).toTuple()), bar.tabRect(i).width(),
                 bar.tabRect(i).height()] for i in range(bar.count())]
        emit("shown", window=int(window.winId()), tab=window.tabs.currentIndex(),
             canvas=screen_rect(window.draw_tab.canvas), tabs=tabs)

    @Slot(object)
    def _on_draw_tab_prediction_updated(self, p) -> None:
        if p is None:
            self._emit("prediction", digit=None, p=None)
        else:
            self._emit("prediction", digit=int(np.argmax(p)), p=round(float(np.max(p)), 4))

    @Slot(str)
    def _on_draw_tab_model_changed(self, description: str) -> None:
        self._emit("model", description=description)

    @Slot(object)
    def _on_training_page_built(self, tab) -> None:
        tab.state_changed.connect(self._on_training_tab_state_changed)
        AfterFirstPaint(tab.start_button, lambda: self._report_training(tab))

    def _report_training(self, tab) -> None:
        self._emit("training_shown", start=screen_rect(tab.start_button), stop=screen_rect(tab.stop_button),
             save=screen_rect(tab.save_button))

    @Slot(str)
    def _on_training_tab_state_changed(self, state: str) -> None:
        self._emit("training_state", state=state)
