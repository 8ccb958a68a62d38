"""Ready-made training setups. "course": the run of Deep Learning from Scratch, chapter 4.

    config = course_config()            # or PRESETS["course"]
    # TwoLayerNet(784, 50, 10), sigmoid, W = 0.01 * randn, SGD lr 0.1, batch 100,
    # all 60,000 images, iters_num = 10,000 (16.7 epochs), accuracies from epoch 0 on
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
        iterations=COURSE_ITERATIONS, record_initial=True,
        dtype="float64",              # the course's NumPy arrays: float64 weights
    ),
})


def course_config() -> TrainConfig:
    """The course's training setup (PRESETS["course"])."""
    return PRESETS["course"]
