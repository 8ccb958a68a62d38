"""nn.augment: shapes, known-answer warps against NumPy oracles, thickness, speed."""
import time

import numpy as np
import pytest

from digitlab.nn.data.augment import _filter3x3, affine_warp, augment_batch, change_thickness


def digit_batch(n=6, seed=0):
    """(n, 28, 28) float32 blobs with random bars, like crude digits."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, 28, 28), np.float32)
    for k in range(n):
        r, c = rng.integers(6, 16, 2)
        x[k, r:r + 8, c:c + 3] = 1.0
        x[k, r + 3, c:c + 7] = 0.5
    return x


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("flat", [True, False])
def test_same_shape_dtype_and_range(dtype, flat):
    x = digit_batch().astype(dtype)
    x = x.reshape(len(x), 784) if flat else x
    y = augment_batch(x, np.random.default_rng(1))
    assert y.shape == x.shape and y.dtype == dtype
    assert y.min() >= 0.0 and y.max() <= 1.0
    assert not np.array_equal(y, x)


def test_same_seed_same_result_and_input_untouched():
    x = digit_batch()
    before = x.copy()
    a = augment_batch(x, np.random.default_rng(7))
    b = augment_batch(x, np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(x, before)


def test_all_ranges_zero_is_identity():
    x = digit_batch()
    y = augment_batch(x, np.random.default_rng(0), max_rotation=0.0, scale=(1.0, 1.0),
                      max_shift=0.0, max_shear=0.0, thickness_prob=0.0)
    np.testing.assert_allclose(y, x, atol=1e-6)


def test_integer_shift_matches_shifted_copy():
    x = digit_batch(2)
    y = affine_warp(x, np.tile(np.eye(2), (2, 1, 1)), np.array([[2.0, -3.0], [0.0, 1.0]]))
    expected = np.zeros_like(x)
    expected[0, 2:, :-3] = x[0, :-2, 3:]
    expected[1, :, 1:] = x[1, :, :-1]
    np.testing.assert_allclose(y, expected, atol=1e-6)


def test_quarter_turn_matches_rot90():
    x = digit_batch(1)
    forward = np.array([[0.0, -1.0], [1.0, 0.0]])      # (y, x) -> (-x, y) about the centre
    y = affine_warp(x, np.linalg.inv(forward)[None], np.zeros((1, 2)))
    np.testing.assert_allclose(y[0], np.rot90(x[0]), atol=1e-6)


def test_half_pixel_shift_is_bilinear_average():
    x = np.zeros((1, 28, 28), np.float32)
    x[0, 10, 10] = 1.0
    y = affine_warp(x, np.eye(2)[None], np.array([[0.0, 0.5]]))
    assert y[0, 10, 10] == pytest.approx(0.5) and y[0, 10, 11] == pytest.approx(0.5)
    assert y.sum() == pytest.approx(1.0)


def test_grey_dilation_and_erosion():
    x = np.zeros((1, 7, 7), np.float32)
    x[0, 3, 3] = 0.8
    dilated = _filter3x3(x, np.maximum)
    assert np.array_equal(dilated[0] > 0, np.pad(np.ones((3, 3), bool), 2))
    np.testing.assert_array_equal(_filter3x3(dilated, np.minimum), x)


def test_thickness_change_makes_every_chosen_image_heavier_or_lighter():
    x = np.zeros((40, 28, 28), np.float32)
    x[:, 8:20, 10:15] = 1.0
    y = change_thickness(x, np.random.default_rng(3), prob=1.0)
    ink_change = y.sum(axis=(1, 2)) - x.sum(axis=(1, 2))
    assert np.all(ink_change != 0)
    assert (ink_change > 0).any() and (ink_change < 0).any()
    assert np.array_equal(change_thickness(x, np.random.default_rng(3), prob=0.0), x)


def test_batch_of_100_is_well_under_a_millisecond_per_image():
    x = np.random.default_rng(0).random((100, 784), dtype=np.float32)
    rng = np.random.default_rng(0)
    best = min(_timed(lambda: augment_batch(x, rng)) for _ in range(3))
    assert best < 0.05, f"{best * 1e3:.1f} ms for 100 images"


def _timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start
