"""Mini-batch training as an iterator of progress events that another thread can pause, step or stop.

    trainer = Trainer.from_config(config, x_train, t_train, x_test, t_test)
    for event in trainer.run():       # IterationEvent ..., EpochEvent, ..., one FinishedEvent
        ...

Each epoch visits the training images in a new random order (drawn from rng) in
ceil(N / batch_size) mini-batches: every image is used exactly once per epoch and the last batch is
smaller when batch_size does not divide N. The same seed gives bit-identical weights.
A run given in iterations (config.iterations, the course's iters_num) stops after that many
mini-batches, inside an epoch if need be; config.record_initial adds an EpochEvent 0 first.

config.sampling "choice" runs the course's loop instead (train_neuralnet.py): each iteration draws
rng.choice(train_size, batch_size) (with replacement), logs the loss after the step, and records
the accuracies after iteration i (from 0) when i % iter_per_epoch == 0, as EpochEvent 0, 1, ...
The listing that shows either loop as code is nn.course.training_loop_listing(config).
"""
from __future__ import annotations

import functools
import math
import time

import numpy as np

from digitlab.nn.data.augment import augment_batch
from digitlab.nn.model.convnet import ConvNet
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.numerical.cost import count_params
from digitlab.nn.training.diagnostics import PROBE_SIZE, HealthEvent, HealthMonitor
from digitlab.nn.training.fast_step import FastStep, fits, flat_views, flat_zeros
from digitlab.nn.training.optimizers import make_optimizer, make_schedule
from digitlab.nn.data.strokes import drawn_training_set
from digitlab.nn.training.train_config import (GRADIENT_METHODS, NUMERICAL_MAX_IMAGES, NUMERICAL_MAX_PARAMS,
                                      TRAIN_ACCURACY_SAMPLES, TrainConfig,
                                      numerical_gradient_refusal)
from digitlab.nn.training.train_control import TrainingControl
from digitlab.nn.training.train_events import (Divergence, EpochEvent, FinishedEvent, FinishReason, IterationEvent,
                             Progress, divergence_message, suggested_lr)

__all__ = ["EXPLODED_LOSS", "GRADIENT_METHODS", "HealthEvent", "NUMERICAL_MAX_IMAGES", "NUMERICAL_MAX_PARAMS",
           "Divergence", "EpochEvent", "FinishReason", "FinishedEvent", "IterationEvent", "Progress",
           "TRAIN_ACCURACY_SAMPLES", "TrainConfig", "Trainer", "TrainingControl", "build_network",
           "count_params", "divergence_message", "finite_weights", "suggested_lr", "weight_decay_penalty",
           "with_drawn_digits"]

# A mean cross-entropy of 100 gives the right digit a probability of e^-100: no sensible step
# gets there, it only happens when the steps overshoot.
EXPLODED_LOSS = 100.0
DRAWN_STREAM = 2  # second entropy word of the drawn digits' generator: independent of the run's


def build_network(config: TrainConfig, rng: np.random.Generator) -> MultiLayerNet | ConvNet:
    """A fresh network as the config describes (784-hidden-10, or a ConvNet for model_kind
    "conv"), initialised from rng.

    The numerical gradient uses float64 whatever config.dtype says: in float32 the difference
    f(x + h) - f(x - h) with h = 1e-4 loses most of its digits.
    """
    dtype = np.float64 if config.gradient == "numerical" else np.dtype(config.dtype)
    if config.model_kind == "conv":
        return ConvNet(config.conv, config.hidden_sizes, 10, weight_init=config.weight_init,
                       dropout=config.dropout, weight_decay=config.weight_decay, dtype=dtype,
                       rng=rng)
    return MultiLayerNet(784, config.hidden_sizes, 10, activation=config.activation,
                         weight_init=config.weight_init, dropout=config.dropout,
                         weight_decay=config.weight_decay, dtype=dtype, rng=rng)


