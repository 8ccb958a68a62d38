"""The Training tab's left column below the settings: run buttons, progress, divergence banner."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from digitlab.gui.live_text import LiveTexts
from digitlab.gui.log import show_error
from digitlab.gui.training.state import RunState
from digitlab.gui.workers import Stage, WorkerFailure
from digitlab.nn.speed.timing import times_slower
from digitlab.nn.training.trainer import Divergence, Progress


def format_seconds(seconds: float) -> str:
    """1234.5 -> '20:34'; 4000 -> '1:06:40'."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class TrainingControls(QWidget):
    """Start / Pause / Step / Stop / Reset, the progress bar and text, and Use / Save after a run.

    No signals of its own: the Training tab connects to the buttons' clicked signals. The widget
    only shows things; set_state() enables the buttons that make sense in a run state. Its texts
    with values are made again in the new language after a switch (gui.live_text).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Train a new network with these settings"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause the run after this iteration, or go on"))
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Run exactly one iteration (one mini-batch), then pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("End the run now and keep the network trained so far"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Drop the run and its curves, and start afresh"))
        self.use_button = QPushButton(self.tr("Use this model"))
        self.use_button.setToolTip(self.tr("Switch the Draw tab to this network"))
        self.save_button = QPushButton(self.tr("Save..."))
        self.save_button.setToolTip(self.tr("Save the trained network (Ctrl+S)"))
        # no shortcut of its own: Ctrl+S is File > Save model (one shortcut, one action)
        self.save_action = QAction(self.tr("Save model"), self)
        self.progress_bar = QProgressBar()
        self.progress_label = QLabel(self.tr("Press Start to train."))
        self.progress_label.setWordWrap(True)
        self.speed_label = QLabel()
        self.speed_label.setWordWrap(True)
        self.banner = QFrame()
        # a light red note in both themes, so its text is dark in both (not the dark theme's light)
        self.banner.setStyleSheet("QFrame { background: #fdecea; border: 1px solid #e0a0a0; border-radius: 4px; }"
                                  " QLabel { color: #3c0d0a; }")
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.recover_button = QPushButton()
        self.recover_button.setAccessibleName(self.tr("Follow the advice and reset"))
        self.recover_button.setToolTip(self.tr("Lower what made the run diverge to the suggested "
                                               "value, then reset"))
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_label)
        banner_layout.addWidget(self.recover_button)
        self.banner.hide()
        self.texts = LiveTexts(self)
        self._build_layout()

    def _build_layout(self) -> None:
        buttons = QGridLayout()
        for column, button in enumerate((self.start_button, self.pause_button, self.step_button)):
            buttons.addWidget(button, 0, column)
        buttons.addWidget(self.stop_button, 1, 0)
        buttons.addWidget(self.reset_button, 1, 1)
        after = QHBoxLayout()
        after.addWidget(self.use_button)
        after.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.speed_label)
        layout.addWidget(self.banner)
        layout.addLayout(after)

    def set_state(self, state: RunState, has_model: bool) -> None:
        """Enable the buttons that make sense in state."""
        busy = state.busy
        self.start_button.setEnabled(not busy)
        self.pause_button.setEnabled(state in (RunState.RUNNING, RunState.PAUSED))
        self.pause_button.setText(self.tr("Resume") if state == RunState.PAUSED else self.tr("Pause"))
        self.pause_button.setAccessibleName(self.pause_button.text())
        self.step_button.setEnabled(state in (RunState.IDLE, RunState.PAUSED, RunState.FINISHED))
        self.stop_button.setEnabled(busy)
        self.use_button.setEnabled(not busy and has_model)
        self.save_button.setEnabled(not busy and has_model)
        self.save_action.setEnabled(not busy and has_model)

    def show_message(self, make: Callable[[], str] | str) -> None:
        """The progress line: make() (a text with values, made again after a language switch) or
        a fixed text."""
        self.texts.show(self.progress_label.setText, make)

    def show_recovered(self, divergence: Divergence) -> None:
        """The progress line after the banner's button lowered what the divergence blames."""
        value = divergence.suggestion
        self.show_message(lambda: (
            self.tr("Weight decay lowered to {0:g}. Press Start to try again.")
            if divergence.blame == "weight_decay"
            else self.tr("Learning rate lowered to {0:g}. Press Start to try again.")).format(value))

    def clear(self) -> None:
        """Forget the previous run's progress and messages."""
        self.banner.hide()
        self.texts.show(self.speed_label.setText, "")
        self.progress_bar.setValue(0)

    def show_progress(self, p: Progress, backprop_seconds: float | None) -> None:
        """Show a run's progress; backprop_seconds compares a numerical-gradient run with backprop."""
        done, total = p.iteration, max(p.iterations_total, 1)
        if self.progress_bar.maximum() != total:
            self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.show_message(lambda: self.tr(
            "Epoch {0}/{1} · iteration {2:,}/{3:,} · {4:,.0f} images/s · {5} left").format(
            p.epoch, p.epochs_total, done, total, p.samples_per_sec, format_seconds(p.seconds_left)))
        if backprop_seconds is not None:
            numerical = p.seconds_per_iteration
            self.texts.show(self.speed_label.setText, lambda: self.tr(
                "Numerical gradient: {0:.3f} s per iteration. Backprop on the same mini-batch: {1:.2f} ms. "
                "The numerical gradient is {2:,.0f}x slower.").format(
                numerical, 1000 * backprop_seconds, times_slower(numerical, backprop_seconds)))

    def show_failure(self, failure: WorkerFailure) -> str:
        """Say what to do after a worker failure, in the label and in a message box with the details
        (the worker logged it already, with its traceback); returns the text."""
        self.show_message(lambda: self._failure_text(failure.stage))
        text = self.progress_label.text()
        show_error(self, self.tr("Training"), text, failure.details, summary=failure.summary, log=False)
        return text

    def _failure_text(self, stage: Stage) -> str:
        return {
            Stage.PREPARE: self.tr("Training could not start; check the settings and the MNIST files, then press "
                                   "Start again."),
            Stage.EVALUATE: self.tr("The trained network could not be tested on the test images, but it is kept: "
                                    "you can still use it or save it."),
        }.get(stage, self.tr("Training stopped because of an error and its network was discarded; "
                             "press Start to try again."))

    def show_divergence(self, divergence: Divergence) -> None:
        """The red banner: what happened, why, in the user's language, and a button that lowers
        what is to blame (the learning rate or the weight decay) and resets."""
        self.texts.show(self.banner_label.setText, lambda: self._divergence_text(divergence))
        if divergence.blame == "weight_decay":
            self.texts.show(self.recover_button.setText, lambda: self.tr(
                "Lower the weight decay to {0:g} and reset").format(divergence.suggestion))
        elif divergence.blame == "lr":
            self.texts.show(self.recover_button.setText, lambda: self.tr(
                "Lower the learning rate to {0:g} and reset").format(divergence.suggestion))
        self.recover_button.setVisible(divergence.suggestion is not None)
        self.banner.show()
        self.show_message(self.tr("Diverged."))

    def _divergence_text(self, d: Divergence) -> str:
        what = {"infinite": self.tr("The loss became infinite at iteration {0}."),
                "nan": self.tr("The loss became NaN (not a number) at iteration {0}."),
                "weights": self.tr("The weights became infinite at iteration {0}."),
                "jump": self.tr("The loss jumped from {1:.3g} to {2:.3g} at iteration {0}."),
                "first": self.tr("The loss was not a finite number at the very first iteration, "
                                 "before any step.")}[d.kind]
        what = what.format(d.iteration, d.first_loss if d.first_loss is not None else 0.0, d.loss)
        if d.blame == "weight_decay":
            why = self.tr("The weight decay ({0:g}) is too large: its penalty is most of the loss, so "
                          "each step mostly shrinks the weights and overshoots.").format(d.weight_decay)
        elif d.blame == "init":
            why = self.tr("The initial weights are too large: choose a smaller weight "
                          "initialization (0.01).")
        else:
            why = self.tr("The learning rate ({0:g}) is too large: each step overshoots the minimum "
                          "and the weights blow up.").format(d.lr)
        return self.tr("<b>Training diverged.</b> {0} {1} The broken network was thrown "
                       "away.").format(what, why)
