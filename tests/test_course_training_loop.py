"""The training loop's listing is the loop that runs: its code, run on a small set, gives the
trainer's losses and accuracies for the same config and seed."""
import dataclasses

import numpy as np
import pytest

from digitlab.nn.course import LISTINGS, training_loop_listing
from digitlab.nn.training.presets import course_config
from digitlab.nn.training.trainer import EpochEvent, FinishedEvent, IterationEvent, TrainConfig, Trainer


def halves(rng, n):
    """"Images" whose label (0-3) says which quarter of the pixels is bright."""
    t = rng.integers(0, 4, n)
    x = (rng.random((n, 784)) * 0.3).astype(np.float32)
    for label in range(4):
        x[t == label, 196 * label:196 * (label + 1)] += 0.6
    return x, t


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    return (*halves(rng, 230), *halves(rng, 70))


def trainer_records(config, data):
    events = list(Trainer.from_config(config, *data).run())
    assert isinstance(events[-1], FinishedEvent) and events[-1].reason == "completed"
    losses = [e.loss for e in events if isinstance(e, IterationEvent)]
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    return losses, [e.train_accuracy for e in epochs], [e.test_accuracy for e in epochs]


def listing_records(config, data):
    x_train, t_train, x_test, t_test = data
    variables = training_loop_listing(config).run(x_train=x_train, t_train=t_train,
                                                  x_test=x_test, t_test=t_test)
    return variables


SMALL_COURSE = dataclasses.replace(course_config(), iterations=40, batch_size=20)
CONFIGS = {
    "course": SMALL_COURSE,
    "course in epochs": dataclasses.replace(SMALL_COURSE, iterations=None, epochs=2),
    "defaults": TrainConfig(hidden_sizes=(16,), batch_size=32, epochs=2),
    "momentum relu cosine": TrainConfig(hidden_sizes=(16,), optimizer="momentum", lr=0.05,
                                        schedule="cosine", batch_size=50, epochs=2, seed=3),
    "adam tanh xavier step, two layers": TrainConfig(
        hidden_sizes=(12, 8), activation="tanh", weight_init="xavier", optimizer="adam",
        lr=0.01, schedule="step", batch_size=40, epochs=3, seed=5),
    "iterations inside an epoch, epoch 0": TrainConfig(
        hidden_sizes=(10,), batch_size=50, iterations=12, record_initial=True,
        train_accuracy_size=100),
    "decay, dropout, subset, float64": TrainConfig(
        hidden_sizes=(20,), optimizer="nesterov", weight_decay=0.001, dropout=0.2,
        train_size=150, batch_size=30, epochs=2, dtype="float64", train_accuracy_size=None),
    "augment, adagrad": TrainConfig(hidden_sizes=(10,), optimizer="adagrad", augment=True,
                                    blur_prob=0.5, batch_size=60, epochs=1),
    "drawn digits, rmsprop, choice": TrainConfig(
        hidden_sizes=(10,), optimizer="rmsprop", lr=0.01, drawn_digits=6, sampling="choice",
        batch_size=25, iterations=20, train_accuracy_size=50),
    "convolutional, sgd": TrainConfig(model_kind="conv", conv=((4, 3, 1),), hidden_sizes=(8,),
                                      batch_size=20, iterations=6, train_accuracy_size=40),
    "numerical gradient": TrainConfig(hidden_sizes=(2,), gradient="numerical", train_size=40,
                                      batch_size=10, iterations=3, lr=0.5),
}


@pytest.mark.parametrize("name", list(CONFIGS))
def test_the_listing_gives_the_trainers_records(name, data):
    config = CONFIGS[name]
    losses, train_acc, test_acc = trainer_records(config, data)
    variables = listing_records(config, data)
    assert [float(loss) for loss in variables["train_loss_list"]] == losses
    assert variables["train_acc_list"] == train_acc
    assert variables["test_acc_list"] == test_acc
    assert variables["printed"] == [f"train acc, test acc | {a:.4f}, {b:.4f}"
                                    for a, b in zip(train_acc, test_acc)]


def test_each_setting_shows_in_the_code():
    source = training_loop_listing(CONFIGS["adam tanh xavier step, two layers"]).source
    for text in ("(12, 8)", "activation='tanh'", "weight_init='xavier'", "Adam(lr=learning_rate)",
                 "make_schedule('step'", "batch_size = 40", "rng.permutation(train_size)",
                 "x_train[:10000]", "epochs = 3"):
        assert text in source
    assert "rng.choice" not in source and "network.params[key] -=" not in source


def test_the_course_listing_is_the_books_loop():
    source = LISTINGS["training_loop"].source
    for text in ("iters_num = 10000", "batch_size = 100", "learning_rate = 0.1",
                 "rng.choice(train_size, batch_size)", "iter_per_epoch = max(train_size / batch_size, 1)",
                 "if i % iter_per_epoch == 0:", "network.accuracy(x_train, t_train)",
                 "weight_init=0.01", "activation='sigmoid'", "(50,)",
                 "network.params[key] -= learning_rate * grad[key]",
                 "loss = network.loss(x_batch, t_batch)"):
        assert text in source
    # the loss is logged after the step, as the course does
    assert source.index("network.params[key] -=") < source.index("loss = network.loss(")


def test_the_course_run_records_17_times_from_iteration_0():
    """600 iterations per epoch, 10,000 iterations: records at i = 0, 600, ..., 9600."""
    config = course_config()
    assert config.sampling == "choice" and config.train_accuracy_size is None
    assert config.iterations_per_epoch(60_000) == 600
    assert f"{config.epochs_run(60_000):.2f}" == "16.67"
    assert len([i for i in range(10_000) if i % config.iterations_per_epoch(60_000) == 0]) == 17