def with_drawn_digits(x_train, t_train, config: TrainConfig):
    """The training set plus config.drawn_digits pen-drawn digits (nn.strokes), appended.

    They come from their own generator seeded by config.seed, so the shuffling and augmentation
    stream of the run stays the same whether or not they are added. About 7 ms a digit.
    """
    if not config.drawn_digits:
        return x_train, t_train
    x_drawn, t_drawn = drawn_training_set(config.drawn_digits,
                                          np.random.default_rng((config.seed, DRAWN_STREAM)))
    return (np.concatenate([x_train, x_drawn.astype(x_train.dtype, copy=False)]),
            np.concatenate([t_train, t_drawn.astype(t_train.dtype, copy=False)]))


def weight_decay_penalty(network) -> float:
    """0.5 * weight_decay * sum(W^2) over the weight matrices: weight decay's part of the loss."""
    if not network.weight_decay:
        return 0.0
    with np.errstate(over="ignore", invalid="ignore"):   # an infinite penalty is an answer too
        squares = sum(float(np.vdot(value, value)) for key, value in network.params.items()
                      if key.startswith("W"))
    return 0.5 * network.weight_decay * squares


def finite_weights(network) -> bool:
    """True when no weight or bias of the network is infinite or NaN."""
    return all(np.isfinite(value).all() for value in network.params.values())


class BatchGather:
    """x[batch], t[batch] gathered with np.take into two arrays kept from one batch to the next
    (no fresh pair of arrays per batch). Indices must be in -N..N-1, as the
    trainer's are (mode "wrap" is x[batch] there, without the copy that mode "raise" makes). The
    arrays returned are overwritten by the next call of the same batch size: use them before
    asking for the next batch."""

    def __init__(self, x: np.ndarray, t: np.ndarray):
        self.x, self.t = x, t
        self._buffers: tuple[np.ndarray, np.ndarray] | None = None

    def __call__(self, batch) -> tuple[np.ndarray, np.ndarray]:
        batch = np.asarray(batch)
        if batch.ndim != 1 or batch.dtype.kind not in "iu":
            return self.x[batch], self.t[batch]
        n = len(batch)
        if self._buffers is None or len(self._buffers[0]) != n:
            self._buffers = (np.empty((n, *self.x.shape[1:]), self.x.dtype),
                             np.empty((n, *self.t.shape[1:]), self.t.dtype))
        x_out, t_out = self._buffers
        np.take(self.x, batch, axis=0, out=x_out, mode="wrap")   # "raise" copies out
        np.take(self.t, batch, axis=0, out=t_out, mode="wrap")
        return x_out, t_out


class _StoppedMidStep(Exception):
    """A stop requested during a numerical gradient: the iteration is dropped."""


