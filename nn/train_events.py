"""What goes into a training run and what comes out of it: TrainConfig and the progress events.

Small frozen dataclasses that nn.trainer yields and the GUI and the command line read; also the
sentence that explains a divergence to a student. Re-exported by nn.trainer.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

from nn.optimizers import OPTIMIZER_NAMES, SCHEDULE_NAMES

GRADIENT_METHODS = ("backprop", "numerical")


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a training run (saved with a model)."""

    hidden_sizes: tuple[int, ...] = (100,)
    activation: str = "relu"
    weight_init: str = "he"
    optimizer: str = "sgd"
    lr: float = 0.1
    schedule: str = "constant"
    batch_size: int = 100
    epochs: int = 10
    weight_decay: float = 0.0
    dropout: float = 0.0
    augment: bool = False
    train_size: int | None = None
    drawn_digits: int = 0          # synthetic pen-drawn digits (nn.strokes) added to the training set
    seed: int = 0
    gradient: str = "backprop"
    dtype: str = "float32"
    # The length of the run in iterations (the course's iters_num), overriding epochs: the last
    # epoch may then be partial. None: epochs full epochs.
    iterations: int | None = None
    record_initial: bool = False   # an EpochEvent 0 with the accuracies before any training

    def __post_init__(self):
        checks = [
            (self.optimizer in OPTIMIZER_NAMES, f"optimizer must be one of {OPTIMIZER_NAMES}"),
            (self.schedule in SCHEDULE_NAMES, f"schedule must be one of {SCHEDULE_NAMES}"),
            (self.gradient in GRADIENT_METHODS, f"gradient must be one of {GRADIENT_METHODS}"),
            (self.dtype in ("float32", "float64"), "dtype must be 'float32' or 'float64'"),
            (math.isfinite(self.lr) and self.lr > 0, "lr must be a positive number"),
            (self.batch_size >= 1 and self.epochs >= 1, "batch_size and epochs must be at least 1"),
            (self.weight_decay >= 0 and 0 <= self.dropout < 1,
             "weight_decay must be >= 0 and dropout in [0, 1)"),
            (self.train_size is None or self.train_size >= 1, "train_size must be None or >= 1"),
            (self.drawn_digits >= 0, "drawn_digits must be >= 0"),
            (self.iterations is None or self.iterations >= 1, "iterations must be None or >= 1"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(f"{message} (config: {self})")

    def to_dict(self) -> dict:
        """Plain JSON-able values (hidden_sizes as a list)."""
        d = asdict(self)
        d["hidden_sizes"] = list(self.hidden_sizes)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> TrainConfig:
        """The inverse of to_dict; missing keys take their defaults, unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in d.items() if key in known}
        if "hidden_sizes" in values:
            values["hidden_sizes"] = tuple(int(h) for h in values["hidden_sizes"])
        return cls(**values)


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
    """The last event. reason: "completed" | "stopped" | "diverged"; test_accuracy of the last epoch."""

    reason: str
    message: str
    epochs_done: int
    test_accuracy: float | None


def lr_advice(lr: float) -> str:
    """The second half of a divergence message: why, and a learning rate to try instead."""
    return f"the learning rate {lr:g} is too large, so each step overshoots. Try {lr / 100:g}."


def weight_decay_to_blame(weight_decay: float, penalty: float, first_loss: float | None) -> bool:
    """Whether a divergence is the weight decay's doing rather than the learning rate's.

    penalty: 0.5 * weight_decay * sum(W^2) at the initial weights, part of the first loss. When it
    is most of that loss, the gradient is mostly weight_decay * W and a step scales the weights by
    (1 - lr * weight_decay): beyond lr * weight_decay = 2 they grow, whatever the data says.
    """
    if weight_decay <= 0:
        return False
    if not math.isfinite(penalty):
        return True
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


def divergence_advice(lr: float, first_loss: float | None, weight_decay: float = 0.0,
                      penalty: float = 0.0) -> str:
    """Why the run diverged and what to try: the weight decay or the learning rate."""
    if weight_decay_to_blame(weight_decay, penalty, first_loss):
        return weight_decay_advice(weight_decay, penalty, first_loss)
    return lr_advice(lr)


def divergence_message(loss: float, iteration: int, lr: float, first_loss: float | None, *,
                       weight_decay: float = 0.0, penalty: float = 0.0) -> str:
    """A sentence a student understands: what happened at which iteration, why, and what to try.

    first_loss: the first iteration's loss (None when it was not finite); penalty: the weight
    decay's part of it, 0.5 * weight_decay * sum(W^2) at the initial weights.
    """
    if weight_decay_to_blame(weight_decay, penalty, first_loss):
        advice = weight_decay_advice(weight_decay, penalty, first_loss)
    elif first_loss is None:
        return ("The loss was not a finite number at the very first iteration, before any step: "
                "the initial weights are too large. Choose a smaller weight initialization.")
    else:
        advice = lr_advice(lr)
    if math.isinf(loss):
        what = "The loss became infinite"
    elif math.isnan(loss):
        what = "The loss became NaN (not a number)"
    else:
        what = f"The loss jumped from {first_loss:.3g} to {loss:.3g}"
    return f"{what} at iteration {iteration}: {advice}"
