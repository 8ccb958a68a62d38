"""DrawingCanvas: real mouse events land as strokes; undo, clear, resize, images in and out."""
import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QPainter, QPen

from digitlab.gui.draw.canvas import DrawingCanvas

from digitlab.gui.mouse_replay import drag

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def canvas(qtbot):
    widget = DrawingCanvas()
    qtbot.addWidget(widget)
    widget.resize(300, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def ink_centre(image: np.ndarray) -> np.ndarray:
    """Centre of mass of the ink as a fraction of the image side (row, col)."""
    rows, cols = np.indices(image.shape)
    return np.array([(rows * image).sum(), (cols * image).sum()]) / image.sum() / image.shape[0]


def test_empty_canvas_gives_no_array(canvas):
    assert canvas.is_empty()
    assert canvas.to_array() is None


def test_a_horizontal_stroke_lands_where_it_was_drawn(canvas, qtbot):
    with qtbot.waitSignal(canvas.changed):
        drag(canvas, [(50, 150), (100, 150), (150, 150), (250, 150)])
    assert canvas.stroke_count() == 1
    image = canvas.to_array()
    assert image.shape == (300, 300) and image.dtype == np.float32
    assert image[150, 60:240].min() > 0.9          # ink along the line
    assert image[:120].max() == 0.0 and image[180:].max() == 0.0   # nothing elsewhere
    assert image[150, :20].max() == 0.0
    np.testing.assert_allclose(ink_centre(image), [0.5, 0.5], atol=0.02)


def test_pen_width_sets_the_stroke_thickness(canvas):
    canvas.set_pen_width(28)   # pixels of a 280 px canvas -> 30 px here
    drag(canvas, [(50, 150), (250, 150)])
    column = canvas.to_array()[:, 150]
    assert 26 <= (column > 0.5).sum() <= 33


def test_to_array_renders_at_a_requested_size(canvas):
    drag(canvas, [(50, 150), (250, 150)])
    small = canvas.to_array(100)
    assert small.shape == (100, 100)
    assert small[50, 25:75].min() > 0.9 and small[:35].max() == 0.0


def test_undo_and_clear(canvas):
    drag(canvas, [(50, 50), (250, 50)])
    drag(canvas, [(50, 250), (250, 250)])
    assert canvas.stroke_count() == 2
    canvas.undo()
    image = canvas.to_array()
    assert canvas.stroke_count() == 1
    assert image[50, 150] > 0.9 and image[250, 150] == 0.0
    canvas.clear()
    assert canvas.is_empty() and canvas.to_array() is None


def test_the_stroke_being_drawn_reads_as_it_will_when_finished(canvas):
    """to_array keeps the finished strokes between calls and paints only the stroke in progress
    over them: mid-stroke, after the release, after an undo and at another size it must read
    exactly as a canvas that never kept anything."""
    from digitlab.gui.mouse_replay import send_mouse
    from PySide6.QtCore import QEvent
    drag(canvas, [(60, 60), (240, 70), (150, 240)])
    assert canvas.to_array(280) is not None          # the finished stroke is now kept
    points = [(80, 200), (120, 120), (200, 150), (230, 230)]
    send_mouse(canvas, QEvent.Type.MouseButtonPress, QPointF(*points[0]))
    for x, y in points[1:]:
        send_mouse(canvas, QEvent.Type.MouseMove, QPointF(x, y))
        middle = canvas.to_array(280)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, QPointF(*points[-1]))
    fresh = DrawingCanvas()                          # nothing kept: renders from the strokes
    fresh.resize(canvas.size())
    drag(fresh, [(60, 60), (240, 70), (150, 240)])
    drag(fresh, points)
    np.testing.assert_array_equal(middle, fresh.to_array(280))
    np.testing.assert_array_equal(canvas.to_array(280), fresh.to_array(280))
    np.testing.assert_array_equal(canvas.to_array(100), fresh.to_array(100))
    canvas.undo()
    fresh.undo()
    np.testing.assert_array_equal(canvas.to_array(280), fresh.to_array(280))
    assert canvas.to_array(280)[200, 120] == 0.0     # the undone stroke is gone


def test_drawing_survives_a_resize(canvas, qtbot):
    drag(canvas, [(60, 60), (120, 200), (240, 90)])
    before = ink_centre(canvas.to_array())
    canvas.resize(500, 400)
    qtbot.waitUntil(lambda: canvas.to_array().shape == (400, 400))
    np.testing.assert_allclose(ink_centre(canvas.to_array()), before, atol=0.01)


