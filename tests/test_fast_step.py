"""nn.training.fast_step: the trainer's fast path gives the readable form's numbers bit for bit
(network.loss_and_gradient, then optimizer.update), over 100 steps of every optimizer."""
import numpy as np
import pytest

from digitlab.nn.model.convnet import ConvNet
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.training import fast_step
from digitlab.nn.training.fast_step import FastStep, PlainStep, fits, training_step
from digitlab.nn.training.optimizers import OPTIMIZER_NAMES, make_optimizer
from digitlab.nn.training.trainer import BatchGather, TrainConfig, Trainer

NETWORKS = {   # small nets of every kind of layer the fast path meets
    "relu": dict(hidden_sizes=(12,)),
    "relu, two layers, weight decay": dict(hidden_sizes=(12, 7), weight_decay=0.01),
    "sigmoid": dict(hidden_sizes=(9,), activation="sigmoid"),
    "tanh, dropout": dict(hidden_sizes=(9,), activation="tanh", dropout=0.3),
}
LRS = {"sgd": 0.1, "momentum": 0.1, "nesterov": 0.1, "adagrad": 0.05, "rmsprop": 0.01,
       "adam": 0.01}


def network(kind: str, dtype=np.float32) -> MultiLayerNet:
    return MultiLayerNet(20, output_size=5, dtype=dtype, rng=np.random.default_rng(3),
                         **NETWORKS[kind])


def batches(steps: int, one_hot: bool = False):
    """(x, t) of sizes 16 and, every fifth step, 7 (the kept arrays must follow the size)."""
    rng = np.random.default_rng(11)
    for step in range(steps):
        n = 7 if step % 5 == 4 else 16
        x, t = rng.random((n, 20), dtype=np.float32), rng.integers(0, 5, n)
        yield x, (np.eye(5, dtype=np.float32)[t] if one_hot else t)


@pytest.mark.parametrize("kind", NETWORKS)
@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_a_hundred_fast_steps_equal_the_readable_form_bit_for_bit(kind, name):
    plain, fast = network(kind), network(kind)
    plain_optimizer, fast_optimizer = make_optimizer(name, LRS[name]), make_optimizer(name, LRS[name])
    step = FastStep(fast, fast_optimizer)
    for x, t in batches(100):
        loss, grads = plain.loss_and_gradient(x, t)
        plain_optimizer.update(plain.params, grads)
        fast_loss, fast_grads = step.loss_and_gradient(x, t)
        step.update(LRS[name])
        assert fast_loss == loss
        for key in grads:
            np.testing.assert_array_equal(fast_grads[key], grads[key], err_msg=key)
    for key, value in plain.params.items():
        np.testing.assert_array_equal(fast.params[key], value, err_msg=key)
        assert fast.params[key].dtype == value.dtype


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_one_hot_labels_and_float64_give_the_same_numbers_too(dtype):
    plain, fast = network("relu", dtype), network("relu", dtype)
    plain_optimizer, fast_optimizer = make_optimizer("momentum", 0.1), make_optimizer("momentum", 0.1)
    step = training_step(fast, fast_optimizer)
    assert isinstance(step, FastStep)
    for x, t in batches(20, one_hot=True):
        loss, grads = plain.loss_and_gradient(x, t)
        plain_optimizer.update(plain.params, grads)
        assert step.loss_and_gradient(x, t)[0] == loss
        step.update(0.1)
    for key, value in plain.params.items():
        np.testing.assert_array_equal(fast.params[key], value, err_msg=key)


def test_params_become_views_of_one_flat_array_and_the_state_is_flat():
    net, optimizer = network("relu"), make_optimizer("adam", 0.01)
    step = FastStep(net, optimizer)
    for key, value in net.params.items():
        assert np.shares_memory(value, step.params), key
        assert value.ctypes.data % 64 == 0, key          # each starts on a cache line
    x, t = next(batches(1))
    step.loss_and_gradient(x, t)
    step.update(0.01)
    assert list(optimizer.m) == [fast_step.FLAT] and optimizer.m[fast_step.FLAT].shape == step.params.shape
    assert optimizer.iter == 1


