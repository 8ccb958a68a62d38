"""gui/draw/inside_view.py: the hidden layers' activations laid out as images."""
import numpy as np
import pytest

from digitlab.gui.draw.inside_view import activation_grid, grid_shape


@pytest.mark.parametrize("size, shape", [(512, (16, 32)), (256, (16, 16)), (100, (10, 10)),
                                         (50, (5, 10)), (7, (3, 3)), (1, (1, 1))])
def test_hidden_layers_are_laid_out_as_rectangles(size, shape):
    assert grid_shape(size) == shape
    a = np.arange(size, dtype=np.float32)
    grid = activation_grid(a)
    assert grid.shape == shape
    np.testing.assert_array_equal(grid.ravel()[:size], a)      # row by row, in neuron order
    assert np.isnan(grid.ravel()[size:]).all()
