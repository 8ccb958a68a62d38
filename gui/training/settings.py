"""The training settings form: network shape, optimizer, learning rate (log slider), data, gradient."""
from __future__ import annotations

import logging
import math
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QScrollArea, QSlider, QSpinBox, QWidget)

from digitlab.gui.live_text import follow_language
from digitlab.gui.workers import QUEUED, TaskWorker, join_thread, start_worker
from digitlab.nn.training.budget import estimate_training_memory, format_bytes, memory_limit
from digitlab.nn.training.train_config import (ACTIVATION_NAMES, BOOK_WEIGHT_STD, CONV_HIDDEN_SIZES,
                                               CONV_STAGES, DEFAULTS, GRADIENT_METHODS,
                                               MAX_HIDDEN_LAYERS, MAX_HIDDEN_SIZE, MODEL_KINDS,
                                               NUMERICAL_MAX_IMAGES, NUMERICAL_MAX_PARAMS, parse_conv,
                                               OPTIMIZER_NAMES, SAMPLINGS, SCHEDULE_NAMES,
                                               TRAIN_ACCURACY_SAMPLES, WEIGHT_INITS,
                                               HiddenSizesTooLarge, TrainConfig,
                                               numerical_gradient_refusal, parse_hidden_sizes, quoted,
                                               weight_count)
from digitlab.nn.training.estimate import estimate_training_seconds
from digitlab.nn.training.train_events import Divergence

SUBSETS = (1_000, 10_000, 60_000)
# The form starts with nn.train_config's DEFAULTS, those the command line's `train` runs too.
DEFAULT_CONFIG = DEFAULTS
LR_MIN_EXP, LR_MAX_EXP, LR_STEPS_PER_DECADE = -4, 1, 20
# A convolutional network's own starting point (the form switches to it with the Network choice):
# the stages and hidden layer of `train --model-kind conv`, Momentum at 0.05.
CONV_OPTIMIZER, CONV_LR = "momentum", 0.05
# the time estimate is measured once the settings rest this long (typing "128" is one change)
ESTIMATE_DELAY_MS = 600


def conv_text(conv) -> str:
    """((16, 5, 2), (32, 5, 2)) -> "16x5, 32x5" (the --conv rule; padding follows from the size)."""
    return ", ".join(f"{filters}x{size}" for filters, size, _ in conv)


def conv_or_none(text: str) -> tuple[tuple[int, int, int], ...] | None:
    """nn.train_config.parse_conv(text), or None where it refuses the text."""
    try:
        return parse_conv(text)
    except ValueError:
        return None


def hidden_sizes_or_none(text: str) -> tuple[int, ...] | None:
    """nn.train_config.parse_hidden_sizes(text), or None where it refuses the text."""
    try:
        return parse_hidden_sizes(text)
    except ValueError:
        return None


class EpochsSpin(QSpinBox):
    """The Epochs field; for a run given in iterations it shows the epochs that run, e.g. 16.67
    for the course's 10,000 iterations of 600 per epoch, and cannot be edited."""

    def __init__(self) -> None:
        super().__init__()
        self._epochs_run: float | None = None

    def show_epochs_run(self, epochs: float | None) -> None:
        """epochs: the epochs of a run given in iterations, or None (whole epochs: editable)."""
        self._epochs_run = epochs
        self.setReadOnly(epochs is not None)
        self.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons if epochs is not None
                              else QSpinBox.ButtonSymbols.UpDownArrows)
        self.lineEdit().setText(self.textFromValue(self.value()))

    def textFromValue(self, value: int) -> str:
        return f"{self._epochs_run:.2f}" if self._epochs_run is not None else super().textFromValue(value)


