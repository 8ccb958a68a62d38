"""Fine-tuning on the user's own digits without forgetting MNIST.

    tuner = FineTuner(network, (x_personal, t_personal), (x_mnist, t_mnist), rng=rng)
    for progress in tuner.run(stop=event):     # FinetuneProgress after every mini-batch
        ...
    tuner.network                              # the fine-tuned copy; `network` is untouched

A few hundred mini-batches, each mixing augmented personal samples (drawn with replacement: a
personal set is small) with MNIST training images, at a small learning rate. Training on the
personal samples alone would bend the network to them and away from everything else; the MNIST
share keeps pulling it back (rehearsal), so it learns the new styles while MNIST is not forgotten.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from digitlab.nn.data.augment import augment_batch
from digitlab.nn.training.optimizers import make_optimizer


MAX_STEPS = 100_000   # about an hour on this kind of computer: a longer run is a typo


@dataclass(frozen=True)
class FinetuneConfig:
    """How long and how hard to fine-tune."""

    # Fewer steps forget more: the network first jumps towards the new styles and the MNIST
    # share needs a few hundred steps to pull it back (measured: 50 steps cost 0.7 points of
    # MNIST, 300 steps 0.2). A constant lr recovers better than a cosine decay to 0.
    steps: int = 300
    batch_size: int = 100
    # Share of each mini-batch taken from the personal samples. More learns them no better but
    # costs MNIST accuracy: an unusual style (a 1 with a long flag) competes with an MNIST digit
    # (a 7), and measured on such a set 0.25 lost 0.5 points of MNIST, 0.15 about 0.2.
    personal_fraction: float = 0.15
    optimizer: str = "momentum"
    lr: float = 0.01

    def __post_init__(self):
        if not 1 <= self.steps <= MAX_STEPS or self.batch_size < 2:
            raise ValueError(f"steps must be 1 to {MAX_STEPS:,} and batch_size >= 2 "
                             f"(config: {self})")
        if not 0.0 < self.personal_fraction < 1.0 or not self.lr > 0:
            raise ValueError(f"personal_fraction must be in (0, 1) and lr > 0 (config: {self})")


@dataclass(frozen=True, slots=True)
class FinetuneProgress:
    """After every mini-batch: step counts from 1; loss of that batch before its step."""

    step: int
    steps_total: int
    loss: float


class FineTuner:
    """Fine-tunes a copy of `network` on personal samples mixed with MNIST; see the module doc.

    personal, mnist: (x (N, 784) float in [0, 1], t (N,) int labels). rng draws the batches and
    the augmentation.
    """

    def __init__(self, network, personal, mnist, config: FinetuneConfig | None = None, *,
                 rng: np.random.Generator):
        self.config = config if config is not None else FinetuneConfig()
        self.x_personal, self.t_personal = _as_pair(personal, "personal")
        self.x_mnist, self.t_mnist = _as_pair(mnist, "MNIST")
        if len(self.t_mnist) < self.config.batch_size:
            raise ValueError("fine-tuning needs at least batch_size MNIST images")
        self.network = network.copy()
        self.rng = rng
        self.optimizer = make_optimizer(self.config.optimizer, self.config.lr)
        self.steps_done = 0
        self.stopped = False

    def __repr__(self):
        return (f"FineTuner({self.network!r}, {len(self.t_personal)} personal samples, "
                f"{self.steps_done}/{self.config.steps} steps)")

    def run(self, stop: Callable[[], bool] | None = None) -> Iterator[FinetuneProgress]:
        """Yields FinetuneProgress per step; ends after config.steps or when stop is requested.

        stop: a threading.Event or a callable returning True to stop; checked before every step.
        A stopped run leaves `stopped` True and the network as after its last completed step.
        """
        steps = self.config.steps
        while self.steps_done < steps:
            if _stop_requested(stop):
                self.stopped = True
                return
            x, t = self._batch()
            loss, grads = self.network.loss_and_gradient(x, t)
            if not np.isfinite(loss):
                raise FloatingPointError(f"the loss became {loss} at fine-tuning step "
                                         f"{self.steps_done + 1}: use a smaller learning rate")
            self.optimizer.update(self.network.params, grads)
            self.steps_done += 1
            yield FinetuneProgress(self.steps_done, steps, float(loss))

    def _batch(self) -> tuple[np.ndarray, np.ndarray]:
        """One mixed mini-batch: augmented personal samples, then MNIST images."""
        n_personal = max(1, round(self.config.batch_size * self.config.personal_fraction))
        mine = self.rng.integers(0, len(self.t_personal), n_personal)
        theirs = self.rng.choice(len(self.t_mnist), self.config.batch_size - n_personal,
                                 replace=False)
        x = np.concatenate([augment_batch(self.x_personal[mine], self.rng),
                            self.x_mnist[theirs]]).astype(self.network.dtype, copy=False)
        return x, np.concatenate([self.t_personal[mine], self.t_mnist[theirs]])


def _as_pair(data, what: str) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(data[0], dtype=np.float32)
    t = np.asarray(data[1], dtype=np.int64).reshape(-1)
    if len(x) == 0 or len(x) != len(t) or x.size != len(x) * 784:
        raise ValueError(f"the {what} samples must be (N, 784) images with N labels, N >= 1; "
                         f"got {x.shape} and {t.shape}")
    return x.reshape(len(x), 784), t


def _stop_requested(stop) -> bool:
    if stop is None:
        return False
    if hasattr(stop, "is_set"):
        return bool(stop.is_set())
    return bool(stop())


@dataclass(frozen=True)
class BeforeAfter:
    """Accuracies before and after fine-tuning; personal_* are None without personal test samples."""

    personal_before: float | None
    personal_after: float | None
    mnist_before: float
    mnist_after: float
    personal_n: int
    mnist_n: int

    def to_dict(self) -> dict:
        return {key: getattr(self, key) for key in self.__dataclass_fields__}


def evaluate_before_after(before, after, personal_test, mnist_test) -> BeforeAfter:
    """Personal test-split and MNIST test accuracy of two networks.

    personal_test, mnist_test: (x (N, 784), t (N,)); the personal test split may be empty.
    """
    x_p, t_p = personal_test
    x_m, t_m = mnist_test
    has_personal = len(t_p) > 0
    return BeforeAfter(before.accuracy(x_p, t_p) if has_personal else None,
                       after.accuracy(x_p, t_p) if has_personal else None,
                       before.accuracy(x_m, t_m), after.accuracy(x_m, t_m), len(t_p), len(t_m))
