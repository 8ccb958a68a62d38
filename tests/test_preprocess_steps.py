"""nn.preprocess_steps: each preprocessing switch changes the input as its docstring says."""
import numpy as np
import pytest

from digitlab.nn.data.preprocess import area_resample, preprocess
from digitlab.nn.data.preprocess_steps import preprocess_steps
from digitlab.nn.data.strokes import drawn_digit


def small_corner_digit():
    """A 70 px tall bar-and-diagonal in the top-left corner of a 280 px canvas (ink 1 on 0)."""
    image = np.zeros((280, 280), np.float32)
    image[20:30, 20:60] = 1.0
    for k in range(70):
        image[20 + k, 55 - k * 25 // 70:63 - k * 25 // 70] = 1.0
    return image


def extent(x):
    rows, cols = np.nonzero(x > 0.05)
    return rows.max() - rows.min() + 1, cols.max() - cols.min() + 1


def centre_of_mass(x):
    rows, cols = np.indices(x.shape)
    return (x * rows).sum() / x.sum(), (x * cols).sum() / x.sum()


def test_all_steps_on_is_preprocess():
    rng = np.random.default_rng(8)
    for digit in range(10):
        image = drawn_digit(digit, rng)[0]
        np.testing.assert_array_equal(preprocess_steps(image).centered, preprocess(image))
    np.testing.assert_array_equal(preprocess_steps(small_corner_digit()).centered,
                                  preprocess(small_corner_digit()))


def test_without_crop_the_whole_canvas_is_scaled_into_20px():
    stages = preprocess_steps(small_corner_digit(), crop=False)
    assert stages.cropped.shape == (280, 280)
    height, _ = extent(stages.centered)
    assert abs(height - 70 * 20 / 280) <= 1.5            # 5 px instead of 20


def test_without_scaling_a_small_drawing_stays_small():
    on = preprocess_steps(small_corner_digit()).centered
    off = preprocess_steps(small_corner_digit(), scale=False).centered
    assert extent(on)[0] == 20
    assert abs(extent(off)[0] - 70 * 28 / 280) <= 1       # 7 px: the canvas factor 28/280
    row, col = centre_of_mass(off)
    assert abs(row - 14) <= 0.5 and abs(col - 14) <= 0.5  # still centred


def test_without_centring_the_digit_stays_where_it_was_drawn():
    on = preprocess_steps(small_corner_digit()).centered
    off = preprocess_steps(small_corner_digit(), centre=False).centered
    assert all(abs(c - 14) <= 0.5 for c in centre_of_mass(on))
    row, col = centre_of_mass(off)
    assert row < 11 and col < 11                          # pushed to the top-left edge
    assert off[:20, :20].sum() > 0.9 * off.sum() and extent(off)[0] == 20


def test_all_steps_off_is_the_canvas_shrunk_to_28px():
    image = small_corner_digit()
    off = preprocess_steps(image, crop=False, scale=False, centre=False).centered
    shrunk = area_resample(area_resample(image.astype(np.float64), 28).T, 28).T
    np.testing.assert_allclose(off, shrunk / shrunk.max(), atol=1e-6)


def test_scale_and_centre_off_keeps_size_and_place():
    image = small_corner_digit()
    off = preprocess_steps(image, scale=False, centre=False).centered
    rows, cols = np.nonzero(off > 0.05)
    # Canvas rows 20..89 and columns 20..62, times 28/280.
    assert abs(rows.min() - 2) <= 1 and abs(rows.max() - 9) <= 1
    assert abs(cols.min() - 2) <= 1 and abs(cols.max() - 6) <= 1


@pytest.mark.parametrize("switches", [{}, {"crop": False}, {"scale": False}, {"centre": False}])
def test_blank_is_none_and_output_is_28x28(switches):
    assert preprocess_steps(np.zeros((100, 100)), **switches) is None
    out = preprocess_steps(small_corner_digit(), **switches).centered
    assert out.shape == (28, 28) and out.dtype == np.float32
    assert out.min() >= 0 and out.max() == pytest.approx(1.0)
