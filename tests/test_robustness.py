"""nn.robustness: perturbation curves and MNIST-C-style corruptions."""
import numpy as np
import pytest

from digitlab.nn.training import robustness
from digitlab.nn.model.network import MultiLayerNet


def _digits(n=40, seed=0):
    """Bars at different places: a few 'digits' with ink in [0, 1]."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, 28, 28), np.float32)
    for i in range(n):
        r = rng.integers(6, 20)
        x[i, r:r + 3, 6:22] = 1.0
        x[i, 6:22, r:r + 2] = 0.7
    return x.reshape(n, 784), rng.integers(0, 10, n)


@pytest.mark.parametrize("kind", robustness.PERTURBATIONS)
def test_level_zero_is_the_clean_image_and_other_levels_change_it(kind):
    x, _ = _digits()
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(robustness.perturb(x, kind, 0.0, rng), x)
    level = max(robustness.PERTURBATIONS[kind], key=abs)
    changed = robustness.perturb(x, kind, level, rng)
    assert changed.shape == x.shape and changed.dtype == np.float32
    assert 0.0 <= changed.min() and changed.max() <= 1.0
    assert np.abs(changed - x).sum() > 1.0


def test_thickness_thinner_has_less_ink_and_thicker_more():
    x, _ = _digits()
    rng = np.random.default_rng(0)
    assert robustness.perturb(x, "thickness", -1.0, rng).sum() < x.sum()
    assert robustness.perturb(x, "thickness", 2.0, rng).sum() > robustness.perturb(x, "thickness", 1.0, rng).sum() > x.sum()


def test_shift_moves_ink_by_whole_pixels():
    x, _ = _digits(4)
    moved = robustness.perturb(x, "shift", 2.0, np.random.default_rng(0)).reshape(4, 28, 28)
    np.testing.assert_allclose(moved[0, :, 2:], x.reshape(4, 28, 28)[0, :, :-2], atol=1e-6)   # right


def test_every_curve_at_zero_is_the_clean_accuracy():
    x, t = _digits(60)
    network = MultiLayerNet(784, (20,), 10, rng=np.random.default_rng(3))
    other = MultiLayerNet(784, (20,), 10, rng=np.random.default_rng(4))
    curves = robustness.robustness_curves([network, other], x, t, seed=1)
    for net, result in zip((network, other), curves):
        clean = net.accuracy(x, t)
        for kind, curve in result.items():
            assert curve.accuracy[curve.levels.index(0.0)] == clean, kind


def test_unknown_names_are_refused_in_words():
    x, _ = _digits(2)
    with pytest.raises(ValueError, match="unknown perturbation 'blur'"):
        robustness.perturb(x, "blur", 1.0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="unknown corruption 'x'"):
        robustness.corrupt(x, "x", np.random.default_rng(0))


def test_at_least_ten_corruptions_each_changes_the_digits_and_stays_in_range():
    assert len(robustness.CORRUPTIONS) >= 10
    x, _ = _digits()
    for name in robustness.CORRUPTIONS:
        out = robustness.corrupt(x, name, np.random.default_rng(0))
        assert out.shape == x.shape and out.dtype == np.float32, name
        assert 0.0 <= out.min() and out.max() <= 1.0, name
        assert np.abs(out - x).mean() > 0.005, name
        again = robustness.corrupt(x, name, np.random.default_rng(0))
        np.testing.assert_array_equal(out, again)       # the seed decides


def test_corruption_table_measures_every_model_on_the_same_images():
    x, t = _digits(50)
    network = MultiLayerNet(784, (20,), 10, rng=np.random.default_rng(3))
    table = robustness.corruption_table([network, network], x, t, seed=5)
    assert table.accuracy.shape == (2, len(robustness.CORRUPTIONS))
    np.testing.assert_array_equal(table.accuracy[0], table.accuracy[1])
    assert table.clean[0] == network.accuracy(x, t)
    c = table.names.index("stripe")
    corrupted = robustness.corrupt(x, "stripe", np.random.default_rng((5, 100 + c)))
    assert table.accuracy[0, c] == np.mean(network.predict(corrupted).argmax(1) == t)
    np.testing.assert_array_equal(table.examples[c], corrupted[table.example_index[c]])
    assert set(table.to_dict(["a", "b"])["stripe"]) == {"a", "b"}