class Trainer:
    """Trains network on (x_train, t_train) with mini-batch gradient descent; see the module doc.

    x_*: (N, 784) float in [0, 1]; t_*: labels (N,) int. config.train_size keeps the first
    train_size training images. With config.augment every mini-batch goes through
    nn.augment.augment_batch with config's scan options (TrainConfig.augment_options). The
    optimizer (default: made from config) gets its lr from the schedule at every iteration.
    pause(), resume(), step(), stop() and set_lr() may be called from any thread; they act
    between iterations. They go to control (nn.train_control), which a caller
    can make before the Trainer and keep sending requests to, in order.
    """

    def __init__(self, network, x_train, t_train, x_test, t_test, config: TrainConfig,
                 rng: np.random.Generator | None = None, optimizer=None,
                 control: TrainingControl | None = None, health_every: int = 0):
        size = len(x_train) if config.train_size is None else min(config.train_size, len(x_train))
        if size == 0:
            raise ValueError("the training set is empty")
        if config.gradient == "numerical":
            refusal = numerical_gradient_refusal(count_params(network), size + config.drawn_digits)
            if refusal is not None:
                raise ValueError(refusal)
        self.network = network
        self.x_train, self.t_train = with_drawn_digits(x_train[:size], t_train[:size], config)
        self.x_test, self.t_test = x_test, t_test
        self.config = config
        self.rng = rng if rng is not None else np.random.default_rng(config.seed)
        self.optimizer = optimizer if optimizer is not None else make_optimizer(config.optimizer,
                                                                                config.lr)
        # Counted after the drawn digits are appended: they are part of every epoch.
        # (a float in the course's loop: max(train_size / batch_size, 1))
        self.iterations_per_epoch = config.iterations_per_epoch(len(self.x_train))
        self.iterations_total = config.iterations_total(len(self.x_train))
        self.epochs_total = math.ceil(self.iterations_total / self.iterations_per_epoch)
        self._augment = (functools.partial(augment_batch, **config.augment_options())
                         if config.augment else None)
        self.control = control if control is not None else TrainingControl()
        self._gather = BatchGather(self.x_train, self.t_train)
        # State of the run, used by run() and its helpers only.
        self._fast: FastStep | None = None
        self._iteration = 0
        self._first_loss = None
        self._test_accuracy = None
        self._paused_seconds = 0.0
        self._epoch_train_seconds = 0.0
        self._epoch_samples = 0
        self._divergence: Divergence | None = None
        # The weights' health (nn.diagnostics) every health_every iterations, on a fixed probe batch
        # of the first training images (no random numbers drawn: the run stays the same).
        self.health_every = health_every
        self._monitor = (HealthMonitor(network, self.x_train[:PROBE_SIZE]) if health_every > 0
                         else None)
        self._health: HealthEvent | None = None

    @classmethod
    def from_config(cls, config: TrainConfig, x_train, t_train, x_test, t_test, *,
                    control: TrainingControl | None = None, health_every: int = 0) -> Trainer:
        """The run config describes: a generator seeded by config.seed, a fresh network drawn
        from it (build_network) and the optimizer of config. Raises ValueError like __init__.
        health_every > 0: a HealthEvent after every health_every-th iteration (and the first)."""
        rng = np.random.default_rng(config.seed)
        return cls(build_network(config, rng), x_train, t_train, x_test, t_test, config, rng=rng,
                   control=control, health_every=health_every)

    def __repr__(self):
        return f"Trainer({self.network!r}, {self.optimizer!r}, {len(self.x_train)} images)"

    # Controls (any thread): the TrainingControl's, applied under its lock in the order made ----

    @property
    def paused(self) -> bool:
        return self.control.paused

    def pause(self):
        """Blocks run() before its next iteration until resume(), step() or stop()."""
        self.control.pause()

    def resume(self):
        self.control.resume()

    def step(self):
        """Runs exactly one more iteration, then stays paused (pauses first when running)."""
        self.control.step()

    def stop(self):
        """Ends run() before its next iteration with FinishedEvent("stopped"), also when paused."""
        self.control.stop()

    def set_lr(self, lr: float):
        """Sets the base learning rate (the schedule scales it); used from the next iteration on."""
        self.control.set_lr(lr)

    def _next_turn(self) -> float | None:
        """Waits while paused; returns the base lr for the next iteration, or None when stopped."""
        base_lr, waited = self.control.next_turn(self.config.lr)
        self._paused_seconds += waited
        return base_lr

    # The run ----------------------------------------------------------------------------------

    def run(self):
        """Yields IterationEvent per step, EpochEvent per epoch and finally one FinishedEvent;
        with health_every, a HealthEvent right after the IterationEvent of each measured step.

        Call it once per Trainer: the iteration count and the optimizer state carry over.
        """
        self._started = time.perf_counter()
        self._schedule = make_schedule(self.config.schedule, self.control.lr(self.config.lr),
                                       self.iterations_total)
        # The weight decay's part of the first loss: tells a divergence message whom to blame.
        self._penalty = weight_decay_penalty(self.network)
        # The step's fast path (same numbers; nn.training.fast_step) where it fits.
        self._fast = (FastStep(self.network, self.optimizer)
                      if self.config.gradient == "backprop" and fits(self.network, self.optimizer)
                      else None)
        # The weights before the latest step: what a divergence rolls back to.
        if self._fast is not None:
            self._backup_flat = flat_zeros(self._fast.params.size, self.network.dtype)
            self._backup = flat_views(self._backup_flat,
                                      {key: value.shape for key, value in self.network.params.items()})
        else:
            self._backup = {key: np.empty_like(value) for key, value in self.network.params.items()}
        if self.config.sampling == "choice":
            yield from self._run_course_loop()
            return
        if self.config.record_initial:
            yield self._evaluate(0)
        for epoch in range(1, self.epochs_total + 1):
            finished = yield from self._run_epoch(epoch)
            if finished is None and not finite_weights(self.network):
                # Only the last step of an epoch can get here unseen: the next loss would show it.
                self._restore_backup()
                self._divergence = Divergence(
                    "weights", self._iteration, math.nan, self._first_loss,
                    self._schedule(self._iteration - 1), self.network.weight_decay, self._penalty)
                finished = self._finished(FinishReason.DIVERGED, epoch - 1)
            if finished is not None:
                yield finished
                return
            yield self._evaluate(epoch)
        yield self._finished(FinishReason.COMPLETED, self.epochs_total, self._completed_message())

    def _run_course_loop(self):
        """The course's loop (config.sampling "choice"; see the module doc): all its events."""
        n, batch_size, per_epoch = len(self.x_train), self.config.batch_size, self.iterations_per_epoch
        records, started, paused_before = 0, time.perf_counter(), self._paused_seconds
        samples = 0   # since the last record: the record's speed and seconds are its stretch's
        for i in range(self.iterations_total):
            base_lr = self._next_turn()
            if base_lr is None:
                yield self._finished(FinishReason.STOPPED, int(i // per_epoch), "Training stopped.")
                return
            lr = self._lr_at(i, base_lr)
            batch_mask = self.rng.choice(n, batch_size)
            x_batch, t_batch = self._batch(batch_mask)
            loss = self._step(x_batch, t_batch, lr)
            if loss is not None:   # the course logs the loss after the step, on the same batch
                loss = self._after_step_loss(x_batch, t_batch, lr)
            if loss is None:
                yield self._finished(FinishReason.DIVERGED, int(i // per_epoch))
                return
            now = time.perf_counter()
            samples += batch_size
            active = now - started - (self._paused_seconds - paused_before)
            self._epoch_train_seconds, self._epoch_samples = active, samples
            yield IterationEvent(self._iteration, int(i // per_epoch) + 1, loss, lr,
                                 samples / max(active, 1e-9), self.iterations_total,
                                 self._elapsed(now))
            if i % per_epoch == 0:
                yield self._evaluate(records, fraction=1 / per_epoch if records == 0 else 1.0)
                records, samples = records + 1, 0
                started, paused_before = time.perf_counter(), self._paused_seconds
        yield self._finished(FinishReason.COMPLETED, self.epochs_total, self._completed_message())

    def _after_step_loss(self, x, t, lr: float) -> float | None:
        """The loss on the step's batch after the step; None (weights rolled back) when it is not
        finite."""
        loss = self.network.loss(x, t)
        if math.isfinite(loss):
            return loss
        self._divergence = Divergence.of_loss(loss, self._iteration, lr, self._first_loss,
                                              weight_decay=self.network.weight_decay,
                                              penalty=self._penalty)
        self._restore_backup()
        return None

    def _batch(self, batch_mask):
        """The mini-batch of these training images, augmented when the config says so."""
        x, t = self._gather(batch_mask)
        if self._augment is not None:
            x = self._augment(x, self.rng)
        return x, t

    def _completed_message(self) -> str:
        if self.config.iterations is None:
            return f"Training finished: {self.config.epochs} epochs."
        epochs = self.iterations_total / self.iterations_per_epoch
        return f"Training finished: {self.iterations_total:,} iterations ({epochs:.2f} epochs)."

    def _run_epoch(self, epoch: int):
        """Yields the IterationEvents of one epoch; returns a FinishedEvent if the run must end."""
        epoch_started, paused_before = time.perf_counter(), self._paused_seconds
        order = self.rng.permutation(len(self.x_train))
        samples = 0
        for start in range(0, len(order), self.config.batch_size):
            if self._iteration >= self.iterations_total:
                break
            base_lr = self._next_turn()
            if base_lr is None:
                return self._finished(FinishReason.STOPPED, epoch - 1, "Training stopped.")
            lr = self._lr_at(self._iteration, base_lr)
            batch = order[start:start + self.config.batch_size]
            try:
                loss = self._step(*self._batch(batch), lr)
            except _StoppedMidStep:   # the numerical gradient left the weights as they were
                return self._finished(FinishReason.STOPPED, epoch - 1, "Training stopped.")
            if loss is None:
                return self._finished(FinishReason.DIVERGED, epoch - 1)
            samples += len(batch)
            now = time.perf_counter()
            active = now - epoch_started - (self._paused_seconds - paused_before)
            self._epoch_train_seconds, self._epoch_samples = active, samples
            yield IterationEvent(self._iteration, epoch, loss, lr, samples / max(active, 1e-9),
                                 self.iterations_total, self._elapsed(now))
            if self._health is not None:
                health, self._health = self._health, None
                yield health
        return None

    def _lr_at(self, iteration: int, base_lr: float) -> float:
        if base_lr != self._schedule.base_lr:
            self._schedule = make_schedule(self.config.schedule, base_lr, self.iterations_total)
        return self._schedule(iteration)

    def _step(self, x, t, lr: float) -> float | None:
        """One gradient step; returns the loss before it, or None (weights rolled back) on divergence."""
        loss, grads = self._loss_and_gradient(x, t)
        self._iteration += 1
        if self._first_loss is None and math.isfinite(loss):
            self._first_loss = loss
        if not math.isfinite(loss) or loss > max(EXPLODED_LOSS, 10 * self._first_loss):
            self._divergence = Divergence.of_loss(
                loss, self._iteration, lr, self._first_loss,
                weight_decay=self.network.weight_decay, penalty=self._penalty)
            if self._iteration > 1:
                self._restore_backup()
            return None
        if self._fast is not None:
            np.copyto(self._backup_flat, self._fast.params)
            self._fast.update(lr)
        else:
            for key, value in self.network.params.items():
                np.copyto(self._backup[key], value)
            self.optimizer.lr = lr
            self.optimizer.update(self.network.params, grads)
        if self._monitor is not None and (self._iteration % self.health_every == 0
                                          or self._iteration == 1):
            self._health = self._monitor.measure(self._iteration, grads, self._backup)
        return loss

    def _loss_and_gradient(self, x, t):
        """(loss, grads) at the current weights, by backprop or by the course's numerical gradient."""
        network = self.network
        if self.config.gradient == "numerical":
            return (network.loss(x, t, train=False),
                    network.numerical_gradient(x, t, after_each=self._raise_if_stopped))
        if self._fast is not None:
            return self._fast.loss_and_gradient(x, t)
        return network.loss_and_gradient(x, t)

    def _raise_if_stopped(self) -> None:
        """After each parameter of a numerical gradient: one iteration may take minutes, a stop
        (quitting the app) must not wait for it."""
        if self.control.stop_requested:
            raise _StoppedMidStep

    def _restore_backup(self):
        for key, value in self.network.params.items():
            np.copyto(value, self._backup[key])

    def _evaluate(self, epoch: int, fraction: float | None = None) -> EpochEvent:
        epoch_seconds, samples = ((self._epoch_train_seconds, self._epoch_samples)
                                  if self._iteration > 0 else (0.0, 0))
        evaluation_started = time.perf_counter()
        size = self.config.train_accuracy_size     # None: all of them, as the course
        train_accuracy = self.network.accuracy(self.x_train[:size], self.t_train[:size])
        self._test_accuracy = self.network.accuracy(self.x_test, self.t_test)
        seconds = epoch_seconds + time.perf_counter() - evaluation_started
        if fraction is None:
            # Below 1 only where a run given in iterations ends inside an epoch; 0 before training.
            done = self._iteration - (epoch - 1) * self.iterations_per_epoch if epoch else 0
            fraction = done / self.iterations_per_epoch
        return EpochEvent(epoch, self.epochs_total, train_accuracy, self._test_accuracy, seconds,
                          samples / max(epoch_seconds, 1e-9), fraction)

    def _elapsed(self, now: float) -> float:
        return now - self._started - self._paused_seconds

    def _finished(self, reason: FinishReason, epochs_done: int, message: str = "") -> FinishedEvent:
        """The last event; a divergence tells its own message and numbers."""
        if reason == FinishReason.DIVERGED:
            return FinishedEvent(reason, self._divergence.message(), epochs_done, self._test_accuracy,
                                 self._divergence)
        return FinishedEvent(reason, message, epochs_done, self._test_accuracy)
