"""nn/edit.py: edits on a copy, with known answers (an edit's effect computed by hand)."""
import numpy as np
import pytest

from digitlab.nn.model.edit import Edit, NetworkEditor, add_noise, prune, sweep, switch_off
from digitlab.nn.model.functions import relu, softmax
from digitlab.nn.model.network import MultiLayerNet


def make_net(hidden=(12, 8), seed=0):
    net = MultiLayerNet(784, hidden, 10, rng=np.random.default_rng(seed))
    for key in net.params:   # non-zero biases, so a switched-off neuron would still show through
        if key.startswith("b"):
            net.params[key][:] = np.random.default_rng(seed + 1).normal(0, 0.1, net.params[key].shape)
    return net


def forward_with_silenced(net, x, layer, neuron):
    """The net's output computed by hand with hidden neuron (layer, neuron) forced to 0."""
    p, out = net.params, x.astype(np.float64)
    n_hidden = len(net.sizes) - 2
    for i in range(1, n_hidden + 2):
        out = out @ p[f"W{i}"] + p[f"b{i}"]
        if i <= n_hidden:
            out = relu(out)
            if i == layer:
                out[:, neuron] = 0.0
    return softmax(out)


@pytest.mark.parametrize("layer, neuron", [(1, 3), (2, 7)])
def test_switching_a_neuron_off_equals_zeroing_its_output(layer, neuron):
    net = make_net()
    x = np.random.default_rng(5).random((6, 784)).astype(np.float32)
    editor = NetworkEditor(net, np.random.default_rng(0))
    editor.apply(Edit("off", layer, neuron))
    np.testing.assert_allclose(editor.network.probabilities(x),
                               forward_with_silenced(net, x, layer, neuron), rtol=1e-4, atol=1e-6)
    assert not editor.network.params[f"W{layer + 1}"][neuron].any()
    assert editor.switched_off() == {(layer, neuron)}
    # and the result differs from the unedited net: the test can fail
    assert not np.allclose(net.probabilities(x), editor.network.probabilities(x))


def test_switch_off_refuses_output_neurons_and_bad_indices():
    params = make_net().copy().params
    with pytest.raises(ValueError, match="layer must be 1..2"):
        switch_off(params, 3, 0)
    with pytest.raises(ValueError, match="neurons 0..11"):
        switch_off(params, 1, 12)


def test_pruning_zero_percent_and_noise_zero_change_nothing():
    net = make_net()
    params = {k: v.copy() for k, v in net.params.items()}
    prune(params, 0.0)
    rng = np.random.default_rng(3)
    state = rng.bit_generator.state
    add_noise(params, 0.0, rng)
    for key in net.params:
        np.testing.assert_array_equal(params[key], net.params[key])
    assert rng.bit_generator.state == state


def test_pruning_zeroes_the_smallest_weights_of_each_matrix():
    params = {"W1": np.array([[0.5, -0.1], [0.2, -0.9]], np.float32), "b1": np.ones(2, np.float32),
              "W2": np.array([[3.0], [-0.01]], np.float32), "b2": np.ones(1, np.float32)}
    prune(params, 50.0)
    np.testing.assert_array_equal(params["W1"], np.float32([[0.5, 0.0], [0.0, -0.9]]))
    np.testing.assert_array_equal(params["W2"], np.float32([[3.0], [0.0]]))
    np.testing.assert_array_equal(params["b1"], [1.0, 1.0])   # biases stay
    prune(params, 100.0)
    assert not params["W1"].any() and not params["W2"].any()


def test_noise_has_the_size_asked_relative_to_each_layer():
    net = MultiLayerNet(784, (300,), 10, rng=np.random.default_rng(1))
    params = {k: v.copy() for k, v in net.params.items()}
    add_noise(params, 0.5, np.random.default_rng(2))
    for key in ("W1", "W2"):
        noise = params[key] - net.params[key]
        assert noise.std() == pytest.approx(0.5 * net.params[key].std(), rel=0.05)


def test_scale_and_bias_touch_one_neuron():
    editor = NetworkEditor(make_net(), np.random.default_rng(0))
    before = {k: v.copy() for k, v in editor.network.params.items()}
    editor.apply(Edit("scale", 1, 2, 3.0))
    editor.apply(Edit("bias", 2, 5, -1.5))
    p = editor.network.params
    np.testing.assert_allclose(p["W1"][:, 2], 3.0 * before["W1"][:, 2])
    np.testing.assert_array_equal(np.delete(p["W1"], 2, axis=1), np.delete(before["W1"], 2, axis=1))
    assert p["b2"][5] == -1.5
    np.testing.assert_array_equal(np.delete(p["b2"], 5), np.delete(before["b2"], 5))


def test_undo_and_reset_bring_the_weights_back_and_the_original_is_never_touched():
    net = make_net()
    original = {k: v.copy() for k, v in net.params.items()}
    editor = NetworkEditor(net, np.random.default_rng(0))
    editor.apply(Edit("prune", value=30.0))
    after_prune = {k: v.copy() for k, v in editor.network.params.items()}
    editor.apply(Edit("noise", value=0.2))
    assert editor.undo() == Edit("noise", value=0.2)
    for key in original:
        np.testing.assert_array_equal(editor.network.params[key], after_prune[key])
    editor.apply(Edit("off", 1, 0))
    editor.reset()
    assert editor.edits == [] and editor.undo() is None
    for key in original:
        np.testing.assert_array_equal(editor.network.params[key], original[key])
        np.testing.assert_array_equal(net.params[key], original[key])


def test_an_impossible_edit_changes_nothing():
    editor = NetworkEditor(make_net(), np.random.default_rng(0))
    before = {k: v.copy() for k, v in editor.network.params.items()}
    with pytest.raises(ValueError):
        editor.apply(Edit("prune", value=120.0))
    with pytest.raises(ValueError):
        editor.apply(Edit("melt"))
    assert editor.edits == []
    for key in before:
        np.testing.assert_array_equal(editor.network.params[key], before[key])


def test_sweep_starts_each_level_from_the_network_given():
    net = make_net()
    rng = np.random.default_rng(0)
    x = rng.random((200, 784)).astype(np.float32)
    t = net.predict(x).argmax(axis=1)           # the net itself is right on every image
    accuracies = sweep(net, "prune", [0, 0, 100], x, t, rng)
    assert accuracies[0] == accuracies[1] == 1.0
    assert accuracies[2] < 1.0                 # all weights gone: one answer for everything
    with pytest.raises(ValueError, match="sweep"):
        sweep(net, "off", [0], x, t, rng)
