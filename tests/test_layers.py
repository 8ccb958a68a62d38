"""Each layer: a known-answer forward test and a float64 gradient check (DeZero style)."""
import numpy as np
import pytest

from gradcheck import layer_gradient_errors, max_relative_error, numerical_gradient
from digitlab.nn.model.layers import Affine, Dropout, Relu, Sigmoid, SoftmaxWithLoss, Tanh


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


def away_from_zero(rng, shape):
    """Inputs with |x| >= 0.1, so a central difference never straddles ReLU's kink."""
    x = rng.uniform(0.1, 2.0, shape)
    return x * rng.choice([-1.0, 1.0], shape)


def test_affine_known_answer_and_image_reshape():
    W = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    b = np.array([0.5, -0.5])
    layer = Affine(W, b)
    np.testing.assert_array_equal(layer.forward(np.array([[1.0, 0.0, 2.0]])), [[11.5, 13.5]])
    images = np.ones((2, 28, 28))
    wide = Affine(np.full((784, 1), 0.5), np.zeros(1))
    np.testing.assert_array_equal(wide.forward(images), [[392.0], [392.0]])
    assert wide.backward(np.ones((2, 1))).shape == (2, 28, 28)
    np.testing.assert_array_equal(wide.dW, np.full((784, 1), 2.0))
    np.testing.assert_array_equal(wide.db, [2.0])


def test_affine_backward_without_dx_still_sets_gradients(rng):
    layer = Affine(rng.standard_normal((4, 3)), rng.standard_normal(3))
    x, dout = rng.standard_normal((5, 4)), rng.standard_normal((5, 3))
    layer.forward(x)
    assert layer.backward(dout, need_dx=False) is None
    np.testing.assert_allclose(layer.dW, x.T @ dout)
    np.testing.assert_allclose(layer.db, dout.sum(axis=0))


def test_affine_gradient_check(rng):
    W, b = rng.standard_normal((4, 3)), rng.standard_normal(3)
    errors = layer_gradient_errors(lambda: Affine(W, b), rng.standard_normal((5, 4)), rng)
    assert set(errors) == {"x", "W", "b"}
    assert max(errors.values()) < 1e-6, errors


def test_relu_known_answer():
    layer = Relu()
    np.testing.assert_array_equal(layer.forward(np.array([[-1.0, 0.0, 2.0]])), [[0.0, 0.0, 2.0]])
    np.testing.assert_array_equal(layer.backward(np.array([[5.0, 5.0, 5.0]])), [[0.0, 0.0, 5.0]])


def test_sigmoid_and_tanh_known_answers():
    x = np.array([[0.0, np.log(3.0)]])
    np.testing.assert_allclose(Sigmoid().forward(x), [[0.5, 0.75]])
    sig = Sigmoid()
    sig.forward(x)
    np.testing.assert_allclose(sig.backward(np.ones_like(x)), [[0.25, 0.1875]])
    th = Tanh()
    np.testing.assert_allclose(th.forward(np.array([[0.0, np.log(2.0)]])), [[0.0, 0.6]])
    np.testing.assert_allclose(th.backward(np.array([[2.0, 1.0]])), [[2.0, 0.64]])


@pytest.mark.parametrize("layer_class", [Relu, Sigmoid, Tanh])
def test_activation_gradient_check(layer_class, rng):
    errors = layer_gradient_errors(layer_class, away_from_zero(rng, (4, 6)), rng)
    assert errors["x"] < 1e-6, errors


def test_dropout_scales_the_kept_units_and_is_identity_at_test_time():
    x = np.ones((200, 50))
    layer = Dropout(0.3, np.random.default_rng(0))
    out = layer.forward(x, train=True)
    kept = out != 0
    np.testing.assert_allclose(out[kept], 1 / 0.7)
    assert abs(kept.mean() - 0.7) < 0.02
    np.testing.assert_array_equal(layer.backward(np.full_like(x, 2.0))[kept], 2 / 0.7)
    assert np.all(layer.backward(np.ones_like(x))[~kept] == 0)
    assert layer.forward(x, train=False) is x


