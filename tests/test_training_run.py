"""gui/training/run.py (TrainingRun) through the Training tab, on its real worker thread with a tiny synthetic data set (no MNIST needed):
worker failures, Reset against queued signals, save failures, and 200 random button presses."""
import os
import random
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QFileDialog, QMessageBox

from digitlab.nn.files import model_io

from digitlab.nn.training import trainer as nn_trainer
from digitlab.gui.training import save_dialog
from digitlab.gui.training import worker as training_worker
from digitlab.gui.training.tab import TrainingTab
from digitlab.nn.files.model_io import ModelFileError, load_model
from digitlab.nn.training.trainer import TrainConfig, Trainer
from synthetic_digits import synthetic_cache

BUSY = ("loading", "running", "paused")


def running_threads(widget):
    return [thread for thread in widget.findChildren(QThread) if thread.isRunning()]


@pytest.fixture
def tab(qtbot):
    widget = TrainingTab(data=synthetic_cache())
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()
    assert running_threads(widget) == []


def configure(tab, **changes):
    # 200 synthetic images (the smallest subset, 1,000, is cut to what the data has)
    base = dict(hidden_sizes=(10,), lr=0.1, batch_size=10, epochs=2, train_size=1_000, seed=3)
    base.update(changes)
    tab.settings.set_config(TrainConfig(**base))


def wait_idle(qtbot, tab, timeout=10_000):
    qtbot.waitUntil(lambda: tab.state not in BUSY, timeout=timeout)


def error_boxes(tab):
    return [box for box in tab.findChildren(QMessageBox) if box.isVisible()]


def assert_buttons_match(tab):
    busy = tab.state in BUSY
    assert tab.start_button.isEnabled() is not busy
    assert tab.stop_button.isEnabled() is busy
    assert tab.pause_button.isEnabled() is (tab.state in ("running", "paused"))
    assert tab.reset_button.isEnabled()
    if not busy:
        assert running_threads(tab) == []    # Start is offered only when nothing runs


def test_a_short_run_on_the_worker_thread_keeps_a_tested_model(qtbot, tab):
    configure(tab)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=10_000)
    assert tab.last_finished.reason == "completed"
    assert tab.plots.point_counts() == {"loss": 40, "lr": 40, "epochs": 2}
    assert tab.model is not None and tab.has_unsaved_model() and tab.save_button.isEnabled()
    (_, _), (x_test, t_test) = tab.data.get()
    assert tab.evaluation_panel.evaluation.accuracy == pytest.approx(tab.model.accuracy(x_test, t_test))
    assert_buttons_match(tab)


def failing_after(original, count, error):
    def run(self):
        for i, event in enumerate(original(self)):
            if i == count:
                raise error
            yield event
    return run


def test_an_error_in_the_trainer_ends_in_a_message_and_a_working_tab(qtbot, tab, monkeypatch, caplog):
    original = Trainer.run
    monkeypatch.setattr(Trainer, "run", failing_after(original, 3, RuntimeError("simulated trainer fault")))
    configure(tab, epochs=5)
    with caplog.at_level("ERROR", logger="digitlab"):
        assert tab.start()
        wait_idle(qtbot, tab)
    assert tab.state == "idle" and tab.model is None
    assert_buttons_match(tab)
    box, = error_boxes(tab)
    assert box.text() == tab.progress_label.text() and "press Start" in box.text()
    assert "RuntimeError: simulated trainer fault" in box.informativeText()
    assert "Traceback" in box.detailedText() and "simulated trainer fault" in box.detailedText()
    assert "simulated trainer fault" in caplog.text   # the traceback is in the log
    box.close()
    monkeypatch.setattr(Trainer, "run", original)
    tab.start_button.click()                           # the tab works again
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=10_000)
    assert tab.last_finished.reason == "completed" and tab.model is not None


def test_an_error_in_the_final_evaluation_keeps_the_model(qtbot, tab, monkeypatch):
    def broken_evaluate(*args):
        raise MemoryError("simulated evaluation fault")
    monkeypatch.setattr(training_worker, "evaluate", broken_evaluate)
    configure(tab)
    assert tab.start()
    wait_idle(qtbot, tab)
    assert tab.state == "finished" and tab.model is not None and tab.has_unsaved_model()
    assert tab.use_button.isEnabled() and tab.save_button.isEnabled()
    assert tab.metadata["test_accuracy"] == tab.last_finished.test_accuracy   # the last epoch's
    box, = error_boxes(tab)
    assert "kept" in box.text() and "simulated evaluation fault" in box.detailedText()
    assert_buttons_match(tab)


def test_a_failure_before_training_says_what_to_do(qtbot, tab, monkeypatch):
    def no_memory(config, rng):
        raise MemoryError("simulated: no memory for the network")
    monkeypatch.setattr(nn_trainer, "build_network", no_memory)   # Trainer.from_config's
    configure(tab)
    assert tab.start()
    wait_idle(qtbot, tab)
    box, = error_boxes(tab)
    assert "Start again" in box.text() and "no memory for the network" in box.informativeText()
    assert tab.state == "idle"
    assert_buttons_match(tab)


