"""nn.calibration: reliability bins, expected calibration error, coverage."""
import numpy as np
import pytest

from digitlab.nn.training import calibration


def test_ece_of_a_hand_made_set_is_known():
    # bin (0.8, 0.9]: 4 answers at 0.85, 3 right -> |0.75 - 0.85| = 0.1
    # bin (0.5, 0.6]: 2 answers at 0.55, 2 right -> |1.0 - 0.55| = 0.45
    # bin (0.9, 1.0]: 4 answers at 1.0, 4 right -> 0
    confidence = np.array([0.85] * 4 + [0.55] * 2 + [1.0] * 4)
    correct = np.array([1, 1, 1, 0] + [1, 1] + [1, 1, 1, 1], bool)
    rel = calibration.reliability(confidence, correct)
    assert rel.ece == pytest.approx(4 / 10 * 0.1 + 2 / 10 * 0.45)
    assert calibration.expected_calibration_error(confidence, correct) == pytest.approx(0.13)
    assert rel.counts.tolist() == [0, 0, 0, 0, 0, 2, 0, 0, 4, 4]
    assert rel.accuracy[8] == pytest.approx(0.75)
    assert np.isnan(rel.accuracy[0])


def test_a_perfectly_calibrated_set_has_no_error():
    confidence = np.array([0.5, 0.5, 1.0])
    correct = np.array([True, False, True])
    assert calibration.expected_calibration_error(confidence, correct) == pytest.approx(0.0)


def test_coverage_at_zero_is_everything_at_the_clean_accuracy():
    rng = np.random.default_rng(0)
    confidence = rng.uniform(0.1, 1.0, 500)
    correct = rng.random(500) < confidence
    curve = calibration.coverage_curve(confidence, correct)
    assert curve.at(0.0) == (1.0, pytest.approx(correct.mean()))
    coverage, accuracy = curve.at(0.5)
    assert coverage == pytest.approx(np.mean(confidence >= 0.5))
    assert accuracy == pytest.approx(correct[confidence >= 0.5].mean())
    assert np.all(np.diff(curve.coverage) <= 0)


def test_mismatched_arrays_are_refused():
    with pytest.raises(ValueError, match="same length"):
        calibration.reliability(np.ones(3), np.ones(2, bool))


def test_coverage_at_zero_on_mnist_is_the_shipped_models_accuracy(mnist_dir):
    from digitlab.nn.data.mnist import load_mnist
    from digitlab.nn.files.model_io import load_any
    from digitlab.resources import DEFAULT_MODEL, path

    _, (x, t) = load_mnist(mnist_dir=mnist_dir)
    network, _ = load_any(path(*DEFAULT_MODEL))
    confidence, correct = calibration.confidence_and_correct(network.probabilities(x), t)
    assert calibration.coverage_curve(confidence, correct).at(0.0) == (
        1.0, pytest.approx(network.accuracy(x, t)))
