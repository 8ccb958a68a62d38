"""ConvNet: shapes, a float64 gradient check of the whole network, learning a tiny set, and
rebuilding from its parameters."""
import numpy as np
import pytest

from gradcheck import max_relative_error, numerical_gradient
from digitlab.nn.data.strokes import drawn_training_set
from digitlab.nn.model.convnet import ConvNet
from digitlab.nn.training.optimizers import Adam


def small_net(dtype=np.float64, **kwargs):
    return ConvNet(conv=((3, 5, 0), (4, 3, 1)), hidden_sizes=(8,), dtype=dtype,
                   rng=np.random.default_rng(3), **kwargs)


def test_weight_shapes_chain_and_every_input_form_is_read():
    net = ConvNet(rng=np.random.default_rng(0))
    # 28 -conv5 pad2-> 28 -pool-> 14 -conv5 pad2-> 14 -pool-> 7: 32 * 7 * 7 = 1568 inputs
    assert net.weight_shapes() == [(16, 1, 5, 5), (32, 16, 5, 5), (1568, 128), (128, 10)]
    x = np.random.default_rng(1).random((3, 784)).astype(np.float32)
    scores = net.predict(x)
    assert scores.shape == (3, 10) and scores.dtype == np.float32
    np.testing.assert_array_equal(net.predict(x.reshape(3, 28, 28)), scores)
    np.testing.assert_array_equal(net.predict(x.reshape(3, 1, 28, 28)), scores)
    assert net.predict(x[0]).shape == (10,)
    np.testing.assert_allclose(net.probabilities(x[0].reshape(28, 28)), net.probabilities(x)[0],
                               rtol=1e-6)


def test_a_stage_that_shrinks_the_image_to_nothing_is_refused():
    with pytest.raises(ValueError, match="to nothing"):
        ConvNet(conv=((4, 5, 0),) * 4, rng=np.random.default_rng(0))


def test_backprop_matches_a_float64_numerical_gradient():
    net = small_net()
    rng = np.random.default_rng(4)
    # Inputs kept away from 0 after the first layer would be ideal; a random image and the
    # five-point difference with a small h keep ReLU's and max pooling's kinks out of reach.
    x, t = rng.random((2, 784)), np.array([3, 7])
    _, grads = net.loss_and_gradient(x, t)
    for key in ("W1", "b1", "W2", "b3", "W4"):
        numeric = numerical_gradient(lambda: net.loss(x, t, train=False), net.params[key], h=1e-5)
        assert max_relative_error(grads[key], numeric) < 1e-6, key


def test_loss_falls_and_it_reads_pen_drawn_digits_after_a_short_training():
    x, t = drawn_training_set(300, np.random.default_rng(1))
    x_test, t_test = drawn_training_set(100, np.random.default_rng(2))
    net = ConvNet(conv=((6, 5, 2),), hidden_sizes=(32,), rng=np.random.default_rng(5))
    optimizer = Adam(lr=0.003)
    rng = np.random.default_rng(6)
    first = net.loss(x, t)
    for _ in range(150):
        batch = rng.choice(len(x), 50, replace=False)
        _, grads = net.loss_and_gradient(x[batch], t[batch])
        optimizer.update(net.params, grads)
    assert net.loss(x, t) < 0.2 * first
    assert net.accuracy(x_test, t_test) > 0.8


def test_from_params_rebuilds_the_network_and_refuses_shapes_that_do_not_chain():
    net = small_net(np.float32)
    again = ConvNet.from_params(net.params, net.architecture())
    x = np.random.default_rng(6).random((2, 784)).astype(np.float32)
    np.testing.assert_array_equal(again.predict(x), net.predict(x))
    broken = dict(net.params, W2=np.zeros((4, 3, 3, 2), np.float32))
    with pytest.raises(ValueError, match="W2"):
        ConvNet.from_params(broken, net.architecture())
    copied = net.copy()
    copied.params["W1"] += 1.0
    assert not np.array_equal(copied.params["W1"], net.params["W1"])
    assert repr(net) == "ConvNet(conv [3@5x5, 4@3x3], hidden 8, dropout=0.0, weight_decay=0.0, dtype=float32)"


def test_evaluation_runs_in_batches_of_at_most_eval_batch(monkeypatch):
    """predict and accuracy of many images go through the layers EVAL_BATCH at a time (a large
    batch's feature maps no longer fit in the caches) and give what one image at a time gives."""
    from digitlab.nn.model import convnet
    monkeypatch.setattr(convnet, "EVAL_BATCH", 4)
    net = small_net(np.float32)
    x = np.random.default_rng(7).random((10, 784)).astype(np.float32)
    seen = []
    first = net.layers[0]
    real_forward = first.forward
    monkeypatch.setattr(first, "forward",
                        lambda xs, train=True: seen.append(len(xs)) or real_forward(xs, train))
    scores = net.predict(x)
    assert seen == [4, 4, 2]
    np.testing.assert_allclose(scores, np.concatenate([net.predict(image)[None] for image in x]),
                               rtol=1e-5, atol=1e-6)
    seen.clear()
    assert net.accuracy(x, scores.argmax(axis=1), batch_size=1000) == 1.0
    assert seen == [4, 4, 2]
    seen.clear()
    net.loss_and_gradient(x, np.zeros(10, int))      # training: the whole batch at once
    assert seen == [10]


def test_two_threads_can_predict_with_one_network_at_once():
    """The Draw tab predicts on the GUI thread while a worker measures the same network: the
    layers' forward keeps to arrays of its own, so neither sees the other's images."""
    import threading
    net = ConvNet(conv=((4, 5, 2), (6, 3, 1)), hidden_sizes=(16,), rng=np.random.default_rng(8))
    rng = np.random.default_rng(9)
    batch, singles = rng.random((150, 784), dtype=np.float32), rng.random((20, 784), dtype=np.float32)
    expected_batch, expected_singles = net.predict(batch), [net.predict(x) for x in singles]
    failures = []

    def predict_batches():
        for _ in range(15):
            if not np.array_equal(net.predict(batch), expected_batch):
                failures.append("batch")

    worker = threading.Thread(target=predict_batches)
    worker.start()
    for _ in range(15):
        for x, expected in zip(singles, expected_singles):
            if not np.array_equal(net.predict(x), expected):
                failures.append("single")
    worker.join()
    assert failures == []
