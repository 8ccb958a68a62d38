"""Other people's handwriting (UCI optdigits via scikit-learn's files): rendering and a floor."""
import numpy as np
import pytest

from digitlab import resources
from digitlab.nn.training.evaluate import evaluate
from digitlab.nn.files.model_io import load_model
from digitlab.nn.checks.optdigits import VARIANTS, digits_csv, load_optdigits, outside_inputs

MODEL = resources.path(*resources.DEFAULT_MODEL)


@pytest.fixture(scope="module")
def optdigits():
    path = digits_csv()
    if path is None:
        pytest.skip("scikit-learn is not installed (pip install -e .[eval]): it holds the "
                    "UCI optdigits test set")
    return load_optdigits(path)


def test_the_set_is_the_optdigits_test_set(optdigits):
    ink, t = optdigits
    assert ink.shape == (1797, 8, 8) and t.shape == (1797,)
    assert ink.min() == 0.0 and ink.max() == 1.0
    assert np.all(np.bincount(t, minlength=10) >= 174)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_variant_gives_a_network_input(optdigits, variant):
    ink, _ = optdigits
    x = outside_inputs(ink[:20], variant)
    assert x.shape == (20, 784) and x.dtype == np.float32
    assert np.all(x.max(axis=1) == pytest.approx(1.0))


def test_polarity_and_grey_paper_do_not_matter(optdigits):
    ink, _ = optdigits
    base = outside_inputs(ink[:50], "nearest 8x")
    for variant in ("inverted", "grey paper"):
        same = np.all(np.isclose(outside_inputs(ink[:50], variant), base, atol=1e-5), axis=1)
        # A grey level k/16 can land exactly on the FAINT cut, where one rounding step decides.
        assert same.mean() >= 0.9, variant


def test_the_shipped_model_reads_other_writers(optdigits):
    if not MODEL.exists():
        pytest.skip(f"the shipped model {MODEL} is not there")
    network, _ = load_model(MODEL)
    ink, t = optdigits
    # Every fourth digit keeps the test quick; scripts/eval.py outside measures all of them.
    for variant, floor in (("nearest 8x", 0.90), ("blur", 0.85)):
        accuracy = evaluate(network, outside_inputs(ink[::4], variant), t[::4]).accuracy
        assert accuracy >= floor, variant