def write_digit_png(path, light_background=True) -> None:
    image = QImage(80, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white" if light_background else "black"))
    painter = QPainter(image)
    painter.setPen(QPen(QColor("black" if light_background else "white"), 6))
    painter.drawLine(40, 10, 40, 50)
    painter.end()
    assert image.save(str(path))


def test_open_image_replaces_the_drawing(canvas, qtbot, tmp_path):
    write_digit_png(tmp_path / "one.png")
    drag(canvas, [(50, 50), (250, 50)])
    with qtbot.waitSignal(canvas.image_loaded) as loaded:
        assert canvas.open_image(tmp_path / "one.png")
    assert loaded.args == ["one.png"]
    image = canvas.to_array()
    assert image.shape == (60, 80)
    assert image[30, 40] == 1.0 and image[30, 10] == 0.0   # dark line on white -> ink = 1
    assert canvas.stroke_count() == 0


def test_a_bad_file_keeps_the_drawing(canvas, qtbot, tmp_path):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8 nothing more")
    drag(canvas, [(50, 50), (250, 50)])
    with qtbot.waitSignal(canvas.load_failed) as failed:
        assert not canvas.open_image(bad)
    assert "broken.jpg" in failed.args[0]
    assert canvas.stroke_count() == 1 and canvas.to_array()[50, 150] > 0.9


def test_dropping_an_image_file_loads_it(canvas, qtbot, tmp_path):
    write_digit_png(tmp_path / "dropped.png", light_background=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "dropped.png"))])
    drop = QDropEvent(QPointF(150, 150), Qt.DropAction.CopyAction, mime, LEFT,
                      Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(150, 150), Qt.DropAction.CopyAction, mime, LEFT,
                            Qt.KeyboardModifier.NoModifier)
    canvas.event(enter)   # QApplication.sendEvent drops drag events with no drag in progress
    assert enter.isAccepted()
    with qtbot.waitSignal(canvas.image_loaded):
        canvas.event(drop)
    assert drop.isAccepted()
    assert canvas.to_array()[30, 40] == 0.0   # white line on black: 1 - lightness


def test_paste_uses_the_clipboard_image(canvas, qtbot, tmp_path):
    write_digit_png(tmp_path / "copied.png")
    QGuiApplication.clipboard().setImage(QImage(str(tmp_path / "copied.png")))
    with qtbot.waitSignal(canvas.image_loaded):
        assert canvas.paste_from_clipboard()
    assert canvas.to_array().shape == (60, 80)


def test_a_new_stroke_after_an_image_starts_a_new_drawing(canvas, tmp_path):
    write_digit_png(tmp_path / "one.png")
    canvas.open_image(tmp_path / "one.png")
    drag(canvas, [(50, 150), (250, 150)])
    assert canvas.to_array().shape == (300, 300)
    canvas.undo()
    assert canvas.is_empty()


def test_an_image_array_is_shown_like_an_opened_image(canvas, qtbot):
    ink = np.zeros((28, 28), np.float32)
    ink[4:24, 13:15] = 1.0
    ink[4, 10] = 0.25
    drag(canvas, [(50, 50), (250, 50)])
    with qtbot.waitSignal(canvas.image_loaded) as loaded:
        canvas.load_array(ink, "a test image")
    assert loaded.args == ["a test image"] and canvas.stroke_count() == 0
    np.testing.assert_allclose(canvas.to_array(), ink, atol=1e-6)
    canvas.undo()
    assert canvas.is_empty()
    with pytest.raises(ValueError, match="2-D"):
        canvas.load_array(np.zeros(784, np.float32), "flat")


def test_paste_with_no_mime_data_does_nothing_harmful(canvas, qtbot, monkeypatch):
    drag(canvas, [(50, 150), (250, 150)])
    before = canvas.to_array()
    monkeypatch.setattr(QGuiApplication.clipboard(), "mimeData", lambda *a: None)
    with qtbot.waitSignal(canvas.load_failed):
        assert not canvas.paste_from_clipboard()
    with qtbot.waitSignal(canvas.load_failed):
        assert not canvas.load_mime(QMimeData())
    assert np.array_equal(canvas.to_array(), before)


@pytest.mark.parametrize("error", [MemoryError, RecursionError, OverflowError, KeyError])
def test_any_failure_of_an_image_file_is_a_message_not_an_exception(canvas, qtbot, tmp_path,
                                                                   monkeypatch, error):
    import digitlab.gui.draw.canvas as canvas_module

    def fail(path):
        raise error()
    monkeypatch.setattr(canvas_module, "load_image_gray", fail)
    with qtbot.waitSignal(canvas.load_failed) as failed:
        assert not canvas.open_image(tmp_path / "hostile.png")
    assert "hostile.png" in failed.args[0] and error.__name__ in failed.args[0]


def test_clear_is_undone_like_a_stroke(canvas, tmp_path):
    drag(canvas, [(50, 50), (250, 50)])
    drag(canvas, [(50, 250), (250, 250)])
    drawn = canvas.to_array()
    canvas.clear()
    assert canvas.is_empty()
    canvas.undo()                                # Ctrl+Z brings the whole drawing back
    assert canvas.stroke_count() == 2
    np.testing.assert_array_equal(canvas.to_array(), drawn)
    canvas.undo()                                # and then goes on stroke by stroke
    assert canvas.stroke_count() == 1
    canvas.clear()
    drag(canvas, [(150, 50), (150, 250)])        # a new drawing after a Clear ...
    canvas.undo()
    canvas.undo()                                # ... is undone first, then the cleared one is back
    assert canvas.stroke_count() == 1 and canvas.to_array()[50, 150] > 0.9


def test_escape_on_the_draw_tab_is_undone_by_ctrl_z(qtbot):
    from PySide6.QtGui import QKeySequence
    from digitlab.gui.draw.tab import DrawTab
    tab = DrawTab()
    qtbot.addWidget(tab)
    tab.resize(900, 700)
    tab.show()
    qtbot.waitExposed(tab)
    drag(tab.canvas, [(60, 60), (160, 160)])
    assert QKeySequence(Qt.Key.Key_Escape) in tab.clear_action.shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Undo) in tab.undo_action.shortcuts()
    tab.clear_action.trigger()
    assert tab.canvas.is_empty()
    tab.undo_action.trigger()
    assert tab.canvas.stroke_count() == 1
