"""nn.saliency: input gradients against the course's numerical gradient, and the nudge."""
import numpy as np
import pytest

from digitlab import resources
from digitlab.nn.numerical.gradient import numerical_gradient
from digitlab.nn.files.model_io import load_model
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.model.saliency import (OUTPUTS, gradient_times_input, input_gradient, nudge_steps,
                         nudge_summary)
from digitlab.nn.data.strokes import drawn_digit

MODEL = resources.path(*resources.DEFAULT_MODEL)


def relative_error(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def output(network, x, k, of):
    """The scalar whose gradient input_gradient computes, from predict alone (the oracle)."""
    scores = network.predict(x)
    log_p = scores - scores.max() - np.log(np.sum(np.exp(scores - scores.max())))
    return {"score": scores[k], "probability": np.exp(log_p[k]), "log_probability": log_p[k]}[of]


def check_against_numerical(network, x, k, of):
    analytic = input_gradient(network, x, k, of=of)
    numerical = numerical_gradient(lambda z: output(network, z, k, of), x.copy())
    assert analytic.shape == (784,)
    assert relative_error(analytic, numerical) < 1e-6


@pytest.fixture(scope="module")
def shipped():
    if not MODEL.exists():
        pytest.skip(f"the shipped model {MODEL} is not there")
    return load_model(MODEL)[0]


@pytest.fixture(scope="module")
def drawn():
    rng = np.random.default_rng(2024)
    return [preprocess(drawn_digit(d, rng)[0]).reshape(784) for d in (3, 7, 1)]


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
@pytest.mark.parametrize("of", OUTPUTS)
def test_small_network_gradient_matches_numerical(activation, of):
    rng = np.random.default_rng(3)
    # Dropout must be off for the input gradient, as in any prediction.
    network = MultiLayerNet(784, (20, 12), 10, activation=activation, dropout=0.3,
                            dtype=np.float64, rng=rng)
    x = rng.random(784)
    check_against_numerical(network, x, k=4, of=of)


@pytest.mark.parametrize("of", ["score", "probability"])
@pytest.mark.parametrize("rank", [0, 1])
def test_shipped_model_in_float64_matches_numerical(shipped, drawn, of, rank):
    # The network is sure of a drawn digit, and for a probability of 1 - 1e-8 (or 1e-9) the
    # central difference has no digits left to resolve a gradient of 1e-8: so take the blend of
    # a 3 and a 7 that the network is least sure about.
    network = MultiLayerNet.from_params(shipped.params, activation=shipped.activation,
                                        dtype=np.float64)
    a = np.linspace(0.0, 1.0, 41)[:, None]
    blends = (1 - a) * drawn[0].astype(np.float64) + a * drawn[1]
    x = blends[network.probabilities(blends).max(axis=1).argmin()]
    assert network.probabilities(x).max() < 0.9
    k = int(np.argsort(network.predict(x))[::-1][rank])
    check_against_numerical(network, x, k=k, of=of)


def test_the_network_is_left_as_it_was(shipped, drawn):
    network = shipped.copy()
    x, t = np.stack(drawn), np.array([3, 7, 1])
    params = {key: value.copy() for key, value in network.params.items()}
    scores = network.predict(x)
    loss, grads = network.loss_and_gradient(x, t)
    input_gradient(network, drawn[0], 2)
    for key, value in network.params.items():
        np.testing.assert_array_equal(value, params[key])
    np.testing.assert_array_equal(network.predict(x), scores)
    loss_after, grads_after = network.loss_and_gradient(x, t)
    assert loss_after == loss
    for key in grads:
        np.testing.assert_array_equal(grads_after[key], grads[key])


def test_gradient_times_input_is_the_product_and_zero_without_ink(shipped, drawn):
    x = drawn[1]
    product = gradient_times_input(shipped, x, 7)
    np.testing.assert_allclose(product, input_gradient(shipped, x, 7) * x)
    assert np.all(product[x == 0] == 0) and np.any(product != 0)


def test_28x28_input_gives_the_same_gradient(shipped, drawn):
    np.testing.assert_array_equal(input_gradient(shipped, drawn[0].reshape(28, 28), 1),
                                  input_gradient(shipped, drawn[0], 1))


@pytest.mark.parametrize("target", range(10))
def test_nudge_reaches_every_target_within_50_steps(shipped, drawn, target):
    for x in drawn:
        before = x.copy()
        steps = list(nudge_steps(shipped, x, target, max_steps=50))
        np.testing.assert_array_equal(x, before)
        if int(shipped.probabilities(x).argmax()) == target:
            assert steps == []
            continue
        assert 1 <= len(steps) <= 50
        assert int(np.argmax(steps[-1][1])) == target
        assert all(int(np.argmax(p)) != target for _, p in steps[:-1])
        previous = x
        for x_k, probs in steps:
            assert x_k.min() >= 0.0 and x_k.max() <= 1.0
            assert np.abs(x_k - previous).max() <= 0.02 + 1e-6
            np.testing.assert_allclose(probs, shipped.probabilities(x_k), rtol=1e-5)
            previous = x_k


def test_nudge_gives_up_after_max_steps(shipped, drawn):
    steps = list(nudge_steps(shipped, drawn[0], 8, step=1e-4, max_steps=3))
    assert len(steps) == 3 and int(np.argmax(steps[-1][1])) != 8


def test_summary_counts_the_changed_pixels():
    before = np.zeros(784)
    after = before.copy()
    after[:10] = 0.1
    after[10:20] = 0.01
    summary = nudge_summary(before, after, threshold=0.05)
    assert summary.changed == 10
    assert summary.max_change == pytest.approx(0.1)
    assert summary.mean_change == pytest.approx((1.0 + 0.1) / 784)
    assert summary.l2 == pytest.approx(np.sqrt(10 * 0.01 + 10 * 1e-4))
    assert summary.sentence().startswith("10 of 784 pixels changed by more than 0.05")


@pytest.mark.parametrize("kwargs", [{"k": 10}, {"k": -1}, {"k": 3, "of": "loss"}])
def test_bad_arguments_are_refused(shipped, drawn, kwargs):
    with pytest.raises(ValueError):
        input_gradient(shipped, drawn[0], **kwargs)


def test_input_gradient_of_a_conv_net_matches_the_numerical_gradient():
    from digitlab.nn.model.convnet import ConvNet
    net = ConvNet(conv=((3, 3, 1),), hidden_sizes=(8,), dtype=np.float64,
                  rng=np.random.default_rng(5))
    x = np.random.default_rng(6).random(784)
    g = input_gradient(net, x, 4)
    assert g.shape == (784,)
    for i in (0, 200, 407, 783):
        e = 1e-6
        up, down = x.copy(), x.copy()
        up[i] += e
        down[i] -= e
        numeric = (net.predict(up)[4] - net.predict(down)[4]) / (2 * e)
        assert abs(g[i] - numeric) <= 1e-6 * max(1.0, abs(numeric))
