"""How much memory a training run will need, estimated from its TrainConfig before allocating.

    estimate = estimate_training_memory(config)          # MemoryEstimate, bytes per part
    if estimate.total > memory_limit():
        ...refuse the run, naming estimate.largest_part()

The estimate counts the arrays the run keeps alive at its peak: the network's weights, their
gradients, the trainer's rollback copy and the optimizer's state; the activations one mini-batch
caches for backprop; the MNIST arrays; the pen-drawn digits and the enlarged training set they
are concatenated into. It is meant to be right within a factor of about two, which is enough to
tell a run that fits from one that needs tens of gigabytes.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass

from digitlab.nn.model.conv import BAND_BYTES
from digitlab.nn.model.convnet import EVAL_BATCH as CONV_EVAL_BATCH, weight_shapes
from digitlab.nn.training.train_config import INPUT_SIZE, OUTPUT_SIZE, TrainConfig, weight_count

MNIST_TRAIN = 60_000
MNIST_TEST = 10_000
EVAL_BATCH = 1_000           # Network.accuracy and nn.evaluate run in batches of this size
# Arrays of the optimizer's state per parameter (velocity, squared-gradient sums, Adam's m and v).
OPTIMIZER_SLOTS = {"sgd": 0, "momentum": 1, "nesterov": 1, "adagrad": 1, "rmsprop": 1, "adam": 2}
# Per hidden unit and sample: affine output, activation output (with its mask), backward's dout
# and dx. Dropout adds its mask; its output replaces the activation's.
ACTIVATION_COPIES = 4
DROPOUT_COPIES = 1
# augment_batch's intermediates per pixel of the batch: float64 source coordinates, int64
# indices and float32 blends of the bilinear warp (measured: about 90 bytes).
AUGMENT_BYTES_PER_PIXEL = 96
FALLBACK_LIMIT = 4 * 1024 ** 3   # where the physical memory cannot be read (e.g. Windows)
LIMIT_FRACTION = 0.75        # leave room for the operating system, the window and other programs


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes a training run needs at its peak, by part.

    network: weights, gradients, the rollback copy and optimizer state (grows with --hidden);
    batch: the activations of one mini-batch or evaluation batch (grows with --batch-size);
    data: the MNIST images and labels; drawn: the drawn digits and the enlarged training set.
    """

    network: int
    batch: int
    data: int
    drawn: int

    @property
    def total(self) -> int:
        return self.network + self.batch + self.data + self.drawn

    def largest_part(self) -> str:
        """Name of the part that needs the most: "network", "batch", "data" or "drawn"."""
        parts = {"network": self.network, "batch": self.batch, "data": self.data,
                 "drawn": self.drawn}
        return max(parts, key=parts.get)


def layer_sizes(config: TrainConfig) -> tuple[int, ...]:
    """(784, *hidden_sizes, 10)."""
    return (INPUT_SIZE, *(int(size) for size in config.hidden_sizes), OUTPUT_SIZE)


def param_count(config: TrainConfig) -> int:
    """Weights and biases of the network the config describes (Python ints: no overflow)."""
    if config.model_kind == "conv":
        return sum(math.prod(shape) + shape[0] if len(shape) == 4 else math.prod(shape) + shape[1]
                   for shape in weight_shapes(config.conv, config.hidden_sizes))
    return weight_count(config.hidden_sizes)


def conv_sample_bytes(config: TrainConfig, itemsize: int) -> int:
    """Bytes one sample keeps alive in a convolutional network's forward and backward: per stage
    the padded input that backward rebuilds im2col's rows from, and the feature maps (convolution,
    ReLU and its mask, pooling's input and gradient). The im2col rows themselves live in bands of
    at most nn.model.conv.BAND_BYTES, counted once in estimate_training_memory."""
    total, channels, side = 0, 1, 28
    for filters, size, pad in config.conv:
        out = side + 2 * pad - size + 1
        total += 2 * channels * (side + 2 * pad) ** 2 + 4 * filters * out * out
        channels, side = filters, out // 2
    return total * itemsize


def estimate_training_memory(config: TrainConfig, n_train: int = MNIST_TRAIN,
                             n_test: int = MNIST_TEST) -> MemoryEstimate:
    """The MemoryEstimate of training config on n_train images (before train_size) and n_test."""
    itemsize = 8 if config.gradient == "numerical" or config.dtype == "float64" else 4
    sizes = layer_sizes(config)
    largest_weight = max(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    # Weights, gradients, the trainer's rollback copy; with weight decay the gradient is a new
    # array beside the layer's own dW.
    copies = 3 + OPTIMIZER_SLOTS.get(config.optimizer, 2) + (1 if config.weight_decay else 0)
    # build_network draws each weight matrix in float64 before converting it; the optimizers'
    # expressions make temporaries the size of one weight matrix.
    transient = largest_weight * max(8, 2 * itemsize)
    network = copies * param_count(config) * itemsize + transient

    rows = max(config.batch_size, CONV_EVAL_BATCH if config.model_kind == "conv" else EVAL_BATCH)
    per_unit = ACTIVATION_COPIES + (DROPOUT_COPIES if config.dropout else 0)
    per_row = (sum(sizes[1:-1]) * per_unit + 3 * OUTPUT_SIZE + 2 * INPUT_SIZE) * itemsize
    if config.model_kind == "conv":
        per_row += conv_sample_bytes(config, itemsize)
    if config.augment:
        per_row += AUGMENT_BYTES_PER_PIXEL * INPUT_SIZE
    batch = rows * per_row
    if config.model_kind == "conv":
        batch += 2 * BAND_BYTES   # a band of im2col's rows and one of its gradient

    image_bytes = INPUT_SIZE * 4 + 8   # float32 pixels and an int64 label
    data = (n_train + n_test) * image_bytes
    used = n_train if config.train_size is None else min(config.train_size, n_train)
    drawn_count = config.drawn_digits
    # The drawn digits themselves, then the concatenated training set they are appended to.
    drawn = drawn_count * image_bytes + (used + drawn_count) * image_bytes if drawn_count else 0
    return MemoryEstimate(network=network, batch=batch, data=data, drawn=drawn)


def physical_memory() -> int | None:
    """Bytes of RAM of this computer, or None where os.sysconf cannot tell."""
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):   # no sysconf (Windows) or no such name
        return None
    if pages <= 0 or page_size <= 0:
        return None
    return pages * page_size


def memory_limit(physical: int | None = None) -> int:
    """The most a run may need: LIMIT_FRACTION of physical (default: this computer's) memory."""
    physical = physical_memory() if physical is None else physical
    if physical is None:
        return FALLBACK_LIMIT
    return int(physical * LIMIT_FRACTION)


def format_bytes(size: int) -> str:
    """'350 MB', '1.5 GB', '80 GB', '12,000 GB' (powers of 1000, as people read them).

    Integer arithmetic only: a --hidden of 400 digits gives a size no float can hold.
    """
    size = max(int(size), 0)
    megabytes = (size + 500_000) // 1000 ** 2
    if megabytes < 1000:
        return f"{megabytes} MB"
    tenths = (size + 50_000_000) // 10 ** 8     # tenths of a GB
    if tenths < 100:
        return f"{tenths // 10}.{tenths % 10} GB"
    gigabytes = (size + 500_000_000) // 1000 ** 3
    if gigabytes < 1000 ** 2:
        return f"{gigabytes:,} GB"
    return "more than a million GB"
