"""The training worker: runs one training run off the GUI thread and reports through throttled signals."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from gui.training.mnist_cache import Data
from gui.workers import WorkerFailure
from nn.evaluate import evaluate
from nn.trainer import (EpochEvent, FinishedEvent, IterationEvent, TrainConfig, Trainer,
                        TrainingControl, build_network)


class TrainingWorker(QObject):
    """Runs one training run (data loading, Trainer.run()) and turns its events into throttled signals.

    Controls (pause, resume, step, stop, abandon, set_lr) are called directly from the GUI thread; they
    forward to the trainer's thread-safe methods, or are remembered until the trainer exists. Any
    exception ends the run with failed then finished, so the thread always ends (and is logged).

    Signals:
        status(str): what is happening now ("loading MNIST", ...).
        progress(dict): at most ~1/interval per second; "iterations", "losses", "lrs": (k,) arrays of the
            iterations since the last emission; "iteration", "iterations_total", "epoch", "epochs_total",
            "samples_per_sec" (averaged over the run so far), "seconds_elapsed", "seconds_per_iteration"
            of the latest one.
        epoch_finished(object): nn.trainer.EpochEvent.
        snapshot(object): a copy of the network, at most every snapshot_interval seconds.
        timing(dict): {"backprop": seconds per iteration} measured on one mini-batch (numerical runs).
        evaluated(object): nn.evaluate.Evaluation of the final network on the test set, computed
            here so the GUI thread does not stall; emitted just before finished when there is a network
            (unless stop(evaluate=False)).
        failed(object): a WorkerFailure: the run could not start ("prepare"), the trainer raised
            ("train") or the final evaluation did ("evaluate"); finished follows.
        finished(object, object): FinishedEvent (None when the run did not get to the end) and a network
            copy (None when the run diverged, did no iteration, failed while training or was abandoned).
    """

    status = Signal(str)
    progress = Signal(dict)
    epoch_finished = Signal(object)
    snapshot = Signal(object)
    timing = Signal(dict)
    evaluated = Signal(object)
    failed = Signal(object)
    finished = Signal(object, object)

    def __init__(self, config: TrainConfig, data_source: Callable[[], Data], *,
                 interval: float = 0.1, snapshot_interval: float = 0.5) -> None:
        super().__init__()
        self.config = config
        self._data_source = data_source
        self.interval = interval
        self.snapshot_interval = snapshot_interval
        # Requests made before the Trainer exists wait here and apply in the order made.
        self.control = TrainingControl()
        self._batch: list[IterationEvent] = []
        self._test: tuple[np.ndarray, np.ndarray] | None = None
        self._abandoned = threading.Event()
        self._skip_evaluation = threading.Event()
        self._stage = "prepare"
        self._result: tuple[FinishedEvent | None, object] = (None, None)

    def __repr__(self) -> str:
        return f"TrainingWorker({self.config!r})"

    # -- controls, called from the GUI thread ------------------------------------------------------
    def pause(self) -> None:
        self.control.pause()

    def resume(self) -> None:
        self.control.resume()

    def step(self) -> None:
        self.control.step()

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

    def set_lr(self, lr: float) -> None:
        self.control.set_lr(lr)

    # -- the run, on the worker thread ---------------------------------------------------------------
    @Slot()
    def run(self) -> None:
        try:
            trainer, network = self._prepare()
            if trainer is None:
                self._result = (FinishedEvent("stopped", "", 0, None), None)
            else:
                self._stage = "train"
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
        rng = np.random.default_rng(self.config.seed)
        network = build_network(self.config, rng)
        if self.config.gradient == "numerical":
            self.timing.emit({"backprop": _time_backprop(network, x_train, t_train, self.config.batch_size)})
        trainer = Trainer(network, x_train, t_train, x_test, t_test, self.config, rng=rng,
                          control=self.control)
        self._test = (x_test, t_test)
        if self.control.stop_requested:
            return None, network
        self.status.emit(self.tr("Training"))
        return trainer, network

    def _train(self, trainer: Trainer, network) -> None:
        last_emit = last_snapshot = 0.0
        iterations = 0
        for event in trainer.run():
            now = time.monotonic()
            if isinstance(event, IterationEvent):
                iterations += 1
                self._batch.append(event)
                if now - last_emit >= self.interval or trainer.paused:
                    self._flush()
                    last_emit = now
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
        keep = (event.reason != "diverged" and iterations > 0 and not self._abandoned.is_set()
                and _is_finite(network))
        self._result = (event, network.copy() if keep else None)
        if keep and not self._skip_evaluation.is_set():
            self._stage = "evaluate"
            self.evaluated.emit(evaluate(network, *self._test))

    def _flush(self) -> None:
        if not self._batch:
            return
        batch, self._batch = self._batch, []
        last = batch[-1]
        self.progress.emit({
            "iterations": np.array([e.iteration for e in batch], dtype=np.int64),
            "losses": np.array([e.loss for e in batch], dtype=np.float64),
            "lrs": np.array([e.lr for e in batch], dtype=np.float64),
            "iteration": last.iteration, "iterations_total": last.iterations_total,
            "epoch": last.epoch, "epochs_total": self.config.epochs,
            # over the whole run so far: the first iteration of an epoch alone would give a jumpy speed
            "samples_per_sec": last.iteration * self.config.batch_size / max(last.seconds_elapsed, 1e-9),
            "seconds_elapsed": last.seconds_elapsed,
            "seconds_per_iteration": self.config.batch_size / max(last.samples_per_sec, 1e-9),
        })


def _is_finite(network) -> bool:
    return all(np.all(np.isfinite(p)) for p in network.params.values())


def _time_backprop(network, x: np.ndarray, t: np.ndarray, batch_size: int, repeats: int = 5) -> float:
    """Best of `repeats` timings of one backprop gradient on one mini-batch, in seconds."""
    xb, tb = x[:batch_size], t[:batch_size]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        network.gradient(xb, tb)
        best = min(best, time.perf_counter() - start)
    return best
