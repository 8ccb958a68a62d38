"""The training worker: runs one training run off the GUI thread and reports through throttled signals."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from digitlab.gui.training.mnist_cache import Data
from digitlab.gui.workers import Stage, WorkerFailure, yield_cpu_to_gui
from digitlab.nn.speed.timing import backprop_seconds
from digitlab.nn.training.diagnostics import HealthEvent
from digitlab.nn.training.evaluate import evaluate
from digitlab.nn.training.hints import HintWatcher
from digitlab.nn.training.trainer import (EpochEvent, FinishedEvent, FinishReason, IterationEvent, Progress,
                        TrainConfig, Trainer, TrainingControl, finite_weights)


# The weights' health (nn.diagnostics) is measured about HEALTH_PER_SECOND times a second, and at
# most every MIN_HEALTH_EVERY iterations: one measurement costs about two iterations (the probe
# batch's forward pass, a few passes over the weights), so well under 1% of the default network's
# training and at most ~8% of a very slow one's. HEALTH_EVERY: a fixed interval instead (0: off;
# scripts/bench.py training-gui --health-every compares).
HEALTH_PER_SECOND = 4
MIN_HEALTH_EVERY = 25
HEALTH_EVERY: int | None = None


class TrainingWorker(QObject):
    """Runs one training run (data loading, Trainer.run()) and turns its events into throttled signals.

    Controls (pause, resume, step, stop, abandon, set_lr) are called directly from the GUI thread; they
    forward to the trainer's thread-safe methods, or are remembered until the trainer exists. Any
    exception ends the run with failed then finished, so the thread always ends (and is logged).

    Signals:
        status(str): what is happening now ("loading MNIST", ...).
        progress(object): an nn.trainer.Progress of the iterations since the last emission, at most
            ~1/interval per second (and at every pause and epoch end).
        epoch_finished(object): nn.trainer.EpochEvent.
        snapshot(object): a copy of the network, at most every snapshot_interval seconds.
        timing(float): seconds of one backprop gradient on one mini-batch (numerical-gradient runs,
            to compare their iterations with).
        evaluated(object): nn.evaluate.Evaluation of the final network on the test set, computed
            here so the GUI thread does not stall; emitted just before finished when there is a network
            (unless stop(evaluate=False)).
        failed(object): a WorkerFailure: the run could not start (Stage.PREPARE), the trainer raised
            (Stage.TRAIN) or the final evaluation did (Stage.EVALUATE); finished follows.
        health(object): the latest nn.diagnostics.HealthEvent (the weights' health on the probe
            batch, measured every health_every iterations), at most with each progress emission.
        hint(object): an nn.hints.Hint that fired (each kind at most once a run).
        finished(object, object): FinishedEvent (None when the run did not get to the end) and a network
            copy (None when the run diverged, did no iteration, failed while training or was abandoned).
    """

    status = Signal(str)
    progress = Signal(object)
    epoch_finished = Signal(object)
    snapshot = Signal(object)
    timing = Signal(float)
    evaluated = Signal(object)
    failed = Signal(object)
    health = Signal(object)
    hint = Signal(object)
    finished = Signal(object, object)

    def __init__(self, config: TrainConfig, data_source: Callable[[], Data], *,
                 interval: float = 0.1, snapshot_interval: float = 0.5,
                 health_every: int | None = None, suggested_lr: float | None = None) -> None:
        super().__init__()
        self.config = config
        # None: adapted to the run's speed (see HEALTH_PER_SECOND)
        self.health_every = HEALTH_EVERY if health_every is None else health_every
        self._watcher = HintWatcher(config, suggested_lr)
        self._health: HealthEvent | None = None
        self._data_source = data_source
        self.interval = interval
        self.snapshot_interval = snapshot_interval
        # Requests made before the Trainer exists wait here and apply in the order made.
        self.control = TrainingControl()
        self._batch: list[IterationEvent] = []
        self._test: tuple[np.ndarray, np.ndarray] | None = None
        self._epochs_total = config.epochs
        self._abandoned = threading.Event()
        self._skip_evaluation = threading.Event()
        self._stage = Stage.PREPARE
        self._result: tuple[FinishedEvent | None, object] = (None, None)

    def __repr__(self) -> str:
        return f"TrainingWorker({self.config!r})"

    # -- controls, called from the GUI thread ------------------------------------------------------
    def stop(self, evaluate: bool = True) -> None:
        """Stop before the next iteration; evaluate=False skips the final evaluation (quitting: it can
        take seconds for a big network, and nobody would see it)."""
        if not evaluate:
            self._skip_evaluation.set()
        self.control.stop()

    def abandon(self) -> None:
        """Stop, and skip the final evaluation and network copy: nobody will look at them."""
        self._abandoned.set()
        self.stop(evaluate=False)


    # -- the run, on the worker thread ---------------------------------------------------------------
    @Slot()
    def run(self) -> None:
        yield_cpu_to_gui()   # drawing on the Draw tab stays smooth while this trains
        try:
            trainer, network = self._prepare()
            if trainer is None:
                self._result = (FinishedEvent(FinishReason.STOPPED, "", 0, None), None)
            else:
                self._stage = Stage.TRAIN
                self._train(trainer, network)
        except Exception as error:  # noqa: BLE001 - any failure: logged, a message, and the run ends
            logging.getLogger("digitlab.training").exception("Training failed (%s)", self._stage)
            self.failed.emit(WorkerFailure.from_exception(self._stage, error))
        finally:
            # always, even after an error: finished ends the thread and frees the Training tab
            self.finished.emit(*self._result)

    def _prepare(self) -> tuple[Trainer | None, object]:
        self.status.emit(self.tr("Loading MNIST..."))
        (x_train, t_train), (x_test, t_test) = self._data_source()
        trainer = Trainer.from_config(self.config, x_train, t_train, x_test, t_test,
                                      control=self.control,
                                      health_every=(MIN_HEALTH_EVERY if self.health_every is None
                                                    else self.health_every))
        if self.config.gradient == "numerical":
            self.timing.emit(backprop_seconds(trainer.network, x_train, t_train, self.config.batch_size))
        self._test = (x_test, t_test)
        self._epochs_total = trainer.epochs_total   # a run given in iterations may end mid-epoch
        if self.control.stop_requested:
            return None, trainer.network
        self.status.emit(self.tr("Training"))
        return trainer, trainer.network

    def _train(self, trainer: Trainer, network) -> None:
        last_emit = last_snapshot = 0.0
        iterations = 0
        for hint in self._watcher.start():
            self.hint.emit(hint)
        for event in trainer.run():
            now = time.monotonic()
            for hint in self._watcher.observe(event):
                self.hint.emit(hint)
            if isinstance(event, HealthEvent):
                self._health = event
            elif isinstance(event, IterationEvent):
                iterations += 1
                self._batch.append(event)
                if now - last_emit >= self.interval or trainer.paused:
                    self._flush()
                    last_emit = now
                    # the pace of the first few batches says little
                    if self.health_every is None and event.iteration >= 50:
                        rate = event.iteration / event.seconds_elapsed
                        trainer.health_every = max(MIN_HEALTH_EVERY, int(rate / HEALTH_PER_SECOND))
                if now - last_snapshot >= self.snapshot_interval:
                    self.snapshot.emit(network.copy())
                    last_snapshot = now
            elif isinstance(event, EpochEvent):
                self._flush()
                self.epoch_finished.emit(event)
            elif isinstance(event, FinishedEvent):
                self._flush()
                self._finish(event, network, iterations)
                return

    def _finish(self, event: FinishedEvent, network, iterations: int) -> None:
        """Set the run's result, then evaluate it: a failed evaluation still keeps the trained network."""
        keep = (event.reason != FinishReason.DIVERGED and iterations > 0 and not self._abandoned.is_set()
                and finite_weights(network))
        self._result = (event, network.copy() if keep else None)
        if keep and not self._skip_evaluation.is_set():
            self._stage = Stage.EVALUATE
            self.evaluated.emit(evaluate(network, *self._test))

    def _flush(self) -> None:
        if not self._batch:
            return
        batch, self._batch = self._batch, []
        self.progress.emit(Progress.of(batch, self.config.batch_size, self._epochs_total))
        if self._health is not None:
            health, self._health = self._health, None
            self.health.emit(health)
