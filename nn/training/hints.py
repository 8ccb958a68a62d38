"""Advice that watches a run: what an experienced practitioner would notice, as numbers, with the
setting to change for the next run.

A HintWatcher reads the run's events (nn.trainer's IterationEvent, EpochEvent, HealthEvent,
FinishedEvent) and fires each kind of Hint at most once. A Hint holds what was seen (`numbers`)
and `change`, the TrainConfig fields a next run should take (empty when no setting helps);
`apply(config)` makes that config. The words (title, what was seen, why) are the GUI's, in the
user's language; nn gives the numbers only.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from digitlab.nn.training.diagnostics import HealthEvent
from digitlab.nn.training.train_config import TrainConfig
from digitlab.nn.training.train_events import EpochEvent, FinishedEvent, FinishReason, IterationEvent, StrEnum

SLOW_AFTER = 300            # iterations before "too slow" may fire
SLOW_DROP = 0.1             # ... when the loss fell by less than 10% of its start by then
OVERFIT_GAP = 0.03          # train accuracy this far above test accuracy ...
OVERFIT_EPOCHS = 2          # ... at the last epochs, and not shrinking
SATURATED_SHARE = 0.5       # a layer with half its sigmoid units stuck
DEAD_SHARE = 0.3            # a layer with 30% of its ReLU units never active
LR_FAR = 10.0               # the rate 10x above or below the range test's suggestion
AVERAGE = 20                # iterations averaged for a loss


class HintKind(StrEnum):
    """What a hint is about."""

    DIVERGING = "diverging"
    TOO_SLOW = "too_slow"
    OVERFITTING = "overfitting"
    SATURATED = "saturated"
    DEAD_RELU = "dead_relu"
    LR_FAR = "lr_far"


@dataclass(frozen=True)
class Hint:
    """kind; numbers (name -> value) that show what was seen; change (TrainConfig field -> value)
    for the next run, empty when no single setting helps."""

    kind: HintKind
    numbers: dict = field(default_factory=dict)
    change: dict = field(default_factory=dict)

    def apply(self, config: TrainConfig) -> TrainConfig:
        """config with this hint's change made."""
        return dataclasses.replace(config, **self.change)

    def __repr__(self):
        return f"Hint({self.kind}, {self.numbers}, change={self.change})"


SWEEP_FIELDS = ("hidden_sizes", "activation", "weight_init", "optimizer", "batch_size", "dtype",
                "gradient")


def same_sweep(a: TrainConfig, b: TrainConfig) -> bool:
    """Whether a range test made with config a speaks for a run of config b (same network,
    initialisation, optimizer and batch size; the rate itself may differ)."""
    return all(getattr(a, name) == getattr(b, name) for name in SWEEP_FIELDS)


def _rate(value: float) -> float:
    return float(f"{value:.2g}")


class HintWatcher:
    """Watches one run of config; suggested_lr: the range test's suggestion for the same network
    and optimizer (see `same_sweep`), if one was made.

    observe(event) -> the hints that event made fire (each kind once); hints: every hint so far.
    """

    def __init__(self, config: TrainConfig, suggested_lr: float | None = None):
        self.config = config
        self.suggested_lr = suggested_lr
        self.hints: dict[HintKind, Hint] = {}
        self._losses: list[float] = []
        self._gaps: list[float] = []

    def __repr__(self):
        return f"HintWatcher({len(self.hints)} hints)"

    def observe(self, event) -> list[Hint]:
        if isinstance(event, IterationEvent):
            found = self._iteration(event)
        elif isinstance(event, EpochEvent):
            found = self._epoch(event)
        elif isinstance(event, HealthEvent):
            found = self._health(event)
        elif isinstance(event, FinishedEvent):
            found = self._finished(event)
        else:
            found = []
        new = [hint for hint in found if hint.kind not in self.hints]
        for hint in new:
            self.hints[hint.kind] = hint
        return new

    def start(self) -> list[Hint]:
        """The hints known before any step: a rate far from the range test's suggestion."""
        lr, suggested = self.config.lr, self.suggested_lr
        if suggested is None or suggested <= 0:
            return []
        ratio = lr / suggested
        if ratio > LR_FAR or ratio < 1 / LR_FAR:
            hint = Hint(HintKind.LR_FAR, {"lr": lr, "suggested": suggested, "ratio": ratio},
                        {"lr": suggested})
            self.hints.setdefault(hint.kind, hint)
            return [hint]
        return []

    def _iteration(self, event: IterationEvent) -> list[Hint]:
        if math.isfinite(event.loss) and len(self._losses) < SLOW_AFTER:
            self._losses.append(event.loss)
        if len(self._losses) < SLOW_AFTER or event.iteration != SLOW_AFTER:
            return []
        start = sum(self._losses[:AVERAGE]) / AVERAGE
        now = sum(self._losses[-AVERAGE:]) / AVERAGE
        drop = (start - now) / start if start > 0 else 0.0
        if drop >= SLOW_DROP:
            return []
        return [Hint(HintKind.TOO_SLOW, {"iterations": SLOW_AFTER, "loss_start": start,
                                         "loss_now": now, "drop": drop, "lr": event.lr},
                     {"lr": _rate(min(self.config.lr * 10, 1.0))} if self.config.lr < 0.1 else {})]

    def _epoch(self, event: EpochEvent) -> list[Hint]:
        if event.epoch == 0:
            return []
        gap = event.train_accuracy - event.test_accuracy
        self._gaps.append(gap)
        recent = self._gaps[-OVERFIT_EPOCHS:]
        wide = len(recent) == OVERFIT_EPOCHS and min(recent) >= OVERFIT_GAP
        if not wide or any(b < a for a, b in zip(recent, recent[1:])):
            return []
        decay = self.config.weight_decay
        return [Hint(HintKind.OVERFITTING, {"epoch": event.epoch, "train": event.train_accuracy,
                                            "test": event.test_accuracy, "gap": gap},
                     {"weight_decay": _rate(decay * 10) if decay > 0 else 1e-4})]

    def _health(self, event: HealthEvent) -> list[Hint]:
        found = []
        saturated = event.worst("saturated_share")
        if saturated is not None and saturated >= SATURATED_SHARE:
            change = ({"weight_init": "xavier"} if self.config.weight_init != "xavier"
                      else {"lr": _rate(self.config.lr / 10)})
            found.append(Hint(HintKind.SATURATED, {"share": saturated, "iteration": event.iteration},
                              change))
        dead = event.worst("dead_share")
        if dead is not None and dead >= DEAD_SHARE:
            change = ({"weight_init": "he"} if self.config.weight_init != "he"
                      else {"lr": _rate(self.config.lr / 10)})
            found.append(Hint(HintKind.DEAD_RELU, {"share": dead, "iteration": event.iteration},
                              change))
        return found

    def _finished(self, event: FinishedEvent) -> list[Hint]:
        divergence = getattr(event, "divergence", None)
        if event.reason != FinishReason.DIVERGED or divergence is None:
            return []
        change = {}
        if divergence.blame == "lr":
            change = {"lr": divergence.suggestion}
        elif divergence.blame == "weight_decay":
            change = {"weight_decay": divergence.suggestion}
        elif self.config.weight_init not in ("he", "xavier"):
            change = {"weight_init": "he" if self.config.activation == "relu" else "xavier"}
        return [Hint(HintKind.DIVERGING, {"loss": divergence.loss, "iteration": divergence.iteration,
                                          "lr": divergence.lr}, change)]
