"""Timings of the numeric core for the `bench` command: an epoch, its matrix products alone,
one prediction from a drawing, and batching. NumPy and the standard library only.

The reference run is the issue's: 784-100-10 ReLU (He init), mini-batches of 100, SGD with
momentum 0.9 and lr 0.1, float32, the data already in memory. An epoch is timed through the
trainer's own per-iteration path (a permutation from rng, the batch gathered by BatchGather, the
loss, gradient and update of nn.training.fast_step.training_step), without the accuracy passes, so
it shows what the engine costs.
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.training.fast_step import training_step
from digitlab.nn.training.optimizers import Momentum
from digitlab.nn.training.trainer import BatchGather
from digitlab.nn.data.preprocess import preprocess
from digitlab.nn.data.strokes import drawn_digit
from digitlab.nn.speed.timing import time_batches

SIZES = (784, 100, 10)
BATCH_SIZE = 100
LR, MOMENTUM = 0.1, 0.9


def reference_network(rng: np.random.Generator, sizes=SIZES) -> MultiLayerNet:
    """A fresh float32 ReLU network of the given sizes (784, hidden..., 10), He-initialised."""
    return MultiLayerNet(sizes[0], sizes[1:-1], sizes[-1], activation="relu", weight_init="he",
                         dtype=np.float32, rng=rng)


def epoch_seconds(network, optimizer, x, t, rng: np.random.Generator,
                  batch_size: int = BATCH_SIZE) -> float:
    """Wall seconds of one epoch of training iterations as nn.trainer.Trainer runs them.

    x: (N, 784) float32; t: (N,) int labels. The order comes from rng.permutation, as there.
    """
    return epoch_parts(training_step(network, optimizer), BatchGather(x, t), rng,
                       batch_size)["epoch"]


def epoch_parts(step, gather: BatchGather, rng: np.random.Generator,
                batch_size: int = BATCH_SIZE, clock=time.perf_counter) -> dict[str, float]:
    """One epoch of the trainer's path: batches in rng.permutation order gathered by gather,
    step (nn.training.fast_step.training_step) at the optimizer's lr. Timed by part: {"gather":
    x[batch], "gradient": loss_and_gradient, "update": the optimizer's update, "epoch": all of it
    (the permutation and the loop included)}, in seconds of clock."""
    lr = step.optimizer.lr
    parts = {"gather": 0.0, "gradient": 0.0, "update": 0.0}
    started = clock()
    order = rng.permutation(len(gather.x))
    for start in range(0, len(order), batch_size):
        t0 = clock()
        x_batch, t_batch = gather(order[start:start + batch_size])
        t1 = clock()
        step.loss_and_gradient(x_batch, t_batch)
        t2 = clock()
        step.update(lr)
        t3 = clock()
        parts["gather"] += t1 - t0
        parts["gradient"] += t2 - t1
        parts["update"] += t3 - t2
    parts["epoch"] = clock() - started
    return parts


def optimizer_share(parts: dict[str, float]) -> float:
    """The optimizer update's share of an epoch (0..1) from epoch_parts' seconds."""
    return parts["update"] / parts["epoch"] if parts["epoch"] > 0 else 0.0


def conv_network(rng: np.random.Generator):
    """A fresh float32 ConvNet of the Training tab's and `train --model-kind conv`'s defaults."""
    from digitlab.nn.model.convnet import ConvNet
    from digitlab.nn.training.train_config import CONV_HIDDEN_SIZES, CONV_STAGES
    return ConvNet(CONV_STAGES, CONV_HIDDEN_SIZES, rng=rng)


def conv_epoch_seconds(x, t, rng: np.random.Generator, fraction: float = 0.1) -> float:
    """Seconds of one epoch of conv_network with momentum, estimated from `fraction` of it
    (the first batches of rng's order, timed as epoch_seconds times them), scaled up.

    x: (N, 784) float32; t: (N,) int labels.
    """
    return conv_epoch_timer(x, t, rng, fraction)()


def conv_fraction_size(n_images: int, fraction: float) -> int:
    """How many images a `fraction` of an epoch takes: whole batches, at least one."""
    return max(BATCH_SIZE, int(n_images * fraction) // BATCH_SIZE * BATCH_SIZE)


def conv_epoch_timer(x, t, rng: np.random.Generator, fraction: float = 0.1):
    """A callable that trains one conv_network (made now from rng) on the next `fraction` of an
    epoch, with momentum (lr 0.01), and returns the seconds scaled to a whole epoch.

    Each call draws rng.permutation(len(x)), keeps its first conv_fraction_size images and
    times them as epoch_seconds does: torch_conv_epoch_timer in cli/bench.py follows the same
    draws. x: (N, 784) float32; t: (N,) int labels.
    """
    network = conv_network(rng)
    optimizer = Momentum(lr=0.01, momentum=MOMENTUM)
    n = conv_fraction_size(len(x), fraction)

    def one_fraction() -> float:
        chosen = rng.permutation(len(x))[:n]
        return epoch_seconds(network, optimizer, x[chosen], t[chosen], rng) * len(x) / n

    return one_fraction


def inference_seconds(network, x, batch_size: int = 1000) -> float:
    """Seconds to classify every image of x (N, 784), in batches (as `eval` does)."""
    started = time.perf_counter()
    for start in range(0, len(x), batch_size):
        network.predict(x[start:start + batch_size])
    return time.perf_counter() - started


def gemm_seconds(x, rng: np.random.Generator, sizes=SIZES, batch_size: int = BATCH_SIZE) -> float:
    """Seconds that the float32 matrix products of one epoch alone take (a floor for epoch_seconds).

    Per mini-batch of a one-hidden-layer net, exactly those of backprop: x @ W1, h @ W2 forward;
    dout @ W2.T, h.T @ dout, x.T @ dh backward (dx of the first layer is never computed). The
    batches are gathered from x in rng's order as in an epoch, and that gathering, timed in a loop
    of its own, is subtracted: both loops are wall time, so on a shared machine both are slowed
    alike (timing each product alone would miss the preemptions that fall between them).
    """
    if len(sizes) != 3:
        raise ValueError(f"gemm_seconds times one hidden layer, got sizes {sizes}")
    n_in, n_hidden, n_out = sizes
    W1 = (0.05 * rng.standard_normal((n_in, n_hidden))).astype(np.float32)
    W2 = (0.1 * rng.standard_normal((n_hidden, n_out))).astype(np.float32)
    dout = (0.01 * rng.standard_normal((batch_size, n_out))).astype(np.float32)
    order = rng.permutation(len(x))
    batches = [order[start:start + batch_size] for start in range(0, len(order), batch_size)]
    started = time.perf_counter()
    for batch in batches:
        xb = x[batch]
        h = xb @ W1
        _ = h @ W2
        dh = dout[:len(xb)] @ W2.T
        _ = h.T @ dout[:len(xb)]
        _ = xb.T @ dh
    with_products = time.perf_counter() - started
    started = time.perf_counter()
    for batch in batches:
        xb = x[batch]
    gathering = time.perf_counter() - started
    return max(with_products - gathering, 1e-9)


def interleaved_medians(timers: dict, repeats: int = 3, warmup: int = 1) -> dict[str, float]:
    """Median of each timer's seconds (a callable returning seconds) over `repeats` rounds, after
    `warmup` untimed ones. Each round runs every timer once, so that on a shared machine the
    figures are taken under the same load and their ratios mean something."""
    for _ in range(warmup):
        for timer in timers.values():
            timer()
    seconds = {name: [] for name in timers}
    for _ in range(repeats):
        for name, timer in timers.items():
            seconds[name].append(timer())
    return {name: statistics.median(values) for name, values in seconds.items()}


def drawn_canvases(n: int, rng: np.random.Generator, drawings: int | None = None,
                   size: int = 280) -> list[np.ndarray]:
    """n different canvases (size, size) float32, ink 1 on 0, as the Draw tab holds them.

    `drawings` digits (default n, cycling 0-9) are rendered with nn.strokes and each is shown at
    n / drawings random places on the canvas: rendering one costs tens of ms, moving it nothing.
    """
    drawings = n if drawings is None else max(1, min(drawings, n))
    bases = [drawn_digit(i % 10, rng, size)[0] for i in range(drawings)]
    return [bases[i] if i < drawings else moved(bases[i % drawings], rng) for i in range(n)]


def moved(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """image (H, W) with its ink moved by a random whole-pixel offset that keeps it all inside."""
    rows = np.flatnonzero(image.any(axis=1))
    cols = np.flatnonzero(image.any(axis=0))
    if rows.size == 0:
        return image.copy()
    dy = rng.integers(-rows[0], image.shape[0] - rows[-1])
    dx = rng.integers(-cols[0], image.shape[1] - cols[-1])
    return np.roll(image, (int(dy), int(dx)), axis=(0, 1))


def predict_milliseconds(network, images) -> np.ndarray:
    """Per image, milliseconds of what the Draw tab does for it: preprocess, then one forward pass
    giving the probabilities and the hidden activations. images: iterable of (H, W). -> (n,)."""
    times = []
    for image in images:
        started = time.perf_counter()
        x28 = preprocess(image)
        if x28 is not None:
            network.probabilities_and_hidden(x28.reshape(1, -1))
        times.append(1000.0 * (time.perf_counter() - started))
    return np.array(times)


def batch_speedup(network, x, batch_size: int = 100) -> float:
    """How many times faster x (N, 784) is classified in batches than one image at a time
    (the course's chapter 3 demo, as the evaluation panel times it)."""
    return time_batches(network, x, batch_size).speedup
