"""The course's training setup: runs given in iterations, epoch 0 before training, the preset."""
import dataclasses

import numpy as np
import pytest

from digitlab.nn.data.mnist import load_mnist
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.training.presets import PRESETS, course_config
from digitlab.nn.training.trainer import (EpochEvent, FinishedEvent, IterationEvent, TrainConfig, Trainer,
                        build_network, count_params)


@pytest.fixture(scope="module")
def data():
    """250 training and 100 test points of three blobs in 4 dimensions."""
    rng = np.random.default_rng(7)

    def blobs(n):
        t = rng.integers(0, 3, n)
        x = np.eye(3, 4)[t] * 2.0 + rng.normal(0.0, 0.7, (n, 4))
        return x.astype(np.float32), t
    return (*blobs(250), *blobs(100))


def tiny_net(seed=0):
    return MultiLayerNet(4, (8,), 3, rng=np.random.default_rng(seed))


def run(network, data, config):
    return list(Trainer(network, *data, config, rng=np.random.default_rng(1)).run())


def of_type(events, kind):
    return [event for event in events if isinstance(event, kind)]


def test_a_run_in_iterations_ends_inside_an_epoch(data):
    # 250 images in batches of 50: 5 iterations per epoch; 12 iterations = 2 epochs and 2/5
    events = run(tiny_net(), data, TrainConfig(batch_size=50, epochs=1, iterations=12))
    steps = of_type(events, IterationEvent)
    assert [step.iteration for step in steps] == list(range(1, 13))
    assert {step.iterations_total for step in steps} == {12}
    assert [step.epoch for step in steps] == [1] * 5 + [2] * 5 + [3] * 2
    epochs = of_type(events, EpochEvent)
    assert [(e.epoch, e.epochs_total, e.fraction) for e in epochs] == [(1, 3, 1.0), (2, 3, 1.0),
                                                                     (3, 3, 0.4)]
    finished = events[-1]
    assert isinstance(finished, FinishedEvent) and finished.reason == "completed"
    assert finished.epochs_done == 3 and "12 iterations" in finished.message
    assert finished.test_accuracy == epochs[-1].test_accuracy


def test_a_run_shorter_than_an_epoch(data):
    events = run(tiny_net(), data, TrainConfig(batch_size=50, iterations=3))
    assert len(of_type(events, IterationEvent)) == 3
    assert [(e.epoch, e.fraction) for e in of_type(events, EpochEvent)] == [(1, 0.6)]


def test_whole_epochs_in_iterations_train_exactly_like_epochs(data):
    by_epochs, by_iterations = tiny_net(), tiny_net()
    run(by_epochs, data, TrainConfig(batch_size=50, epochs=2))
    run(by_iterations, data, TrainConfig(batch_size=50, epochs=7, iterations=10))
    for key in by_epochs.params:
        np.testing.assert_array_equal(by_epochs.params[key], by_iterations.params[key])


def test_record_initial_measures_before_training_and_changes_nothing_else(data):
    x, t, x_test, t_test = data
    untrained = tiny_net()
    before = (untrained.accuracy(x, t), untrained.accuracy(x_test, t_test))
    recorded, plain = tiny_net(), tiny_net()
    events = run(recorded, data, TrainConfig(batch_size=50, epochs=2, record_initial=True))
    first = events[0]
    assert isinstance(first, EpochEvent) and first.epoch == 0 and first.fraction == 0.0
    assert (first.train_accuracy, first.test_accuracy) == before
    assert first.samples_per_sec == 0.0 and first.epochs_total == 2
    assert [e.epoch for e in of_type(events, EpochEvent)] == [0, 1, 2]
    # The measurement draws nothing from the run's generator: the same weights as without it.
    run(plain, data, TrainConfig(batch_size=50, epochs=2))
    for key in plain.params:
        np.testing.assert_array_equal(plain.params[key], recorded.params[key])


def test_iterations_are_checked_and_saved_with_the_config():
    with pytest.raises(ValueError, match="iterations"):
        TrainConfig(iterations=0)
    config = TrainConfig(iterations=10_000, record_initial=True)
    assert TrainConfig.from_dict(config.to_dict()) == config
    assert TrainConfig.from_dict({}).iterations is None   # a model saved before: epochs as before


def test_the_course_preset_is_the_course_setup():
    config = course_config()
    assert PRESETS["course"] is config
    network = build_network(config, np.random.default_rng(0))
    assert network.sizes == (784, 50, 10) and network.activation == "sigmoid"
    assert count_params(network) == 39_760      # the course's TwoLayerNet(784, 50, 10)
    assert network.params["W1"].std() == pytest.approx(0.01, rel=0.02)    # 0.01 * randn
    assert not network.params["b1"].any() and network.dtype == np.float64
    assert (config.optimizer, config.lr, config.schedule, config.batch_size) == ("sgd", 0.1,
                                                                                "constant", 100)
    assert config.train_size is None and config.iterations == 10_000
    # the course's loop: rng.choice each iteration, train accuracy on all images, from i = 0
    assert config.sampling == "choice" and config.train_accuracy_size is None
    assert not config.record_initial and config.first_record() == 0
    assert (config.weight_decay, config.dropout, config.augment, config.drawn_digits) == (0, 0,
                                                                                         False, 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.lr = 1.0


@pytest.mark.slow
@pytest.mark.mnist
def test_the_course_preset_ends_near_the_course_accuracy(mnist_dir):
    """The course's 10,000 iterations: about 0.95 train and test (a minute or two)."""
    config = course_config()
    (x, t), (x_test, t_test) = load_mnist(mnist_dir=mnist_dir)
    rng = np.random.default_rng(config.seed)
    trainer = Trainer(build_network(config, rng), x, t, x_test, t_test, config, rng=rng)
    events = list(trainer.run())
    epochs = [event for event in events if isinstance(event, EpochEvent)]
    assert [e.epoch for e in epochs] == list(range(17))     # i = 0, 600, ..., 9600: 17 records
    assert events[-1].message == "Training finished: 10,000 iterations (16.67 epochs)."
    assert 0.05 < epochs[0].train_accuracy < 0.2 and 0.05 < epochs[0].test_accuracy < 0.2
    assert 0.93 <= epochs[-1].train_accuracy <= 0.96
    assert 0.93 <= epochs[-1].test_accuracy <= 0.96
