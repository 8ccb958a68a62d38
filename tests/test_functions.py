"""Known answers for the activation and output functions."""
import math

import numpy as np
import pytest

from digitlab.nn.model.functions import identity, log_softmax, relu, sigmoid, softmax, step_function, tanh


def test_step_function_known_answer():
    np.testing.assert_array_equal(step_function(np.array([-1.0, 0.0, 0.5, 2.0])), [0, 0, 1, 1])


def test_sigmoid_matches_the_formula():
    x = np.array([-5.0, -1.0, 0.0, 1.0, 5.0])
    expected = [1 / (1 + math.exp(-v)) for v in x]
    np.testing.assert_allclose(sigmoid(x), expected, rtol=1e-15)


def test_sigmoid_of_huge_inputs_is_finite_without_warnings():
    # pytest turns the overflow RuntimeWarning of the naive 1/(1+exp(-x)) into an error.
    y = sigmoid(np.array([-1000.0, -80.0, 80.0, 1000.0]))
    np.testing.assert_allclose(y, [0.0, math.exp(-80), 1.0, 1.0], rtol=1e-12, atol=0)
    assert sigmoid(np.float32(-1000.0)) == 0.0


@pytest.mark.parametrize("f", [sigmoid, relu, tanh, softmax, log_softmax, identity])
def test_float32_stays_float32(f):
    x = np.linspace(-3, 3, 12, dtype=np.float32).reshape(3, 4)
    assert f(x).dtype == np.float32


def test_relu_and_tanh_known_answers():
    x = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(relu(x), [0.0, 0.0, 3.0])
    np.testing.assert_allclose(tanh(x), [math.tanh(-2.0), 0.0, math.tanh(3.0)])
    assert identity(x) is x


def test_softmax_known_answer_single_and_batch():
    a = np.array([0.3, 2.9, 4.0])
    expected = np.exp(a) / np.exp(a).sum()  # the course's example: [0.018, 0.245, 0.737]
    np.testing.assert_allclose(softmax(a), expected, rtol=1e-12)
    np.testing.assert_allclose(softmax(a), [0.01821127, 0.24519181, 0.73659691], rtol=1e-6)
    batch = np.stack([a, a + 5.0, -a])
    np.testing.assert_allclose(softmax(batch)[0], expected, rtol=1e-12)
    np.testing.assert_allclose(softmax(batch)[1], expected, rtol=1e-12)  # shift invariant
    np.testing.assert_allclose(softmax(batch).sum(axis=1), 1.0, rtol=1e-12)


def test_softmax_is_stable_for_1000_valued_inputs():
    y = softmax(np.array([[1010.0, 1000.0, 990.0], [1000.0, 1000.0, 1000.0]]))
    assert np.all(np.isfinite(y))
    np.testing.assert_allclose(y[0], softmax(np.array([20.0, 10.0, 0.0])), rtol=1e-12)
    np.testing.assert_allclose(y[1], [1 / 3] * 3, rtol=1e-12)


def test_log_softmax_is_log_of_softmax_and_finite_far_out():
    x = np.array([[0.3, 2.9, 4.0], [1000.0, 0.0, -1000.0]])
    np.testing.assert_allclose(log_softmax(x)[0], np.log(softmax(x[0])), rtol=1e-12)
    np.testing.assert_allclose(log_softmax(x)[1], [0.0, -1000.0, -2000.0], rtol=1e-12)


def test_functions_do_not_modify_their_input():
    x = np.array([[-1.0, 0.5, 2.0]])
    before = x.copy()
    for f in (sigmoid, relu, tanh, softmax, log_softmax, step_function):
        f(x)
    np.testing.assert_array_equal(x, before)
