"""nn/model/inside.py: the course's chapter-3 numbers, a traced forward pass, links and one neuron's sum."""
import numpy as np
import pytest

from digitlab.nn.model.functions import softmax
from digitlab.nn.model.inside import (activation_curve, first_layer_images, init_network, most_active, naive_softmax,
                                neuron_sum, shape_chain, softmax_steps, strongest_links, toy_forward, trace)
from digitlab.nn.model.network import MultiLayerNet


def test_the_books_toy_network_gives_every_intermediate_digit_for_digit():
    steps = toy_forward(init_network(), np.array([1.0, 0.5]))
    np.testing.assert_allclose(steps["a1"], [0.3, 0.7, 1.1], rtol=1e-12)
    np.testing.assert_allclose(steps["z1"], [0.57444252, 0.66818777, 0.75026011], rtol=2e-8)
    np.testing.assert_allclose(steps["a2"], [0.51615984, 1.21402696], rtol=2e-8)
    np.testing.assert_allclose(steps["z2"], [0.62624937, 0.7710107], rtol=2e-8)
    np.testing.assert_allclose(steps["a3"], [0.31682708, 0.69627909], rtol=2e-8)
    np.testing.assert_allclose(steps["y"], [0.31682708, 0.69627909], rtol=2e-8)
    with np.printoptions(precision=8):   # as the book prints them
        assert str(steps["y"]) == "[0.31682708 0.69627909]"
        assert str(steps["z1"]) == "[0.57444252 0.66818777 0.75026011]"
    assert [steps[k].shape for k in ("a1", "z1", "a2", "z2", "a3", "y")] == [(3,), (3,), (2,), (2,), (2,), (2,)]


def test_editing_the_toy_network_changes_its_answer():
    network = init_network()
    network["W3"][0, 0] = 1.0
    assert not np.allclose(toy_forward(network, [1.0, 0.5])["y"], [0.31682708, 0.69627909])


def test_softmax_of_the_course_example_and_its_steps():
    steps = softmax_steps(np.array([0.3, 2.9, 4.0]))
    np.testing.assert_allclose(steps.y, [0.01821127, 0.24519181, 0.73659691], rtol=1e-6)
    assert steps.y.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(steps.shifted, [-3.7, -1.1, 0.0])
    np.testing.assert_allclose(steps.exp, np.exp([-3.7, -1.1, 0.0]))
    assert steps.total == pytest.approx(np.exp([-3.7, -1.1, 0.0]).sum())


def test_the_naive_softmax_overflows_to_nan_and_the_stable_one_does_not():
    a = np.array([1010.0, 1000.0, 990.0])
    with pytest.warns(RuntimeWarning):
        y = naive_softmax(a)
    assert np.isnan(y).all()
    stable = softmax_steps(a).y
    np.testing.assert_allclose(stable, [9.99954600e-01, 4.53978686e-05, 2.06106005e-09], rtol=1e-6)
    with np.printoptions(precision=8):
        assert str(stable) == "[9.99954600e-01 4.53978686e-05 2.06106005e-09]"
        assert str(softmax_steps(np.array([0.3, 2.9, 4.0])).y) == "[0.01821127 0.24519181 0.73659691]"
    np.testing.assert_allclose(naive_softmax(np.array([0.3, 2.9, 4.0])), [0.01821127, 0.24519181, 0.73659691],
                               rtol=1e-6)


def test_temperature_sharpens_and_flattens_and_one_is_the_model():
    a = np.array([1.0, 3.0, 2.0])
    np.testing.assert_allclose(softmax_steps(a, 1.0).y, softmax(a))
    assert softmax_steps(a, 0.2).y.max() > softmax(a).max() > softmax_steps(a, 5.0).y.max()
    with pytest.raises(ValueError, match="temperature"):
        softmax_steps(a, 0.0)


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
def test_a_trace_matches_the_networks_own_forward(activation):
    network = MultiLayerNet(784, (30, 20), 10, activation=activation, rng=np.random.default_rng(1))
    x = np.random.default_rng(2).random(784).astype(np.float32)
    tr = trace(network, x)
    np.testing.assert_allclose(tr.y, network.probabilities(x), rtol=1e-5)
    for mine, theirs in zip(tr.z, network.hidden_activations(x.reshape(1, -1))):
        np.testing.assert_allclose(mine, theirs.reshape(-1), rtol=1e-5, atol=1e-6)
    assert tr.depth == 3 and tr.layer_input(1) is tr.x and tr.values(3) is tr.y


