"""What a test driving the real window from outside needs to see: on when DIGITLAB_SMOKE is set.

scripts/x11_smoke.py starts `python main.py` under an X server and moves the real X pointer; it
cannot ask Qt where the canvas is or what the bars show. The probe prints that on stdout, one JSON
object per line, and only observes (signals and geometry; it changes nothing in the window):

    {"event": "shown", "window": X id, "tab": 0, "canvas": [x, y, w, h], "tabs": [[x, y, w, h], ...],
     "menubar": {"file_menu": [x, y, w, h], ...}}
                                        ("tab": the page the window opened on, as settings restore it;
                                         once that page and the Draw tab are built and painted)
    {"event": "model", "description": "default model (test accuracy 99.0%)"}
    {"event": "prediction", "digit": 1, "p": 0.98}          (digit null when the canvas is empty)
    {"event": "training_shown", "start": [...], "stop": [...], "save": [...], "export": [...]}
    {"event": "training_state", "state": "running"}
    {"event": "tab", "index": 2}                            (the page shown now)
    {"event": "menu", "name": "view_menu", "items": {"language_menu": [...], "language:ko": [...], ...}}
                                        (a menu just opened; names are the attributes of gui.menus.Menus)
    {"event": "language", "language": "ko", "tabs": ["그리기", ...], "fixed": "784차원 벡터 x로 평탄화",
     "menubar": {...}}                  (after a switch, once every widget has set its texts)
    {"event": "theme", "theme": "dark", "lightness": 53}   (the window's background, 0-255)
Rectangles are in screen pixels.
"""
from __future__ import annotations

import json
import sys

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMenu, QWidget

from digitlab.gui.first_paint import AfterFirstPaint
from digitlab.gui.live_text import follow_language

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
        # the Draw tab is built after the window's first frame: the probe must not build it sooner
        window.draw_page.built.connect(self._on_draw_page_built)
        if window.draw_page.widget is not None:
            self._on_draw_page_built(window.draw_page.widget)
        window.training_page.built.connect(self._on_training_page_built)
        window.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._names = self._menu_names(window.menus)
        for item in self._names:
            if isinstance(item, QMenu):
                item.installEventFilter(self)
        # after the widgets' own LanguageChange work: the probe's filter would run before theirs
        follow_language(window, lambda: QTimer.singleShot(0, self._report_language))
        self._theme = None
        window.installEventFilter(self)
        window.loaded.connect(self._report_shown)   # on screen, laid out, the canvas in place

    @staticmethod
    def _menu_names(menus) -> dict[object, str]:
        """Each menu and action of the menu bar -> its attribute name in Menus ("language:ko" for
        the entries of a dict such as language_actions)."""
        names = {}
        for attribute, value in vars(menus).items():
            if isinstance(value, dict):
                prefix = attribute.removesuffix("_actions")
                names.update({action: f"{prefix}:{code}" for code, action in value.items()})
            elif isinstance(value, list):
                names.update({action: f"{attribute}:{i}" for i, action in enumerate(value)})
            elif isinstance(value, QMenu):
                names[value] = attribute
                names[value.menuAction()] = attribute
            else:
                names[value] = attribute
        return names

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QMenu) and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, lambda: self._report_menu(watched))   # shown: placed and sized
        elif watched is self._window and event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self._report_theme)
        return False

    def _report_menu(self, menu: QMenu) -> None:
        items = {}
        for action in menu.actions():
            if action.isSeparator() or action not in self._names:
                continue
            rect = menu.actionGeometry(action)
            corner = menu.mapToGlobal(rect.topLeft())
            items[self._names[action]] = [corner.x(), corner.y(), rect.width(), rect.height()]
        self._emit("menu", name=self._names[menu], items=items)

    def _report_language(self) -> None:
        window = self._window
        self._emit("language", language=window.language,
                   tabs=[window.tabs.tabText(i) for i in range(window.tabs.count())],
                   fixed=window.draw_tab.input_view.flatten_box.text(), menubar=self._menubar())

    def _report_theme(self) -> None:
        theme = getattr(self._window, "theme", None)
        if theme != self._theme:   # one line per switch, however many palette events it takes
            self._theme = theme
            lightness = self._window.palette().color(QPalette.ColorRole.Window).lightness()
            self._emit("theme", theme=theme, lightness=lightness)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        self._emit("tab", index=index)

    def _emit(self, event: str, **fields) -> None:
        if self._window.isVisible():
            emit(event, **fields)

    def _report_shown(self) -> None:
        window = self._window
        bar = window.tabs.tabBar()
        tabs = [[*(bar.mapToGlobal(bar.tabRect(i).topLeft()).toTuple()), bar.tabRect(i).width(),
                 bar.tabRect(i).height()] for i in range(bar.count())]
        self._theme = getattr(window, "theme", None)
        emit("shown", window=int(window.winId()), tab=window.tabs.currentIndex(),
             canvas=screen_rect(window.draw_tab.canvas), tabs=tabs, menubar=self._menubar())

    def _menubar(self) -> dict[str, list[int]]:
        """Where each menu's title is on the menu bar (it moves when the language changes)."""
        bar = self._window.menuBar()
        found = {}
        for action in bar.actions():
            rect = bar.actionGeometry(action)
            corner = bar.mapToGlobal(rect.topLeft())
            found[self._names.get(action, action.text())] = [corner.x(), corner.y(), rect.width(), rect.height()]
        return found

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
    def _on_draw_page_built(self, tab) -> None:
        tab.prediction_updated.connect(self._on_draw_tab_prediction_updated)
        tab.model_changed.connect(self._on_draw_tab_model_changed)

    @Slot(object)
    def _on_training_page_built(self, tab) -> None:
        tab.state_changed.connect(self._on_training_tab_state_changed)
        AfterFirstPaint(tab.start_button, lambda: self._report_training(tab))

    def _report_training(self, tab) -> None:
        self._emit("training_shown", start=screen_rect(tab.start_button), stop=screen_rect(tab.stop_button),
                   save=screen_rect(tab.save_button), export=screen_rect(tab.course_tools.export_button))

    @Slot(str)
    def _on_training_tab_state_changed(self, state: str) -> None:
        self._emit("training_state", state=state)
