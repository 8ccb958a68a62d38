"""gui/draw/heatmap.py: arrays through a colour table, painted as square cells."""
import numpy as np
import pytest
from PySide6.QtGui import QColor

from digitlab.gui.draw.heatmap import Heatmap, colour_cells, diverging_lut, inferno_lut


def rgb(argb: int) -> tuple[int, int, int]:
    return (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF


def test_levels_map_onto_the_ends_of_the_table_and_nan_is_transparent():
    lut = inferno_lut()
    cells = colour_cells(np.array([[0.0, 0.5, 1.0, np.nan], [-3.0, 7.0, 0.25, 0.75]]), (0.0, 1.0), lut)
    assert rgb(int(cells[0, 0])) == tuple(lut[0]) and rgb(int(cells[0, 2])) == tuple(lut[255])
    assert rgb(int(cells[0, 1])) == tuple(lut[128])                  # 0.5 * 255 rounds to 128
    assert cells[0, 3] == 0                                           # alpha 0: nothing painted
    assert cells[1, 0] == cells[0, 0] and cells[1, 1] == cells[0, 2]  # clipped to the ends
    assert (cells[[0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]] >> 24 == 0xFF).all()


def test_a_flat_array_does_not_divide_by_zero():
    cells = colour_cells(np.full((2, 2), 3.0), (3.0, 3.0), inferno_lut())
    assert len(set(cells.ravel().tolist())) == 1


def test_inferno_runs_from_dark_to_bright_and_diverging_is_white_at_zero():
    brightness = inferno_lut().astype(int).sum(axis=1)
    assert brightness[0] < 20 and brightness[-1] > 600
    assert (np.diff(brightness) >= -2).all()        # (almost) monotonic: bright = high
    diverging = diverging_lut()
    assert tuple(diverging[0]) == (0, 0, 255) and tuple(diverging[-1]) == (255, 0, 0)
    assert diverging[127:129].min() >= 250          # white around 0


@pytest.mark.parametrize("size", [(200, 100), (100, 200)])
def test_the_widget_paints_square_cells_centred(qtbot, size):
    heatmap = Heatmap(diverging_lut())
    qtbot.addWidget(heatmap)
    heatmap.resize(*size)
    heatmap.set_values(np.array([[-1.0, 1.0]]), (-1.0, 1.0))     # one row: blue, red
    rect = heatmap.image_rect()
    assert rect.width() == pytest.approx(2 * rect.height())
    assert rect.center().x() == pytest.approx(size[0] / 2) and rect.center().y() == pytest.approx(size[1] / 2)
    image = heatmap.grab().toImage()
    y = round(rect.center().y())
    assert QColor(image.pixel(round(rect.left() + rect.width() / 4), y)).getRgb()[:3] == (0, 0, 255)
    assert QColor(image.pixel(round(rect.right() - rect.width() / 4), y)).getRgb()[:3] == (255, 0, 0)
