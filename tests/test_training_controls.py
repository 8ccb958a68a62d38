"""gui/training/controls.py: the run buttons per state, the progress line, the divergence banner."""
import math

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from digitlab.gui.training.controls import TrainingControls, format_seconds
from digitlab.gui.training.state import RunState
from digitlab.gui.workers import Stage, WorkerFailure
from digitlab.nn.trainer import IterationEvent, Progress, divergence_message


@pytest.fixture
def controls(qtbot):
    widget = TrainingControls()
    qtbot.addWidget(widget)
    return widget


def test_format_seconds():
    assert format_seconds(1234.4) == "20:34"
    assert format_seconds(4000) == "1:06:40"
    assert format_seconds(-3) == "0:00"


@pytest.mark.parametrize("state, enabled", [
    (RunState.IDLE, {"start", "step", "use", "save"}),
    (RunState.LOADING, {"stop"}),
    (RunState.RUNNING, {"pause", "stop"}),
    (RunState.PAUSED, {"pause", "step", "stop"}),
    (RunState.FINISHED, {"start", "step", "use", "save"})])
def test_each_state_enables_its_buttons(controls, state, enabled):
    controls.set_state(state, has_model=True)
    buttons = {name: getattr(controls, f"{name}_button")
               for name in ("start", "pause", "step", "stop", "use", "save")}
    assert {name for name, button in buttons.items() if button.isEnabled()} == enabled
    assert controls.pause_button.text() == ("Resume" if state == RunState.PAUSED else "Pause")


def test_progress_shows_the_runs_pace_and_the_numerical_slowdown(controls):
    events = [IterationEvent(i, 2, 1.0, 0.1, 50.0, 40, 2.0 * i) for i in range(9, 11)]
    p = Progress.of(events, batch_size=10, epochs_total=4)
    controls.show_progress(p, backprop_seconds=None)
    assert controls.progress_bar.value() == 10 and controls.progress_bar.maximum() == 40
    assert controls.progress_label.text() == (
        "Epoch 2/4 · iteration 10/40 · 5 images/s · 1:00 left")   # 100 images in 20 s; 30 x 2 s
    assert controls.speed_label.text() == ""
    controls.show_progress(p, backprop_seconds=0.002)             # 0.2 s an iteration: 100x
    assert controls.speed_label.text().endswith("The numerical gradient is 100x slower.")


def test_the_banner_offers_the_learning_rate_the_message_suggests(controls):
    for lr in (1.0, 10.0, 0.5):
        message = divergence_message(math.inf, 3, lr, 2.3)
        offered = controls.show_divergence(lr, message)
        suggested = float(message.rsplit("Try ", 1)[1].rstrip("."))
        assert offered == suggested
        assert controls.recover_button.text() == f"Lower the learning rate to {suggested:g} and reset"
        assert not controls.banner.isHidden()


@pytest.mark.parametrize("stage, words", [(Stage.PREPARE, "could not start"),
                                          (Stage.EVALUATE, "it is kept"),
                                          (Stage.TRAIN, "network was discarded")])
def test_each_failure_says_what_to_do(controls, stage, words):
    failure = WorkerFailure(stage, "MemoryError: simulated", "Traceback ...")
    text = controls.show_failure(failure)
    assert words in text and controls.progress_label.text() == text
    box, = [box for box in controls.findChildren(QMessageBox) if box.isVisible()]
    assert box.text() == text and box.informativeText().startswith("MemoryError: simulated")
    assert box.detailedText() == "Traceback ..."
    box.close()


def test_state_values_are_the_words_state_changed_sends():
    assert [state.value for state in RunState] == ["idle", "loading", "running", "paused", "finished"]
    assert RunState.RUNNING == "running" and RunState.PAUSED.busy and not RunState.FINISHED.busy
    assert np.array_equal([s.busy for s in RunState], [False, True, True, True, False])
