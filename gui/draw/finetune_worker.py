"""Fine-tuning off the GUI thread: a thin adapter from digitlab.nn.training.finetune.FineTuner to Qt signals."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from digitlab.nn.training.finetune import BeforeAfter, FinetuneConfig, FineTuner, evaluate_before_after


@dataclass(frozen=True)
class FinetuneResult:
    """What a finished (or cancelled) run hands back: the tuned copy and the accuracies."""

    network: object
    report: BeforeAfter
    steps_done: int
    stopped: bool


class FinetuneWorker(QObject):
    """Runs FineTuner on a copy of the network, then evaluates before and after.

    mnist: a MnistCache (loaded here, on the worker thread). Call stop() from any thread.

    Signals:
        progress(int, int): steps done, steps in all.
        failed(str): the reason it could not run, one sentence for the user.
        finished(object): a FinetuneResult, or None after a failure.
    """

    progress = Signal(int, int)
    failed = Signal(str)
    finished = Signal(object)

    def __init__(self, network, personal, mnist, config: FinetuneConfig | None = None,
                 seed: int | None = None) -> None:
        super().__init__()
        self.network = network.copy()   # the Draw tab keeps predicting with the original
        self.personal = personal
        self.mnist = mnist
        self.config = config if config is not None else FinetuneConfig()
        self.seed = seed
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        result = None
        from digitlab.nn.data.mnist import MnistNotFoundError
        log = logging.getLogger("digitlab.finetune")
        try:
            result = self._run()
        except (MnistNotFoundError, OSError, ValueError, MemoryError) as error:
            # the user's situation (no MNIST, a file that cannot be read, too little memory), not a
            # fault of the program: one line in the log, the dialog says what to do
            reason = self._reason(error)
            log.warning("Fine-tuning failed: %s", " ".join(reason.split()))
            self.failed.emit(reason)
        except Exception as error:  # noqa: BLE001 - a bug: reported to the user, with its traceback
            log.exception("Fine-tuning failed")
            self.failed.emit(self._reason(error))
        finally:
            self.finished.emit(result)

    def _run(self) -> FinetuneResult:
        (x_train, t_train), mnist_test = self.mnist.get()
        tuner = FineTuner(self.network, self.personal.arrays("train"), (x_train, t_train),
                          self.config, rng=np.random.default_rng(self.seed))
        for record in tuner.run(stop=self._stop):
            self.progress.emit(record.step, record.steps_total)
        report = evaluate_before_after(self.network, tuner.network, self.personal.arrays("test"),
                                       mnist_test)
        return FinetuneResult(tuner.network, report, tuner.steps_done, tuner.stopped)

    @staticmethod
    def _reason(error: Exception) -> str:
        from digitlab.nn.data.mnist import MnistNotFoundError

        if isinstance(error, MnistNotFoundError):
            return QCoreApplication.translate(
                "FinetuneWorker", "Fine-tuning mixes your digits with MNIST so that MNIST is not forgotten, and "
                "the MNIST files were not found: download them on the Training tab first.")
        return f"{type(error).__name__}: {error}".splitlines()[0]
