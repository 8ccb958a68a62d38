"""nn.strokes: skeletons, randomiser, antialiased renderer and the drawn-digit set."""
import numpy as np
import pytest

from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.data.strokes import (STYLE_COUNTS, digit_strokes, drawn_digit_set, drawn_training_set, jitter,
                        render_strokes, resample)


def test_horizontal_segment_has_pen_width_and_antialiased_edges():
    image = render_strokes([np.array([[50.0, 100.25], [200.0, 100.25]])], size=280, pen_width=18)
    column = image[:, 120]
    assert column.sum() == pytest.approx(18.0, abs=1e-5)          # covers y in [91.25, 109.25]
    assert column[91] == pytest.approx(0.75) and column[109] == pytest.approx(0.25)
    assert np.all(column[92:109] == 1.0)
    assert column[90] == 0.0 and column[110] == 0.0
    # Round caps: ink reaches r = 9 px past the ends; pixel centres 8.5 px out are nearly full.
    cap = 9.5 - np.hypot(8.5, 0.25)
    assert image[100, 41] == pytest.approx(cap) and image[100, 40] == 0.0
    assert image[100, 208] == pytest.approx(cap) and image[100, 209] == 0.0


def test_single_point_is_a_round_dot():
    image = render_strokes([np.array([[30.0, 30.0]])], size=64, pen_width=10)
    assert image.sum() == pytest.approx(np.pi * 5.0 ** 2, rel=0.02)
    np.testing.assert_array_equal(image, image.T)


def test_rendering_is_clipped_to_the_canvas():
    image = render_strokes([np.array([[-20.0, 10.0], [40.0, 10.0]])], size=32, pen_width=4)
    assert image.shape == (32, 32) and image.dtype == np.float32
    assert image[10, 0] == 1.0 and image.max() == 1.0


@pytest.mark.parametrize("digit", range(10))
def test_every_style_is_a_list_of_polylines_in_the_unit_box(digit):
    rng = np.random.default_rng(digit)
    for style in range(STYLE_COUNTS[digit]):
        strokes = digit_strokes(digit, rng, style)
        points = np.concatenate(strokes)
        assert all(s.ndim == 2 and s.shape[1] == 2 for s in strokes)
        assert points.min() >= -0.05 and points.max() <= 1.05
        assert np.ptp(points[:, 1]) > 0.9                   # a digit is as tall as the box
    with pytest.raises(ValueError, match="styles"):
        digit_strokes(digit, rng, STYLE_COUNTS[digit])


def test_jitter_places_strokes_inside_the_canvas_as_mouse_samples():
    rng = np.random.default_rng(4)
    for digit in range(10):
        strokes = jitter(digit_strokes(digit, rng), rng, size=280)
        points = np.concatenate(strokes)
        assert points.min() >= 0.0 and points.max() <= 280.0
        assert np.ptp(points[:, 1]) > 0.4 * 280         # height 50-80 % of the canvas, tilted
        steps = np.concatenate([np.linalg.norm(np.diff(s, axis=0), axis=1) for s in strokes])
        assert steps.max() <= 4.0 + 1e-9


def test_resample_keeps_the_ends_and_spacing():
    out = resample(np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]]), 2.0)
    np.testing.assert_allclose(out[[0, -1]], [[0.0, 0.0], [10.0, 10.0]])
    np.testing.assert_allclose(np.linalg.norm(np.diff(out, axis=0), axis=1), 2.0)


def test_same_seed_same_set():
    a = drawn_digit_set(2, np.random.default_rng(5), size=64)
    b = drawn_digit_set(2, np.random.default_rng(5), size=64)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    for strokes_a, strokes_b in zip(a[2], b[2]):
        assert len(strokes_a) == len(strokes_b)
        for sa, sb in zip(strokes_a, strokes_b):
            np.testing.assert_array_equal(sa, sb)
    c = drawn_digit_set(2, np.random.default_rng(6), size=64)
    assert not np.array_equal(a[0], c[0])


def test_set_shapes_classes_and_replayable_strokes():
    images, labels, strokes_list = drawn_digit_set(3, np.random.default_rng(0), size=96)
    assert images.shape == (30, 96, 96) and images.dtype == np.float32
    assert labels.shape == (30,) and set(labels.tolist()) == set(range(10))
    assert np.bincount(labels).tolist() == [3] * 10
    assert len(strokes_list) == 30
    assert images.min() >= 0.0 and images.max() == 1.0
    for image, strokes in zip(images, strokes_list):
        # Re-rendering the returned canvas strokes reproduces the ink (pen width aside).
        thin = render_strokes(strokes, size=96, pen_width=2)
        assert np.all(image[thin > 0.99] > 0.99)


def test_drawn_digits_survive_preprocessing():
    images, _, _ = drawn_digit_set(2, np.random.default_rng(1), size=112)
    for image in images:
        out = preprocess(image)
        assert out is not None and out.max() == pytest.approx(1.0)


def test_drawn_training_set_is_preprocessed_labelled_and_seeded():
    x, t = drawn_training_set(30, np.random.default_rng(5))
    assert x.shape == (30, 784) and x.dtype == np.float32 and t.shape == (30,)
    assert 0.0 <= x.min() and x.max() <= 1.0
    assert set(t.tolist()) <= set(range(10)) and len(set(t.tolist())) > 5
    # Every row is a centred 28x28 digit as preprocess makes it (peak 1, ink inside the field).
    assert np.allclose(x.max(axis=1), 1.0)
    again, t_again = drawn_training_set(30, np.random.default_rng(5))
    np.testing.assert_array_equal(x, again)
    np.testing.assert_array_equal(t, t_again)
