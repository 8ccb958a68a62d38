"""The training loop of the settings (nn.course.training_loop_listing) beside the Training tab's
plots: the code that runs, the live values of its variables, and the lines it prints."""
from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from digitlab.gui.code_view import CodeView
from digitlab.nn.course import training_loop_listing
from digitlab.nn.training.presets import course_config


class LoopListing(CodeView):
    """A CodeView of the loop a config runs, whose variables follow the current run:
    show_config(config) before a run, start(config, train_size) at its start, then progress(p)
    and epoch(event). The per-epoch train and test accuracies are printed below the table as the
    loop prints them (4 decimals). Signals: none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: dict = {}
        self._config = None
        self.output_label = QLabel()
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.output.setMaximumHeight(8 * self.output.fontMetrics().lineSpacing() + 12)
        self.layout().addWidget(self.output_label)
        self.layout().addWidget(self.output)
        self.retranslate()
        self.show_config(course_config())

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "output_label"):   # CodeView.__init__ calls it before they exist
            self.output_label.setText(self.tr("What the loop prints"))
            self.output.setAccessibleName(self.tr("What the loop prints"))
            self.output.setToolTip(self.tr("The train and test accuracy of each record, as "
                                           "the loop's print() shows them (4 decimals)"))

    def show_config(self, config) -> None:
        """Show the loop config (an nn TrainConfig) would run; clears the variables and output."""
        self._config = config
        course = config.sampling == "choice"
        self.set_listing(training_loop_listing(config, *(
            ("training_loop", "Training the two-layer network with mini-batches") if course
            and config.hidden_sizes == (50,) else ())))
        self._values = {}
        self.output.clear()

    def start(self, config, train_size: int) -> None:
        """A new run of config (nn TrainConfig) on train_size images: its settings as the loop's."""
        self.show_config(config)
        values = {"batch_size": config.batch_size, "learning_rate": config.lr,
                  "iters_num": config.iterations_total(train_size),
                  "train_size": train_size,
                  "iter_per_epoch": config.iterations_per_epoch(train_size)}
        if config.sampling == "shuffle":
            values["epochs"] = int(-(-values["iters_num"] // values["iter_per_epoch"]))
        values.update(i=0, loss=None, train_acc_list=[], test_acc_list=[])
        self._values = values
        self.set_variables(self._values)

    def progress(self, p) -> None:
        """An nn.trainer Progress: the iteration reached and its loss (and learning rate)."""
        if not self._values:
            return
        lr_name = "learning_rate" if self._config.schedule == "constant" else "lr"
        self._values.update({"i": int(p.iteration) - 1, "loss": float(p.losses[-1]),
                             lr_name: float(p.lrs[-1])})
        self.set_variables(self._values)

    def epoch(self, event) -> None:
        """An nn.trainer EpochEvent: the accuracies the loop appends and prints once per epoch."""
        if not self._values:
            return
        self._values["train_acc_list"].append(float(event.train_accuracy))
        self._values["test_acc_list"].append(float(event.test_accuracy))
        self.set_variables(self._values)
        self.output.appendPlainText(self.printed_line(event.train_accuracy, event.test_accuracy))

    @staticmethod
    def printed_line(train_acc: float, test_acc: float) -> str:
        """The line the loop prints for one record (its print() call, in the listing)."""
        return f"train acc, test acc | {train_acc:.4f}, {test_acc:.4f}"

    def printed(self) -> list[str]:
        """The lines printed so far."""
        text = self.output.toPlainText()
        return text.split("\n") if text else []

    def values(self) -> dict:
        """The variables shown (for tests)."""
        return dict(self._values)
