"""nn.preprocess's fast connected components and speck removal give exactly the outputs of the
straightforward versions they replaced (kept here as the oracle), on drawings and opened images."""
import numpy as np
import pytest

import digitlab.nn.data.preprocess as pp
from digitlab.nn.data.strokes import drawn_digit


def reference_components(mask):
    """The former labelling: 9 shifted copies stacked, min-reduced, pointer jumping."""
    h, w = mask.shape
    big = h * w + 1
    labels = np.where(mask, np.arange(1, big).reshape(h, w), big)
    padded = np.full((h + 2, w + 2), big)
    while True:
        padded[1:-1, 1:-1] = labels
        neighbours = [padded[1 + dy:h + 1 + dy, 1 + dx:w + 1 + dx]
                      for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
        new = np.where(mask, np.minimum.reduce(neighbours), big)
        flat = np.append(0, np.append(new.ravel(), big))
        new = np.where(mask, flat[new], big)
        if np.array_equal(new, labels):
            break
        labels = new
    return np.where(mask, labels, 0)


def reference_drop_specks(ink):
    """The former speck removal: always through the fine-grid mask."""
    block = max(1, -(-max(ink.shape) // pp.COARSE_SIDE))
    mass = pp.block_sum(ink, block)
    labels = reference_components(mass > 0)
    weights = np.bincount(labels.ravel(), weights=mass.ravel())
    weights[0] = 0.0
    keep = weights >= pp.SPECK_FRACTION * weights.max()
    keep[0] = False
    fine = np.repeat(np.repeat(keep[labels], block, axis=0), block, axis=1)
    return np.where(fine[:ink.shape[0], :ink.shape[1]], ink, np.float32(0.0))


def with_specks(image, rng):
    for _ in range(rng.integers(1, 6)):
        r, c = rng.integers(0, image.shape[0] - 6, 2)
        image[r:r + rng.integers(1, 6), c:c + rng.integers(1, 6)] = rng.uniform(0.3, 1.0)
    return image


def opened_image(rng):
    """An image as a file gives it: any size, dark ink on paper, noise, sometimes large."""
    side = int(rng.choice([64, 200, 280, 600]))
    ink, _ = drawn_digit(int(rng.integers(10)), rng, size=side)
    paper = rng.uniform(0.6, 1.0) - ink * rng.uniform(0.4, 0.6)
    noisy = paper + rng.normal(0.0, rng.uniform(0.0, 0.08), paper.shape)
    return (np.clip(noisy, 0, 1) * 255).astype(np.uint8)


def cases(n, seed):
    rng = np.random.default_rng(seed)
    for i in range(n):
        if i % 4 == 3:
            yield opened_image(rng)
        else:
            image, _ = drawn_digit(i % 10, rng)
            yield with_specks(image, rng) if i % 4 == 2 else image


def test_components_match_the_reference_on_random_masks():
    rng = np.random.default_rng(0)
    for density in (0.05, 0.3, 0.6, 0.9):
        mask = rng.random((40, 57)) < density
        np.testing.assert_array_equal(pp.connected_components(mask), reference_components(mask))


@pytest.mark.parametrize("scan", [True, False])
def test_preprocess_is_unchanged_on_hundreds_of_drawings_and_images(monkeypatch, scan):
    images = list(cases(120, seed=1 if scan else 2))
    fast = [pp.preprocess(image, scan=scan) for image in images]
    monkeypatch.setattr(pp, "drop_specks", reference_drop_specks)
    for image, got in zip(images, fast):
        expected = pp.preprocess(image, scan=scan)
        assert (got is None) == (expected is None)
        if expected is not None:
            np.testing.assert_array_equal(got, expected)


def test_non_finite_pixels_count_as_paper_or_full_ink():
    rng = np.random.default_rng(3)
    image, _ = drawn_digit(7, rng)
    broken = image.copy()
    broken[5, 5], broken[6, 6], broken[7, 7] = np.nan, np.inf, -np.inf
    expected = image.copy()
    expected[5, 5], expected[6, 6], expected[7, 7] = 0.0, 1.0, 0.0
    np.testing.assert_array_equal(pp.to_ink(broken), pp.to_ink(expected))
