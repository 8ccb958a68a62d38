"""The Training tab: settings, Start/Pause/Step/Stop/Reset, live plots, evaluation, use and save."""
from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QSplitter, QTabWidget, QVBoxLayout, QWidget

from digitlab.gui.accessibility import name_controls
from digitlab.gui.training.controls import TrainingControls
from digitlab.gui.training.course_tools import CourseTools
from digitlab.gui.training.data_panel import DataPanel
from digitlab.gui.training.download_dialog import ensure_mnist
from digitlab.gui.training.evaluation_panel import EvaluationPanel
from digitlab.gui.training.health_panel import HealthPanel
from digitlab.gui.training.hints import HintList
from digitlab.gui.training.loop_listing import LoopListing
from digitlab.gui.training.lr_finder import LrFinderPanel
from digitlab.gui.training.mnist_cache import MnistCache
from digitlab.gui.training.plots import TrainingPlots
from digitlab.gui.training.robustness_panel import RobustnessPanel
from digitlab.gui.training.run import TrainingRun
from digitlab.gui.training.save_dialog import ask_before_quitting, save_interactively
from digitlab.gui.training.settings import SettingsScroll, TrainingSettings
from digitlab.gui.training.state import RunState
from digitlab.gui.workers import WorkerFailure
from digitlab.nn.training.hints import same_sweep
from digitlab.nn.training.trainer import FinishReason, Progress

# Seconds between plot updates: 10 a second look live and cost the training thread about 10% of its
# speed on 2 cores, mostly pyqtgraph's painting holding the GIL (scripts/bench.py training-gui).
UPDATE_INTERVAL = 0.1


