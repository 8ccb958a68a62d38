"""In the window, a file that cannot be loaded gives a message in the status bar (in the user's
language), never only a traceback on stderr; the drawing and the model in use are kept."""
import json
import os

import numpy as np
import pytest
from PySide6.QtCore import QByteArray, QLocale, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog

from digitlab.gui.language import install_translators
from digitlab.nn.model.network import MultiLayerNet

from bombs import npy_header
from test_load_errors import write_png

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(shown_window):
    window = shown_window
    window.draw_tab.set_model(MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(0)),
                              "kept", None)
    return window


def choose_in_file_dialog(monkeypatch, path) -> None:
    """The next QFileDialog.getOpenFileName returns path, as if the user had picked it."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (os.fsdecode(path), "")))


def status(window) -> str:
    return window.statusBar().currentMessage()


def huge_header_model(path):
    """A model whose W1 header declares (784, 10**12): np.load raised MemoryError."""
    rng = np.random.default_rng(0)
    np.savez(path, metadata=np.array(json.dumps({"activation": "relu"})),
             W1=rng.normal(size=(784, 5)).astype(np.float32), b1=np.zeros(5, np.float32),
             W2=rng.normal(size=(5, 10)).astype(np.float32), b2=np.zeros(10, np.float32))
    raw = path.read_bytes().replace(npy_header((784, 5)), npy_header((784, 10 ** 12)))
    path.write_bytes(raw)
    return path


def drop_on(canvas, mime: QMimeData) -> None:
    enter = QDragEnterEvent(QPoint(150, 150), Qt.DropAction.CopyAction, mime, LEFT,
                            Qt.KeyboardModifier.NoModifier)
    canvas.event(enter)   # QApplication.sendEvent drops drag events with no drag in progress
    canvas.event(QDropEvent(QPointF(150, 150), Qt.DropAction.CopyAction, mime, LEFT,
                            Qt.KeyboardModifier.NoModifier))


def test_open_model_button_with_a_broken_model(window, qtbot, monkeypatch, tmp_path):
    choose_in_file_dialog(monkeypatch, huge_header_model(tmp_path / "huge.npz"))
    kept = window.draw_tab.network
    qtbot.mouseClick(window.draw_tab.model_choice.open_button, LEFT)
    assert status(window).startswith("Could not open the model: huge.npz: W1 declares shape")
    assert window.draw_tab.network is kept


def test_open_model_button_with_a_path_too_long(window, qtbot, monkeypatch, tmp_path):
    choose_in_file_dialog(monkeypatch, tmp_path / ("m" * 300 + ".npz"))
    qtbot.mouseClick(window.draw_tab.model_choice.open_button, LEFT)
    assert "304 bytes long" in status(window)


def test_open_image_with_a_path_too_long(window, monkeypatch, tmp_path):
    choose_in_file_dialog(monkeypatch, tmp_path / ("i" * 300 + ".png"))
    window.draw_tab.open_action.trigger()
    assert "is too long: a file name may have at most 255 bytes" in status(window)


def test_dropping_a_folder(window, tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    drop_on(window.draw_tab.canvas, mime)
    assert status(window) == "“pictures” is a folder, not an image file."


def test_pasting_a_link_loop(window, tmp_path):
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(loop))])
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(mime)  # the clipboard owns it now
    try:
        window.draw_tab.paste_action.trigger()
    finally:
        clipboard.clear()  # deletes it here, not in the interpreter's shutdown (a crash)
    assert status(window) == "“loop.png” is a link that leads back to itself (a link loop)."


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_dropping_a_file_whose_name_is_not_utf8(window, qtbot, tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"seven-\xff.png")
    write_png(path)
    mime = QMimeData()
    # what a file manager sends: the name's bytes percent-encoded
    mime.setData("text/uri-list", QByteArray(b"file://" + path.replace(b"\xff", b"%FF") + b"\r\n"))
    with qtbot.waitSignal(window.draw_tab.canvas.image_loaded) as loaded:
        drop_on(window.draw_tab.canvas, mime)
    assert loaded.args == ["seven-\N{REPLACEMENT CHARACTER}.png"]


def test_the_message_is_in_the_users_language(window, qapp, monkeypatch, tmp_path):
    translators = install_translators(qapp, QLocale(QLocale.Language.Korean))
    if not translators:
        pytest.skip("the Korean translation is not built")
    try:
        choose_in_file_dialog(monkeypatch, tmp_path / ("i" * 300 + ".png"))
        window.draw_tab.open_action.trigger()
        message = status(window)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert message and "too long" not in message and "255" in message