def test_dropout_gradient_check_with_a_fixed_mask(rng):
    # The same seed gives the same mask in every evaluation of the loss.
    errors = layer_gradient_errors(lambda: Dropout(0.5, np.random.default_rng(7)),
                                   rng.standard_normal((4, 6)), rng)
    assert errors["x"] < 1e-6, errors


def test_dropout_rejects_ratio_of_one():
    with pytest.raises(ValueError):
        Dropout(1.0, np.random.default_rng(0))


def test_softmax_with_loss_known_answer():
    layer = SoftmaxWithLoss()
    x = np.array([[0.0, 0.0, np.log(2.0)]])  # softmax [0.25, 0.25, 0.5]
    assert layer.forward(x, np.array([2])) == pytest.approx(np.log(2.0))
    np.testing.assert_allclose(layer.backward(), [[0.25, 0.25, -0.5]])
    assert layer.forward(x, np.array([[1.0, 0.0, 0.0]])) == pytest.approx(np.log(4.0))
    np.testing.assert_allclose(layer.backward(2.0), [[-1.5, 0.5, 1.0]])


def test_softmax_with_loss_single_input_and_huge_scores():
    layer = SoftmaxWithLoss()
    assert layer.forward(np.array([1000.0, 0.0]), 1) == pytest.approx(1000.0)
    np.testing.assert_allclose(layer.backward(), [1.0, -1.0])


@pytest.mark.parametrize("one_hot", [False, True])
def test_softmax_with_loss_gradient_check(one_hot, rng):
    x = rng.standard_normal((5, 4)) * 3
    labels = rng.integers(0, 4, 5)
    t = np.eye(4)[labels] if one_hot else labels
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    numeric = numerical_gradient(lambda: SoftmaxWithLoss().forward(x, t), x)
    assert max_relative_error(layer.backward(), numeric) < 1e-6


def test_float32_stays_float32_through_every_layer(rng):
    x = rng.standard_normal((3, 4)).astype(np.float32)
    affine = Affine(np.ones((4, 4), np.float32), np.zeros(4, np.float32))
    layers = [affine, Relu(), Sigmoid(), Tanh(), Dropout(0.5, rng)]
    out = x
    for layer in layers:
        out = layer.forward(out)
        assert out.dtype == np.float32, layer
    loss_layer = SoftmaxWithLoss()
    loss_layer.forward(out, np.eye(4)[[0, 1, 2]])  # float64 one-hot must not upcast dx
    dout = loss_layer.backward(np.float64(1.0))
    assert dout.dtype == np.float32
    for layer in reversed(layers):
        dout = layer.backward(dout)
        assert dout.dtype == np.float32, layer
    assert affine.dW.dtype == affine.db.dtype == np.float32


@pytest.mark.parametrize("layer", [Affine(np.ones((2, 2)), np.zeros(2)), Relu(), Sigmoid(),
                                   Tanh(), Dropout(0.2, np.random.default_rng(0)),
                                   SoftmaxWithLoss()])
def test_every_layer_has_a_readable_repr(layer):
    assert repr(layer).startswith(type(layer).__name__ + "(")


def test_softmax_with_loss_takes_integer_scores_and_leaves_scores_untouched():
    # The exponential is taken in place of the shifted scores: it needs a float array of its own.
    layer = SoftmaxWithLoss()
    scores = np.array([[0, 0, 2], [1, 1, 1]])
    assert layer.forward(scores, np.array([2, 0])) == pytest.approx(
        (np.log(2 + np.exp(2.0)) - 2 + np.log(3.0)) / 2)
    np.testing.assert_array_equal(scores, [[0, 0, 2], [1, 1, 1]])
    floats = np.array([[0.5, -1.0, 3.0]], np.float32)
    layer.forward(floats, np.array([0]))
    np.testing.assert_array_equal(floats, np.array([[0.5, -1.0, 3.0]], np.float32))
    assert layer.y.dtype == np.float32 and layer.backward().dtype == np.float32


def test_relu_mask_and_gradient_keep_the_float32_dtype():
    layer = Relu()
    x = np.array([[-1.0, 0.0, 2.0]], np.float32)
    out = layer.forward(x)
    assert out.dtype == np.float32 and layer.backward(np.ones_like(x)).dtype == np.float32
    np.testing.assert_array_equal(x, np.array([[-1.0, 0.0, 2.0]], np.float32))