class TrainingTab(QWidget):
    """Train a network on MNIST and watch it learn.

    Signals:
        model_trained(object, dict): "Use this model" was clicked; a copy of the network and its metadata.
        live_model(object): a snapshot of the network being trained, at most ~2 per second.
        image_chosen(object): a misclassified test image was clicked; (28, 28) float32, ink = 1.
        corrupted_chosen(object, str): a corrupted test image was clicked on the corruption
            table; (28, 28) float32, ink = 1, and the corruption's name.
        state_changed(str): the new RunState ("idle", "loading", "running", "paused", "finished").
        not_sure_changed(float): the "not sure" threshold chosen on the coverage curve (the Draw
            tab's bars say "not sure" below it).
        epoch_shown(int, float, float): an epoch's accuracies were plotted; payload the epoch and
            its train and test accuracy (fractions in [0, 1]).
    """

    model_trained = Signal(object, dict)
    live_model = Signal(object)
    image_chosen = Signal(object)
    corrupted_chosen = Signal(object, str)
    state_changed = Signal(str)
    not_sure_changed = Signal(float)
    epoch_shown = Signal(int, float, float)

    def __init__(self, parent: QWidget | None = None, *, mnist_dir: Path | None = None,
                 data: MnistCache | None = None) -> None:
        super().__init__(parent)
        self.data = data if data is not None else MnistCache(mnist_dir)
        self.state = RunState.IDLE
        self.model = None
        self.metadata: dict = {}
        self.last_finished = None
        self._unsaved = False
        self._run: TrainingRun | None = None
        self._backprop_seconds: float | None = None
        self._evaluation = None
        self.settings = TrainingSettings()
        self.plots = TrainingPlots()
        self.evaluation_panel = EvaluationPanel(data=self.data)
        self.course_tools = CourseTools(self.settings, self.data)
        self.loop_listing = LoopListing()
        self.loop_listing.show_config(self.settings.config())
        self._config = None   # the config of the current or last run
        self._build_layout()
        self._add_watch_views()
        self._connect()
        self._set_state(RunState.IDLE)
        name_controls(self)

    def _build_layout(self) -> None:
        """Settings, course tools and controls on the left; curves and evaluation on the right.
        The controls' buttons and labels are also attributes of the tab (tab.start_button, ...)."""
        self.controls = TrainingControls()
        c = self.controls
        self.start_button, self.pause_button, self.step_button = c.start_button, c.pause_button, c.step_button
        self.stop_button, self.reset_button = c.stop_button, c.reset_button
        self.use_button, self.save_button = c.use_button, c.save_button
        self.progress_bar, self.progress_label, self.speed_label = c.progress_bar, c.progress_label, c.speed_label
        self.banner, self.banner_label, self.recover_button = c.banner, c.banner_label, c.recover_button
        scroll = self.settings_scroll = SettingsScroll(self.settings)
        left = QVBoxLayout()
        left.addWidget(scroll, 1)
        left.addWidget(self.course_tools)
        left.addWidget(self.controls)
        curves = QSplitter()     # the course's loop beside the curves it draws
        curves.addWidget(self.plots)
        curves.addWidget(self.loop_listing)
        curves.setSizes([640, 360])
        self.views = QTabWidget()
        self.views.addTab(curves, self.tr("Training curves"))
        self.views.addTab(self.evaluation_panel, self.tr("Evaluation"))
        layout = QHBoxLayout(self)
        layout.addLayout(left, 0)
        layout.addWidget(self.views, 1)
        self.save_action = c.save_action
        self.addAction(self.save_action)     # Ctrl+S anywhere in the tab

    def _add_watch_views(self) -> None:
        """The data, the weights' health with the range test and the hints, and how sure and sturdy."""
        self.data_panel = DataPanel(self.data)
        self.health_panel = HealthPanel()
        self.lr_finder = LrFinderPanel(self.settings, self.data)
        self.hint_list = HintList()
        self.robustness_panel = RobustnessPanel(self.data)
        advice = QSplitter()
        advice.addWidget(self.hint_list)
        advice.addWidget(self.lr_finder)
        advice.setSizes([380, 380])
        health = QSplitter(Qt.Orientation.Vertical)
        health.addWidget(self.health_panel)
        health.addWidget(advice)
        health.setSizes([420, 300])
        self.views.addTab(self.data_panel, self.tr("Data"))
        self.views.addTab(health, self.tr("Health and hints"))
        self.views.addTab(self.robustness_panel, self.tr("How sure, how sturdy"))
        for index, tip in ((2, self.tr("Examples, counts, average digits and pixel values of the data")),
                           (3, self.tr("The weights' health during a run, the learning-rate range test and hints")),
                           (4, self.tr("Calibration, coverage, robustness curves and corruptions"))):
            self.views.setTabToolTip(index, tip)

    def _connect(self) -> None:
        self.hint_list.apply_requested.connect(self._on_hint_list_apply_requested)
        self.robustness_panel.image_chosen.connect(self.corrupted_chosen)
        self.robustness_panel.not_sure_changed.connect(self.not_sure_changed)
        self.evaluation_panel.evaluated.connect(self._on_evaluation_panel_evaluated)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.pause_button.clicked.connect(self._on_pause_button_clicked)
        self.step_button.clicked.connect(self._on_step_button_clicked)
        self.stop_button.clicked.connect(self._on_stop_button_clicked)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.use_button.clicked.connect(self._on_use_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_action.triggered.connect(self._on_save_button_clicked)
        self.recover_button.clicked.connect(self._on_recover_button_clicked)
        self.settings.lr_changed.connect(self._on_settings_lr_changed)
        self.settings.config_changed.connect(self._on_settings_config_changed)
        self.evaluation_panel.image_chosen.connect(self.image_chosen)
        self.evaluation_panel.evaluated.connect(lambda: self.views.setCurrentWidget(self.evaluation_panel))

    def _set_state(self, state: RunState) -> None:
        self.state = state
        self.settings.set_running(state.busy)
        self.course_tools.set_running(state.busy)
        self.lr_finder.set_running(state.busy)
        self.controls.set_state(state, self.model is not None)
        self.state_changed.emit(state)

    # -- controls ---------------------------------------------------------------------------------
    def start(self, paused: bool = False) -> bool:
        """Start a run with the current settings; False (with a message) when it cannot start."""
        if self._run is not None:
            return False
        error = self.settings.validation_message()
        if error is not None:
            self.controls.show_message(error)
            return False
        if not ensure_mnist(self.data, self):
            self.controls.show_message(self.tr("Training needs the MNIST files; see the download dialog."))
            return False
        self._clear_run()
        config = self.settings.config()
        # the run relays its worker's signals on this thread, and drops them once abandoned (Reset)
        run = self._run = TrainingRun(config, self.data.get, interval=UPDATE_INTERVAL, paused=paused, parent=self,
                                      suggested_lr=self.suggested_lr(config))
        run.status.connect(self.controls.show_message)   # fixed texts: retranslate_tree's
        run.progress.connect(self._on_run_progress)
        run.epoch_finished.connect(self._on_run_epoch_finished)
        run.snapshot.connect(self.live_model)
        run.timing.connect(self._on_run_timing)
        run.evaluated.connect(self._on_run_evaluated)
        run.failed.connect(self._on_run_failed)
        run.health.connect(self.health_panel.show_health)
        run.hint.connect(self.hint_list.add_hint)
        run.finished.connect(self._on_run_finished)
        self.metadata = {"training": config.to_dict()}
        self._config = config
        self.loop_listing.start(config, config.train_size or 60_000)
        self._set_state(RunState.PAUSED if paused else RunState.LOADING)
        run.start()
        return True

    def _clear_run(self) -> None:
        self.plots.clear()
        self.loop_listing.set_variables({})    # the last run's values must not outlive it
        self.evaluation_panel.clear()
        self.health_panel.clear()
        self.hint_list.clear()
        self.controls.clear()
        self.model, self.metadata, self.last_finished = None, {}, None
        self._evaluation = self._backprop_seconds = None
        self._unsaved = False

    @Slot()
    def _on_start_button_clicked(self) -> None:
        self.start()

    @Slot()
    def _on_pause_button_clicked(self) -> None:
        if self._run is None:
            return
        if self.state == RunState.PAUSED:
            self._run.control.resume()
            self._set_state(RunState.RUNNING)
        else:
            self._run.control.pause()
            self._set_state(RunState.PAUSED)

    @Slot()
    def _on_step_button_clicked(self) -> None:
        if self._run is None:
            if not self.start(paused=True):
                return
        self._run.control.step()

    @Slot()
    def _on_stop_button_clicked(self) -> None:
        if self._run is not None:
            self._run.stop()

    @Slot()
    def _on_reset_button_clicked(self) -> None:
        self.shutdown()
        self._clear_run()
        self.controls.show_message(self.tr("Press Start to train."))
        self._set_state(RunState.IDLE)

    @Slot(float)
    def _on_settings_lr_changed(self, lr: float) -> None:
        if self._run is not None:
            self._run.control.set_lr(lr)

    @Slot()
    def _on_settings_config_changed(self) -> None:
        """Before a run, the loop listing shows the loop these settings would run."""
        if self._run is None and self.settings.validation_message() is None:
            self.loop_listing.show_config(self.settings.config())

    @Slot()
    def _on_recover_button_clicked(self) -> None:
        if (divergence := getattr(self.last_finished, "divergence", None)) is None:
            return   # the button shows only after a divergence
        self.settings.follow_advice(divergence)
        self._on_reset_button_clicked()
        self.controls.show_recovered(divergence)

    @Slot(object)
    def _on_hint_list_apply_requested(self, hint) -> None:
        """A hint's Apply: its change goes into the settings for the next run."""
        self.settings.set_config(hint.apply(self.settings.config()))
        self.controls.show_message(self.tr("Settings changed for the next run: press Start."))

    def suggested_lr(self, config) -> float | None:
        """The latest range test's rate when it was made for config's network and optimizer."""
        finder = self.lr_finder
        if finder.result is None or finder.swept_config is None or not same_sweep(finder.swept_config, config):
            return None
        return finder.result.suggested

    @Slot()
    def _on_evaluation_panel_evaluated(self) -> None:
        if self.evaluation_panel.draw_model is not None:
            self.robustness_panel.set_model(*self.evaluation_panel.draw_model)

    # -- events of the current run (an abandoned run's never arrive) --------------------------------
    @Slot(object)
    def _on_run_progress(self, p: Progress) -> None:
        if self.state == RunState.LOADING:
            self._set_state(RunState.RUNNING)
            self.plots.start_run(p.iterations_total, p.epochs_total, self._config.first_record())
        self.plots.add_iterations(p.iterations, p.losses, p.lrs)
        self.loop_listing.progress(p)
        self.controls.show_progress(p, self._backprop_seconds)

    @Slot(object)
    def _on_run_epoch_finished(self, event) -> None:
        self.plots.add_epoch(event.epoch, event.train_accuracy, event.test_accuracy)
        self.loop_listing.epoch(event)
        self.epoch_shown.emit(event.epoch, event.train_accuracy, event.test_accuracy)

    @Slot(float)
    def _on_run_timing(self, backprop_seconds: float) -> None:
        self._backprop_seconds = backprop_seconds

    @Slot(object)
    def _on_run_evaluated(self, evaluation) -> None:
        self._evaluation = evaluation

    @Slot(object)
    def _on_run_failed(self, failure: WorkerFailure) -> None:
        self.controls.show_failure(failure)

    @Slot(object, object)
    def _on_run_finished(self, event, network) -> None:
        run, self._run = self._run, None
        run.join()
        run.deleteLater()
        self.last_finished = event
        if event is None:   # failed before the end: _on_run_failed told the user
            self._set_state(RunState.IDLE)
            return
        if event.reason == FinishReason.DIVERGED:
            self.controls.show_divergence(event.divergence)
        elif network is not None:
            self._keep_model(event, network)
        else:
            self.controls.show_message(self.tr("Stopped before the first iteration."))
        self._set_state(RunState.FINISHED)

    def _keep_model(self, event, network) -> None:
        self.model, self._unsaved = network, True
        self.metadata.update({"test_accuracy": event.test_accuracy, "epochs_done": event.epochs_done,
                              "finished": event.reason, "date": datetime.datetime.now().isoformat(timespec="seconds")})
        if self._evaluation is None:   # it failed (_on_run_failed said so) or was skipped to quit at once
            return
        (x_train, _), (x_test, t_test) = self.data.get()
        evaluation = self.evaluation_panel.set_model(network, x_test, t_test, self._evaluation)
        self.robustness_panel.set_model(network, lambda: self.tr("Trained just now"))
        self.metadata["test_accuracy"] = evaluation.accuracy
        completed, epochs = event.reason == FinishReason.COMPLETED, event.epochs_done
        if not completed:
            self.plots.show_stopped(evaluation.accuracy)   # the plot says the number the message says
        config = self._config
        if completed and config.iterations is not None:   # the course's 10,000 are 16.67 epochs
            n_train = min(config.train_size or len(x_train), len(x_train)) + config.drawn_digits
            self.controls.show_message(lambda: self.tr(
                "Finished after {0:,} iterations ({1:.2f} epochs). Test accuracy {2:.2%}.").format(
                config.iterations, config.epochs_run(n_train), evaluation.accuracy))
            return
        self.controls.show_message(lambda: self.tr("{0} after {1} epoch(s). Test accuracy {2:.2%}.").format(
            self.tr("Finished") if completed else self.tr("Stopped"), epochs, evaluation.accuracy))

    # -- any model ---------------------------------------------------------------------------------
    def set_draw_model(self, network, name: str) -> None:
        """The model the Draw tab uses (shipped, trained, a file, the textbook's pickle): the
        Evaluation panel offers to evaluate it."""
        self.evaluation_panel.set_draw_model(network, name)

    def evaluate_draw_model(self) -> bool:
        """Evaluate the Draw tab's model on the test set (the Evaluation panel's button)."""
        return self.evaluation_panel.evaluate_draw_model()

    # -- after a run --------------------------------------------------------------------------------
    @Slot()
    def _on_use_button_clicked(self) -> None:
        if self.model is not None:
            self.model_trained.emit(self.model.copy(), dict(self.metadata))

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save()

    def save(self, path: str | Path | None = None) -> bool:
        """Save the trained model (asks for a file name when path is None); True when saved.

        When saving fails the model stays here: a message, then the file dialog again (gui.training.save_dialog).
        """
        if self.model is None:
            return False
        saved = save_interactively(self, self.model, dict(self.metadata), path)
        if saved is None:
            return False
        self._unsaved = False
        self.controls.show_message(lambda: self.tr("Saved to {0}").format(saved))
        return True

    def settings_state(self) -> dict:
        return self.settings.settings_state()

    def apply_settings_state(self, state: dict) -> None:
        self.settings.apply_settings_state(state)

    def has_unsaved_model(self) -> bool:
        """True when a trained model has not been saved yet."""
        return self._unsaved and self.model is not None

    def maybe_save(self) -> bool:
        """Before quitting: ask about a running training or an unsaved model; False = the user cancelled.

        A running training is stopped (within an iteration) and saved when the user says so.
        """
        if self._run is None and not self.has_unsaved_model():
            return True
        answer = ask_before_quitting(self, running=self._run is not None)
        Button = QMessageBox.StandardButton
        if answer == Button.Cancel:
            return False
        if answer == Button.Discard:
            self.shutdown()
            return True
        if self._run is not None:   # it may have finished while the question was open
            self._run.finish_now()    # delivers its finished signal: the model is kept as after Stop
        return not self.has_unsaved_model() or self.save()

    def shutdown(self) -> None:
        """Stop a running training, wait for its thread and drop the run (Reset, closing the window)."""
        run, self._run = self._run, None
        if run is not None:
            run.abandon()
            run.deleteLater()
            self._set_state(RunState.IDLE)
        self.evaluation_panel.shutdown()
        self.course_tools.shutdown()
        self.settings.shutdown()
        for panel in (self.data_panel, self.lr_finder, self.robustness_panel):
            panel.shutdown()

