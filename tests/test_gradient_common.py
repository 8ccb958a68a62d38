"""gui/gradient/common.py: the helpers the panels share."""
import numpy as np

from digitlab.gui.gradient.common import renormalized, visible_steps


def test_renormalized_spreads_when_the_rest_is_zero():
    y = renormalized(np.eye(4)[0], 0, 0.4)
    np.testing.assert_allclose(y, [0.4, 0.2, 0.2, 0.2])


def test_visible_steps_stops_at_nan_and_far_points():
    path = np.array([[0, 0], [1, 1], [1e9, 0], [np.nan, np.nan]])
    assert visible_steps(path, (-1, 1), (-1, 1)) == 2
    assert visible_steps(path[:2], (-1, 1), (-1, 1)) == 2
