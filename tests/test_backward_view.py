"""nn/backward_view.py: one image's backward pass against a float64 numerical gradient."""
import numpy as np
import pytest

from digitlab.nn.model.backward_view import (backward, dW1_tiles, gradient_check, largest_entries,
                                       relative_error, sgd_step, strongest_neurons)
from digitlab.nn.numerical.gradient import numerical_gradient
from digitlab.nn.model.network import MultiLayerNet


@pytest.fixture(params=["relu", "sigmoid"])
def net(request):
    return MultiLayerNet(784, (20, 15), 10, activation=request.param, rng=np.random.default_rng(4))


@pytest.fixture
def x():
    return np.random.default_rng(9).random(784).astype(np.float32)


def test_loss_and_error_at_the_output(net, x):
    result = backward(net, x, 3)
    y = net.probabilities(x).astype(np.float64)
    np.testing.assert_allclose(result.y, y, rtol=1e-5)
    assert result.loss == pytest.approx(-np.log(y[3] + 1e-7), rel=1e-5)
    t = np.zeros(10)
    t[3] = 1
    np.testing.assert_allclose(result.error, y - t, rtol=1e-5, atol=1e-7)
    assert [g.shape for g in result.hidden] == [(20,), (15,)]
    assert len(result.hidden_norms) == 2 and min(result.hidden_norms) > 0


def test_backprop_matches_the_float64_numerical_gradient(net, x):
    """Every parameter, all entries, against nn.gradient.numerical_gradient on a float64 copy."""
    result = backward(net, x, 7)
    net64 = MultiLayerNet.from_params(net.params, activation=net.activation, dtype=np.float64)
    x64, t = x.astype(np.float64)[None, :], np.array([7])
    for key in ("W2", "b2", "W3", "b3", "b1"):
        numerical = numerical_gradient(lambda _: net64.loss(x64, t, train=False), net64.params[key])
        scale = np.abs(numerical) + np.abs(result.grads[key])
        error = np.max(np.abs(numerical - result.grads[key]) / np.maximum(scale, 1e-12))
        assert error < 1e-6, key


def test_gradient_check_of_the_largest_entries(net, x):
    result = backward(net, x, 1)
    checks = gradient_check(net, x, 1, largest_entries(result), result)
    assert [c.key for c in checks] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for check in checks:
        assert abs(check.backprop) > 1e-6
        assert check.relative_error < 1e-6
    np.testing.assert_array_equal(net.params["W1"], MultiLayerNet.from_params(net.params).params["W1"])


def test_relative_error_detects_a_wrong_gradient():
    assert relative_error(1.0, 1.0) == 0.0 and relative_error(0.0, 0.0) == 0.0
    assert relative_error(1.0, 1.1) == pytest.approx(0.1 / 2.1)


def test_hidden_gradient_is_W_times_the_next_delta(net, x):
    """dL/dh1 = W2 @ dL/da2: the chain rule written out for the last hidden pair."""
    result = backward(net, x, 0)
    np.testing.assert_allclose(result.hidden[0], net.params["W2"].astype(np.float64) @ result.deltas[1],
                               rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(result.hidden[1], net.params["W3"].astype(np.float64) @ result.error,
                               rtol=1e-10, atol=1e-14)


def test_dW1_tiles_are_the_input_times_the_neuron_error(net, x):
    result = backward(net, x, 2)
    neurons = strongest_neurons(result, 4)
    assert len(neurons) == 4
    assert abs(result.deltas[0][neurons[0]]) == np.max(np.abs(result.deltas[0]))
    tiles = dW1_tiles(result, neurons)
    assert tiles.shape == (4, 28, 28)
    np.testing.assert_allclose(tiles[1], (x * result.deltas[0][neurons[1]]).reshape(28, 28), rtol=1e-6)


def test_one_sgd_step_lowers_the_loss_of_this_image(net, x):
    before = backward(net, x, 5).loss
    original = net.params["W1"].copy()
    sgd_step(net, x, 5, 0.001)   # small: x is 784 random pixels, far louder than a digit
    assert backward(net, x, 5).loss < before
    assert net.params["W1"].dtype == np.float32 and not np.array_equal(original, net.params["W1"])
    with pytest.raises(ValueError, match="learning rate"):
        sgd_step(net, x, 5, 0.0)


def test_a_label_outside_0_to_9_is_refused(net, x):
    with pytest.raises(ValueError, match="label must be 0..9"):
        backward(net, x, 10)


def test_a_float64_network_is_used_as_it_is_and_left_exactly_as_it_was(x):
    net64 = MultiLayerNet(784, (10,), 10, dtype=np.float64, rng=np.random.default_rng(1))
    before = {k: v.copy() for k, v in net64.params.items()}
    result = backward(net64, x, 4)
    checks = gradient_check(net64, x, 4, largest_entries(result), result)
    assert max(c.relative_error for c in checks) < 1e-6
    for key in before:
        np.testing.assert_array_equal(net64.params[key], before[key])
    from digitlab.nn.model.backward_view import as_float64
    assert as_float64(net64) is net64
    net32 = MultiLayerNet(784, (10,), 10, rng=np.random.default_rng(1))
    assert as_float64(net32) is not net32 and as_float64(net32).dtype == np.float64
