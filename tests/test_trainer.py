"""Trainer: learning, reproducibility, event sequence, thread controls, divergence, numerical mode."""
import dataclasses
import math
import queue
import threading

import numpy as np
import pytest

from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.training.trainer import (NUMERICAL_MAX_IMAGES, NUMERICAL_MAX_PARAMS, EpochEvent, FinishedEvent,
                        IterationEvent, TrainConfig, Trainer, TrainingControl, build_network,
                        count_params, finite_weights)

TIMEOUT = 10.0


def blobs(n, rng, dim=4):
    """Three Gaussian blobs in `dim` dimensions: x (n, dim) float32, t (n,) labels 0..2."""
    centers = np.zeros((3, dim))
    centers[[0, 1, 2], [0, 1, 2]] = 2.0
    t = rng.integers(0, 3, n)
    x = centers[t] + rng.normal(0.0, 0.7, (n, dim))
    return x.astype(np.float32), t


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(123)
    (x, t), (x_test, t_test) = blobs(250, rng), blobs(100, rng)
    return x, t, x_test, t_test


def tiny_net(seed=0, dtype=np.float32, **kwargs):
    return MultiLayerNet(4, (8,), 3, dtype=dtype, rng=np.random.default_rng(seed), **kwargs)


def run_all(network, data, config, rng=None):
    return list(Trainer(network, *data, config, rng=rng).run())


def of_type(events, kind):
    return [e for e in events if isinstance(e, kind)]