def test_most_active_picks_the_largest_in_index_order():
    v = np.array([0.5, 3.0, -1.0, 2.0, 0.0])
    assert most_active(v, 2).tolist() == [1, 3]
    assert most_active(v, 9).tolist() == [0, 1, 2, 3, 4]


def brute_force_links(z, W, k, rows, cols):
    found = [(abs(z[i] * W[i, j]), i, j) for i in rows for j in cols if z[i] != 0]
    return sorted(found, reverse=True)[:k]


def test_strongest_links_are_the_largest_products_of_the_shown_neurons():
    rng = np.random.default_rng(3)
    z = rng.random(40) * (rng.random(40) > 0.5)
    W = rng.normal(size=(40, 15))
    rows, cols = np.arange(0, 40, 2), np.array([1, 4, 7, 9])
    links = strongest_links(z, W, 12, rows, cols)
    expected = brute_force_links(z, W, 12, rows, cols)
    assert list(zip(links.source.tolist(), links.target.tolist())) == [(i, j) for _, i, j in expected]
    np.testing.assert_allclose(links.value, [z[i] * W[i, j] for _, i, j in expected])
    assert strongest_links(np.zeros(40), W, 5).source.size == 0


def test_one_neurons_sum_is_its_largest_terms_plus_the_rest_plus_the_bias():
    network = MultiLayerNet(784, (16,), 10, activation="sigmoid", rng=np.random.default_rng(4))
    network.params["b1"][3] = 0.25
    x = np.random.default_rng(5).random(784).astype(np.float32)
    tr = trace(network, x)
    s = neuron_sum(network, tr, 1, 3, top=5)
    assert s.terms.size == 5 and s.n_terms == 784 and s.bias == pytest.approx(0.25)
    assert np.all(np.diff(np.abs(s.terms)) <= 0)
    all_terms = x.astype(np.float64) * network.params["W1"][:, 3]
    assert np.abs(s.terms).min() >= np.sort(np.abs(all_terms))[-5] - 1e-12
    assert s.terms.sum() + s.rest + s.bias == pytest.approx(s.a, abs=1e-4)
    assert s.h == pytest.approx(1 / (1 + np.exp(-s.a)), abs=1e-5)
    out = neuron_sum(network, tr, 2, 7)
    assert out.h == out.a == pytest.approx(float(tr.a[1][7]))


def test_first_layer_images_are_the_weights_and_their_products_with_the_pixels():
    network = MultiLayerNet(784, (8,), 10, rng=np.random.default_rng(6))
    x = np.zeros(784, np.float32)
    x[100] = 1.0
    weights, products = first_layer_images(network, x, 2)
    assert weights.shape == products.shape == (28, 28)
    assert weights[3, 16] == network.params["W1"][100, 2]
    assert products[3, 16] == weights[3, 16] and np.count_nonzero(products) <= 1


def test_activation_curves_on_minus_five_to_five():
    x, y = activation_curve("step")
    assert x[0] == -5 and x[-1] == 5 and set(np.unique(y)) == {0.0, 1.0}
    assert activation_curve("relu")[1].min() == 0 and activation_curve("sigmoid")[1][100] == 0.5


def test_the_shape_chain_for_one_image_and_a_batch_of_100():
    one = shape_chain((784, 50, 100, 10))
    assert [(s.input, s.W, s.b, s.output) for s in one] == [
        ((1, 784), (784, 50), (50,), (1, 50)), ((1, 50), (50, 100), (100,), (1, 100)),
        ((1, 100), (100, 10), (10,), (1, 10))]
    assert shape_chain((784, 512, 256, 10), batch=100)[-1].output == (100, 10)
