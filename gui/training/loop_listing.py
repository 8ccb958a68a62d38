"""The course's training loop (nn.course TRAINING_LOOP) beside the Training tab's plots, with the
live values of its variables for the run on screen."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from digitlab.gui.code_view import CodeView
from digitlab.nn.course import LISTINGS


class LoopListing(CodeView):
    """A CodeView of the training loop whose variables follow the current run:
    start(config, train_size) at the start, then progress(p) and epoch(event)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_listing(LISTINGS["training_loop"])
        self._values: dict = {}

    def start(self, config, train_size: int) -> None:
        """A new run of config (nn TrainConfig) on train_size images: its settings as the loop's."""
        iter_per_epoch = max(train_size / config.batch_size, 1)
        iters_num = config.iterations or int(round(config.epochs * iter_per_epoch))
        self._values = {"iters_num": iters_num, "batch_size": config.batch_size,
                        "learning_rate": config.lr,
                        # the listing's (hidden_size,): one number for the course's one hidden layer
                        "hidden_size": (config.hidden_sizes[0] if len(config.hidden_sizes) == 1
                                        else config.hidden_sizes),
                        "train_size": train_size, "iter_per_epoch": iter_per_epoch,
                        "i": 0, "loss": None, "train_acc_list": [], "test_acc_list": []}
        self.set_variables(self._values)

    def progress(self, p) -> None:
        """An nn.trainer Progress: the iteration reached and its loss (and learning rate)."""
        if not self._values:
            return
        self._values.update(i=int(p.iteration) - 1, loss=float(p.losses[-1]),
                            learning_rate=float(p.lrs[-1]))
        self.set_variables(self._values)

    def epoch(self, event) -> None:
        """An nn.trainer EpochEvent: the accuracies the loop appends once per epoch."""
        if not self._values:
            return
        self._values["train_acc_list"].append(float(event.train_accuracy))
        self._values["test_acc_list"].append(float(event.test_accuracy))
        self.set_variables(self._values)

    def values(self) -> dict:
        """The variables shown (for tests)."""
        return dict(self._values)