class SpyNet(MultiLayerNet):
    """Records the labels and the weights each gradient step sees; its loss is NaN at step nan_at."""

    def __init__(self, *args, nan_at=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.batches, self.weights_seen, self.nan_at = [], [], nan_at

    def loss_and_gradient(self, x, t):
        self.batches.append(np.array(t))
        self.weights_seen.append({k: v.copy() for k, v in self.params.items()})
        loss, grads = super().loss_and_gradient(x, t)
        return (math.nan if len(self.batches) == self.nan_at else loss), grads


def test_build_network_follows_config():
    config = TrainConfig(hidden_sizes=(30, 20), activation="tanh", weight_init="0.01", dtype="float64")
    net = build_network(config, np.random.default_rng(0))
    assert net.sizes == (784, 30, 20, 10) and net.activation == "tanh"
    assert net.params["W1"].dtype == np.float64
    assert net.params["W1"].std() == pytest.approx(0.01, rel=0.05)
    assert count_params(net) == 784 * 30 + 30 + 30 * 20 + 20 + 20 * 10 + 10
    numerical = build_network(TrainConfig(hidden_sizes=(5,), gradient="numerical"), None)
    assert numerical.params["W1"].dtype == np.float64


def test_loss_falls_and_accuracy_rises_on_tiny_synthetic_set(data):
    events = run_all(tiny_net(), data, TrainConfig(lr=0.1, batch_size=25, epochs=5))
    losses = [e.loss for e in of_type(events, IterationEvent)]
    assert np.mean(losses[-10:]) < 0.5 * np.mean(losses[:3])
    epochs = of_type(events, EpochEvent)
    assert epochs[-1].test_accuracy > 0.85 and epochs[-1].train_accuracy > 0.85
    assert events[-1] == FinishedEvent("completed", "Training finished: 5 epochs.", 5,
                                       epochs[-1].test_accuracy)


def test_event_sequence_uses_ceil_of_n_over_batch(data):
    # 250 images, batch 100: 3 iterations per epoch (100, 100, 50), every image once per epoch.
    net = SpyNet(4, (8,), 3, rng=np.random.default_rng(0))
    events = run_all(net, data, TrainConfig(batch_size=100, epochs=2))
    kinds = [type(e).__name__[0] for e in events]
    assert "".join(kinds) == "IIIEIIIEF"
    iterations = of_type(events, IterationEvent)
    assert [e.iteration for e in iterations] == [1, 2, 3, 4, 5, 6]
    assert [e.epoch for e in iterations] == [1, 1, 1, 2, 2, 2]
    assert {e.iterations_total for e in iterations} == {6}
    assert [len(b) for b in net.batches] == [100, 100, 50] * 2
    t = data[1]
    for epoch in range(2):
        seen = np.concatenate(net.batches[3 * epoch:3 * epoch + 3])
        np.testing.assert_array_equal(np.sort(seen), np.sort(t))
    assert not np.array_equal(net.batches[0], t[:100]), "batches must be shuffled"
    assert not np.array_equal(net.batches[0], net.batches[3]), "a new order every epoch"
    seconds = [e.seconds_elapsed for e in iterations]
    assert seconds == sorted(seconds) and all(e.samples_per_sec > 0 for e in iterations)
    assert [e.epoch for e in of_type(events, EpochEvent)] == [1, 2]


def test_train_size_keeps_the_first_images(data):
    trainer = Trainer(tiny_net(), *data, TrainConfig(train_size=60, batch_size=25))
    assert len(trainer.x_train) == 60 and trainer.iterations_per_epoch == 3
    np.testing.assert_array_equal(trainer.t_train, data[1][:60])


def test_same_seed_gives_bit_identical_weights_different_seed_differs():
    rng = np.random.default_rng(7)
    x, t = blobs(120, rng, dim=784)
    x_test, t_test = blobs(30, rng, dim=784)

    def train(seed, optimizer="momentum"):
        config = TrainConfig(hidden_sizes=(8,), optimizer=optimizer, lr=0.05, batch_size=32,
                             epochs=2, seed=seed, dropout=0.2)
        rng = np.random.default_rng(config.seed)
        net = build_network(config, rng)
        list(Trainer(net, x, t, x_test, t_test, config, rng=rng).run())
        return net.params

    first, again, other = train(3), train(3), train(4)
    for key in first:
        assert first[key].tobytes() == again[key].tobytes()
    assert any(first[key].tobytes() != other[key].tobytes() for key in first)


def test_shuffling_follows_the_trainer_rng(data):
    config = TrainConfig(batch_size=25, epochs=1)
    a, b = tiny_net(), tiny_net()
    run_all(a, data, config, rng=np.random.default_rng(1))
    run_all(b, data, config, rng=np.random.default_rng(2))
    assert not np.array_equal(a.params["W1"], b.params["W1"])


def test_schedule_sets_the_lr_of_each_iteration(data):
    events = run_all(tiny_net(), data, TrainConfig(lr=0.2, schedule="cosine", batch_size=50,
                                                   epochs=2))
    lrs = [e.lr for e in of_type(events, IterationEvent)]
    expected = [0.1 * (1 + math.cos(math.pi * k / 10)) for k in range(10)]
    assert lrs == pytest.approx(expected)


def test_set_lr_takes_effect_at_the_next_iteration(data):
    trainer = Trainer(tiny_net(), *data, TrainConfig(lr=0.1, schedule="step", batch_size=25,
                                                     epochs=2))
    lrs = []
    for event in trainer.run():
        if isinstance(event, IterationEvent):
            lrs.append(event.lr)
            if event.iteration == 4:
                trainer.set_lr(0.02)
    # step schedule over 20 iterations: step_size 7, gamma 0.5, scaling whichever base lr is set
    assert lrs[:4] == pytest.approx([0.1] * 4)
    assert lrs[4:7] == pytest.approx([0.02] * 3)
    assert lrs[7:14] == pytest.approx([0.01] * 7)
    assert trainer.optimizer.lr == pytest.approx(lrs[-1])
    with pytest.raises(ValueError):
        trainer.set_lr(-1.0)


def start_in_thread(trainer):
    """Runs trainer.run() in a worker thread; returns (events queue, thread)."""
    events = queue.Queue()

    def work():
        for event in trainer.run():
            events.put(event)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return events, thread


def assert_quiet(events, seconds=0.3):
    with pytest.raises(queue.Empty):
        events.get(timeout=seconds)


def test_pause_step_stop_from_another_thread(data):
    trainer = Trainer(tiny_net(), *data, TrainConfig(batch_size=25, epochs=3))
    trainer.pause()
    assert trainer.paused
    events, thread = start_in_thread(trainer)
    assert_quiet(events)
    trainer.step()
    event = events.get(timeout=TIMEOUT)
    assert isinstance(event, IterationEvent) and event.iteration == 1
    assert_quiet(events)
    trainer.step()
    trainer.step()
    assert [events.get(timeout=TIMEOUT).iteration for _ in range(2)] == [2, 3]
    assert_quiet(events)
    trainer.stop()
    finished = events.get(timeout=TIMEOUT)
    thread.join(TIMEOUT)
    assert not thread.is_alive()
    assert finished.reason == "stopped" and finished.epochs_done == 0
    assert finished.test_accuracy is None


def test_pause_and_resume_mid_run_completes_every_iteration(data):
    trainer = Trainer(tiny_net(), *data, TrainConfig(batch_size=25, epochs=3))
    events, thread = start_in_thread(trainer)
    received = [events.get(timeout=TIMEOUT)]
    trainer.pause()
    while True:     # drain what was produced before the pause got noticed
        try:
            received.append(events.get(timeout=0.3))
        except queue.Empty:
            break
    count = len(received)
    if not isinstance(received[-1], FinishedEvent):
        assert_quiet(events)
        assert trainer.paused and len(received) == count
        trainer.resume()
    while not isinstance(received[-1], FinishedEvent):
        received.append(events.get(timeout=TIMEOUT))
    thread.join(TIMEOUT)
    assert len(of_type(received, IterationEvent)) == 30
    assert received[-1].reason == "completed"


def test_stop_between_iterations_in_the_same_thread(data):
    trainer = Trainer(tiny_net(), *data, TrainConfig(batch_size=25, epochs=3))
    events = []
    for event in trainer.run():
        events.append(event)
        if isinstance(event, IterationEvent) and event.iteration == 12:
            trainer.stop()
    assert len(of_type(events, IterationEvent)) == 12
    assert events[-1].reason == "stopped" and events[-1].epochs_done == 1
    assert events[-1].test_accuracy == of_type(events, EpochEvent)[0].test_accuracy


def in_turn(*requests):
    """Makes each request from its own thread, one after the other (each waits for the previous)."""
    for request in requests:
        thread = threading.Thread(target=request)
        thread.start()
        thread.join(TIMEOUT)


def drain(events, seconds=0.3):
    received = []
    while True:
        try:
            received.append(events.get(timeout=seconds))
        except queue.Empty:
            return received


@pytest.mark.parametrize("order, paused", [(("pause", "resume"), False),
                                           (("resume", "pause"), True),
                                           (("step", "resume"), False),
                                           (("resume", "step"), True)])
def test_control_requests_apply_in_the_order_made_also_before_the_trainer_exists(
        data, order, paused):
    # A GUI makes requests while its worker is still loading data; the newest one must win.
    control = TrainingControl()
    in_turn(*(getattr(control, name) for name in order))
    control.set_lr(0.05)
    trainer = Trainer(tiny_net(), *data, TrainConfig(batch_size=25, epochs=3), control=control)
    events, thread = start_in_thread(trainer)
    received = []
    if paused:
        if order[-1] == "step":     # the granted iteration, then a quiet queue: it waits
            received.append(events.get(timeout=TIMEOUT))
        received += drain(events)
        assert trainer.paused and len(received) == (order[-1] == "step")
        in_turn(control.resume, control.pause, control.resume)   # newest: resume
    while not received or not isinstance(received[-1], FinishedEvent):
        received.append(events.get(timeout=TIMEOUT))
    thread.join(TIMEOUT)
    assert not thread.is_alive() and received[-1].reason == "completed"
    iterations = of_type(received, IterationEvent)
    assert len(iterations) == 30 and all(e.lr == pytest.approx(0.05) for e in iterations)


def test_a_stop_is_not_undone_by_later_requests(data):
    control = TrainingControl()
    in_turn(control.stop, control.resume, control.step)
    events = list(Trainer(tiny_net(), *data, TrainConfig(batch_size=25), control=control).run())
    assert [type(e) for e in events] == [FinishedEvent] and events[0].reason == "stopped"
    assert "stop=True" in repr(control)
    with pytest.raises(ValueError, match="positive"):
        control.set_lr(math.nan)


def test_huge_lr_diverges_with_finite_rolled_back_weights(data):
    net = SpyNet(4, (8,), 3, rng=np.random.default_rng(0))
    events = run_all(net, data, TrainConfig(lr=10.0, batch_size=25, epochs=3))
    finished = events[-1]
    assert finished.reason == "diverged"
    k = len(of_type(events, IterationEvent)) + 1      # the iteration whose loss exploded
    assert f"at iteration {k}: the learning rate 10 is too large" in finished.message
    assert finished.message.endswith("Try 0.1.")
    # Rolled back to the weights before the step that made the loss explode.
    for key, value in net.params.items():
        assert np.all(np.isfinite(value))
        np.testing.assert_array_equal(value, net.weights_seen[k - 2][key])


def test_nan_loss_stops_with_reason_and_last_finite_weights(data):
    net = SpyNet(4, (8,), 3, rng=np.random.default_rng(0), nan_at=3)
    events = run_all(net, data, TrainConfig(lr=0.1, batch_size=25))
    assert len(of_type(events, IterationEvent)) == 2
    assert events[-1].reason == "diverged"
    assert events[-1].message.startswith("The loss became NaN (not a number) at iteration 3: ")
    for key, value in net.params.items():
        np.testing.assert_array_equal(value, net.weights_seen[1][key])


@pytest.mark.parametrize("weight_decay, lr, optimizer", [
    (1e30, 0.1, "sgd"), (30.0, 0.1, "sgd"), (1e30, 0.001, "adam"), (math.inf, 0.1, "sgd")])
def test_divergence_from_a_huge_weight_decay_names_the_weight_decay(data, weight_decay, lr,
                                                                     optimizer):
    config = TrainConfig(weight_decay=weight_decay, lr=lr, optimizer=optimizer, batch_size=25)
    net = tiny_net(weight_decay=weight_decay)
    with np.errstate(all="ignore"):
        finished = run_all(net, data, config)[-1]
    assert finished.reason == "diverged"
    assert f"the weight decay {weight_decay:g} is too large" in finished.message
    assert "learning rate" not in finished.message and "initial weights" not in finished.message
    suggestion = float(finished.message.rsplit("Try ", 1)[1].rstrip("."))
    assert 0 < suggestion <= 0.1
    assert all(np.all(np.isfinite(value)) for value in net.params.values())


def test_a_small_weight_decay_leaves_the_blame_on_the_learning_rate(data):
    net = tiny_net(weight_decay=1e-4)
    config = TrainConfig(weight_decay=1e-4, lr=10.0, batch_size=25)
    finished = run_all(net, data, config)[-1]
    assert finished.reason == "diverged"
    assert "the learning rate 10 is too large" in finished.message
    assert "weight decay" not in finished.message


def test_numerical_gradient_trains_like_backprop_on_a_tiny_net(data):
    config = TrainConfig(lr=0.1, batch_size=50, epochs=1, gradient="numerical")
    numerical, backprop = tiny_net(dtype=np.float64), tiny_net(dtype=np.float64)
    events = run_all(numerical, data, config, rng=np.random.default_rng(5))
    run_all(backprop, data, TrainConfig(lr=0.1, batch_size=50, epochs=1),
            rng=np.random.default_rng(5))
    assert events[-1].reason == "completed"
    for key in backprop.params:
        np.testing.assert_allclose(numerical.params[key], backprop.params[key], atol=1e-6)


def test_numerical_gradient_is_refused_for_a_big_network(data):
    big = MultiLayerNet(784, (100,), 10, rng=np.random.default_rng(0))
    assert count_params(big) > NUMERICAL_MAX_PARAMS
    with pytest.raises(ValueError, match="numerical gradient .* 79,510 parameters"):
        Trainer(big, *data, TrainConfig(gradient="numerical"))


def test_numerical_gradient_is_refused_for_more_images_than_its_limit():
    rng = np.random.default_rng(0)
    x, t = rng.random((NUMERICAL_MAX_IMAGES + 1, 4), dtype=np.float32), rng.integers(0, 3, 1001)
    config = TrainConfig(gradient="numerical", batch_size=100)
    with pytest.raises(ValueError, match="1,001 training images .* limit is 1,000"):
        Trainer(tiny_net(dtype=np.float64), x, t, x, t, config)
    Trainer(tiny_net(dtype=np.float64), x, t, x, t, dataclasses.replace(config, train_size=1000))


def test_from_config_is_the_run_the_config_describes(data):
    config = TrainConfig(hidden_sizes=(6,), lr=0.05, batch_size=25, epochs=2, seed=7,
                         optimizer="momentum")
    x, t, x_test, t_test = (np.tile(a, (1, 196)) if a.ndim == 2 else a for a in data)  # 784 wide
    rng = np.random.default_rng(config.seed)
    by_hand = Trainer(build_network(config, rng), x, t, x_test, t_test, config, rng=rng)
    control = TrainingControl()
    built = Trainer.from_config(config, x, t, x_test, t_test, control=control)
    assert built.control is control and built.network.sizes == (784, 6, 10)
    for trainer in (by_hand, built):
        assert list(trainer.run())[-1].reason == "completed"
    for key, value in by_hand.network.params.items():
        np.testing.assert_array_equal(built.network.params[key], value)


def test_finite_weights():
    net = tiny_net()
    assert finite_weights(net)
    net.params["b2"][1] = np.nan
    assert not finite_weights(net)
    net.params["b2"][1] = 0.0
    net.params["W1"][0, 0] = -np.inf
    assert not finite_weights(net)


def test_trainer_prints_nothing(data, capsys):
    run_all(tiny_net(), data, TrainConfig(epochs=1))
    assert capsys.readouterr() == ("", "")


def test_augmentation_is_applied_per_batch():
    rng = np.random.default_rng(0)
    x = rng.random((40, 784)).astype(np.float32)
    t = rng.integers(0, 10, 40)
    config = TrainConfig(hidden_sizes=(8,), batch_size=20, epochs=1)
    plain, augmented = (build_network(config, np.random.default_rng(0)) for _ in range(2))
    list(Trainer(plain, x, t, x, t, config, rng=np.random.default_rng(1)).run())
    config = dataclasses.replace(config, augment=True)
    events = list(Trainer(augmented, x, t, x, t, config, rng=np.random.default_rng(1)).run())
    assert events[-1].reason == "completed"
    assert not np.array_equal(plain.params["W1"], augmented.params["W1"])


@pytest.mark.mnist
@pytest.mark.slow
def test_lr_10_diverges_on_mnist(mnist_dir):
    data = pytest.importorskip("digitlab.nn.data.mnist")
    (x, t), (x_test, t_test) = data.load_mnist(mnist_dir=mnist_dir)
    config = TrainConfig(lr=10.0, train_size=2000, epochs=1)
    rng = np.random.default_rng(config.seed)
    net = build_network(config, rng)
    events = list(Trainer(net, x, t, x_test[:500], t_test[:500], config, rng=rng).run())
    assert events[-1].reason == "diverged"
    assert "the learning rate 10 is too large" in events[-1].message
    assert all(np.all(np.isfinite(value)) for value in net.params.values())


def test_drawn_digits_are_appended_from_their_own_seeded_stream():
    rng = np.random.default_rng(0)
    x, t = rng.random((50, 784), dtype=np.float32), rng.integers(0, 10, 50)
    config = TrainConfig(hidden_sizes=(8,), drawn_digits=12, batch_size=31, seed=3)
    trainer = Trainer(build_network(config, np.random.default_rng(3)), x, t, x, t, config)
    assert trainer.x_train.shape == (62, 784) and trainer.x_train.dtype == np.float32
    assert trainer.iterations_per_epoch == 2
    np.testing.assert_array_equal(trainer.x_train[:50], x)
    assert set(trainer.t_train[50:].tolist()) <= set(range(10))
    again = Trainer(build_network(config, np.random.default_rng(3)), x, t, x, t, config)
    np.testing.assert_array_equal(again.x_train, trainer.x_train)
    with pytest.raises(ValueError, match="drawn_digits"):
        TrainConfig(drawn_digits=-1)


def test_drawn_digits_count_in_iterations_and_the_schedule():
    # 20 images + 20 drawn digits in batches of 10: 4 iterations per epoch, not the 2 that the
    # 20 images alone give, so a cosine schedule must still be above 0 until the last iteration.
    rng = np.random.default_rng(0)
    x, t = rng.random((30, 784), dtype=np.float32), rng.integers(0, 10, 30)
    config = TrainConfig(hidden_sizes=(8,), drawn_digits=20, train_size=20, batch_size=10,
                         epochs=3, schedule="cosine", lr=0.1, seed=1)
    trainer = Trainer(build_network(config, np.random.default_rng(1)), x, t, x, t, config)
    assert trainer.iterations_per_epoch == 4 and trainer.iterations_total == 12
    iterations = of_type(list(trainer.run()), IterationEvent)
    assert [e.epoch for e in iterations] == [1] * 4 + [2] * 4 + [3] * 4
    assert {e.iterations_total for e in iterations} == {12}
    assert [e.iteration for e in iterations] == list(range(1, 13))
    lrs = [e.lr for e in iterations]
    assert all(lr > 0 for lr in lrs) and lrs == sorted(lrs, reverse=True)
    assert lrs[-1] == pytest.approx(0.05 * (1 + math.cos(math.pi * 11 / 12)))


def seen_batches(monkeypatch, config, x, t):
    """(the images of each step as the network got them, augment_batch's keyword options)."""
    import digitlab.nn.training.trainer as trainer_module
    from digitlab.nn.data.augment import augment_batch
    batches, options = [], []

    def recording_augment(images, rng, **kwargs):
        options.append(kwargs)
        return augment_batch(images, rng, **kwargs)

    monkeypatch.setattr(trainer_module, "augment_batch", recording_augment)
    trainer = Trainer.from_config(config, x, t, x, t)
    real_step = trainer._loss_and_gradient

    def recording_step(x_batch, t_batch):
        batches.append(x_batch.copy())
        return real_step(x_batch, t_batch)

    trainer._loss_and_gradient = recording_step
    list(trainer.run())
    return batches, options


def test_the_scan_options_reach_augment_batch_and_change_what_the_network_sees(monkeypatch):
    rng = np.random.default_rng(0)
    x = rng.random((40, 784)).astype(np.float32)
    t = rng.integers(0, 10, 40)
    plain = TrainConfig(hidden_sizes=(8,), batch_size=20, epochs=1, augment=True, seed=3)
    scan = dataclasses.replace(plain, aspect=(0.5, 0.7), lowres_prob=1.0, lowres_side=(5, 6))
    plain_batches, plain_options = seen_batches(monkeypatch, plain, x, t)
    scan_batches, scan_options = seen_batches(monkeypatch, scan, x, t)
    assert plain_options == [TrainConfig().augment_options()] * 2
    assert scan_options == [scan.augment_options()] * 2
    assert scan_options[0]["aspect"] == (0.5, 0.7) and scan_options[0]["lowres_side"] == (5, 6)
    assert len(plain_batches) == len(scan_batches) == 2
    for seen, scanned in zip(plain_batches, scan_batches):
        assert seen.shape == scanned.shape == (20, 784)
        assert np.abs(seen - scanned).mean() > 0.01
    # Augment alone is the run it always was, augment_batch without options on the run's stream.
    from digitlab.nn.data.augment import augment_batch
    rng = np.random.default_rng(plain.seed)
    build_network(plain, rng)
    order = rng.permutation(len(x))
    assert np.array_equal(plain_batches[0], augment_batch(x[order[:20]], rng))


def test_a_stop_interrupts_a_numerical_iteration_and_keeps_the_weights():
    # 784-50-10 on a batch of 100: one numerical iteration takes minutes (80,000 losses)
    import threading
    import time as clock

    rng = np.random.default_rng(0)
    x, t = rng.random((200, 784)).astype(np.float32), rng.integers(0, 10, 200)
    control = TrainingControl()
    config = TrainConfig(hidden_sizes=(50,), gradient="numerical", dtype="float64", epochs=1)
    trainer = Trainer.from_config(config, x, t, x[:20], t[:20], control=control)
    before = {key: value.copy() for key, value in trainer.network.params.items()}
    threading.Timer(0.3, control.stop).start()
    started = clock.perf_counter()
    events = list(trainer.run())
    assert clock.perf_counter() - started < 2.0
    assert events[-1].reason == "stopped" and len(events) == 1
    for key, value in trainer.network.params.items():
        np.testing.assert_array_equal(value, before[key])
