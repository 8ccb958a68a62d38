"""nn.augment's scan options (aspect, blur, low resolution, heavy strokes) against NumPy oracles."""
import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from digitlab.nn.data.augment import augment_batch, low_resolution

STILL = dict(max_rotation=0.0, scale=(1.0, 1.0), max_shift=0.0, max_shear=0.0,
             thickness_prob=0.0)


def bars(n=4):
    x = np.zeros((n, 28, 28), np.float32)
    x[:, 6:22, 12:16] = 1.0
    x[:, 6, 8:20] = 0.5
    return x


def test_options_off_draw_no_random_numbers():
    # Existing training runs must reproduce: the same images and the same rng state after.
    x = bars()
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    a = augment_batch(x, rng_a)
    b = augment_batch(x, rng_b, aspect=None, blur_prob=0.0, lowres_prob=0.0, heavy_prob=0.0)
    np.testing.assert_array_equal(a, b)
    assert rng_a.random() == rng_b.random()


def test_aspect_widens_about_the_centre():
    x = np.zeros((1, 28, 28), np.float32)
    x[0, 4:24, 12:16] = 1.0                  # 4 px wide, columns 12..15 around 13.5
    out = augment_batch(x, np.random.default_rng(0), aspect=(2.0, 2.0), **STILL)[0]
    np.testing.assert_allclose(out[4:24], np.tile(out[10], (20, 1)))      # rows unchanged
    # Output column j samples the input at (j - 13.5) / 2 + 13.5, bilinearly.
    source = (np.arange(28) - 13.5) / 2 + 13.5
    np.testing.assert_allclose(out[10], np.interp(source, np.arange(28), x[0, 10]), atol=1e-6)
    assert out[10].sum() == pytest.approx(2 * x[0, 10].sum())
    assert out[:4].max() < 1e-6 and out[24:].max() < 1e-6


def test_blur_of_a_dot_is_a_gaussian():
    x = np.zeros((1, 28, 28), np.float32)
    x[0, 14, 14] = 1.0
    sigma = 1.3
    out = augment_batch(x, np.random.default_rng(0), blur_prob=1.0, blur_sigma=(sigma, sigma),
                        **STILL)[0]
    rows, cols = np.indices((28, 28))
    expected = np.exp(-((rows - 14) ** 2 + (cols - 14) ** 2) / (2 * sigma ** 2))
    np.testing.assert_allclose(out, expected, atol=1e-5)


def block_oracle(image, block):
    small = image.reshape(28 // block, block, 28 // block, block).mean(axis=(1, 3))
    big = np.kron(small, np.ones((block, block)))
    return big / big.max()


def bilinear_oracle(image, block):
    small = image.reshape(28 // block, block, 28 // block, block).mean(axis=(1, 3))
    n = small.shape[0]
    pos = np.clip((np.arange(28) + 0.5) * n / 28 - 0.5, 0, n - 1)
    cols = np.array([np.interp(pos, np.arange(n), row) for row in small])
    big = np.array([np.interp(pos, np.arange(n), col) for col in cols.T]).T
    return big / big.max()


def test_low_resolution_is_blocky_or_bilinear():
    rng = np.random.default_rng(1)
    x = rng.random((20, 28, 28)).astype(np.float32)
    # A 10 px digit box scaled up to 20 px: 28 px become 14, every output pixel 2x2 of the input.
    out = low_resolution(x, np.random.default_rng(2), prob=1.0, side=(10, 10))
    kinds = []
    for image, result in zip(x, out):
        if np.allclose(result, block_oracle(image, 2), atol=1e-5):
            kinds.append("block")
        else:
            np.testing.assert_allclose(result, bilinear_oracle(image, 2), atol=1e-5)
            kinds.append("bilinear")
    assert set(kinds) == {"block", "bilinear"}


def test_heavy_strokes_are_a_5x5_dilation():
    x = bars(2)
    out = augment_batch(x, np.random.default_rng(0), heavy_prob=1.0, **STILL)
    padded = np.pad(x, ((0, 0), (2, 2), (2, 2)), mode="edge")
    expected = sliding_window_view(padded, (5, 5), axis=(1, 2)).max(axis=(-2, -1))
    np.testing.assert_allclose(out, expected, atol=1e-6)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_all_options_keep_shape_dtype_and_range(dtype):
    x = np.random.default_rng(3).random((50, 784)).astype(dtype)
    out = augment_batch(x, np.random.default_rng(4), aspect=(0.6, 1.6), blur_prob=0.5,
                        lowres_prob=0.5, heavy_prob=0.5)
    assert out.shape == x.shape and out.dtype == dtype
    assert out.min() >= 0.0 and out.max() <= 1.0


def test_probabilities_choose_about_that_share():
    x = bars(400)
    out = low_resolution(x, np.random.default_rng(6), prob=0.25, side=(7, 14))
    changed = np.mean([not np.array_equal(a, b) for a, b in zip(out, x)])
    assert 0.15 < changed < 0.35
