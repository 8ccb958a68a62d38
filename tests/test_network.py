"""MultiLayerNet: shapes, dtypes, backprop against numerical gradients, learning on a tiny set."""
import numpy as np
import pytest

from gradcheck import max_relative_error, numerical_gradient
from digitlab.nn.model.functions import softmax
from digitlab.nn.model.network import MultiLayerNet, init_std


def small_net(dtype=np.float64, **kwargs):
    kwargs.setdefault("rng", np.random.default_rng(0))
    return MultiLayerNet(6, (5, 4), 3, dtype=dtype, **kwargs)


def small_batch(seed=1, n=7):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 6)), rng.integers(0, 3, n)


def test_sizes_shapes_and_default_dtype():
    net = MultiLayerNet(784, (256, 128), 10, rng=np.random.default_rng(0))
    assert net.sizes == (784, 256, 128, 10)
    assert list(net.params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert net.params["W2"].shape == (256, 128) and net.params["b3"].shape == (10,)
    assert all(p.dtype == np.float32 for p in net.params.values())
    assert "784-256-128-10" in repr(net)


@pytest.mark.parametrize("weight_init, expected_std", [("he", np.sqrt(2 / 400)),
                                                       ("xavier", np.sqrt(1 / 400)),
                                                       (0.01, 0.01), ("0.01", 0.01)])
def test_weight_init_std(weight_init, expected_std):
    net = MultiLayerNet(400, (300,), 10, weight_init=weight_init, rng=np.random.default_rng(0))
    assert net.params["W1"].std() == pytest.approx(expected_std, rel=0.02)
    assert init_std(weight_init, 400) == pytest.approx(expected_std)
    assert not net.params["b1"].any()


def test_bad_settings_are_rejected():
    with pytest.raises(ValueError):
        MultiLayerNet(activation="softplus")
    with pytest.raises(ValueError):
        MultiLayerNet(weight_init="lecun")


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
@pytest.mark.parametrize("weight_decay", [0.0, 0.1])
@pytest.mark.parametrize("one_hot", [False, True])
def test_backprop_matches_numerical_gradient_in_float64(activation, weight_decay, one_hot):
    net = small_net(activation=activation, weight_decay=weight_decay)
    x, labels = small_batch()
    t = np.eye(3)[labels] if one_hot else labels
    grads = net.gradient(x, t)
    assert grads.keys() == net.params.keys()
    for key, param in net.params.items():
        numeric = numerical_gradient(lambda: net.loss(x, t, train=False), param)
        assert max_relative_error(grads[key], numeric) < 1e-6, key


def test_course_numerical_gradient_agrees_with_backprop():
    net = small_net(activation="sigmoid", weight_decay=0.05)
    x, t = small_batch()
    numeric = net.numerical_gradient(x, t)
    grads = net.gradient(x, t)
    for key in net.params:
        assert max_relative_error(grads[key], numeric[key]) < 1e-6, key


def test_backprop_with_dropout_matches_numerical_gradient_for_a_fixed_mask():
    def make(seed=5):
        # tanh, not relu: a unit whose inputs were all dropped sits exactly on relu's kink.
        return small_net(activation="tanh", dropout=0.5, rng=np.random.default_rng(seed))
    net = make()
    x, t = small_batch()
    grads = net.gradient(x, t)
    for key in net.params:
        def loss():
            other = make()  # the same seed draws the same weights and the same dropout masks
            other.params = net.params
            return other.loss(x, t, train=True)
        assert max_relative_error(grads[key], numerical_gradient(loss, net.params[key])) < 1e-6


def test_weight_decay_adds_half_lambda_sum_w_squared_and_lambda_w():
    plain, decayed = small_net(), small_net(weight_decay=0.3)
    x, t = small_batch()
    sum_w2 = sum(np.sum(plain.params[k] ** 2) for k in ("W1", "W2", "W3"))
    assert decayed.loss(x, t) == pytest.approx(plain.loss(x, t) + 0.15 * sum_w2, rel=1e-12)
    g_plain, g_decayed = plain.gradient(x, t), decayed.gradient(x, t)
    np.testing.assert_allclose(g_decayed["W2"], g_plain["W2"] + 0.3 * plain.params["W2"])
    np.testing.assert_allclose(g_decayed["b2"], g_plain["b2"])


def test_float32_is_kept_through_forward_and_backward():
    net = MultiLayerNet(6, (5,), 3, weight_decay=np.float64(0.01), dropout=np.float64(0.2),
                        rng=np.random.default_rng(0))
    x, labels = small_batch()  # float64 inputs and float64 one-hot must not upcast
    assert net.predict(x).dtype == np.float32
    assert net.probabilities(x).dtype == np.float32
    for t in (labels, np.eye(3)[labels]):
        grads = net.gradient(x, t)
        assert {g.dtype for g in grads.values()} == {np.dtype(np.float32)}
    assert type(net.loss(x, labels)) is float


def test_float64_on_request():
    net = MultiLayerNet(6, (5,), 3, dtype=np.float64, rng=np.random.default_rng(0))
    x, t = small_batch()
    assert net.predict(x.astype(np.float32)).dtype == np.float64
    assert all(g.dtype == np.float64 for g in net.gradient(x, t).values())


def test_same_seed_same_weights_in_both_dtypes():
    a = MultiLayerNet(6, (5,), 3, rng=np.random.default_rng(3))
    b = MultiLayerNet(6, (5,), 3, dtype=np.float64, rng=np.random.default_rng(3))
    np.testing.assert_allclose(a.params["W1"], b.params["W1"], rtol=1e-6)


def test_predict_probabilities_and_hidden_activations_shapes():
    net = MultiLayerNet(784, (256, 128), 10, rng=np.random.default_rng(0))
    images = np.random.default_rng(1).random((3, 28, 28))
    assert net.predict(images).shape == (3, 10)
    assert [h.shape for h in net.hidden_activations(images)] == [(3, 256), (3, 128)]
    single = images[0].reshape(784)
    p = net.probabilities(single)
    assert p.shape == (10,) and p.sum() == pytest.approx(1.0, rel=1e-5)
    np.testing.assert_allclose(p, net.probabilities(images)[0], rtol=1e-5)
    np.testing.assert_allclose(net.probabilities(images[0]), p, rtol=1e-6)  # one (28, 28) image
    assert [h.shape for h in net.hidden_activations(single)] == [(256,), (128,)]
    relu_out = net.hidden_activations(images)[0]
    assert relu_out.min() == 0.0
    np.testing.assert_allclose(relu_out, np.maximum(images.reshape(3, 784) @ net.params["W1"], 0),
                               rtol=1e-5, atol=1e-6)


def test_predict_is_deterministic_in_eval_mode_with_dropout():
    net = small_net(dropout=0.5)
    x, _ = small_batch()
    np.testing.assert_array_equal(net.predict(x), net.predict(x))
    assert not np.array_equal(net.predict(x, train=True), net.predict(x))


def test_accuracy_with_labels_and_one_hot():
    net = small_net()
    x, _ = small_batch(n=50)
    predicted = net.predict(x).argmax(axis=1)
    labels = predicted.copy()
    labels[:10] = (labels[:10] + 1) % 3  # exactly 10 wrong
    assert net.accuracy(x, labels) == pytest.approx(0.8)
    assert net.accuracy(x, np.eye(3)[labels], batch_size=7) == pytest.approx(0.8)


def test_loss_falls_after_a_few_sgd_steps():
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((3, 6)) * 2
    labels = rng.integers(0, 3, 60)
    x = (centres[labels] + 0.3 * rng.standard_normal((60, 6))).astype(np.float32)
    net = MultiLayerNet(6, (16,), 3, rng=rng)
    first = net.loss(x, labels)
    for _ in range(30):
        grads = net.gradient(x, labels)
        for key in net.params:
            net.params[key] -= 0.5 * grads[key]
    assert net.loss(x, labels) < 0.3 * first
    assert net.accuracy(x, labels) > 0.9


def test_replaced_param_arrays_are_used():
    # A rollback may assign new arrays instead of updating in place.
    net = small_net()
    x, _ = small_batch()
    net.params = {key: np.zeros_like(p) for key, p in net.params.items()}
    np.testing.assert_allclose(net.probabilities(x), 1 / 3)


def test_from_params_round_trip_and_copy_are_independent():
    net = MultiLayerNet(784, (50, 100), 10, activation="sigmoid", rng=np.random.default_rng(0))
    x = np.random.default_rng(1).random((4, 784))
    rebuilt = MultiLayerNet.from_params(net.params, activation="sigmoid")
    assert rebuilt.sizes == (784, 50, 100, 10) and rebuilt.dtype == np.float32
    np.testing.assert_array_equal(rebuilt.predict(x), net.predict(x))
    snapshot = net.copy()
    np.testing.assert_array_equal(snapshot.predict(x), net.predict(x))
    net.params["W1"] += 1.0
    np.testing.assert_array_equal(snapshot.predict(x), rebuilt.predict(x))
    assert not np.array_equal(net.predict(x), rebuilt.predict(x))
    as64 = MultiLayerNet.from_params(rebuilt.params, activation="sigmoid", dtype=np.float64)
    assert as64.params["W2"].dtype == np.float64


def test_from_params_rejects_layers_that_do_not_chain():
    params = {"W1": np.zeros((4, 3)), "b1": np.zeros(3), "W2": np.zeros((5, 2)), "b2": np.zeros(2)}
    with pytest.raises(ValueError):
        MultiLayerNet.from_params(params)


def test_probabilities_is_softmax_of_predict():
    net = small_net()
    x, _ = small_batch()
    np.testing.assert_allclose(net.probabilities(x), softmax(net.predict(x)))


def test_loss_and_gradient_returns_the_loss_of_the_same_forward_pass():
    net = small_net(weight_decay=0.1)
    x, t = small_batch()
    loss, grads = net.loss_and_gradient(x, t)
    assert loss == pytest.approx(net.loss(x, t), rel=1e-12)
    for key, value in net.gradient(x, t).items():
        np.testing.assert_array_equal(grads[key], value)


def test_probabilities_and_hidden_match_the_separate_calls_in_one_pass():
    net = small_net(dropout=0.5)
    x, _ = small_batch()
    p, hidden = net.probabilities_and_hidden(x)
    np.testing.assert_allclose(p, net.probabilities(x), rtol=1e-12)
    for a, b in zip(hidden, [h for h in net.hidden_activations(x)]):
        np.testing.assert_array_equal(a, b)
    p1, hidden1 = net.probabilities_and_hidden(x[0])
    assert p1.shape == (3,) and [h.shape for h in hidden1] == [(5,), (4,)]
    np.testing.assert_allclose(p1, p[0], rtol=1e-12)
