"""What comes out of a training run: the progress events nn.trainer yields and what they add up to.

Small frozen dataclasses that the GUI and the command line read; FinishReason, why a run ended;
Progress, a stretch of iterations summarised for a display; and the sentence that explains a
divergence to a student. Re-exported by nn.trainer.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np

try:
    from enum import StrEnum
except ImportError:  # Python 3.10
    class StrEnum(str, Enum):
        """Members are their values as strings: in f-strings, JSON and comparisons."""

        def __str__(self) -> str:
            return str(self.value)


class FinishReason(StrEnum):
    """Why a run ended (FinishedEvent.reason); compares equal to its value, e.g. "diverged"."""

    COMPLETED = "completed"
    STOPPED = "stopped"
    DIVERGED = "diverged"


@dataclass(frozen=True, slots=True)
class IterationEvent:
    """After every mini-batch step. iteration counts from 1 over the whole run."""

    iteration: int
    epoch: int
    loss: float
    lr: float
    samples_per_sec: float
    iterations_total: int
    seconds_elapsed: float


@dataclass(frozen=True, slots=True)
class EpochEvent:
    """After every epoch. seconds include the accuracy measurement, samples_per_sec does not.

    epoch 0 (config.record_initial) holds the accuracies before any training. fraction: the share
    of an epoch this one ran: 0 for epoch 0, below 1 for the last epoch of a run given in
    iterations that ends inside it (10,000 iterations of 600 per epoch end 2/3 into epoch 17).
    """

    epoch: int
    epochs_total: int
    train_accuracy: float
    test_accuracy: float
    seconds: float
    samples_per_sec: float
    fraction: float = 1.0


@dataclass(frozen=True, slots=True)
class FinishedEvent:
    """The last event: why the run ended, a sentence about it, test_accuracy of the last epoch."""

    reason: FinishReason
    message: str
    epochs_done: int
    test_accuracy: float | None
    divergence: Divergence | None = None   # set when reason is DIVERGED: the message's numbers


@dataclass(frozen=True)
class Progress:
    """The iterations since the last report, summarised for a display (the GUI's live plots).

    iterations, losses, lrs: (k,) arrays, one entry per iteration; the rest describes the latest.
    samples_per_sec is averaged over the whole run so far: the first iterations of an epoch alone
    would give a jumpy speed.
    """

    iterations: np.ndarray
    losses: np.ndarray
    lrs: np.ndarray
    iteration: int
    iterations_total: int
    epoch: int
    epochs_total: int
    samples_per_sec: float
    seconds_elapsed: float
    seconds_per_iteration: float

    @classmethod
    def of(cls, events: Sequence[IterationEvent], batch_size: int, epochs_total: int) -> Progress:
        """Progress over events (at least one IterationEvent) of a run with this batch size."""
        last = events[-1]
        return cls(
            iterations=np.array([event.iteration for event in events], dtype=np.int64),
            losses=np.array([event.loss for event in events], dtype=np.float64),
            lrs=np.array([event.lr for event in events], dtype=np.float64),
            iteration=last.iteration, iterations_total=last.iterations_total, epoch=last.epoch,
            epochs_total=epochs_total,
            samples_per_sec=last.iteration * batch_size / max(last.seconds_elapsed, 1e-9),
            seconds_elapsed=last.seconds_elapsed,
            seconds_per_iteration=batch_size / max(last.samples_per_sec, 1e-9))

    @property
    def seconds_left(self) -> float:
        """The rest of the run at the pace so far."""
        done = max(self.iteration, 1)
        return self.seconds_elapsed / done * (max(self.iterations_total, 1) - self.iteration)


def suggested_lr(lr: float) -> float:
    """The learning rate to try after lr diverged: a tenth of it, at most 0.1 (the course's)."""
    return float(f"{min(lr / 10, 0.1):.3g}")


def lr_advice(lr: float) -> str:
    """The second half of a divergence message: why, and a learning rate to try instead."""
    return f"the learning rate {lr:g} is too large, so each step overshoots. Try {suggested_lr(lr):g}."


def weight_decay_to_blame(weight_decay: float, penalty: float, first_loss: float | None,
                          lr: float | None = None) -> bool:
    """Whether a divergence is the weight decay's doing rather than the learning rate's.

    penalty: 0.5 * weight_decay * sum(W^2) at the initial weights, part of the first loss. When it
    is most of that loss, the gradient is mostly weight_decay * W and a step scales the weights by
    (1 - lr * weight_decay): beyond lr * weight_decay = 2 they grow, whatever the data says. Up to
    2 (lr given) the decay alone shrinks them, so the learning rate is to blame.
    """
    if weight_decay <= 0:
        return False
    if not math.isfinite(penalty):
        return True
    if lr is not None and lr * weight_decay <= 2:
        return False
    return first_loss is not None and penalty >= 0.5 * first_loss


def weight_decay_advice(weight_decay: float, penalty: float, first_loss: float | None) -> str:
    """The second half of a divergence message when weight_decay_to_blame says so."""
    # The book's chapter 6 uses 0.1; a hundredth of a moderate value is the smaller step to try.
    suggestion = min(weight_decay / 100, 0.1)
    if first_loss is None or not math.isfinite(penalty):
        share = "is infinite"
    else:
        share = f"was {penalty:.3g} of the first loss {first_loss:.3g}"
    return (f"the weight decay {weight_decay:g} is too large: its penalty (0.5 x weight decay x "
            f"sum of W^2) {share}, so each step mostly shrinks the weights and overshoots. "
            f"Try {suggestion:g}.")


@dataclass(frozen=True)
class Divergence:
    """A divergence as numbers, so that a message can be made of them in any language.

    kind: "jump" (the loss grew past its limit), "infinite", "nan", "weights" (the weights became
    infinite at an epoch's last step) or "first" (the very first loss was not finite); loss: the
    loss then; first_loss: the first iteration's (None when it was not finite); penalty: the weight
    decay's part of the first loss, 0.5 * weight_decay * sum(W^2) at the initial weights.
    """

    kind: str
    iteration: int
    loss: float
    first_loss: float | None
    lr: float
    weight_decay: float = 0.0
    penalty: float = 0.0

    @classmethod
    def of_loss(cls, loss: float, iteration: int, lr: float, first_loss: float | None, *,
                weight_decay: float = 0.0, penalty: float = 0.0) -> Divergence:
        """The divergence a loss shows at iteration (the kind follows from the numbers)."""
        if first_loss is None and not weight_decay_to_blame(weight_decay, penalty, first_loss, lr):
            kind = "first"
        elif math.isinf(loss):
            kind = "infinite"
        elif math.isnan(loss):
            kind = "nan"
        else:
            kind = "jump"
        return cls(kind, iteration, loss, first_loss, lr, weight_decay, penalty)

    @property
    def blame(self) -> str:
        """What to change: "weight_decay", "init" (the initial weights) or "lr"."""
        if weight_decay_to_blame(self.weight_decay, self.penalty, self.first_loss, self.lr):
            return "weight_decay"
        return "init" if self.kind == "first" else "lr"

    @property
    def suggestion(self) -> float | None:
        """The value to try for what is to blame (None for the initial weights)."""
        if self.blame == "weight_decay":
            # The book's chapter 6 uses 0.1; a hundredth of a moderate value is the smaller step.
            return min(self.weight_decay / 100, 0.1)
        return suggested_lr(self.lr) if self.blame == "lr" else None

    def message(self) -> str:
        """A sentence a student understands: what happened at which iteration, why, what to try."""
        if self.blame == "init":
            return ("The loss was not a finite number at the very first iteration, before any step: "
                    "the initial weights are too large. Choose a smaller weight initialization.")
        if self.blame == "weight_decay":
            advice = weight_decay_advice(self.weight_decay, self.penalty, self.first_loss)
        else:
            advice = lr_advice(self.lr)
        if self.kind == "jump":
            what = f"The loss jumped from {self.first_loss:.3g} to {self.loss:.3g}"
        else:
            what = {"infinite": "The loss became infinite", "nan": "The loss became NaN (not a number)",
                    "weights": "The weights became infinite"}[self.kind]
        return f"{what} at iteration {self.iteration}: {advice}"


def divergence_message(loss: float, iteration: int, lr: float, first_loss: float | None, *,
                       weight_decay: float = 0.0, penalty: float = 0.0) -> str:
    """Divergence.of_loss(...).message(): the sentence for a loss seen at iteration."""
    return Divergence.of_loss(loss, iteration, lr, first_loss, weight_decay=weight_decay,
                              penalty=penalty).message()