class TrainingSettings(QWidget):
    """All knobs of a training run; config() builds the nn.trainer.TrainConfig.

    Signals:
        lr_changed(float): the learning rate was changed by the user (also allowed mid-run).
        config_changed(): any setting changed (config() may give another run).
    """

    lr_changed = Signal(float)
    config_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # compact rows: the whole form fits beside the plots at the default window size
        form.setVerticalSpacing(2)
        form.setContentsMargins(4, 4, 4, 4)
        self.network_combo = QComboBox()
        for kind in MODEL_KINDS:
            self.network_combo.addItem("", kind)
        self.conv_edit = QLineEdit(conv_text(CONV_STAGES))
        self.hidden_edit = QLineEdit("100")
        self.hidden_edit.setToolTip(self.tr("Neurons per hidden layer, comma separated, e.g. 100, 50"))
        self.activation_combo = self._combo(ACTIVATION_NAMES)
        self.init_combo = self._combo((*WEIGHT_INITS, BOOK_WEIGHT_STD))
        self.optimizer_combo = self._combo(OPTIMIZER_NAMES)
        self.schedule_combo = self._combo(SCHEDULE_NAMES)
        self.batch_spin = self._spin(1, 1000, 100)
        self.epochs_spin = EpochsSpin()
        self.epochs_spin.setRange(1, 200)
        # the course counts its run in iterations (iters_num 10,000): 0 = whole epochs instead
        self.iterations_spin = self._spin(0, 1_000_000, 0)
        self.iterations_spin.setSingleStep(100)
        self.iterations_spin.setSpecialValueText(self.tr("off (whole epochs)"))
        self.iterations_spin.setToolTip(self.tr("Mini-batch steps of the run (the course's iters_num); "
                                                "the last epoch may end part-way"))
        self.initial_check = QCheckBox(self.tr("measure accuracy before training (epoch 0)"))
        self.sampling_combo = QComboBox()
        for sampling in SAMPLINGS:
            self.sampling_combo.addItem("", sampling)
        self.all_train_check = QCheckBox(self.tr("train accuracy on all training images (slower)"))
        self._dtype = "float32"   # the Course setup's float64 is kept; no row of its own
        self.decay_spin = self._double(0.0, 0.1, 0.0, 4, 0.0001)
        self.dropout_spin = self._double(0.0, 0.9, 0.0, 2, 0.05)
        self.augment_check = QCheckBox(self.tr("rotate, shift, scale, thicken"))
        self.subset_combo = QComboBox()
        for n in SUBSETS:
            self.subset_combo.addItem("", n)
        self._retranslate_subsets()
        follow_language(self, self._on_language_changed)
        self.seed_spin = self._spin(0, 2 ** 31 - 1, 0)
        self.gradient_combo = self._gradient_combo()
        self.gradient_note = QLabel()
        self.gradient_note.setWordWrap(True)
        # quieter than the form's text, in either theme (a fixed grey is unreadable on dark)
        self.gradient_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.estimate_label = QLabel()
        self.estimate_label.setWordWrap(True)
        self._estimate_timer = QTimer(self, singleShot=True, interval=ESTIMATE_DELAY_MS)
        self._estimate_timer.timeout.connect(self._on_estimate_timer_timeout)
        self._estimate_thread = self._estimate_worker = None
        self._estimate_dirty = False      # the settings changed while the form was hidden
        self.estimate_seconds: float | None = None   # the last estimate shown
        self._retranslate_samplings()
        self._retranslate_kinds()
        self._describe_controls()
        self._add_rows(form)
        self.hidden_edit.textChanged.connect(self._on_shape_changed)
        self.subset_combo.currentIndexChanged.connect(self._on_shape_changed)
        self.gradient_combo.currentIndexChanged.connect(self._on_shape_changed)
        self._connect_changes()
        self.network_combo.activated.connect(self._on_network_combo_activated)
        self.set_config(DEFAULT_CONFIG)

    def _describe_controls(self) -> None:
        """Tool tips (names come from the form's labels; gui.accessibility)."""
        tips = (
            (self.network_combo, self.tr("The kind of network: fully connected (the course's "
                                         "784-hidden-10) or convolutional (the book's chapter 7); "
                                         "choosing one sets its own defaults")),
            (self.conv_edit, self.tr("Convolution stages, filters x size separated by commas "
                                     "(e.g. 16x5, 32x5); each is followed by ReLU and 2x2 pooling")),
            (self.activation_combo, self.tr("The function after each hidden layer: ReLU, sigmoid "
                                            "(the course's) or tanh")),
            (self.init_combo, self.tr("How the first weights are drawn: He, Xavier, or a standard "
                                      "deviation such as the course's 0.01")),
            (self.optimizer_combo, self.tr("How each step uses the gradient: SGD (the course's), "
                                           "Momentum, Nesterov, AdaGrad, RMSprop or Adam")),
            (self.schedule_combo, self.tr("How the learning rate changes during the run: constant, "
                                          "halved in steps, or a cosine curve")),
            (self.batch_spin, self.tr("Images per gradient step (the course's batch_size 100)")),
            (self.epochs_spin, self.tr("Passes over the training images; for a run given in "
                                       "iterations, the epochs it covers")),
            (self.initial_check, self.tr("Also measure the accuracies once before the first step")),
            (self.sampling_combo, self.tr("How each mini-batch is chosen: a new shuffle every "
                                          "epoch, or rng.choice at every iteration as the course")),
            (self.all_train_check, self.tr("Measure the train accuracy on every training image "
                                           "as the course does, instead of the first 10,000")),
            (self.decay_spin, self.tr("L2 penalty on the weights: 0.5 x weight decay x sum of W²")),
            (self.dropout_spin, self.tr("Share of hidden neurons switched off at random in each "
                                        "training step")),
            (self.augment_check, self.tr("Train on randomly rotated, shifted, scaled and thickened "
                                         "copies of the images")),
            (self.subset_combo, self.tr("How many MNIST training images the run uses")),
            (self.seed_spin, self.tr("The random generator's seed: the same seed gives the same "
                                     "run")),
            (self.gradient_combo, self.tr("How the gradient is computed: backprop, or the course's "
                                          "numerical gradient (slow)")),
        )
        for widget, tip in tips:
            widget.setToolTip(tip)

    def _connect_changes(self) -> None:
        """config_changed for every setting; the Epochs field follows a run given in iterations."""
        for widget in (self.network_combo, self.conv_edit, self.hidden_edit, self.activation_combo, self.init_combo,
                       self.optimizer_combo, self.schedule_combo, self.batch_spin, self.epochs_spin,
                       self.iterations_spin, self.initial_check, self.sampling_combo,
                       self.all_train_check, self.decay_spin, self.dropout_spin, self.augment_check,
                       self.subset_combo, self.seed_spin, self.gradient_combo, self.lr_spin):
            signal = {QLineEdit: "textChanged", QComboBox: "currentIndexChanged",
                      QCheckBox: "toggled"}.get(type(widget), "valueChanged")
            getattr(widget, signal).connect(self._on_setting_changed)

    @Slot()
    def _on_setting_changed(self) -> None:
        choice = self.sampling_combo.currentData() == "choice"
        self.initial_check.setEnabled(not choice and self.sampling_combo.isEnabled())
        try:
            config = self.config()
        except ValueError:   # set_config() half-way
            return
        self.epochs_spin.show_epochs_run(
            None if config.iterations is None else config.epochs_run(config.train_size or 60_000))
        self._ask_estimate()
        self.config_changed.emit()

    # --- the time estimate ----------------------------------------------------------------
    def _ask_estimate(self) -> None:
        """Measure the run's time anew once the settings rest (nn.training.estimate)."""
        self.estimate_seconds = None
        self._estimate_dirty = False
        self._show_estimate()
        self._estimate_timer.start()

    def _show_estimate(self) -> None:
        seconds = self.estimate_seconds
        if seconds is None:
            text = self.tr("measuring a few mini-batches…") if self.validation_message() is None else ""
        else:
            text = self.tr("about {0} min here").format(max(1, round(seconds / 60)))
        self.estimate_label.setText(text)
        self.estimate_label.setToolTip(self.tr(
            "How long the run should take on this computer: a few mini-batches of this network are "
            "measured before Start and multiplied by the run's iterations, plus the accuracy "
            "evaluations"))

    @Slot()
    def _on_estimate_timer_timeout(self) -> None:
        if not self.isVisible():
            self._estimate_dirty = True
            return
        if self._estimate_thread is not None:
            self._estimate_timer.start()      # after the measurement under way
            return
        if self.validation_message() is not None:
            return
        config = self.config()
        self._estimate_worker = TaskWorker(
            lambda: estimate_training_seconds(config, rng=np.random.default_rng(config.seed)))
        self._estimate_worker.finished.connect(self._on_estimate_worker_finished, QUEUED)
        # the application's thread, not the form's: a form closed mid-measurement cannot take a
        # running thread down with it (the measurement ends within a few seconds)
        self._estimate_thread = start_worker(self._estimate_worker, QCoreApplication.instance())

    @Slot(object)
    def _on_estimate_worker_finished(self, seconds) -> None:
        join_thread(self._estimate_thread)
        self._estimate_thread = self._estimate_worker = None
        if seconds is not None and not self._estimate_timer.isActive():
            self.estimate_seconds = float(seconds)
            self._show_estimate()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._estimate_dirty:
            self._estimate_dirty = False
            self._estimate_timer.start()

    def shutdown(self) -> None:
        """Wait for a time measurement under way (the window closes)."""
        self._estimate_timer.stop()
        join_thread(self._estimate_thread)
        self._estimate_thread = self._estimate_worker = None

    def _add_rows(self, form: QFormLayout) -> None:
        form.addRow(self.tr("Network"), self._pair(self.network_combo, self.tr("Conv stages"),
                                                   self.conv_edit))
        self.network_combo.setAccessibleName(self.tr("Network"))
        form.addRow(self.tr("Hidden layers"), self.hidden_edit)
        form.addRow(self.tr("Activation"), self.activation_combo)
        form.addRow(self.tr("Weight init"), self.init_combo)
        form.addRow(self.tr("Optimizer"), self.optimizer_combo)
        form.addRow(self.tr("Learning rate"), self._build_lr_row())
        form.addRow(self.tr("LR schedule"), self.schedule_combo)
        form.addRow(self.tr("Mini-batch size"), self._pair(self.batch_spin, self.tr("Gradient"),
                                                           self.gradient_combo))
        self.batch_spin.setAccessibleName(self.tr("Mini-batch size"))
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        form.addRow(self.tr("Iterations"), self.iterations_spin)
        form.addRow("", self.initial_check)
        form.addRow(self.tr("Mini-batches"), self.sampling_combo)
        form.addRow("", self.all_train_check)
        # Two short settings share a row: the column fits at 1280x800 without scrolling.
        form.addRow(self.tr("Weight decay"), self._pair(self.decay_spin, self.tr("Dropout"),
                                                        self.dropout_spin))
        form.addRow(self.tr("Augmentation"), self.augment_check)
        form.addRow(self.tr("Training images"), self._pair(self.subset_combo, self.tr("Seed"),
                                                           self.seed_spin))
        self.decay_spin.setAccessibleName(self.tr("Weight decay"))      # the row's label names it
        self.subset_combo.setAccessibleName(self.tr("Training images"))
        self.gradient_combo.setAccessibleName(self.tr("Gradient"))
        form.addRow(self.gradient_note)
        form.addRow(self.tr("Time"), self.estimate_label)

    @staticmethod
    def _pair(first: QWidget, label: str, second: QWidget) -> QWidget:
        """first, then label and second, in one form row; each control named by its label."""
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(label)
        caption.setBuddy(second)
        box.addWidget(first, 1)
        box.addSpacing(6)
        box.addWidget(caption)
        box.addWidget(second, 1)
        return row

    @staticmethod
    def _combo(items) -> QComboBox:
        combo = QComboBox()
        combo.addItems(list(items))
        return combo

    def _gradient_combo(self) -> QComboBox:
        combo = QComboBox()
        labels = {"backprop": self.tr("backprop"), "numerical": self.tr("numerical (slow)")}
        for method in GRADIENT_METHODS:
            combo.addItem(labels[method], method)
        return combo

    @staticmethod
    def _spin(low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    @staticmethod
    def _double(low: float, high: float, value: float, decimals: int, step: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setDecimals(decimals)
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setValue(value)
        return spin

    def _build_lr_row(self) -> QWidget:
        row = self._lr_row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.lr_slider = QSlider(Qt.Orientation.Horizontal)
        self.lr_slider.setRange(LR_MIN_EXP * LR_STEPS_PER_DECADE, LR_MAX_EXP * LR_STEPS_PER_DECADE)
        self.lr_slider.setToolTip(self.tr("Logarithmic: each notch multiplies the learning rate"))
        self.lr_slider.setAccessibleName(self.tr("Learning rate (slider)"))
        self.lr_spin = self._double(10.0 ** LR_MIN_EXP, 10.0 ** LR_MAX_EXP, 0.1, 4, 0.01)
        self.lr_spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.lr_spin.setAccessibleName(self.tr("Learning rate"))
        self.lr_spin.setToolTip(self.tr("The step size: weights -= learning rate x gradient "
                                        "(the course's 0.1); may be changed during a run"))
        layout.addWidget(self.lr_slider, 1)
        layout.addWidget(self.lr_spin)
        self.lr_slider.valueChanged.connect(self._on_lr_slider_valueChanged)
        self.lr_spin.valueChanged.connect(self._on_lr_spin_valueChanged)
        return row

    @Slot(int)
    def _on_lr_slider_valueChanged(self, position: int) -> None:
        lr = float(f"{10.0 ** (position / LR_STEPS_PER_DECADE):.3g}")
        if not math.isclose(lr, self.lr_spin.value(), rel_tol=1e-3):
            self.lr_spin.setValue(lr)

    @Slot(float)
    def _on_lr_spin_valueChanged(self, lr: float) -> None:
        position = round(math.log10(max(lr, 1e-12)) * LR_STEPS_PER_DECADE)
        self.lr_slider.blockSignals(True)
        self.lr_slider.setValue(position)
        self.lr_slider.blockSignals(False)
        self.lr_changed.emit(lr)

    @Slot()
    def _on_shape_changed(self) -> None:
        sizes = hidden_sizes_or_none(self.hidden_edit.text())
        n = weight_count(sizes) if sizes is not None else 0
        note = self.tr(
            "Numerical gradient: only for a tiny network (at most {0:,} weights; this one has {1:,}) "
            "and {2:,} training images.").format(NUMERICAL_MAX_PARAMS, n, NUMERICAL_MAX_IMAGES)
        self.gradient_note.setText(note)
        self.gradient_combo.setToolTip(note)
        # the note matters once the numerical gradient is chosen; until then it is the tool tip
        self.gradient_note.setVisible(self.gradient_combo.currentData() == "numerical")

    def lr(self) -> float:
        return self.lr_spin.value()

    def set_lr(self, lr: float) -> None:
        self.lr_spin.setValue(lr)

    def follow_advice(self, divergence: Divergence) -> None:
        """Lower what a divergence blames, the learning rate or the weight decay, to its suggestion."""
        if divergence.blame == "weight_decay":
            self.decay_spin.setValue(divergence.suggestion)
        elif divergence.blame == "lr":
            self.set_lr(divergence.suggestion)

    def validation_error(self) -> str | None:
        """A sentence saying why the settings cannot start a run, or None.

        The rules are nn.train_config's (the command line's too): the hidden sizes, the numerical
        gradient's limits, and the memory the run would need (nn.budget).
        """
        make = self.validation_message()
        return None if make is None else make()

    def validation_message(self) -> Callable[[], str] | None:
        """What validation_error() says, as a function making it in the current language (shown
        text follows a language switch; gui.live_text), or None."""
        text = self.hidden_edit.text()
        stages = self.conv_edit.text()
        if self.is_conv() and conv_or_none(stages) is None:
            return lambda: self.tr("Conv stages: expected convolution stages FILTERSxSIZE separated "
                                   "by commas, sizes 1..28 (e.g. 16x5, 32x5), got {0}.").format(
                quoted(stages))
        if self.is_conv():
            try:
                self.config()
            except ValueError:
                return lambda: self.tr("Conv stages: {0} shrink the 28×28 image to nothing: use "
                                       "fewer stages or smaller filters.").format(quoted(stages))
        try:
            parse_hidden_sizes(text)
        except HiddenSizesTooLarge:
            return lambda: self.tr("Hidden layers: at most {0} layers of at most {1:,} neurons "
                                   "each.").format(MAX_HIDDEN_LAYERS, MAX_HIDDEN_SIZE)
        except ValueError:
            pass
        if hidden_sizes_or_none(text) is None:
            return lambda: self.tr("Hidden layers: expected positive layer sizes separated by commas "
                                   "(e.g. 100,50), got {0}.").format(quoted(text))
        config = self.config()
        if config.gradient == "numerical" and numerical_gradient_refusal(
                weight_count(config.hidden_sizes), config.train_size) is not None:
            return lambda: self.tr("The numerical gradient needs two forward passes per weight: use at most "
                                   "{0:,} weights (e.g. hidden layers '10') and {1:,} training images.").format(
                NUMERICAL_MAX_PARAMS, NUMERICAL_MAX_IMAGES)
        needed, limit = estimate_training_memory(config).total, memory_limit()
        if needed > limit:
            return lambda: self.tr("This network would need {0} of memory, more than the {1} DigitLab allows "
                                   "itself on this computer: use smaller hidden layers or a smaller mini-batch."
                                   ).format(format_bytes(needed), format_bytes(limit))
        return None

    def is_conv(self) -> bool:
        """True when the Network choice is the convolutional network."""
        return self.network_combo.currentData() == "conv"

    def config(self) -> TrainConfig:
        """The settings as a TrainConfig (call validation_error() first)."""
        conv = self.is_conv()
        return TrainConfig(
            model_kind="conv" if conv else "mlp",
            conv=(conv_or_none(self.conv_edit.text()) or CONV_STAGES) if conv else CONV_STAGES,
            hidden_sizes=hidden_sizes_or_none(self.hidden_edit.text()) or (),
            activation="relu" if conv else self.activation_combo.currentText(),
            weight_init=self.init_combo.currentText(),
            optimizer=self.optimizer_combo.currentText(), lr=self.lr(),
            schedule=self.schedule_combo.currentText(), batch_size=self.batch_spin.value(),
            epochs=self.epochs_spin.value(), weight_decay=self.decay_spin.value(),
            dropout=self.dropout_spin.value(), augment=self.augment_check.isChecked(),
            train_size=self.subset_combo.currentData(), seed=self.seed_spin.value(),
            gradient="backprop" if conv else self.gradient_combo.currentData(), dtype=self._dtype,
            iterations=self.iterations_spin.value() or None,
            sampling=self.sampling_combo.currentData(),
            # the course's loop records from i = 0: no epoch 0 before it
            record_initial=(self.initial_check.isChecked()
                            and self.sampling_combo.currentData() != "choice"),
            train_accuracy_size=None if self.all_train_check.isChecked() else TRAIN_ACCURACY_SAMPLES)

    def set_config(self, config: TrainConfig) -> None:
        """Show config in the form."""
        self.network_combo.setCurrentIndex(max(self.network_combo.findData(config.model_kind), 0))
        self.conv_edit.setText(conv_text(config.conv))
        self.hidden_edit.setText(", ".join(str(s) for s in config.hidden_sizes))
        self.activation_combo.setCurrentText(config.activation)
        self.init_combo.setCurrentText(str(config.weight_init))
        self.optimizer_combo.setCurrentText(config.optimizer)
        self.set_lr(config.lr)
        self.schedule_combo.setCurrentText(config.schedule)
        self.batch_spin.setValue(config.batch_size)
        self.epochs_spin.setValue(config.epochs)
        self.iterations_spin.setValue(config.iterations or 0)
        self.initial_check.setChecked(config.record_initial)
        self.sampling_combo.setCurrentIndex(max(self.sampling_combo.findData(config.sampling), 0))
        self.all_train_check.setChecked(config.train_accuracy_size is None)
        self._dtype = config.dtype
        self.decay_spin.setValue(config.weight_decay)
        self.dropout_spin.setValue(config.dropout)
        self.augment_check.setChecked(config.augment)
        index = self.subset_combo.findData(config.train_size or 60_000)
        self.subset_combo.setCurrentIndex(max(index, 0))
        self.seed_spin.setValue(config.seed)
        self.gradient_combo.setCurrentIndex(max(self.gradient_combo.findData(config.gradient), 0))
        self._on_shape_changed()
        self._enable_for_kind()

    @Slot(int)
    def _on_network_combo_activated(self, _index: int) -> None:
        """The user chose a kind of network: the form takes that kind's own defaults."""
        if self.is_conv():
            self.hidden_edit.setText(", ".join(str(h) for h in CONV_HIDDEN_SIZES))
            self.activation_combo.setCurrentText("relu")
            self.optimizer_combo.setCurrentText(CONV_OPTIMIZER)
            self.set_lr(CONV_LR)
            self.gradient_combo.setCurrentIndex(self.gradient_combo.findData("backprop"))
        else:
            self.hidden_edit.setText(", ".join(str(h) for h in DEFAULT_CONFIG.hidden_sizes))
            self.activation_combo.setCurrentText(DEFAULT_CONFIG.activation)
            self.optimizer_combo.setCurrentText(DEFAULT_CONFIG.optimizer)
            self.set_lr(DEFAULT_CONFIG.lr)
        self._enable_for_kind()

    def _enable_for_kind(self, running: bool = False) -> None:
        """A convolutional network has its stages, uses ReLU and trains with backprop."""
        conv = self.is_conv()
        self.conv_edit.setEnabled(conv and not running)
        self.activation_combo.setEnabled(not conv and not running)
        self.gradient_combo.setEnabled(not conv and not running)

    def _retranslate_samplings(self) -> None:
        names = {"shuffle": self.tr("shuffled, each image once per epoch"),
                 "choice": self.tr("rng.choice each iteration (the course)")}
        for index, sampling in enumerate(SAMPLINGS):
            self.sampling_combo.setItemText(index, names[sampling])

    def _retranslate_kinds(self) -> None:
        names = {"mlp": self.tr("fully connected"), "conv": self.tr("convolutional")}
        for index, kind in enumerate(MODEL_KINDS):
            self.network_combo.setItemText(index, names[kind])

    def _retranslate_subsets(self) -> None:
        for index, n in enumerate(SUBSETS):
            self.subset_combo.setItemText(index, self.tr("{0:,} images").format(n))

    def _on_language_changed(self) -> None:
        # the fixed texts are set again by the window (gui.live_text.retranslate_tree); these carry values
        self._retranslate_subsets()
        self._retranslate_samplings()
        self._retranslate_kinds()
        self._on_shape_changed()
        self._show_estimate()

    def settings_state(self) -> dict:
        """Every setting, as TrainConfig.to_dict() (remembered between sessions)."""
        return self.config().to_dict()

    def apply_settings_state(self, state: dict) -> None:
        """Take back settings_state(); {} gives the defaults, a damaged set keeps the form (logged)."""
        try:
            config = TrainConfig.from_dict(state) if state else DEFAULT_CONFIG
        except (TypeError, ValueError) as error:
            logging.getLogger("digitlab.settings").warning("Ignoring the training settings: %s", error)
            return
        self.set_config(config)

    def set_running(self, running: bool) -> None:
        """While a run goes, only the learning rate stays editable (it takes effect next iteration)."""
        for child in self.findChildren(QWidget):
            if child is not self._lr_row and child.parent() is self:
                child.setEnabled(not running)
        # the course's loop records from i = 0: no epoch 0 before it
        self.initial_check.setEnabled(not running and self.sampling_combo.currentData() != "choice")
        self._enable_for_kind(running)


class SettingsScroll(QScrollArea):
    """The form in a scroll area that scrolls up and down only: it asks for the form's full width
    plus its vertical scroll bar, so no field or label is ever cut at the side (in any language)."""

    def __init__(self, form: TrainingSettings) -> None:
        super().__init__()
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _width(self) -> int:
        return (self.widget().minimumSizeHint().width() + 2 * self.frameWidth()
                + self.verticalScrollBar().sizeHint().width())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self._width(), self.widget().sizeHint().height() + 2 * self.frameWidth())

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()     # new texts (a language switch) may need another width
        return super().eventFilter(watched, event)
