"""nn.preprocess: known answers for the MNIST recipe, polarity, specks, blanks, speed.

Convention: the centre of mass ends within 0.5 px of (14, 14) in index coordinates (pixel centres
at 0..27), as measured on MNIST.
"""
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digitlab.nn.data.preprocess import (CENTRE, area_matrix, area_resample, connected_components, preprocess,
                           preprocess_stages)


def centre_of_mass(image):
    rows, cols = np.indices(image.shape)
    return (image * rows).sum() / image.sum(), (image * cols).sum() / image.sum()


def seven(size=280, top=40, left=60):
    """A crude 7 (bar and diagonal), ink 1 on 0."""
    image = np.zeros((size, size), np.float32)
    image[top:top + 18, left:left + 120] = 1.0
    for k in range(160):
        c = left + 110 - k * 50 // 160
        image[top + k, c:c + 18] = 1.0
    return image


def test_centred_square_ends_as_20px_square_at_the_centre():
    image = np.zeros((280, 280), np.float32)
    image[90:190, 90:190] = 1.0
    out = preprocess(image)
    expected = np.zeros((28, 28), np.float32)
    expected[5:25, 5:25] = 1.0      # centre of mass 9.5 in the 20 px box, shifted by round(4.5)
    np.testing.assert_allclose(out, expected, atol=1e-6)


def test_output_dtype_shape_and_range():
    out = preprocess((seven() * 255).astype(np.uint8))
    assert out.shape == (28, 28) and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() == pytest.approx(1.0)


def test_dark_on_light_and_its_inverse_give_the_same_result():
    ink = (seven() * 255).astype(np.uint8)
    np.testing.assert_allclose(preprocess(255 - ink), preprocess(ink), atol=1e-6)
    np.testing.assert_allclose(preprocess(1.0 - seven()), preprocess(seven()), atol=1e-6)


def test_grey_photo_background_is_removed():
    photo = np.where(seven() > 0, 40, 180).astype(np.uint8)      # dark ink on grey paper
    np.testing.assert_allclose(preprocess(photo), preprocess(seven()), atol=1e-5)


def test_off_centre_drawing_ends_centred():
    image = seven(top=5, left=10)
    image[150:170, 20:40] = 1.0       # make it lopsided
    out = preprocess(image)
    row, col = centre_of_mass(out)
    assert abs(row - CENTRE) <= 0.5 and abs(col - CENTRE) <= 0.5
    rows, cols = np.nonzero(out)
    assert max(rows.max() - rows.min(), cols.max() - cols.min()) + 1 == 20


def test_tall_thin_stroke_keeps_its_aspect_ratio():
    image = np.zeros((280, 280), np.float32)
    image[40:240, 130:150] = 1.0       # 200 x 20 -> 20 x 2
    stages = preprocess_stages(image)
    assert stages.cropped.shape == (200, 20)
    assert stages.scaled.shape == (20, 2)
    rows, cols = np.nonzero(stages.centered)
    assert rows.max() - rows.min() + 1 == 20 and cols.max() - cols.min() + 1 == 2


def test_tiny_specks_are_dropped():
    clean = seven()
    noisy = clean.copy()
    for r, c in ((5, 5), (250, 30), (260, 260), (20, 240)):
        noisy[r:r + 3, c:c + 3] = 1.0
    noisy += np.random.default_rng(0).uniform(0.0, 0.1, noisy.shape).astype(np.float32)
    np.testing.assert_allclose(preprocess(noisy), preprocess(clean), atol=1e-6)


@pytest.mark.parametrize("image", [
    np.zeros((280, 280), np.float32),
    np.full((280, 280), 255, np.uint8),
    np.random.default_rng(1).uniform(0.0, 0.08, (280, 280)),
    np.pad(np.ones((3, 3)), ((100, 177), (50, 227))),         # a lone speck
], ids=["black", "white", "faint-noise", "speck"])
def test_blank_or_near_blank_is_none(image):
    assert preprocess(image) is None
    assert preprocess_stages(image) is None


def test_stages_are_exposed_with_consistent_shapes():
    stages = preprocess_stages(seven())
    assert stages.gray.shape == stages.cleaned.shape == (280, 280)
    assert max(stages.scaled.shape) == 20
    assert stages.centered.shape == (28, 28)


def test_rejects_colour_arrays():
    with pytest.raises(ValueError, match="2-D"):
        preprocess(np.zeros((28, 28, 3)))


@pytest.mark.parametrize("n_in, n_out", [(336, 20), (7, 20), (50, 13), (20, 20), (3, 1)])
def test_area_resampling_equals_the_overlap_matrix(n_in, n_out):
    image = np.random.default_rng(n_in).random((n_in, 5))
    weights = area_matrix(n_in, n_out)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)
    np.testing.assert_allclose(area_resample(image, n_out), weights @ image, atol=1e-12)


def test_connected_components_on_a_spiral_and_two_blobs():
    mask = np.zeros((9, 9), bool)
    mask[0, :] = mask[:, 8] = mask[8, :] = mask[2:, 0] = mask[2, :7] = True   # one winding path
    mask[4:7, 3:6] = True                                                    # a separate blob
    labels = connected_components(mask)
    assert len(np.unique(labels[mask])) == 2 and np.all(labels[~mask] == 0)
    assert len(np.unique(labels[0:3, :])) == 2      # background and the path


@settings(max_examples=25, deadline=None)
@given(dy=st.integers(-60, 60), dx=st.integers(-45, 45))
def test_translation_on_the_canvas_does_not_change_the_result(dy, dx):
    base = seven(top=60, left=100)
    moved = np.roll(base, (dy, dx), axis=(0, 1))       # the drawing stays inside the canvas
    np.testing.assert_array_equal(preprocess(moved), preprocess(base))


@pytest.mark.parametrize("side, budget_ms", [(280, 30), (560, 80)])
def test_fast_enough_for_live_drawing(side, budget_ms):
    image = seven(side, side // 7, side // 5)
    best = min(_timed(lambda: preprocess(image)) for _ in range(5))
    assert best * 1e3 < budget_ms


def test_4k_photo_is_handled():
    photo = np.full((2160, 3840), 200, np.uint8)
    photo[400:1700, 1700:1900] = 30
    start = time.perf_counter()
    out = preprocess(photo)
    assert time.perf_counter() - start < 2.0
    rows, cols = np.nonzero(out > 0.5)
    assert rows.max() - rows.min() + 1 == 20 and cols.max() - cols.min() + 1 in (3, 4)


def _timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start