def test_reset_drops_the_signals_the_old_run_had_queued(qtbot, tab):
    configure(tab, batch_size=1, epochs=200)   # runs far longer than the test
    snapshots = []
    tab.live_model.connect(snapshots.append)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.state == "running", timeout=10_000)
    # a busy GUI thread: meanwhile the worker queues progress, a snapshot, an epoch...
    time.sleep(0.6)
    tab.reset_button.click()
    snapshots.clear()
    qtbot.wait(300)                            # ... which now arrive, and must be dropped
    assert tab.plots.point_counts() == {"loss": 0, "lr": 0, "epochs": 0}
    assert tab.progress_label.text() == "Press Start to train."
    assert tab.progress_bar.value() == 0
    assert snapshots == []                     # nothing reaches the Draw tab
    assert tab.state == "idle" and tab.model is None and tab.evaluation_panel.evaluation is None
    assert_buttons_match(tab)


def test_the_old_run_cannot_end_the_next_one(qtbot, tab):
    configure(tab, batch_size=1, epochs=200)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.state == "running", timeout=10_000)
    time.sleep(0.3)
    tab.reset_button.click()
    configure(tab, batch_size=1, epochs=199)   # a second long run
    assert tab.start()                         # before the old run's queued signals are handled
    qtbot.wait(300)
    assert tab.state in ("loading", "running") and tab.model is None and tab.last_finished is None
    assert tab.metadata["training"]["epochs"] == 199
    tab.stop_button.click()
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=10_000)
    assert tab.last_finished.reason == "stopped" and tab.model is not None


@pytest.mark.parametrize("error", [ModelFileError("simulated: cannot write the model file"),
                                   OSError(28, "No space left on device")])
def test_a_failed_save_keeps_the_model_and_offers_a_writable_folder(qtbot, tab, monkeypatch, tmp_path, error):
    configure(tab)
    tab.start()
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=10_000)
    real_save = model_io.save_model
    attempts = []

    def save_failing_on_first(path, network, metadata):
        attempts.append(Path(path).name)
        if Path(path).name == "first.npz":
            raise error
        real_save(path, network, metadata)
    monkeypatch.setattr(model_io, "save_model", save_failing_on_first)
    messages, offered = [], []
    monkeypatch.setattr(save_dialog, "show_error", lambda *args, **kwargs: messages.append(args),
                        raising=False)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: messages.append(args)))
    answers = ["", str(tmp_path / "second.npz")]   # first the user cancels the dialog, then picks a file

    def dialog(parent, caption, start, filter):
        offered.append(start)
        return answers.pop(0), filter
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    first = tmp_path / "first.npz"
    assert tab.save(first) is False                # failed, then cancelled: nothing lost
    assert len(messages) == 1 and tab.model is not None and tab.has_unsaved_model()
    folder = Path(offered[0]).parent
    assert folder.is_dir() and os.access(folder, os.W_OK)
    assert tab.save(first)                         # fails again, and the user picks another file
    assert attempts == ["first.npz", "first.npz", "second.npz"] and len(messages) == 2
    network, _ = load_model(tmp_path / "second.npz")
    assert (network.params["W1"] == tab.model.params["W1"]).all()
    assert not tab.has_unsaved_model() and "second.npz" in tab.progress_label.text()


@pytest.mark.slow
def test_two_hundred_random_presses_leave_no_thread_behind(qtbot, tab):
    tab.show()
    qtbot.waitExposed(tab)
    configure(tab, epochs=15)                  # 300 iterations: some runs end on their own
    buttons = {"start": tab.start_button, "stop": tab.stop_button, "reset": tab.reset_button,
               "step": tab.step_button, "pause": tab.pause_button}
    rng = random.Random(8)
    started = time.perf_counter()
    for _ in range(200):
        buttons[rng.choice(sorted(buttons))].click()
        qtbot.wait(rng.choice((0, 1, 5, 20, 50)))
        assert_buttons_match(tab)
    tab.reset_button.click()
    assert running_threads(tab) == [] and tab.state == "idle"
    qtbot.wait(50)
    assert_buttons_match(tab)
    assert time.perf_counter() - started < 20


def test_reset_clears_the_last_runs_variables_from_the_listing(qtbot, tab):
    configure(tab)
    assert tab.start()
    wait_idle(qtbot, tab)
    assert tab.loop_listing.variable_text("loss") not in (None, "None")
    tab.reset_button.click()
    assert tab.loop_listing.table.rowCount() == 0
    assert tab.loop_listing.variable_text("train_acc_list") is None


def percents(text: str) -> list[str]:
    import re
    return re.findall(r"\d+\.\d+%", text)


def test_after_stop_the_message_and_the_plot_say_one_test_accuracy(qtbot, tab):
    configure(tab, epochs=200)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.plots.point_counts()["epochs"] >= 1, timeout=10_000)
    tab.stop_button.click()
    wait_idle(qtbot, tab)
    assert tab.last_finished.reason == "stopped"
    accuracy = tab.evaluation_panel.evaluation.accuracy
    shown = f"{accuracy:.2%}"
    assert percents(tab.progress_label.text()) == [shown], (tab.progress_label.text(), tab.plots.acc_text.toPlainText(), tab.last_finished)
    assert percents(tab.plots.acc_text.toPlainText()) == [shown]
    assert tab.metadata["test_accuracy"] == accuracy


def test_a_finished_run_shows_the_last_epochs_test_accuracy_as_the_message_does(qtbot, tab):
    configure(tab)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=10_000)
    message, plot = percents(tab.progress_label.text()), percents(tab.plots.acc_text.toPlainText())
    assert message == [plot[-1]]         # the same number with the same rounding
