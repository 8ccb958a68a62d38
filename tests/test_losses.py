"""Known answers (the course's values) and gradient checks for the losses."""
import numpy as np
import pytest

from gradcheck import max_relative_error, numerical_gradient
from digitlab.nn.model.losses import cross_entropy_error, mean_squared_error

T = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=float)
Y1 = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y2 = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])


def test_mean_squared_error_course_values():
    assert mean_squared_error(Y1, T) == pytest.approx(0.0975)
    assert mean_squared_error(Y2, T) == pytest.approx(0.5975)
    assert mean_squared_error(Y1, 2) == pytest.approx(0.0975)


def test_cross_entropy_error_course_values():
    assert cross_entropy_error(Y1, T) == pytest.approx(0.510825457, rel=1e-6)
    assert cross_entropy_error(Y2, T) == pytest.approx(2.302584092, rel=1e-6)
    assert cross_entropy_error(Y1, 2) == pytest.approx(0.510825457, rel=1e-6)


def test_batch_averages_and_labels_match_one_hot():
    y = np.stack([Y1, Y2])
    t_one_hot = np.stack([T, T])
    expected_cee = (0.510825457 + 2.302584092) / 2
    assert cross_entropy_error(y, t_one_hot) == pytest.approx(expected_cee, rel=1e-6)
    assert cross_entropy_error(y, np.array([2, 2])) == pytest.approx(expected_cee, rel=1e-6)
    assert mean_squared_error(y, t_one_hot) == pytest.approx((0.0975 + 0.5975) / 2)
    assert mean_squared_error(y, np.array([2, 2])) == pytest.approx((0.0975 + 0.5975) / 2)


def test_cross_entropy_of_a_zero_probability_is_finite():
    # The 1e-7 inside the log: -log(1e-7) instead of inf.
    assert cross_entropy_error(np.array([1.0, 0.0]), 1) == pytest.approx(-np.log(1e-7))


def test_losses_return_python_floats_from_float32():
    y = np.stack([Y1, Y2]).astype(np.float32)
    assert type(cross_entropy_error(y, np.array([2, 7]))) is float
    assert type(mean_squared_error(y, np.stack([T, T]))) is float


def test_mean_squared_error_gradient_is_y_minus_t_over_n():
    rng = np.random.default_rng(1)
    y, t = rng.random((4, 10)), np.eye(10)[rng.integers(0, 10, 4)]
    numeric = numerical_gradient(lambda: mean_squared_error(y, t), y)
    assert max_relative_error((y - t) / 4, numeric) < 1e-6


def test_cross_entropy_gradient_matches_numerical():
    rng = np.random.default_rng(2)
    y = rng.random((3, 5)) + 0.05
    t = np.eye(5)[[0, 3, 4]]
    numeric = numerical_gradient(lambda: cross_entropy_error(y, t), y)
    analytic = -t / (y + 1e-7) / 3
    assert max_relative_error(analytic, numeric) < 1e-6
