"""gui/training/controls.py: the run buttons per state, the progress line, the divergence banner."""
import math

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from digitlab.gui.training.controls import TrainingControls, format_seconds
from digitlab.gui.training.state import RunState
from digitlab.gui.workers import Stage, WorkerFailure
from digitlab.nn.training.trainer import Divergence, IterationEvent, Progress


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
        divergence = Divergence.of_loss(math.inf, 3, lr, 2.3)
        controls.show_divergence(divergence)
        suggested = float(divergence.message().rsplit("Try ", 1)[1].rstrip("."))
        assert divergence.suggestion == suggested
        assert controls.recover_button.text() == f"Lower the learning rate to {suggested:g} and reset"
        assert f"The learning rate ({lr:g}) is too large" in controls.banner_label.text()
        assert not controls.banner.isHidden() and not controls.recover_button.isHidden()


def test_a_weight_decay_divergence_blames_and_lowers_the_weight_decay(controls):
    divergence = Divergence.of_loss(math.inf, 3, 0.1, 904.0, weight_decay=30.0, penalty=902.0)
    controls.show_divergence(divergence)
    text = controls.banner_label.text()
    assert "The weight decay (30) is too large" in text and "learning rate" not in text
    assert controls.recover_button.text() == "Lower the weight decay to 0.1 and reset"


def test_too_large_initial_weights_are_named_and_no_button_pretends_to_fix_them(controls):
    divergence = Divergence.of_loss(math.nan, 1, 0.1, None)
    controls.show_divergence(divergence)
    assert "initial weights are too large" in controls.banner_label.text()
    assert controls.recover_button.isHidden()


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


def test_the_banner_is_all_in_korean_in_korean(controls, qtbot):
    from PySide6.QtWidgets import QApplication
    from digitlab.gui.language import set_language
    app = QApplication.instance()
    set_language(app, "ko")
    try:
        controls.show_divergence(Divergence.of_loss(math.inf, 12, 10.0, 2.3))
        text = controls.banner_label.text()
        assert "학습률(10)" in text and "반복 12" in text
        assert "learning rate" not in text and "iteration" not in text and "Training" not in text
        assert controls.recover_button.text() == "학습률을 0.1(으)로 낮추고 초기화"
    finally:
        set_language(app, "en")
