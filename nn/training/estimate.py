"""How long a training run will take, measured on this computer before it starts.

    seconds = estimate_training_seconds(config, rng=np.random.default_rng(0))

A few mini-batches of the configured network (forward, backward and the optimizer's update on
random images) are timed and multiplied out to the run's iterations; the accuracy evaluations
after each epoch (train accuracy on train_accuracy_size images, test accuracy on the 10,000 test
images) are timed on one batch of EVAL_BATCH and multiplied out too. Augmentation and the drawn
digits are not counted. The estimate is honest to within the machine's noise: a busy computer
gives a longer one.
"""
from __future__ import annotations

import math
import time

import numpy as np

from digitlab.nn.training.budget import EVAL_BATCH, MNIST_TEST, MNIST_TRAIN
from digitlab.nn.training.optimizers import make_optimizer
from digitlab.nn.training.train_config import TrainConfig
from digitlab.nn.training.trainer import build_network

MEASURED_BATCHES = 3     # after one warm-up batch (buffers, BLAS threads)


def estimate_training_seconds(config: TrainConfig, *, rng: np.random.Generator,
                              batches: int = MEASURED_BATCHES) -> float:
    """Seconds the run of config should take here: measured mini-batches x iterations, plus the
    evaluations. Allocates one network of the config's shape and one mini-batch of random images."""
    n_train = config.train_size or MNIST_TRAIN
    network = build_network(config, rng)
    optimizer = make_optimizer(config.optimizer, config.lr)
    batch = min(config.batch_size, n_train)
    x = rng.random((batch, 784)).astype(network.dtype)
    t = rng.integers(0, 10, batch)
    step_seconds = []
    for _ in range(batches + 1):
        started = time.perf_counter()
        if config.gradient == "numerical":
            network.numerical_gradient(x, t)
        else:
            _, grads = network.loss_and_gradient(x, t)
            optimizer.update(network.params, grads)
        step_seconds.append(time.perf_counter() - started)
    per_step = float(np.median(step_seconds[1:]))
    started = time.perf_counter()
    network.predict(rng.random((EVAL_BATCH, 784)).astype(network.dtype))
    per_image = (time.perf_counter() - started) / EVAL_BATCH
    evaluations = math.ceil(config.epochs_run(n_train)) + (config.first_record() == 0)
    train_images = min(config.train_accuracy_size or n_train, n_train)
    return (config.iterations_total(n_train) * per_step
            + evaluations * (train_images + MNIST_TEST) * per_image)
