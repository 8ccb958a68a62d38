"""A seeded random walk through the window: menu actions, clicks, typing, keys, drags, wheel turns.

    with Monkey.patched_dialogs(files):      # no modal dialog may wait for a person
        monkey = Monkey(window, np.random.default_rng(seed), files)
        with Watch() as watch:                # exceptions reaching sys.excepthook, Qt criticals
            for _ in range(n):
                monkey.step()
        watch.problems                        # [] when nothing went wrong

Every tab is visited (the walk switches tabs, and the menu's tab actions are among its actions);
dialogs the walk opens (gallery, fine-tuning, about) are walked too and closed now and then. File
dialogs answer with a file from a pool of ordinary and hostile files, or Cancel; message boxes
answer at random. Quit is never chosen (it is tested on its own). Used by tests/test_gui_monkey.py
(a short walk) and `scripts/harness.py monkey` (a long one, with the resident memory every 1,000 actions).
"""
from __future__ import annotations

import contextlib
import sys
import traceback
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QApplication,
                               QComboBox, QDialog, QDoubleSpinBox, QFileDialog, QLineEdit,
                               QMessageBox, QSpinBox, QTabBar, QWidget)

from digitlab.gui.mouse_replay import drag

TEXTS = ["", "1", "0", "-1", "100", "100,50", "1e9", "99999999999", "abc", "٣", " , ", "0.01",
         "nan", "50000,50000", "1" * 300, "\u202e", "10,10,10"]
KEYS = [Qt.Key.Key_0, Qt.Key.Key_5, Qt.Key.Key_9, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left,
        Qt.Key.Key_Right, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End,
        Qt.Key.Key_Tab, Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Space,
        Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Minus, Qt.Key.Key_Period, Qt.Key.Key_A]
MODIFIERS = [Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.NoModifier,
             Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier]
