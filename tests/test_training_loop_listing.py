"""gui/training/loop_listing.py: the loop beside the curves is the loop that runs."""
import numpy as np
import pytest

from digitlab.gui.training.tab import TrainingTab
from synthetic_digits import synthetic_cache


@pytest.fixture
def tab(qtbot):
    widget = TrainingTab(data=synthetic_cache())
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def run_to_the_end(qtbot, tab):
    losses = []
    real = tab.plots.add_iterations
    tab.plots.add_iterations = lambda iterations, values, lrs: (losses.extend(values),
                                                                real(iterations, values, lrs))
    assert tab.start()
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=60_000)
    return losses


def listed_run(tab):
    """The listing on screen, executed on the tab's data."""
    (x_train, t_train), (x_test, t_test) = tab.data.get()
    return tab.loop_listing.listing.run(x_train=x_train, t_train=t_train, x_test=x_test,
                                        t_test=t_test)


@pytest.mark.parametrize("course", [True, False])
def test_the_listed_code_gives_the_runs_records(qtbot, tab, course):
    settings = tab.settings
    if course:
        tab.course_tools.course_button.click()
        settings.iterations_spin.setValue(25)          # 200 images of 20: i = 0, 10, 20 recorded
    else:
        settings.optimizer_combo.setCurrentText("momentum")
        settings.epochs_spin.setValue(2)
        settings.initial_check.setChecked(True)
    settings.batch_spin.setValue(20)
    settings.hidden_edit.setText("8")
    losses = run_to_the_end(qtbot, tab)
    variables = listed_run(tab)
    assert [float(loss) for loss in variables["train_loss_list"]] == losses
    records = [(train, test) for _, train, test in tab.plots._epochs]
    assert list(zip(variables["train_acc_list"], variables["test_acc_list"])) == records
    assert len(records) == (3 if course else 3)
    assert tab.loop_listing.printed() == variables["printed"]
    assert tab.loop_listing.printed()[0] == "train acc, test acc | {:.4f}, {:.4f}".format(*records[0])
    if course:   # 25 iterations of 10 per epoch
        assert tab.progress_label.text().startswith("Finished after 25 iterations (2.50 epochs).")
    source = tab.loop_listing.listing.source
    assert ("rng.choice(train_size, batch_size)" in source) == course
    assert ("rng.permutation(train_size)" in source) != course
    assert ("network.accuracy(x_train, t_train)" in source) == course


def test_the_listing_follows_the_settings_before_a_run(qtbot, tab):
    listing = tab.loop_listing
    settings = tab.settings
    assert "Momentum(lr=learning_rate)" in listing.listing.source     # the defaults
    settings.optimizer_combo.setCurrentText("adam")
    settings.activation_combo.setCurrentText("tanh")
    assert "Adam(lr=learning_rate)" in listing.listing.source
    assert "activation='tanh'" in listing.listing.source
    settings.all_train_check.setChecked(True)
    assert "network.accuracy(x_train, t_train)" in listing.listing.source
    tab.course_tools.course_button.click()
    assert listing.listing.name == "training_loop"
    assert "network.params[key] -= learning_rate * grad[key]" in listing.listing.source
    assert listing.editor.toPlainText() == listing.listing.source       # English: as it runs


def test_epochs_shows_the_epochs_a_run_in_iterations_runs(qtbot, tab):
    settings = tab.settings
    tab.course_tools.course_button.click()
    assert settings.epochs_spin.text() == "16.67"                       # 10,000 / 600
    assert settings.epochs_spin.isReadOnly()
    assert not settings.initial_check.isEnabled()                       # the course records from i = 0
    settings.subset_combo.setCurrentIndex(0)                            # 1,000 images: 10 an epoch
    assert settings.epochs_spin.text() == "1000.00"
    settings.iterations_spin.setValue(0)
    assert settings.epochs_spin.text() == str(settings.epochs_spin.value())
    assert not settings.epochs_spin.isReadOnly()
    settings.sampling_combo.setCurrentIndex(settings.sampling_combo.findData("shuffle"))
    assert settings.initial_check.isEnabled()


def test_the_code_panel_speaks_korean(qtbot, tab):
    import re
    from PySide6.QtWidgets import QApplication
    from digitlab.gui.app import set_language
    tab.course_tools.course_button.click()
    try:
        set_language(QApplication.instance(), "ko")
        qtbot.wait(20)
        comments = re.findall(r"#\s?(.*)", tab.loop_listing.editor.toPlainText())
        assert len(comments) >= 6
        assert all(re.search("[\uac00-\ud7a3]", comment) for comment in comments), comments
        assert "rng.choice(train_size, batch_size)" in tab.loop_listing.editor.toPlainText()
        assert tab.settings.sampling_combo.currentText() == "매 반복 rng.choice (강의)"
    finally:
        set_language(QApplication.instance(), "en")
    qtbot.wait(20)
    assert tab.loop_listing.editor.toPlainText() == tab.loop_listing.listing.source
