"""gui/gradient/surface_3d.py: the surface in 3-D, or (offscreen, no OpenGL) a shaded height map."""
import numpy as np

from digitlab.gui.gradient.surface_3d import Surface3DView, heights, hillshade, opengl_available
from digitlab.nn.numerical.gradient import surfaces


def test_offscreen_takes_the_height_map_with_a_note(qtbot):
    assert not opengl_available()                      # tests run offscreen: no OpenGL context
    view = Surface3DView()
    qtbot.addWidget(view)
    assert not view.uses_opengl
    assert "No OpenGL" in view.note.text()
    sphere = surfaces()[0]
    view.set_surface(sphere)
    image = view._image.image
    assert image.dtype == np.uint8 and image.shape[2] == 3
    brightness = image.astype(float).sum(axis=2)
    # a bowl lit from the upper left: its lower-right wall (x0 > 0, x1 < 0; image[x, y]) faces the
    # light and is brighter than the upper-left wall, which faces away
    n = image.shape[0]
    assert brightness[4 * n // 5, n // 5] > brightness[n // 5, 4 * n // 5]


def test_heights_and_shading_follow_the_surface():
    sphere = surfaces()[0]
    xs, ys, z = heights(sphere, 41)
    assert z.shape == (41, 41) and z[20, 20] == z.min() == 0.0   # the minimum at the centre
    assert z.max() == z[0, 0]                                      # corners are highest
    flat = hillshade(xs, ys, np.zeros_like(z))
    np.testing.assert_allclose(flat, flat[0, 0])                   # a flat field is evenly lit


def test_field_panel_shows_the_3d_view_beside_the_contours(qtbot):
    from digitlab.gui.gradient.field_panel import FieldPanel
    panel = FieldPanel()
    qtbot.addWidget(panel)
    panel.surface_combo.setCurrentIndex(3)
    first = panel.surface_3d._image.image.copy()
    panel.surface_combo.setCurrentIndex(0)
    assert not np.array_equal(first, panel.surface_3d._image.image)