NEVER_KEYS = {(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
              (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)}


class Watch:
    """Collects exceptions that reach sys.excepthook and Qt critical or fatal messages."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def __enter__(self) -> Watch:
        self._hook = sys.excepthook
        sys.excepthook = self._excepthook
        self._previous_handler = qInstallMessageHandler(self._message)
        return self

    def __exit__(self, *exc) -> None:
        sys.excepthook = self._hook
        qInstallMessageHandler(self._previous_handler)

    def _excepthook(self, kind, error, tb) -> None:
        self.problems.append("".join(traceback.format_exception(kind, error, tb))[-3000:])

    def _message(self, kind, context, text) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self.problems.append(f"Qt {kind.name}: {text}")
            if kind == QtMsgType.QtFatalMsg:   # Qt aborts the process right after this
                print(f"Qt fatal message: {text}", file=sys.stderr, flush=True)


class Monkey:
    """One seeded random walk over a MainWindow (window) and the dialogs it opens."""

    def __init__(self, window, rng: np.random.Generator, files: list[str]) -> None:
        self.window = window
        self.rng = rng
        self.files = files
        self.actions_done = 0
        self.counts: dict[str, int] = {}
        self._kinds = [("menu", 3), ("tab", 2), ("click", 6), ("edit", 3), ("key", 3),
                       ("draw", 3), ("plot", 2), ("wait", 2), ("close_dialogs", 1)]
        weights = np.array([w for _, w in self._kinds], float)
        self._p = weights / weights.sum()

    # the patches ---------------------------------------------------------------------------------
    @staticmethod
    @contextlib.contextmanager
    def patched_dialogs(rng: np.random.Generator, files: list[str], save_folder: Path):
        """Modal dialogs answered at once: file dialogs from files (or Cancel), boxes at random."""
        buttons = [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                   QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                   QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Ok]

        def open_name(*args, **kwargs):
            return (str(files[rng.integers(len(files))]) if rng.random() < 0.8 else "", "")

        def save_name(*args, **kwargs):
            suffix = [".png", ".svg", ".npz", ".zip", ".py", ""][rng.integers(6)]
            return (str(save_folder / f"saved{rng.integers(5)}{suffix}") if rng.random() < 0.8
                    else "", "")

        replaced = {
            (QFileDialog, "getOpenFileName"): staticmethod(open_name),
            (QFileDialog, "getSaveFileName"): staticmethod(save_name),
            (QMessageBox, "question"): staticmethod(lambda *a, **k: buttons[rng.integers(len(buttons))]),
            (QMessageBox, "warning"): staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok),
            (QMessageBox, "information"): staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok),
            (QMessageBox, "critical"): staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok),
            (QDialog, "exec"): lambda self: QDialog.DialogCode.Rejected,
            (QMessageBox, "exec"): lambda self: QMessageBox.StandardButton.Ok,
        }
        saved = {key: key[0].__dict__.get(key[1]) for key in replaced}
        for (owner, name), value in replaced.items():
            setattr(owner, name, value)
        try:
            yield
        finally:
            for (owner, name), value in saved.items():
                if value is None:
                    delattr(owner, name)
                else:
                    setattr(owner, name, value)

    # the walk ------------------------------------------------------------------------------------
    def step(self) -> str:
        kind = self._kinds[self.rng.choice(len(self._kinds), p=self._p)][0]
        getattr(self, f"_{kind}")()
        self.actions_done += 1
        self.counts[kind] = self.counts.get(kind, 0) + 1
        QApplication.processEvents()
        return kind

    def _visible(self, kinds) -> list[QWidget]:
        roots = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        found = []
        for root in roots:
            for widget in [root, *root.findChildren(QWidget)]:
                if isinstance(widget, kinds) and widget.isVisible() and widget.isEnabled():
                    found.append(widget)
        return found

    def _pick(self, items):
        return items[self.rng.integers(len(items))] if items else None

    def _menu(self) -> None:
        """An action of the menu bar (submenus included), as a person reaches them."""
        actions, menus = [], [a.menu() for a in self.window.menuBar().actions() if a.menu()]
        while menus:
            for action in menus.pop().actions():
                if action.menu() is not None:
                    menus.append(action.menu())
                elif action.isEnabled() and not action.isSeparator():
                    actions.append(action)
        action = self._pick([a for a in actions if a is not self.window.menus.quit])
        if action is not None:
            action.trigger()

    def _tab(self) -> None:
        tabs = self._visible(QTabBar)
        bar = self._pick(tabs)
        if bar is not None and bar.count():
            bar.setCurrentIndex(int(self.rng.integers(bar.count())))

    def _click(self) -> None:
        widget = self._pick(self._visible((QAbstractButton, QComboBox)))
        if widget is None:
            return
        if isinstance(widget, QComboBox):
            if widget.count():
                widget.setCurrentIndex(int(self.rng.integers(widget.count())))
            return
        if self._is_quit(widget):
            return
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         widget.rect().center())

    @staticmethod
    def _is_quit(widget) -> bool:
        text = widget.text().lower() if hasattr(widget, "text") else ""
        return "quit" in text

    def _edit(self) -> None:
        widget = self._pick(self._visible((QLineEdit, QAbstractSpinBox, QAbstractSlider)))
        if widget is None:
            return
        if isinstance(widget, QAbstractSlider):
            widget.setValue(int(self.rng.integers(widget.minimum(), widget.maximum() + 1)))
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)) and self.rng.random() < 0.5:
            low, high = widget.minimum(), widget.maximum()
            widget.setValue(float(self.rng.choice([low, high, (low + high) / 2, low + 1e-9]))
                            if isinstance(widget, QDoubleSpinBox)
                            else int(self.rng.choice([low, high, (low + high) // 2])))
        else:
            line = widget if isinstance(widget, QLineEdit) else widget.findChild(QLineEdit)
            if line is None or line.isReadOnly():
                return
            line.selectAll()
            text = self._pick(TEXTS)
            if text.isascii():
                QTest.keyClicks(line, text)
            else:   # QTest types ASCII only (it asserts on anything else)
                QApplication.sendEvent(line, QKeyEvent(QEvent.Type.KeyPress, 0,
                                                       Qt.KeyboardModifier.NoModifier, text))
            QTest.keyClick(line, Qt.Key.Key_Return)

    def _key(self) -> None:
        target = QApplication.focusWidget() or self.window
        key, modifier = self._pick(KEYS), self._pick(MODIFIERS)
        if (key, modifier) in NEVER_KEYS or not target.isVisible():
            return
        QTest.keyClick(target, key, modifier)

    def _draw(self) -> None:
        canvas = self.window.draw_tab.canvas
        if not canvas.isVisible():
            self.window.tabs.setCurrentIndex(0)
            QApplication.processEvents()
        side = min(canvas.width(), canvas.height())
        n = int(self.rng.integers(2, 12))
        points = self.rng.uniform(-0.1, 1.1, (n, 2)) * side
        drag(canvas, [(float(x), float(y)) for x, y in points])

    def _plot(self) -> None:
        import pyqtgraph as pg
        view = self._pick([v for v in self._visible(QWidget) if isinstance(v, pg.GraphicsView)])
        if view is None:
            return
        w, h = max(view.width(), 2), max(view.height(), 2)
        a = QPoint(int(self.rng.integers(w)), int(self.rng.integers(h)))
        b = QPoint(int(self.rng.integers(w)), int(self.rng.integers(h)))
        choice = self.rng.integers(3)
        target = view.viewport()
        if choice == 0:
            QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
        elif choice == 1:
            QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
            QTest.mouseMove(target, b)
            QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
        else:
            delta = QPoint(0, int(self.rng.choice([-240, -120, 120, 240])))
            event = QWheelEvent(QPointF(a), QPointF(target.mapToGlobal(a)), QPoint(), delta,
                                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                Qt.ScrollPhase.NoScrollPhase, False)
            QApplication.sendEvent(target, event)

    def _wait(self) -> None:
        QTest.qWait(int(self.rng.integers(1, 40)))

    def _close_dialogs(self) -> None:
        """Close the dialogs and popups (menus, combo box lists) the walk opened."""
        for _ in range(20):
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.close()


def rss_mb() -> float:
    """This process's resident memory in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def hostile_pool(folder: Path) -> list[str]:
    """Files the walk's Open dialogs offer: usable ones and hostile ones."""
    import gzip

    from bombs import declare_shape, gzip_bomb
    from digitlab.nn.files.model_io import save_model
    from digitlab.nn.model.network import MultiLayerNet
    from digitlab.nn.data.personal import PersonalSet

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    save_model(folder / "model.npz", MultiLayerNet(784, (6,), 10, rng=rng), {})
    personal = PersonalSet()
    for i in range(8):
        personal.add(rng.random((28, 28)), i % 10, [rng.random((3, 2))])
    personal.save(folder / "mine.npz")
    (folder / "huge_header.npz").write_bytes(
        declare_shape((folder / "mine.npz").read_bytes(), "images", (6_000_000_000_000, 28, 28)))
    (folder / "bomb.svgz").write_bytes(gzip_bomb(b'<svg xmlns="http://www.w3.org/2000/svg"><!--',
                                                 120))
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><text x="5" y="45" '
           b'font-size="45">4</text></svg>')
    (folder / "four.svg").write_bytes(svg)
    (folder / "four.svgz").write_bytes(gzip.compress(svg))
    (folder / "deep.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 50_000
                                      + b"</g>" * 50_000 + b"</svg>")
    (folder / "garbage.png").write_bytes(bytes(range(256)) * 8)
    (folder / "garbage.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (folder / "empty_dir.png").mkdir(exist_ok=True)
    names = ["model.npz", "mine.npz", "huge_header.npz", "bomb.svgz", "four.svg", "four.svgz",
             "deep.svg", "garbage.png", "garbage.zip", "empty_dir.png", "missing.png"]
    return [str(folder / name) for name in names]
