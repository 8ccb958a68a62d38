"""SmokeProbe: the JSON lines scripts/x11_smoke.py drives the real window by (DIGITLAB_SMOKE=1)."""
import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QTimer, QTranslator

from digitlab.gui.app import run
from digitlab.gui.main_window import MainWindow
from digitlab.gui.settings import Settings
from digitlab.gui.smoke_probe import SmokeProbe
from digitlab.nn.model.network import MultiLayerNet

from digitlab.gui.mouse_replay import drag


class Lines:
    """The probe's JSON lines printed so far (read from pytest's captured stdout)."""

    def __init__(self, capsys) -> None:
        self._capsys = capsys
        self.events: list[dict] = []

    def of(self, kind: str) -> list[dict]:
        out = self._capsys.readouterr().out
        self.events += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        return [e for e in self.events if e["event"] == kind]


def screen_rect(widget):
    corner = widget.mapToGlobal(QPoint(0, 0))
    return [corner.x(), corner.y(), widget.width(), widget.height()]


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_the_probe_tells_where_the_canvas_and_tabs_are(window, qtbot, capsys):
    lines = Lines(capsys)
    SmokeProbe(window)
    window.show()
    qtbot.waitUntil(lambda: bool(lines.of("shown")), timeout=5000)
    shown = lines.of("shown")[0]
    assert shown["window"] == int(window.winId())
    assert shown["canvas"] == screen_rect(window.draw_tab.canvas)
    bar = window.tabs.tabBar()
    for index, (x, y, w, h) in enumerate(shown["tabs"]):   # a click in the middle hits that tab
        assert bar.tabAt(bar.mapFromGlobal(QPoint(x + w // 2, y + h // 2))) == index
    assert len(shown["tabs"]) == 4

    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: bool(lines.of("training_shown")), timeout=10000)
    training = window.training_tab
    buttons = lines.of("training_shown")[0]
    assert [buttons["start"], buttons["stop"], buttons["save"]] == [
        screen_rect(training.start_button), screen_rect(training.stop_button), screen_rect(training.save_button)]
    training.reset_button.click()
    assert lines.of("training_state")[-1] == {"event": "training_state", "state": "idle"}


def test_the_probe_reports_each_prediction_and_the_model(window, qtbot, capsys):
    lines = Lines(capsys)
    SmokeProbe(window)
    window.show()
    qtbot.waitExposed(window)
    shown_by_tab = []
    window.draw_tab.prediction_updated.connect(shown_by_tab.append)
    window.draw_tab.set_model(MultiLayerNet(hidden_sizes=(16,), rng=np.random.default_rng(3)), "tiny", None)
    assert lines.of("model")[-1]["description"] == "tiny"
    canvas = window.draw_tab.canvas
    drag(canvas, [(canvas.width() * 0.5, canvas.height() * y) for y in np.linspace(0.2, 0.8, 12)])
    qtbot.waitUntil(lambda: window.draw_tab.is_settled(), timeout=2000)
    last = lines.of("prediction")[-1]
    p = shown_by_tab[-1]
    assert last == {"event": "prediction", "digit": int(np.argmax(p)), "p": round(float(np.max(p)), 4)}
    window.draw_tab.clear_action.trigger()
    qtbot.waitUntil(lambda: lines.of("prediction")[-1]["digit"] is None, timeout=2000)


@pytest.mark.parametrize("smoke, last_tab", [("1", 0), ("", 0), ("1", 1), ("1", 2), ("1", 3)])
def test_run_attaches_the_probe_only_when_asked(qapp, qtbot, capsys, monkeypatch, smoke, last_tab):
    """Whatever tab the settings reopen, the first frame is reported and the shipped model loads."""
    monkeypatch.setenv("DIGITLAB_SMOKE", smoke)
    monkeypatch.delenv("DIGITLAB_LANG", raising=False)
    Settings().set_state("window", {"tab": last_tab})
    before = set(qapp.findChildren(QTranslator))

    def on_shown(window):
        qtbot.addWidget(window)
        # the pages are built after this first frame; run() loads the model on loaded (connected first)
        window.loaded.connect(window.close)

    guard = QTimer(singleShot=True, interval=20_000)   # never hang the suite
    guard.timeout.connect(qapp.quit)
    guard.start()
    try:
        assert run([], on_shown=on_shown) == 0
        assert guard.isActive()
    finally:
        guard.stop()
        for translator in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(translator)
    lines = Lines(capsys)
    shown = lines.of("shown")
    if smoke:
        assert len(shown) == 1 and lines.of("model")   # the shipped model loads after the frame
        assert shown[0]["tab"] == last_tab
    else:
        assert lines.events == []   # off by default: the app prints nothing of the kind


def test_a_closed_window_reports_nothing_more(window, qtbot, capsys):
    lines = Lines(capsys)
    SmokeProbe(window)
    window.show()
    qtbot.waitUntil(lambda: bool(lines.of("shown")), timeout=5000)
    window.close()
    lines.events.clear()
    # what a language switch in a later test makes a window that lived on do
    window.draw_tab.set_model(MultiLayerNet(hidden_sizes=(16,), rng=np.random.default_rng(3)), "tiny", None)
    window.draw_tab.clear_action.trigger()
    qtbot.wait(50)
    assert lines.of("model") == [] and lines.of("prediction") == []


def test_the_probe_reports_menus_language_theme_and_tabs(window, qtbot, capsys):
    lines = Lines(capsys)
    SmokeProbe(window)
    window.show()
    qtbot.waitUntil(lambda: bool(lines.of("shown")), timeout=5000)
    bar = window.menuBar()
    x, y, w, h = lines.of("shown")[0]["menubar"]["view_menu"]
    assert bar.actionAt(bar.mapFromGlobal(QPoint(x + w // 2, y + h // 2))) is window.menus.view_menu.menuAction()

    menu = window.menus.view_menu
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(lambda: bool(lines.of("menu")), timeout=5000)
    shown = lines.of("menu")[-1]
    assert shown["name"] == "view_menu"
    x, y, w, h = shown["items"]["language_menu"]
    assert menu.actionAt(menu.mapFromGlobal(QPoint(x + w // 2, y + h // 2))) is window.menus.language_menu.menuAction()
    assert {"theme_menu", "tab_actions:2"} <= set(shown["items"])
    menu.hide()

    try:
        window.set_language("ko")
        qtbot.waitUntil(lambda: bool(lines.of("language")), timeout=5000)
        korean = lines.of("language")[-1]
        assert korean.pop("menubar").keys() == {"file_menu", "edit_menu", "view_menu", "help_menu"}
        assert korean == {"event": "language", "language": "ko", "tabs": ["그리기", "학습", "경사 하강법",
                                                                         "신경망 내부"],
                          "fixed": "784차원 벡터 x로 평탄화"}
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: lines.of("language")[-1]["language"] == "en", timeout=5000)
    assert lines.of("language")[-1]["fixed"] == "Flatten to the 784-vector x"

    try:
        window.set_theme("dark")
        qtbot.waitUntil(lambda: bool(lines.of("theme")), timeout=5000)
        assert lines.of("theme")[-1]["theme"] == "dark" and lines.of("theme")[-1]["lightness"] < 128
        window.set_theme("light")
        qtbot.waitUntil(lambda: lines.of("theme")[-1]["theme"] == "light", timeout=5000)
        assert lines.of("theme")[-1]["lightness"] > 128
        assert len(lines.of("theme")) == 2
    finally:
        window.set_theme("system", save=False)

    window.tabs.setCurrentIndex(2)
    assert lines.of("tab")[-1] == {"event": "tab", "index": 2}
