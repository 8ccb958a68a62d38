"""Ready-made training setups. "course": the run of Deep Learning from Scratch, chapter 4.

    config = course_config()            # or PRESETS["course"]
    # TwoLayerNet(784, 50, 10), sigmoid, W = 0.01 * randn, SGD lr 0.1, batch 100,
    # all 60,000 images, iters_num = 10,000 (16.67 epochs), the course's loop: rng.choice per
    # iteration, accuracies on all 60,000 and the 10,000 test images once per 600 iterations
    # from i = 0 (17 records)
"""
from __future__ import annotations

import types

from digitlab.nn.training.train_config import TrainConfig

COURSE_ITERATIONS = 10_000   # the course's iters_num

PRESETS = types.MappingProxyType({
    "course": TrainConfig(
        hidden_sizes=(50,), activation="sigmoid",
        weight_init="0.01",           # the course's weight_init_std * np.random.randn(...)
        optimizer="sgd", lr=0.1, schedule="constant", batch_size=100, train_size=None,
        iterations=COURSE_ITERATIONS, sampling="choice", train_accuracy_size=None,
        dtype="float64",              # the course's NumPy arrays: float64 weights
    ),
})


def course_config() -> TrainConfig:
    """The course's training setup (PRESETS["course"])."""
    return PRESETS["course"]
