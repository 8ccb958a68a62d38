"""Terminal output of the command line: tqdm progress bars and plain-text tables (no Qt)."""
from __future__ import annotations

import sys

from tqdm import tqdm


class TrainProgress:
    """A tqdm bar on stderr fed by the trainer's events, one text line per epoch on `out`.

    `history` collects one dict per epoch: epoch, loss (mean over the epoch's batches),
    train_accuracy, test_accuracy, seconds, samples_per_sec.
    """

    def __init__(self, epochs: int, out=None):
        self._epochs = epochs
        self._out = sys.stdout if out is None else out
        self._bar: tqdm | None = None
        self._losses: list[float] = []
        self._test_accuracy: float | None = None
        self.history: list[dict] = []

    def follow(self, events):
        """Show the trainer's events until its FinishedEvent, which is returned."""
        from digitlab.nn.training.trainer import EpochEvent, FinishedEvent, IterationEvent

        try:
            for event in events:
                if isinstance(event, IterationEvent):
                    self.on_iteration(event)
                elif isinstance(event, EpochEvent):
                    self.on_epoch(event)
                elif isinstance(event, FinishedEvent):
                    return event
        finally:
            self.close()
        raise RuntimeError("the trainer ended without a FinishedEvent")

    def on_iteration(self, event) -> None:
        """Advance the bar by one batch; postfix loss, last test accuracy and samples/s."""
        if self._bar is None:
            # disable=None: no bar when stderr is not a terminal (pipes, CI logs, tests)
            self._bar = tqdm(total=event.iterations_total, desc=f"epoch 1/{self._epochs}", unit="batch",
                             file=sys.stderr, dynamic_ncols=True, disable=None)
        self._losses.append(event.loss)
        postfix = {"loss": f"{event.loss:.4f}"}
        if self._test_accuracy is not None:
            postfix["acc"] = f"{self._test_accuracy:.4f}"
        postfix["samples/s"] = f"{event.samples_per_sec:,.0f}"
        self._bar.set_postfix(postfix, refresh=False)
        self._bar.update(1)

    def on_epoch(self, event) -> None:
        """Record the epoch and print its line above the bar."""
        # epoch 0 (before any training, config.record_initial) has no loss: null in the JSON
        mean_loss = sum(self._losses) / len(self._losses) if self._losses else None
        self._losses = []
        self._test_accuracy = event.test_accuracy
        self.history.append({
            "epoch": int(event.epoch), "loss": mean_loss,
            "train_accuracy": float(event.train_accuracy),
            "test_accuracy": float(event.test_accuracy),
            "seconds": float(event.seconds), "samples_per_sec": float(event.samples_per_sec),
        })
        loss = "-" if mean_loss is None else f"{mean_loss:.4f}"
        tqdm.write(f"epoch {event.epoch}/{event.epochs_total}  loss {loss}  "
                   f"train acc {event.train_accuracy:.4f}  test acc {event.test_accuracy:.4f}  "
                   f"{event.seconds:.1f} s  {event.samples_per_sec:,.0f} samples/s", file=self._out)
        if self._bar is not None and event.epoch < event.epochs_total:
            self._bar.set_description(f"epoch {event.epoch + 1}/{self._epochs}", refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


class DownloadProgress:
    """`progress(file_name, done_bytes, total_bytes)` for nn.data.download_mnist: a bar per file."""

    def __init__(self):
        self._bars: dict[str, tqdm] = {}

    def __call__(self, file_name: str, done_bytes: int, total_bytes: int) -> None:
        bar = self._bars.get(file_name)
        if bar is None:
            bar = tqdm(total=total_bytes or None, desc=file_name, unit="B", unit_scale=True,
                       unit_divisor=1024, file=sys.stderr, disable=None)
            self._bars[file_name] = bar
        bar.update(done_bytes - bar.n)
        if total_bytes and done_bytes >= total_bytes:
            bar.close()


def format_eval(result: dict) -> str:
    """Accuracy line and the confusion matrix with a per-class accuracy column."""
    confusion = result["confusion"]
    correct = sum(confusion[i][i] for i in range(10))
    if result.get("kind") == "conv":
        sizes = "conv " + ",".join(f"{filters}x{size}" for filters, size, _ in result["conv"]) + \
            ", hidden " + ",".join(str(size) for size in result["hidden_sizes"])
    else:
        sizes = "-".join(str(size) for size in result.get("sizes", ()))
    lines = [f"model: {result['model']} ({sizes}, {result.get('activation', '?')})",
             f"test accuracy: {result['accuracy']:.4f} ({correct} of {result['n']})",
             "",
             "confusion matrix: rows = true digit, columns = predicted digit",
             "true " + "".join(f"{digit:>6}" for digit in range(10)) + "    accuracy"]
    for digit, (row, accuracy) in enumerate(zip(confusion, result["per_class"])):
        lines.append(f"{digit:>4} " + "".join(f"{count:>6}" for count in row)
                     + f"    {accuracy:.4f}")
    return "\n".join(lines)


def format_predictions(results: list[dict]) -> str:
    """One row per image: file, digit, its probability, then all ten probabilities."""
    width = max([len("file")] + [len(result["file"]) for result in results])
    lines = [f"{'file':<{width}}  digit      p  " + " ".join(f"{d:>5}" for d in range(10))]
    for result in results:
        probabilities = result["probabilities"]
        lines.append(f"{result['file']:<{width}}  {result['digit']:>5}  "
                     f"{probabilities[result['digit']]:.3f}  "
                     + " ".join(f"{p:5.3f}" for p in probabilities))
    return "\n".join(lines)


def format_train_summary(summary: dict) -> str:
    """The closing lines of `train`: how it ended, test accuracy, speed, where the model went."""
    from digitlab.nn.training.trainer import FinishReason

    lines = []
    if summary["finished"] != FinishReason.COMPLETED:
        lines.append(f"training {summary['finished']}: {summary['message']}")
    if summary["test_accuracy"] is not None:
        lines.append(f"test accuracy {summary['test_accuracy']:.4f} after "
                     f"{summary['epochs_done']} epoch(s)")
    if summary["seconds_per_epoch"] is not None:
        lines.append(f"{summary['seconds_per_epoch']:.2f} s per epoch")
    if summary["model"] is not None:
        lines.append(f"model saved to {summary['model']}")
    return "\n".join(lines)


def memory_refusal(config, estimate, limit: int, physical: int | None) -> str:
    """Why a run is refused: the flag to blame, the memory it would need, what to change.

    estimate: nn.budget.MemoryEstimate of config; limit and physical memory in bytes.
    """
    from digitlab.nn.training.budget import EVAL_BATCH, format_bytes

    hidden = ",".join(str(size) for size in config.hidden_sizes)
    if len(hidden) > 40:   # a size of 400 digits: its start says enough
        hidden = hidden[:30] + "..."
    part = estimate.largest_part()
    if part == "batch" and config.batch_size <= EVAL_BATCH:
        part = "network"   # the evaluation's batches dominate: only smaller layers shrink them
    cause, advice = {
        "network": (f"--hidden {hidden}", "use smaller hidden layers (the default is 100)"),
        "batch": (f"--batch-size {config.batch_size} with --hidden {hidden}",
                  "use a smaller --batch-size (the default is 100)"),
        "drawn": (f"--drawn {config.drawn_digits}", "add fewer drawn digits"),
        "data": ("this run", "close other programs"),
    }[part]
    where = "here" if physical is None else (
        f"on this computer ({round(100 * limit / physical)}% of its {format_bytes(physical)})")
    amount = format_bytes(estimate.total)
    amount = amount if amount.startswith("more than") else f"about {amount}"
    return (f"{cause} would need {amount} of memory, more than the "
            f"{format_bytes(limit)} DigitLab allows itself {where}: {advice}")


def format_robustness(result: dict) -> str:
    """The curves, the corruption table and the calibration figures of `eval --robustness`."""
    report = result["robustness"]
    names = report["models"]
    width = max(12, *(len(name) for name in names))
    lines = [f"robustness on the first {report['n']:,} test images (seed {report['seed']})"]
    for kind, curve in report["curves"].items():
        lines.append(f"{kind + ' level':<{width}}" + "".join(f"{level:>8g}" for level in curve["levels"]))
        for name in names:
            lines.append(f"{name:<{width}}" + "".join(f"{a:>8.3f}" for a in curve["accuracy"][name]))
    lines += ["", f"{'corruption':<14}" + "".join(f"{name[-width:]:>{width + 2}}" for name in names),
              f"{'(clean)':<14}" + "".join(f"{report['clean'][name]:>{width + 2}.4f}" for name in names)]
    for corruption, row in report["corruptions"].items():
        lines.append(f"{corruption:<14}" + "".join(f"{row[name]:>{width + 2}.4f}" for name in names))
    lines.append("")
    for name, figures in result["calibration"].items():
        cover = ", ".join(f">= {c['threshold']:g}: {c['coverage']:.1%} answered"
                          + ("" if c["accuracy"] is None else f" at {c['accuracy']:.2%}")
                          for c in figures["coverage"][:4])
        lines.append(f"{name}: expected calibration error {figures['ece']:.4f}; {cover}")
    return "\n".join(lines)
