"""The menu bar: every action has its standard shortcut, no shortcut twice, each does what it names."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget

from digitlab.gui.about_dialog import AboutDialog
from digitlab.gui.plot_export import visible_plot_items
from digitlab.nn.files.model_io import load_model
from digitlab.nn.model.network import MultiLayerNet


@pytest.fixture
def window(shown_window):
    return shown_window


def keys(action) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)


def test_menus_have_the_standard_shortcuts_each_once(window):
    menus = window.menus
    assert [a.title() for a in (menus.file_menu, menus.edit_menu, menus.view_menu, menus.help_menu)] == \
        ["&File", "&Edit", "&View", "&Help"]
    expected = {menus.open_image: "Ctrl+O", menus.save_model: "Ctrl+S", menus.quit: "Ctrl+Q",
                menus.undo: "Ctrl+Z", menus.paste: "Ctrl+V", menus.copy: "Ctrl+C", menus.shortcuts: "F1",
                menus.tab_actions[0]: "Ctrl+1", menus.tab_actions[2]: "Ctrl+3"}
    for action, shortcut in expected.items():
        assert keys(action) == shortcut, action.text()
    assert {s.toString() for s in menus.clear.shortcuts()} == {"Esc", "Del"}
    every = [s.toString() for a in window.findChildren(type(menus.quit)) for s in a.shortcuts()]
    assert len(every) == len(set(every)), "a shortcut on two actions fires neither"


def test_view_menu_switches_tabs_and_help_names_the_chapter(window, monkeypatch):
    window.menus.tab_actions[1].trigger()
    assert window.tabs.currentIndex() == 1 and window.training_tab is not None
    window.menus.tab_actions[2].trigger()
    box = window.menus.show_chapter()
    assert "4.3" in box.text() and "4.4" in box.informativeText()
    box.close()
    window.menus.tab_actions[0].trigger()
    box = window.menus.show_chapter()
    assert "3" in box.text() and "MNIST" in box.informativeText()
    box.close()
    window.menus.tab_actions[3].trigger()
    assert window.tabs.currentWidget() is window.inside_page and window.inside_page.widget is not None
    box = window.menus.show_chapter()
    assert box.text() == "Chapter 3: Inside the network" and "3.5 Softmax" in box.informativeText()
    box.close()
    window.menus.tab_actions[0].trigger()
    window.set_language("ko")
    try:
        box = window.menus.show_chapter()
        assert box.text() == "3장: 신경망" and "소프트맥스" in box.informativeText()
        box.close()
    finally:
        window.set_language("en")


def test_shortcuts_dialog_lists_every_action_with_a_shortcut(window):
    dialog = window.menus.show_shortcuts()
    table = dialog.findChild(QTableWidget)
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Quit"] == QKeySequence("Ctrl+Q").toString(QKeySequence.SequenceFormat.NativeText)
    assert "Undo stroke" in rows and "Keyboard shortcuts" in rows and "Copy the canvas image" in rows
    dialog.close()


def test_about_and_report_a_problem(window, monkeypatch, log_dir):
    about = window.menus.about
    about.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog) and w.isVisible()]
    assert dialogs
    dialogs[0].close()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.menus.report.trigger()
    assert opened == [QUrl.fromLocalFile(str(log_dir))]


def test_edit_menu_draws_undoes_clears_and_copies(window, qtbot):
    canvas = window.draw_tab.canvas
    centre = canvas.rect().center()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(canvas, centre + QPoint(30, 40))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=centre + QPoint(30, 40))
    assert canvas.stroke_count() == 1
    window.menus.copy.trigger()
    image = QApplication.clipboard().image()
    assert not image.isNull() and image.width() > 50
    # the copied paper has ink: some pixel is dark
    gray = np.array([image.pixelColor(x, y).lightness() for x in range(0, image.width(), 3)
                     for y in range(0, image.height(), 3)])
    assert gray.min() < 100 and np.median(gray) > 200
    window.menus.undo.trigger()
    assert canvas.stroke_count() == 0
    window.menus.paste.trigger()          # the copied image comes back as an opened image
    assert not canvas.is_empty()
    window.menus.clear.trigger()
    assert canvas.is_empty()


def test_export_plot_writes_png_and_svg_and_says_when_there_is_none(window, qtbot, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: bool(visible_plot_items(window.gradient_page)))
    assert window.export_plot(str(tmp_path / "p.png"))
    assert (tmp_path / "p.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert window.export_plot(str(tmp_path / "p.svg"))
    assert b"<svg" in (tmp_path / "p.svg").read_bytes()[:2000]
    assert not told
    window.tabs.setCurrentIndex(1)
    window.training_tab.views.hide()
    assert not window.export_plot(str(tmp_path / "none.png"))
    assert told and "no plot" in told[0]


def test_save_model_is_enabled_with_a_trained_model_and_saves_it(window, tmp_path):
    assert not window.menus.save_model.isEnabled()
    window.tabs.setCurrentIndex(1)
    training = window.training_tab
    net = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(0))
    training.model, training.metadata = net, {"test_accuracy": 0.5}
    training.controls.set_state(training.state, True)
    assert window.menus.save_model.isEnabled()
    real_save = training.save
    training.save = lambda path=None: real_save(tmp_path / "m.npz")   # instead of the file dialog
    window.menus.save_model.trigger()
    assert load_model(tmp_path / "m.npz")[0].sizes == net.sizes


def test_reset_to_defaults_asks_first(window, monkeypatch):
    window.draw_tab.pen_slider.setValue(30)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    assert not window.reset_to_defaults()
    assert window.draw_tab.pen_slider.value() == 30
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert window.reset_to_defaults()
    assert window.draw_tab.pen_slider.value() == round(window.draw_tab.canvas.pen_width) != 30
    assert window.settings.state("window") == {}


def test_quit_closes_the_window(window):
    window.menus.quit.trigger()
    assert not window.isVisible()



def test_export_plot_from_the_menu_asks_for_a_path_not_uses_the_checked_flag(window, qtbot,
                                                                            monkeypatch):
    asked = []
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *a, **k: asked.append(a) or ("", ""))
    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: bool(visible_plot_items(window.gradient_page)))
    window.menus.export_plot.trigger()
    assert len(asked) == 1 and not list(window.findChildren(QMessageBox))


def test_reset_to_defaults_from_the_menu_asks_first(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: asked.append(a) or QMessageBox.StandardButton.No)
    window.draw_tab.pen_slider.setValue(30)
    window.menus.reset_defaults.trigger()
    assert asked and window.draw_tab.pen_slider.value() == 30


def test_dialogs_opened_again_and_again_are_deleted_when_closed(window, qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialog

    def open_dialogs():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
    before = len(open_dialogs())
    handwriting = window.draw_tab.handwriting
    for _ in range(5):
        for dialog in (window.show_about(), window.menus.show_shortcuts(),
                       window.menus.show_chapter(), handwriting.show_gallery()):
            dialog.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(open_dialogs()) == before


def test_reset_to_defaults_can_be_undone(window, monkeypatch):
    window.draw_tab.pen_slider.setValue(30)
    window.set_theme("dark")
    window.tabs.setCurrentIndex(1)
    window.training_tab.settings.set_lr(0.37)
    assert not window.menus.undo_reset.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert window.reset_to_defaults()
    assert window.draw_tab.pen_slider.value() != 30 and window.theme == "system"
    assert window.training_tab.settings.lr() != 0.37
    assert window.menus.undo_reset.isEnabled()
    window.menus.undo_reset.trigger()
    assert window.draw_tab.pen_slider.value() == 30 and window.theme == "dark"
    assert window.training_tab.settings.lr() == 0.37 and window.tabs.currentIndex() == 1
    assert window.settings.state("window")["theme"] == "dark"     # and the file has them again
    assert not window.menus.undo_reset.isEnabled()
    window.set_theme("system")


def test_the_shortcut_table_lists_every_shortcut_the_window_has(window):
    from PySide6.QtGui import QAction, QShortcut
    window.tabs.setCurrentIndex(1)       # every tab built: their actions exist
    window.tabs.setCurrentIndex(2)
    dialog = window.menus.show_shortcuts()
    table = dialog.findChild(QTableWidget)
    listed = set()
    for row in range(table.rowCount()):
        assert table.item(row, 0).text().strip(), table.item(row, 1).text()   # each says what it does
        listed.update(table.item(row, 1).text().split(", "))
    native = QKeySequence.SequenceFormat.NativeText
    every = {k.toString(native) for a in window.findChildren(QAction) for k in a.shortcuts()}
    every |= {k.toString(native) for s in window.findChildren(QShortcut) for k in s.keys()}
    every.discard("")
    assert every - listed == set()
    assert {"Alt+3", "Del", "Esc"} <= listed
    dialog.close()
