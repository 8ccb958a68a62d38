"""nn.preprocess on scans and photos: ink chosen by contrast, blurred ink faded; canvas unchanged."""
import numpy as np
import pytest

from digitlab.nn.data.preprocess import (FAINT, SOFT_FULL, SOFT_START, clean, fade_soft_ink, ink_is_dark,
                           preprocess, to_ink)
from digitlab.nn.data.strokes import drawn_digit
from digitlab.nn.checks.optdigits import gaussian_blur


def seven(size=280, top=40, left=60):
    """A crude 7 (bar and diagonal), ink 1 on 0."""
    image = np.zeros((size, size), np.float32)
    image[top:top + 18, left:left + 120] = 1.0
    for k in range(160):
        c = left + 110 - k * 50 // 160
        image[top + k, c:c + 18] = 1.0
    return image


@pytest.mark.parametrize("size, pen_width", [(84, None), (280, None), (280, 6.0)])
def test_canvas_drawings_come_out_exactly_as_before(size, pen_width):
    # The MNIST recipe for clean drawings must not move: the shipped model was trained on it.
    # 84 px is the training set's canvas; 6 px the thinnest pen of the Draw tab's slider.
    rng = np.random.default_rng(77)
    for k in range(20):
        image = drawn_digit(k % 10, rng, size=size, pen_width=pen_width)[0]
        for variant in (image, 1.0 - image, (image * 255).astype(np.uint8)):
            np.testing.assert_array_equal(preprocess(variant), preprocess(variant, scan=False))


def test_dark_ink_on_mid_grey_paper():
    paper = 0.45 - 0.35 * seven()                   # border median 0.45: "not bright"
    assert preprocess(paper, scan=False) is None     # the old rule took the paper for ink
    np.testing.assert_allclose(preprocess(paper), preprocess(seven()), atol=1e-5)


def test_white_ink_on_light_grey():
    board = 0.6 + 0.4 * seven()                      # border median 0.6: "bright"
    assert preprocess(board, scan=False) is None     # the old rule inverted it
    np.testing.assert_allclose(preprocess(board), preprocess(seven()), atol=1e-5)


@pytest.mark.parametrize("background, ink, dark", [(1.0, 0.0, True), (0.0, 1.0, False),
                                                   (0.45, 0.1, True), (0.55, 0.9, False),
                                                   (0.3, 0.0, True), (0.7, 1.0, False)])
def test_ink_is_whatever_strays_further_from_the_border(background, ink, dark):
    image = np.full((50, 50), background, np.float32)
    image[10:40, 20:26] = ink
    assert ink_is_dark(image) is dark


def test_solid_ink_is_not_faded():
    ink = np.zeros((40, 40), np.float32)
    ink[5:35, 10:20] = 1.0
    ink[5:35, 20] = 0.5                  # an anti-aliased edge: 1 grey pixel per 10 solid
    np.testing.assert_array_equal(fade_soft_ink(ink), ink)


def test_grey_ink_fades_to_zero_at_the_faint_cut():
    ink = np.linspace(FAINT, 1.0, 100, dtype=np.float32).reshape(10, 10)   # mostly grey
    np.testing.assert_allclose(fade_soft_ink(ink), (ink - FAINT) / (1 - FAINT), atol=1e-6)


def test_fading_grows_gradually_with_the_grey_share():
    values = []      # what a pixel of 0.5 becomes, as the share of grey ink grows
    for grey in np.linspace(0.025, 1.0, 40):
        ink = np.ones(1000, np.float32)
        ink[:int(round(grey * 1000))] = 0.5
        values.append(float(fade_soft_ink(ink.reshape(20, 50)).min()))
        if grey <= SOFT_START:
            assert values[-1] == 0.5
        if grey >= SOFT_FULL:
            assert values[-1] == pytest.approx((0.5 - FAINT) / (1 - FAINT))
    assert all(b <= a + 1e-7 for a, b in zip(values, values[1:]))
    assert all(abs(b - a) < 0.03 for a, b in zip(values, values[1:]))      # no jump


def test_blurred_scan_has_no_step_at_the_faint_cut():
    blurred = gaussian_blur(1.0 - seven(), 8.0)      # dark ink on paper, out of focus
    gray = to_ink(blurred, by_contrast=True)
    old, new = clean(gray), clean(gray, fade_soft=True)
    assert old[old > 0].min() >= FAINT
    assert new[new > 0].min() < 0.02
    assert preprocess(blurred).sum() < preprocess(blurred, scan=False).sum()   # thinner rim