def test_an_array_put_into_params_mid_run_is_taken_into_the_flat_array():
    plain, fast = network("relu"), network("relu")
    plain_optimizer, fast_optimizer = make_optimizer("momentum", 0.1), make_optimizer("momentum", 0.1)
    step = FastStep(fast, fast_optimizer)
    for i, (x, t) in enumerate(batches(10)):
        if i == 5:   # as a rollback or an edit would: a new array under the same name
            plain.params["W1"] = plain.params["W1"] * 0.5
            fast.params["W1"] = fast.params["W1"] * 0.5
        _, grads = plain.loss_and_gradient(x, t)
        plain_optimizer.update(plain.params, grads)
        step.loss_and_gradient(x, t)
        step.update(0.1)
    assert np.shares_memory(fast.params["W1"], step.params)
    np.testing.assert_array_equal(fast.params["W1"], plain.params["W1"])
    fast.params["W1"] = np.zeros((3, 3), np.float32)
    with pytest.raises(ValueError, match="W1 changed shape"):
        step.loss_and_gradient(x, t)


def test_the_fast_path_fits_only_where_its_numbers_are_the_readable_forms():
    class Custom:    # not elementwise as far as anyone knows
        lr = 0.1

        def update(self, params, grads):
            pass

    assert fits(network("relu"), make_optimizer("sgd", 0.1))
    assert not fits(network("relu"), Custom())
    conv = ConvNet(((4, 3, 1),), (10,), rng=np.random.default_rng(0))
    assert not fits(conv, make_optimizer("sgd", 0.1))
    assert isinstance(training_step(conv, make_optimizer("sgd", 0.1)), PlainStep)
    used = make_optimizer("momentum", 0.1)          # its state is per parameter already
    net = network("relu")
    used.update(net.params, {key: np.zeros_like(value) for key, value in net.params.items()})
    assert not fits(net, used)
    continued = make_optimizer("momentum", 0.1)    # flat state made by an earlier FastStep
    step = FastStep(net, continued)
    step.loss_and_gradient(*next(batches(1)))
    step.update(0.1)
    assert fits(net, continued)


def test_the_trainer_runs_the_fast_path_with_the_same_weights_as_the_readable_one(monkeypatch):
    rng = np.random.default_rng(2)
    x, t = rng.random((250, 784), dtype=np.float32), rng.integers(0, 10, 250)
    config = TrainConfig(hidden_sizes=(16,), optimizer="momentum", lr=0.1, batch_size=32,
                         epochs=2, seed=4)
    fast = Trainer.from_config(config, x, t, x[:50], t[:50])
    events = list(fast.run())
    assert fast._fast is not None
    monkeypatch.setattr("digitlab.nn.training.trainer.fits", lambda network, optimizer: False)
    plain = Trainer.from_config(config, x, t, x[:50], t[:50])
    plain_events = list(plain.run())
    assert plain._fast is None
    assert [getattr(e, "loss", None) for e in events] == [getattr(e, "loss", None) for e in plain_events]
    for key, value in plain.network.params.items():
        np.testing.assert_array_equal(fast.network.params[key], value, err_msg=key)


def test_batch_gather_is_x_of_batch_in_a_buffer_kept_per_batch_size():
    rng = np.random.default_rng(0)
    x, t = rng.random((50, 7), dtype=np.float32), rng.integers(0, 10, 50)
    gather = BatchGather(x, t)
    first = rng.permutation(50)[:10]
    x1, t1 = gather(first)
    np.testing.assert_array_equal(x1, x[first])
    np.testing.assert_array_equal(t1, t[first])
    x2, _ = gather(first[::-1].copy())
    assert x2 is x1                                   # the same buffer, refilled
    np.testing.assert_array_equal(x2, x[first[::-1]])
    x3, t3 = gather(np.arange(3))                     # a smaller last batch: its own buffer
    assert x3.shape == (3, 7) and t3.dtype == t.dtype
    mask = np.zeros(50, bool)
    mask[[1, 4]] = True                               # anything else: plain indexing
    np.testing.assert_array_equal(gather(mask)[0], x[mask])
