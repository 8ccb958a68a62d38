"""gui/draw/image_io.py: an image file as lightness (the file errors are in test_load_errors*.py)."""
import numpy as np
import pytest

from digitlab.gui.draw.image_io import ImageFileError, load_image_gray

from test_draw_canvas import write_digit_png


def test_load_image_gray_reads_lightness(tmp_path):
    write_digit_png(tmp_path / "one.png")
    gray = load_image_gray(tmp_path / "one.png")
    assert gray.shape == (60, 80) and gray.dtype == np.float32
    assert gray[30, 40] == 0.0 and gray[30, 10] == 1.0


def test_load_image_gray_rejects_a_non_image(tmp_path):
    bad = tmp_path / "notes.png"
    bad.write_text("not a picture")
    with pytest.raises(ImageFileError, match="notes.png"):
        load_image_gray(bad)
